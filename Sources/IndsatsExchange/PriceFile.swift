import Foundation
import IndsatsCore

/// The two CSV files of dated prices, told apart by their header:
///
/// - `satser.csv`: `ydelse;fra;maanedssats;kilde`, a benefit's gross monthly rate from a day on;
/// - `refusion.csv`: `fra;trin_1;trin_2;trin_3;trin_4;kilde`, the municipality's share in
///   percent on each refusion step from a day on.
///
/// A file replaces the whole table it holds: what the file says is what is in force.
///
/// ```swift
/// let prices = try PriceFile.read(paths: ["satser.csv"], replacing: .defaults)
/// let bytes = PriceFile.csv(prices, .satser)   // BOM, semicolons, CRLF
/// ```
public enum PriceFile {
    public enum Table: String, CaseIterable, Sendable {
        case satser, refusion

        public var columns: [String] {
            switch self {
            case .satser: ["ydelse", "fra", "maanedssats", "kilde"]
            case .refusion: ["fra", "trin_1", "trin_2", "trin_3", "trin_4", "kilde"]
            }
        }
    }

    /// `prices` with each table a file holds replaced by the file's rows. Every problem
    /// of every file is collected; one problem and nothing is replaced.
    public static func read(paths: [String], replacing prices: BenefitPrices,
                            reference: ReferenceData = .defaults) throws(PriceFileError) -> BenefitPrices {
        var rates: [BenefitRate]?
        var rules: [RefusionRule]?
        var problems: [String] = []
        for path in paths {
            do {
                let reader = try CSVReader(path: path)
                reader.keepsRawText = false
                let header = reader.header.map(ColumnName.normalise)
                guard let table = Table.allCases.first(where: { Set($0.columns) == Set(header) && header.count == $0.columns.count }) else {
                    problems.append("\(reader.fileName):1: overskriften skal være \(Table.satser.columns.joined(separator: ";")) "
                                    + "eller \(Table.refusion.columns.joined(separator: ";"))")
                    continue
                }
                if (table == .satser ? rates != nil : rules != nil) {
                    problems.append("\(reader.fileName):1: en anden fil har allerede givet tabellen \(table.rawValue)")
                    continue
                }
                var rows: [(line: Int, fields: [String: String])] = []
                while let record = try reader.next() {
                    rows.append((record.line, Dictionary(uniqueKeysWithValues: zip(header, record.fields.map { $0.trimmingCharacters(in: .whitespaces) }))))
                }
                switch table {
                case .satser: rates = readRates(rows, reader.fileName, reference, &problems)
                case .refusion: rules = readRules(rows, reader.fileName, &problems)
                }
            } catch {
                problems.append(error.description)
            }
        }
        guard problems.isEmpty else { throw PriceFileError(problems: problems) }
        return BenefitPrices(rates: rates ?? prices.rates, refusion: rules ?? prices.refusion)
    }

    private static func readRates(_ rows: [(line: Int, fields: [String: String])], _ file: String,
                                  _ reference: ReferenceData, _ problems: inout [String]) -> [BenefitRate] {
        var out: [BenefitRate] = []
        var seen: [String: Int] = [:]
        for (line, f) in rows {
            let at = "\(file):\(line)"
            let benefit = f["ydelse"] ?? ""
            guard reference.code(.ydelse, benefit) != nil, benefit != "selvforsoergende" else {
                problems.append("\(at): ydelse: '\(benefit)' er ikke en ydelse med en sats")
                continue
            }
            guard let from = Day(parsing: f["fra"] ?? "") else {
                problems.append("\(at): fra: '\(f["fra"] ?? "")' er ikke en dato (ÅÅÅÅ-MM-DD)")
                continue
            }
            guard let monthly = amount(f["maanedssats"]) else {
                problems.append("\(at): maanedssats: '\(f["maanedssats"] ?? "")' er ikke et beløb i kr. (fx 20359 eller 18871,67)")
                continue
            }
            if let first = seen["\(benefit) \(from.iso)"] {
                problems.append("\(at): fra: \(benefit) har allerede en sats fra \(from.danish) (linje \(first))")
                continue
            }
            seen["\(benefit) \(from.iso)"] = line
            out.append(BenefitRate(benefit: benefit, from: from, monthly: monthly, source: f["kilde"] ?? ""))
        }
        return out
    }

    private static func readRules(_ rows: [(line: Int, fields: [String: String])], _ file: String, _ problems: inout [String]) -> [RefusionRule] {
        var out: [RefusionRule] = []
        var seen: [Day: Int] = [:]
        for (line, f) in rows {
            let at = "\(file):\(line)"
            guard let from = Day(parsing: f["fra"] ?? "") else {
                problems.append("\(at): fra: '\(f["fra"] ?? "")' er ikke en dato (ÅÅÅÅ-MM-DD)")
                continue
            }
            var shares: [Double] = []
            for step in 1...4 {
                let column = "trin_\(step)"
                guard let percent = amount(f[column]), percent <= 100 else {
                    problems.append("\(at): \(column): '\(f[column] ?? "")' skal være kommunens andel i procent, 0-100")
                    break
                }
                shares.append(percent / 100)
            }
            guard shares.count == 4 else { continue }
            if let first = seen[from] {
                problems.append("\(at): fra: der er allerede en refusionsregel fra \(from.danish) (linje \(first))")
                continue
            }
            seen[from] = line
            out.append(RefusionRule(from: from, municipalShares: shares, source: f["kilde"] ?? ""))
        }
        return out
    }

    /// A non-negative amount with a decimal comma or point and no thousands separators.
    static func amount(_ text: String?) -> Double? {
        guard let text, text.filter({ $0 == "," || $0 == "." }).count <= 1,
              let value = Double(text.replacingComma), value.isFinite, value >= 0 else { return nil }
        return value
    }

    /// One table as CSV for Excel: byte-order mark, semicolons, CRLF; shares in percent.
    public static func csv(_ prices: BenefitPrices, _ table: Table) -> [UInt8] {
        var rows = CSVRowEncoder()
        rows.append(bytes: [0xEF, 0xBB, 0xBF])
        for column in table.columns { rows.text(column) }
        rows.endRow()
        switch table {
        case .satser:
            for rate in prices.rates {
                rows.text(rate.benefit); rows.day(rate.from); rows.text(KPIOutput.plainDecimal(rate.monthly)); rows.text(rate.source)
                rows.endRow()
            }
        case .refusion:
            for rule in prices.refusion {
                rows.day(rule.from)
                for share in rule.municipalShares { rows.text(KPIOutput.plainDecimal((share * 100 * 1e6).rounded() / 1e6)) }
                rows.text(rule.source)
                rows.endRow()
            }
        }
        return rows.bytes
    }
}

/// Price files that cannot be used; every problem as `fil:linje: kolonne: årsag`.
public struct PriceFileError: Error, CustomStringConvertible, Equatable {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}
