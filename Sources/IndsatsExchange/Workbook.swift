import Foundation
import IndsatsCore
import ZIPFoundation

/// Sheets of text and number cells, written as and read from an Excel `.xlsx` file
/// (Office Open XML: a zip of XML parts).
///
/// Writing makes the smallest workbook Excel, LibreOffice and Numbers open: inline
/// strings, a bold and frozen header row. Reading takes what those programs write
/// too: shared strings, rich text runs, formulas' cached values, sparse rows.
///
/// ```swift
/// let book = Workbook(sheets: [.init(name: "Forslag", rows: [[.text("nr")], [.text("JC 08")]])])
/// let data = try book.xlsx()
/// try Workbook(xlsx: data, fileName: "forslag.xlsx").sheet("Forslag")?.rows   // the same rows
/// ```
public struct Workbook: Equatable, Sendable {
    public enum Cell: Equatable, Sendable {
        case empty
        case text(String)
        case number(Double)

        /// The cell as text: numbers without a needless ".0".
        public var text: String {
            switch self {
            case .empty: ""
            case .text(let s): s
            case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
            }
        }
    }

    public struct Sheet: Equatable, Sendable {
        public var name: String
        /// The first row is the header.
        public var rows: [[Cell]]
        public init(name: String, rows: [[Cell]]) {
            self.name = name
            self.rows = rows
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    public func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

    // MARK: Writing

    public func xlsx() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let ns = "http://schemas.openxmlformats.org"
        try add(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="\(ns)/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            \(sheets.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())</Types>
            """)
        try add(
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(ns)/package/2006/relationships"><Relationship Id="rId1" Type="\(ns)/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        try add(
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(ns)/spreadsheetml/2006/main" xmlns:r="\(ns)/officeDocument/2006/relationships"><sheets>\
            \(sheets.enumerated().map { "<sheet name=\"\(Markup.escape(String($1.name.prefix(31))))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined())</sheets></workbook>
            """)
        try add(
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(ns)/package/2006/relationships">\
            \(sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(ns)/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())\
            <Relationship Id="rId\(sheets.count + 1)" Type="\(ns)/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """)
        // Style 1 is the header's bold font.
        try add(
            "xl/styles.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="\(ns)/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """)
        for (i, sheet) in sheets.enumerated() { try add("xl/worksheets/sheet\(i + 1).xml", Self.sheetXML(sheet)) }
        guard let data = archive.data else { throw XLSXError(file: "", reason: "arbejdsbogen kunne ikke skrives") }
        return data
    }

    static func sheetXML(_ sheet: Sheet) -> String {
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        out +=
            "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            out += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = columnName(c) + String(r + 1), style = r == 0 ? " s=\"1\"" : ""
                switch cell {
                case .empty: continue
                case .number(let x): out += "<c r=\"\(ref)\"\(style)><v>\(Cell.number(x).text)</v></c>"
                case .text(let s):
                    out += "<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Markup.escape(s))</t></is></c>"
                }
            }
            out += "</row>"
        }
        return out + "</sheetData></worksheet>"
    }

    /// `A`, `B`, ..., `Z`, `AA`, ... for column 0, 1, ...
    static func columnName(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    // MARK: Reading

    /// The most bytes one part of a workbook may unpack to: far above any register table, far below a zip bomb.
    static let largestPart = 512_000_000

    public init(xlsx data: Data, fileName: String) throws(XLSXError) {
        func fail(_ reason: String) -> XLSXError { XLSXError(file: fileName, reason: reason) }
        let zip: ZipParts
        do { zip = try ZipParts(data) } catch { throw fail(error.reason) }
        func part(_ path: String) throws(XLSXError) -> [XMLEvent]? {
            do { return try zip.contents(path, limit: Self.largestPart).map { XMLEvent.parse(Data($0)) } } catch {
                throw fail(error.reason)
            }
        }
        guard let workbook = try part("xl/workbook.xml") else { throw fail("filen er ikke en xlsx-fil (xl/workbook.xml mangler)") }
        var targets: [String: String] = [:]
        for case .start(let name, let attributes, _) in try part("xl/_rels/workbook.xml.rels") ?? [] where name == "Relationship" {
            if let id = attributes["Id"], let target = attributes["Target"] {
                targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        let shared = Self.sharedStrings(try part("xl/sharedStrings.xml") ?? [])
        var sheets: [Sheet] = []
        for case .start(let name, let attributes, _) in workbook where name == "sheet" {
            guard let sheetName = attributes["name"], let id = attributes["r:id"] ?? attributes["id"], let path = targets[id] else {
                continue
            }
            guard let events = try part(path) else { throw fail("arket '\(sheetName)' mangler i filen (\(path))") }
            guard let rows = Self.rows(events, shared) else {
                throw fail("arket '\(sheetName)' har en række eller celle uden for Excels grænser")
            }
            sheets.append(Sheet(name: sheetName, rows: rows))
        }
        self.sheets = sheets
    }

    /// The shared strings in order; a rich string is its runs' text joined (phonetic hints left out).
    static func sharedStrings(_ events: [XMLEvent]) -> [String] {
        var out: [String] = []
        var current = "", inText = false, inPhonetic = false
        for event in events {
            switch event {
            case .start("si", _, _): current = ""
            case .end("si"): out.append(current)
            case .start("rPh", _, let selfClosing): inPhonetic = !selfClosing
            case .end("rPh"): inPhonetic = false
            case .start("t", _, let selfClosing): inText = !selfClosing && !inPhonetic
            case .end("t"): inText = false
            case .text(let s) where inText: current += s
            default: break
            }
        }
        return out
    }

    /// A sheet's rows by their `r` numbers, with gaps as empty rows and cells.
    /// Excel's own limits: no real workbook has a cell beyond them.
    static let maximumRows = 1_048_576, maximumColumns = 16_384

    /// `nil` when a row or cell lies outside Excel's limits (a crafted file; the fuzzer made one).
    static func rows(_ events: [XMLEvent], _ shared: [String]) -> [[Cell]]? {
        var rows: [[Cell]] = []
        var row = 0, column = -1
        var type = "n", value = "", inValue = false, inText = false
        for event in events {
            switch event {
            case .start("row", let a, _):
                row = a["r"].flatMap(Int.init).map { $0 - 1 } ?? rows.count
                guard (0..<Self.maximumRows).contains(row) else { return nil }
                column = -1
                while rows.count <= row { rows.append([]) }
            case .start("c", let a, _):
                column = a["r"].flatMap(columnIndex) ?? column + 1
                guard (0..<Self.maximumColumns).contains(column) else { return nil }
                type = a["t"] ?? "n"
                value = ""
            case .start("v", _, _): inValue = true
            case .end("v"): inValue = false
            case .start("t", _, let selfClosing): inText = !selfClosing
            case .end("t"): inText = false
            case .text(let s) where inValue || inText: value += s
            case .end("c"):
                let cell: Cell
                switch type {
                case "s": cell = Int(value).flatMap { shared.indices.contains($0) ? Cell.text(shared[$0]) : nil } ?? .empty
                case "inlineStr", "str", "e": cell = value.isEmpty ? .empty : .text(value)
                case "b": cell = .number(value == "1" ? 1 : 0)
                default: cell = Double(value).map(Cell.number) ?? (value.isEmpty ? .empty : .text(value))
                }
                // A cell end without its start (a crafted sheet; the fuzzer made one) has no column.
                guard cell != .empty, row < rows.count, column >= 0 else { continue }
                while rows[row].count <= column { rows[row].append(.empty) }
                rows[row][column] = cell
            default: break
            }
        }
        return rows
    }

    /// Column index of a reference such as `AB12`.
    static func columnIndex(_ reference: String) -> Int? {
        var n = 0
        for ch in reference {
            guard let a = ch.asciiValue, (65...90).contains(a) || (97...122).contains(a) else { break }
            n = n * 26 + Int((a & 0xDF) - 64)
            if n > maximumColumns { return Int.max }  // beyond Excel's columns; refused, never overflowing
        }
        return n > 0 ? n - 1 : nil
    }
}

/// An `.xlsx` file that cannot be read at all.
public struct XLSXError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { file.isEmpty ? reason : "\(file): \(reason)" }
}

/// The parts of XML a workbook needs: elements by local name (prefixes dropped)
/// with their attributes, and decoded text. Comments, processing instructions and
/// declarations are skipped; CDATA is text.
enum XMLEvent: Equatable {
    case start(String, [String: String], selfClosing: Bool)
    case end(String)
    case text(String)

    static func parse(_ data: Data) -> [XMLEvent] {
        let bytes = [UInt8](data)
        var events: [XMLEvent] = []
        var i = 0
        func localName(_ name: Substring) -> String { String(name.split(separator: ":").last ?? name) }
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else {
                var j = i
                while j < bytes.count && bytes[j] != UInt8(ascii: "<") { j += 1 }
                events.append(.text(decodeEntities(String(decoding: bytes[i..<j], as: UTF8.self))))
                i = j
                continue
            }
            if bytes[i...].starts(with: Array("<![CDATA[".utf8)) {
                let end = bytes.firstIndex(of: Array("]]>".utf8), from: i + 9) ?? bytes.count
                events.append(.text(String(decoding: bytes[(i + 9)..<end], as: UTF8.self)))
                i = end + 3
                continue
            }
            if bytes[i...].starts(with: Array("<!--".utf8)) {
                i = (bytes.firstIndex(of: Array("-->".utf8), from: i + 4) ?? bytes.count) + 3
                continue
            }
            var j = i + 1, quote: UInt8 = 0
            while j < bytes.count && (quote != 0 || bytes[j] != UInt8(ascii: ">")) {
                if quote == 0 && (bytes[j] == 34 || bytes[j] == 39) { quote = bytes[j] } else if bytes[j] == quote { quote = 0 }
                j += 1
            }
            let tag = String(decoding: bytes[(i + 1)..<min(j, bytes.count)], as: UTF8.self)
            i = j + 1
            if tag.hasPrefix("?") || tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                events.append(.end(localName(tag.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines)[...])))
                continue
            }
            let selfClosing = tag.hasSuffix("/")
            let body = selfClosing ? tag.dropLast() : tag[...]
            let name = body.prefix { !$0.isWhitespace }
            events.append(.start(localName(name), attributes(body.dropFirst(name.count)), selfClosing: selfClosing))
            if selfClosing { events.append(.end(localName(name))) }
        }
        return events
    }

    /// `a="1" r:id='x'` as a dictionary; prefixed names keep their prefix (`r:id`).
    static func attributes(_ text: Substring) -> [String: String] {
        var out: [String: String] = [:]
        var rest = text
        while let eq = rest.firstIndex(of: "=") {
            let name = rest[..<eq].trimmingCharacters(in: .whitespacesAndNewlines)
            var after = rest[rest.index(after: eq)...].drop { $0.isWhitespace }
            guard let quote = after.first, quote == "\"" || quote == "'" else { break }
            after = after.dropFirst()
            guard let close = after.firstIndex(of: quote) else { break }
            out[name] = decodeEntities(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return out
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = "", rest = s[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let code =
                    entity.hasPrefix("#x")
                    ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let code, let scalar = Unicode.Scalar(code) { out.unicodeScalars.append(scalar) } else { out += "&\(entity);" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
