import Foundation
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import Synchronization

/// A store whose tables live in an ``SQLDatabase``: SQLite's file or a PostgreSQL server.
/// Reading the register, the users and the audit log is written once, here and in
/// `SQLStore+Access.swift`; each store brings its own imports and backups.
protocol SQLStore: DataStore {
    var database: any SQLDatabase { get }
    /// The last data version read and when; cleared by this store's own writes.
    var knownVersion: Mutex<KnownVersion?> { get }
    /// The snapshot file called `name` (``SnapshotFile``); `nil` for a database in memory.
    func snapshotFile(_ name: String) -> SnapshotFile?
}

/// One write of the store: its number in the import log and its random mark.
struct WriteKey: Equatable {
    var version: Int
    var mark: String?

    init(version: Int, mark: String?) {
        self.version = version
        self.mark = mark
    }

    /// `17-9f3c…`, as a snapshot's key.
    var text: String { "\(version)-\(mark ?? "")" }

    init?(text: String) {
        guard let dash = text.firstIndex(of: "-"), let version = Int(text[..<dash]) else { return nil }
        self.version = version
        let mark = text[text.index(after: dash)...]
        self.mark = mark.isEmpty ? nil : String(mark)
    }
}

/// A data version and when it was read.
struct KnownVersion {
    var version: Int
    var checked: ContinuousClock.Instant
}

extension SQLStore {
    /// The register's snapshot.
    var snapshot: SnapshotFile? { snapshotFile("register") }

    public func markServing() -> ServingMark? { snapshot?.markServing() }

    public func kept<T: Snapshottable>(_ type: T.Type, name: String, version: Int) -> T? {
        guard let file = snapshotFile(name), let key = try? database.read({ try RegisterQueries.writeKey($0, version: version) })
        else { return nil }
        return file.read(T.self, storeKey: key.text)
    }

    public func keep<T: Snapshottable>(_ value: T, name: String, version: Int) {
        guard let file = snapshotFile(name), let key = try? database.read({ try RegisterQueries.writeKey($0, version: version) })
        else { return }
        file.write(value, storeKey: key.text)
    }

    public func referenceData() throws -> ReferenceData {
        try database.read(RegisterQueries.referenceData)
    }

    public func initiativeList() throws -> [Initiative] {
        try database.read { db in
            try db.all("SELECT indsats_id, navn, enhed, pladser, start, slut, forslag, eftervaern FROM indsatser ORDER BY indsats_id") {
                Initiative(
                    id: $0.text(0) ?? "", name: $0.text(1) ?? "", unit: $0.text(2), places: $0.integer(3), start: day($0.text(4)),
                    end: day($0.text(5)), proposal: $0.text(6), aftercare: $0.text(7) == "ja")
            }
        }
    }

    public func staffMembers() throws -> [StaffMember] {
        try database.read { db in
            try db.all("SELECT medarbejder, navn, enhed, team FROM medarbejdere ORDER BY medarbejder") {
                StaffMember(id: $0.text(0) ?? "", name: $0.text(1), unit: $0.text(2), team: $0.text(3))
            }
        }
    }

    /// The register at the store's latest write, with at least the rows of `parts`. With a
    /// snapshot file (``SnapshotFile``), it is read from the snapshot when that shows the
    /// latest write (only the columns of `parts`, and what every register has), else brought
    /// up to it from an older snapshot; without a usable one, the whole register is read from
    /// the database and the snapshot written, or, when only some parts are asked for, just
    /// those rows are streamed into a ``RegisterBuilder`` (no row held as a record).
    public func loadRegister(parts: RegisterParts) throws -> Register {
        guard let snapshot else { return try database.read { try RegisterQueries.loadRegister(parts: parts, from: $0) } }
        let latest = try database.read { try RegisterQueries.writeKey($0) }
        if let register = snapshot.read(Register.self, storeKey: latest.text, parts: parts) { return register }
        if let older = try olderSnapshot(snapshot, before: latest, parts: parts) {
            let fresh = try refreshed(older)
            try keepSnapshot(of: fresh)
            return fresh
        }
        guard parts == .all else { return try database.read { try RegisterQueries.loadRegister(parts: parts, from: $0) } }
        let (register, key) = try database.read { db in
            (try RegisterQueries.loadRegister(parts: .all, from: db), try RegisterQueries.writeKey(db))
        }
        snapshot.write(register, storeKey: key.text)
        return register
    }

    public func updateSnapshot() throws {
        guard let snapshot, !snapshot.isServed else { return }
        let latest = try database.read { try RegisterQueries.writeKey($0) }
        guard snapshot.storedKey(Register.self) != latest.text, let older = try olderSnapshot(snapshot, before: latest, parts: .all)
        else { return }
        try keepSnapshot(of: try refreshed(older))
    }

    public func keepSnapshot(of register: Register) throws {
        // Only a whole register is a snapshot: a later reader may want any part.
        guard let snapshot, register.parts == .all else { return }
        let stored = snapshot.storedKey(Register.self).flatMap(WriteKey.init(text:))
        guard stored.map({ $0.version < register.storeVersion }) ?? true,
            let key = try database.read({ try RegisterQueries.writeKey($0, version: register.storeVersion) })
        else { return }
        snapshot.write(register, storeKey: key.text)
    }

    /// The snapshot's register when it shows an earlier write this store still has (its mark
    /// matches), so only what was written since need be read.
    private func olderSnapshot(_ snapshot: SnapshotFile, before latest: WriteKey, parts: RegisterParts) throws -> Register? {
        guard let stored = snapshot.storedKey(Register.self).flatMap(WriteKey.init(text:)), stored.version < latest.version,
            try database.read({ try RegisterQueries.writeKey($0, version: stored.version) }) == stored
        else { return nil }
        return snapshot.read(Register.self, storeKey: stored.text, parts: parts)
    }

    /// Reads again only the parts that imports since `register` was loaded wrote, and of
    /// conversations only added since, just the new rows (``NewRowJournal``); persons and
    /// companies keep their places, the other parts are reused as they are.
    /// A snapshot of the latest write is used instead when there is one; it is not written here (``keepSnapshot(of:)``).
    public func refreshed(_ register: Register) throws -> Register {
        try database.read { db -> Register in
            let key = try RegisterQueries.writeKey(db)
            guard key.version != register.storeVersion else { return register }
            if let stored = snapshot?.read(Register.self, storeKey: key.text, parts: register.parts) { return stored }
            // A store older than the register (replaced by a backup, say): read it all.
            guard key.version > register.storeVersion else {
                return try RegisterQueries.loadRegister(parts: register.parts, from: db)
            }
            var parts: RegisterParts = []
            for name in try RegisterQueries.written(since: register.storeVersion, db) {
                parts.formUnion(FileKind(rawValue: name)?.registerPart ?? [])
            }
            parts.formIntersection(register.parts)
            // Conversations only added since: just those rows, and their persons' (NewRowJournal).
            let newConversations =
                parts.contains(.conversations) ? try RegisterQueries.newRowKeys(.samtaler, since: register.storeVersion, db) : nil
            if newConversations != nil { parts.remove(.conversations) }
            var builder = RegisterBuilder(updating: register, reloading: parts, reference: try RegisterQueries.referenceData(db))
            try RegisterQueries.load(parts, from: db, into: &builder)
            if let newConversations { try RegisterQueries.addNewConversations(newConversations, from: db, into: &builder) }
            return try RegisterQueries.finish(builder, db)
        }
    }

    /// Whether a write since `version` touched anything besides the register's parts: prices, proposals,
    /// plans, targets, initiatives or codes, which pages show beside the register. A store no later than
    /// `version` (a backup put back) counts as such a write.
    public func wroteBesidesRegister(since version: Int) throws -> Bool {
        try database.read { db in
            guard try RegisterQueries.version(db) > version else { return true }
            return try RegisterQueries.written(since: version, db).contains { FileKind(rawValue: $0)?.registerPart.isEmpty ?? true }
        }
    }

    /// Asked on every web request: the answer is reused for ``versionReuse`` seconds,
    /// unless this store wrote since (another process's import shows within that time).
    public func dataVersion() throws -> Int {
        let now = ContinuousClock.now
        if let known = knownVersion.withLock({ $0 }), now - known.checked < versionReuse { return known.version }
        let version = try database.read(RegisterQueries.version)
        knownVersion.withLock { $0 = KnownVersion(version: version, checked: now) }
        return version
    }

    var versionReuse: Duration { .milliseconds(50) }

    /// Forgets the data version read, after this store wrote.
    func forgetVersion() { knownVersion.withLock { $0 = nil } }

    public func rowCounts() throws -> [FileKind: Int] {
        try database.read { db in
            var out: [FileKind: Int] = [:]
            for kind in FileKind.allCases {
                out[kind] = try db.integer("SELECT count(*) FROM \(TableLayout.of(kind).table)") ?? 0
            }
            return out
        }
    }

    /// The columns of each register table as the database has them, in order.
    func tableColumns() throws -> [String: [String]] {
        try database.read { db in
            var out: [String: [String]] = [:]
            for kind in FileKind.allCases {
                let table = TableLayout.of(kind).table
                out[table] = try db.columns(of: table)
            }
            return out
        }
    }
}

/// The register's SQL, shared by the stores and their import sessions.
enum RegisterQueries {
    static func referenceData(_ db: any SQLConnection) throws -> ReferenceData {
        var reference = ReferenceData.defaults
        try db.forEachRow("SELECT kodeliste, kode, navn, gyldig_fra, gyldig_til, virksomhedsrettet FROM koder", []) { row in
            guard let list = CodeListName(rawValue: row.text(0) ?? "") else { return }
            reference.add(
                Code(
                    list, row.text(1) ?? "", row.text(2) ?? "", validFrom: day(row.text(3)), validTo: day(row.text(4)),
                    companyBased: row.text(5) == "ja"))
        }
        return reference
    }

    /// The natural keys stored for a kind with a one-column key.
    static func storedKeys(_ kind: FileKind, _ db: any SQLConnection) throws -> Set<String> {
        let layout = TableLayout.of(kind)
        precondition(layout.key.count == 1, "storedKeys is for kinds with a one-column key")
        var keys = Set<String>()
        try db.scan("SELECT \(layout.key[0]) FROM \(layout.table)") { keys.insert($0.text(0) ?? "") }
        return keys
    }

    static func isStored(_ kind: FileKind, key: String, _ db: any SQLConnection) throws -> Bool {
        let layout = TableLayout.of(kind)
        precondition(layout.key.count == 1, "isStored is for kinds with a one-column key")
        return try db.integer("SELECT 1 FROM \(layout.table) WHERE \(layout.key[0]) = ? LIMIT 1", [.text(key)]) != nil
    }

    /// Every stored row of `kind`, read back through its declaration.
    /// Calls `body` with every stored row of `kind` (those `condition` selects, when given), read
    /// back through the kind's declaration.
    static func forEachStored(
        _ kind: FileKind, _ db: any SQLConnection, where condition: String? = nil, _ arguments: [SQLValue] = [],
        _ body: (RegisterRecord) throws -> Void
    ) throws {
        let declaration = kind.declaration
        let columns = declaration.columns
        let names = columns.map(\.name) + (declaration.keepsExtra ? ["ekstra"] : [])
        let filter = condition.map { " WHERE " + $0 } ?? ""
        try db.forEachRow("SELECT \(names.joined(separator: ", ")) FROM \(TableLayout.of(kind).table)\(filter)", arguments) { r in
            var row = RowValues(declaration, values: columns.indices.map { Self.field(r, $0, columns[$0].type.storage) })
            if declaration.keepsExtra, let json = r.text(columns.count) {
                row.extra = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
            }
            if let record = declaration.record(&row) { try body(record) }
        }
    }

    /// One stored value as its column's storage says; a key part stored as `""` is no value.
    static func field(_ row: any SQLRow, _ column: Int, _ storage: ColumnStorage) -> FieldValue? {
        switch storage {
        case .text: row.text(column).flatMap { $0.isEmpty ? nil : .text($0) }
        case .day: day(row.text(column)).map(FieldValue.day)
        case .integer: row.integer(column).map(FieldValue.integer)
        case .decimal: if case .real(let x) = row.value(column) { .decimal(x) } else { row.integer(column).map { .decimal(Double($0)) } }
        }
    }

    static func loadRegister(parts: RegisterParts, from db: any SQLConnection) throws -> Register {
        var builder = RegisterBuilder(reference: try referenceData(db), parts: parts)
        try load(parts, from: db, into: &builder)
        return try finish(builder, db)
    }

    static func load(_ parts: RegisterParts, from db: any SQLConnection, into builder: inout RegisterBuilder) throws {
        /// Reserves room for the table's rows, then calls `add` with each row of a query.
        func each(_ part: RegisterParts, _ table: String, _ columns: String, _ add: (any SQLRow) -> Void) throws {
            guard parts.contains(part) else { return }
            builder.reserve(try db.integer("SELECT count(*) FROM \(table)") ?? 0, of: part)
            try db.scan("SELECT \(columns) FROM \(table)") { add($0) }
        }
        try each(.persons, "personer", "person_id, foedselsdato, koen, kommune, cv_dato") { r in
            builder.add(
                Person(id: r.text(0) ?? "", birthDate: day(r.text(1)), sex: r.text(2), municipality: r.text(3), cvDate: day(r.text(4))))
        }
        try each(.benefits, "ydelsesforloeb", "person_id, ydelse, start, slut, afgang") { r in
            if let start = day(r.text(2)) {
                builder.add(
                    BenefitPeriod(
                        personID: r.text(0) ?? "", benefit: r.text(1) ?? "", start: start, end: day(r.text(3)), exitReason: r.text(4)))
            }
        }
        try each(.activities, "aktiviteter", "aktivitet_id, person_id, type, start, slut, indsats_id, enhed, cvr") { r in
            if let start = day(r.text(3)) {
                builder.add(
                    Activity(
                        id: r.text(0) ?? "", personID: r.text(1) ?? "", type: r.text(2) ?? "", start: start, end: day(r.text(4)),
                        initiativeID: r.text(5), cvr: r.text(7), unit: r.text(6)))
            }
        }
        try each(.conversations, "samtaler", "person_id, dato, type, medarbejder, enhed, afholdt_af") { r in
            if let date = day(r.text(1)) {
                builder.add(
                    Conversation(
                        personID: r.text(0) ?? "", date: date, type: r.text(2) ?? "", staffID: blankIsNil(r.text(3)),
                        unit: r.text(4), heldBy: r.text(5)))
            }
        }
        try each(.companies, "virksomheder", "cvr, ansatte, branche") { r in
            builder.add(Company(cvr: r.text(0) ?? "", employees: r.integer(1), industry: r.text(2)))
        }
        try each(.contacts, "virksomhedskontakter", "cvr, dato, enhed, kanal") { r in
            if let date = day(r.text(1)) {
                builder.add(CompanyContact(cvr: r.text(0) ?? "", date: date, unit: blankIsNil(r.text(2)), channel: r.text(3)))
            }
        }
        try each(.assignments, "tildelinger", "person_id, medarbejder, fra, til") { r in
            if let from = day(r.text(2)) {
                builder.add(Assignment(personID: r.text(0) ?? "", staffID: r.text(1) ?? "", from: from, to: day(r.text(3))))
            }
        }
        if parts.contains(.caseworkers) {
            try db.scan("SELECT medarbejder, enhed, team FROM medarbejdere") { r in
                builder.add(StaffMember(id: r.text(0) ?? "", unit: r.text(1), team: r.text(2)))
            }
        }
        try each(.screenings, "screeninger", "person_id, dato, gruppe, forslag, medarbejder") { r in
            if let date = day(r.text(1)), let group = r.text(2) {
                builder.add(Screening(personID: r.text(0) ?? "", date: date, group: group, advice: r.text(3), staffID: r.text(4)))
            }
        }
        if parts.contains(.contactRules) {
            try forEachStored(.kontaktregler, db) { if case .contactRule(let rule) = $0 { builder.add(rule) } }
        }
        try each(.jobOrders, "jobordrer", "jobordre_id, cvr, oprettet, stillinger, besat, lukket, enhed") { r in
            if let created = day(r.text(2)) {
                builder.add(
                    JobOrder(
                        id: r.text(0) ?? "", cvr: r.text(1) ?? "", created: created, positions: r.integer(3), filled: r.integer(4),
                        closed: day(r.text(5)), unit: r.text(6)))
            }
        }
        try each(.cvUpdates, "cv_opdateringer", "person_id, dato") { r in
            if let date = day(r.text(1)) { builder.add(CVUpdate(personID: r.text(0) ?? "", date: date)) }
        }
        if parts.contains(.pools) {
            try forEachStored(.puljer, db) { if case .pool(let pool) = $0 { builder.add(pool) } }
            try forEachStored(.puljedeltagere, db) { if case .poolParticipant(let p) = $0 { builder.add(p) } }
        }
        if parts.contains(.budgets) {
            try forEachStored(.budget, db) { if case .budget(let b) = $0 { builder.add(b) } }
        }
        try each(.placements, "formidlinger", "jobordre_id, person_id, dato") { r in
            if let date = day(r.text(2)) {
                builder.add(Placement(jobOrderID: r.text(0) ?? "", personID: r.text(1) ?? "", date: date))
            }
        }
    }

    /// Sorts the register and dates it: the latest day the stored rows name, but
    /// never past the last import day (a future end date is a plan, not data).
    static func finish(_ builder: consuming RegisterBuilder, _ db: any SQLConnection) throws -> Register {
        builder.storeVersion = try version(db)
        let lastImport = try db.text("SELECT max(dag) FROM importlog").flatMap { Day(parsing: $0) }
        let latest =
            try db.text("SELECT seneste_dag FROM importlog ORDER BY id DESC LIMIT 1")
            .flatMap { Day(parsing: $0) } ?? latestStoredDay(db)
        return builder.build(dataDate: latest.map { min($0, lastImport ?? $0) })
    }

    /// The latest day in the date columns of ``FileKind/dataDayColumns`` (a scan of every table).
    static func latestStoredDay(_ db: any SQLConnection) throws -> Day? {
        let parts = FileKind.allCases.flatMap { kind in kind.dataDayColumns.map { "SELECT max(\($0)) AS d FROM \(kind.rawValue)" } }
        return try db.text("SELECT max(d) FROM (\(parts.joined(separator: " UNION ALL "))) AS dage").flatMap { Day(parsing: $0) }
    }

    /// The names of the files and settings written since `version` (the import log's `filer`), each once per write.
    static func written(since version: Int, _ db: any SQLConnection) throws -> [String] {
        try db.all("SELECT filer FROM importlog WHERE id > ?", [.integer(version)]) { $0.text(0) ?? "" }
            .flatMap { $0.split(separator: ",").map(String.init) }
    }

    /// The number of the latest import, 0 before the first.
    static func version(_ db: any SQLConnection) throws -> Int {
        try db.integer("SELECT max(id) FROM importlog") ?? 0
    }

    /// The latest write and its random mark (`17-9f3c…`), `0` before the first: what a register
    /// snapshot must have been made from to be used (``SnapshotFile``).
    static func writeKey(_ db: any SQLConnection) throws -> WriteKey {
        try db.first("SELECT id, noegle FROM importlog ORDER BY id DESC LIMIT 1") {
            WriteKey(version: $0.integer(0) ?? 0, mark: $0.text(1))
        }
            ?? WriteKey(version: 0, mark: nil)
    }

    /// The mark of write `version`, if the store has it.
    static func writeKey(_ db: any SQLConnection, version: Int) throws -> WriteKey? {
        try db.first("SELECT id, noegle FROM importlog WHERE id = ?", [.integer(version)]) {
            WriteKey(version: $0.integer(0) ?? 0, mark: $0.text(1))
        }
    }

    /// A new write's mark: random, so no two writes anywhere share one.
    static func newWriteMark() -> String { UUID().uuidString.lowercased() }

    /// Records an import, so readers see the data version move, with the latest
    /// day the stored rows now name. Rows only added: the later of that day before
    /// and the rows written; a row changed (a date may have moved back): a scan.
    static func logImport(
        _ db: any SQLConnection, counts: [FileKind: WriteCounts], latestWrittenDay: Day?, journal: NewRowJournal
    ) throws {
        let now = Date()
        let total = counts.values.reduce((0, 0)) { ($0.0 + $1.new, $0.1 + $1.changed) }
        let before = try db.first("SELECT seneste_dag FROM importlog ORDER BY id DESC LIMIT 1") { $0.text(0) }
        let latest: Day?
        if total.1 > 0 || (before != nil && before! == nil) {
            latest = try latestStoredDay(db)
        } else {
            latest = [before.flatMap { day($0) }, latestWrittenDay].compactMap { $0 }.max()
        }
        try db.execute(
            "INSERT INTO importlog (tidspunkt, dag, filer, nye, aendrede, seneste_dag, noegle) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                .text(ISO8601DateFormatter().string(from: now)), .text(Day(now).iso),
                .text(counts.keys.sorted().map(\.rawValue).joined(separator: ",")), .integer(total.0), .integer(total.1),
                SQLValue(latest?.iso), .text(newWriteMark()),
            ])
        try logNewRows(db, version: try version(db), journal.complete(counts))
    }
}

extension RegisterQueries {
    /// Records a change to what the pages show besides the register (prices, proposals, plans,
    /// targets) like an import, so every reader's cached answers and pages are made anew, but
    /// with the data's days unchanged: settings say nothing of how current the register is.
    static func logSettings(_ db: any SQLConnection, _ what: String, changed: Int) throws {
        let last = try db.first("SELECT dag, seneste_dag FROM importlog ORDER BY id DESC LIMIT 1") { ($0.text(0), $0.text(1)) }
        try db.execute(
            "INSERT INTO importlog (tidspunkt, dag, filer, nye, aendrede, seneste_dag, noegle) VALUES (?, ?, ?, 0, ?, ?, ?)",
            [
                .text(ISO8601DateFormatter().string(from: Date())), .text(last?.0 ?? Day(Date()).iso), .text(what),
                .integer(changed), SQLValue(last?.1 ?? nil), .text(newWriteMark()),
            ])
    }
}

func day(_ text: String?) -> Day? { text.flatMap { Day(parsing: $0) } }

/// Key columns store a missing value as `""`.
private func blankIsNil(_ text: String?) -> String? { text == "" ? nil : text }

extension FileKind {
    /// The part of the in-memory register the kind's rows go to (none for codes, initiatives and staff).
    var registerPart: RegisterParts {
        switch self {
        case .personer: return .persons
        case .ydelsesforloeb: return .benefits
        case .aktiviteter: return .activities
        case .samtaler: return .conversations
        case .virksomheder: return .companies
        case .virksomhedskontakter: return .contacts
        case .jobordrer: return .jobOrders
        case .tildelinger: return .assignments
        case .medarbejdere: return .caseworkers
        case .kontaktregler: return .contactRules
        case .screeninger: return .screenings
        case .formidlinger: return .placements
        case .cv_opdateringer: return .cvUpdates
        case .puljer, .puljedeltagere: return .pools
        case .budget: return .budgets
        case .koder, .indsatser, .alliancer, .alliancemedlemmer, .puljerater, .landstal: return []
        }
    }
}

extension Day {
    /// The UTC date of `date`: import bookkeeping and a report's date read the clock, nothing else.
    public init(_ date: Date) {
        self.init(ordinal: Int32((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
