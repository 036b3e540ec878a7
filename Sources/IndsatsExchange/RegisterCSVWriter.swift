import Foundation

/// Writes records as the contract's CSV files in a folder, one file per kind,
/// streaming: `personer.csv`, `ydelsesforloeb.csv`, ...
///
/// ```swift
/// let out = try RegisterCSVWriter(folder: "data")
/// out.write(.person(Person(id: "P1")))
/// try out.close()
/// ```
public final class RegisterCSVWriter {
    private var writers: [FileKind: CSVWriter] = [:]
    public let folder: String
    /// Rows written per kind.
    public private(set) var counts: [FileKind: Int] = [:]

    public init(folder: String, kinds: [FileKind] = FileKind.allCases.filter { $0 != .koder }) throws {
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for kind in kinds {
            writers[kind] = try CSVWriter(path: (folder as NSString).appendingPathComponent(kind.fileName),
                                          header: kind.columns.map(\.name))
        }
    }

    public func write(_ record: RegisterRecord) {
        writers[record.kind]!.write(record.columnValues.map { $0 ?? "" })
        counts[record.kind, default: 0] += 1
    }

    public func close() throws {
        for writer in writers.values { try writer.close() }
    }
}
