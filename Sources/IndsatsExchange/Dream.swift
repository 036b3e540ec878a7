import Foundation
import IndsatsContract
import IndsatsCore

/// The user's mapping from DREAM benefit codes to `ydelse` codes (`kode;ydelse`).
///
/// The official DREAM code list is not shipped. A code mapped to an empty `ydelse`
/// means no benefit that week (like an empty cell); a code missing from the list
/// rejects the row, so no week is silently dropped.
///
/// ```
/// kode;ydelse
/// 111;dagpenge
/// 890;sygedagpenge
/// 651;
/// ```
public struct DreamCodeList: Sendable {
    /// `nil` value: no benefit.
    public var ydelse: [String: String?]
    public var fileName: String

    public init(path: String, reference: ReferenceData) throws {
        let reader = try CSVReader(path: path)
        fileName = reader.fileName
        let header = reader.header.map(ColumnName.normalise)
        guard let code = header.firstIndex(of: "kode"), let benefit = header.firstIndex(of: "ydelse") else {
            throw CSVError(file: fileName, line: 1, reason: "kodelisten skal have kolonnerne kode og ydelse")
        }
        var map: [String: String?] = [:]
        var problems: [String] = []
        while let record = try reader.next() {
            let fields = record.fields
            guard fields.count == header.count else {
                problems.append(
                    "\(fileName):\(record.line): række: rækken har \(fields.count) felter, men overskriften har \(header.count)")
                continue
            }
            let key = fields[code].trimmingSpaces, value = fields[benefit].trimmingSpaces
            if key.isEmpty { problems.append("\(fileName):\(record.line): kode: værdi mangler"); continue }
            if map[key] != nil { problems.append("\(fileName):\(record.line): kode: '\(key)' står to gange"); continue }
            if !value.isEmpty && reference.code(.ydelse, value) == nil {
                problems.append("\(fileName):\(record.line): ydelse: '\(value)' er ikke en kendt ydelse")
                continue
            }
            map[key] = value.isEmpty ? String?.none : value
        }
        guard problems.isEmpty else { throw DreamCodeListError(problems: problems) }
        ydelse = map
    }
}

/// A code list that cannot be used; every problem as `fil:linje: kolonne: årsag`.
public struct DreamCodeListError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

/// DREAM's wide weekly layout: one row per person with `person_id` and one
/// `y_YYWW` column per ISO week holding that week's benefit code.
///
/// Runs of consecutive weeks mapped to the same `ydelse` become one benefit period
/// from the first week's Monday to the last week's Sunday. A run reaching the file's
/// last week stays open; a run followed by another benefit ends with `anden_ydelse`.
/// Two-digit years 90-99 are 1990-1999, 00-89 are 2000-2089.
struct DreamLayout {
    var personColumn: Int
    /// Column index and week, in week order; the weeks follow each other without gaps.
    var weeks: [(column: Int, monday: Day)]

    init(header: [String], fileName: String) throws {
        var person: Int?
        var weeks: [(Int, Day, String)] = []
        for (i, raw) in header.enumerated() {
            let name = ColumnName.normalise(raw)
            if name == "person_id" { person = i; continue }
            guard name.hasPrefix("y_") else { continue }
            let digits = name.dropFirst(2)
            guard digits.count == 4, let yy = Int(digits.prefix(2)), let ww = Int(digits.suffix(2)) else {
                throw CSVError(file: fileName, line: 1, reason: "\(raw): en ugekolonne hedder y_ÅÅUU, fx y_2409")
            }
            let week = ISOWeek(year: yy >= 90 ? 1900 + yy : 2000 + yy, week: ww)
            guard ww >= 1, week.monday.isoWeek == week else {
                throw CSVError(file: fileName, line: 1, reason: "\(raw): uge \(ww) findes ikke i \(week.year)")
            }
            weeks.append((i, week.monday, raw))
        }
        guard let person else {
            throw CSVError(file: fileName, line: 1, reason: "person_id: påkrævet kolonne mangler i overskriften (DREAM)")
        }
        guard !weeks.isEmpty else { throw CSVError(file: fileName, line: 1, reason: "ingen ugekolonner (y_ÅÅUU) i overskriften") }
        weeks.sort { $0.1 < $1.1 }
        for (a, b) in zip(weeks, weeks.dropFirst()) where a.1.distance(to: b.1) != 7 {
            let reason = a.1 == b.1 ? "står to gange" : "følger ikke efter \(a.2): der mangler uger imellem"
            throw CSVError(file: fileName, line: 1, reason: "\(b.2): ugekolonnen \(reason)")
        }
        personColumn = person
        self.weeks = weeks.map { ($0.0, $0.1) }
    }

    /// The benefit periods of one row, or the problems that reject it.
    func periods(_ fields: [String], _ codes: DreamCodeList, header: [String]) -> Result<(String, [BenefitPeriod]), RowProblems> {
        let person = fields[personColumn].trimmingSpaces
        var problems: [(column: String, reason: String)] = []
        if person.isEmpty { problems.append(("person_id", "værdi mangler")) }
        var out: [BenefitPeriod] = []
        var run: (ydelse: String, start: Day)?
        for (n, (column, monday)) in weeks.enumerated() {
            let code = fields[column].trimmingSpaces
            var ydelse: String?
            if !code.isEmpty {
                guard let mapped = codes.ydelse[code] else {
                    problems.append((header[column], "DREAM-koden '\(code)' står ikke i kodelisten \(codes.fileName)"))
                    continue
                }
                ydelse = mapped
            }
            if let current = run, current.ydelse != ydelse {
                out.append(
                    BenefitPeriod(
                        personID: person, benefit: current.ydelse, start: current.start,
                        end: monday.advanced(by: -1), exitReason: ydelse == nil ? nil : "anden_ydelse"))
                run = nil
            }
            if run == nil, let ydelse { run = (ydelse, monday) }
            if n == weeks.count - 1, let current = run {
                out.append(BenefitPeriod(personID: person, benefit: current.ydelse, start: current.start))
            }
        }
        return problems.isEmpty ? .success((person, out)) : .failure(RowProblems(problems))
    }
}

/// What is wrong with one row, column by column.
struct RowProblems: Error {
    var list: [(column: String, reason: String)]
    init(_ list: [(column: String, reason: String)]) { self.list = list }
}
