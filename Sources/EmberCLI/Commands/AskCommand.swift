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
                                help: "The most tokens to generate, from 1 to 1000000 "
                                    + "(default: 512)."),
            OptionSpecification(name: "stream",
                                help: "Print the reply as it is generated."),
            OptionSpecification(name: "json",
                                help: "Print the whole normalised response as JSON."),
            CacheCommand.modeOption,
        ])

    static func run(_ arguments: [String]) async throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: specification)
        if parsed.wantsHelp {
            print(specification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(2)
        let prompt = parsed.positionals[1]
        guard !prompt.allSatisfy(\.isWhitespace) else {
            throw UsageError(message: "The prompt is empty; give the text to send, in quotes "
                + "if it has spaces.", specification: specification)
        }
        let parameters = ModelParameters(
            temperature: try parsed.number("temperature", in: 0...2),
            maximumTokens: try parsed.integer("max-tokens", default: 512,
                                              in: OptionRanges.maximumTokens))
        var messages: [ChatMessage] = []
        if let system = parsed.value("system") { messages.append(.system(system)) }
        messages.append(.user(prompt))

        var settings = try EmberSettings.load()
        try CacheCommand.apply(parsed, to: &settings)
        let context = EmberContext(settings: settings)
        try CacheCommand.checkCache(of: context)
        let model = try context.resolve(model: parsed.positionals[0])
        try await LocalCommand.requireRunningServer(for: model, context: context)
        let request = ModelRequest(messages: messages, parameters: parameters)
        let response: ModelResponse
        if parsed.flags.contains("stream") {
            response = try await stream(request, model: model, context: context,
                                        printingText: !parsed.flags.contains("json"))
        } else {
            response = try await context.models.complete(request, model: model)
            if !parsed.flags.contains("json") { print(response.text ?? "") }
        }
        let cost = context.models.usage.cost(of: response, model: model)
        if parsed.flags.contains("json") {
            print(try ResponseDocument(model: model, response: response, cost: cost).json())
            return 0
        }
        var details = ["finish: \(response.finishReason?.rawValue ?? "not reported")"]
        if let usage = response.usage {
            details.append("tokens: \(usage.inputTokens) prompt + \(usage.outputTokens) completion")
        } else {
            details.append("tokens: not reported")
        }
        details.append("cost: " + (cost.map { "$\($0)" } ?? "unknown")
            + (response.isCached ? " (cached)" : ""))
        if let latency = response.latency {
            details.append(String(format: "%.2f s", latency.seconds))
        }
        printError("[\(model)] " + details.joined(separator: " · "))
        return 0
    }

    /// Streams the reply to stdout as it arrives and returns the finished response.
    private static func stream(_ request: ModelRequest, model: ModelID, context: EmberContext,
                               printingText: Bool) async throws -> ModelResponse {
        var finished: ModelResponse?
        for try await event in context.models.stream(request, model: model) {
            switch event {
            case .textDelta(let text):
                if printingText {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            case .completed(let response):
                finished = response
            }
        }
        // Through the same handle as the text, so the line ends before the usage line that
        // goes to stderr next, even when both streams share one pipe.
        if printingText { FileHandle.standardOutput.write(Data("\n".utf8)) }
        guard let finished else {
            throw ModelError.truncatedStream(url: model.description, partialText: "")
        }
        return finished
    }
}

/// The normalised response as `ember ask --json` prints it.
struct ResponseDocument: Encodable {
    var model: String
    var text: String?
    var finishReason: String?
    var isTruncated: Bool
    var toolCalls: [ToolCall]
    var usage: TokenUsage?
    var cost: String?
    var latencySeconds: Double?
    var requestID: String?
    var isCached: Bool

    init(model: ModelID, response: ModelResponse, cost: Decimal?) {
        self.model = model.description
        text = response.text
        finishReason = response.finishReason?.rawValue
        isTruncated = response.isTruncated
        toolCalls = response.toolCalls
        usage = response.usage
        self.cost = cost.map { "\($0)" }
        latencySeconds = response.latency?.seconds
        requestID = response.requestID
        isCached = response.isCached
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
