/// One event of a `text/event-stream`, as the HTML standard defines its dispatch.
public struct ServerSentEvent: Sendable, Hashable {
    /// The event type: the last `event:` field, or `message` when there was none.
    public var type: String
    /// The `data:` fields, joined with `\n`.
    public var data: String
    /// The last event id seen so far in the stream, if any.
    public var id: String?

    /// Creates an event.
    public init(type: String = "message", data: String, id: String? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }
}
