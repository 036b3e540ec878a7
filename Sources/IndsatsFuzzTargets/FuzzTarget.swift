import Foundation
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsEconomy
import IndsatsExchange

/// Every parser of outside bytes, as one function each that libFuzzer can call:
/// whatever the bytes, it must return (a value or a Danish error), never trap.
/// `indsats-fuzz` runs them under libFuzzer (`scripts/fuzz`); the tests replay the
/// kept corpus and every crash ever found (`Fuzz/`).
///
/// ```swift
/// FuzzTarget.multipart.run(Array("multipart/form-data; boundary=XX\n--XX--".utf8))
/// ```
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A multipart upload: the first line is the Content-Type, the rest the body.
    case multipart
    /// A URL-encoded form.
    case formular
    /// The KPI API's query string (`fra=...&til=...&opdel=...`), through ``KPIQuery/parse``.
    case foresporgsel
    /// A contract CSV file; the first byte picks the file kind, the importer checks the rest.
    case csv
    /// A workbook: the reader, the proposals' sheet, and a register file's sheet through the import.
    case xlsx
    /// A proposals file (JSON).
    case forslag
    /// A business case (JSON).
    case businesscase
    /// `satser.csv` or `refusion.csv`; the first byte picks which.
    case satser
    /// Employment plans (JSON).
    case planer
    /// Weekly targets (JSON).
    case ugemaal
    /// A DREAM extract, with the example code list.
    case dream
    /// A register snapshot (the file beside the database), read whole and for two parts
    /// under the key it names; or kept answers and published tables, read and made into them.
    case oejebliksbillede

    public func run(_ bytes: [UInt8]) {
        switch self {
        case .multipart:
            let cut = bytes.firstIndex(of: 10) ?? bytes.count
            _ = FormDecoding.multipart(Array(bytes[cut...].dropFirst()), contentType: String(decoding: bytes[..<cut], as: UTF8.self))
        case .formular:
            _ = FormDecoding.urlEncoded(bytes)
        case .foresporgsel:
            var single: [String: String] = [:], split: [String] = [], filters: [String] = []
            for pair in bytes.split(separator: UInt8(ascii: "&")) {
                let fields = FormDecoding.urlEncoded(Array(pair))
                for (name, value) in fields {
                    switch name {
                    case "opdel": split.append(value)
                    case "filter": filters.append(value)
                    default: single[name] = value
                    }
                }
            }
            _ = try? KPIQuery.parse(
                measure: single["kpi"] ?? "personer", from: single["fra"], to: single["til"], period: single["periode"],
                splitBy: split, filters: filters, months: single["maaneder"])
        case .csv:
            guard let first = bytes.first else { return }
            let kind = FileKind.allCases[Int(first) % FileKind.allCases.count]
            let path = Self.file(kind.fileName, bytes.dropFirst())
            _ = try? Importer(destination: DiscardingDestination()).run(
                paths: [path], acceptValid: first & 0x80 != 0, kind: kind, trial: first & 0x40 != 0)
            // The bytes as a file name, as a folder import reads names.
            _ = FileName.recognise(String(decoding: bytes.prefix(48), as: UTF8.self) + ".csv")
        case .xlsx:
            _ = try? Workbook(xlsx: Data(bytes), fileName: "fuzz.xlsx")
            _ = try? ProposalWorkbook.catalogue(xlsx: Data(bytes))
            // As a register file: the sheet reader, Excel dates in a kind with day columns, the checks.
            _ = try? Importer(destination: DiscardingDestination()).run(
                paths: [Self.file("ydelsesforloeb.xlsx", bytes[...])], acceptValid: true)
        case .forslag:
            _ = try? ProposalCatalogue.read(Data(bytes))
        case .businesscase:
            _ = try? BusinessCase.read(Data(bytes))
        case .satser:
            guard let first = bytes.first else { return }
            let path = Self.file(first % 2 == 0 ? "satser.csv" : "refusion.csv", bytes.dropFirst())
            _ = try? PriceFile.read(paths: [path], replacing: .defaults)
        case .planer:
            _ = try? EmploymentPlan.read(Data(bytes))
        case .ugemaal:
            _ = try? WeeklyTargets.read(Data(bytes))
        case .oejebliksbillede:
            var kept = SnapshotBuffer(bytes: bytes)
            if let key = try? Snapshot.key(ResultColumns.self, in: &kept) {
                var input = SnapshotBuffer(bytes: bytes)
                _ = (try? Snapshot.read(ResultColumns.self, from: &input, key: key))??.kept
            }
            var input = SnapshotBuffer(bytes: bytes)
            guard let key = try? Snapshot.key(Register.self, in: &input) else { return }
            for parts in [RegisterParts.all, [.persons, .benefits]] {
                var input = SnapshotBuffer(bytes: bytes)
                _ = try? Snapshot.read(Register.self, from: &input, key: key, parts: parts)
            }
        case .dream:
            let codes = Self.file("dream-koder.csv", ArraySlice(Self.dreamCodes.utf8))
            _ = try? Importer(destination: DiscardingDestination()).runDream(
                paths: [Self.file("dream.csv", bytes[...])], codeList: codes, acceptValid: true)
        }
    }

    /// A small DREAM code list in the documented format.
    static let dreamCodes = "kode;ydelse\r\n111;dagpenge\r\n890;sygedagpenge\r\n"

    /// `bytes` written to `name` in this process's own folder; the path.
    static func file(_ name: String, _ bytes: ArraySlice<UInt8>) -> String {
        let folder = NSTemporaryDirectory() + "indsats-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))  // a file not made is read as missing
        return path
    }
}

/// An import destination that keeps nothing: the importer's checks run, the rows go nowhere.
final class DiscardingDestination: ImportDestination {
    func importSession(_ body: (any ImportSession) throws -> Bool) throws { _ = try body(Session()) }

    final class Session: ImportSession {
        private var written: [FileKind: WriteCounts] = [:]
        func referenceData() throws -> ReferenceData { .defaults }
        func storedKeys(_ kind: FileKind) throws -> Set<String> { [] }
        func isStored(_ kind: FileKind, key: String) throws -> Bool { false }
        func forEachStored(_ kind: FileKind, _ body: (RegisterRecord) throws -> Void) throws {}
        func removeAll(_ kind: FileKind) throws {}
        func write(_ record: RegisterRecord) throws {}
        func counts() throws -> [FileKind: WriteCounts] { written }
    }
}
