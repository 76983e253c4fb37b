import EmberTestSupport
import Foundation
import Synchronization
import Testing
import EmberModels

@Suite("Logger")
struct LoggerTests {
    @Test("records below the minimum level are skipped, the rest kept in order")
    func levels() {
        let recorder = RecordingLogHandler()
        let logger = recorder.logger(level: .info)
        logger.trace("a")
        logger.debug("b")
        logger.info("c")
        logger.warning("d")
        logger.error("e")
        logger.log(.critical, "f")
        #expect(recorder.records.map(\.message) == ["c", "d", "e", "f"])
        #expect(recorder.records.map(\.level) == [.info, .warning, .error, .critical])
        #expect(!logger.isEnabled(.debug))
        #expect(logger.isEnabled(.notice))
    }

    @Test("a skipped record's message and metadata are never built")
    func lazyWhenDisabled() {
        let built = Mutex(0)
        func expensive() -> String {
            built.withLock { $0 += 1 }
            return "value"
        }
        let recorder = RecordingLogHandler()
        recorder.logger(level: .warning).debug(expensive(), metadata: ["k": expensive()])
        Logger.disabled.error(expensive(), metadata: ["k": expensive()])
        Logger(label: "x", minimumLevel: .trace).error(expensive())
        #expect(built.withLock { $0 } == 0)
        #expect(recorder.records.isEmpty)
        recorder.logger(level: .debug).debug(expensive(), metadata: ["k": expensive()])
        #expect(built.withLock { $0 } == 2)
    }

    @Test("the default handler discards everything, at every level")
    func discardingByDefault() {
        let logger = Logger(label: "library", minimumLevel: .trace)
        for level in LogLevel.allCases { #expect(!logger.isEnabled(level)) }
    }

    @Test("the logger's metadata is added to each record; the record's own wins a clash")
    func metadataMerging() throws {
        let recorder = RecordingLogHandler()
        let logger = recorder.logger().with("run.id", "r1").with("model.id", "a/b")
        logger.debug("call", metadata: ["model.id": "c/d", "usage.input_tokens": "3"])
        let record = try #require(recorder.records.first)
        #expect(record.label == "test")
        #expect(record.metadata == ["run.id": "r1", "model.id": "c/d",
                                    "usage.input_tokens": "3"])
    }

    @Test("a line has the time, level, label, message and sorted key=value pairs")
    func formattedLine() {
        let record = LogRecord(
            date: Date(timeIntervalSince1970: 1_800_000_000.25), level: .debug, label: "ember",
            message: "model call",
            metadata: ["usage.output_tokens": "5", "model.id": "openai/gpt-4o-mini",
                       "call.status": "ok"])
        #expect(record.formattedLine == "2027-01-15T08:00:00.250Z debug ember: model call "
            + "call.status=ok model.id=openai/gpt-4o-mini usage.output_tokens=5")
    }

    @Test("values with spaces, quotes, = or control characters are quoted and escaped",
          arguments: [
              ("plain", "plain"),
              ("", #""""#),
              ("two words", #""two words""#),
              (#"say "hi""#, #""say \"hi\"""#),
              ("a=b", #""a=b""#),
              (#"back\slash"#, #""back\\slash""#),
              ("line\nbreak", #""line\nbreak""#),
          ])
    func quoting(value: String, written: String) {
        let record = LogRecord(level: .info, label: "l", message: "m", metadata: ["k": value])
        #expect(record.formattedLine.hasSuffix(" m k=" + written))
    }

    @Test("a line break in the message is escaped: a record is always one line")
    func oneLine() {
        let record = LogRecord(level: .info, label: "l", message: "first\nsecond\r",
                               metadata: ["k": "a\nb"])
        #expect(!record.formattedLine.contains("\n"))
        #expect(!record.formattedLine.contains("\r"))
        #expect(record.formattedLine.contains(#"first\nsecond\r"#))
    }
}
