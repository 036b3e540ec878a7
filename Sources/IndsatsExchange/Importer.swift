import Foundation
import IndsatsContract
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
    /// `true` when the import writes: nothing was rejected, or valid rows were accepted. A trial
    /// then has counts of what it would write.
    public var writes = false
    /// `true` for a trial run (``Importer/run(paths:acceptValid:kind:trial:)``): every check ran,
    /// the counts say what would have been written, and nothing was.
    public var trial = false
    /// `true` when the import wrote to the store.
    public var written: Bool { writes && !trial }

    /// 0 when everything was imported, 1 when a row was rejected.
    public var exitStatus: Int32 { errors.isEmpty ? 0 : 1 }
}

/// Validates files against the data contract and writes them to a destination,
/// all or nothing by default (docs/dataformat.md).
///
/// It streams: rows are checked and written as they are read, inside one
/// transaction, and only what the checks across rows need stays in memory
/// (fingerprints of keys, the keys rows refer to, compact benefit periods).
/// A rejected row rolls the transaction back; with `acceptValid` a second pass
/// then writes the rows that passed.
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

    /// Imports `paths` (files or folders). `kind` overrides what the file names say. A `trial`
    /// runs every check and counts what would be written, then rolls everything back.
    public func run(paths: [String], acceptValid: Bool, kind: FileKind? = nil, trial: Bool = false) throws -> ImportReport {
        let (resolved, notices) = try resolve(paths, kind: kind)
        var report = try importFiles(
            resolved.map { InputFile(path: $0.0, kind: $0.1) }, dreamCodeList: nil, acceptValid: acceptValid, trial: trial)
        report.notices = notices + report.notices
        return report
    }

    /// Imports DREAM files (``DreamLayout``) as benefit periods, mapping codes with the
    /// code list at `codeList`. Persons not yet known are added with only their `person_id`.
    public func runDream(paths: [String], codeList: String, acceptValid: Bool, trial: Bool = false) throws -> ImportReport {
        var persons = InputFile(path: "", kind: .personer)
        persons.name = "personer fra DREAM"
        persons.role = .dreamPersons
        let files =
            [persons]
            + paths.map { path in
                var file = InputFile(path: path, kind: .ydelsesforloeb)
                file.role = .dream
                return file
            }
        return try importFiles(files, dreamCodeList: codeList, acceptValid: acceptValid, trial: trial)
    }

    /// Checks and writes in one transaction, committed only when nothing was
    /// rejected; accepting valid rows, a second transaction writes the good ones.
    /// A trial rolls both back, so the store (and its import log) is as it was.
    private func importFiles(_ files: [InputFile], dreamCodeList: String?, acceptValid: Bool, trial: Bool) throws -> ImportReport {
        let check = ImportPass(files: files, mode: .check, dreamCodeList: dreamCodeList, progress: progress)
        try destination.importSession { session in
            try check.run(session)
            return !check.hasRejections && !trial
        }
        var report = ImportReport()
        report.warnings = check.warnings
        report.notices = check.notices
        var final = check
        if check.hasRejections && acceptValid {
            final = ImportPass(files: check.files, mode: .writeAccepted, dreamCodeList: dreamCodeList, progress: progress)
            try destination.importSession { session in
                try final.run(session)
                return !trial
            }
        }
        report.writes = !check.hasRejections || acceptValid
        report.trial = trial
        for file in final.files {
            var entry = ImportReport.File(path: file.path.isEmpty ? file.name : file.path, kind: file.kind)
            entry.rowsRead = file.recordsRead
            entry.rejected = file.rejected.count
            entry.identicalDuplicates = file.identicalDuplicates
            for (line, reasons) in file.rejected {
                for (column, reason) in reasons {
                    report.errors.append(RowIssue(file: file.name, line: line, column: column, reason: reason))
                }
            }
            report.files.append(entry)
        }
        report.errors.sort { ($0.file, $0.line) < ($1.file, $1.line) }
        guard report.writes else { return report }
        // Counts are per kind; give them to the kind's file when it has only one (the usual case).
        // An identical duplicate was written again and counted unchanged: take it back out.
        for (i, file) in final.files.enumerated() where final.files.filter({ $0.kind == file.kind }).count == 1 {
            var counts = final.counts[file.kind] ?? WriteCounts()
            if final.mode == .check { counts.unchanged -= file.identicalDuplicates }
            report.files[i].counts = counts
        }
        for (i, file) in final.files.enumerated() where !trial && !file.rejected.isEmpty && file.role != .dreamPersons {
            report.files[i].quarantinePath = try writeQuarantine(file)
        }
        return report
    }

    /// Files to read with their kinds, in import order, and a notice for each folder naming the
    /// files in it that are not read. A name a letter or two from a kind's is an error that
    /// suggests the kind's name: nothing is read while a file might be lost.
    func resolve(_ paths: [String], kind: FileKind?) throws -> (files: [(String, FileKind)], notices: [String]) {
        var out: [(String, FileKind)] = []
        var notices: [String] = []
        let fm = FileManager.default
        let known = FileKind.allCases.map(\.fileName).joined(separator: ", ")
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ImportUsageError(message: "\(path): filen eller mappen findes ikke")
            }
            guard isDir.boolValue else {
                switch (kind, FileName.recognise(path)) {
                case (let kind?, _), (nil, .kind(let kind)): out.append((path, kind))
                case (nil, .closeTo(let kind)):
                    throw ImportUsageError(
                        message: "\(path): filnavnet er ikke en kendt filtype; mente du \(kind.fileName)? Omdøb filen, eller brug --kind")
                case (nil, .other):
                    throw ImportUsageError(
                        message:
                            "\(path): filtypen kan ikke ses af navnet; brug --kind \(FileKind.allCases.map(\.rawValue).joined(separator: "|"))"
                    )
                }
                continue
            }
            var read = 0
            var misspelt: [String] = [], passedOver: [String] = [], quarantined: [String] = []
            for name in try fm.contentsOfDirectory(atPath: path).sorted() {
                let full = (path as NSString).appendingPathComponent(name)
                var isFolder: ObjCBool = false
                _ = fm.fileExists(atPath: full, isDirectory: &isFolder)
                if isFolder.boolValue {
                    passedOver.append(name + "/")
                } else if name.contains(".karantaene.") {
                    quarantined.append(name)
                } else {
                    // With --kind, every file with a register file's extension is of that kind.
                    let given = kind.flatMap { kind in FileName.hasRegisterExtension(name) ? FileName.kind(kind) : nil }
                    switch given ?? FileName.recognise(name) {
                    case .kind(let kind):
                        out.append((full, kind))
                        read += 1
                    case .closeTo(let kind): misspelt.append("\(name): mente du \(kind.fileName)?")
                    case .other: passedOver.append(name)
                    }
                }
            }
            if !misspelt.isEmpty {
                throw ImportUsageError(
                    message: "\(path): filnavne, der ligner en kendt filtype uden at være det (intet er indlæst; omdøb filerne):\n  "
                        + misspelt.joined(separator: "\n  "))
            }
            if read == 0 {
                throw ImportUsageError(message: "\(path): ingen filer med kendte navne (\(known))")
            }
            if !passedOver.isEmpty {
                notices.append("\(path): ikke indlæst, navnet er ingen kendt filtype: \(passedOver.joined(separator: ", "))")
            }
            if !quarantined.isEmpty {
                notices.append("\(path): karantænefiler fra tidligere importer er ikke indlæst: \(quarantined.joined(separator: ", "))")
            }
        }
        let files = out.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element)
        return (files, notices)
    }

    /// Writes the rejected records unchanged, each with its reason, beside the input.
    func writeQuarantine(_ file: InputFile) throws -> String {
        let ext = FileName.extensions.first { file.path.lowercased().hasSuffix($0) }
        let path = String(file.path.dropLast(ext?.count ?? 0)) + ".karantaene.csv"
        let delimiter = file.delimiter.asciiValue.map { Character(UnicodeScalar($0)) } ?? ";"
        let writer = try CSVWriter(path: path, header: [], delimiter: delimiter, byteOrderMark: true)
        writer.write(raw: file.headerRaw, then: ["aarsag"])
        let reader = try RegisterFile.open(file.path, kind: file.kind)
        while let record = try reader.next() {
            guard let reasons = file.rejected[record.line] else { continue }
            writer.write(raw: record.raw, then: [reasons.map { "\($0.column): \($0.reason)" }.joined(separator: " | ")])
        }
        try writer.close()
        return path
    }
}

/// One input file and what the checks found in it.
struct InputFile {
    enum Role { case contract, dream, dreamPersons }
    var path: String
    var kind: FileKind
    var role = Role.contract
    var name: String
    var headerRaw = ""
    var delimiter: Character = ";"
    /// Records read (a DREAM record can give many rows); persons made, for ``Role/dreamPersons``.
    var recordsRead = 0
    /// Reasons for rejecting a record, by line.
    var rejected: [Int: [(column: String, reason: String)]] = [:]
    /// Lines repeating an earlier row exactly: counted, and written once.
    var duplicateLines: Set<Int> = []
    var identicalDuplicates: Int { duplicateLines.count }

    init(path: String, kind: FileKind) {
        self.path = path
        self.kind = kind
        self.name = (path as NSString).lastPathComponent
    }
}

/// One pass over an import's files inside one session. The checking pass
/// applies every rule and writes until the first rejection (after which the
/// transaction is rolled back anyway); the second pass, when valid rows are
/// accepted, writes every row the first did not reject.
final class ImportPass {
    enum Mode { case check, writeAccepted }
    let mode: Mode
    private(set) var files: [InputFile]
    let dreamCodeList: String?
    let progress: (String) -> Void
    private(set) var warnings: [RowIssue] = []
    private(set) var notices: [String] = []
    private(set) var hasRejections = false
    private(set) var counts: [FileKind: WriteCounts] = [:]

    private var session: (any ImportSession)?
    private var writing = true
    private var reference = ReferenceData.defaults
    /// Keys rows may refer to: stored, or read in this import.
    private var knownKeys: [FileKind: KnownKeys] = [:]
    /// Fingerprints of the current kind's rows, for duplicate keys (checking pass only).
    private var repeatedKeys = RepeatedKeyFinder()
    /// The current kind's periods, when its declaration has a ``PeriodRule`` (checking pass only).
    private var overlaps: PeriodOverlapCheck?

    init(files: [InputFile], mode: Mode, dreamCodeList: String?, progress: @escaping (String) -> Void) {
        self.files = files
        self.mode = mode
        self.dreamCodeList = dreamCodeList
        self.progress = progress
    }

    func run(_ session: any ImportSession) throws {
        self.session = session
        defer { self.session = nil }
        reference = try session.referenceData()
        let codes = try dreamCodeList.map { try DreamCodeList(path: $0, reference: reference) }
        // The keys of every kind a file's rows refer to; kinds with a one-column key only.
        for referenced in Set(files.flatMap { $0.kind.declaration.columns.compactMap(\.references) }) {
            knownKeys[referenced] = KnownKeys(referenced)
        }
        for f in files.indices where files[f].role == .dreamPersons { files[f].recordsRead = 0 }
        var currentKind: FileKind?
        for f in files.indices where files[f].role != .dreamPersons {
            if let currentKind, currentKind != files[f].kind { finish(currentKind) }
            if currentKind != files[f].kind { try start(files[f].kind) }
            currentKind = files[f].kind
            if let codes, files[f].role == .dream { try readDream(f, codes) } else { try readContractFile(f) }
        }
        if let currentKind { finish(currentKind) }
        counts = try session.counts()
    }

    // MARK: Reading

    /// Reads a contract file: the header here, the rows on a thread of their own.
    private func readContractFile(_ f: Int) throws {
        let kind = files[f].kind
        let reader = try open(f)
        var columns: [String: Int] = [:]
        var extra: [(name: String, index: Int)] = []
        let known = Set(kind.columns.map(\.name))
        for (i, raw) in reader.header.enumerated() {
            let column = ColumnName.normalise(raw)
            if columns[column] != nil || extra.contains(where: { $0.0 == column }) {
                throw CSVError(file: reader.fileName, line: 1, reason: "\(raw): kolonnen står to gange i overskriften")
            }
            if known.contains(column) { columns[column] = i } else { extra.append((raw, i)) }
        }
        let missing = kind.columns.filter { $0.required && columns[$0.name] == nil }.map(\.name)
        if !missing.isEmpty {
            throw CSVError(
                file: reader.fileName, line: 1,
                reason: "\(missing.joined(separator: ", ")): påkrævet kolonne mangler i overskriften (\(kind.fileName))")
        }
        if mode == .check && !extra.isEmpty {
            notices.append("\(reader.fileName): ukendte kolonner gemmes ved siden af rækken: \(extra.map(\.0).joined(separator: ", "))")
        }
        let declaration = kind.declaration
        let rows = RowReader(declaration: declaration, fieldIndex: declaration.columns.map { columns[$0.name] }, extraColumns: extra)
        try consume(f, RowParser(layout: .contract(rows)))
    }

    /// Reads one DREAM file row by row (it never holds the file), giving benefit periods
    /// and the persons not known before.
    private func readDream(_ f: Int, _ codes: DreamCodeList) throws {
        let reader = try open(f)
        try consume(f, RowParser(layout: .dream(try DreamLayout(header: reader.header, fileName: reader.fileName), codes)))
    }

    private func open(_ f: Int) throws -> any RecordSource {
        let reader = try RegisterFile.open(files[f].path, kind: files[f].kind)
        reader.keepsRawText = false
        files[f].name = reader.fileName
        files[f].headerRaw = reader.headerRaw
        files[f].delimiter = Character(UnicodeScalar(reader.delimiter))
        return reader
    }

    /// Parses file `f` on another thread while this one checks and writes what it
    /// parsed: the two halves of an import take about as long, so both cores work.
    private func consume(_ f: Int, _ parser: RowParser) throws {
        var parser = parser
        parser.path = files[f].path
        parser.kind = files[f].kind
        parser.reference = reference
        parser.checking = mode == .check
        if mode == .writeAccepted { parser.skip = Set(files[f].rejected.keys).union(files[f].duplicateLines) }
        let channel = BatchChannel<ParsedRow>(capacity: 8)
        defer { channel.cancel() }
        let job = parser
        Thread.detachNewThread { job.run(into: channel) }
        let persons = files.firstIndex { $0.role == .dreamPersons }
        let verb = mode == .check ? "læst" : "gennemgået igen"
        while let batch = channel.receive() {
            for item in batch {
                switch item {
                case .row(let line, let record, var fingerprint):
                    fingerprint?.file = UInt32(f)
                    try accept(record, f, line, fingerprint)
                case .person(let id):
                    if try knownKeys[.personer, default: KnownKeys(.personer)].insert(id, in: session!) {
                        files[persons!].recordsRead += 1
                        if writing { try session!.write(.person(Person(id: id))) }
                    }
                case .rejected(let line, let problems):
                    reject(f, line, problems)
                case .warning(let issue):
                    warnings.append(issue)
                case .progress(let count):
                    progress("\(files[f].name): \(DanishFormat.integer(count)) rækker \(verb)")
                case .end(let count, let reference, let encoding):
                    if count >= 100_000 { progress("\(files[f].name): \(DanishFormat.integer(count)) rækker \(verb) i alt") }
                    if encoding == .windows1252 && mode == .check {
                        notices.append(
                            "\(files[f].name): læst som Windows-1252 (Excels \"CSV (semikolonsepareret)\"), så æ, ø og å er bevaret; "
                                + "gem som \"CSV UTF-8\" for at være sikker")
                    }
                    if mode == .check { files[f].recordsRead = count }
                    self.reference = reference
                case .failure(let error):
                    throw error
                }
            }
        }
    }

    // MARK: Checking and writing

    /// Checks a parsed row against the other rows and the store, and writes it.
    private func accept(_ record: RegisterRecord, _ f: Int, _ line: Int, _ fingerprint: RowFingerprint?) throws {
        if let fingerprint {
            try checkReferences(record, f, line)
            repeatedKeys.add(fingerprint)
            if let period = record.period { overlaps?.add(period, file: f, line: line) }
        }
        knownKeys[record.kind]?.note(record.naturalKey)
        if writing { try session!.write(record) }
    }

    private func reject(_ f: Int, _ line: Int, _ problems: [(column: String, reason: String)]) {
        files[f].rejected[line, default: []].append(contentsOf: problems)
        hasRejections = true
        if mode == .check { writing = false }
    }

    /// References exist in the store or arrive in this import.
    private func checkReferences(_ record: RegisterRecord, _ f: Int, _ line: Int) throws {
        let columns = record.kind.declaration.columns
        guard columns.contains(where: { $0.references != nil }) else { return }
        var values = FieldCollector()
        record.visitColumns(&values)
        for (column, value) in zip(columns, values.values) {
            guard let kind = column.references, case .text(let key)? = value, try knownKeys[kind]?.contains(key, in: session!) == false
            else { continue }
            reject(f, line, [(column.name, "'\(key)' findes ikke i \(kind.fileName) (hverken gemt eller i denne import)")])
        }
    }

    /// Gets ready for a kind's rows: the stored periods its new ones must not overlap.
    private func start(_ kind: FileKind) throws {
        overlaps = nil
        guard mode == .check, let rule = kind.declaration.periods else { return }
        var check = PeriodOverlapCheck(rule)
        try session!.forEachStored(kind) { if let period = $0.period { check.addStored(period) } }
        overlaps = check
    }

    /// Rules across all of a kind's rows, once they are all read: the same key twice
    /// (identical rows are one row; different rows are an error), and overlapping benefits.
    private func finish(_ kind: FileKind) {
        guard mode == .check else { return }
        repeatedKeys.forEachRepeat { first, repeated in
            if first.content == repeated.content {
                files[Int(repeated.file)].duplicateLines.insert(Int(repeated.line))
            } else {
                reject(
                    Int(repeated.file), Int(repeated.line),
                    [("nøgle", "samme nøgle som \(files[Int(first.file)].name) linje \(first.line), men med andet indhold")])
            }
        }
        if let check = overlaps {
            let conflicts = check.conflicts(place: { "\(files[$0].name) linje \($1)" }) { files[$0].rejected[$1] != nil }
            for conflict in conflicts { reject(conflict.file, conflict.line, [(check.rule.start, conflict.reason)]) }
            overlaps = nil
        }
    }

}
