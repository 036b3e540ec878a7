import IndsatsCore

/// The advisory screening of a citizen into group 1 (close to work), 2 or 3 (far from
/// it), as seed 003 (JC 03) asks: a published points model over the register's history
/// only (the benefit now, days on benefit and earlier spells in the last three years,
/// the age band), never sex, nationality or ethnicity. The caseworker decides; the
/// advice comes with the reasons that drove it (docs/screening.md).
///
/// ```swift
/// let advice = ScreeningModel.advise(periods: course.benefits, birthDate: person.birthDate, on: day)
/// advice?.group     // "2"
/// advice?.reasons   // [("Kontanthjælp, aktivitetsparat", 3), ...]
/// ```
public enum ScreeningModel {
    /// Points for the benefit the citizen is on (others: 2).
    static let benefitPoints: [String: Int] = [
        "dagpenge": 0, "kontanthjaelp_jobparat": 1, "sygedagpenge": 1, "kontanthjaelp_aktivitetsparat": 3,
        "uddannelseshjaelp_aktivitetsparat": 3, "ressourceforloeb": 3, "jobafklaring": 3,
    ]
    static let otherBenefitPoints = 2
    /// The look-back for history: three years before the day.
    static let lookBackMonths = 36

    /// The group a score gives: up to 1 is group 1, 2-3 group 2, from 4 group 3.
    public static func group(score: Int) -> String { score <= 1 ? "1" : score <= 3 ? "2" : "3" }

    /// The advice on `day` for a citizen with these benefit periods, `nil` when no benefit
    /// period (but self-support) covers the day.
    public static func advise(periods: [BenefitPeriod], birthDate: Day?, on day: Day) -> ScreeningAdvice? {
        let onDay = periods.filter { $0.benefit != "selvforsoergende" && $0.days.contains(day) }
        guard let current = onDay.max(by: { ($0.start, $0.benefit) < ($1.start, $1.benefit) }) else { return nil }
        var reasons: [(String, Int)] = []
        let benefit = benefitPoints[current.benefit] ?? otherBenefitPoints
        reasons.append((ReferenceData.defaults.name(.ydelse, current.benefit), benefit))

        let since = day.adding(months: -lookBackMonths)
        let window = DayRange(since, day.advanced(by: -1))
        var covered = Set<Int32>()
        for period in periods where period.benefit != "selvforsoergende" && period.days.overlaps(window) {
            for d in max(period.start, window.start).ordinal...min(period.days.end, window.end).ordinal { covered.insert(d) }
        }
        let days = covered.count
        let dayPoints = days < 180 ? 0 : days <= 540 ? 1 : 2
        reasons.append(("\(DanishFormat.integer(days)) dage på ydelse de seneste 3 år", dayPoints))

        // Earlier spells: starts of benefit periods in the window that begin after a break of more than 30 days.
        let starts = periods.filter { $0.benefit != "selvforsoergende" }.sorted { $0.start < $1.start }
        var earlier = 0
        var reach: Day?
        for period in starts where period.start < current.start {
            if period.start >= since, reach.map({ $0.distance(to: period.start) > 30 }) ?? true { earlier += 1 }
            reach = max(reach ?? period.days.end, period.days.end)
        }
        let spellPoints = earlier <= 1 ? 0 : earlier <= 3 ? 1 : 2
        reasons.append(("\(earlier) tidligere forløb de seneste 3 år", spellPoints))

        if let birthDate {
            var age = day.year - birthDate.year
            if (day.month, day.components.day) < (birthDate.month, birthDate.components.day) { age -= 1 }
            let agePoints = age < 25 || age >= 50 ? 1 : 0
            reasons.append(("\(age) år", agePoints))
        }
        let score = reasons.reduce(0) { $0 + $1.1 }
        return ScreeningAdvice(group: group(score: score), score: score, reasons: reasons)
    }
}

/// The model's advice with the points behind it, largest first on the page.
public struct ScreeningAdvice: Sendable, Equatable {
    public var group: String
    public var score: Int
    /// Each input with its points, in the model's order.
    public var reasons: [(String, Int)]

    public static func == (a: ScreeningAdvice, b: ScreeningAdvice) -> Bool {
        a.group == b.group && a.score == b.score && a.reasons.map(\.0) == b.reasons.map(\.0) && a.reasons.map(\.1) == b.reasons.map(\.1)
    }
}
