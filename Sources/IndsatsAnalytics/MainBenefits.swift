import IndsatsCore

extension Register {
    /// The register as `hovedydelse` sees it: every benefit period's code replaced by its
    /// hovedydelse (``ReferenceData/mainBenefit(of:)``), so days are unions and spells chain
    /// across the codes merged on 2025-07-01 (a move from aktivitetsparat to jobparat is no exit).
    ///
    /// Each period keeps the code it was imported with (``sourceCode(_:)``) for the measures that
    /// choose their population by code. Rows stay sorted by person, benefit and start; among equal
    /// starts the alphabetically first imported code comes first, so a spell's ``Spell/firstRow``
    /// names the code it began on.
    ///
    /// ```swift
    /// let merged = register.mergingMainBenefits()
    /// KPIEngine(merged).evaluate(query)   // a query by ydelse now answers by hovedydelse
    /// ```
    func mergingMainBenefits() -> Register {
        var r = self
        let main = benefits.strings.map { r.benefits.intern(ReferenceData.mainBenefit(of: $0)) }
        var nameRank = [Int32](repeating: 0, count: benefits.strings.count)
        for (rank, i) in benefits.strings.indices.sorted(by: { benefits.strings[$0] < benefits.strings[$1] }).enumerated() {
            nameRank[i] = Int32(rank)
        }
        r.benefitSourceCode = benefitCode
        r.benefitCode = benefitCode.map { main[Int($0)] }
        // Rows were sorted by imported code: only a person with two codes of one hovedydelse needs sorting again.
        var rows: [Int] = []
        for p in 0..<personCount {
            let range = benefitRows(of: p)
            guard twoCodesOfOneMain(range, main) else { continue }
            rows = Array(range)
            rows.sort { a, b in
                (r.benefitCode[a], benefitStart[a], nameRank[Int(benefitCode[a])], benefitEnd[a], benefitExit[a])
                    < (r.benefitCode[b], benefitStart[b], nameRank[Int(benefitCode[b])], benefitEnd[b], benefitExit[b])
            }
            for (k, i) in rows.enumerated() {
                let to = range.lowerBound + k
                r.benefitCode[to] = main[Int(benefitCode[i])]
                r.benefitSourceCode[to] = benefitCode[i]
                r.benefitStart[to] = benefitStart[i]
                r.benefitEnd[to] = benefitEnd[i]
                r.benefitExit[to] = benefitExit[i]
            }
        }
        return r
    }

    /// Whether two of the rows in `range` have different imported codes of one hovedydelse.
    private func twoCodesOfOneMain(_ range: Range<Int>, _ main: [Int32]) -> Bool {
        for i in range {
            let code = benefitCode[i]
            for j in range.lowerBound..<i where benefitCode[j] != code && main[Int(benefitCode[j])] == main[Int(code)] { return true }
        }
        return false
    }
}
