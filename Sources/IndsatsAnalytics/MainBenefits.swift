import IndsatsCore

extension Register {
    /// The register as `hovedydelse` sees it: every benefit period's code replaced by its
    /// hovedydelse (``ReferenceData/mainBenefit(of:)``), so days are unions and spells chain
    /// across the codes merged on 2025-07-01 (a move from aktivitetsparat to jobparat is no exit).
    ///
    /// Each period keeps the code it was imported with (``sourceCode(_:)``) for the measures that
    /// choose their population by code. Rows stay sorted by person, benefit and start; among equal starts the
    /// alphabetically first imported code comes first, so a spell's ``Spell/firstRow`` names the code it began on.
    ///
    /// ```swift
    /// let merged = register.mergingMainBenefits()
    /// KPIEngine(merged).evaluate(query)   // a query by ydelse now answers by hovedydelse
    /// ```
    func mergingMainBenefits() -> Register {
        var r = self
        let main = benefits.strings.map { r.benefits.intern(ReferenceData.mainBenefit(of: $0)) }
        var code = [Int32](), start = [Int32](), end = [Int32](), exit = [Int32](), source = [Int32]()
        code.reserveCapacity(benefitCode.count); start.reserveCapacity(benefitCode.count)
        end.reserveCapacity(benefitCode.count); exit.reserveCapacity(benefitCode.count); source.reserveCapacity(benefitCode.count)
        // Among periods starting alike, the alphabetically first code leads: a spell began on its code.
        var nameRank = [Int32](repeating: 0, count: benefits.strings.count)
        for (rank, i) in benefits.strings.indices.sorted(by: { benefits.strings[$0] < benefits.strings[$1] }).enumerated() {
            nameRank[i] = Int32(rank)
        }
        var rows: [Int] = []
        for p in 0..<personCount {
            rows.removeAll(keepingCapacity: true)
            rows.append(contentsOf: benefitRows(of: p))
            rows.sort { a, b in
                (main[Int(benefitCode[a])], benefitStart[a], nameRank[Int(benefitCode[a])], benefitEnd[a], benefitExit[a])
                    < (main[Int(benefitCode[b])], benefitStart[b], nameRank[Int(benefitCode[b])], benefitEnd[b], benefitExit[b])
            }
            for i in rows {
                code.append(main[Int(benefitCode[i])])
                start.append(benefitStart[i]); end.append(benefitEnd[i]); exit.append(benefitExit[i]); source.append(benefitCode[i])
            }
        }
        (r.benefitCode, r.benefitStart, r.benefitEnd, r.benefitExit, r.benefitSourceCode) = (code, start, end, exit, source)
        return r
    }
}
