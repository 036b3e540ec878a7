import Foundation
import IndsatsContract
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
    public static func read(
        paths: [String], replacing prices: BenefitPrices,
        reference: ReferenceData = .defaults
    ) throws(PriceFileError) -> BenefitPrices {
        var rates: [BenefitRate]?
        var rules: [RefusionRule]?
        var problems: [String] = []
        for path in paths {
            do {
                let reader = try CSVReader(path: path)
                reader.keepsRawText = false
                let header = reader.header.map(ColumnName.normalise)
                guard let table = Table.allCases.first(where: { Set($0.columns) == Set(header) && header.count == $0.columns.count }) else {
                    problems.append(
                        "\(reader.fileName):1: overskriften skal være \(Table.satser.columns.joined(separator: ";")) "
                            + "eller \(Table.refusion.columns.joined(separator: ";"))")
                    continue
                }
                if (table == .satser ? rates != nil : rules != nil) {
                    problems.append("\(reader.fileName):1: en anden fil har allerede givet tabellen \(table.rawValue)")
                    continue
                }
                var rows: [(line: Int, fields: [String: String])] = []
                while let record = try reader.next() {
                    rows.append(
                        (
                            record.line,
                            Dictionary(uniqueKeysWithValues: zip(header, record.fields.map { $0.trimmingCharacters(in: .whitespaces) }))
                        ))
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

    private static func readRates(
        _ rows: [(line: Int, fields: [String: String])], _ file: String,
        _ reference: ReferenceData, _ problems: inout [String]
    ) -> [BenefitRate] {
        var out: [BenefitRate] = []
        var seen: [String: Int] = [:]
        for (line, fields) in rows {
            switch rate(fields, reference) {
            case .failure(let problem): problems.append("\(file):\(line): \(problem.message)")
            case .success(let rate):
                if let first = seen["\(rate.benefit) \(rate.from.iso)"] {
                    problems.append("\(file):\(line): fra: \(rate.benefit) har allerede en sats fra \(rate.from.danish) (linje \(first))")
                    continue
                }
                seen["\(rate.benefit) \(rate.from.iso)"] = line
                out.append(rate)
            }
        }
        return out
    }

    private static func readRules(_ rows: [(line: Int, fields: [String: String])], _ file: String, _ problems: inout [String])
        -> [RefusionRule]
    {
        var out: [RefusionRule] = []
        var seen: [Day: Int] = [:]
        for (line, fields) in rows {
            switch rule(fields) {
            case .failure(let problem): problems.append("\(file):\(line): \(problem.message)")
            case .success(let rule):
                if let first = seen[rule.from] {
                    problems.append("\(file):\(line): fra: der er allerede en refusionsregel fra \(rule.from.danish) (linje \(first))")
                    continue
                }
                seen[rule.from] = line
                out.append(rule)
            }
        }
        return out
    }

    /// One rate from the columns of `satser.csv` (or a form with the same names).
    public static func rate(_ f: [String: String], _ reference: ReferenceData) -> Result<BenefitRate, PriceRowProblem> {
        let benefit = f["ydelse"] ?? ""
        guard reference.code(.ydelse, benefit) != nil, benefit != "selvforsoergende" else {
            return .failure(PriceRowProblem("ydelse: '\(benefit)' er ikke en ydelse med en sats"))
        }
        guard let from = Day(parsing: f["fra"] ?? "") else {
            return .failure(PriceRowProblem("fra: '\(f["fra"] ?? "")' er ikke en dato (ÅÅÅÅ-MM-DD)"))
        }
        guard let monthly = amount(f["maanedssats"]) else {
            return .failure(PriceRowProblem("maanedssats: '\(f["maanedssats"] ?? "")' er ikke et beløb i kr. (fx 20359 eller 18871,67)"))
        }
        return .success(BenefitRate(benefit: benefit, from: from, monthly: monthly, source: f["kilde"] ?? ""))
    }

    /// One refusion rule from the columns of `refusion.csv` (or a form with the same names).
    public static func rule(_ f: [String: String]) -> Result<RefusionRule, PriceRowProblem> {
        guard let from = Day(parsing: f["fra"] ?? "") else {
            return .failure(PriceRowProblem("fra: '\(f["fra"] ?? "")' er ikke en dato (ÅÅÅÅ-MM-DD)"))
        }
        var shares: [Double] = []
        for step in 1...4 {
            let column = "trin_\(step)"
            guard let percent = amount(f[column]), percent <= 100 else {
                return .failure(PriceRowProblem("\(column): '\(f[column] ?? "")' skal være kommunens andel i procent, 0-100"))
            }
            shares.append(percent / 100)
        }
        return .success(RefusionRule(from: from, municipalShares: shares, source: f["kilde"] ?? ""))
    }

    /// A non-negative amount with a decimal comma or point and no thousands separators.
    static func amount(_ text: String?) -> Double? {
        guard let text, text.filter({ $0 == "," || $0 == "." }).count <= 1,
            let value = Double(text.replacingComma), value.isFinite, value >= 0
        else { return nil }
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

/// Why one row of prices cannot be used: `kolonne: årsag`, in Danish.
public struct PriceRowProblem: Error, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Price files that cannot be used; every problem as `fil:linje: kolonne: årsag`.
public struct PriceFileError: Error, CustomStringConvertible, Equatable {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}
