import Foundation
import IndsatsContract
import IndsatsCore

/// The records of a register file, whatever holds them: a CSV file (``CSVReader``) or the
/// first sheet of an `.xlsx` workbook (``SheetReader``). The importer reads both the same way.
protocol RecordSource: AnyObject {
    /// The file as errors name it (with the sheet, for a workbook).
    var fileName: String { get }
    /// The header's fields.
    var header: [String] { get }
    /// The header as a quarantine file repeats it.
    var headerRaw: String { get }
    /// The delimiter a quarantine file is written with.
    var delimiter: UInt8 { get }
    /// The text encoding found (a workbook's text is always Unicode).
    var encoding: TextEncoding { get }
    /// Whether records carry their text as a quarantine file repeats it.
    var keepsRawText: Bool { get set }
    /// The next non-blank record, or `nil` at the end.
    func next() throws(CSVError) -> CSVRecord?
}

extension CSVReader: RecordSource {}

/// Opens register files by their extension.
enum RegisterFile {
    /// A CSV file, or with `.xlsx` the first sheet of a workbook, read for a file of `kind`.
    static func open(_ path: String, kind: FileKind) throws(CSVError) -> any RecordSource {
        isWorkbook(path) ? try SheetReader(path: path, kind: kind) : try CSVReader(path: path)
    }

    static func isWorkbook(_ path: String) -> Bool { path.lowercased().hasSuffix(".xlsx") }
}

/// A register table in the first sheet of an `.xlsx` workbook, as Danish Excel saves it: the
/// first row is the header, a row is a record (its row number is its line), dates are Excel
/// dates (numbers) or text, numbers are numbers. Errors name the file and the sheet.
///
/// ```swift
/// let sheet = try SheetReader(path: "personer.xlsx", kind: .personer)
/// while let record = try sheet.next() { print(record.line, record.fields) }   // 2 ["P1", "1990-05-01", ...]
/// ```
final class SheetReader: RecordSource {
    let fileName: String
    let header: [String]
    let delimiter = UInt8(ascii: ";")
    let encoding = TextEncoding.utf8
    var keepsRawText = true
    var headerRaw: String { Self.csvLine(header) }

    private let rows: [[Workbook.Cell]]
    /// Rows read so far, the header included: the next row's index.
    private var read = 1
    /// Of each header position, what a number in it is.
    private let numbers: [NumberMeaning]

    enum NumberMeaning { case number, excelDate, cpr }

    init(path: String, kind: FileKind) throws(CSVError) {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVError(file: name, line: 0, reason: "filen kan ikke åbnes")
        }
        let book: Workbook
        do { book = try Workbook(xlsx: data, fileName: name) } catch { throw CSVError(file: name, line: 0, reason: error.reason) }
        guard let sheet = book.sheets.first else { throw CSVError(file: name, line: 0, reason: "projektmappen har intet ark") }
        fileName = "\(name) (ark \(sheet.name))"
        rows = sheet.rows
        var header = (sheet.rows.first ?? []).map { $0.text.trimmingSpaces }
        while header.last == "" { header.removeLast() }
        guard !header.isEmpty else {
            throw CSVError(file: fileName, line: 1, reason: "arket er tomt; række 1 skal være overskriften")
        }
        self.header = header
        let declared = Dictionary(uniqueKeysWithValues: kind.declaration.columns.map { ($0.name, $0.type) })
        numbers = header.map { name in
            switch declared[ColumnName.normalise(name)] {
            case .day?, .endDay?: .excelDate
            case .cpr?: .cpr
            default: .number
            }
        }
    }

    func next() throws(CSVError) -> CSVRecord? {
        while read < rows.count {
            let row = rows[read]
            read += 1
            guard row.contains(where: { $0 != .empty }) else { continue }
            var fields = row.enumerated().map { column, cell in text(cell, column) }
            // A workbook leaves out empty cells at a row's end.
            while fields.count > header.count && fields.last == "" { fields.removeLast() }
            if fields.count < header.count { fields += Array(repeating: "", count: header.count - fields.count) }
            return CSVRecord(fields: fields, line: read, raw: keepsRawText ? Self.csvLine(fields) : "")
        }
        return nil
    }

    private func text(_ cell: Workbook.Cell, _ column: Int) -> String {
        guard case .number(let x) = cell, column < numbers.count else { return cell.text }
        switch numbers[column] {
        case .number: return cell.text
        case .excelDate: return Self.day(excelDate: x)?.iso ?? cell.text
        // A CPR number typed as a number loses the leading zero of days 01-09.
        case .cpr: return x == x.rounded() && x >= 0 && x < 1e10 ? String(format: "%010.0f", x) : cell.text
        }
    }

    /// The day an Excel date number stands for (1900 date system; its 29-02-1900, number 60, never
    /// existed): `nil` for no whole-day date Excel can show.
    static func day(excelDate x: Double) -> Day? {
        guard x >= 1, x < 2_958_466, x != 60 else { return nil }
        let serial = Int32(x.rounded(.down))
        // From 1 March 1900 on, Excel counts from 30-12-1899; before it, from 31-12-1899.
        let epoch = Day(year: 1899, month: 12, day: serial > 60 ? 30 : 31)!
        return Day(ordinal: epoch.ordinal + serial)
    }

    /// The fields as one semicolon CSV line, quoted where a field needs it.
    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ";")
    }
}
