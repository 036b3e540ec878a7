/// A small, fast, seeded random number generator (SplitMix64): the same seed
/// always gives the same numbers, on every platform, so synthetic data and
/// property tests are reproducible.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// Int.random(in: 1...6, using: &rng)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `true` with probability `p`.
    @inlinable public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// An element picked with the given relative weights.
    @inlinable public mutating func pick<T>(_ weighted: [(T, Double)]) -> T {
        let total = weighted.reduce(0) { $0 + $1.1 }
        var x = Double.random(in: 0..<total, using: &self)
        for (value, weight) in weighted {
            if x < weight { return value }
            x -= weight
        }
        return weighted[weighted.count - 1].0
    }

    /// A positive duration in days with the given mean, exponentially distributed
    /// (many short spells, a long tail), at least `minimum`.
    @inlinable public mutating func days(mean: Double, minimum: Int = 1) -> Int {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self)
        return max(minimum, Int(-mean * log(u)))
    }
}

/// Natural logarithm without Foundation, good to about 1e-12 for u in (0, 1].
@usableFromInline func log(_ u: Double) -> Double {
    // log(u) = 2 atanh((u - 1) / (u + 1)) after scaling u into [0.5, 1).
    var x = u, k = 0.0
    while x < 0.5 { x *= 2; k -= 1 }
    let y = (x - 1) / (x + 1), y2 = y * y
    var term = y, sum = 0.0, n = 1.0
    while abs(term / n) > 1e-17 {
        sum += term / n
        term *= y2
        n += 2
    }
    return 2 * sum + k * 0.693_147_180_559_945_3
}
