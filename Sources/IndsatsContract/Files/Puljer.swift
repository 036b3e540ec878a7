import IndsatsCore

/// `puljer.csv`: grant pools with their period, grant and target share.
extension GrantPool: ContractRow {
    public static let declaration = FileDeclaration(
        .puljer, of: GrantPool.self,
        columns: [
            .required("pulje_id", key: true),
            .required("navn"),
            .required("fra", .day),
            .required("til", .endDay(after: "fra")),
            .optional("bevilling", .decimal),
            .optional("maal_andel", .decimal),
        ])

    public init?(_ row: inout RowValues) {
        guard let id = row.text("pulje_id"), let name = row.text("navn"), let from = row.day("fra"), let to = row.day("til") else {
            return nil
        }
        let target = row.share("maal_andel")
        guard target.ok else { return nil }
        self.init(id: id, name: name, from: from, to: to, grant: row.decimal("bevilling"), targetShare: target.value, extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(id); v.text(name); v.day(from); v.day(to); v.decimal(grant); v.decimal(targetShare)
    }

    public var record: RegisterRecord { .pool(self) }
}

/// `puljedeltagere.csv`: the citizens in a pool's target group, from a day.
extension PoolParticipant: ContractRow {
    public static let declaration = FileDeclaration(
        .puljedeltagere, of: PoolParticipant.self,
        columns: [
            .required("pulje_id", key: true, references: .puljer),
            .required("person_id", key: true, references: .personer),
            .required("fra", .day),
            .optional("til", .endDay(after: "fra")),
        ])

    public init?(_ row: inout RowValues) {
        guard let pool = row.text("pulje_id"), let person = row.text("person_id"), let from = row.day("fra") else { return nil }
        self.init(poolID: pool, personID: person, from: from, to: row.day("til"), extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(poolID); v.text(personID); v.day(from); v.day(to)
    }

    public var record: RegisterRecord { .poolParticipant(self) }
}

/// `puljerater.csv` (an extension of the contract): a pool's instalments, each with its share of the
/// grant, the result share that releases it, its other condition and its due date.
extension PoolInstalment: ContractRow {
    public static let declaration = FileDeclaration(
        .puljerater, of: PoolInstalment.self,
        columns: [
            .required("pulje_id", key: true, references: .puljer),
            .required("rate", .integer(minimum: 1), key: true),
            .required("andel", .decimal),
            .optional("resultat_andel", .decimal),
            .optional("betingelse"),
            .optional("forfald", .day),
        ])

    public init?(_ row: inout RowValues) {
        let part = row.share("andel"), result = row.share("resultat_andel")
        guard let pool = row.text("pulje_id"), let number = row.integer("rate"), part.ok, result.ok, let share = part.value else {
            return nil
        }
        self.init(
            poolID: pool, number: number, share: share, resultShare: result.value, condition: row.text("betingelse"),
            due: row.day("forfald"), extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(poolID); v.integer(number); v.decimal(share); v.decimal(resultShare); v.text(condition); v.day(due)
    }

    public var record: RegisterRecord { .poolInstalment(self) }
}

/// `budget.csv`: the budget for one benefit in one year.
extension BenefitBudget: ContractRow {
    public static let declaration = FileDeclaration(
        .budget, of: BenefitBudget.self,
        columns: [
            .required("aar", .integer(minimum: 1900), key: true),
            .required("ydelse", .code(.ydelse), key: true),
            .required("beloeb", .decimal),
        ])

    public init?(_ row: inout RowValues) {
        guard let year = row.integer("aar"), let benefit = row.text("ydelse"), let amount = row.decimal("beloeb") else { return nil }
        self.init(year: year, benefit: benefit, amount: amount, extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.integer(year); v.text(benefit); v.decimal(amount)
    }

    public var record: RegisterRecord { .budget(self) }
}

extension RowValues {
    /// A share written as a fraction from 0 to 1 (`0,35`); above 1 it reads like a percentage,
    /// which is a problem on the row (`ok` false).
    mutating func share(_ name: String) -> (ok: Bool, value: Double?) {
        guard let value = decimal(name) else { return (true, nil) }
        guard value <= 1 else {
            problem(name, "'\(DanishFormat.number(value))' er over 1; skriv andelen som brøk, fx 0,35 for 35 %")
            return (false, nil)
        }
        return (true, value)
    }
}
