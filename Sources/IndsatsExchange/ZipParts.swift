import Foundation
import IndsatsZlib

/// The files of a zip archive held in memory, read the way a workbook needs them: every
/// offset and size is checked against the bytes at hand, a deflate stream is inflated from
/// exactly its own bytes and no further, and what it unpacks to is capped, so a crafted
/// archive is an error, never a crash or a loop.
///
/// ```swift
/// let zip = try ZipParts(bytes)
/// let sheet = try zip.contents("xl/worksheets/sheet1.xml", limit: 512_000_000)   // nil when absent
/// ```
struct ZipParts {
    /// Why an archive or one of its files cannot be read (Danish, for the user).
    struct Failure: Error, Equatable { var reason: String }

    struct Entry {
        var method: UInt16
        var checksum: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeader: Int
    }

    private let bytes: [UInt8]
    private let entries: [String: Entry]

    init(_ data: Data) throws(Failure) {
        let bytes = [UInt8](data)
        self.bytes = bytes
        // The end record: 22 bytes, after at most a 65.535-byte comment.
        let lowest = max(0, bytes.count - 22 - 65_535)
        guard bytes.count >= 22,
            let end = stride(from: bytes.count - 22, through: lowest, by: -1).first(where: { Self.u32(bytes, $0) == 0x0605_4B50 })
        else { throw Failure(reason: "filen er ikke en xlsx-fil (ikke et zip-arkiv)") }
        let count = Int(Self.u16(bytes, end + 10)!), size = Int(Self.u32(bytes, end + 12)!), start = Int(Self.u32(bytes, end + 16)!)
        guard start <= end, size <= end - start else { throw Failure(reason: "zip-arkivets indholdsfortegnelse ligger uden for filen") }
        var entries: [String: Entry] = [:]
        var at = start
        for _ in 0..<count {
            guard Self.u32(bytes, at) == 0x0201_4B50, let nameLength = Self.u16(bytes, at + 28), let extraLength = Self.u16(bytes, at + 30),
                let commentLength = Self.u16(bytes, at + 32), at + 46 + Int(nameLength) <= bytes.count
            else { throw Failure(reason: "zip-arkivets indholdsfortegnelse er beskadiget") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + Int(nameLength))], as: UTF8.self)
            entries[name] = Entry(
                method: Self.u16(bytes, at + 10)!, checksum: Self.u32(bytes, at + 16)!, compressedSize: Int(Self.u32(bytes, at + 20)!),
                uncompressedSize: Int(Self.u32(bytes, at + 24)!), localHeader: Int(Self.u32(bytes, at + 42)!))
            at += 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
        }
        self.entries = entries
    }

    /// The unpacked bytes of the file at `path`, `nil` when the archive has none; an error when
    /// it is damaged, in an unknown format, or unpacks to more than `limit` bytes.
    func contents(_ path: String, limit: Int) throws(Failure) -> [UInt8]? {
        guard let entry = entries[path] else { return nil }
        let at = entry.localHeader
        guard Self.u32(bytes, at) == 0x0403_4B50, let nameLength = Self.u16(bytes, at + 26), let extraLength = Self.u16(bytes, at + 28)
        else { throw Failure(reason: "\(path) er beskadiget i zip-arkivet") }
        let start = at + 30 + Int(nameLength) + Int(extraLength)
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw Failure(reason: "\(path) rækker ud over zip-arkivets slutning")
        }
        let packed = bytes[start..<(start + entry.compressedSize)]
        let unpacked: [UInt8]
        switch entry.method {
        case 0: unpacked = Array(packed)
        case 8: unpacked = try Self.inflate(packed, limit: limit, path: path)
        default: throw Failure(reason: "\(path) er pakket på en måde, Indsats ikke kender (metode \(entry.method))")
        }
        guard unpacked.count <= limit else { throw Failure(reason: "\(path) fylder over \(limit / 1_000_000) MB udpakket") }
        let checksum = unpacked.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        guard checksum == entry.checksum else { throw Failure(reason: "\(path) er beskadiget (kontrolsummen passer ikke)") }
        return unpacked
    }

    /// A raw deflate stream, from its own bytes only: it must end inside them.
    private static func inflate(_ packed: ArraySlice<UInt8>, limit: Int, path: String) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(reason: "\(path) kan ikke pakkes ud")
        }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = Array(packed)
        let ended: Bool = input.withUnsafeMutableBufferPointer { packedBuffer in
            stream.next_in = packedBuffer.baseAddress
            stream.avail_in = uInt(packedBuffer.count)
            while true {
                let (result, produced) = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkBuffer.count)
                    let result = IndsatsZlib.inflate(&stream, Z_NO_FLUSH)
                    return (result, chunkBuffer.count - Int(stream.avail_out))
                }
                out.append(contentsOf: chunk[0..<produced])
                if result == Z_STREAM_END { return true }
                // No progress is possible: an error, the input used up before the end, or too much output.
                if result != Z_OK || out.count > limit || (produced == 0 && stream.avail_in == 0) { return false }
            }
        }
        guard ended else {
            throw Failure(reason: out.count > limit ? "\(path) fylder over \(limit / 1_000_000) MB udpakket" : "\(path) kan ikke pakkes ud")
        }
        return out
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16? {
        guard at >= 0, at + 2 <= bytes.count else { return nil }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32? {
        guard at >= 0, at + 4 <= bytes.count else { return nil }
        return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
