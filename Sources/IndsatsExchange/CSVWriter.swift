import Foundation

/// Writes semicolon-separated CSV the way Danish Excel opens it: UTF-8 with a
/// byte-order mark, CRLF line ends and RFC 4180 quoting where a field needs it.
///
/// Output is buffered and flushed in large blocks, so generating millions of
/// rows streams to disk.
///
/// ```swift
/// let csv = try CSVWriter(path: "personer.csv", header: ["person_id", "koen"])
/// try csv.write(["P1", "K"])
/// try csv.close()
/// ```
public final class CSVWriter {
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private let delimiter: UInt8
    private var writeError: (any Error)?
    /// Everything written, when writing to memory.
    public private(set) var text: [UInt8] = []

    /// Writes to a file, replacing it.
    public init(path: String, header: [String], delimiter: Character = ";", byteOrderMark: Bool = true) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CSVError(file: path, line: 0, reason: "filen kan ikke skrives")
        }
        self.handle = handle
        self.delimiter = delimiter.asciiValue!
        if byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        if !header.isEmpty { write(header) }
    }

    /// Writes to memory; read the result from ``text``.
    public init(header: [String], delimiter: Character = ";", byteOrderMark: Bool = true) {
        self.handle = nil
        self.delimiter = delimiter.asciiValue!
        if byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        if !header.isEmpty { write(header) }
    }

    public func write(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(delimiter) }
            append(field)
        }
        buffer.append(13)
        buffer.append(10)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Writes a line as it is (a quarantined record), then more fields after it.
    public func write(raw: String, then fields: [String]) {
        buffer.append(contentsOf: raw.utf8)
        for field in fields {
            buffer.append(delimiter)
            append(field)
        }
        buffer.append(13)
        buffer.append(10)
    }

    private func append(_ field: String) {
        let needsQuotes = field.utf8.contains { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }
        if needsQuotes {
            buffer.append(34)
            for b in field.utf8 {
                if b == 34 { buffer.append(34) }
                buffer.append(b)
            }
            buffer.append(34)
        } else {
            buffer.append(contentsOf: field.utf8)
        }
    }

    private func flush() {
        if let handle {
            do { try handle.write(contentsOf: buffer) } catch { writeError = error }
        } else {
            text.append(contentsOf: buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes; throws the first write error, if any.
    public func close() throws {
        flush()
        try handle?.close()
        if let writeError { throw writeError }
    }
}
