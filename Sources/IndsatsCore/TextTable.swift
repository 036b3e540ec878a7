/// A plain-text table for the terminal: columns as wide as their widest cell,
/// text left-aligned and the columns named in `rightAligned` to the right.
///
/// ```swift
/// TextTable.render(["År", "Netto"], [["2017", "751.016"]], rightAligned: [1])
/// // "År      Netto\n2017  751.016\n"
/// ```
public enum TextTable {
    public static func render(_ headers: [String], _ rows: [[String]], rightAligned: Set<Int>) -> String {
        let widths = headers.indices.map { i in ([headers[i]] + rows.map { $0[i] }).map(\.count).max()! }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }
            return String(padded.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed())
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
