import EmberData
import Testing

@Suite("Seeded random numbers")
struct SeededRandomNumberGeneratorTests {
    @Test("SplitMix64 gives its published first outputs for seed 0")
    func splitMix() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("xoshiro256** seeded by SplitMix64 gives the reference sequence")
    func xoshiro() {
        // Computed by an independent Python implementation of both algorithms.
        var generator = SeededRandomNumberGenerator(seed: 42)
        #expect([generator.next(), generator.next(), generator.next()]
            == [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009])
    }

    @Test("Fisher–Yates with seed 42 gives the reference order")
    func shuffle() {
        var generator = SeededRandomNumberGenerator(seed: 42)
        #expect(Array(0..<10).seededShuffled(using: &generator) == [9, 1, 4, 2, 8, 7, 6, 5, 3, 0])
    }

    @Test("bounded integers stay in range and cover it")
    func bounded() {
        var generator = SeededRandomNumberGenerator(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let value = generator.nextInt(below: 6)
            #expect((0..<6).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 6)
        let double = generator.nextDouble()
        #expect(double >= 0 && double < 1)
    }

    @Test("numbered streams differ from each other and repeat for the same seed")
    func streams() {
        var first = SeededRandomNumberGenerator(seed: 1, stream: 0)
        var second = SeededRandomNumberGenerator(seed: 1, stream: 1)
        var again = SeededRandomNumberGenerator(seed: 1, stream: 0)
        let value = first.next()
        #expect(value != second.next())
        #expect(value == again.next())
    }

    @Test("a sample of indices has no repeats and is reproducible")
    func sampleIndices() {
        var generator = SeededRandomNumberGenerator(seed: 3)
        let sample = Array(0..<100).seededSampleIndices(count: 10, using: &generator)
        var again = SeededRandomNumberGenerator(seed: 3)
        #expect(Set(sample).count == 10)
        #expect(sample == Array(0..<100).seededSampleIndices(count: 10, using: &again))
        var all = SeededRandomNumberGenerator(seed: 3)
        #expect(Array(0..<5).seededSampleIndices(count: 50, using: &all).count == 5)
    }
}
