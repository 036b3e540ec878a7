import IndsatsCore

/// `alliancer.csv`: company alliances and task forces.
extension Alliance: ContractRow {
    public static let declaration = FileDeclaration(
        .alliancer, of: Alliance.self,
        columns: [
            .required("alliance_id", key: true),
            .required("navn"),
            .optional("start", .day),
            .optional("slut", .endDay(after: "start")),
            .optional("enhed"),
        ])

    public init?(_ row: inout RowValues) {
        guard let id = row.text("alliance_id"), let name = row.text("navn") else { return nil }
        self.init(id: id, name: name, start: row.day("start"), end: row.day("slut"), unit: row.text("enhed"), extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(id); v.text(name); v.day(start); v.day(end); v.text(unit)
    }

    public var record: RegisterRecord { .alliance(self) }
}
