import IndsatsCore

/// A call due after a citizen left benefit for a job or education with aftercare
/// (seed 003, BIC 02/05, CEB 01, JC 07: "Opringning til borger og virksomhed efter 1
/// måned"): on the caseworker's work list from the day after the spell ended, due a
/// month later, until its outcome is recorded.
public struct AftercareTask: Sendable, Equatable, Hashable {
    public var personID: String
    public var benefit: String
    /// The spell's last day and why it ended (`job` or `uddannelse`).
    public var spellEnd: Day
    public var exit: String
    /// One month after the spell's last day.
    public var due: Day

    public init(personID: String, benefit: String, spellEnd: Day, exit: String, due: Day) {
        self.personID = personID; self.benefit = benefit; self.spellEnd = spellEnd; self.exit = exit; self.due = due
    }

    /// How long after the spell's end a task stays on the list without an outcome.
    public static let shownForMonths = 6
}

extension Register {
    /// The aftercare calls of `caseworker` on `day`: spells that ended with `job` or
    /// `uddannelse` in the last ``AftercareTask/shownForMonths`` months before `day`, whose
    /// person had the caseworker's assignment on the last day and an activity overlapping the
    /// spell or the month after it that is aftercare: of type `eftervaern`, or in one of
    /// `aftercareInitiatives` (indsatser.csv's `eftervaern` = `ja`). Due first, oldest first.
    ///
    /// ```swift
    /// register.aftercareTasks(caseworker: "M0012", on: register.dataDate!)
    /// ```
    public func aftercareTasks(caseworker: String, on day: Day, aftercareInitiatives: Set<String> = []) -> [AftercareTask] {
        guard let staffIndex = staff.index(of: caseworker) else { return [] }
        let aftercare = types.index(of: "eftervaern") ?? -1
        let aftercareInitiative = initiatives.strings.map(aftercareInitiatives.contains)
        let d = day.ordinal, since = day.adding(months: -AftercareTask.shownForMonths).ordinal
        let leaves = exitReasons.strings.map { $0 == "job" || $0 == "uddannelse" }
        var persons = Set<Int>()
        for a in assignmentPerson.indices where assignmentStaff[a] == staffIndex && assignmentTo[a] >= since && assignmentFrom[a] < d {
            persons.insert(Int(assignmentPerson[a]))
        }
        var tasks: [AftercareTask] = []
        var spells: [Spell] = []
        for p in persons.sorted() {
            var row = benefitOffsets[p]
            let end = benefitOffsets[p + 1]
            while row < end {
                let code = benefitCode[row]
                var groupEnd = row
                while groupEnd < end && benefitCode[groupEnd] == code { groupEnd += 1 }
                Spells.build(self, rows: row..<groupEnd, into: &spells)
                row = groupEnd
                for spell in spells where !spell.isOpen && spell.last >= since && spell.last < d && leaves[Int(spell.exit)] {
                    guard assignedCaseworker(p, on: spell.last) == staffIndex else { continue }
                    let reach = adding(months: 1, to: spell.last)
                    let hasAftercare = activityRows(of: p).contains { a in
                        (activityType[a] == aftercare || aftercareInitiative[Int(activityInitiative[a])])
                            && activityStart[a] <= reach && activityEnd[a] >= spell.first
                    }
                    guard hasAftercare else { continue }
                    tasks.append(
                        AftercareTask(
                            personID: personIDs[p], benefit: benefits[code], spellEnd: Day(ordinal: spell.last),
                            exit: exitReasons[spell.exit], due: Day(ordinal: reach)))
                }
            }
        }
        return tasks.sorted { ($0.due, $0.personID) < ($1.due, $1.personID) }
    }
}
