import IndsatsAnalytics
import IndsatsStore

/// Holds the in-memory register for the server and rebuilds it when an import
/// has written to the store since it was loaded, so new data shows without a restart.
public actor RegisterCache {
    let store: any RegisterStore
    private var register: Register?
    private var version = -1

    public init(store: any RegisterStore) { self.store = store }

    /// The register as of the store's latest write.
    public func current() throws -> Register {
        let latest = try store.dataVersion()
        if let register, latest == version { return register }
        let fresh = try store.loadRegister()
        register = fresh
        version = latest
        return fresh
    }
}
