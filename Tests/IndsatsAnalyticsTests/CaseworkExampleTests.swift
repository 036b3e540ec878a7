import IndsatsAnalytics
import IndsatsCore
import Testing

/// The casework measures of docs/noegletal.md (version 2) on registers worked out by hand.
@Suite("Sagsstyringens nøgletal regnet i hånden")
struct CaseworkExampleTests {
    func rows(_ register: Register, _ q: KPIQuery) -> [KPIRow] { KPIEngine(register).evaluate(q).rows }

    let staff = [StaffMember(id: "M1", unit: "Jobservice", team: "Team A"), StaffMember(id: "M2", unit: "Ungeenheden")]

    @Test("Caseloads on each month's last day: the assignment covering it, the benefit of the latest-starting period")
    func caseloads() {
        let register = Register(
            persons: [],
            benefits: [
                // Two periods cover 29-02-2024; the later start wins.
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 1), end: d(2024, 3, 10)),
                BenefitPeriod(personID: "A", benefit: "sygedagpenge", start: d(2024, 2, 1)),
                BenefitPeriod(personID: "B", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 15)),
                // Self-supporting is not on benefit.
                BenefitPeriod(personID: "C", benefit: "selvforsoergende", start: d(2024, 1, 1)),
            ],
            activities: [],
            assignments: [
                Assignment(personID: "A", staffID: "M1", from: d(2024, 1, 1), to: d(2024, 2, 28)),
                Assignment(personID: "A", staffID: "M2", from: d(2024, 2, 29)),
                Assignment(personID: "C", staffID: "M1", from: d(2024, 1, 1)),
            ],
            staffMembers: staff)
        let q = KPIQuery(
            measure: .sagsstamme, window: DayRange(d(2024, 1, 1), d(2024, 3, 31)), splitBy: [.medarbejder, .team, .ydelse])
        #expect(
            rows(register, q).filter { $0.value != 0 } == [
                KPIRow(dimensions: ["M1", "Team A", "dagpenge"], period: "2024-01", value: 1),
                KPIRow(dimensions: ["M2", "ukendt", "sygedagpenge"], period: "2024-02", value: 1),
                KPIRow(dimensions: ["M2", "ukendt", "sygedagpenge"], period: "2024-03", value: 1),
                KPIRow(dimensions: ["ukendt", "ukendt", "kontanthjaelp_jobparat"], period: "2024-01", value: 1),
                KPIRow(dimensions: ["ukendt", "ukendt", "kontanthjaelp_jobparat"], period: "2024-02", value: 1),
                KPIRow(dimensions: ["ukendt", "ukendt", "kontanthjaelp_jobparat"], period: "2024-03", value: 1),
            ])
    }

    @Test(
        "Conversations in the rule's window: 31-01 + 1 month is 29-02 (clamped), less a day 28-02; the a-kasse's count only where the rule says so"
    )
    func conversationDeadlines() {
        let rules = [
            ContactRule(benefit: "dagpenge", from: d(2023, 1, 1), conversations: 2, withinMonths: 1, municipalityOnly: true),
            ContactRule(benefit: "kontanthjaelp_jobparat", from: d(2023, 1, 1), conversations: 2, withinMonths: 1),
        ]
        let benefits = [
            BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 31)),
            BenefitPeriod(personID: "B", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 31)),
            // Ends before its window does: never due.
            BenefitPeriod(personID: "C", benefit: "dagpenge", start: d(2024, 1, 31), end: d(2024, 2, 27)),
        ]
        let conversations = ["A", "B", "C"].flatMap { id in
            [
                Conversation(personID: id, date: d(2024, 2, 1), type: "jobsamtale", heldBy: "kommune"),
                Conversation(personID: id, date: d(2024, 2, 28), type: "jobsamtale", heldBy: "akasse"),
                // After the window.
                Conversation(personID: id, date: d(2024, 2, 29), type: "jobsamtale", heldBy: "kommune"),
            ]
        }
        let register = Register(
            persons: [], benefits: benefits, activities: [], conversations: conversations,
            assignments: [Assignment(personID: "A", staffID: "M1", from: d(2024, 1, 1))], staffMembers: staff, contactRules: rules)
        let q = KPIQuery(measure: .samtaleopfyldelse, window: DayRange(d(2024, 1, 1), d(2024, 3, 31)), splitBy: [.ydelse, .enhed])
        // A's window is 31-01..28-02: one municipal conversation of two. B's rule counts the a-kasse's too.
        #expect(
            rows(register, q).filter { $0.value != nil } == [
                KPIRow(dimensions: ["dagpenge", "Jobservice"], period: "2024-02", value: 0),
                KPIRow(dimensions: ["kontanthjaelp_jobparat", "ukendt"], period: "2024-02", value: 1),
            ])
    }

    @Test("An offer must start from the spell's first day to the deadline; mentor is no offer")
    func offerDeadlines() {
        let rules = [ContactRule(benefit: "dagpenge", from: d(2020, 1, 1), conversations: 0, withinMonths: 1, offerWithinMonths: 3)]
        let register = Register(
            persons: [],
            benefits: ["A", "B", "C"].map { BenefitPeriod(personID: $0, benefit: "dagpenge", start: d(2024, 1, 1)) },
            activities: [
                Activity(id: "1", personID: "A", type: "virksomhedspraktik", start: d(2024, 3, 31)),
                Activity(id: "2", personID: "B", type: "virksomhedspraktik", start: d(2024, 4, 1)),
                Activity(id: "3", personID: "C", type: "mentor", start: d(2024, 2, 1)),
            ], contactRules: rules)
        let q = KPIQuery(measure: .tilbudsrettidighed, window: DayRange(d(2024, 1, 1), d(2024, 6, 30)), periodKind: .kvartal)
        #expect(rows(register, q).map(\.value) == [1.0 / 3, nil])
    }

    @Test("Retention counts days back on benefit, not self-support; a transition names the benefit the day after")
    func retentionAndTransitions() {
        let register = Register(
            persons: [],
            benefits: [
                BenefitPeriod(
                    personID: "A", benefit: "kontanthjaelp_aktivitetsparat", start: d(2024, 1, 1), end: d(2024, 1, 31), exitReason: "job"),
                BenefitPeriod(personID: "A", benefit: "selvforsoergende", start: d(2024, 2, 1)),
                BenefitPeriod(
                    personID: "B", benefit: "kontanthjaelp_aktivitetsparat", start: d(2024, 1, 1), end: d(2024, 1, 31), exitReason: "job"),
                BenefitPeriod(personID: "B", benefit: "kontanthjaelp_jobparat", start: d(2024, 4, 30)),
                BenefitPeriod(
                    personID: "C", benefit: "kontanthjaelp_aktivitetsparat", start: d(2024, 1, 1), end: d(2024, 1, 31),
                    exitReason: "anden_ydelse"),
                BenefitPeriod(personID: "C", benefit: "kontanthjaelp_jobparat", start: d(2024, 2, 1)),
            ], activities: [])
        // 31-01 + 3 months is 30-04: B is back on that day, A only self-supporting.
        let retention = KPIQuery(measure: .fastholdelse, window: DayRange(d(2024, 1, 1), d(2024, 6, 30)), periodKind: .hele)
        #expect(rows(register, retention).map(\.value) == [0.5])
        let transitions = KPIQuery(
            measure: .overgange, window: DayRange(d(2024, 1, 1), d(2024, 1, 31)), periodKind: .hele, splitBy: [.til_ydelse])
        #expect(
            rows(register, transitions) == [
                KPIRow(dimensions: ["ingen_ydelse"], period: "hele", value: 1),
                KPIRow(dimensions: ["kontanthjaelp_jobparat"], period: "hele", value: 1),
                KPIRow(dimensions: ["selvforsoergende"], period: "hele", value: 1),
            ])
    }
}
