import Foundation
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("Siderne viser ledere og udvalget de offentliggjorte tal")
struct PublishedPageTests {
    func store(_ random: RandomRegister) throws -> any DataStore {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: random.persons.map { .person($0) }, .ydelsesforloeb: random.benefits.map { .benefit($0) },
            .aktiviteter: random.activities.map { .activity($0) }, .samtaler: random.conversations.map { .conversation($0) },
        ])
        return store
    }

    @Test(
        "On random registers, every cell of a leader's Målgrupper is the published cell the API gives: the same value, hidden alike (so no page and no request differ)",
        arguments: 0..<6 as Range<UInt64>)
    func benefitGroupsAreSlices(seed: UInt64) async throws {
        let store = try store(RandomRegister(seed: 900 + seed, people: 40))
        let cache = RegisterCache(store: store)
        let register = try await cache.current()
        let year = register.dataDate!.year
        var compared = 0
        for grouping in BenefitGrouping.allCases {
            let (table, _) = try await BenefitGroupPages.benefitTable(year: year, hiding: true, by: grouping, cache)
            let measures: [Measure] = [.fuldtidspersoner, .personer, .tilgang, .afgang, .varighed, .varighed_median]
            for (column, measure) in measures.enumerated() {
                let window = DayRange(Day(year: year, month: 1, day: 1)!, Day(year: year, month: 12, day: 31)!)
                let published = try await cache.shown(
                    KPIQuery(measure: measure, window: window, periodKind: .aar, splitBy: [grouping.dimension]), hiding: true)
                for row in table.rows {
                    guard case .text(let name) = row[0] else { continue }
                    let cell = published.rows.first { grouping.name($0.dimensions[0], register.reference) == name }
                    switch row[column + 1] {
                    case .hidden: #expect(cell?.suppressed == true, "\(measure) \(name)")
                    case .number(let x, _): #expect(cell?.suppressed != true && x == (cell?.value ?? 0), "\(measure) \(name)")
                    case .none: #expect(cell?.suppressed != true && cell?.value == nil, "\(measure) \(name)")
                    default: Issue.record("\(measure) \(name): \(row[column + 1])")
                    }
                    compared += 1
                }
            }
        }
        #expect(compared > 10)
    }

    @Test(
        "An analyst's Målgrupper of any year is the same cut from the published tables a leader's page made as computed by the engine, and it is cut: the engine is not asked",
        arguments: 0..<4 as Range<UInt64>)
    func analystSlicesEqualEngine(seed: UInt64) async throws {
        let store = try store(RandomRegister(seed: 950 + seed, people: 40))
        let computed = RegisterCache(store: store), cut = RegisterCache(store: store)
        let dataDate = try await cut.current().dataDate!
        // A leader's page makes the published sets (as the prepared pages do).
        for grouping in BenefitGrouping.allCases {
            _ = try await BenefitGroupPages.benefitTable(year: dataDate.year, hiding: true, by: grouping, cut)
        }
        for year in [dataDate.year - 2, dataDate.year - 1, dataDate.year] {
            for grouping in BenefitGrouping.allCases {
                let (engine, _) = try await BenefitGroupPages.benefitTable(year: year, hiding: false, by: grouping, computed)
                let (sliced, _) = try await BenefitGroupPages.benefitTable(year: year, hiding: false, by: grouping, cut)
                #expect(sliced.html().text == engine.html().text, "\(year) \(grouping)")
                let window = DayRange(Day(year: year, month: 1, day: 1)!, min(Day(year: year, month: 12, day: 31)!, dataDate))
                for measure in [Measure.fuldtidspersoner, .personer, .tilgang, .afgang, .varighed, .varighed_median] {
                    let query = KPIQuery(measure: measure, window: window, periodKind: .hele, splitBy: [grouping.dimension])
                    let (asked, notAsked) = (await computed.knownAnswers[query], await cut.knownAnswers[query])
                    #expect(asked != nil && notAsked == nil, "\(measure) \(year)")
                }
            }
        }
    }
}
