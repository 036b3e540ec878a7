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
    /// Answers for the register at ``Register/storeVersion``; emptied when it changes.
    private var answers: [KPIQuery: KPIResult] = [:]
    private var answersVersion = -1
    /// The most answers kept; beyond it the memory starts over.
    static let answerLimit = 512

    public init(store: any RegisterStore) { self.store = store }

    /// The query's answer on the current register, computed once per register version.
    /// The computation runs off the actor, so other requests are not held up by it.
    public func evaluate(_ query: KPIQuery) async throws -> KPIResult {
        let register = try current()
        if answersVersion != register.storeVersion || answers.count >= Self.answerLimit {
            answers = [:]
            answersVersion = register.storeVersion
        }
        if let known = answers[query] { return known }
        let result = await Task.detached { KPIEngine(register).evaluate(query) }.value
        if answersVersion == register.storeVersion { answers[query] = result }
        return result
    }

    /// The register as of the store's latest write.
    public func current() throws -> Register {
        let latest = try store.dataVersion()
        if let register, latest == register.storeVersion { return register }
        let fresh = try register.map(store.refreshed) ?? store.loadRegister()
        register = fresh
        return fresh
    }
}
