import IndsatsCore

/// `virksomhedskontakter.csv`: contacts with companies. A row is identified by
/// its `kontakt_id` when it has one, else by all of it: a call and an e-mail to
/// the same company on the same day by the same consultant are two contacts.
/// `naeste_skridt` and `naeste_dato` (an extension) are the consultant's next step;
/// a date needs the step it dates.
extension CompanyContact: ContractRow {
    public static let declaration = FileDeclaration(
        .virksomhedskontakter, of: CompanyContact.self,
        columns: [
            .required("cvr", .cvr, references: .virksomheder),
            .required("dato", .day, datesTheData: true),
            .optional("enhed"),
            .optional("medarbejder"),
            .optional("kanal", .channel),
            .optional("formaal"),
            .optional("resultat"),
            .optional("kontakt_id"),
            .optional("naeste_skridt"),
            .optional("naeste_dato", .endDay(after: "dato")),
        ],
        key: .columnOrWholeRow("kontakt_id"))

    public init?(_ row: inout RowValues) {
        let step = row.text("naeste_skridt"), stepDate = row.day("naeste_dato")
        if stepDate != nil && step == nil { row.problem("naeste_skridt", "en dato for næste skridt kræver, at skridtet er beskrevet") }
        guard let cvr = row.text("cvr"), let date = row.day("dato") else { return nil }
        self.init(
            cvr: cvr, date: date, unit: row.text("enhed"), staffID: row.text("medarbejder"), channel: row.text("kanal"),
            purpose: row.text("formaal"), result: row.text("resultat"), id: row.text("kontakt_id"), nextStep: step,
            nextStepDate: stepDate, extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(cvr); v.day(date); v.text(unit); v.text(staffID); v.text(channel); v.text(purpose); v.text(result); v.text(id)
        v.text(nextStep); v.day(nextStepDate)
    }

    public var record: RegisterRecord { .contact(self) }
}
