import IndsatsAnalytics
import IndsatsCore
import Testing

@Suite("Arbejdslisten")
struct WorkListTests {
    /// On 15-03-2026 M1 has A (dagpenge from 05-01: 1 of 2 conversations, no offer), B (kontanthjælp from 01-03:
    /// nothing yet), C (dagpenge from 01-10-2025: both conversations, an offer) and D, self-supporting (not listed).
    let register = Register(
        persons: [],
        benefits: [
            BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2026, 1, 5)),
            BenefitPeriod(personID: "B", benefit: "kontanthjaelp_jobparat", start: d(2026, 3, 1)),
            BenefitPeriod(personID: "C", benefit: "dagpenge", start: d(2025, 10, 1)),
            BenefitPeriod(personID: "D", benefit: "selvforsoergende", start: d(2026, 1, 1)),
        ],
        activities: [Activity(id: "1", personID: "C", type: "nytteindsats", start: d(2025, 12, 1))],
        conversations: [
            Conversation(personID: "A", date: d(2026, 2, 1), type: "jobsamtale", heldBy: "kommune"),
            Conversation(personID: "A", date: d(2026, 2, 2), type: "jobsamtale", heldBy: "akasse"),
            Conversation(personID: "C", date: d(2025, 11, 1), type: "jobsamtale"),
            Conversation(personID: "C", date: d(2025, 11, 15), type: "jobsamtale"),
        ],
        assignments: ["A", "B", "C", "D"].map { Assignment(personID: $0, staffID: "M1", from: d(2025, 1, 1)) }
            + [Assignment(personID: "E", staffID: "M2", from: d(2025, 1, 1))],
        contactRules: [
            ContactRule(
                benefit: "dagpenge", from: d(2020, 1, 1), conversations: 2, withinMonths: 2, offerWithinMonths: 3, municipalityOnly: true),
            ContactRule(benefit: "kontanthjaelp_jobparat", from: d(2020, 1, 1), conversations: 4, withinMonths: 6, offerWithinMonths: 6),
        ])

    @Test("Each citizen with the rule's deadlines, overdue first; what is met is not due")
    func items() {
        let list = register.workList(caseworker: "M1", on: d(2026, 3, 15))
        #expect(list.map(\.personID) == ["A", "B", "C"])
        // A: window 05-01..04-03 passed with one municipal conversation (the a-kasse's does not count): overdue.
        #expect(
            list[0]
                == WorkListItem(
                    personID: "A", benefit: "dagpenge", spellStart: d(2026, 1, 5), conversationsRequired: 2, conversationsHeld: 1,
                    conversationDeadline: d(2026, 3, 4), offerDeadline: d(2026, 4, 4), offerStarted: false))
        #expect(list[0].nextDeadline == d(2026, 3, 4))
        #expect(list[1].nextDeadline == d(2026, 8, 31) && list[1].conversationsDue && list[1].offerDue)
        // C met both: nothing due, last.
        #expect(list[2].nextDeadline == nil && !list[2].conversationsDue && !list[2].offerDue)
        #expect(register.workList(caseworker: "M9", on: d(2026, 3, 15)).isEmpty)
        #expect(register.workLists(caseworkers: ["M1", "M2"], on: d(2026, 3, 15)).mapValues(\.count) == ["M1": 3, "M2": 0])
    }

    @Test("An aftercare call is due a month after a spell with aftercare ended in job or education, for the caseworker on its last day")
    func aftercare() {
        let register = Register(
            persons: [],
            benefits: [
                BenefitPeriod(personID: "F", benefit: "dagpenge", start: d(2026, 1, 1), end: d(2026, 2, 28), exitReason: "job"),
                BenefitPeriod(personID: "G", benefit: "dagpenge", start: d(2026, 1, 1), end: d(2026, 2, 28), exitReason: "job"),
                BenefitPeriod(personID: "H", benefit: "dagpenge", start: d(2026, 1, 1), end: d(2026, 2, 28), exitReason: "flytning"),
                BenefitPeriod(personID: "I", benefit: "sygedagpenge", start: d(2025, 1, 1), end: d(2025, 5, 31), exitReason: "job"),
            ],
            activities: ["F", "H", "I"].map { Activity(id: $0, personID: $0, type: "eftervaern", start: d(2026, 3, 1)) },
            assignments: ["F", "G", "H", "I"].map { Assignment(personID: $0, staffID: "M1", from: d(2025, 1, 1), to: d(2026, 2, 28)) })
        // F: 28-02 + 1 month is 28-03. G had no aftercare, H did not leave for a job, I ended too long ago.
        #expect(
            register.aftercareTasks(caseworker: "M1", on: d(2026, 3, 15)) == [
                AftercareTask(personID: "F", benefit: "dagpenge", spellEnd: d(2026, 2, 28), exit: "job", due: d(2026, 3, 28))
            ])
        #expect(register.aftercareTasks(caseworker: "M2", on: d(2026, 3, 15)).isEmpty)
        // Not before the spell has ended.
        #expect(register.aftercareTasks(caseworker: "M1", on: d(2026, 2, 28)).isEmpty)
        // G's mentor in an initiative with aftercare (indsatser.csv's eftervaern = ja) counts as aftercare.
        let marked = Register(
            persons: [],
            benefits: [BenefitPeriod(personID: "G", benefit: "dagpenge", start: d(2026, 1, 1), end: d(2026, 2, 28), exitReason: "job")],
            activities: [Activity(id: "1", personID: "G", type: "mentor", start: d(2026, 2, 1), initiativeID: "MENTOR-EFTV")],
            assignments: [Assignment(personID: "G", staffID: "M1", from: d(2025, 1, 1), to: d(2026, 2, 28))])
        #expect(marked.aftercareTasks(caseworker: "M1", on: d(2026, 3, 15)).isEmpty)
        #expect(marked.aftercareTasks(caseworker: "M1", on: d(2026, 3, 15), aftercareInitiatives: ["MENTOR-EFTV"]).map(\.personID) == ["G"])
    }
}
