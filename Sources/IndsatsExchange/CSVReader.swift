import Foundation

/// How a CSV file's text is encoded (``CSVReader/encoding``).
public enum TextEncoding: Sendable, Equatable {
    /// Only ASCII so far: the same in every encoding the reader knows.
    case ascii
    case utf8
    case windows1252
}

/// Windows-1252 as Danish Excel writes it, taken only where it reads as Danish text.
enum Windows1252 {
    /// The characters of bytes 0x80-0x9F (`nil`: undefined); 0xA0-0xFF are Latin-1's.
    static let high: [Character?] = [
        "€", nil, "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", nil, "Ž", nil,
        nil, "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ", nil, "ž", "Ÿ",
    ]

    /// Whether a byte above 0x7F is a character Danish text has: a Latin-1 letter (æ, ø, å,
    /// é, ü, ...) or common punctuation (€, quotes, dashes, §, °, ½, a no-break space).
    static func isDanish(_ byte: UInt8) -> Bool {
        switch byte {
        case 0xC0...0xFF: byte != 0xD7 && byte != 0xF7
        case 0x80, 0x85, 0x91...0x94, 0x96, 0x97, 0xA0, 0xA7, 0xAB, 0xB0, 0xB4, 0xBB, 0xBD: true
        default: false
        }
    }

    /// The text, or `nil` when a byte is no Danish character or a pair looks like UTF-8 (a lead
    /// byte followed by a continuation byte, as `Ã¦` for `æ`): text in another encoding.
    static func danishText(_ bytes: ArraySlice<UInt8>) -> String? {
        var text = ""
        var previous: UInt8 = 0
        for byte in bytes {
            if byte >= 0x80 {
                guard isDanish(byte), !((0xC2...0xF4).contains(previous) && (0x80...0xBF).contains(byte)) else { return nil }
                text.append(byte < 0xA0 ? high[Int(byte - 0x80)]! : Character(Unicode.Scalar(byte)))
            } else {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            }
            previous = byte
        }
        return text
    }
}

/// One record of a CSV file: its fields, the physical line it starts on and its
/// raw text, kept so a rejected row can go to quarantine unchanged.
public struct CSVRecord: Sendable {
    public var fields: [String]
    public var line: Int
    /// The line as written; empty when the reader does not keep it (``CSVReader/keepsRawText``).
    public var raw: String
}

/// A file that cannot be read as CSV at all (as opposed to a bad row).
public struct CSVError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { "\(file):\(line): \(reason)" }

    public init(file: String, line: Int, reason: String) {
        self.file = file; self.line = line; self.reason = reason
    }
}

/// Streams records from a CSV file as the contract reads them: UTF-8 with or
/// without a byte-order mark (or Danish Excel's Windows-1252, see ``encoding``), LF or CRLF, `;` or `,` detected from the header,
/// RFC 4180 quoting (fields may hold delimiters, quotes and line breaks).
///
/// It reads a chunk at a time, so a file of any size needs memory for one record.
///
/// ```swift
/// let reader = try CSVReader(path: "personer.csv")
/// while let record = try reader.next() { print(record.line, record.fields) }
/// ```
public final class CSVReader {
    public let path: String
    public let fileName: String
    /// `;` or `,`.
    public private(set) var delimiter: UInt8 = UInt8(ascii: ";")
    /// The header's fields.
    public private(set) var header: [String] = []
    /// The header line's raw text.
    public private(set) var headerRaw: String = ""
    /// Whether records carry their raw text. Readers that never quarantine turn
    /// it off and save decoding each line twice.
    public var keepsRawText = true
    /// The text encoding found so far: ASCII until a field has other bytes. Danish Excel's
    /// "CSV (semikolonsepareret)" is Windows-1252; its "CSV UTF-8" is UTF-8 with a byte-order mark.
    public private(set) var encoding = TextEncoding.ascii
    /// Bytes read so far, for progress reports.
    public private(set) var bytesRead = 0

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEOF = false
    private var line = 1
    private static let chunkSize = 1 << 20

    public init(path: String) throws(CSVError) {
        self.path = path
        self.fileName = (path as NSString).lastPathComponent
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError(file: fileName, line: 0, reason: "filen kan ikke åbnes")
        }
        self.handle = handle
        fill()
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        guard let first = try nextRecordBytes() else {
            throw CSVError(file: fileName, line: 1, reason: "filen er tom; en overskriftslinje er påkrævet")
        }
        delimiter = CSVReader.detectDelimiter(first.bytes)
        header = try split(first.bytes, line: first.line).map { $0.trimmingCharacters(in: .whitespaces) }
        headerRaw = try decode(first.bytes, line: first.line)
    }

    deinit { try? handle.close() }

    /// The next non-blank record, or `nil` at the end of the file.
    public func next() throws(CSVError) -> CSVRecord? {
        while let (bytes, startLine) = try nextRecordBytes() {
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            return CSVRecord(
                fields: try split(bytes, line: startLine), line: startLine,
                raw: keepsRawText ? try decode(bytes, line: startLine) : "")
        }
        return nil
    }

    /// `;` unless the header holds more commas than semicolons outside quotes.
    static func detectDelimiter(_ header: ArraySlice<UInt8>) -> UInt8 {
        var semicolons = 0, commas = 0, quoted = false
        for b in header {
            if b == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted && b == UInt8(ascii: ";") {
                semicolons += 1
            } else if !quoted && b == UInt8(ascii: ",") {
                commas += 1
            }
        }
        return commas > semicolons ? UInt8(ascii: ",") : UInt8(ascii: ";")
    }

    private func fill() {
        guard !atEOF else { return }
        let data = handle.readData(ofLength: CSVReader.chunkSize)
        if data.isEmpty { atEOF = true; return }
        bytesRead += data.count
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: data)
    }

    /// The bytes of the next record without its line end, and the line it starts on.
    private func nextRecordBytes() throws(CSVError) -> (bytes: ArraySlice<UInt8>, line: Int)? {
        var quoted = false
        var i = position
        let startLine = line
        while true {
            if i >= buffer.count {
                if atEOF {
                    guard position < buffer.count else { return nil }
                    if quoted { throw CSVError(file: fileName, line: startLine, reason: "et felt i anførselstegn slutter aldrig") }
                    let bytes = buffer[position..<buffer.count]
                    position = buffer.count
                    line += 1
                    return (bytes, startLine)
                }
                let offset = i - position
                fill()
                i = position + offset
                continue
            }
            let b = buffer[i]
            if b == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if b == UInt8(ascii: "\n") {
                line += 1
                if !quoted {
                    var end = i
                    if end > position && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                    let bytes = buffer[position..<end]
                    position = i + 1
                    return (bytes, startLine)
                }
            }
            i += 1
        }
    }

    /// Text as the file's encoding has it: UTF-8 until a field is not, then Windows-1252 for
    /// the rest when nothing before it was other than ASCII and the field reads as Danish text.
    private func decode(_ bytes: ArraySlice<UInt8>, line: Int) throws(CSVError) -> String {
        // ASCII needs no validation; the generic validating decoder is slow for the common case.
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if encoding != .windows1252, let s = String(validating: bytes, as: UTF8.self) {
            encoding = .utf8
            return s
        }
        if encoding == .utf8 {
            throw CSVError(
                file: fileName, line: line,
                reason: "linjen er ikke gyldig UTF-8, men filens tidligere linjer er: filen blander tegnsæt; gem den igen som CSV UTF-8")
        }
        guard let s = Windows1252.danishText(bytes) else {
            throw CSVError(
                file: fileName, line: line,
                reason: encoding == .windows1252
                    ? "linjen ligner ikke Windows-1252 som resten af filen (blandede tegnsæt?); gem filen som CSV UTF-8"
                    : "linjen er hverken gyldig UTF-8 eller dansk Windows-1252; gem filen som CSV UTF-8")
        }
        encoding = .windows1252
        return s
    }

    /// Splits one record into fields, undoing RFC 4180 quoting. A field without
    /// quotes is decoded straight from the line's bytes.
    private func split(_ bytes: ArraySlice<UInt8>, line: Int) throws(CSVError) -> [String] {
        var fields: [String] = []
        var i = bytes.startIndex
        while true {
            if i < bytes.endIndex && bytes[i] == UInt8(ascii: "\"") {
                var field: [UInt8] = []
                i += 1
                while i < bytes.endIndex {
                    let b = bytes[i]
                    if b == UInt8(ascii: "\"") {
                        if i + 1 < bytes.endIndex && bytes[i + 1] == UInt8(ascii: "\"") {
                            field.append(b)
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    field.append(b)
                    i += 1
                }
                // Text after the closing quote belongs to the field, as it always did.
                while i < bytes.endIndex && bytes[i] != delimiter {
                    field.append(bytes[i])
                    i += 1
                }
                fields.append(try decode(field[...], line: line))
            } else {
                let start = i
                while i < bytes.endIndex && bytes[i] != delimiter { i += 1 }
                fields.append(try decode(bytes[start..<i], line: line))
            }
            guard i < bytes.endIndex else { return fields }
            i += 1  // the delimiter
        }
    }
}
