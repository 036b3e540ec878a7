import IndsatsAnalytics
import IndsatsStore

/// Holds the in-memory register for the server and refreshes it when an import
/// has written to the store since it was loaded, so new data shows without a
/// restart. Only the parts an import wrote are read again.
public actor RegisterCache {
    let store: any RegisterStore
    private var register: Register?

    public init(store: any RegisterStore) { self.store = store }

    /// The register as of the store's latest write.
    public func current() throws -> Register {
        let latest = try store.dataVersion()
        if let register, latest == register.storeVersion { return register }
        let fresh = try register.map(store.refreshed) ?? store.loadRegister()
        register = fresh
        return fresh
    }
}
