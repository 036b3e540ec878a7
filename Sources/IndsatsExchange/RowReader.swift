import IndsatsContract
import IndsatsCore

/// Reads one CSV record into a file kind's checked values, column by column as
/// its ``FileDeclaration`` says, and collects what is wrong, each problem tied
/// to its column, in Danish.
struct RowReader {
    let declaration: FileDeclaration
    /// For each declared column, its field in the record (`nil` when the file has no such column).
    let fieldIndex: [Int?]
    let extraColumns: [(name: String, index: Int)]

    /// The values of `fields`, with the problems of each column and of the end dates.
    func read(_ fields: [String], _ reference: ReferenceData) -> RowValues {
        var extra: [String: String] = [:]
        if declaration.keepsExtra {
            for (name, i) in extraColumns where i < fields.count && !fields[i].isEmpty { extra[name] = fields[i] }
        }
        var row = RowValues(declaration, values: [], extra: extra)
        row.values.reserveCapacity(declaration.columns.count)
        for (c, column) in declaration.columns.enumerated() {
            var text: String?
            if let i = fieldIndex[c], i < fields.count {
                let v = fields[i].trimmingSpaces
                if !v.isEmpty { text = v }
            }
            guard let text else {
                if column.required { row.problem(column.name, "værdi mangler") }
                row.values.append(nil)
                continue
            }
            let value = Self.value(text, column, reference, &row)
            if let value, case .endDay(let startColumn) = column.type, case .day(let end) = value,
                let s = declaration.index(of: startColumn), case .day(let start)? = row.values[s], end < start
            {
                row.problem(column.name, "slutdatoen \(end.danish) ligger før startdatoen \(start.danish)")
            }
            row.values.append(value)
        }
        return row
    }

    /// One column's value read as its type says; `nil` with a problem when it is not one.
    static func value(_ v: String, _ column: Column, _ reference: ReferenceData, _ row: inout RowValues) -> FieldValue? {
        func problem(_ reason: String) -> FieldValue? {
            row.problem(column.name, reason)
            return nil
        }
        switch column.type {
        case .text:
            return .text(v)
        case .day, .endDay:
            guard let d = Day(parsing: v) else {
                return problem("'\(v)' er ikke en gyldig dato (brug ÅÅÅÅ-MM-DD, DD-MM-ÅÅÅÅ eller DD.MM.ÅÅÅÅ)")
            }
            return .day(d)
        case .integer(let minimum):
            guard let n = Int(v), n >= minimum else {
                return problem(minimum == 0 ? "'\(v)' er ikke et ikke-negativt heltal" : "'\(v)' er ikke et heltal på mindst \(minimum)")
            }
            return .integer(n)
        case .decimal:
            let separators = v.filter { $0 == "," || $0 == "." }.count
            guard separators <= 1, let d = Double(v.replacingComma), d.isFinite, d >= 0 else {
                return problem("'\(v)' er ikke et tal (brug 12,5 eller 12.5 uden tusindtalsseparator)")
            }
            return .decimal(d)
        case .cvr:
            guard CVRNumber.isValid(v) else { return problem("'\(v)' er ikke et gyldigt CVR-nummer (8 cifre, modulus 11-kontrol)") }
            return .text(v)
        case .pNumber:
            guard PNumber.isValid(v) else { return problem("'\(v)' er ikke et P-nummer på 10 cifre") }
            return .text(v)
        case .cpr:
            do { return .text(try CPRNumber.parse(v).digits) } catch { return problem(error.danish) }
        case .municipalityCode:
            guard v.count == 3, v.allSatisfy(\.isASCIIDigit) else { return problem("'\(v)' er ikke en kommunekode på 3 cifre") }
            return .text(v)
        case .code(let list):
            guard reference.code(list, v) != nil else {
                let known = reference.codes(list).map(\.code).joined(separator: ", ")
                return problem("ukendt kode '\(v)'; kendte koder: \(known)")
            }
            return .text(v)
        case .oneOf(let allowed):
            guard allowed.contains(v) else { return problem("'\(v)' er ikke tilladt; brug \(allowed.joined(separator: " eller "))") }
            return .text(v)
        case .channel:
            guard let channel = Channel(spelling: v) else {
                return problem(
                    "'\(v)' er ikke en kendt kanal; brug \(Channel.allCases.map(\.rawValue).joined(separator: ", ")) "
                        + "(også fremmoede, digital, mail og video)")
            }
            return .text(channel.rawValue)
        }
    }
}

extension String {
    var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
