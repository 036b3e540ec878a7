import Testing

@testable import IndsatsCore

@Suite("Virksomhedsregler: jobordrers status, rimelighedskravet og alliancer år for år")
struct CompanyRulesTests {
    func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

    @Test("A job order's status from positions, filled, placements and closing")
    func jobOrderStatus() {
        #expect(JobOrderStatus(positions: 2, filled: nil, placed: 0, closed: nil) == .aaben)
        #expect(JobOrderStatus(positions: 2, filled: 1, placed: 0, closed: nil) == .delvist_besat)
        #expect(JobOrderStatus(positions: 2, filled: 0, placed: 2, closed: nil) == .besat)
        #expect(JobOrderStatus(positions: 2, filled: 3, placed: 1, closed: day(2026, 1, 1)) == .besat)
        #expect(JobOrderStatus(positions: 2, filled: 0, placed: 0, closed: day(2026, 1, 1)) == .lukket_ubesat)
        #expect(JobOrderStatus(positions: 3, filled: 1, placed: 0, closed: day(2026, 1, 1)) == .delvist_besat)
        // Unknown positions: one placed is partly filled, never filled.
        #expect(JobOrderStatus(positions: nil, filled: nil, placed: 1, closed: nil) == .delvist_besat)
    }

    @Test("Subsidised places: 1 per 5 up to 50 employees, always 1, then 1 per 10")
    func subsidisedPlaces() {
        #expect(
            [0, 1, 4, 5, 9, 10, 14, 49, 50, 51, 59, 60, 72, 500].map { SubsidisedPlaces.allowed(employees: $0) }
                == [1, 1, 1, 1, 1, 2, 2, 9, 10, 10, 10, 11, 12, 55])
    }

    @Test("An alliance by year: members at year end, their pledges, and starts and placements only during membership")
    func allianceYears() {
        let members = [
            AllianceMembership(
                allianceID: "A", cvr: "C1", from: day(2024, 3, 1), to: day(2025, 6, 30), pledgedInternships: 2, pledgedSmallJobs: 1),
            AllianceMembership(allianceID: "A", cvr: "C2", from: day(2025, 1, 15), pledgedInternships: 3),
        ]
        let events = [
            AllianceYear.Event(type: "virksomhedspraktik", day: day(2024, 2, 1), cvr: "C1"),  // before joining
            AllianceYear.Event(type: "virksomhedspraktik", day: day(2024, 5, 1), cvr: "C1"),
            AllianceYear.Event(type: "ordinaere_timer", day: day(2025, 7, 1), cvr: "C1"),  // after leaving
            AllianceYear.Event(type: "virksomhedspraktik", day: day(2025, 1, 20), cvr: "C2"),
            AllianceYear.Event(type: "ordinaere_timer", day: day(2025, 1, 15), cvr: "C2"),  // on the day of joining
            AllianceYear.Event(type: nil, day: day(2025, 3, 1), cvr: "C2"),
            AllianceYear.Event(type: nil, day: day(2025, 11, 1), cvr: "C2"),  // after the data date
            AllianceYear.Event(type: "mentor", day: day(2025, 3, 1), cvr: "C2"),  // neither praktik nor småjob
        ]
        let years = AllianceYear.years(memberships: members, events: events, through: day(2025, 10, 31))
        #expect(
            years == [
                AllianceYear(
                    year: 2024, newMembers: 1, members: 1, pledgedInternships: 2, pledgedSmallJobs: 1, internshipsStarted: 1,
                    smallJobsStarted: 0, placements: 0),
                AllianceYear(
                    year: 2025, newMembers: 1, members: 1, pledgedInternships: 3, pledgedSmallJobs: 0, internshipsStarted: 1,
                    smallJobsStarted: 1, placements: 1),
            ])
        #expect(AllianceYear.years(memberships: [], events: events, through: day(2025, 10, 31)) == [])
    }

    @Test(
        "Candidates: points by kind of experience, one more within 12 months, job-ready +2; only those on benefit; best first, ties by id")
    func jobMatch() {
        let today = day(2026, 10, 31)
        let experiences = [
            BranchExperience(personID: "B", type: "ordinaere_timer", start: day(2024, 1, 1), end: day(2024, 6, 30)),  // 3, old
            BranchExperience(personID: "B", type: "virksomhedspraktik", start: day(2026, 1, 1), end: day(2026, 1, 28)),  // 2 + 1
            // 3 + 1: ended within 12 months.
            BranchExperience(personID: "A", type: "loentilskud_privat", start: day(2025, 6, 1), end: day(2025, 11, 30)),
            BranchExperience(personID: "C", type: "igu", start: day(2026, 3, 1), end: nil),  // 3 + 1, but not on benefit
            BranchExperience(personID: "D", type: "mentor", start: day(2026, 3, 1), end: nil),  // no points
            BranchExperience(personID: "E", type: "egu", start: day(2026, 12, 1), end: nil),  // starts after the day
        ]
        let benefits = ["A": "sygedagpenge", "B": "kontanthjaelp_jobparat", "D": "dagpenge", "E": "dagpenge"]
        let ranked = JobMatch.rank(experiences, benefits: benefits, on: today, limit: 10)
        #expect(ranked.map(\.personID) == ["B", "A"])
        #expect(ranked.map(\.score) == [8, 4])
        #expect(
            ranked[0].reasons == [
                "jobparat (kontanthjaelp_jobparat) +2", "virksomhedspraktik i branchen 01-01-2026–28-01-2026, seneste 12 måneder +3",
                "ordinaere_timer i branchen 01-01-2024–30-06-2024 +3",
            ])
        #expect(JobMatch.rank(experiences, benefits: benefits, on: today, limit: 1).map(\.personID) == ["B"])
        // Equal scores: by person id.
        let tie = JobMatch.rank(
            [
                BranchExperience(personID: "Y", type: "egu", start: day(2020, 1, 1), end: day(2020, 2, 1)),
                BranchExperience(personID: "X", type: "virksomhedspraktik", start: day(2020, 1, 1), end: day(2020, 2, 1)),
            ], benefits: ["X": "sygedagpenge", "Y": "sygedagpenge"], on: today, limit: 5)
        #expect(tie.map(\.personID) == ["X", "Y"] && tie.map(\.score) == [2, 2])
    }
}
