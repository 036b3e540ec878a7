import Foundation
import Hummingbird
import IndsatsCore

/// What a page is asked to show, apart from who asks: its path, the query's
/// parameters and whether small numbers are hidden.
/// A page renders from its view alone, so one view always renders the same
/// content for a data version, whether a visitor asks or ``PagePreparer``
/// renders it ahead after an import.
///
/// ```swift
/// let view = PageView(path: "/maalgrupper", parameters: ["aar": "2025"], hiding: true)
/// view["aar"]   // "2025"
/// ```
struct PageView: Sendable, Hashable {
    var path: String
    var parameters: [String: String]
    /// Whether small numbers are hidden (leaders, the committee, anyone unknown).
    var hiding: Bool

    init(path: String, parameters: [String: String] = [:], hiding: Bool) {
        self.path = path
        self.parameters = parameters
        self.hiding = hiding
    }

    init(_ request: Request, _ context: AppContext) {
        // A name given twice keeps both values, joined by a comma: no single value, so a page falls back to its
        // default and the API answers 400, rather than one of them being picked silently.
        var parameters: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            parameters[String(name)] = parameters[String(name)].map { "\($0),\(value)" } ?? String(value)
        }
        self.init(path: request.uri.path, parameters: parameters, hiding: WebApplication.suppresses(context.user))
    }

    /// `text` as one path segment the way browsers send it: every byte but ASCII letters,
    /// digits and `-._~` percent-encoded ("JC 08" is "JC%2008", "Ø" is "%C3%98"), so links,
    /// requests and the pages kept for them all name a page alike.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? text
    }

    /// The one thing a detail page is about, decoded from the path's second segment:
    /// "JC 08" for `/forslag/JC%2008/opfoelgning`, "NYT-JOF" for `/indsatser/NYT-JOF`.
    var subject: String {
        path.split(separator: "/").dropFirst().first.map { String($0).removingPercentEncoding ?? String($0) } ?? ""
    }

    /// The parameter's value, or "" when the query has none.
    subscript(_ name: String) -> String { parameters[name] ?? "" }

    /// What the page cache files the content under: the same for the same view however the query was ordered.
    var key: String {
        path + "?" + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
            + (hiding ? "|skjult" : "|alle")
    }
}

/// A page that is rendered ahead: the views people open first, and how to render one.
struct PreparedPage: Sendable {
    /// The views to render, asked for again each time the data version moves (an import may add initiatives).
    var views: @Sendable () async throws -> [PageView]
    /// Whether the page reads the store only for what a write besides the register changes
    /// (``RegisterCache/page(_:keptAcrossWrites:make:)``).
    var keptAcrossWrites = false
    var render: @Sendable (PageView) async throws -> HTML

    /// Every page's default view, with and without small numbers.
    static func defaults(_ path: String, render: @escaping @Sendable (PageView) async throws -> HTML) -> PreparedPage {
        PreparedPage(views: { [false, true].map { PageView(path: path, hiding: $0) } }, render: render)
    }
}

/// Renders the pages people open first as soon as the data version moves, so the
/// first visitor after an import gets a kept page instead of waiting for the
/// measures. It looks for a new version every `interval` (a cheap read of the
/// store); rendering runs one page at a time beside the requests, and a visitor
/// asking for a page being rendered waits for that rendering rather than starting another.
struct PagePreparer: Sendable {
    let cache: RegisterCache
    let pages: [PreparedPage]
    /// The writing beside the database after the pages are ready, which a stopping server finishes.
    let keeping = UnfinishedWork()

    /// Renders every prepared view for the current data version; returns how many were rendered.
    /// A page that fails is left to render on its first visit.
    /// Pages a server rendered for the same write and build before it stopped, and the published
    /// tables they were cut from, are taken as they were kept (``KeptPages``); the rendered pages
    /// and published tables are kept for the next start.
    @discardableResult
    func prepare() async -> Int {
        guard let version = try? await cache.current().storeVersion else { return 0 }
        if let kept = cache.store.kept(KeptPages.self, name: Self.snapshotName, version: version),
            (try? await cache.restore(kept, version: version)) == true
        {
            // The kept pages are served at once, and views cut from the same published tables (another
            // year, a window) at once too: nothing is computed again behind them to hold those views up.
            await cache.notePrepared(version: version)
            await keeping.run { await keepRegister() }
            return 0
        }
        var rendered = 0
        for page in pages {
            guard let views = try? await page.views() else { continue }
            for view in views
            where (try? await cache.page(view.key, keptAcrossWrites: page.keptAcrossWrites) { try await page.render(view) }) != nil {
                rendered += 1
            }
        }
        await cache.notePrepared(version: version)
        // Kept after the pages count as ready (every published set is written): a server told to stop meanwhile
        // finishes it first (``keeping``), so the next start has them.
        await keeping.run {
            if let (keptVersion, pages) = try? await cache.pagesToKeep(), keptVersion == version {
                cache.store.keep(pages, name: Self.snapshotName, version: version)
            }
            await keepRegister()
        }
        return rendered
    }

    /// Writes the register in use as the snapshot beside the database, after the pages are ready (a
    /// refresh after an import does not write it, so the pages do not wait for 0,5 GB on disk), and
    /// makes its register by hovedydelse, which the next import's corrections by person use.
    private func keepRegister() async {
        guard let register = try? await cache.current() else { return }
        let store = cache.store
        _ = try? await BlockingWork.read { try store.keepSnapshot(of: register) }
        _ = try? await BlockingWork.compute { register.makeMainBenefits() }
    }

    /// The page snapshot's name beside the database (`indsats.sqlite-sider`).
    static let snapshotName = "sider"

    /// Prepares at start and after every change of the data version, until cancelled. It looks as
    /// often as the store reads its data version again (every 0,05 s), so pages after an import do
    /// not wait for the look.
    func run(every interval: Duration = .milliseconds(50)) async {
        var prepared: Int?
        while !Task.isCancelled {
            if let version = try? cache.store.dataVersion(), version != prepared {
                await prepare()
                prepared = version
            }
            try? await Task.sleep(for: interval)
        }
    }
}
