import IndsatsAnalytics
import IndsatsCore
import IndsatsEconomy
import IndsatsStore

/// Holds the in-memory register for the server and refreshes it when an import
/// has written to the store since it was loaded, so new data shows without a
/// restart. Only the parts an import wrote are read again.
///
/// It also remembers answers: the register changes only with an import, so the
/// same query gives the same result until then (a page viewed by many costs one
/// computation).
public actor RegisterCache {
    let store: any RegisterStore
    private var register: Register?
    /// The prices `nettoudgift` uses, read again whenever the data version moves (saving prices moves it).
    private var prices: BenefitPrices = .defaults
    /// Answers for the register at ``Register/storeVersion``; when it changes, emptied but for
    /// those the write could not change (``carryOver(from:to:samePrices:besidesRegister:)``).
    private var answers: [KPIQuery: KPIResult] = [:]
    /// Rendered JSON bodies by what they show; emptied with the answers.
    private var bodies: [BodyKey: String] = [:]
    /// Rendered page content by its view's key, with what it read of the register (``PageReads``): emptied
    /// with the answers, but for pages a write did not touch (``carryOver(from:to:samePrices:besidesRegister:)``).
    private var pages: [String: (html: HTML, reads: RegisterParts)] = [:]
    /// Other values kept per version (see ``value(_:make:)``).
    private var values: [String: any Sendable] = [:]
    /// Published sets of an earlier version, by key, with what changed since and the changed parts
    /// of the tables that are corrected by them: made again by correcting them
    /// (``PublishedMeasure/corrected(after:replacing:evaluate:)``).
    private var priors: [String: Prior] = [:]
    typealias Prior = (set: PublishedMeasure, change: DatedChange, parts: [KPIQuery: (old: KPIResult, new: KPIResult)])
    /// Computations and renderings under way, by the register version they started on.
    private var computing: [KPIQuery: (version: Int, task: Task<KPIResult, any Error>)] = [:]
    private var rendering: [String: (version: Int, task: Task<(html: HTML, reads: RegisterParts), any Error>)] = [:]
    private var valuing: [String: (version: Int, task: Task<any Sendable, any Error>)] = [:]
    private var answersVersion = -1
    /// The data version ``PagePreparer`` last rendered the first pages for.
    private var preparedVersion = -1
    /// The most answers kept; beyond it the memory starts over.
    static let answerLimit = 2048

    public init(store: any RegisterStore) { self.store = store }

    /// The query's answer on the current register, computed once per register version.
    /// The computation runs off the actor and off Swift's own threads (``BlockingWork``), so
    /// other requests are not held up by it; a second request for the same query meanwhile
    /// waits for the first computation.
    public func evaluate(_ query: KPIQuery) async throws -> KPIResult {
        PageReads.note(query.registerParts)
        let register = try await latest()
        forgetIfStale(register)
        if let known = answers[query] { return known }
        if computing[query]?.version != register.storeVersion {
            let prices = self.prices
            computing[query] = (
                register.storeVersion, Task { try await BlockingWork.compute { KPIEngine(register, prices: prices).evaluate(query) } }
            )
        }
        return try await answer(query, computing[query]!)
    }

    /// The answer of `running`, the computation for `query`, kept once it is done.
    private func answer(_ query: KPIQuery, _ running: (version: Int, task: Task<KPIResult, any Error>)) async throws -> KPIResult {
        let version = running.version
        defer { if computing[query]?.version == version { computing[query] = nil } }
        let result = try await running.task.value
        if answersVersion == version { answers[query] = result }
        return result
    }

    /// The queries' answers on the current register, each computed once per register version, in
    /// one batch for those not yet known (``KPIEngine/evaluate(_:)-([KPIQuery])``: a measure's tables
    /// share a sweep). A query being computed meanwhile is waited for, not computed again.
    public func evaluate(_ queries: [KPIQuery]) async throws -> [KPIResult] {
        PageReads.note(queries.reduce(into: RegisterParts()) { $0.formUnion($1.registerParts) })
        return try await evaluate(queries, on: try await latest())
    }

    /// The queries' answers on `register`, a register this cache has served: as ``evaluate(_:)-([KPIQuery])``
    /// while it is the one in use, else computed on it alone, nothing kept. A published set being made for a
    /// version an import has since passed is finished on its own register, never mixing in the new one's figures.
    private func evaluate(_ queries: [KPIQuery], on register: Register) async throws -> [KPIResult] {
        guard register.storeVersion == self.register?.storeVersion else {
            let prices = self.prices
            return try await BlockingWork.compute { KPIEngine(register, prices: prices).evaluate(queries) }
        }
        forgetIfStale(register)
        let missing = Array(Set(queries.filter { answers[$0] == nil && computing[$0]?.version != register.storeVersion }))
        if !missing.isEmpty {
            let prices = self.prices
            let batch = Task { try await BlockingWork.compute { KPIEngine(register, prices: prices).evaluate(missing) } }
            for (i, query) in missing.enumerated() {
                computing[query] = (register.storeVersion, Task { try await batch.value[i] })
            }
        }
        var results: [KPIResult] = []
        for query in queries {
            if let known = answers[query] {
                results.append(known)
            } else if let running = computing[query], running.version == register.storeVersion {
                results.append(try await answer(query, running))
            } else {
                results.append(try await evaluate([query], on: register)[0])
            }
        }
        return results
    }

    /// What a rendered body shows: a query's answer, with or without small numbers, in one form.
    public struct BodyKey: Hashable, Sendable {
        public var query: KPIQuery
        public var suppressed: Bool
        public var form: String
        public init(query: KPIQuery, suppressed: Bool, form: String) {
            self.query = query; self.suppressed = suppressed; self.form = form
        }
    }

    /// The body `make` renders for `key` from the answer the key's view of small numbers
    /// gets (``shown(_:hiding:)``), rendered once per register version.
    public func body(_ key: BodyKey, make: @Sendable (KPIResult) -> String) async throws -> String {
        let register = try await latest()
        forgetIfStale(register)
        if let known = bodies[key] { return known }
        let text = make(try await shown(key.query, hiding: key.suppressed))
        if answersVersion == register.storeVersion { bodies[key] = text }
        return text
    }

    /// Page content `make` renders for `key`, rendered once per data version (imports, and
    /// saved prices, proposals, plans and targets, all move it). A second request for a page
    /// being rendered waits for that rendering. An error is not kept. What the page read is noted
    /// (``PageReads``), also for a page that shows it inside its own. A page that reads the store
    /// itself only for what a write besides the register changes (initiatives, proposals, prices)
    /// says so with `keptAcrossWrites`, and is kept after a write that touched none of the register
    /// parts it read; any other page may read the register's rows from the store, and is made again.
    func page(_ key: String, keptAcrossWrites: Bool = false, make: @escaping @Sendable () async throws -> HTML) async throws
        -> HTML
    {
        let register = try await latest()
        forgetIfStale(register)
        let page: (html: HTML, reads: RegisterParts)
        if let known = pages[key] {
            page = known
        } else if let running = rendering[key], running.version == register.storeVersion {
            page = try await running.task.value
        } else {
            let task = Task {
                let (html, reads) = try await PageReads.noting(make)
                return (html: html, reads: keptAcrossWrites ? reads : RegisterParts.all)
            }
            rendering[key] = (register.storeVersion, task)
            defer { if rendering[key]?.version == register.storeVersion { rendering[key] = nil } }
            page = try await task.value
            if answersVersion == register.storeVersion { pages[key] = page }
        }
        PageReads.note(page.reads)
        return page.html
    }

    /// Whether the first pages are rendered for the store's latest data version (``PagePreparer``).
    public func pagesReady() throws -> Bool { try store.dataVersion() == preparedVersion }

    func notePrepared(version: Int) { preparedVersion = version }

    /// The page content, answers and published sets kept for the current data version, to keep beside the database.
    func pagesToKeep() async throws -> (version: Int, pages: KeptPages) {
        let register = try await latest()
        forgetIfStale(register)
        let published = publishedSets
        // A published table's raw answer is not kept: it is in its set, hidden, and only a role that sees every number asks
        // for it. But for Ugetal's weeks, whose page asks for each table whole for such a role: kept, a restarted server
        // has them to correct after an import instead of sweeping them again (they are small).
        let tables = Set(published.values.filter { $0.table(.uge, []) == nil }.flatMap(\.queries))
        return (
            register.storeVersion,
            KeptPages(pages.mapValues(\.html), published: published, answers: answers.filter { !tables.contains($0.key) })
        )
    }

    /// The answers computed (or taken as kept) for the current data version.
    var knownAnswers: [KPIQuery: KPIResult] { answersVersion == register?.storeVersion ? answers : [:] }

    /// The published sets made (or taken as kept) for the current data version, by their keys.
    var publishedSets: [String: PublishedMeasure] {
        answersVersion == register?.storeVersion ? values.compactMapValues { $0 as? PublishedMeasure } : [:]
    }

    /// Takes page content, answers and published sets kept for `version` as made here, when that is still
    /// the current version; answers whether it did.
    /// A kept page's reads were not kept: it counts as reading all of the register.
    func restore(_ kept: KeptPages, version: Int) async throws -> Bool {
        let register = try await latest()
        forgetIfStale(register)
        guard register.storeVersion == version, let restored = kept.pages, let results = kept.results else { return false }
        pages.merge(restored.mapValues { ($0, .all) }) { rendered, _ in rendered }
        values.merge(results.sets) { made, _ in made }
        answers.merge(results.answers) { computed, _ in computed }
        return true
    }

    /// Whether page content for `key` is kept for the current data version.
    public func keeps(page key: String) async throws -> Bool {
        let register = try await latest()
        return answersVersion == register.storeVersion && pages[key] != nil
    }

    /// A value `make` computes once per data version under `key` (every proposal's
    /// follow-up, say, which several pages show); a second request meanwhile waits for it.
    /// A page that asks for one counts as reading all of the register (``PageReads``).
    public func value<T: Sendable>(_ key: String, make: @escaping @Sendable (Register) async throws -> T) async throws -> T {
        PageReads.note(.all)
        return try await made(key, make: make)
    }

    /// ``value(_:make:)`` for the cache's own values (published sets), whose reads the asker notes.
    private func made<T: Sendable>(_ key: String, make: @escaping @Sendable (Register) async throws -> T) async throws -> T {
        let register = try await latest()
        forgetIfStale(register)
        if let known = values[key] as? T { return known }
        if let running = valuing[key], running.version == register.storeVersion, let made = try await running.task.value as? T {
            return made
        }
        let task = Task<any Sendable, any Error> { try await make(register) }
        valuing[key] = (register.storeVersion, task)
        defer { if valuing[key]?.version == register.storeVersion { valuing[key] = nil } }
        let made = try await task.value as! T
        if answersVersion == register.storeVersion {
            values[key] = made
            // A published set made for this version needs its prior no more. Until then it is kept: an import
            // meanwhile corrects the set from it (and that import's change as well).
            priors[key] = nil
        }
        return made
    }

    /// The published tables of a measure, made once per data version, that every answer to a
    /// role with hidden small numbers is cut from (``Publication``).
    public func published(_ measure: Measure, monthsAfter: Int) async throws -> PublishedMeasure? {
        let dataDate = try await latest().dataDate
        guard let dataDate, let years = Publication.years(dataDate: dataDate) else { return nil }
        return try await publishedSet(Self.publishedKey(measure, monthsAfter, dataDate)) { register in
            try await PublishedMeasure.make(measure: measure, monthsAfter: monthsAfter, years: years, through: dataDate) {
                try await self.evaluate($0, on: register)
            }
        }
    }

    /// What a measure's published set is kept under, for the data date.
    private static func publishedKey(_ measure: Measure, _ monthsAfter: Int, _ dataDate: Day) -> String {
        "publiceret \(measure.rawValue) \(monthsAfter) \(dataDate.iso)"
    }

    /// A weekly figure's published set over `window` (Ugetal's weeks), made once per data version.
    func publishedWeeks(_ figure: WeeklyFigure, window: DayRange, breakdowns: [[IndsatsAnalytics.Dimension]]) async throws
        -> PublishedMeasure
    {
        try await publishedSet("publiceret uger \(figure.key) \(window) \(breakdowns)") { register in
            try await PublishedMeasure.weeks(measure: figure.measure, filters: figure.filters, window: window, breakdowns: breakdowns) {
                try await self.evaluate($0, on: register)
            }
        }
    }

    /// The published set under `key`, made once per data version: corrected from the set before
    /// an import that changed rows only from some day on (``carryOver(from:to:samePrices:besidesRegister:)``), else made whole by `make`.
    /// A page that takes it reads what each of its tables rests on: its hiding links them.
    private func publishedSet(_ key: String, make: @escaping @Sendable (Register) async throws -> PublishedMeasure) async throws
        -> PublishedMeasure
    {
        let set = try await made(key) { register in
            guard let prior = await self.priors[key] else { return try await make(register) }
            return try await prior.set.corrected(after: prior.change, replacing: prior.parts) { try await self.evaluate($0, on: register) }
        }
        PageReads.note(set.queries.reduce(into: RegisterParts()) { $0.formUnion($1.registerParts) })
        return set
    }

    /// The query's answer for a page: for a role that sees every number, the engine's whole
    /// answer (``unhidden(_:)``); for the others, a slice of the published tables or a combination
    /// of their cells (``PublishedMeasure/combined(_:)``), and `nil` when the published tables cannot give it.
    public func onPage(_ query: KPIQuery, hiding: Bool) async throws -> KPIResult? {
        guard hiding else { return try await unhidden(query) }
        return try await published(query.measure, monthsAfter: query.monthsAfter)?.combined(query)
    }

    /// The engine's whole answer for a page of a role that sees every number, cut from the measure's
    /// published set when that is made for this data version (or left by an import to be corrected)
    /// and holds the query's periods as cells (``PublishedMeasure/unhidden(_:)``: the same figures,
    /// without a sweep over the register, but no source row count, which pages do not show); else computed.
    public func unhidden(_ query: KPIQuery) async throws -> KPIResult {
        PageReads.note(query.registerParts)
        let register = try await latest()
        forgetIfStale(register)
        guard let dataDate = register.dataDate else { return try await evaluate(query) }
        let key = Self.publishedKey(query.measure, query.monthsAfter, dataDate)
        // A set an import left to be corrected (or being corrected) is waited for (a few persons or periods), not passed by for a whole sweep.
        var set = values[key] as? PublishedMeasure
        if set == nil && (priors[key] != nil || valuing[key]?.version == register.storeVersion) {
            set = try await published(query.measure, monthsAfter: query.monthsAfter)
        }
        if let cut = set?.unhidden(query) { return cut }
        return try await evaluate(query)
    }

    /// The query's answer as a role sees it: cut from the published tables when it hides small
    /// numbers (a Danish error when the query is no slice of them), else the engine's whole answer.
    public func shown(_ query: KPIQuery, hiding: Bool) async throws -> KPIResult {
        guard hiding else { return try await evaluate(query) }
        try Publication.check(query, years: Publication.years(dataDate: try await latest().dataDate))
        guard let published = try await published(query.measure, monthsAfter: query.monthsAfter) else {
            throw KPIQueryError("der er endnu ingen offentliggjorte tal (ingen data)")
        }
        return published.answer(query)
    }

    private func forgetIfStale(_ register: Register) {
        if answersVersion != register.storeVersion || answers.count + bodies.count + pages.count + values.count >= Self.answerLimit {
            answers = [:]
            bodies = [:]
            pages = [:]
            values = [:]
            priors = [:]
            answersVersion = register.storeVersion
        }
    }

    /// How long the register took to read the last time: whole (at start) or refreshed after an import, in seconds.
    private(set) var loadSeconds: (whole: Double?, refresh: Double?) = (nil, nil)
    /// The register being read (``current()``), by the data version it was started for.
    private var reading: (version: Int, task: Task<ReadRegister, any Error>)?

    /// A register read, with the prices in force, how long it took, and whether what was written
    /// since the register before touched anything besides the register (prices, proposals, initiatives, ...).
    struct ReadRegister: Sendable {
        var register: Register
        var prices: BenefitPrices
        var seconds: Double
        var besidesRegister = true
    }

    /// The register as of the store's latest write. Reading it (after an import) runs off the
    /// actor, on the register's own thread (``BlockingWork``): meanwhile the actor serves what
    /// needs no register (``status()``), and everything that needs one waits for the new one,
    /// never given the old. Requests at once share one read.
    /// A page that takes it counts as reading all of it (``PageReads``); what every part relies on is
    /// also given alone, without that (``dataDate()``, ``reference()``).
    public func current() async throws -> Register {
        PageReads.note(.all)
        return try await latest()
    }

    /// The data date of the register in use. Any change of it changes every part (``Register/changedParts(since:)``),
    /// so a page that reads it reads nothing more.
    func dataDate() async throws -> Day? { try await latest().dataDate }

    /// The code lists of the register in use; as ``dataDate()``, a change of them changes every part.
    func reference() async throws -> ReferenceData { try await latest().reference }

    /// ``current()`` for the cache itself, which notes what its answers read.
    private func latest() async throws -> Register {
        let latest = try store.dataVersion()
        if let register, latest == register.storeVersion { return register }
        if reading?.version != latest {
            let (store, old) = (self.store, register)
            reading = (
                latest,
                Task {
                    try await BlockingWork.read {
                        let started = ContinuousClock.now
                        let fresh = try old.map(store.refreshed) ?? store.loadRegister()
                        return ReadRegister(
                            register: fresh, prices: try store.prices(), seconds: (ContinuousClock.now - started).seconds,
                            // Asked after the read: it covers at least the writes the register shows.
                            besidesRegister: try old.map { try store.wroteBesidesRegister(since: $0.storeVersion) } ?? true)
                    }
                }
            )
        }
        let task = reading!.task
        do {
            use(try await task.value)
        } catch {
            if reading?.task == task { reading = nil }
            throw error
        }
        if reading?.task == task { reading = nil }
        return register!
    }

    /// Takes a register read as the one in use, unless a newer one came first.
    private func use(_ read: ReadRegister) {
        if let register, register.storeVersion >= read.register.storeVersion { return }
        if register == nil { loadSeconds.whole = read.seconds } else { loadSeconds.refresh = read.seconds }
        if let register {
            carryOver(from: register, to: read.register, samePrices: read.prices == prices, besidesRegister: read.besidesRegister)
        }
        prices = read.prices
        register = read.register
    }

    /// The data date and persons of the register in use, and whether the pages are ready for the
    /// latest write, answered at once even while a newer write is being read (the pages are not
    /// ready then): a load balancer's health check never takes a server reading a write for dead.
    public func status() async throws -> (dataDate: Day?, persons: Int, pagesReady: Bool) {
        guard let register else {
            let first = try await current()
            return (first.dataDate, first.personCount, try pagesReady())
        }
        // A newer write is read meanwhile (once, however many ask), so the status shows it soon.
        if try store.dataVersion() != register.storeVersion { Task { _ = try? await current() } }
        return (register.dataDate, register.personCount, try pagesReady())
    }

    /// The most persons an import may touch for an answer to be corrected by their part, swept on the
    /// actor (a small import: ``KPIEngine`` sweeps them on one thread, beside a million on every core).
    static let personPartLimit = 10_000

    /// After a write: keeps the answers and published sets of `old` whose rows it did not touch
    /// (``Register/changedParts(since:)``), as the same data gives the same answer; an answer the
    /// write touched only in some persons' rows, or in rows from some day on, of a measure that adds
    /// up by person or by row, is corrected at once by that part (``KPIQuery/changedParts(of:after:old:fresh:prices:personLimit:)``,
    /// ``KPIResult/replacingPart(_:with:)``); a published set the write
    /// touched only from some day on (``Register/datedChange(_:since:)``) is kept to be corrected
    /// (by those parts, else from that day), which starts at once (``correctPriors()``); a page is kept
    /// when the write touched nothing besides the register and none of the parts the page read
    /// (``PageReads``); the rest are made again. New prices make everything again.
    private func carryOver(from old: Register, to fresh: Register, samePrices: Bool, besidesRegister: Bool) {
        let changed = fresh.changedParts(since: old)
        if changed != .all && !changed.contains(.benefits) { fresh.takeMainBenefits(from: old) }
        guard answersVersion == old.storeVersion, samePrices, changed != .all else { return }
        func untouched(_ query: KPIQuery) -> Bool { query.registerParts.isDisjoint(with: changed) }
        let change = fresh.datedChange(changed, since: old)
        let prices = self.prices
        // The parts the change touched of every answer and published table it touched, swept at once.
        let parts: [KPIQuery: (old: KPIResult, new: KPIResult)] =
            change.map { change in
                let sets = values.values.compactMap { $0 as? PublishedMeasure }.filter { $0.correctable(after: change) }
                let touched = (answers.keys + sets.flatMap(\.queries)).filter { !untouched($0) }
                return KPIQuery.changedParts(
                    of: touched, after: change, old: old, fresh: fresh, prices: prices, personLimit: Self.personPartLimit)
            } ?? [:]
        for query in Array(answers.keys) where !untouched(query) {
            // An answer not laid out as the engine lays it out (read from a damaged file, say) is computed again.
            guard let part = parts[query], answers[query]!.isGroupByPeriod else {
                answers[query] = nil
                continue
            }
            answers[query]!.replacePart(part.old, with: part.new)
        }
        // Sets not yet made again since an earlier write are corrected from the earlier of the two days
        // (the persons' parts were of the write before the first: not of this one).
        if !changed.isEmpty {
            priors = priors.compactMapValues { prior in
                guard let change else { return nil }
                let since = prior.change.merged(with: change)
                return prior.set.correctable(after: since) ? (prior.set, since, [:]) : nil
            }
        }
        var kept: [String: any Sendable] = [:]
        for (key, value) in values {
            guard let set = value as? PublishedMeasure else { continue }
            if set.queries.allSatisfy(untouched) {
                kept[key] = set
            } else if let change, set.correctable(after: change) {
                priors[key] = (set, change, set.queries.reduce(into: [KPIQuery: (old: KPIResult, new: KPIResult)]()) { $0[$1] = parts[$1] })
            }
        }
        values = kept
        bodies = [:]
        pages = besidesRegister ? [:] : pages.filter { $0.value.reads.isDisjoint(with: changed) }
        answersVersion = fresh.storeVersion
        correctPriors()
    }

    /// Starts correcting every published set an import left to be corrected, side by side on the
    /// cores: they were in use before it, so pages will ask for them again, and each is a few
    /// persons' or periods' figures and the hiding done again. A page asking meanwhile waits for its set.
    private func correctPriors() {
        for key in priors.keys {
            // The make is not called: the set is corrected from its prior, kept until the set is made.
            Task { _ = try? await self.publishedSet(key) { _ in throw CancellationError() } }
        }
    }
}
