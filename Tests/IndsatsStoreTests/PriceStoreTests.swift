import Foundation
import IndsatsContract
import IndsatsCore
import IndsatsTestSupport
import Testing

@testable import IndsatsStore

@Suite("Satser i lageret")
struct PriceStoreTests {
    @Test("Defaults until saved; saved prices round-trip, move the data version, keep the data date and survive a backup")
    func roundTrip() throws {
        let store = try TestDatabase.newStore()
        #expect(try store.prices() == .defaults)
        _ = try store.write([
            .personer: [.person(Person(id: "P1"))],
            .ydelsesforloeb: [
                .benefit(
                    BenefitPeriod(
                        personID: "P1", benefit: "dagpenge", start: Day(year: 2024, month: 1, day: 1)!,
                        end: Day(year: 2024, month: 3, day: 31)!))
            ],
        ])
        let before = try store.loadRegister()
        let prices = BenefitPrices(
            rates: [
                BenefitRate(benefit: "dagpenge", from: Day(year: 2024, month: 2, day: 29)!, monthly: 20_359.5, source: "Skøn, æøå")
            ], refusion: [RefusionRule(from: Day(year: 2016, month: 1, day: 4)!, municipalShares: [0.25, 0.5, 0.75, 1], source: "")])
        try store.savePrices(prices)
        #expect(try store.prices() == prices)
        #expect(try store.dataVersion() == before.storeVersion + 1)
        let after = try store.refreshed(before)
        #expect(after.dataDate == before.dataDate)
        #expect(after.benefitPeriodCount == before.benefitPeriodCount)

        let file = NSTemporaryDirectory() + "indsats-satser-" + UUID().uuidString + ".sqlite"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try store.backup(to: file)
        let restored = try TestDatabase.newStore()
        try restored.restore(from: file)
        #expect(try restored.prices() == prices)
    }
}
