import Foundation
import IndsatsContract
import IndsatsEconomy

/// Budget proposals as an Excel workbook: sheet `Forslag` with a row per proposal
/// and sheet `Oekonomi` with a row per proposal and year. The columns are the
/// proposal file's JSON keys (docs/forslag.md); lists are comma-separated, the
/// target's fields are `maal_personer` ... `maal_ydelse`, and a business case is
/// its JSON text in one cell.
///
/// Reading turns the rows into the JSON file's structure and reads that, so both
/// formats are checked by the same rules; errors name the sheet, row and column.
///
/// ```swift
/// let data = try ProposalWorkbook.xlsx(catalogue)
/// let again = try ProposalWorkbook.catalogue(xlsx: data)   // == catalogue
/// ```
public enum ProposalWorkbook {
    static let proposalSheet = "Forslag"
    static let economySheet = "Oekonomi"
    static let columns = [
        "nr", "overskrift", "ansvarlig_enhed", "forslag_fra", "kommune", "fokusomraade", "indsats", "tilgang",
        "prisniveau", "status", "gensidigt_udelukkende", "gensidigt_udelukkende_kilde", "forudsaetter", "forudsaetter_kilde",
        "indsatser", "baggrund", "lovkrav", "i_dag",
        "fremadrettet", "konsekvenser", "oekonomi_tekst", "succeskriterie",
        "maal_personer", "maal_pr_aar", "maal_udfald", "maal_ydelse", "businesscase",
    ]
    static let listColumns: Set = ["indsats", "forudsaetter", "indsatser"]
    /// Columns of codes, written as their Danish labels and read back through ``ColumnName/normalise(_:)``
    /// ("afhjælpende" is `afhjaelpende`, "i drift" is `i_drift`).
    static let codeColumns: Set = ["indsats", "tilgang", "status", "maal_udfald"]
    static let economyColumns = ["nr", "aar", "driftsudgifter", "sparet_forsoergelse", "aarsvaerk"]

    public static func xlsx(_ catalogue: ProposalCatalogue) throws -> Data {
        let json = try JSONSerialization.jsonObject(with: catalogue.json()) as? [String: Any]
        let proposals = json?["forslag"] as? [[String: Any]] ?? []
        var rows: [[Workbook.Cell]] = [columns.map(Workbook.Cell.text)]
        var economy: [[Workbook.Cell]] = [economyColumns.map(Workbook.Cell.text)]
        for p in proposals {
            let target = p["maal"] as? [String: Any] ?? [:]
            rows.append(
                columns.map { column in
                    switch column {
                    case "indsats":
                        return text((p[column] as? [String])?.map { Proposal.Stage(rawValue: $0)?.label ?? $0 }.joined(separator: ", "))
                    case "status": return text((p[column] as? String).map { Proposal.Status(rawValue: $0)?.label ?? $0 })
                    case _ where listColumns.contains(column): return text((p[column] as? [String])?.joined(separator: ", "))
                    case "maal_pr_aar": return target.isEmpty ? .empty : .text((target["pr_aar"] as? Bool) == true ? "ja" : "nej")
                    case "maal_personer": return (target["personer"] as? Double).map(Workbook.Cell.number) ?? .empty
                    case "maal_udfald", "maal_ydelse": return text(target[String(column.dropFirst(5))] as? String)
                    case "businesscase":
                        guard let value = p[column], let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
                        else { return .empty }
                        return .text(String(decoding: data, as: UTF8.self))
                    default: return text(p[column] as? String)
                    }
                })
            for year in p["oekonomi"] as? [[String: Any]] ?? [] {
                economy.append(
                    [text(p["nr"] as? String)]
                        + economyColumns.dropFirst().map { (year[$0] as? Double).map(Workbook.Cell.number) ?? .empty })
            }
        }
        return try Workbook(sheets: [.init(name: proposalSheet, rows: rows), .init(name: economySheet, rows: economy)]).xlsx()
    }

    private static func text(_ s: String?) -> Workbook.Cell { s.map { $0.isEmpty ? .empty : .text($0) } ?? .empty }

    public static func catalogue(xlsx data: Data) throws(EconomyError) -> ProposalCatalogue {
        let book: Workbook
        do { book = try Workbook(xlsx: data, fileName: "") } catch { throw EconomyError(error.reason) }
        guard let sheet = book.sheet(proposalSheet) else { throw EconomyError("arket '\(proposalSheet)' mangler") }
        let header = try columnsOf(sheet, columns)
        // Where each proposal and economy row came from, to name it in errors.
        var proposals: [[String: Any]] = []
        var proposalRows: [Int] = []
        var index: [String: Int] = [:]
        for (r, row) in sheet.rows.enumerated().dropFirst() where row.contains(where: { $0 != .empty }) {
            func at(_ column: String) -> String { "ark \(proposalSheet), række \(r + 1), kolonne \(column)" }
            var p: [String: Any] = [:]
            var target: [String: Any] = [:]
            for (column, c) in header {
                let cell = c < row.count ? row[c] : .empty
                guard cell != .empty else { continue }
                switch column {
                case _ where listColumns.contains(column):
                    p[column] = cell.text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                        .map { codeColumns.contains(column) ? ColumnName.normalise($0) : $0 }
                case "maal_personer":
                    guard let x = number(cell) else { throw EconomyError("\(at(column)): '\(cell.text)' er ikke et tal") }
                    target["personer"] = x
                case "maal_pr_aar":
                    switch cell.text.lowercased() {
                    case "ja", "1", "sand", "true": target["pr_aar"] = true
                    case "nej", "0", "falsk", "false": target["pr_aar"] = false
                    default: throw EconomyError("\(at(column)): '\(cell.text)' skal være ja eller nej")
                    }
                case "maal_udfald": target["udfald"] = ColumnName.normalise(cell.text)
                case "maal_ydelse": target["ydelse"] = cell.text
                case "businesscase":
                    guard let value = try? JSONSerialization.jsonObject(with: Data(cell.text.utf8)) else {
                        throw EconomyError("\(at(column)): er ikke gyldig JSON (docs/businesscase.md)")
                    }
                    p[column] = value
                default: p[column] = codeColumns.contains(column) ? ColumnName.normalise(cell.text) : cell.text
                }
            }
            if !target.isEmpty { p["maal"] = target }
            p["oekonomi"] = [[String: Any]]()
            if let number = p["nr"] as? String { index[number] = proposals.count }
            proposals.append(p)
            proposalRows.append(r + 1)
        }
        var economyRows: [[Int]] = Array(repeating: [], count: proposals.count)
        if let sheet = book.sheet(economySheet) {
            let header = try columnsOf(sheet, economyColumns)
            for (r, row) in sheet.rows.enumerated().dropFirst() where row.contains(where: { $0 != .empty }) {
                func at(_ column: String) -> String { "ark \(economySheet), række \(r + 1), kolonne \(column)" }
                var year: [String: Any] = [:]
                var owner: Int?
                for (column, c) in header {
                    let cell = c < row.count ? row[c] : .empty
                    if column == "nr" {
                        guard let i = index[cell.text] else {
                            throw EconomyError("\(at(column)): forslaget '\(cell.text)' står ikke i arket \(proposalSheet)")
                        }
                        owner = i
                    } else if cell != .empty {
                        guard let x = number(cell) else { throw EconomyError("\(at(column)): '\(cell.text)' er ikke et tal") }
                        if column == "aar" {
                            guard x == x.rounded(), abs(x) < 1e6 else { throw EconomyError("\(at(column)): '\(cell.text)' er ikke et år") }
                            year[column] = Int(x)
                        } else {
                            year[column] = x
                        }
                    }
                }
                guard let owner else { continue }
                guard year["aar"] != nil else { throw EconomyError("\(at("aar")): mangler en værdi") }
                var list = proposals[owner]["oekonomi"] as! [[String: Any]]
                list.append(year)
                proposals[owner]["oekonomi"] = list
                economyRows[owner].append(r + 1)
            }
        }
        let json: Data
        do { json = try JSONSerialization.data(withJSONObject: ["forslag": proposals]) } catch {
            throw EconomyError("kan ikke læses: \(error)")
        }
        do {
            return try ProposalCatalogue.read(json)
        } catch {
            throw EconomyError(placed(error.message, proposalRows, economyRows))
        }
    }

    /// The columns of `expected` the header row has, by index; unknown columns are an error.
    private static func columnsOf(_ sheet: Workbook.Sheet, _ expected: [String]) throws(EconomyError) -> [(String, Int)] {
        var out: [(String, Int)] = []
        for (i, cell) in (sheet.rows.first ?? []).enumerated() where cell != .empty {
            let name = ColumnName.normalise(cell.text)
            guard expected.contains(name) else {
                throw EconomyError(
                    "ark \(sheet.name), række 1: kolonnen '\(cell.text)' er ukendt; kendte: \(expected.joined(separator: ", "))")
            }
            out.append((name, i))
        }
        return out
    }

    /// A number cell, or text with a decimal comma or point.
    private static func number(_ cell: Workbook.Cell) -> Double? {
        if case .number(let x) = cell { return x }
        return Double(cell.text.replacingOccurrences(of: " ", with: "").replacingComma)
    }

    /// `forslag[3].maal.personer: ...` as `ark Forslag, række 5: maal.personer: ...`;
    /// `forslag[3].oekonomi[1].aar: ...` as `ark Oekonomi, række 9: aar: ...`.
    static func placed(_ message: String, _ proposalRows: [Int], _ economyRows: [[Int]]) -> String {
        guard message.hasPrefix("forslag["), let close = message.firstIndex(of: "]"),
            let i = Int(message[message.index(message.startIndex, offsetBy: 8)..<close]), i < proposalRows.count
        else {
            return message
        }
        var rest = message[message.index(after: close)...]
        if rest.hasPrefix(".oekonomi["), let close2 = rest.firstIndex(of: "]"),
            let j = Int(rest[rest.index(rest.startIndex, offsetBy: 10)..<close2]), j < economyRows[i].count
        {
            rest = rest[rest.index(after: close2)...]
            return "ark \(economySheet), række \(economyRows[i][j])\(rest.hasPrefix(".") ? ": " + rest.dropFirst() : String(rest))"
        }
        return "ark \(proposalSheet), række \(proposalRows[i])\(rest.hasPrefix(".") ? ": " + rest.dropFirst() : String(rest))"
    }
}
