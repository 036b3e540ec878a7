import IndsatsCore

/// `cv_opdateringer.csv`: the days citizens' CVs were updated, an optional history beside
/// `personer.csv`'s `cv_dato` (docs/noegletal.md, `andel_med_cv`).
extension CVUpdate: ContractRow {
    public static let declaration = FileDeclaration(
        .cv_opdateringer, of: CVUpdate.self,
        columns: [
            .required("person_id", key: true, references: .personer),
            .required("dato", .day, key: true, datesTheData: true),
        ])

    public init?(_ row: inout RowValues) {
        guard let person = row.text("person_id"), let date = row.day("dato") else { return nil }
        self.init(personID: person, date: date, extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(personID); v.day(date)
    }

    public var record: RegisterRecord { .cvUpdate(self) }
}
