import Foundation
import IndsatsContract

/// Records of any kinds encoded as the contract's CSV rows in memory, one block
/// per kind. Threads can fill batches side by side; ``RegisterCSVWriter``
/// appends them to the files in the order given.
///
/// ```swift
/// var batch = RegisterCSVBatch()
/// batch.add(.person(Person(id: "P1")))
/// writer.append(batch)
/// ```
public struct RegisterCSVBatch: Sendable {
    fileprivate var rows = [CSVRowEncoder](repeating: CSVRowEncoder(), count: FileKind.allCases.count)
    fileprivate var counts = [Int](repeating: 0, count: FileKind.allCases.count)
    /// Bytes encoded so far, over all kinds.
    public private(set) var byteCount = 0

    public init() {}

    public mutating func add(_ record: RegisterRecord) {
        let k = record.kind.ordinal
        let before = rows[k].bytes.count
        record.visitColumns(&rows[k])
        rows[k].endRow()
        counts[k] += 1
        byteCount += rows[k].bytes.count - before
    }
}

/// Writes records as the contract's CSV files in a folder, one file per kind,
/// streaming: `personer.csv`, `ydelsesforloeb.csv`, ...
///
/// ```swift
/// let out = try RegisterCSVWriter(folder: "data")
/// out.write(.person(Person(id: "P1")))
/// try out.close()
/// ```
public final class RegisterCSVWriter {
    private var files: [FileHandle?]
    private var pending = RegisterCSVBatch()
    private var writeError: (any Error)?
    public let folder: String
    /// Rows written per kind.
    public private(set) var counts: [FileKind: Int] = [:]

    public init(folder: String, kinds: [FileKind] = FileKind.allCases.filter { $0 != .koder }) throws {
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        files = Array(repeating: nil, count: FileKind.allCases.count)
        for kind in kinds {
            let path = (folder as NSString).appendingPathComponent(kind.fileName)
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let handle = FileHandle(forWritingAtPath: path)
            else {
                throw CSVError(file: path, line: 0, reason: "filen kan ikke skrives")
            }
            var header = CSVRowEncoder()
            header.append(bytes: CSVRowEncoder.byteOrderMark)
            for column in kind.columns { header.text(column.name) }
            header.endRow()
            try handle.write(contentsOf: header.bytes)
            files[kind.ordinal] = handle
        }
    }

    public func write(_ record: RegisterRecord) {
        pending.add(record)
        if pending.byteCount >= 4 << 20 { flush() }
    }

    /// Appends a batch encoded elsewhere, after everything written so far.
    public func append(_ batch: RegisterCSVBatch) {
        flush()
        store(batch)
    }

    private func flush() {
        store(pending)
        pending = RegisterCSVBatch()
    }

    private func store(_ batch: RegisterCSVBatch) {
        for kind in FileKind.allCases where batch.counts[kind.ordinal] > 0 {
            guard let handle = files[kind.ordinal] else { preconditionFailure("\(kind.fileName) was not opened") }
            do { try handle.write(contentsOf: batch.rows[kind.ordinal].bytes) } catch { writeError = writeError ?? error }
            counts[kind, default: 0] += batch.counts[kind.ordinal]
        }
    }

    /// Flushes and closes every file; throws the first write error, if any.
    public func close() throws {
        flush()
        for handle in files { try handle?.close() }
        if let writeError { throw writeError }
    }
}
