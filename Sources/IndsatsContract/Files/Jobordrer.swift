import IndsatsCore

/// `jobordrer.csv`: companies' orders for staff. `enhed` and `fleksjob` are extensions.
extension JobOrder: ContractRow {
    public static let declaration = FileDeclaration(
        .jobordrer, of: JobOrder.self,
        columns: [
            .required("jobordre_id", key: true),
            .required("cvr", .cvr, references: .virksomheder),
            .required("oprettet", .day, datesTheData: true),
            .optional("stillinger", .integer),
            .optional("besat", .integer),
            .optional("lukket", .endDay(after: "oprettet"), datesTheData: true),
            .optional("enhed"),
            .optional("fleksjob", .oneOf(["ja", "nej"])),
        ])

    /// An order cannot have more filled than positions.
    public init?(_ row: inout RowValues) {
        let positions = row.integer("stillinger"), filled = row.integer("besat")
        if let positions, let filled, filled > positions {
            row.problem("besat", "\(filled) besatte er flere end \(positions) stillinger")
        }
        guard let id = row.text("jobordre_id"), let cvr = row.text("cvr"), let created = row.day("oprettet") else { return nil }
        self.init(
            id: id, cvr: cvr, created: created, positions: positions, filled: filled, closed: row.day("lukket"),
            unit: row.text("enhed"), flexJob: row.text("fleksjob") == "ja", extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(id); v.text(cvr); v.day(created); v.integer(positions); v.integer(filled); v.day(closed); v.text(unit)
        v.text(flexJob ? "ja" : nil)
    }

    public var record: RegisterRecord { .jobOrder(self) }
}
