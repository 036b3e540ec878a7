import Foundation
import IndsatsContract
import IndsatsCore

/// Rows of CSV encoded straight into bytes: semicolon-separated, CRLF line
/// ends, RFC 4180 quoting where a field needs it. A value type, so separate
/// threads can each fill their own and the results be written in order.
///
/// ```swift
/// var rows = CSVRowEncoder()
/// rows.text("P1"); rows.day(Day(year: 2024, month: 2, day: 29)); rows.endRow()
/// // rows.bytes is "P1;2024-02-29\r\n"
/// ```
public struct CSVRowEncoder: ColumnVisitor, Sendable {
    public private(set) var bytes: [UInt8] = []
    public let delimiter: UInt8
    private var atRowStart = true

    public init(delimiter: Character = ";") { self.delimiter = delimiter.asciiValue! }

    public mutating func text(_ value: String?) {
        separate()
        guard let value else { return }
        let needsQuotes = value.utf8.contains { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }
        guard needsQuotes else { return bytes.append(contentsOf: value.utf8) }
        bytes.append(34)
        for b in value.utf8 {
            if b == 34 { bytes.append(34) }
            bytes.append(b)
        }
        bytes.append(34)
    }

    /// Text for a file people open in a spreadsheet program: a field starting with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula there,
    /// so it gets a leading `'`, as OWASP advises; a plain number (`-12,5`) stays a number.
    ///
    /// ```swift
    /// CSVRowEncoder.spreadsheetSafe("=HYPERLINK(\"x\")")   // "'=HYPERLINK(\"x\")"
    /// ```
    public static func spreadsheetSafe(_ value: String) -> String {
        guard let first = value.utf8.first,
            [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13].contains(first)
        else { return value }
        let digits = value.hasSuffix(" %") ? value.utf8.dropFirst().dropLast(2) : value.utf8.dropFirst()
        let number =
            digits.first.map { $0 >= 48 && $0 <= 57 } == true
            && digits.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }
        return (first == UInt8(ascii: "-") || first == UInt8(ascii: "+")) && number ? value : "'" + value
    }

    /// `YYYY-MM-DD`, written without building a string.
    public mutating func day(_ value: Day?) {
        separate()
        guard let value else { return }
        let (y, m, d) = value.components
        digits(UInt(y), width: 4)
        bytes.append(45)
        digits(UInt(m), width: 2)
        bytes.append(45)
        digits(UInt(d), width: 2)
    }

    public mutating func integer(_ value: Int?) {
        separate()
        guard let value else { return }
        if value < 0 { bytes.append(45) }
        digits(value.magnitude, width: 1)
    }

    public mutating func decimal(_ value: Double?) {
        separate()
        if let value { bytes.append(contentsOf: "\(value)".utf8) }
    }

    /// A field written exactly as given: a quarantined line kept unchanged.
    public mutating func raw(_ value: String) {
        separate()
        bytes.append(contentsOf: value.utf8)
    }

    public mutating func endRow() {
        bytes.append(13)
        bytes.append(10)
        atRowStart = true
    }

    /// Appends bytes as they are (a byte-order mark, rows encoded elsewhere).
    public mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    private mutating func separate() {
        if !atRowStart { bytes.append(delimiter) }
        atRowStart = false
    }

    /// `n` in decimal, zero-padded to `width` digits.
    private mutating func digits(_ n: UInt, width: Int) {
        var divisor: UInt = 1, places = 1
        while places < width || divisor <= n / 10 {
            divisor *= 10
            places += 1
        }
        while divisor > 0 {
            bytes.append(48 + UInt8(n / divisor % 10))
            divisor /= 10
        }
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}

/// Writes semicolon-separated CSV the way Danish Excel opens it: UTF-8 with a
/// byte-order mark, CRLF line ends and RFC 4180 quoting where a field needs it.
///
/// Output is buffered and flushed in large blocks, so generating millions of
/// rows streams to disk.
///
/// ```swift
/// let csv = try CSVWriter(path: "personer.csv", header: ["person_id", "koen"])
/// csv.write(["P1", "K"])
/// try csv.close()
/// ```
public final class CSVWriter {
    private let handle: FileHandle?
    private var rows: CSVRowEncoder
    private var writeError: (any Error)?
    /// Everything written, when writing to memory.
    public private(set) var text: [UInt8] = []

    /// Writes to a file, replacing it.
    public convenience init(path: String, header: [String], delimiter: Character = ";", byteOrderMark: Bool = true) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw CSVError(file: path, line: 0, reason: "filen kan ikke skrives")
        }
        self.init(handle: handle, header: header, delimiter: delimiter, byteOrderMark: byteOrderMark)
    }

    /// Writes to memory; read the result from ``text``.
    public convenience init(header: [String], delimiter: Character = ";", byteOrderMark: Bool = true) {
        self.init(handle: nil, header: header, delimiter: delimiter, byteOrderMark: byteOrderMark)
    }

    private init(handle: FileHandle?, header: [String], delimiter: Character, byteOrderMark: Bool) {
        self.handle = handle
        rows = CSVRowEncoder(delimiter: delimiter)
        if byteOrderMark { rows.append(bytes: CSVRowEncoder.byteOrderMark) }
        if !header.isEmpty { write(header) }
    }

    public func write(_ fields: [String]) {
        for field in fields { rows.text(field) }
        endRow()
    }

    /// Writes a line as it is (a quarantined record), then more fields after it.
    public func write(raw: String, then fields: [String]) {
        rows.raw(raw)
        for field in fields { rows.text(field) }
        endRow()
    }

    private func endRow() {
        rows.endRow()
        if rows.bytes.count >= 1 << 20 { flush() }
    }

    private func flush() {
        if let handle {
            do { try handle.write(contentsOf: rows.bytes) } catch { writeError = writeError ?? error }
        } else {
            text.append(contentsOf: rows.bytes)
        }
        rows.removeAll()
    }

    /// Flushes and closes; throws the first write error, if any.
    public func close() throws {
        flush()
        try handle?.close()
        if let writeError { throw writeError }
    }
}
