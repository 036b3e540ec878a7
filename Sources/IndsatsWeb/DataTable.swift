import Foundation
import Hummingbird
import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange

/// A table a page shows and offers for download: the same cells as HTML, as
/// semicolon CSV with BOM for Danish Excel, and as an `.xlsx` sheet. Column
/// headings of measures link to their definition.
///
/// ```swift
/// var table = DataTable(caption: "Målgrupper", columns: [.init("Ydelse"), .init("Fuldtidspersoner", measure: .fuldtidspersoner)])
/// table.rows.append([.text("Dagpenge"), .number(123.4, decimals: 1)])
/// table.html()   // <table> with a link to /definitioner#fuldtidspersoner
/// ```
struct DataTable {
    struct Column {
        var title: String
        /// The measure the column shows, for the link to its definition.
        var measure: Measure?
        init(_ title: String, measure: Measure? = nil) {
            self.title = title
            self.measure = measure
        }
    }

    enum Cell: Equatable {
        case text(String)
        case number(Double, decimals: Int)
        /// A share in 0...1, shown in percent with one decimal.
        case percent(Double)
        /// Text that links somewhere on the page (a definition, a detail page).
        case link(String, href: String)
        /// Hidden small number: `..`, as Danmarks Statistik writes it.
        case hidden
        /// No value (a share of no one): `–` on the page, empty in files.
        case none

        /// A measure's cell from an engine row, hidden or absent as the row says.
        static func of(_ row: KPIRow?, decimals: Int) -> Cell {
            guard let row else { return .number(0, decimals: decimals) }
            if row.suppressed { return .hidden }
            return row.value.map { .number($0, decimals: decimals) } ?? .none
        }
    }

    var caption: String
    var columns: [Column]
    var rows: [[Cell]] = []
    /// Said under the table, and in the files' last row: what the reader must know.
    var note: String = ""

    func html() -> HTML {
        var out: HTML = "<div class=\"table-wrap\"><table><caption>\(caption)</caption><thead><tr>"
        for column in columns {
            let title: HTML =
                column.measure.map { "<a href=\"/definitioner#\($0.rawValue)\" title=\"Definition\">\(column.title)</a>" }
                ?? "\(column.title)"
            out += "<th scope=\"col\">\(title)</th>"
        }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                switch cell {
                case .text(let s): out += i == 0 ? "<th scope=\"row\">\(s)</th>" : "<td>\(s)</td>"
                case .number(let x, let decimals): out += "<td class=\"n\">\(DanishFormat.number(x, decimals: decimals))</td>"
                case .percent(let x): out += "<td class=\"n\">\(DanishFormat.number(x * 100)) %</td>"
                case .link(let s, let href): out += "<td><a href=\"\(href)\">\(s)</a></td>"
                case .hidden:
                    out += "<td class=\"n\"><abbr title=\"skjult: under \(SmallNumbers.defaultThreshold)\">\(SmallNumbers.mark)</abbr></td>"
                case .none: out += "<td class=\"n\">–</td>"
                }
            }
            out += "</tr>"
        }
        out += "</tbody></table></div>"
        return note.isEmpty ? out : out + "<p class=\"meta\">\(note)</p>"
    }

    /// Semicolon CSV with BOM: decimal comma, no thousands points, `..` for a hidden value.
    func csv() -> [UInt8] {
        var rows = CSVRowEncoder()
        rows.append(bytes: [0xEF, 0xBB, 0xBF])
        // Every text may come from data or a visitor: none may start a formula in Excel.
        func text(_ s: String) { rows.text(CSVRowEncoder.spreadsheetSafe(s)) }
        for column in columns { text(column.title) }
        rows.endRow()
        for row in self.rows {
            for cell in row {
                switch cell {
                case .text(let s): text(s)
                case .number(let x, let decimals):
                    rows.text(DanishFormat.number(x, decimals: decimals).replacingOccurrences(of: ".", with: ""))
                case .percent(let x): rows.text(DanishFormat.number(x * 100).replacingOccurrences(of: ".", with: "") + " %")
                case .link(let s, _): text(s)
                case .hidden: rows.text(SmallNumbers.mark)
                case .none: rows.text(nil)
                }
            }
            rows.endRow()
        }
        return rows.bytes
    }

    /// One sheet: numbers as number cells, to full precision.
    func sheet(named name: String) -> Workbook.Sheet {
        Workbook.Sheet(
            name: name,
            rows: [columns.map { .text($0.title) }]
                + rows.map { row in
                    row.map { cell in
                        switch cell {
                        case .text(let s): .text(s)
                        case .number(let x, _), .percent(let x): .number(x)
                        case .link(let s, _): .text(s)
                        case .hidden: .text(SmallNumbers.mark)
                        case .none: .empty
                        }
                    }
                } + (note.isEmpty ? [] : [[], [.text(note)]]))
    }
}

extension DataTable {
    /// Tables as a file to download: the first as CSV for Excel, or all as a workbook with a sheet each.
    static func download(_ tables: [DataTable], name: String, format: String) throws -> Response {
        if format == "csv" {
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\""],
                body: .init(byteBuffer: ByteBuffer(bytes: tables[0].csv())))
        }
        // Excel allows 31 characters in a sheet's name.
        let data = try Workbook(sheets: tables.map { $0.sheet(named: String($0.caption.prefix(31))) }).xlsx()
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .contentDisposition: "attachment; filename=\"\(name).xlsx\"",
            ],
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
