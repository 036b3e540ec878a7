import Foundation
import IndsatsContract
import IndsatsCore

/// What the reading thread makes of a file's records, in file order.
enum ParsedRow: Sendable {
    /// A valid row, with its fingerprint when the checking pass needs it.
    case row(line: Int, RegisterRecord, RowFingerprint?)
    /// A person a DREAM record names, sent before that record's rows.
    case person(String)
    case rejected(line: Int, [(column: String, reason: String)])
    case warning(RowIssue)
    /// Records read so far, now and then.
    case progress(Int)
    /// The end of the file: records read, the code lists with the file's own codes added, and
    /// the file's text encoding.
    case end(Int, ReferenceData, TextEncoding)
    case failure(CSVError)
}

/// Turns the records of one file into ``ParsedRow``s on a thread of its own.
/// It holds only values, so it can be handed to that thread whole.
struct RowParser: Sendable {
    enum Layout: Sendable {
        case contract(RowReader)
        case dream(DreamLayout, DreamCodeList)
    }

    var layout: Layout
    var path = ""
    var kind = FileKind.personer
    var reference = ReferenceData.defaults
    /// The checking pass wants fingerprints and warnings; the second pass does not.
    var checking = true
    /// Lines to pass over (the second pass skips what the first rejected or found twice).
    var skip: Set<Int> = []

    static let batchSize = 4_096

    /// Reads the whole file into `channel`, ending with ``ParsedRow/end(_:_:_:)``
    /// or ``ParsedRow/failure(_:)``; stops early when the channel is cancelled.
    func run(into channel: BatchChannel<ParsedRow>) {
        var reference = reference
        var batch: [ParsedRow] = []
        batch.reserveCapacity(Self.batchSize)
        do {
            let reader = try RegisterFile.open(path, kind: kind)
            reader.keepsRawText = false
            var count = 0
            while let record = try reader.next() {
                count += 1
                if count % 100_000 == 0 { batch.append(.progress(count)) }
                if skip.contains(record.line) { continue }
                if record.fields.count != reader.header.count {
                    batch.append(
                        .rejected(
                            line: record.line,
                            [("række", "rækken har \(record.fields.count) felter, men overskriften har \(reader.header.count)")]))
                } else {
                    parse(record, reader, &reference, into: &batch)
                }
                if batch.count >= Self.batchSize {
                    guard channel.send(batch) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            batch.append(.end(count, reference, reader.encoding))
        } catch {
            batch.append(.failure(error))
        }
        _ = channel.send(batch)
        channel.finish()
    }

    private func parse(_ record: CSVRecord, _ reader: any RecordSource, _ reference: inout ReferenceData, into batch: inout [ParsedRow]) {
        switch layout {
        case .contract(let rows):
            var values = rows.read(record.fields, reference)
            guard let parsed = rows.declaration.record(&values) else {
                return batch.append(.rejected(line: record.line, values.problems))
            }
            if case .code(let c) = parsed { reference.add(c) }
            if checking, case .benefit(let b) = parsed, let code = reference.code(.ydelse, b.benefit),
                !code.isValid(throughout: b.days)
            {
                batch.append(
                    .warning(
                        RowIssue(
                            file: reader.fileName, line: record.line, column: "ydelse",
                            reason: "koden '\(b.benefit)' gælder \(Self.validity(code)); rækken er indlæst med en advarsel")))
            }
            batch.append(.row(line: record.line, parsed, checking ? RowFingerprint(parsed, line: record.line) : nil))
        case .dream(let dream, let codes):
            switch dream.periods(record.fields, codes, header: reader.header) {
            case .success(let (person, periods)):
                batch.append(.person(person))
                for period in periods {
                    let row = RegisterRecord.benefit(period)
                    batch.append(.row(line: record.line, row, checking ? RowFingerprint(row, line: record.line) : nil))
                }
            case .failure(let problems):
                batch.append(.rejected(line: record.line, problems.list))
            }
        }
    }

    private static func validity(_ code: Code) -> String {
        switch (code.validFrom, code.validTo) {
        case let (f?, t?): return "fra \(f.danish) til \(t.danish)"
        case let (f?, nil): return "fra \(f.danish)"
        case let (nil, t?): return "til \(t.danish)"
        default: return "altid"
        }
    }
}

/// A bounded queue of batches from one producing thread to one consuming
/// thread. Either side may stop: the consumer by ``cancel()``, the producer
/// by ``finish()``. All state is guarded by one condition lock.
final class BatchChannel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[Element]] = []
    private var finished = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room; `false` when the consumer has cancelled.
    func send(_ batch: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, or `nil` once the producer has finished and all is taken.
    func receive() -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished && !cancelled { condition.wait() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
