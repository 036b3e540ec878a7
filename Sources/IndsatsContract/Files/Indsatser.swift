import IndsatsCore

/// `indsatser.csv`: the municipality's own initiatives and projects.
extension Initiative: ContractRow {
    public static let declaration = FileDeclaration(
        .indsatser, of: Initiative.self,
        columns: [
            .required("indsats_id", key: true),
            .required("navn"),
            .optional("enhed"),
            .optional("pladser", .integer),
            .optional("start", .day),
            .optional("slut", .endDay(after: "start")),
            .optional("forslag"),
            .optional("eftervaern", .oneOf(["ja", "nej"])),
        ])

    public init?(_ row: inout RowValues) {
        guard let id = row.text("indsats_id"), let name = row.text("navn") else { return nil }
        self.init(
            id: id, name: name, unit: row.text("enhed"), places: row.integer("pladser"), start: row.day("start"),
            end: row.day("slut"), proposal: row.text("forslag"), aftercare: row.text("eftervaern") == "ja", extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(id); v.text(name); v.text(unit); v.integer(places); v.day(start); v.day(end); v.text(proposal)
        v.text(aftercare ? "ja" : nil)
    }

    public var record: RegisterRecord { .initiative(self) }
}
