import Ember
import Foundation
import Testing

@Suite("Settings from the environment")
struct EmberSettingsTests {
    @Test("Cache, logging and budget variables are read, and bad values are named")
    func cacheLoggingAndBudgets() throws {
        let settings = try EmberSettings(environment: [
            "HOME": "/home/user", "EMBER_CACHE": "read-only", "EMBER_CACHE_TTL": "3600",
            "EMBER_LOG_LEVEL": "DEBUG", "EMBER_BUDGET": "0.25", "EMBER_BUDGET_TOKENS": "5000",
        ])
        #expect(settings.cacheMode == .readOnly)
        #expect(settings.cachePath == "/home/user/.ember/cache.db")
        #expect(settings.cacheTimeToLive == 3600)
        #expect(settings.logLevel == .debug)
        #expect(settings.budgetDollars == Decimal(string: "0.25"))
        #expect(settings.budgetTokens == 5000)

        let defaults = try EmberSettings(environment: ["HOME": "/home/user"])
        #expect(defaults.cacheMode == .off)
        #expect(defaults.logLevel == .warning)
        #expect(defaults.budgetDollars == nil)
        #expect(defaults.defaultModel == "local/smollm2")

        let error = #expect(throws: EmberSettingsError.self) {
            try EmberSettings(environment: ["EMBER_CACHE": "sometimes"])
        }
        #expect(error?.description
            == "The environment variable EMBER_CACHE is 'sometimes'; expected off, "
                + "read-write, read-only, record, replay.")
    }
}
