import Foundation
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsStore
import IndsatsTestSupport
import Synchronization
import Testing

@testable import IndsatsWeb

/// A store whose refresh waits until the test lets it go: a register read that takes long.
final class HeldStore: RegisterStore {
    let inner: any DataStore
    private let gate = DispatchSemaphore(value: 0)
    let refreshes = Mutex(0)

    init(_ inner: any DataStore) { self.inner = inner }

    /// Lets one waiting (or the next) refresh go.
    func release() { gate.signal() }

    func refreshed(_ register: Register) throws -> Register {
        refreshes.withLock { $0 += 1 }
        gate.wait()
        return try inner.refreshed(register)
    }

    func loadRegister(parts: RegisterParts) throws -> Register { try inner.loadRegister(parts: parts) }
    func dataVersion() throws -> Int { try inner.dataVersion() }
    func wroteBesidesRegister(since version: Int) throws -> Bool { try inner.wroteBesidesRegister(since: version) }
    func rowCounts() throws -> [FileKind: Int] { try inner.rowCounts() }
    func referenceData() throws -> ReferenceData { try inner.referenceData() }
    func staffMembers() throws -> [StaffMember] { try inner.staffMembers() }
    func initiativeList() throws -> [Initiative] { try inner.initiativeList() }
    func prices() throws -> BenefitPrices { try inner.prices() }
    func savePrices(_ prices: BenefitPrices) throws { try inner.savePrices(prices) }
    func updateSnapshot() throws { try inner.updateSnapshot() }
    func keepSnapshot(of register: Register) throws { try inner.keepSnapshot(of: register) }
    func markServing() -> ServingMark? { inner.markServing() }
    func kept<T: Snapshottable>(_ type: T.Type, name: String, version: Int) -> T? { inner.kept(type, name: name, version: version) }
    func keep<T: Snapshottable>(_ value: T, name: String, version: Int) { inner.keep(value, name: name, version: version) }
    func importSession(_ body: (any ImportSession) throws -> Bool) throws { try inner.importSession(body) }
}

@Suite("Registret læses efter en import uden at holde serveren hen")
struct RegisterReadTests {
    @Test(
        "While a write is read, the status answers at once with the register in use and pages not ready; figures wait for the new one",
        .timeLimit(.minutes(1)))
    func statusDoesNotWait() async throws {
        let store = HeldStore(try sampleStore())
        let cache = RegisterCache(store: store)
        let q = try KPIQuery.parse(measure: "personer", from: "2024-01-01", to: "2024-03-31", period: "hele", splitBy: [], filters: [])
        #expect(try await cache.evaluate(q).rows.map(\.value) == [2])
        _ = try store.inner.write([.ydelsesforloeb: [.benefit(BenefitPeriod(personID: "P3", benefit: "dagpenge", start: day(2024, 3, 1)))]])
        let figures = Task { try await cache.evaluate(q) }
        // The read has started and is held.
        while store.refreshes.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let status = try await cache.status()
        #expect(status.persons == 2 && !status.pagesReady)
        store.release()
        #expect(try await figures.value.rows.map(\.value) == [3])
        #expect(try await cache.status().persons == 3)
        #expect(store.refreshes.withLock { $0 } == 1)
    }
}
