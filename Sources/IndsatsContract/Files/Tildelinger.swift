import IndsatsCore

/// `tildelinger.csv`: which caseworker is responsible for a citizen's case, from
/// when. One person's assignments must not overlap.
extension Assignment: ContractRow {
    public static let declaration = FileDeclaration(
        .tildelinger, of: Assignment.self,
        columns: [
            .required("person_id", key: true, references: .personer),
            .required("medarbejder", references: .medarbejdere),
            .required("fra", .day, key: true, datesTheData: true),
            .optional("til", .endDay(after: "fra"), datesTheData: true),
        ],
        periods: PeriodRule(row: "tildelingen", group: "samme person", start: "fra"))

    public init?(_ row: inout RowValues) {
        guard let person = row.text("person_id"), let staff = row.text("medarbejder"), let from = row.day("fra") else { return nil }
        self.init(personID: person, staffID: staff, from: from, to: row.day("til"), extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(personID); v.text(staffID); v.day(from); v.day(to)
    }

    public var period: RowPeriod? { RowPeriod(group: personID, label: "medarbejder \(staffID)", days: days) }

    public var record: RegisterRecord { .assignment(self) }
}
