import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("Sider, en import ikke rørte, beholdes")
struct PageReadsTests {
    /// A store with `records` and the initiatives their activities name.
    func store(_ records: [FileKind: [RegisterRecord]]) throws -> any DataStore {
        let store = try TestDatabase.newStore()
        var records = records
        let initiatives = (records[.aktiviteter] ?? []).compactMap { record -> String? in
            guard case .activity(let activity) = record else { return nil }
            return activity.initiativeID
        }
        records[.indsatser] = Set(initiatives).sorted().map { .initiative(Initiative(id: $0, name: "Indsats \($0)", places: 4)) }
        _ = try store.write(records)
        return store
    }

    /// Two random registers' rows together, but for some of the second's rows of `kind`, held back to
    /// be imported (new rows; rows of both with the same key are changed rows): chosen so that the data date stays (a later one changes every part, and no page is kept).
    func rowsHoldingBack(_ kind: FileKind, seed: UInt64) throws -> (stored: [FileKind: [RegisterRecord]], held: [RegisterRecord]) {
        let first = RandomRegister(seed: 610 + seed, people: 30).records
        // The first register after it with rows of the kind (not every one has contact rules, say).
        let second = try #require(
            (1...20).lazy.map { RandomRegister(seed: 610 + 30 * $0 + seed, people: 30).records }.first { $0[kind]?.isEmpty == false })
        let all = first.merging(second, uniquingKeysWith: +)
        let dataDate = try store(all).loadRegister().dataDate
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<20 {
            var stored = all
            stored[kind] = first[kind] ?? []
            var held: [RegisterRecord] = []
            for record in second[kind]! {
                if Bool.random(using: &rng) { held.append(record) } else { stored[kind]!.append(record) }
            }
            if !held.isEmpty, try store(stored).loadRegister().dataDate == dataDate { return (stored, held) }
        }
        throw KPIQueryError("ingen rækker af \(kind.rawValue) at holde tilbage uden at flytte datadatoen")
    }

    /// Every view the preparer renders ahead, as its cache serves it now.
    func served(_ preparer: PagePreparer) async throws -> [String: String] {
        var pages: [String: String] = [:]
        for page in preparer.pages {
            for view in try await page.views() {
                pages[view.key] = try await preparer.cache.page(view.key) { try await page.render(view) }.text
            }
        }
        return pages
    }

    /// The views the cache keeps right after it read the store's latest write.
    func kept(_ preparer: PagePreparer) async throws -> Set<String> {
        _ = try await preparer.cache.dataDate()
        var kept: Set<String> = []
        for page in preparer.pages {
            for view in try await page.views() where try await preparer.cache.keeps(page: view.key) { kept.insert(view.key) }
        }
        return kept
    }

    static let registerFiles: [FileKind] = [
        .personer, .ydelsesforloeb, .aktiviteter, .samtaler, .virksomheder, .virksomhedskontakter, .jobordrer, .tildelinger,
        .medarbejdere, .kontaktregler, .screeninger, .formidlinger, .cv_opdateringer, .puljer, .puljedeltagere, .budget,
    ]

    @Test(
        "After an import of any register file's rows (new and changed), every page a server serves, kept or rendered again, is the page the new data renders",
        arguments: registerFiles)
    func keptPagesAreFresh(kind: FileKind) async throws {
        for seed in 0..<2 as Range<UInt64> {
            let (stored, held) = try rowsHoldingBack(kind, seed: seed)
            let store = try store(stored)
            let preparer = WebApplication.preparer(store: store, cache: RegisterCache(store: store))
            await preparer.prepare()
            _ = try store.write([kind: held])
            _ = try await kept(preparer)
            let afterImport = try await served(preparer)
            let fresh = WebApplication.preparer(store: store, cache: RegisterCache(store: store))
            let expected = try await served(fresh)
            #expect(afterImport.count == expected.count && afterImport.count > 20, "\(afterImport.count) sider")
            for (key, page) in expected where afterImport[key] != page { Issue.record("\(kind) \(seed): \(key) er forældet") }
        }
    }

    @Test(
        "An import of conversations keeps the initiatives' pages (they read none) and renders Overblik again; a write beside the register (an initiative renamed) keeps none"
    )
    func keptByWhatTheyRead() async throws {
        let random = RandomRegister(seed: 620, people: 30)
        let store = try store(random.records)
        let preparer = WebApplication.preparer(store: store, cache: RegisterCache(store: store))
        await preparer.prepare()
        let late = random.conversations.map(\.date).max()!
        _ = try store.write([.samtaler: [.conversation(Conversation(personID: "P1", date: late, type: "jobsamtale", heldBy: "kommune"))]])
        let untouched = try await kept(preparer)
        #expect(untouched.contains(PageView(path: "/indsatser", hiding: true).key))
        #expect(untouched.contains(PageView(path: "/indsatser/I1", hiding: false).key))
        #expect(!untouched.contains(PageView(path: "/", hiding: true).key))
        #expect(!untouched.contains(PageView(path: "/ugetal", hiding: false).key))

        await preparer.prepare()
        _ = try store.write([.indsatser: [.initiative(Initiative(id: "I1", name: "Østbroen", places: 4))]])
        #expect(try await kept(preparer).isEmpty)
        #expect(try await served(preparer)[PageView(path: "/indsatser/I1", hiding: false).key]?.contains("Østbroen") == true)
    }
}
