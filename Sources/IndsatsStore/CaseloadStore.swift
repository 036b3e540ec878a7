import Foundation
import IndsatsContract
import IndsatsCore
import IndsatsEconomy

/// Caseload norms and moving citizens between caseworkers: the steering writes of
/// the caseload page. A move changes `tildelinger` like an import, so every reader's
/// register sees it.
public protocol CaseloadStore: Sendable {
    /// The norms set, or the default until some are saved.
    func caseloadNorms() throws -> CaseloadNorms
    func saveCaseloadNorms(_ norms: CaseloadNorms) throws
    /// Moves the citizens in one transaction and records it; returns how many citizens moved.
    /// A Danish ``StoreError`` when the new caseworker is unknown or nobody would move.
    @discardableResult
    func reassign(_ move: Reassignment, user: String, at now: Date) throws -> Int
    /// The latest moves, newest first.
    func reassignments(limit: Int) throws -> [ReassignmentRecord]
    /// Records (or corrects) the outcome of an aftercare call.
    func recordAftercare(_ outcome: AftercareOutcome) throws
    /// The outcomes recorded for `persons`.
    func aftercareOutcomes(persons: Set<String>) throws -> [AftercareOutcome]
}

extension SQLStore {
    public func caseloadNorms() throws -> CaseloadNorms {
        guard let document = try database.read({ try $0.text("SELECT vaerdi FROM indstillinger WHERE navn = 'sagsnormer'") }) else {
            return CaseloadNorms()
        }
        do throws(EconomyError) { return try CaseloadNorms.read(Data(document.utf8)) } catch {
            throw StoreError("sagsnormerne i databasen kan ikke læses: \(error.message)")
        }
    }

    public func saveCaseloadNorms(_ norms: CaseloadNorms) throws {
        try database.write { db in
            try db.execute(
                "INSERT INTO indstillinger (navn, vaerdi) VALUES ('sagsnormer', ?) ON CONFLICT (navn) DO UPDATE SET vaerdi = excluded.vaerdi",
                [.text(String(decoding: norms.json, as: UTF8.self))])
            try RegisterQueries.logSettings(db, "sagsnormer", changed: 1)
        }
        forgetVersion()
    }

    public func reassign(_ move: Reassignment, user: String, at now: Date) throws -> Int {
        guard move.from != move.to else { throw StoreError("vælg en anden medarbejder at flytte til end \(move.from)") }
        let moved = try database.write { db -> Int in
            guard try db.integer("SELECT count(*) FROM medarbejdere WHERE medarbejder = ?", [.text(move.to)]) == 1 else {
                throw StoreError("medarbejderen \(move.to) findes ikke i medarbejdere.csv")
            }
            let day = move.day.iso, dayBefore = move.day.advanced(by: -1).iso
            var sql = "SELECT person_id, fra, til FROM tildelinger WHERE medarbejder = ? AND (til IS NULL OR til >= ?)"
            var arguments: [SQLValue] = [.text(move.from), .text(day)]
            if let person = move.person {
                sql += " AND person_id = ?"
                arguments.append(.text(person))
            }
            let rows = try db.all(sql + " ORDER BY person_id, fra", arguments) { ($0.text(0) ?? "", $0.text(1) ?? "", $0.text(2)) }
            for (person, from, to) in rows {
                if from >= day {
                    // Starts on the day or later: it simply changes hands.
                    try db.execute(
                        "UPDATE tildelinger SET medarbejder = ? WHERE person_id = ? AND fra = ?",
                        [.text(move.to), .text(person), .text(from)])
                } else {
                    try db.execute(
                        "UPDATE tildelinger SET til = ? WHERE person_id = ? AND fra = ?", [.text(dayBefore), .text(person), .text(from)])
                    try db.execute(
                        "INSERT INTO tildelinger (person_id, medarbejder, fra, til) VALUES (?, ?, ?, ?)",
                        [.text(person), .text(move.to), .text(day), SQLValue(to)])
                }
            }
            let citizens = Set(rows.map(\.0)).count
            guard citizens > 0 else {
                throw StoreError(
                    move.person.map { "borgeren \($0) har ingen tildeling hos \(move.from) den \(move.day.danish) eller senere" }
                        ?? "\(move.from) har ingen borgere den \(move.day.danish) eller senere")
            }
            try db.execute(
                "INSERT INTO flytninger (tidspunkt, bruger, fra, til, person, dag, borgere) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(ISO8601DateFormatter().string(from: now)), .text(user), .text(move.from), .text(move.to), SQLValue(move.person),
                    .text(day), .integer(citizens),
                ])
            try RegisterQueries.logSettings(db, FileKind.tildelinger.rawValue, changed: rows.count)
            return citizens
        }
        forgetVersion()
        return moved
    }

    public func reassignments(limit: Int) throws -> [ReassignmentRecord] {
        try database.read { db in
            try db.all(
                "SELECT tidspunkt, bruger, fra, til, person, dag, borgere FROM flytninger ORDER BY nr DESC LIMIT ?", [.integer(limit)]
            ) { r in
                ReassignmentRecord(
                    time: ISO8601DateFormatter().date(from: r.text(0) ?? "") ?? Date(timeIntervalSince1970: 0), user: r.text(1) ?? "",
                    reassignment: Reassignment(
                        from: r.text(2) ?? "", to: r.text(3) ?? "", person: r.text(4), day: day(r.text(5)) ?? Day(ordinal: 0)),
                    citizens: r.integer(6) ?? 0)
            }
        }
    }

    public func recordAftercare(_ outcome: AftercareOutcome) throws {
        try database.write { db in
            try db.execute(
                """
                INSERT INTO eftervaern (person_id, slutdag, udfald, tidspunkt, bruger) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (person_id, slutdag) DO UPDATE SET udfald = excluded.udfald, tidspunkt = excluded.tidspunkt, bruger = excluded.bruger
                """,
                [
                    .text(outcome.personID), .text(outcome.spellEnd.iso), .text(outcome.result.rawValue),
                    .text(ISO8601DateFormatter().string(from: outcome.recorded)), .text(outcome.user),
                ])
        }
    }

    public func aftercareOutcomes(persons: Set<String>) throws -> [AftercareOutcome] {
        guard !persons.isEmpty else { return [] }
        let sorted = persons.sorted()
        return try database.read { db in
            try db.all(
                "SELECT person_id, slutdag, udfald, tidspunkt, bruger FROM eftervaern WHERE person_id IN ("
                    + Array(repeating: "?", count: sorted.count).joined(separator: ", ") + ")", sorted.map(SQLValue.text)
            ) { r in
                AftercareOutcome(
                    personID: r.text(0) ?? "", spellEnd: day(r.text(1)) ?? Day(ordinal: 0),
                    result: AftercareResult(rawValue: r.text(2) ?? "") ?? .ikke_truffet,
                    recorded: ISO8601DateFormatter().date(from: r.text(3) ?? "") ?? Date(timeIntervalSince1970: 0), user: r.text(4) ?? "")
            }
        }
    }
}
