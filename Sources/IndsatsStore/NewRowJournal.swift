import Foundation
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore

/// The keys of the rows a small import added, kept with the write (table `nye_raekker`), so a
/// register from before it is brought up to date by reading just those rows, not the whole
/// table again (docs/arkitektur.md, "Efter en import").
///
/// A kind is listed for a write (importlog's `kun_nye`, `samtaler:3`) only when every row the
/// write left different was new and there were at most ``limit``: a changed row, a kind
/// replaced whole or a larger import lists nothing, and a refresh reads the part again. A
/// refresh uses the list only when it holds as many keys as the write says, so a list pruned
/// after ``keptWrites`` writes (or missing from a copy) is never taken for a short one.
///
/// ```swift
/// var journal = NewRowJournal()
/// if journal.wants(.samtaler) { journal.add(.samtaler, key: layout.keyValues(of: record)) }
/// try RegisterQueries.logImport(db, counts: counts, latestWrittenDay: day, journal: journal)
/// ```
struct NewRowJournal {
    /// The kinds a refresh adds new rows of (``RegisterBuilder/add(newConversations:ofTheirPersons:)``).
    static let kinds: Set<FileKind> = [.samtaler]
    /// The most new rows of one kind a write lists; a larger import is read again whole.
    static let limit = 10_000
    /// How many writes back lists are kept.
    static let keptWrites = 1_000

    /// The key values (``TableLayout/keyValues(of:)``) of each kind's new rows, in the order written.
    private(set) var keys: [FileKind: [[String]]] = [:]
    /// Kinds that had more new rows than the limit, or were replaced whole.
    private var spoiled: Set<FileKind> = []

    /// Whether the keys of `kind`'s new rows are still being listed.
    func wants(_ kind: FileKind) -> Bool { Self.kinds.contains(kind) && !spoiled.contains(kind) }

    /// Lists a new row's key.
    mutating func add(_ kind: FileKind, key: [String]) {
        guard wants(kind) else { return }
        guard keys[kind, default: []].count < Self.limit else { return spoil(kind) }
        keys[kind, default: []].append(key)
    }

    /// Lists nothing of `kind` for this write (it was replaced whole, say).
    mutating func spoil(_ kind: FileKind) {
        spoiled.insert(kind)
        keys[kind] = nil
    }

    /// The kinds of `counts` whose new rows this write lists in full: none changed, every new one listed.
    func complete(_ counts: [FileKind: WriteCounts]) -> [FileKind: [[String]]] {
        var lists: [FileKind: [[String]]] = [:]
        for (kind, count) in counts where wants(kind) && count.changed == 0 && count.new == keys[kind, default: []].count {
            lists[kind] = keys[kind, default: []]
        }
        return lists
    }

    /// A key as stored in `nye_raekker`: its values as a JSON array.
    static func text(_ key: [String]) -> String { "[" + key.map(JSONText.string).joined(separator: ",") + "]" }

    static func key(_ text: String) -> [String]? { try? JSONDecoder().decode([String].self, from: Data(text.utf8)) }
}

extension RegisterQueries {
    /// Lists the new rows of write `version` (``NewRowJournal``) and forgets the lists of writes
    /// more than ``NewRowJournal/keptWrites`` back.
    static func logNewRows(_ db: any SQLConnection, version: Int, _ lists: [FileKind: [[String]]]) throws {
        try db.execute("DELETE FROM nye_raekker WHERE import_nr <= ?", [.integer(version - NewRowJournal.keptWrites)])
        guard !lists.isEmpty else { return }
        let summary = lists.keys.sorted().map { "\($0.rawValue):\(lists[$0]!.count)" }.joined(separator: ",")
        try db.execute("UPDATE importlog SET kun_nye = ? WHERE id = ?", [.text(summary), .integer(version)])
        let rows = lists.flatMap { kind, keys in
            keys.map { [SQLValue.integer(version), .text(kind.rawValue), .text(NewRowJournal.text($0))] }
        }
        // A thousand rows a statement: few round trips to PostgreSQL, well under either database's limit on parameters.
        for start in stride(from: 0, to: rows.count, by: 1_000) {
            let chunk = rows[start..<min(start + 1_000, rows.count)]
            try db.execute(
                "INSERT INTO nye_raekker (import_nr, fil, noegle) VALUES "
                    + Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", "), chunk.flatMap { $0 })
        }
    }

    /// The keys of every row of `kind` the writes after `version` added, when every one of those
    /// writes that wrote `kind` lists its new rows in full; `nil` when one does not (the part is
    /// then read again whole).
    static func newRowKeys(_ kind: FileKind, since version: Int, _ db: any SQLConnection) throws -> [[String]]? {
        var expected: [Int: Int] = [:]
        for (write, files, lists) in try db.all(
            "SELECT id, filer, kun_nye FROM importlog WHERE id > ?", [.integer(version)],
            { ($0.integer(0) ?? 0, $0.text(1) ?? "", $0.text(2)) })
        where files.split(separator: ",").contains(Substring(kind.rawValue)) {
            let listed = (lists ?? "").split(separator: ",").first { $0.hasPrefix(kind.rawValue + ":") }
            guard let count = listed.flatMap({ Int($0.dropFirst(kind.rawValue.count + 1)) }) else { return nil }
            expected[write] = count
        }
        var found: [Int: Int] = [:]
        var keys: [[String]] = []
        try db.forEachRow(
            "SELECT import_nr, noegle FROM nye_raekker WHERE import_nr > ? AND fil = ?", [.integer(version), .text(kind.rawValue)]
        ) { row in
            guard let write = row.integer(0), let key = row.text(1).flatMap(NewRowJournal.key) else { return }
            found[write, default: 0] += 1
            keys.append(key)
        }
        return found == expected.filter { $0.value > 0 } ? keys : nil
    }

    /// Adds the conversations with `keys` to `builder`, with every conversation of their persons:
    /// one read per person (`person_id` leads the key), the new rows picked out by their keys.
    static func addNewConversations(_ keys: [[String]], from db: any SQLConnection, into builder: inout RegisterBuilder) throws {
        guard !keys.isEmpty else { return }
        let layout = TableLayout.of(.samtaler)
        let person = layout.key.firstIndex(of: "person_id")!
        let new = Set(keys)
        var (added, all): ([Conversation], [Conversation]) = ([], [])
        for id in Set(keys.map { $0[person] }).sorted() {
            try forEachStored(.samtaler, db, where: "person_id = ?", [.text(id)]) { record in
                guard case .conversation(let c) = record else { return }
                all.append(c)
                if new.contains(layout.keyValues(of: record)) { added.append(c) }
            }
        }
        builder.add(newConversations: added, ofTheirPersons: all)
    }
}
