import IndsatsCore

/// `kontaktregler.csv`: dated contact rules, one benefit's not overlapping in time.
extension ContactRule: ContractRow {
    public static let declaration = FileDeclaration(
        .kontaktregler, of: ContactRule.self,
        columns: [
            .required("ydelse", .code(.ydelse), key: true),
            .required("fra", .day, key: true),
            .optional("til", .endDay(after: "fra")),
            .required("samtaler", .integer(minimum: 0)),
            .required("inden_maaneder", .integer(minimum: 1)),
            .optional("tilbud_inden_maaneder", .integer(minimum: 1)),
            .optional("afholdt_af", .oneOf(["kommune", "alle"])),
        ],
        periods: PeriodRule(row: "reglen", group: "samme ydelse", start: "fra"))

    public init?(_ row: inout RowValues) {
        guard let benefit = row.text("ydelse"), let from = row.day("fra"), let conversations = row.integer("samtaler"),
            let months = row.integer("inden_maaneder")
        else { return nil }
        self.init(
            benefit: benefit, from: from, to: row.day("til"), conversations: conversations, withinMonths: months,
            offerWithinMonths: row.integer("tilbud_inden_maaneder"), municipalityOnly: row.text("afholdt_af") == "kommune",
            extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(benefit); v.day(from); v.day(to); v.integer(conversations); v.integer(withinMonths); v.integer(offerWithinMonths)
        v.text(municipalityOnly ? "kommune" : "alle")
    }

    public var period: RowPeriod? { RowPeriod(group: benefit, label: "reglen fra \(from.danish)", days: days) }

    public var record: RegisterRecord { .contactRule(self) }
}
