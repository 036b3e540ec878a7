import IndsatsCore

/// `virksomheder.csv`: one company per row.
extension Company: ContractRow {
    public static let declaration = FileDeclaration(
        .virksomheder, of: Company.self,
        columns: [
            .required("cvr", .cvr, key: true),
            .optional("navn"),
            .optional("ansatte", .integer),
            .optional("branche"),
            .optional("kommune"),
        ])

    public init?(_ row: inout RowValues) {
        guard let cvr = row.text("cvr") else { return nil }
        self.init(
            cvr: cvr, name: row.text("navn"), employees: row.integer("ansatte"), industry: row.text("branche"),
            municipality: row.text("kommune"), extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(cvr); v.text(name); v.integer(employees); v.text(industry); v.text(municipality)
    }

    public var record: RegisterRecord { .company(self) }
}
