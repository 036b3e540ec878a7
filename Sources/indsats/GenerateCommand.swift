import ArgumentParser
import Dispatch
import Foundation
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsSynthetic
import Synchronization

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lav en syntetisk kommune som CSV-filer efter datakontrakten.",
        discussion: "Samme --seed giver altid samme filer. Der laves ingen CPR-numre, kun fødselsdatoer.")

    @Option(help: "Antal personer.") var personer: Int = 10_000
    @Option(help: "Frø for tilfældighederne.") var seed: UInt64 = 1
    @Option(help: "Mappe at skrive filerne i.") var ud: String
    @Option(help: "Datadato: sidste dag med data (ÅÅÅÅ-MM-DD).") var til: String = "2026-10-31"

    func run() throws {
        guard personer > 0 else { throw UsageError("--personer skal være mindst 1") }
        guard let to = Day(parsing: til) else { throw UsageError("--til: '\(til)' er ikke en gyldig dato") }
        let counts = try generateMunicipality(persons: personer, seed: seed, to: to, folder: ud)
        for kind in FileKind.allCases where counts[kind] != nil {
            print("\(kind.fileName): \(DanishFormat.integer(counts[kind]!)) rækker")
        }
    }
}

/// Streams a synthetic municipality to CSV files in `folder`. Persons are made
/// in blocks on every core and written in order, so the files do not depend
/// on the number of cores.
func generateMunicipality(persons: Int, seed: UInt64, to: Day, folder: String) throws -> [FileKind: Int] {
    let generator = MunicipalityGenerator(persons: persons, seed: seed, to: to)
    let out = try RegisterCSVWriter(folder: folder)
    var sink = BatchSink()
    let organisation = generator.makeOrganisation(into: &sink)
    out.append(sink.batch)

    let blockSize = 2_000
    let blocks = stride(from: 0, to: persons, by: blockSize).map { $0..<min($0 + blockSize, persons) }
    let roundSize = 4 * ProcessInfo.processInfo.activeProcessorCount
    for round in stride(from: 0, to: blocks.count, by: roundSize) {
        let chunk = Array(blocks[round..<min(round + roundSize, blocks.count)])
        let made = Mutex([RegisterCSVBatch?](repeating: nil, count: chunk.count))
        DispatchQueue.concurrentPerform(iterations: chunk.count) { i in
            var sink = BatchSink()
            generator.makePersons(chunk[i], in: organisation, into: &sink)
            made.withLock { $0[i] = sink.batch }
        }
        for batch in made.withLock({ $0 }) { out.append(batch!) }
    }
    try out.close()
    return out.counts
}

/// Collects the generator's rows as encoded CSV.
private struct BatchSink: RegisterSink {
    var batch = RegisterCSVBatch()
    mutating func add(_ record: RegisterRecord) { batch.add(record) }
}
