import IndsatsCore

/// `formidlinger.csv`: citizens placed in job orders, one row per citizen and order.
extension Placement: ContractRow {
    public static let declaration = FileDeclaration(
        .formidlinger, of: Placement.self,
        columns: [
            .required("jobordre_id", key: true, references: .jobordrer),
            .required("person_id", key: true, references: .personer),
            .required("dato", .day, datesTheData: true),
            .optional("medarbejder", references: .medarbejdere),
        ])

    public init?(_ row: inout RowValues) {
        guard let order = row.text("jobordre_id"), let person = row.text("person_id"), let date = row.day("dato") else { return nil }
        self.init(jobOrderID: order, personID: person, date: date, staffID: row.text("medarbejder"), extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(jobOrderID); v.text(personID); v.day(date); v.text(staffID)
    }

    public var record: RegisterRecord { .placement(self) }
}
