/// Small-number suppression for views outside casework (docs/noegletal.md, "Small
/// numbers"): a value resting on fewer than `threshold` units (persons, rows,
/// companies, a share's denominator) is hidden, and so are enough neighbours that
/// no hidden value can be recomputed from a total.
///
/// Secondary suppression: in every period across groups, and in every group across
/// periods, a line with exactly one hidden value also hides its smallest other
/// non-zero value; this repeats until no line has a lone hidden value it could
/// give away. Zero values stay visible (they reveal no person).
///
/// ```swift
/// let shown = SmallNumbers.suppress(result, threshold: 5)   // for leder and udvalg
/// ```
public enum SmallNumbers {
    public static let defaultThreshold = 5

    public static func suppress(_ result: KPIResult, threshold: Int = defaultThreshold) -> KPIResult {
        var out = result
        // Counts beside the table would give a hidden cell away (total minus the visible rows).
        out.sourceRowCount = nil
        out.showsCounts = false
        var hidden = result.rows.map { $0.base > 0 && $0.base < threshold }
        // Lines: the rows of one period (across groups) and of one group (across periods).
        let byPeriod = Dictionary(grouping: result.rows.indices, by: { result.rows[$0].period }).values
        let byGroup = Dictionary(grouping: result.rows.indices, by: { result.rows[$0].dimensions }).values
        let lines = Array(byPeriod) + Array(byGroup)
        var changed = hidden.contains(true)
        while changed {
            changed = false
            for line in lines where line.count { hidden[$0] } == 1 {
                let candidates = line.filter { !hidden[$0] && result.rows[$0].base > 0 }
                guard let smallest = candidates.min(by: { (result.rows[$0].base, $0) < (result.rows[$1].base, $1) }) else { continue }
                hidden[smallest] = true
                changed = true
            }
        }
        for i in out.rows.indices where hidden[i] {
            out.rows[i].value = nil
            out.rows[i].suppressed = true
        }
        return out
    }
}
