import IndsatsCore
import Testing

@testable import IndsatsEconomy

@Suite("Prognose for årets forbrug")
struct BudgetForecastTests {
    let d = { (y: Int, m: Int, dd: Int) in Day(year: y, month: m, day: dd)! }

    @Test("Spending at 100 kr. a day: both methods forecast the year exactly and were never off")
    func steady() {
        var history = SpendingHistory(through: d(2026, 6, 15))
        for year in 2022...2026 {
            for month in 1...12 where Day(year: year, month: month, day: 1)! <= history.through {
                let first = Day(year: year, month: month, day: 1)!
                let days = year == 2026 && month == 6 ? 15 : first.distance(to: first.lastOfMonth) + 1
                history[year, month] = Double(days) * 100
            }
        }
        #expect(history.spent(through: d(2026, 6, 15)) == Double(d(2026, 1, 1).distance(to: d(2026, 6, 15)) + 1) * 100)
        // A past year's month cut on the day counts its share of days.
        #expect(history.spent(through: d(2025, 6, 15)) == Double(d(2025, 1, 1).distance(to: d(2025, 6, 15)) + 1) * 100)
        for method in BudgetForecast.Method.allCases {
            #expect(abs(BudgetForecast.forecast(history, on: d(2026, 6, 15), by: method)! - 36_500) < 1e-6)
            let errors = BudgetForecast.pastErrors(history, on: d(2026, 6, 15), by: method)
            #expect(errors.keys.sorted() == [2023, 2024, 2025])
            // Last year's profile is a day off around the leap year 2024: the seasonal forecast misses by a third of a percent.
            #expect(errors.values.allSatisfy { abs($0) < (method == .tempo ? 1e-9 : 0.004) }, "\(method) \(errors)")
        }
    }

    @Test("A December peak: the pace misses it, last year's profile sees it; a hidden month leaves no forecast")
    func season() {
        var history = SpendingHistory(through: d(2026, 6, 30))
        for year in 2024...2026 {
            for month in 1...12 where year < 2026 || month <= 6 { history[year, month] = month == 12 ? 2_000 : 1_000 }
        }
        // Tempo: 6.000 so far + 3.000 / 91 days (April-June) × 184 days left; the year will be 13.000.
        let pace = 6_000 + 3_000.0 / 91 * 184
        #expect(BudgetForecast.forecast(history, on: d(2026, 6, 30), by: .tempo) == pace)
        // Sæson: 6.000 / (6.000 / 13.000) = 13.000.
        #expect(abs(BudgetForecast.forecast(history, on: d(2026, 6, 30), by: .saeson)! - 13_000) < 1e-9)
        #expect(abs(BudgetForecast.pastErrors(history, on: d(2026, 6, 30), by: .tempo)[2025]! - (pace / 13_000 - 1)) < 1e-12)
        history[2026, 5] = nil
        #expect(BudgetForecast.forecast(history, on: d(2026, 6, 30), by: .tempo) == nil)
        #expect(BudgetForecast.forecast(history, on: d(2026, 6, 30), by: .saeson) == nil)
    }
}
