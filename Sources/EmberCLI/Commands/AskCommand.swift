import Ember
import Foundation

/// `ember ask MODEL PROMPT`: one prompt, one reply.
enum AskCommand {
    static let specification = CommandSpecification(
        path: "ember ask",
        overview: "Send one prompt to a model and print its reply on stdout; the finish "
            + "reason and token usage go to stderr.",
        arguments: [
            ArgumentSpecification(name: "MODEL",
                                  help: "The model, as provider/model (local/smollm2)."),
            ArgumentSpecification(name: "PROMPT", help: "The prompt text."),
        ],
        options: [
            OptionSpecification(name: "system", valueName: "TEXT",
                                help: "A system message sent before the prompt."),
            OptionSpecification(name: "temperature", valueName: "T",
                                help: "Sampling temperature from 0 to 2 (default: the "
                                    + "provider's)."),
            OptionSpecification(name: "max-tokens", valueName: "N",
                                help: "The most tokens to generate (default: 512)."),
        ])

    static func run(_ arguments: [String]) async throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: specification)
        if parsed.wantsHelp {
            print(specification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(2)
        let parameters = ModelParameters(
            temperature: try parsed.number("temperature", in: 0...2),
            maximumTokens: try parsed.integer("max-tokens", default: 512))
        var messages: [ChatMessage] = []
        if let system = parsed.value("system") { messages.append(.system(system)) }
        messages.append(.user(parsed.positionals[1]))

        let context = EmberContext(settings: try EmberSettings())
        let model = try context.resolve(model: parsed.positionals[0])
        try await LocalCommand.requireRunningServer(for: model, context: context)
        let response = try await context.models.complete(
            ModelRequest(messages: messages, parameters: parameters), model: model)
        print(response.text)
        var details = ["finish: \(response.finishReason?.rawValue ?? "not reported")"]
        if let usage = response.usage {
            details.append("tokens: \(usage.promptTokens) prompt + "
                + "\(usage.completionTokens) completion")
        } else {
            details.append("tokens: not reported")
        }
        printError("[\(model)] " + details.joined(separator: " · "))
        return 0
    }
}
