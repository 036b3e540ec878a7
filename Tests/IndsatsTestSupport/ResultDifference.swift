import IndsatsAnalytics

extension KPIResult {
    /// Where this answer first differs from `other`, for a failing test's message: the first
    /// differing row of each, or the row and source row counts (the rest of a result is in the query).
    public func firstDifference(from other: KPIResult) -> String {
        zip(rows, other.rows).first { $0 != $1 }.map { "\($0) mod \($1)" }
            ?? "\(rows.count) mod \(other.rows.count) rækker, kilderækker \(sourceRowCount ?? -1) mod \(other.sourceRowCount ?? -1)"
    }
}
