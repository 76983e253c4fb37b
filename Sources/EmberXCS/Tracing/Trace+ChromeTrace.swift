extension Trace {
    /// The trace in Chrome's trace-event format, which Perfetto (ui.perfetto.dev) and
    /// `chrome://tracing` open.
    ///
    /// Each node becomes a complete event (`"ph":"X"`) named by its id, with its start (`ts`)
    /// and duration (`dur`) in microseconds since the run started, its outcome and annotations
    /// in `args` (the engine's `outcome`, `label` and `error` win over annotations of the same
    /// name), and a thread lane (`tid`) shared only with events it does not overlap, so
    /// concurrent branches appear side by side. Lanes are named by metadata events.
    ///
    /// - Parameter processName: The name shown for the run's process row.
    /// - Returns: The JSON text, one event per line.
    public func chromeTraceJSON(processName: String = "Ember graph run") -> String {
        let lanes = TraceLanes.assign(events)
        var lines: [String] = []
        lines.append(metadata("process_name", lane: 0, value: processName))
        for lane in 1...max(lanes.max() ?? 0, 1) {
            lines.append(metadata("thread_name", lane: lane, value: "lane \(lane)"))
        }
        for (event, lane) in zip(events, lanes) {
            var arguments = event.annotations
            arguments["label"] = event.label
            if case .failed(let reason) = event.outcome { arguments["error"] = reason }
            arguments["outcome"] = event.outcome.name
            let fields = [
                "\"name\":" + JSONText.quoted(event.nodeID),
                "\"cat\":\"node\"",
                "\"ph\":\"X\"",
                "\"ts\":" + JSONText.microseconds(event.start - start),
                "\"dur\":" + JSONText.microseconds(event.duration),
                "\"pid\":1",
                "\"tid\":\(lane)",
                "\"args\":" + JSONText.object(arguments.sorted { $0.key < $1.key }),
            ]
            lines.append("{" + fields.joined(separator: ",") + "}")
        }
        return "{\"traceEvents\":[\n" + lines.joined(separator: ",\n")
            + "\n],\"displayTimeUnit\":\"ms\"}\n"
    }

    private func metadata(_ name: String, lane: Int, value: String) -> String {
        "{\"name\":\"\(name)\",\"ph\":\"M\",\"pid\":1,\"tid\":\(lane),\"args\":"
            + JSONText.object([(key: "name", value: value)]) + "}"
    }
}

/// The few pieces of JSON text the trace export writes.
enum JSONText {
    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A JSON object of string values, in the given order.
    static func object(_ pairs: [(key: String, value: String)]) -> String {
        "{" + pairs.map { quoted($0.key) + ":" + quoted($0.value) }.joined(separator: ",") + "}"
    }

    /// A duration as a number of microseconds with three decimals (nanosecond precision).
    static func microseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        let fraction = String(nanoseconds % 1000)
        return "\(nanoseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count)
            + fraction
    }
}
