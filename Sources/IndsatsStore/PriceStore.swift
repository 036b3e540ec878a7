import Foundation
import IndsatsCore

/// Rates and refusion rules kept as one JSON document in `indstillinger` under
/// `priser`; absent, the shipped defaults apply.
extension SQLStore {
    public func prices() throws -> BenefitPrices {
        try database.read(Self.prices)
    }

    public func savePrices(_ prices: BenefitPrices) throws {
        let document = String(decoding: try JSONEncoder().encode(StoredPrices(prices)), as: UTF8.self)
        try database.write { db in
            let before = try Self.prices(db)
            try db.execute(
                "INSERT INTO indstillinger (navn, vaerdi) VALUES ('priser', ?) ON CONFLICT (navn) DO UPDATE SET vaerdi = excluded.vaerdi",
                [.text(document)])
            let changed = Set(prices.rates).subtracting(before.rates).count + Set(prices.refusion).subtracting(before.refusion).count
            try RegisterQueries.logSettings(db, "satser", changed: changed)
        }
        forgetVersion()
    }

    private static func prices(_ db: any SQLConnection) throws -> BenefitPrices {
        guard let document = try db.text("SELECT vaerdi FROM indstillinger WHERE navn = 'priser'") else { return .defaults }
        do {
            return try JSONDecoder().decode(StoredPrices.self, from: Data(document.utf8)).prices
        } catch {
            throw StoreError("satserne i databasen kan ikke læses: \(error)")
        }
    }
}

/// The stored form of ``BenefitPrices``: days as ISO text.
private struct StoredPrices: Codable {
    struct Rate: Codable { var ydelse: String; var fra: String; var maanedssats: Double; var kilde: String }
    struct Rule: Codable { var fra: String; var kommunal_andel: [Double]; var kilde: String }
    var satser: [Rate]
    var refusion: [Rule]

    init(_ prices: BenefitPrices) {
        satser = prices.rates.map { Rate(ydelse: $0.benefit, fra: $0.from.iso, maanedssats: $0.monthly, kilde: $0.source) }
        refusion = prices.refusion.map { Rule(fra: $0.from.iso, kommunal_andel: $0.municipalShares, kilde: $0.source) }
    }

    var prices: BenefitPrices {
        get throws {
            func day(_ iso: String) throws -> Day {
                guard let d = Day(parsing: iso) else { throw StoreError("'\(iso)' er ikke en dato") }
                return d
            }
            return BenefitPrices(
                rates: try satser.map { BenefitRate(benefit: $0.ydelse, from: try day($0.fra), monthly: $0.maanedssats, source: $0.kilde) },
                refusion: try refusion.map { RefusionRule(from: try day($0.fra), municipalShares: $0.kommunal_andel, source: $0.kilde) })
        }
    }
}
