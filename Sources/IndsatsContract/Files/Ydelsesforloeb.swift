import IndsatsCore

/// `ydelsesforloeb.csv`: periods on a benefit. One person's periods on different
/// benefits must not overlap.
extension BenefitPeriod: ContractRow {
    public static let declaration = FileDeclaration(
        .ydelsesforloeb, of: BenefitPeriod.self,
        columns: [
            .required("person_id", key: true, references: .personer),
            .required("ydelse", .code(.ydelse), key: true),
            .required("start", .day, key: true, datesTheData: true),
            .optional("slut", .endDay(after: "start"), datesTheData: true),
            .optional("afgang", .code(.afgang)),
            .optional("kommune"),
        ],
        periods: PeriodRule(row: "forløbet", group: "samme person", start: "start"))

    public init?(_ row: inout RowValues) {
        guard let person = row.text("person_id"), let benefit = row.text("ydelse"), let start = row.day("start") else { return nil }
        self.init(
            personID: person, benefit: benefit, start: start, end: row.day("slut"), exitReason: row.text("afgang"),
            municipality: row.text("kommune"), extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(personID); v.text(benefit); v.day(start); v.day(end); v.text(exitReason); v.text(municipality)
    }

    public var period: RowPeriod? { RowPeriod(group: personID, variant: benefit, label: benefit, days: days) }

    public var record: RegisterRecord { .benefit(self) }
}
