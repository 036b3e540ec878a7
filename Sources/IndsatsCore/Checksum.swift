/// A fast 64-bit checksum over a stream of byte buffers, to tell a damaged file from a whole
/// one (not a cryptographic hash: it guards against torn writes and flipped bits, not against
/// someone forging a file). Four independent lanes keep the processor busy, so it runs at
/// several gigabytes a second; the same buffers in the same order always give the same sum.
///
/// ```swift
/// var sum = Checksum()
/// [1, 2, 3].withUnsafeBytes { sum.add($0) }
/// sum.value   // the same number for the same bytes, in any run
/// ```
public struct Checksum: Sendable {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (
        0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89
    )
    private var length: UInt64 = 0

    public init() {}

    /// Adds one buffer's bytes.
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        length &+= UInt64(count)
        guard count > 0, let base = bytes.baseAddress else { return }
        var (a, b, c, d) = lanes
        var i = 0
        while i + 32 <= count {
            a = Self.mix(a, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            b = Self.mix(b, base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            c = Self.mix(c, base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            d = Self.mix(d, base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        while i < count {
            a = Self.mix(a, UInt64(base.load(fromByteOffset: i, as: UInt8.self)) | 0x100)
            i += 1
        }
        lanes = (a, b, c, d)
    }

    /// The sum of every byte added so far.
    public var value: UInt64 {
        var h = length &* 0x9E37_79B9_7F4A_7C15
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { h = Self.mix(h, lane) }
        return h ^ (h >> 29)
    }

    private static func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        let x = (lane ^ word) &* 0x9E37_79B9_7F4A_7C15
        return (x << 31 | x >> 33) &+ word
    }
}
