import EmberTestSupport
import Foundation
import Testing
import Ember

@Suite("EmberContext's logger")
struct EmberContextLoggingTests {
    func settings(_ level: String?) throws -> EmberSettings {
        var environment = ["HOME": FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-context-\(UUID().uuidString)").path]
        environment["EMBER_LOG_LEVEL"] = level
        return try EmberSettings(environment: environment)
    }

    @Test("the context's logger and its model service's follow the settings' level")
    func levelFromSettings() throws {
        let recorder = RecordingLogHandler()
        let context = EmberContext(settings: try settings("debug"), logHandler: recorder)
        #expect(context.logger.minimumLevel == .debug)
        #expect(context.models.logger.isEnabled(.debug))
        #expect(!context.models.logger.isEnabled(.trace))
        context.models.logger.debug("model call")
        #expect(recorder.records.map(\.label) == ["ember"])
    }

    @Test("by default only warnings and worse are written")
    func defaultLevel() throws {
        let context = EmberContext(settings: try settings(nil),
                                   logHandler: RecordingLogHandler())
        #expect(context.logger.minimumLevel == .warning)
        #expect(!context.models.logger.isEnabled(.debug))
    }
}
