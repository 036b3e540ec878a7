import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsContract
import IndsatsCore
import IndsatsStore
import IndsatsTestSupport
import Synchronization
import Testing

@testable import IndsatsAnalytics
@testable import IndsatsWeb

@Suite("Sider regnet på forhånd")
struct PagePreparerTests {
    @Test("Every page's default view is rendered ahead for both views of small numbers, served as kept, and again after an import")
    func prepared() async throws {
        let store = try FollowUpPageTests().store()
        _ = try store.write([.indsatser: [.initiative(Initiative(id: "ØST 1", name: "Østområdet"))]])
        let cache = RegisterCache(store: store)
        let preparer = WebApplication.preparer(store: store, cache: cache)
        let readyBefore = try await cache.pagesReady()
        #expect(!readyBefore)
        // Overblik, Ugetal, Opfølgning, Indsatser and Budget twice each, Målgrupper this year and last and Mål for the plan's and the
        // data's year twice each, the report for this year and last once each (it always hides), two proposals' and two initiatives' pages twice each.
        #expect(await preparer.prepare() == 5 * 2 + 2 * 2 * 2 + 2 + 2 * 2 + 2 * 2)
        #expect(try await cache.pagesReady())
        let analystView = PageView(path: "/maalgrupper", hiding: false),
            leaderView = PageView(path: "/forslag/BIC%2001/opfoelgning", hiding: true)
        #expect(try await cache.keeps(page: analystView.key))
        #expect(try await cache.keeps(page: leaderView.key))
        #expect(try await cache.keeps(page: PageView(path: "/maalgrupper", parameters: ["aar": "2023"], hiding: true).key))
        let otherYear = try await cache.keeps(page: PageView(path: "/maalgrupper", parameters: ["aar": "2020"], hiding: false).key)
        #expect(!otherYear)

        try await Application(router: WebApplication.router(store: store, cache: cache)).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let kept = try await cache.page(analystView.key) { "ikke gemt" }
            #expect(kept != "ikke gemt")
            let (status, page) = try await get(client, "/maalgrupper", analyst)
            #expect(status == .ok && page.contains(kept.text))
            // A Danish id is kept under the path a browser sends, which is the path the pages link to.
            #expect(PageView.segment("ØST 1") == "%C3%98ST%201")
            let east = try await cache.page(PageView(path: "/indsatser/%C3%98ST%201", hiding: false).key) { "ikke gemt" }
            #expect(east.text.contains("<h1>Østområdet</h1>"))
            let (eastStatus, eastPage) = try await get(client, "/indsatser/%C3%98ST%201", analyst)
            #expect(eastStatus == .ok && eastPage.contains(east.text) && eastPage.contains("<title>Østområdet"))
        }

        // An import moves the data version: nothing kept is served, until prepared again.
        _ = try store.write([.personer: [.person(Person(id: "D"))]])
        let stale = try await cache.keeps(page: analystView.key)
        let readyAfterImport = try await cache.pagesReady()
        #expect(!stale && !readyAfterImport)
        #expect(await preparer.prepare() == 28)
        #expect(try await cache.keeps(page: analystView.key))
    }

    @Test("An import by another process while the server answers: answers are the old data's or the new's, then the new's")
    func importWhileServing() async throws {
        let location =
            TestDatabase.isPostgres
            ? try TestDatabase.newPostgresDatabase() : NSTemporaryDirectory() + "indsats-server-" + UUID().uuidString + ".sqlite"
        func period(_ person: String, _ benefit: String, month: Int) -> RegisterRecord {
            .benefit(BenefitPeriod(personID: person, benefit: benefit, start: Day(year: 2024, month: month, day: 1)!))
        }
        let server = try StoreLocation.open(location)
        _ = try server.write([.ydelsesforloeb: [period("P1", "dagpenge", month: 1)]])
        let cache = RegisterCache(store: server)
        let query = try KPIQuery.parse(
            measure: "fuldtidspersoner", from: "2024-01-01", to: "2024-12-31", period: "hele", splitBy: ["ydelse"], filters: [])
        let before = try await cache.evaluate(query)
        let importer = try StoreLocation.open(location)
        async let imported = Task.detached { try importer.write([.ydelsesforloeb: [period("P2", "sygedagpenge", month: 3)]]) }.value
        for _ in 0..<20 {
            let answer = try await cache.evaluate(query)
            #expect(answer == before || answer.rows.map(\.dimensions) == [["dagpenge"], ["sygedagpenge"]])
        }
        _ = try await imported
        try await Task.sleep(for: .milliseconds(250))  // the server's reuse of the data version it read
        let after = try await cache.evaluate(query)
        #expect(after.rows.map(\.dimensions) == [["dagpenge"], ["sygedagpenge"]])
        // A third process starts from the snapshot the server wrote, with the same answer.
        #expect(try KPIEngine(StoreLocation.open(location).loadRegister()).evaluate(query) == after)
    }

    @Test("A restarted server takes the pages kept for the same write at once, and renders them again after an import")
    func keptAcrossRestart() async throws {
        let location =
            TestDatabase.isPostgres
            ? try TestDatabase.newPostgresDatabase() : NSTemporaryDirectory() + "indsats-sider-" + UUID().uuidString + ".sqlite"
        let store = try FollowUpPageTests().store(at: location)
        let first = RegisterCache(store: store)
        let rendered = await WebApplication.preparer(store: store, cache: first).prepare()
        #expect(rendered > 10)
        let view = PageView(path: "/maalgrupper", hiding: false)
        let page = try await first.page(view.key) { "ikke gemt" }
        #expect(page != "ikke gemt")

        // A new server on the same database, same write: ready without rendering, with the same content.
        let secondStore = try StoreLocation.open(location)
        let second = RegisterCache(store: secondStore)
        #expect(await WebApplication.preparer(store: secondStore, cache: second).prepare() == 0)
        #expect(try await second.pagesReady())
        // Nothing asked for the register by hovedydelse, yet it is made, for the next import's corrections by person.
        #expect(try await second.current().mainBenefitRegister.made != nil)
        #expect(try await second.page(view.key) { "ikke gemt" } == page)
        // So are the published tables the pages were cut from: a leader's view nobody prepared (another year) is cut
        // from them as the first server would cut it, with nothing computed again.
        let published = await first.publishedSets
        #expect(!published.isEmpty)
        #expect(await second.publishedSets == published)
        // And the answers the pages were made of, but for the published tables' own (they are in their sets).
        let answers = await second.knownAnswers
        #expect(!answers.isEmpty)
        let weekly = published.values.filter { $0.table(.uge, []) != nil }
        #expect(!weekly.isEmpty)
        #expect(Set(answers.keys).isDisjoint(with: published.values.filter { $0.table(.uge, []) == nil }.flatMap(\.queries)))
        // Ugetal's weeks are kept as answers too: its page asks for them whole for a role that sees every number.
        #expect(Set(weekly.flatMap(\.queries)).isSubset(of: answers.keys))
        let firstAnswers = await first.knownAnswers
        for (query, answer) in answers { #expect(firstAnswers[query] == answer, "\(query)") }
        let otherYear = try await leaderPage("/maalgrupper?aar=2021", secondStore, second)
        #expect(otherYear.contains("2021"))
        #expect(try await otherYear == leaderPage("/maalgrupper?aar=2021", store, first))
        #expect(await second.publishedSets == published)

        // After an import the kept pages are another write's: rendered anew.
        _ = try store.write([.personer: [.person(Person(id: "D"))]])
        let thirdStore = try StoreLocation.open(location)
        let third = RegisterCache(store: thirdStore)
        #expect(await WebApplication.preparer(store: thirdStore, cache: third).prepare() == rendered)
    }

    /// The main content of `path` as a leader sees it from `cache`.
    func leaderPage(_ path: String, _ store: any DataStore, _ cache: RegisterCache) async throws -> String {
        try await Application(router: WebApplication.router(store: store, cache: cache)).test(.router) { client in
            let (status, page) = try await get(client, path, try await logIn(client, store, as: .leder))
            #expect(status == .ok)
            return String(page.split(separator: "<main>").last?.split(separator: "</main>").first ?? "")
        }
    }

    @Test("A stopping server waits for what it is writing beside the database, and for nothing when it writes nothing")
    func stoppingWaitsForKeeping() async throws {
        let work = UnfinishedWork()
        await work.finish()  // nothing under way
        let (released, release) = AsyncStream.makeStream(of: Void.self)
        final class Steps: Sendable { let started = Mutex(false), done = Mutex(false) }
        let steps = Steps()
        let running = Task {
            await work.run {
                steps.started.withLock { $0 = true }
                for await _ in released { break }
                steps.done.withLock { $0 = true }
            }
        }
        while !steps.started.withLock({ $0 }) { await Task.yield() }
        let stopping = Task {
            await work.finish()
            return steps.done.withLock { $0 }
        }
        try await Task.sleep(for: .milliseconds(50))
        release.yield()
        #expect(await stopping.value, "finish returned before the work was done")
        await running.value
    }
}
