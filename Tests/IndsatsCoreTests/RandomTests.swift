import IndsatsCore
import Testing

@Suite("Seeded random numbers")
struct RandomTests {
    @Test("The same seed gives the same numbers")
    func deterministic() {
        var a = SeededGenerator(seed: 99), b = SeededGenerator(seed: 99), c = SeededGenerator(seed: 100)
        let xs = (0..<5).map { _ in a.next() }
        #expect(xs == (0..<5).map { _ in b.next() })
        #expect(xs != (0..<5).map { _ in c.next() })
    }

    @Test("Exponential durations have about the asked mean and respect the minimum")
    func durations() {
        var rng = SeededGenerator(seed: 1)
        let samples = (0..<20_000).map { _ in rng.days(mean: 100, minimum: 7) }
        let mean = Double(samples.reduce(0, +)) / Double(samples.count)
        #expect(samples.min()! >= 7)
        #expect(abs(mean - 100) < 5)
    }
}
