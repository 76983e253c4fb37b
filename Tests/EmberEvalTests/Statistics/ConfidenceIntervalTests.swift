import Testing
import EmberEval

@Suite("Wilson score interval")
struct ConfidenceIntervalTests {
    /// Reference values of the 95% Wilson interval (z = 1.959964), as published tables and
    /// statistics packages give them.
    @Test("known values", arguments: [
        (0, 20, 0.0, 0.16113),
        (10, 20, 0.29930, 0.70070),
        (20, 20, 0.83887, 1.0),
        (1, 10, 0.01788, 0.40415),
        (81, 100, 0.72221, 0.87485),
    ])
    func knownValues(successes: Int, trials: Int, lower: Double, upper: Double) {
        let interval = ConfidenceInterval.wilson(successes: successes, trials: trials)
        #expect(abs(interval.lower - lower) < 0.00001)
        #expect(abs(interval.upper - upper) < 0.00001)
        #expect(abs(interval.level - 0.95) < 0.0001)
    }

    @Test("no trials gives the whole range")
    func noTrials() {
        let interval = ConfidenceInterval.wilson(successes: 0, trials: 0)
        #expect(interval.lower == 0)
        #expect(interval.upper == 1)
    }
}
