import IndsatsCore

/// `screeninger.csv`: screenings of citizens into groups 1-3. A decision that differs
/// from the advice given needs the caseworker's reason.
extension Screening: ContractRow {
    public static let declaration = FileDeclaration(
        .screeninger, of: Screening.self,
        columns: [
            .required("person_id", key: true, references: .personer),
            .required("dato", .day, key: true, datesTheData: true),
            .required("gruppe", .oneOf(["1", "2", "3"])),
            .optional("forslag", .oneOf(["1", "2", "3"])),
            .optional("medarbejder", references: .medarbejdere),
            .optional("begrundelse"),
        ])

    public init?(_ row: inout RowValues) {
        guard let person = row.text("person_id"), let date = row.day("dato"), let group = row.text("gruppe") else { return nil }
        let advice = row.text("forslag"), reason = row.text("begrundelse")
        if let advice, advice != group, reason == nil {
            row.problem("begrundelse", "gruppe \(group) afviger fra forslaget \(advice); skriv begrundelsen")
            return nil
        }
        self.init(
            personID: person, date: date, group: group, advice: advice, staffID: row.text("medarbejder"), reason: reason,
            extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(personID); v.day(date); v.text(group); v.text(advice); v.text(staffID); v.text(reason)
    }

    public var record: RegisterRecord { .screening(self) }
}
