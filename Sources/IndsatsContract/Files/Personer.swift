import IndsatsCore

/// `personer.csv`: one citizen per row.
extension Person: ContractRow {
    public static let declaration = FileDeclaration(
        .personer, of: Person.self,
        columns: [
            .required("person_id", key: true),
            .optional("cpr", .cpr),
            .optional("foedselsdato", .day),
            .optional("koen", .oneOf(["K", "M"])),
            .optional("kommune", .municipalityCode),
            .optional("cv_dato", .day),
        ])

    /// Birth date and sex follow from the CPR number when not given; a birth date that differs from it is an error.
    public init?(_ row: inout RowValues) {
        let cpr = row.text("cpr").flatMap { try? CPRNumber.parse($0) }
        let birth = row.day("foedselsdato")
        if let birth, let cpr, birth != cpr.birthDate {
            row.problem("foedselsdato", "fødselsdatoen \(birth.danish) passer ikke med CPR-nummerets \(cpr.birthDate.danish)")
        }
        guard let id = row.text("person_id") else { return nil }
        self.init(
            id: id, cpr: cpr?.digits, birthDate: birth ?? cpr?.birthDate, sex: row.text("koen") ?? cpr.map { $0.isMale ? "M" : "K" },
            municipality: row.text("kommune"), cvDate: row.day("cv_dato"), extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(id); v.text(cpr); v.day(birthDate); v.text(sex); v.text(municipality); v.day(cvDate)
    }

    public var record: RegisterRecord { .person(self) }
}
