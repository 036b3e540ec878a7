import IndsatsCore
import Synchronization

/// The register by hovedydelse, made once on first use and shared by the copies of the register it
/// was made from. A register built or rebuilt gets a new, empty one, so it never serves another's rows.
final class MainBenefitRegister: Sendable {
    private let kept = Mutex<Register?>(nil)

    /// The register by hovedydelse, if made.
    var made: Register? { kept.withLock { $0 } }

    /// Takes `register` as the one made, unless one is.
    func take(_ register: Register) { kept.withLock { $0 = $0 ?? register } }

    func value(_ make: () -> Register) -> Register {
        kept.withLock { kept in
            if let kept { return kept }
            let register = make()
            kept = register
            return register
        }
    }
}

extension Register {
    /// ``mergingMainBenefits()`` made once per register (a query by hovedydelse asks for it every time).
    var byMainBenefit: Register { mainBenefitRegister.value { mergingMainBenefits() } }

    /// Makes the register by hovedydelse now, unless made: a server does it when its pages are ready
    /// (after a start from kept pages nothing has asked for it), so the corrections after an import
    /// find it (``KPIQuery/correctableByPerson(after:on:)``).
    public func makeMainBenefits() { _ = byMainBenefit }

    /// Takes `old`'s register by hovedydelse, when made, as this one's: its merged benefit rows
    /// with this register's other rows, instead of merging every person's benefits again. For a
    /// register whose benefit rows and code lists are `old`'s (an import changed other parts only,
    /// ``changedParts(since:)``; `PersonPartTests` proves it).
    public func takeMainBenefits(from old: Register) {
        guard let merged = old.mainBenefitRegister.made else { return }
        var r = self
        r.mainBenefitRegister = MainBenefitRegister()
        (r.benefits, r.benefitCode, r.benefitSourceCode, r.benefitStart, r.benefitEnd, r.benefitExit) = (
            merged.benefits, merged.benefitCode, merged.benefitSourceCode, merged.benefitStart, merged.benefitEnd, merged.benefitExit
        )
        mainBenefitRegister.take(r)
    }

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
        r.mainBenefitRegister = MainBenefitRegister()
        let main = benefits.strings.map { r.benefits.intern(ReferenceData.mainBenefit(of: $0)) }
        var nameRank = [Int32](repeating: 0, count: benefits.strings.count)
        for (rank, i) in benefits.strings.indices.sorted(by: { benefits.strings[$0] < benefits.strings[$1] }).enumerated() {
            nameRank[i] = Int32(rank)
        }
        let source = benefitCode, start = benefitStart, end = benefitEnd, exit = benefitExit
        var code = source.map { main[Int($0)] }
        var newSource = source, newStart = start, newEnd = end, newExit = exit
        // Rows were sorted by imported code: only a person with two codes of one hovedydelse needs sorting again.
        var rows: [Int] = []
        for p in 0..<personCount {
            let first = benefitOffsets[p], last = benefitOffsets[p + 1]
            var mixed = false
            for i in first..<last where !mixed {
                for j in first..<i where source[j] != source[i] && code[j] == code[i] {
                    mixed = true
                    break
                }
            }
            guard mixed else { continue }
            rows.removeAll(keepingCapacity: true)
            rows.append(contentsOf: first..<last)
            rows.sort { a, b in
                (code[a], start[a], nameRank[Int(source[a])], end[a], exit[a]) < (
                    code[b], start[b], nameRank[Int(source[b])], end[b], exit[b]
                )
            }
            for (k, i) in rows.enumerated() {
                (newSource[first + k], newStart[first + k], newEnd[first + k], newExit[first + k]) = (source[i], start[i], end[i], exit[i])
            }
            for k in first..<last { code[k] = main[Int(newSource[k])] }
        }
        (r.benefitCode, r.benefitSourceCode, r.benefitStart, r.benefitEnd, r.benefitExit) = (code, newSource, newStart, newEnd, newExit)
        return r
    }
}
