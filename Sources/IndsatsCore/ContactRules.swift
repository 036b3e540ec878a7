/// The contact rules Indsats ships, in force until a `kontaktregler.csv` is imported
/// (then the imported rules replace all of these). docs/domaene.md, "Kontakt og
/// tilbud", gives each with its source and how sure it is.
extension ContactRule {
    /// The first day the 2026 reform's rules apply: a share of the group, not a rule per person.
    public static let reform2026 = Day(year: 2026, month: 1, day: 1)!

    /// The share of a group the 2026 reform asks to reach (docs/domaene.md).
    public static let reformTargetShare = 0.75

    /// Whether the rule is one of the reform's share targets, so pages draw the 75 % line.
    public var isShareTarget: Bool { from >= Self.reform2026 }

    public static let defaults: [ContactRule] = {
        let lab2020 = Day(year: 2020, month: 1, day: 1)!
        let dagpenge2024 = Day(year: 2024, month: 1, day: 1)!
        let merged = ReferenceData.mergerDay.advanced(by: -1)
        let beforeReform = reform2026.advanced(by: -1)
        var rules: [ContactRule] = [
            // Dagpenge: 6 jobcentre conversations in 6 months (2020-2023), then 6 with the
            // a-kasse's months 1-3 counting (2024-2025), then 2 at the municipality (2026).
            ContactRule(
                benefit: "dagpenge", from: lab2020, to: dagpenge2024.advanced(by: -1), conversations: 6, withinMonths: 6,
                offerWithinMonths: 6, municipalityOnly: true),
            ContactRule(
                benefit: "dagpenge", from: dagpenge2024, to: beforeReform, conversations: 6, withinMonths: 6, offerWithinMonths: 6),
            ContactRule(
                benefit: "dagpenge", from: reform2026, conversations: 2, withinMonths: 6, offerWithinMonths: 6, municipalityOnly: true),
            // Job-ready kontanthjælp and ledighedsydelse: 4 in 6 months before and after the reform.
            ContactRule(
                benefit: "kontanthjaelp_jobparat", from: lab2020, to: beforeReform, conversations: 4, withinMonths: 6,
                offerWithinMonths: 6),
            ContactRule(benefit: "kontanthjaelp_jobparat", from: reform2026, conversations: 4, withinMonths: 6, offerWithinMonths: 6),
            ContactRule(benefit: "ledighedsydelse", from: lab2020, to: beforeReform, conversations: 4, withinMonths: 6),
            ContactRule(benefit: "ledighedsydelse", from: reform2026, conversations: 4, withinMonths: 6),
            ContactRule(
                benefit: "kontanthjaelp_aktivitetsparat", from: lab2020, conversations: 4, withinMonths: 6, offerWithinMonths: 6),
            // Sickness benefit: the first follow-up by the end of week 8.
            ContactRule(benefit: "sygedagpenge", from: lab2020, conversations: 1, withinMonths: 2),
        ]
        for benefit in ["uddannelseshjaelp_uddannelsesparat", "uddannelseshjaelp_aktivitetsparat", "integrationsydelse"] {
            rules.append(ContactRule(benefit: benefit, from: lab2020, to: merged, conversations: 4, withinMonths: 6))
        }
        for benefit in ["jobafklaring", "ressourceforloeb", "revalidering"] {
            rules.append(ContactRule(benefit: benefit, from: lab2020, conversations: 4, withinMonths: 6))
        }
        return rules
    }()
}
