import IndsatsCore

/// `alliancemedlemmer.csv`: which companies are members of an alliance, from when, and the
/// places they pledge a year. One company's memberships of one alliance must not overlap.
extension AllianceMembership: ContractRow {
    public static let declaration = FileDeclaration(
        .alliancemedlemmer, of: AllianceMembership.self,
        columns: [
            .required("alliance_id", key: true, references: .alliancer),
            .required("cvr", .cvr, key: true, references: .virksomheder),
            .required("fra", .day, key: true, datesTheData: true),
            .optional("til", .endDay(after: "fra"), datesTheData: true),
            .optional("tilsagn_praktik", .integer),
            .optional("tilsagn_smaajob", .integer),
        ],
        periods: PeriodRule(row: "medlemskabet", group: "samme virksomhed i samme alliance", start: "fra"))

    public init?(_ row: inout RowValues) {
        guard let alliance = row.text("alliance_id"), let cvr = row.text("cvr"), let from = row.day("fra") else { return nil }
        self.init(
            allianceID: alliance, cvr: cvr, from: from, to: row.day("til"), pledgedInternships: row.integer("tilsagn_praktik"),
            pledgedSmallJobs: row.integer("tilsagn_smaajob"), extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(allianceID); v.text(cvr); v.day(from); v.day(to); v.integer(pledgedInternships); v.integer(pledgedSmallJobs)
    }

    public var period: RowPeriod? {
        RowPeriod(group: allianceID + "\u{1F}" + cvr, label: "alliance \(allianceID), CVR \(cvr)", days: days)
    }

    public var record: RegisterRecord { .allianceMembership(self) }
}
