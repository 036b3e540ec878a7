import Foundation
import IndsatsCore

/// A problem with one row: `fil:linje: kolonne: årsag`.
public struct RowIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: String
    public var reason: String
    public var description: String { "\(file):\(line): \(column): \(reason)" }
}

/// A call the importer cannot carry out at all (a usage error, exit status 2).
public struct ImportUsageError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// What an import did, file by file.
public struct ImportReport: Sendable {
    public struct File: Sendable {
        public var path: String
        public var kind: FileKind
        public var rowsRead = 0
        public var rejected = 0
        public var identicalDuplicates = 0
        public var counts = WriteCounts()
        public var quarantinePath: String?
    }

    public var files: [File] = []
    /// Rejected rows, by file and line.
    public var errors: [RowIssue] = []
    /// Rows imported with a warning (a code used outside its validity).
    public var warnings: [RowIssue] = []
    /// Things said once: unknown columns kept aside, files passed over.
    public var notices: [String] = []
    /// `true` when the import wrote to the store.
    public var written = false

    /// 0 when everything was imported, 1 when a row was rejected.
    public var exitStatus: Int32 { errors.isEmpty ? 0 : 1 }
}

/// Validates files against the data contract and writes them to a destination,
/// all or nothing by default (DATA-CONTRACT.md §3).
///
/// ```swift
/// let report = try Importer(destination: store).run(paths: ["data/"], acceptValid: false)
/// ```
public struct Importer {
    public let destination: any ImportDestination
    /// Receives a progress line now and then for long files.
    public var progress: (String) -> Void

    public init(destination: any ImportDestination, progress: @escaping (String) -> Void = { _ in }) {
        self.destination = destination
        self.progress = progress
    }

    /// A parsed row on its way to the store, or out to quarantine. Its text is not kept:
    /// the quarantine reads rejected lines again from the file.
    struct Row {
        var record: RegisterRecord
        var line: Int
    }

    /// Everything read from one file.
    struct ReadFile {
        var path: String
        var name: String
        var kind: FileKind
        var headerRaw: String
        var delimiter: Character
        var rows: [Row] = []
        /// Records read (a DREAM record can give many rows).
        var recordsRead = 0
        /// Persons a DREAM file names, with their lines, benefits or not.
        var dreamPersons: [(id: String, line: Int)] = []
        /// Reasons for rejecting a record, by line.
        var rejected: [Int: [(column: String, reason: String)]] = [:]
    }

    /// Imports `paths` (files or folders). `kind` overrides what the file names say.
    public func run(paths: [String], acceptValid: Bool, kind: FileKind? = nil) throws -> ImportReport {
        let inputs = try resolve(paths, kind: kind)
        var report = ImportReport()
        var reference = try destination.referenceData()
        var files: [ReadFile] = []
        for (path, kind) in inputs {
            var file = try read(path, kind, reference, &report)
            if kind == .koder {
                for row in file.rows { if case .code(let c) = row.record { reference.add(c) } }
            }
            file.rows.sort { $0.line < $1.line }
            files.append(file)
        }
        return try finish(files, reference, acceptValid, &report)
    }

    /// Imports DREAM files (``DreamLayout``) as benefit periods, mapping codes with the
    /// code list at `codeList`. Persons not yet known are added with only their `person_id`.
    public func runDream(paths: [String], codeList: String, acceptValid: Bool) throws -> ImportReport {
        var report = ImportReport()
        let reference = try destination.referenceData()
        let codes = try DreamCodeList(path: codeList, reference: reference)
        var files = try paths.map { try readDream($0, codes, &report) }
        let known = try destination.storedKeys(.personer)
        var newPersons = Set<String>()
        var persons = ReadFile(path: "", name: "personer fra DREAM", kind: .personer, headerRaw: "", delimiter: ";")
        for file in files {
            for (id, line) in file.dreamPersons where !known.contains(id) && newPersons.insert(id).inserted {
                persons.rows.append(Row(record: .person(Person(id: id)), line: line))
            }
        }
        persons.recordsRead = persons.rows.count
        files.insert(persons, at: 0)
        return try finish(files, reference, acceptValid, &report)
    }

    /// Checks across rows, then writes all (or, accepting valid rows, the good ones) and quarantines the rest.
    private func finish(_ files: [ReadFile], _ reference: ReferenceData, _ acceptValid: Bool,
                        _ report: inout ImportReport) throws -> ImportReport {
        var files = files
        try checkAcrossRows(&files, reference, &report)

        for file in files {
            var entry = ImportReport.File(path: file.path.isEmpty ? file.name : file.path, kind: file.kind)
            entry.rowsRead = file.recordsRead
            entry.rejected = file.rejected.count
            report.files.append(entry)
            for (line, reasons) in file.rejected.sorted(by: { $0.key < $1.key }) {
                for (column, reason) in reasons {
                    report.errors.append(RowIssue(file: file.name, line: line, column: column, reason: reason))
                }
            }
        }
        report.errors.sort { ($0.file, $0.line) < ($1.file, $1.line) }
        if !report.errors.isEmpty && !acceptValid { return report }

        var batch: [FileKind: [RegisterRecord]] = [:]
        var seen: [FileKind: Set<String>] = [:]
        for (i, file) in files.enumerated() {
            for row in file.rows where file.rejected[row.line] == nil {
                // Identical duplicates were counted already; write each key once.
                if seen[file.kind, default: []].insert(row.record.naturalKey).inserted {
                    batch[file.kind, default: []].append(row.record)
                } else {
                    report.files[i].identicalDuplicates += 1
                }
            }
        }
        let counts = try destination.write(batch)
        report.written = true
        // Counts are per kind; spread them over that kind's files (usually one).
        for (i, file) in report.files.enumerated() where files.filter({ $0.kind == file.kind }).count == 1 {
            report.files[i].counts = counts[file.kind] ?? WriteCounts()
        }
        for (i, file) in files.enumerated() where !file.rejected.isEmpty {
            report.files[i].quarantinePath = try writeQuarantine(file)
        }
        return report
    }

    /// Files to read with their kinds, in import order.
    func resolve(_ paths: [String], kind: FileKind?) throws -> [(String, FileKind)] {
        var out: [(String, FileKind)] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ImportUsageError(message: "\(path): filen eller mappen findes ikke")
            }
            if isDir.boolValue {
                let names = try fm.contentsOfDirectory(atPath: path).sorted()
                for name in names where name.lowercased().hasSuffix(".csv") && !name.contains(".karantaene.") {
                    let full = (path as NSString).appendingPathComponent(name)
                    if let k = kind ?? FileKind.detect(fileName: name) { out.append((full, k)) }
                }
                if out.isEmpty {
                    throw ImportUsageError(message: "\(path): ingen filer med kendte navne (\(FileKind.allCases.map(\.fileName).joined(separator: ", ")))")
                }
            } else {
                guard let k = kind ?? FileKind.detect(fileName: path) else {
                    throw ImportUsageError(message: "\(path): filtypen kan ikke ses af navnet; brug --kind \(FileKind.allCases.map(\.rawValue).joined(separator: "|"))")
                }
                out.append((path, k))
            }
        }
        return out.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element)
    }

    func read(_ path: String, _ kind: FileKind, _ reference: ReferenceData, _ report: inout ImportReport) throws -> ReadFile {
        let reader = try CSVReader(path: path)
        let name = reader.fileName
        var file = ReadFile(path: path, name: name, kind: kind, headerRaw: reader.headerRaw,
                            delimiter: Character(UnicodeScalar(reader.delimiter)))
        var columns: [String: Int] = [:]
        var extra: [(String, Int)] = []
        let known = Set(kind.columns.map(\.name))
        for (i, raw) in reader.header.enumerated() {
            let column = ColumnName.normalise(raw)
            if columns[column] != nil || extra.contains(where: { $0.0 == column }) {
                throw CSVError(file: name, line: 1, reason: "\(raw): kolonnen står to gange i overskriften")
            }
            if known.contains(column) { columns[column] = i } else { extra.append((raw, i)) }
        }
        let missing = kind.columns.filter { $0.required && columns[$0.name] == nil }.map(\.name)
        if !missing.isEmpty {
            throw CSVError(file: name, line: 1, reason: "\(missing.joined(separator: ", ")): påkrævet kolonne mangler i overskriften (\(kind.fileName))")
        }
        if !extra.isEmpty {
            report.notices.append("\(name): ukendte kolonner gemmes ved siden af rækken: \(extra.map(\.0).joined(separator: ", "))")
        }
        try forEachRecord(reader, &file) { record, file in
            var r = RowReader(fields: record.fields, columns: columns, extraColumns: extra)
            if let parsed = RegisterRecord.parse(kind, &r, reference) {
                file.rows.append(Row(record: parsed, line: record.line))
                if case .benefit(let b) = parsed, let code = reference.code(.ydelse, b.benefit), !code.isValid(throughout: b.days) {
                    report.warnings.append(RowIssue(file: name, line: record.line, column: "ydelse",
                        reason: "koden '\(b.benefit)' gælder \(validity(code)); rækken er indlæst med en advarsel"))
                }
            } else {
                file.rejected[record.line] = r.problems
            }
        }
        return file
    }

    /// Calls `body` with each record of the right width, rejecting the others, with a progress
    /// line every 100.000 records.
    private func forEachRecord(_ reader: CSVReader, _ file: inout ReadFile, _ body: (CSVRecord, inout ReadFile) throws -> Void) throws {
        var count = 0
        while let record = try reader.next() {
            count += 1
            if count % 100_000 == 0 { progress("\(file.name): \(DanishFormat.integer(count)) rækker læst") }
            guard record.fields.count == reader.header.count else {
                file.rejected[record.line] = [("række", "rækken har \(record.fields.count) felter, men overskriften har \(reader.header.count)")]
                continue
            }
            try body(record, &file)
        }
        if count >= 100_000 { progress("\(file.name): \(DanishFormat.integer(count)) rækker læst i alt") }
        file.recordsRead = count
    }

    /// Reads one DREAM file row by row (it never holds the file), giving benefit periods.
    func readDream(_ path: String, _ codes: DreamCodeList, _ report: inout ImportReport) throws -> ReadFile {
        let reader = try CSVReader(path: path)
        let layout = try DreamLayout(header: reader.header, fileName: reader.fileName)
        var file = ReadFile(path: path, name: reader.fileName, kind: .ydelsesforloeb, headerRaw: reader.headerRaw,
                            delimiter: Character(UnicodeScalar(reader.delimiter)))
        try forEachRecord(reader, &file) { record, file in
            switch layout.periods(record.fields, codes, header: reader.header) {
            case .success(let (person, periods)):
                file.dreamPersons.append((person, record.line))
                for period in periods { file.rows.append(Row(record: .benefit(period), line: record.line)) }
            case .failure(let problems):
                file.rejected[record.line] = problems.list
            }
        }
        return file
    }

    private func validity(_ code: Code) -> String {
        switch (code.validFrom, code.validTo) {
        case let (f?, t?): return "fra \(f.danish) til \(t.danish)"
        case let (f?, nil): return "fra \(f.danish)"
        case let (nil, t?): return "til \(t.danish)"
        default: return "altid"
        }
    }

    /// Rules that look across rows and at the store: duplicate keys, references, overlaps.
    func checkAcrossRows(_ files: inout [ReadFile], _ reference: ReferenceData, _ report: inout ImportReport) throws {
        func reject(_ f: Int, _ row: Row, _ column: String, _ reason: String) {
            files[f].rejected[row.line, default: []].append((column, reason))
        }
        // Same key twice: identical rows are one row; different rows are an error.
        var firstByKey: [FileKind: [String: (file: Int, row: Row)]] = [:]
        for f in files.indices {
            for row in files[f].rows {
                let key = row.record.naturalKey
                if let first = firstByKey[files[f].kind]?[key] {
                    if first.row.record != row.record {
                        reject(f, row, "nøgle", "samme nøgle som \(files[first.file].name) linje \(first.row.line), men med andet indhold")
                    }
                } else {
                    firstByKey[files[f].kind, default: [:]][key] = (f, row)
                }
            }
        }
        // References exist in the store or arrive (accepted) in this import.
        var known: [FileKind: Set<String>] = [:]
        func keys(_ kind: FileKind) throws -> Set<String> {
            if let k = known[kind] { return k }
            var k = try destination.storedKeys(kind)
            for file in files where file.kind == kind {
                for row in file.rows where file.rejected[row.line] == nil { k.insert(row.record.naturalKey) }
            }
            known[kind] = k
            return k
        }
        for f in files.indices {
            for row in files[f].rows where files[f].rejected[row.line] == nil {
                var refs: [(String, FileKind, String?)] = []
                switch row.record {
                case .benefit(let b): refs = [("person_id", .personer, b.personID)]
                case .activity(let a):
                    refs = [("person_id", .personer, a.personID), ("cvr", .virksomheder, a.cvr), ("indsats_id", .indsatser, a.initiativeID)]
                case .conversation(let c): refs = [("person_id", .personer, c.personID)]
                case .contact(let c): refs = [("cvr", .virksomheder, c.cvr)]
                case .jobOrder(let j): refs = [("cvr", .virksomheder, j.cvr)]
                default: break
                }
                for (column, kind, value) in refs {
                    if let value, try !keys(kind).contains(value) {
                        reject(f, row, column, "'\(value)' findes ikke i \(kind.fileName) (hverken gemt eller i denne import)")
                    }
                }
            }
        }
        try checkOverlaps(&files)
    }

    /// A person's periods on different benefits must not overlap; both rows are reported.
    func checkOverlaps(_ files: inout [ReadFile]) throws {
        struct Entry { var period: BenefitPeriod; var file: Int?; var line: Int }
        var byPerson: [String: [Entry]] = [:]
        var keysInFiles = Set<String>()
        for f in files.indices where files[f].kind == .ydelsesforloeb {
            for row in files[f].rows where files[f].rejected[row.line] == nil {
                guard case .benefit(let b) = row.record else { continue }
                byPerson[b.personID, default: []].append(Entry(period: b, file: f, line: row.line))
                keysInFiles.insert(row.record.naturalKey)
            }
        }
        guard !byPerson.isEmpty else { return }
        for stored in try destination.storedBenefitPeriods(of: Set(byPerson.keys))
        where !keysInFiles.contains(RegisterRecord.benefit(stored).naturalKey) {
            byPerson[stored.personID, default: []].append(Entry(period: stored, file: nil, line: 0))
        }
        func describe(_ e: Entry) -> String {
            let place = e.file.map { "\(files[$0].name) linje \(e.line)" } ?? "et gemt forløb"
            return "\(e.period.benefit) \(e.period.days) (\(place))"
        }
        for (_, entries) in byPerson {
            let sorted = entries.sorted { $0.period.start < $1.period.start }
            var open: [Entry] = []
            for e in sorted {
                open.removeAll { $0.period.days.end < e.period.start }
                for o in open where o.period.benefit != e.period.benefit {
                    if let f = e.file {
                        files[f].rejected[e.line, default: []].append(("start", "forløbet overlapper med \(describe(o)) for samme person"))
                    }
                    if let f = o.file {
                        files[f].rejected[o.line, default: []].append(("start", "forløbet overlapper med \(describe(e)) for samme person"))
                    }
                }
                open.append(e)
            }
        }
    }

    /// Writes the rejected records unchanged, each with its reason, beside the input.
    func writeQuarantine(_ file: ReadFile) throws -> String {
        let base = file.path.lowercased().hasSuffix(".csv") ? String(file.path.dropLast(4)) : file.path
        let path = base + ".karantaene.csv"
        let delimiter = file.delimiter.asciiValue.map { Character(UnicodeScalar($0)) } ?? ";"
        let writer = try CSVWriter(path: path, header: [], delimiter: delimiter, byteOrderMark: true)
        writer.write(raw: file.headerRaw, then: ["aarsag"])
        let reader = try CSVReader(path: file.path)
        while let record = try reader.next() {
            guard let reasons = file.rejected[record.line] else { continue }
            writer.write(raw: record.raw, then: [reasons.map { "\($0.column): \($0.reason)" }.joined(separator: " | ")])
        }
        try writer.close()
        return path
    }
}
