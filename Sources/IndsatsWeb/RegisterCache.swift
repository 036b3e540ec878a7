import IndsatsCore
import IndsatsAnalytics
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
    /// Answers for the register at ``Register/storeVersion``; emptied when it changes.
    private var answers: [KPIQuery: KPIResult] = [:]
    /// Rendered bodies (JSON, page content) by what they show; emptied with the answers.
    private var bodies: [BodyKey: String] = [:]
    private var answersVersion = -1
    /// The most answers kept; beyond it the memory starts over.
    static let answerLimit = 512

    public init(store: any RegisterStore) { self.store = store }

    /// The query's answer on the current register, computed once per register version.
    /// The computation runs off the actor, so other requests are not held up by it.
    public func evaluate(_ query: KPIQuery) async throws -> KPIResult {
        let register = try current()
        forgetIfStale(register)
        if let known = answers[query] { return known }
        let prices = self.prices
        let result = await Task.detached { KPIEngine(register, prices: prices).evaluate(query) }.value
        if answersVersion == register.storeVersion { answers[query] = result }
        return result
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

    /// The body `make` renders for `key`, rendered once per register version.
    public func body(_ key: BodyKey, make: @Sendable (KPIResult, Register) -> String) async throws -> String {
        let register = try current()
        forgetIfStale(register)
        if let known = bodies[key] { return known }
        let result = try await evaluate(key.query)
        let text = make(result, register)
        if answersVersion == register.storeVersion { bodies[key] = text }
        return text
    }

    /// Page content `make` renders for `key`, rendered once per data version (imports, and
    /// saved prices, proposals, plans and targets, all move it). An error is not kept.
    public func page(_ key: String, make: @Sendable () async throws -> String) async throws -> String {
        let register = try current()
        forgetIfStale(register)
        let bodyKey = BodyKey(query: Self.pageQuery, suppressed: false, form: key)
        if let known = bodies[bodyKey] { return known }
        let text = try await make()
        if answersVersion == register.storeVersion { bodies[bodyKey] = text }
        return text
    }

    /// The query pages are filed under among the bodies; their key tells them apart.
    private static let pageQuery = KPIQuery(measure: .personer, window: DayRange(Day(ordinal: 0), Day(ordinal: 0)))

    private func forgetIfStale(_ register: Register) {
        if answersVersion != register.storeVersion || answers.count + bodies.count >= Self.answerLimit {
            answers = [:]
            bodies = [:]
            answersVersion = register.storeVersion
        }
    }

    /// The register as of the store's latest write.
    public func current() throws -> Register {
        let latest = try store.dataVersion()
        if let register, latest == register.storeVersion { return register }
        let fresh = try register.map(store.refreshed) ?? store.loadRegister()
        prices = try store.prices()
        register = fresh
        return fresh
    }
}
