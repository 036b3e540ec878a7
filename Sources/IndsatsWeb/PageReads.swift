import IndsatsAnalytics
import Synchronization

/// What a page read of the register while it rendered, noted as it goes: every answer,
/// published set and page it takes from the ``RegisterCache`` adds the register parts that
/// rests on, and taking the register itself (``RegisterCache/current()``) adds all of it.
/// A rendered page is kept after a write that touched none of what it read and nothing
/// besides the register, so a kept page is the page the new data renders: nothing is
/// declared by hand that could be forgotten.
///
/// ```swift
/// let reads = PageReads()
/// let html = try await PageReads.$current.withValue(reads) { try await render(view) }
/// reads.parts   // [.activities, .benefits, .persons] for a page of activation measures
/// ```
final class PageReads: Sendable {
    /// The page rendering on this task, if any.
    @TaskLocal static var current: PageReads?
    private let read = Mutex<RegisterParts>([])

    /// The register parts read so far.
    var parts: RegisterParts { read.withLock { $0 } }

    /// Notes that the page rendering on this task read `parts` (nothing when no page renders).
    static func note(_ parts: RegisterParts) {
        guard let current, !parts.isEmpty else { return }
        current.read.withLock { $0.formUnion(parts) }
    }

    /// Renders `make` noting what it reads.
    static func noting(_ make: @Sendable () async throws -> HTML) async throws -> (html: HTML, reads: RegisterParts) {
        let reads = PageReads()
        let html = try await $current.withValue(reads) { try await make() }
        return (html, reads.parts)
    }
}
