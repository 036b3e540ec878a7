import Synchronization

/// Work a server finishes before it stops: what it writes beside the database after its pages are
/// ready (an answer waits for none of it, but the next start is quick only with it).
final class UnfinishedWork: Sendable {
    private let last = Mutex<Task<Void, Never>?>(nil)

    /// Runs `work`, noted as what ``finish()`` waits for.
    func run(_ work: @escaping @Sendable () async -> Void) async {
        let task = Task { await work() }
        last.withLock { $0 = task }
        await task.value
    }

    /// Waits for the work under way, if any.
    func finish() async { await last.withLock { $0 }?.value }
}
