import Foundation
import IndsatsAnalytics
import IndsatsCore

/// Output formats of `indsats kpi --format` and the API's `format` parameter.
public enum KPIFormat: String, CaseIterable, Sendable {
    case json, csv, tabel
}

/// Writes a ``KPIResult`` in the contract's formats (docs/dataformat.md).
///
/// ```swift
/// let json = KPIOutput.json(result)   // {"kpi":"fuldtidspersoner","fra":"2024-01-01",...,"rows":[...]}
/// ```
public enum KPIOutput {
    public static func render(_ result: KPIResult, as format: KPIFormat) -> String {
        switch format {
        case .json: return json(result)
        case .csv: return String(decoding: csv(result), as: UTF8.self)
        case .tabel: return table(result)
        }
    }

    /// One JSON object: `kpi`, `fra`, `til`, `periode`, `datadato`, `kilderaekker`, `noter` and `rows`,
    /// each row with its dimensions, `periode` and `vaerdi`; values are not rounded.
    public static func json(_ result: KPIResult) -> String {
        let q = result.query
        var out =
            "{\"kpi\":\(JSONText.string(q.measure.rawValue)),\"fra\":\(JSONText.string(q.window.start.iso)),\"til\":\(JSONText.string(q.window.end.iso))"
        out += ",\"periode\":\(JSONText.string(q.periodKind.rawValue))"
        out += ",\"datadato\":" + (result.dataDate.map { JSONText.string($0.iso) } ?? "null")
        out += ",\"kilderaekker\":" + (result.sourceRowCount.map { String($0) } ?? "null")
        out += ",\"noter\":[" + result.notes.map(JSONText.string).joined(separator: ",") + "],\"rows\":["
        for (i, row) in result.rows.enumerated() {
            if i > 0 { out += "," }
            out += "{"
            for (d, value) in zip(q.splitBy, row.dimensions) { out += "\(JSONText.string(d.rawValue)):\(JSONText.string(value))," }
            out += "\"periode\":\(JSONText.string(row.period)),\"vaerdi\":\(row.value.map(jsonNumber) ?? "null")"
            out += row.suppressed ? ",\"undertrykt\":true}" : "}"
        }
        return out + "]}"
    }

    /// Semicolon CSV with BOM for Danish Excel: dimensions, `periode`, `vaerdi` with decimal comma;
    /// a suppressed value is `..` (as Danmarks Statistik writes it).
    public static func csv(_ result: KPIResult) -> [UInt8] {
        let writer = CSVWriter(header: result.query.splitBy.map(\.rawValue) + ["periode", "vaerdi"])
        // Kroner are rounded to øre: printed so, without the binary fraction's noise (33723848,52, not ...,5200000033).
        let places = result.query.measure.isAmount ? 2 : 10
        for row in result.rows {
            let value =
                row.suppressed
                ? SmallNumbers.mark : row.value.map { plainDecimal($0, places: places).replacingOccurrences(of: ".", with: ",") } ?? ""
            writer.write(row.dimensions.map(CSVRowEncoder.spreadsheetSafe) + [row.period, value])
        }
        try? writer.close()
        return writer.text
    }

    /// An aligned text table with Danish numbers, then the data date and source row count.
    public static func table(_ result: KPIResult) -> String {
        let q = result.query
        let decimals = q.measure.isWholeCount ? 0 : q.measure.isShare ? 3 : 1
        let header = q.splitBy.map(\.rawValue) + ["periode", q.measure.rawValue]
        let body = result.rows.map {
            $0.dimensions + [
                $0.period, $0.suppressed ? SmallNumbers.mark : $0.value.map { DanishFormat.number($0, decimals: decimals) } ?? "–",
            ]
        }
        var widths = header.map(\.count)
        for line in body { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let padding = String(repeating: " ", count: widths[i] - cell.count)
                return i == cells.count - 1 ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
        var lines = [format(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += body.map(format)
        lines.append("")
        lines.append(
            "\(q.measure.title) \(q.window.start.danish) til \(q.window.end.danish). Datadato: \(result.dataDate?.danish ?? "ingen data")."
                + (result.sourceRowCount.map { " Kilderækker: \(DanishFormat.integer($0))." } ?? ""))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The shortest text that reads back as the same double; integers without `.0`.
    static func jsonNumber(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// Fixed-point text with up to `places` decimals, trailing zeros removed.
    static func plainDecimal(_ v: Double, places: Int = 10) -> String {
        var s = String(format: "%.\(places)f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
