import IndsatsCore

/// `medarbejdere.csv`: who works in which unit and team.
extension StaffMember: ContractRow {
    public static let declaration = FileDeclaration(
        .medarbejdere, of: StaffMember.self,
        columns: [
            .required("medarbejder", key: true),
            .optional("navn"),
            .optional("enhed"),
            .optional("team"),
        ])

    public init?(_ row: inout RowValues) {
        guard let id = row.text("medarbejder") else { return nil }
        self.init(id: id, name: row.text("navn"), unit: row.text("enhed"), team: row.text("team"), extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(id); v.text(name); v.text(unit); v.text(team)
    }

    public var record: RegisterRecord { .staff(self) }
}
