import Ember
import Foundation

/// `ember models`: what can be called, what it costs, and what the local server serves.
enum ModelsCommand {
    static let specification = CommandSpecification(
        path: "ember models",
        overview: "List the models Ember knows, with context window, prices per million "
            + "tokens and aliases, and the models the local server serves.")

    static func run(_ arguments: [String]) async throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: specification)
        if parsed.wantsHelp {
            print(specification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(0)
        let context = EmberContext(settings: try EmberSettings.load())
        let configured = Set(context.models.providerNames)
        var rows = [["MODEL", "CONTEXT", "INPUT $/M", "CACHED $/M", "OUTPUT $/M", "ALIASES"]]
        for info in context.models.registry.all {
            let pricing = info.pricing
            let aliases = context.models.registry.aliases(of: info.id)
                .filter { $0 != info.id.model }
            rows.append([
                info.id.description + (configured.contains(info.provider) ? "" : " *"),
                info.contextWindow.map(String.init) ?? "?",
                pricing.map { "\($0.inputPerMillion)" } ?? "?",
                pricing?.cachedInputPerMillion.map { "\($0)" } ?? "-",
                pricing.map { "\($0.outputPerMillion)" } ?? "?",
                aliases.joined(separator: ", "),
            ])
        }
        print(TextTable(rows).render())
        print("* provider not configured (set its API key: 'ember config set "
            + "providers.NAME.api_key KEY', or its variable; see README).")

        let local = OpenAICompatibleProvider(baseURL: context.settings.localBaseURL, apiKey: nil,
                                             client: context.httpClient)
        do {
            let served = try await local.listModels()
            print("\nThe local server at \(context.settings.localBaseURL) serves: "
                + served.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
                + " (call it as local/<any name>).")
        } catch {
            print("\nThe local server at \(context.settings.localBaseURL) is not running "
                + "('ember local start' starts it).")
        }
        return 0
    }
}
