import IndsatsCore

/// One citizen on a caseworker's work list ("Min oversigt"): the spell the contact
/// rules measure, what the rule asks and what is still due, by when.
public struct WorkListItem: Sendable, Equatable {
    public var personID: String
    /// The benefit on the day (version 2's term) and the first day of its spell.
    public var benefit: String
    public var spellStart: Day
    /// Conversations the rule asks for in its window, those held so far, and the window's last day;
    /// `nil` deadline when no rule is in force on the spell's first day.
    public var conversationsRequired: Int
    public var conversationsHeld: Int
    public var conversationDeadline: Day?
    /// The first offer's deadline when the rule has one, and whether an offer has started since the spell began.
    public var offerDeadline: Day?
    public var offerStarted: Bool

    /// Whether conversations are still due under the rule.
    public var conversationsDue: Bool { conversationDeadline != nil && conversationsHeld < conversationsRequired }
    /// Whether a first offer is still due under the rule.
    public var offerDue: Bool { offerDeadline != nil && !offerStarted }

    /// The earliest deadline still open, `nil` when nothing is due.
    public var nextDeadline: Day? {
        [conversationsDue ? conversationDeadline : nil, offerDue ? offerDeadline : nil].compactMap { $0 }.min()
    }

    public init(
        personID: String, benefit: String, spellStart: Day, conversationsRequired: Int, conversationsHeld: Int,
        conversationDeadline: Day?, offerDeadline: Day?, offerStarted: Bool
    ) {
        self.personID = personID; self.benefit = benefit; self.spellStart = spellStart
        self.conversationsRequired = conversationsRequired; self.conversationsHeld = conversationsHeld
        self.conversationDeadline = conversationDeadline; self.offerDeadline = offerDeadline; self.offerStarted = offerStarted
    }
}

extension Register {
    /// The citizens on benefit on `day` whose assignment covering it names `caseworker`,
    /// each with the deadlines of the contact rule in force on their spell's first day
    /// (as `samtaleopfyldelse` and `tilbudsrettidighed` count them, up to `day`): most urgent first,
    /// that is by the earliest open deadline (overdue ones first), then those with nothing due.
    ///
    /// ```swift
    /// register.workList(caseworker: "M0012", on: register.dataDate!)
    /// ```
    public func workList(caseworker: String, on day: Day) -> [WorkListItem] {
        workLists(caseworkers: [caseworker], on: day)[caseworker] ?? []
    }

    /// The work lists of several caseworkers in one pass over the assignments.
    public func workLists(caseworkers: Set<String>, on day: Day) -> [String: [WorkListItem]] {
        let wanted = Set(caseworkers.compactMap { staff.index(of: $0) })
        let d = day.ordinal
        var persons: [Int32: Set<Int>] = [:]
        for a in assignmentPerson.indices where wanted.contains(assignmentStaff[a]) && assignmentFrom[a] <= d && d <= assignmentTo[a] {
            persons[assignmentStaff[a], default: []].insert(Int(assignmentPerson[a]))
        }
        var out: [String: [WorkListItem]] = [:]
        for (caseworker, list) in persons { out[staff[caseworker]] = workList(persons: list, on: d) }
        return out
    }

    private func workList(persons: Set<Int>, on d: Int32) -> [WorkListItem] {
        let municipal = heldBy.index(of: "kommune"), unstated = heldBy.index(of: Register.unknown)
        var items: [WorkListItem] = []
        var spells: [Spell] = []
        for p in persons.sorted() {
            guard let (code, onBenefit) = benefitOnDay(p, d), onBenefit else { continue }
            // The spell of that benefit running on the day.
            let rows = benefitRows(of: p).filter { benefitCode[$0] == code }
            Spells.build(self, rows: rows.first!..<(rows.last! + 1), into: &spells)
            guard let spell = spells.first(where: { $0.first <= d && d <= $0.last }) else { continue }
            let start = Day(ordinal: spell.first)
            let rule = contactRules.first { $0.benefit == benefits[code] && $0.days.contains(start) }
            var item = WorkListItem(
                personID: personIDs[p], benefit: benefits[code], spellStart: start, conversationsRequired: rule?.conversations ?? 0,
                conversationsHeld: 0, conversationDeadline: nil, offerDeadline: nil, offerStarted: false)
            if let rule {
                let deadline = start.adding(months: rule.withinMonths).advanced(by: -1)
                item.conversationDeadline = deadline
                if p + 1 < personConversationOffsets.count {
                    for c in personConversationOffsets[p]..<personConversationOffsets[p + 1] {
                        let when = personConversationDay[c], by = personConversationHeldBy[c]
                        if when >= spell.first && when <= min(deadline.ordinal, d)
                            && (!rule.municipalityOnly || by == municipal || by == unstated)
                        {
                            item.conversationsHeld += 1
                        }
                    }
                }
                if let months = rule.offerWithinMonths {
                    let deadline = start.adding(months: months).advanced(by: -1)
                    item.offerDeadline = deadline
                    item.offerStarted = activityRows(of: p).contains { a in
                        ReferenceData.offerTypes.contains(types[activityType[a]]) && activityStart[a] >= spell.first
                            && activityStart[a] <= min(deadline.ordinal, d)
                    }
                }
            }
            items.append(item)
        }
        return items.sorted { a, b in
            switch (a.nextDeadline, b.nextDeadline) {
            case let (x?, y?): (x, a.personID) < (y, b.personID)
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.personID < b.personID
            }
        }
    }
}
