import IndsatsContract
import IndsatsCore

/// Rows of a file kind typed into a page's form rather than a file, checked by the
/// same declaration and rules as an import: each column's type, required values,
/// end dates, rules across columns, repeated keys and overlapping periods. Errors
/// name the row ("række 2") and column in Danish.
///
/// ```swift
/// let (rules, problems) = ContractRows.read(.kontaktregler, [["ydelse": "dagpenge", "fra": "01-01-2026", ...]], reference: .defaults)
/// ```
public enum ContractRows {
    public static func read(
        _ kind: FileKind, _ rows: [[String: String]], reference: ReferenceData
    ) -> (records: [RegisterRecord], problems: [RowIssue]) {
        let declaration = kind.declaration
        let reader = RowReader(declaration: declaration, fieldIndex: declaration.columns.indices.map { $0 }, extraColumns: [])
        var records: [RegisterRecord] = [], problems: [RowIssue] = []
        var keys: [String: Int] = [:]
        var overlaps = declaration.periods.map(PeriodOverlapCheck.init)
        for (i, row) in rows.enumerated() {
            let line = i + 1
            var values = reader.read(declaration.columns.map { row[$0.name] ?? "" }, reference)
            guard let record = declaration.record(&values) else {
                problems += values.problems.map { RowIssue(file: "række", line: line, column: $0.column, reason: $0.reason) }
                continue
            }
            if let first = keys[record.naturalKey] {
                problems.append(RowIssue(file: "række", line: line, column: "nøgle", reason: "samme nøgle som række \(first)"))
                continue
            }
            keys[record.naturalKey] = line
            if let period = record.period { overlaps?.add(period, file: 0, line: line) }
            records.append(record)
        }
        if let check = overlaps {
            for conflict in check.conflicts(place: { "række \($1)" }, isRejected: { _, _ in false }) {
                problems.append(RowIssue(file: "række", line: conflict.line, column: check.rule.start, reason: conflict.reason))
            }
        }
        return (problems.isEmpty ? records : [], problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }
}
