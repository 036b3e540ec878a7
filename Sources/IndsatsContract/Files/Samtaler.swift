import IndsatsCore

/// `samtaler.csv`: held conversations with citizens.
extension Conversation: ContractRow {
    public static let declaration = FileDeclaration(
        .samtaler, of: Conversation.self,
        columns: [
            .required("person_id", key: true, references: .personer),
            .required("dato", .day, key: true, datesTheData: true),
            .required("type", key: true),
            .optional("medarbejder", key: true),
            .optional("enhed"),
            .optional("afholdt_af", .oneOf(["kommune", "akasse"])),
            .optional("kanal", .channel),
        ])

    public init?(_ row: inout RowValues) {
        guard let person = row.text("person_id"), let date = row.day("dato"), let type = row.text("type") else { return nil }
        self.init(
            personID: person, date: date, type: type, staffID: row.text("medarbejder"), unit: row.text("enhed"),
            heldBy: row.text("afholdt_af"), channel: row.text("kanal"), extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(personID); v.day(date); v.text(type); v.text(staffID); v.text(unit); v.text(heldBy); v.text(channel)
    }

    public var record: RegisterRecord { .conversation(self) }
}
