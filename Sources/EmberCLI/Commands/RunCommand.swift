import Ember
import Foundation

/// `ember run SYSTEM --query TEXT`: build a compound system from the notation and run it once.
enum RunCommand {
    static let specification = CommandSpecification(
        path: "ember run",
        overview: "Build a compound system from the compact notation and run it on one "
            + "query: the final answer goes to stdout, per-node usage to stderr.",
        arguments: [
            ArgumentSpecification(
                name: "SYSTEM",
                help: "Nodes such as \"5E@local/smollm2(temp=0.9),1M\"; see 'ember operators'."),
        ],
        options: [
            OptionSpecification(name: "query", valueName: "TEXT", help: "The question to answer."),
            OptionSpecification(name: "model", valueName: "ID",
                                help: "The model for nodes that name none "
                                    + "(default: the 'model' setting, local/smollm2 unless "
                                    + "configured; see 'ember config')."),
            OptionSpecification(name: "answer-kind", valueName: "KIND",
                                help: "How votes read answers: text, number, choice or code "
                                    + "(default: text)."),
            OptionSpecification(name: "concurrency", valueName: "N",
                                help: "The most nodes running at once (default: no bound)."),
            OptionSpecification(name: "json",
                                help: "Print every node's output, usage and cost as JSON."),
            OptionSpecification(name: "graph", valueName: "FORMAT",
                                help: "Print the system's graph as dot or mermaid instead of "
                                    + "running it."),
            OptionSpecification(name: "trace", valueName: "FILE",
                                help: "Write the run's Chrome trace-event JSON to FILE "
                                    + "(opens in Perfetto)."),
            CacheCommand.modeOption,
        ])

    static func run(_ arguments: [String]) async throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: specification)
        if parsed.wantsHelp {
            print(specification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(1)
        let kindName = parsed.value("answer-kind") ?? "text"
        guard let kind = AnswerKind(named: kindName) else {
            throw parsed.fail("Unknown answer kind '\(kindName)'; kinds: "
                + AnswerKind.allKinds.map(\.description).joined(separator: ", ") + ".")
        }
        var settings = try EmberSettings.load()
        try CacheCommand.apply(parsed, to: &settings)
        let context = EmberContext(settings: settings)
        try CacheCommand.checkCache(of: context)
        let system: CompoundSystem
        do {
            // Printing the graph calls no model, so it needs no credentials.
            system = try buildSystem(parsed.positionals[0], context: context,
                                     defaultModel: parsed.value("model"), answerKind: kind,
                                     checksCredentials: parsed.value("graph") == nil)
        } catch let error as NotationError {
            throw parsed.fail(error.description)
        } catch let error as GraphError {
            throw parsed.fail("The system's flows do not form a graph that can run: \(error)")
        }

        if let format = parsed.value("graph") {
            switch format {
            case "dot": print(system.graph.dot(), terminator: "")
            case "mermaid": print(system.graph.mermaid(), terminator: "")
            default: throw parsed.fail("Unknown graph format '\(format)'; formats: dot, mermaid.")
            }
            return 0
        }
        guard let query = parsed.value("query"),
              !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw parsed.fail("Missing '--query <text>': the question to run the system on.")
        }
        var bounded = system
        if parsed.value("concurrency") != nil {
            bounded.maximumConcurrency = try parsed.integer("concurrency", default: 0,
                                                           in: 1...100_000)
        }
        let tracePath = parsed.value("trace")
        if let tracePath { try checkWritable(tracePath, parsed: parsed) }
        try await requireServers(for: system, context: context)
        let running = Task { try await bounded(query) }
        let interrupt = InterruptHandler(message: "Interrupted: cancelling the running nodes.") {
            running.cancel()
        }
        defer { interrupt.cancel() }
        let result = try await running.value

        if parsed.flags.contains("json") {
            print(try SystemResultDocument(result).json())
        } else {
            print(result.answer ?? "")
            for node in result.nodes {
                printError(describe(node))
            }
        }
        var status: Int32 = 0
        if result.answer == nil {
            printError("Error: the final node \(result.finalNodeID) gave no answer.")
            status = 1
        }
        if let tracePath {
            do {
                try Data(result.trace.chromeTraceJSON().utf8)
                    .write(to: URL(fileURLWithPath: tracePath), options: .atomic)
            } catch {
                printError("Error: could not write the trace to \(tracePath): "
                    + "\((error as NSError).localizedDescription)")
                status = 1
            }
        }
        return status
    }

    /// Fails before any call when `path` cannot be written: a directory, or a file in a
    /// folder that does not exist.
    private static func checkWritable(_ path: String, parsed: ParsedArguments) throws {
        guard !path.isEmpty else {
            throw parsed.fail("The option '--trace' needs a file path, not ''.")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
           isDirectory.boolValue {
            throw parsed.fail("The trace path '\(path)' is a directory; give a file name.")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw parsed.fail("The trace path '\(path)' cannot be written: the folder "
                + "'\(folder)' does not exist or is not writable.")
        }
    }

    /// Builds a system whose calls generate at most `defaultMaximumTokens` unless a node
    /// says otherwise, and checks that every model it names is configured: a known provider,
    /// and unless `checksCredentials` is false, with its credential set.
    static func buildSystem(_ description: String, context: EmberContext,
                            defaultModel: String?, answerKind: AnswerKind,
                            defaultMaximumTokens: Int = 512,
                            checksCredentials: Bool = true) throws
        -> CompoundSystem
    {
        func resolve(_ text: String) throws -> ModelID {
            do {
                return try context.resolve(model: text)
            } catch EmberContextError.missingCredential where !checksCredentials {
                return try context.models.registry.resolve(text)
            }
        }
        let model = try resolve(defaultModel ?? context.settings.defaultModel)
        let builder = SystemBuilder(context: SystemBuildContext(
            service: context.models, defaultModel: model, answerKind: answerKind,
            defaultMaximumTokens: defaultMaximumTokens))
        let system = try builder.build(description)
        for node in system.specification.nodes {
            guard let text = node.model else { continue }
            do {
                _ = try resolve(text)
            } catch {
                let reason = "\(error)".trimmingCharacters(in: CharacterSet(charactersIn: "."))
                throw node.error("the model \"\(text)\" of node \(node.id)",
                                 at: node.modelOffset, hint: reason)
            }
        }
        return system
    }

    /// Fails early when a node uses the local server and it does not answer.
    static func requireServers(for system: CompoundSystem, context: EmberContext) async throws {
        let models = Set(system.calledModels)
        if let local = models.first(where: { $0.provider == "local" }) {
            try await LocalCommand.requireRunningServer(for: local, context: context)
        }
    }

    private static func describe(_ node: NodeResult) -> String {
        let usage = node.usage
        var parts = ["\(node.id) (\(node.code))"]
        if let answer = node.answer {
            parts.append("answer: \(answer.count > 60 ? answer.prefix(57) + "..." : answer)")
        }
        let cached = node.calls.count(where: \.isCached)
        parts.append("\(node.calls.count) calls" + (cached > 0 ? " (\(cached) cached)" : ""))
        parts.append("\(usage.inputTokens) + \(usage.outputTokens) tokens")
        parts.append("cost: " + (node.cost.map { "$\($0)" } ?? "unknown"))
        return parts.joined(separator: " · ")
    }
}

/// `ember run --json`: the answer and every node's output, usage and cost.
struct SystemResultDocument: Encodable {
    struct Call: Encodable {
        var model: String
        var inputTokens: Int?
        var outputTokens: Int?
        var cost: String?
        var latencySeconds: Double?
        var finishReason: String?
        var isCached: Bool
    }

    struct Node: Encodable {
        var id: String
        var code: String
        var answer: String?
        var outputs: [String]
        var vote: VoteDocument?
        var calls: [Call]
        var inputTokens: Int
        var outputTokens: Int
        var cost: String?
        var seconds: Double?
    }

    struct VoteDocument: Encodable {
        var winner: String?
        var votes: Int
        var ballots: Int
        var share: Double
        var isTie: Bool
        var tallies: [String: Int]
    }

    var answer: String?
    var finalNode: String
    var nodes: [Node]
    var inputTokens: Int
    var outputTokens: Int
    var cost: String?
    var calls: Int

    init(_ result: SystemResult) {
        answer = result.answer
        finalNode = result.finalNodeID
        nodes = result.nodes.map { node in
            var vote: VoteDocument?
            if case .vote(let result) = node.detail {
                vote = VoteDocument(
                    winner: result.winner, votes: result.votes, ballots: result.ballotCount,
                    share: result.share, isTie: result.isTie,
                    tallies: Dictionary(result.tallies.map { ($0.answer, $0.count) },
                                        uniquingKeysWith: +))
            }
            return Node(
                id: node.id, code: node.code, answer: node.answer,
                outputs: node.outputTexts, vote: vote,
                calls: node.calls.map { call in
                    Call(model: call.model.description, inputTokens: call.usage?.inputTokens,
                         outputTokens: call.usage?.outputTokens,
                         cost: call.cost.map { "\($0)" }, latencySeconds: call.latency?.seconds,
                         finishReason: call.finishReason?.rawValue, isCached: call.isCached)
                },
                inputTokens: node.usage.inputTokens, outputTokens: node.usage.outputTokens,
                cost: node.cost.map { "\($0)" },
                seconds: result.trace.event(for: node.id)?.duration.seconds)
        }
        inputTokens = result.usage.inputTokens
        outputTokens = result.usage.outputTokens
        cost = result.cost.map { "\($0)" }
        calls = result.calls.count
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
