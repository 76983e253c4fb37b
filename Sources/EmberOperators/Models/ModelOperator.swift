import EmberModels
import EmberXCS

/// An operator that fills a prompt from its input, asks a model, and reads the reply as
/// its output.
///
/// The prompt and the output's shape come from a ``PromptSpecification``; the model, its
/// parameters and the ``ModelService`` from a ``ModelCaller``, so every call is rate
/// limited, retried and recorded under the calling task's usage scope.
///
/// A reply that does not read as `Output` is repaired: the model is asked again with the
/// conversation so far (the prompt, its reply, and a message saying what was wrong and
/// what shape to send), up to ``repairAttempts`` times.
///
/// ```swift
/// let grader = ModelOperator(specification, caller: ModelCaller(service: service,
///                                                               model: model))
/// let grade = try await grader(Submission(question: "2+2?", answer: "4"))
/// ```
public struct ModelOperator<Input: Codable & Sendable, Output: Decodable & Sendable>: Operator {
    /// The prompt and the output's shape.
    public var specification: PromptSpecification<Input, Output>
    /// The model called, its parameters, and the service that reaches it.
    public var caller: ModelCaller
    /// How many times to ask again after a reply that does not read as `Output`; 0
    /// switches repair off. A negative count counts as 0.
    public var repairAttempts: Int
    /// The operator's name in graphs and reports.
    public var name: String

    /// Creates an operator.
    ///
    /// - Parameters:
    ///   - specification: The prompt and the output's shape.
    ///   - caller: The model, its parameters and the service.
    ///   - repairAttempts: How many times to ask again after an unreadable reply.
    ///   - name: The operator's name in graphs and reports.
    public init(_ specification: PromptSpecification<Input, Output>, caller: ModelCaller,
                repairAttempts: Int = 1, name: String = "ModelOperator") {
        self.specification = specification
        self.caller = caller
        self.repairAttempts = repairAttempts
        self.name = name
    }

    /// The operator's name, its input and output types, and the model it calls.
    public var descriptor: OperatorDescriptor {
        OperatorDescriptor(name: name, input: String(describing: Input.self),
                           output: String(describing: Output.self),
                           summary: "Asks \(caller.model) and reads the reply as "
                               + "\(String(describing: Output.self)).")
    }

    /// Renders the prompt for `input`, calls the model and returns the reply as `Output`.
    ///
    /// Suspends for each call; cancelling the task cancels the call in flight.
    ///
    /// - Throws: ``PromptError`` when the input cannot be rendered; the model layer's error
    ///   when a call fails; ``ModelOperatorError`` with the last reply when no reply reads
    ///   as `Output` after the repair attempts.
    public func run(_ input: Input) async throws -> Output {
        try await runRecordingCalls(input).output
    }

    /// Runs the operator as ``run(_:)`` does and returns the output with a record of each
    /// model call made, repairs included, for reports that count tokens and cost per call.
    ///
    /// This runs the operator directly, not through ``callAsFunction(_:)``, so engine
    /// features that hook in there do not see it.
    ///
    /// - Throws: As ``run(_:)`` does; a ``ModelOperatorError`` carries the calls made.
    public func runRecordingCalls(_ input: Input) async throws
        -> (output: Output, calls: [ModelCallRecord])
    {
        var messages = try specification.messages(for: input)
        var calls: [ModelCallRecord] = []
        let attempts = 1 + max(0, repairAttempts)
        for attempt in 1...attempts {
            let (reply, response) = try await caller.reply(
                to: messages, responseFormat: specification.responseFormat, sampleIndex: nil)
            calls += reply.call.map { [$0] } ?? []
            do throws(StructuredOutputError) {
                return (try specification.decode(reply.text), calls)
            } catch {
                guard attempt < attempts else {
                    throw ModelOperatorError.unreadableReply(error, model: caller.model,
                                                             attempts: attempt, calls: calls)
                }
                // The provider's own turn goes back with the text: Gemini needs its thought
                // signatures again. Tool calls do not, as no tool result follows them.
                messages += [ChatMessage(role: .assistant, content: reply.text,
                                         providerTurn: response.providerTurn),
                             .user(specification.repairPrompt(for: error))]
            }
        }
        preconditionFailure("the last attempt returns or throws")
    }
}
