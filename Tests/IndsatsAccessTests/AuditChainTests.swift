import Foundation
import IndsatsAccess
import Testing

@Suite("Auditloggens hashkæde")
struct AuditChainTests {
    func chain(_ count: Int, anchor: AuditAnchor = .start) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for i in 0..<count {
            entries.append(
                .next(
                    after: entries.last, anchor: anchor, time: "2026-11-22T10:00:\(String(i).leftPad)Z", user: "anne",
                    action: i % 2 == 0 ? .laesning : .soegning, person: i % 3 == 0 ? "P\(i)" : nil,
                    criteria: i % 2 == 1 ? "navn=Åse; enhed=Jobservice" : nil))
        }
        return entries
    }

    @Test("An untouched chain holds, from the start and from an anchor left by retention")
    func holds() {
        let entries = chain(20)
        #expect(entries.map(\.number) == Array(1...20))
        #expect(entries[0].previousHash == AuditChain.genesis)
        #expect(AuditChain.firstBreak(in: entries, anchor: .start) == nil)
        let kept = Array(entries[8...])
        #expect(AuditChain.firstBreak(in: kept, anchor: AuditAnchor(number: 8, hash: entries[7].hash)) == nil)
        // Without the anchor, the cut is seen.
        #expect(AuditChain.firstBreak(in: kept, anchor: .start)?.number == 9)
    }

    @Test("Changing any field of any entry, removing or inserting one, is found at that entry")
    func detectsTampering() {
        let entries = chain(12)
        for i in entries.indices {
            for change in 0..<5 {
                var tampered = entries
                switch change {
                case 0: tampered[i].user = "bo"
                case 1: tampered[i].person = tampered[i].person == nil ? "P99" : nil
                case 2: tampered[i].criteria = (tampered[i].criteria ?? "") + " "
                case 3: tampered[i].time = "2026-11-22T11:00:00Z"
                default: tampered[i].action = tampered[i].action == .eksport ? .laesning : .eksport
                }
                #expect(AuditChain.firstBreak(in: tampered, anchor: .start)?.number == i + 1, "entry \(i + 1), change \(change)")
            }
            var removed = entries
            removed.remove(at: i)
            if i < entries.count - 1 {
                #expect(AuditChain.firstBreak(in: removed, anchor: .start)?.number == i + 2)
            }
        }
        // Re-hashing a changed entry does not help: the next entry points at the old hash.
        var rehashed = entries
        rehashed[3].user = "bo"
        rehashed[3].hash = AuditChain.hash(of: rehashed[3])
        #expect(AuditChain.firstBreak(in: rehashed, anchor: .start)?.number == 5)
    }

    @Test("Fields are hashed with their lengths, so moving text between fields changes the hash")
    func fieldBoundaries() {
        let a = AuditEntry.next(after: nil, anchor: .start, time: "t", user: "ab", action: .laesning, person: "c", criteria: nil)
        let b = AuditEntry.next(after: nil, anchor: .start, time: "t", user: "a", action: .laesning, person: "bc", criteria: nil)
        let c = AuditEntry.next(after: nil, anchor: .start, time: "t", user: "a", action: .laesning, person: nil, criteria: nil)
        let d = AuditEntry.next(after: nil, anchor: .start, time: "t", user: "a", action: .laesning, person: "", criteria: nil)
        #expect(Set([a.hash, b.hash, c.hash, d.hash]).count == 4)
        #expect(a.hash.count == 64)
    }
}

@Suite("Login og adgangskoder")
struct LoginTests {
    @Test("Passwords are bcrypt hashes; short ones are refused in Danish")
    func passwords() throws {
        let hash = try Password.hash("en lang og god kode")
        #expect(hash.hasPrefix("$2b$10$"))
        #expect(Password.matches("en lang og god kode", hash: hash))
        #expect(!Password.matches("en lang og god kodE", hash: hash))
        #expect(throws: AccessError("adgangskoden skal have mindst 12 tegn")) { try Password.hash("for kort") }
        #expect(Password.random().count == 16)
        #expect(Password.random() != Password.random())
    }

    @Test("Session tokens are 256 random bits; the store keeps only their SHA-256")
    func tokens() {
        let s = Session.start(for: "anne", at: Date())
        #expect(s.token.count == 64 && s.csrfToken.count == 64 && s.token != s.csrfToken)
        #expect(s.digest.count == 64 && s.digest != s.token)
        #expect(Session.digest(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("Roles: who is suppressed, who sees persons, and how")
    func roles() {
        #expect(Role.allCases.filter(\.suppressesSmallNumbers) == [.leder, .udvalg])
        #expect(Role.allCases.filter(\.seesPersons) == [.administrator, .analytiker, .medarbejder])
        #expect(Role.analytiker.seesPseudonymsOnly && Role.medarbejder.limitedToOwnUnit)
    }
}

extension String {
    var leftPad: String { count < 2 ? "0" + self : self }
}

@Suite("Tidsstempler")
struct TimestampTests {
    @Test("The hand-written UTC timestamp equals Foundation's ISO 8601 and parses back, on 2.000 random moments")
    func againstFoundation() {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int.random(in: -2_000_000_000...4_000_000_000, using: &rng)))
            let text = AuditEntry.timestamp(date)
            #expect(text == iso.string(from: date))
            #expect(AuditEntry.date(fromTimestamp: text) == date)
        }
        #expect(AuditEntry.date(fromTimestamp: "2026-02-30T10:00:00Z") == nil)
        #expect(AuditEntry.date(fromTimestamp: "2026-11-22T24:00:00Z") == nil)
        #expect(AuditEntry.date(fromTimestamp: "2026-11-22 10:00:00Z") == nil)
    }
}

@Suite("Gemte punkter i auditloggen")
struct AuditSavedPointTests {
    func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for i in 0..<count {
            entries.append(
                AuditEntry.next(
                    after: entries.last, anchor: .start, time: "2026-11-30T12:00:0\(i)Z", user: "anne",
                    action: .login, person: nil, criteria: nil))
        }
        return entries
    }

    @Test(
        "A saved point is found while the log reaches it; cutting the newest lines off or changing it is seen; older than the anchor passes"
    )
    func savedPoint() {
        let entries = chain(5)
        let third = AuditAnchor(number: 3, hash: entries[2].hash)
        #expect(AuditChain.missing(third, in: entries, anchor: .start) == nil)
        // Cut after line 2: the chain itself still holds.
        #expect(AuditChain.firstBreak(in: Array(entries.prefix(2)), anchor: .start) == nil)
        #expect(
            AuditChain.missing(third, in: Array(entries.prefix(2)), anchor: .start)
                == "loggen slutter ved nr. 2, men nr. 3 var skrevet: de nyeste linjer er fjernet")
        #expect(
            AuditChain.missing(AuditAnchor(number: 3, hash: entries[1].hash), in: entries, anchor: .start)
                == "linje 3 har en anden hash end den gemte")
        let anchor = AuditAnchor(number: 2, hash: entries[1].hash)
        #expect(AuditChain.missing(AuditAnchor(number: 1, hash: "x"), in: Array(entries.dropFirst(2)), anchor: anchor) == nil)
        #expect(AuditChain.missing(anchor, in: Array(entries.dropFirst(2)), anchor: anchor) == nil)
    }
}
