import IndsatsCore

/// Reads typed values out of one CSV record and collects what is wrong with
/// them, each problem tied to its column, in Danish.
struct RowReader {
    let fields: [String]
    let columns: [String: Int]
    let extraColumns: [(name: String, index: Int)]
    var problems: [(column: String, reason: String)] = []

    /// The trimmed value, `nil` when the column is absent or the field empty.
    func value(_ column: String) -> String? {
        guard let i = columns[column], i < fields.count else { return nil }
        let v = fields[i].trimmingSpaces
        return v.isEmpty ? nil : v
    }

    var extra: [String: String] {
        var out: [String: String] = [:]
        for (name, i) in extraColumns where i < fields.count && !fields[i].isEmpty { out[name] = fields[i] }
        return out
    }

    mutating func problem(_ column: String, _ reason: String) { problems.append((column, reason)) }

    mutating func required(_ column: String) -> String? {
        guard let v = value(column) else { problem(column, "værdi mangler"); return nil }
        return v
    }

    mutating func date(_ column: String, required: Bool = false) -> Day? {
        guard let v = required ? self.required(column) : value(column) else { return nil }
        guard let d = Day(parsing: v) else {
            problem(column, "'\(v)' er ikke en gyldig dato (brug ÅÅÅÅ-MM-DD, DD-MM-ÅÅÅÅ eller DD.MM.ÅÅÅÅ)")
            return nil
        }
        return d
    }

    /// The end date, checked not to fall before `start`.
    mutating func end(_ column: String, after start: Day?) -> Day? {
        guard let end = date(column) else { return nil }
        if let start, end < start {
            problem(column, "slutdatoen \(end.danish) ligger før startdatoen \(start.danish)")
        }
        return end
    }

    mutating func integer(_ column: String) -> Int? {
        guard let v = value(column) else { return nil }
        guard let n = Int(v), n >= 0 else { problem(column, "'\(v)' er ikke et ikke-negativt heltal"); return nil }
        return n
    }

    /// A decimal with `.` or `,` before the decimals and no thousands separator.
    mutating func decimal(_ column: String) -> Double? {
        guard let v = value(column) else { return nil }
        let separators = v.filter { $0 == "," || $0 == "." }.count
        guard separators <= 1, let d = Double(v.replacingComma), d.isFinite, d >= 0 else {
            problem(column, "'\(v)' er ikke et tal (brug 12,5 eller 12.5 uden tusindtalsseparator)")
            return nil
        }
        return d
    }

    mutating func code(_ column: String, _ list: CodeListName, _ reference: ReferenceData, required: Bool) -> String? {
        guard let v = required ? self.required(column) : value(column) else { return nil }
        guard reference.code(list, v) != nil else {
            let known = reference.codes(list).map(\.code).joined(separator: ", ")
            problem(column, "ukendt kode '\(v)'; kendte koder: \(known)")
            return nil
        }
        return v
    }

    mutating func oneOf(_ column: String, _ allowed: [String]) -> String? {
        guard let v = value(column) else { return nil }
        guard allowed.contains(v) else {
            problem(column, "'\(v)' er ikke tilladt; brug \(allowed.joined(separator: " eller "))")
            return nil
        }
        return v
    }

    /// A ``Channel`` in any accepted spelling, as its value.
    mutating func channel(_ column: String) -> String? {
        guard let v = value(column) else { return nil }
        guard let channel = Channel(spelling: v) else {
            problem(
                column,
                "'\(v)' er ikke en kendt kanal; brug \(Channel.allCases.map(\.rawValue).joined(separator: ", ")) "
                    + "(også fremmoede, digital, mail og video)")
            return nil
        }
        return channel.rawValue
    }

    mutating func cvr(_ column: String, required: Bool) -> String? {
        guard let v = required ? self.required(column) : value(column) else { return nil }
        guard CVRNumber.isValid(v) else {
            problem(column, "'\(v)' er ikke et gyldigt CVR-nummer (8 cifre, modulus 11-kontrol)")
            return nil
        }
        return v
    }
}

extension String {
    var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}
