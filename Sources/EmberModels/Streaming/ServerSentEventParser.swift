/// An incremental parser of `text/event-stream` bytes, following the event-stream rules of
/// the HTML standard.
///
/// Feed it bytes as they arrive, split anywhere — inside a line, inside a `\r\n` pair, inside
/// a multi-byte UTF-8 character — and it returns each event as soon as its blank line
/// arrives. Lines end in `\n`, `\r\n` or a bare `\r`. A field's value loses one leading space
/// (`data:  x` has the value ` x`). Lines starting with `:` are comments and are dropped.
///
/// One deliberate difference from the standard: at the end of the stream, ``finish()``
/// dispatches an event whose blank line never came, because model servers often close the
/// connection right after their last `data:` line.
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var lastByteWasCarriageReturn = false
    private var isAtStart = true
    private var eventType = ""
    private var data = ""
    private var hasData = false

    /// The last event id the stream set (`id:`), which a reconnection sends back.
    public private(set) var lastEventID: String?
    /// The reconnection delay the stream asked for (`retry:`), in milliseconds.
    public private(set) var reconnectionTime: Int?
    /// How many comment lines have been read; a keep-alive shows up here.
    public private(set) var commentCount = 0

    /// Creates a parser at the start of a stream.
    public init() {}

    /// Parses the next bytes of the stream.
    ///
    /// - Returns: The events completed by these bytes, in order.
    public mutating func parse(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if lastByteWasCarriageReturn {
                lastByteWasCarriageReturn = false
                // The `\n` of a `\r\n` pair: the line already ended at the `\r`.
                if byte == UInt8(ascii: "\n") { continue }
            }
            switch byte {
            case UInt8(ascii: "\r"):
                lastByteWasCarriageReturn = true
                endLine(into: &events)
            case UInt8(ascii: "\n"):
                endLine(into: &events)
            default:
                line.append(byte)
            }
        }
        return events
    }

    /// Ends the stream: a last line without its line end, and a last event without its
    /// blank line, are dispatched.
    public mutating func finish() -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        if !line.isEmpty { endLine(into: &events) }
        dispatch(into: &events)
        return events
    }

    private mutating func endLine(into events: inout [ServerSentEvent]) {
        var bytes = line[...]
        line.removeAll(keepingCapacity: true)
        if isAtStart {
            isAtStart = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
        guard !bytes.isEmpty else {
            dispatch(into: &events)
            return
        }
        if bytes.first == UInt8(ascii: ":") {
            commentCount += 1
            return
        }
        let field: String
        var value: ArraySlice<UInt8> = []
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            field = String(decoding: bytes[..<colon], as: UTF8.self)
            value = bytes[(colon + 1)...]
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        } else {
            field = String(decoding: bytes, as: UTF8.self)
        }
        let text = String(decoding: value, as: UTF8.self)
        switch field {
        case "event":
            eventType = text
        case "data":
            if hasData { data += "\n" }
            data += text
            hasData = true
        case "id":
            if !text.contains("\u{0}") { lastEventID = text }
        case "retry":
            if !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
                reconnectionTime = Int(text)
            }
        default:
            break
        }
    }

    private mutating func dispatch(into events: inout [ServerSentEvent]) {
        defer {
            eventType = ""
            data = ""
            hasData = false
        }
        guard hasData else { return }
        events.append(ServerSentEvent(type: eventType.isEmpty ? "message" : eventType,
                                      data: data, id: lastEventID))
    }
}
