import NIOCore
import NIOPosix

/// Threads of their own for work that holds a thread for long: reading the register from the
/// database and the measures' sweeps. Swift's own threads (one per core) stay free for requests,
/// so `/health` and pages already made answer while a write is read or a table computed.
///
/// ```swift
/// let result = try await BlockingWork.compute { KPIEngine(register).evaluate(query) }
/// ```
enum BlockingWork {
    /// Sweeps, as many at once as there are cores (each sweep spreads over the cores itself).
    private static let computing = started(NIOThreadPool(numberOfThreads: System.coreCount))
    /// Reading the register: one at a time, and never queued behind sweeps on the register it replaces.
    private static let reading = started(NIOThreadPool(numberOfThreads: 1))

    private static func started(_ pool: NIOThreadPool) -> NIOThreadPool {
        pool.start()
        return pool
    }

    /// `work`'s value, computed on a sweep thread.
    static func compute<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await computing.runIfActive(work)
    }

    /// `work`'s value, read on the register's own thread.
    static func read<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await reading.runIfActive(work)
    }
}
