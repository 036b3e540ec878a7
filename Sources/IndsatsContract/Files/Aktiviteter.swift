import IndsatsCore

/// `aktiviteter.csv`: periods in an offer or activity.
extension Activity: ContractRow {
    public static let declaration = FileDeclaration(
        .aktiviteter, of: Activity.self,
        columns: [
            .required("aktivitet_id", key: true),
            .required("person_id", references: .personer),
            .required("type", .code(.aktivitetstype)),
            .required("start", .day, datesTheData: true),
            .optional("slut", .endDay(after: "start"), datesTheData: true),
            .optional("timer_pr_uge", .decimal),
            .optional("indsats_id", references: .indsatser),
            .optional("cvr", .cvr, references: .virksomheder),
            .optional("pnr", .pNumber),
            .optional("enhed"),
        ])

    public init?(_ row: inout RowValues) {
        guard let id = row.text("aktivitet_id"), let person = row.text("person_id"), let type = row.text("type"),
            let start = row.day("start")
        else { return nil }
        self.init(
            id: id, personID: person, type: type, start: start, end: row.day("slut"), hoursPerWeek: row.decimal("timer_pr_uge"),
            initiativeID: row.text("indsats_id"), cvr: row.text("cvr"), pNumber: row.text("pnr"), unit: row.text("enhed"),
            extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(id); v.text(personID); v.text(type); v.day(start); v.day(end); v.decimal(hoursPerWeek)
        v.text(initiativeID); v.text(cvr); v.text(pNumber); v.text(unit)
    }

    public var record: RegisterRecord { .activity(self) }
}
