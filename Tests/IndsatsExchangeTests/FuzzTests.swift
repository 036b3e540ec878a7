import Foundation
import IndsatsCore
import IndsatsExchange
import IndsatsTestSupport
import Testing

/// Random and mutated input for the CSV reader and the importer: every case must end
/// in a report or a Danish error, never a crash or a hang, and all-or-nothing must hold.
@Suite("Fuzzing af CSV-indlæsningen")
struct FuzzTests {
    static let valid: [String: String] = [
        "personer.csv":
            "person_id;cpr;foedselsdato;koen;kommune;cv_dato\r\nP1;010190-1234;1990-01-01;K;169;2024-01-05\r\nP2;;29-02-2000;M;151;\r\n",
        "ydelsesforloeb.csv":
            "person_id;ydelse;start;slut;afgang\nP1;dagpenge;2024-02-29;2024-03-31;job\nP2;sygedagpenge;2024-01-01;;\n\"P1\";\"kontanthjaelp_jobparat\";2024-05-01;2024-06-30;\"ukendt\"\n",
        "samtaler.csv":
            "person_id;dato;type;medarbejder;enhed\nP1;2024-03-01;jobsamtale;M1;Jobservice\nP2;2024-03-02;cv_samtale;;Ungeenheden\n",
    ]

    /// One mutation of `bytes`: flip, insert or delete bytes, or splice in CSV's special characters.
    static func mutate(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var b = bytes
        let specials: [[UInt8]] = [
            [0x3B], [0x22], [0x0D], [0x0A], [0x0D, 0x0A], [0xEF, 0xBB, 0xBF], [0xC3], [0xFF], [0x00], Array("æøå".utf8),
            Array("2024-02-30".utf8), Array("9999999999999999999".utf8), [0x22, 0x22], Array(";;;;;;;;".utf8),
        ]
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let at = b.isEmpty ? 0 : Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where !b.isEmpty: b[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: b.insert(contentsOf: specials[Int.random(in: 0..<specials.count, using: &rng)], at: at)
            case 2 where !b.isEmpty: b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...8, using: &rng)))
            default: b.insert(contentsOf: b[at..<min(b.count, at + 20)], at: at)  // a repeated stretch
            }
        }
        return b
    }

    @Test("2.000 mutated and random files: a report or a CSV error, and nothing written when a row is rejected", arguments: 0..<4)
    func mutatedFiles(batch: Int) throws {
        var rng = SeededGenerator(seed: UInt64(100 + batch))
        for round in 0..<500 {
            let folder = temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            for (name, text) in Self.valid {
                let bytes: [UInt8] =
                    round % 10 == 0
                    ? (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                    : Self.mutate(Array(text.utf8), &rng)
                #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes)))
            }
            let destination = MemoryDestination()
            do {
                let report = try Importer(destination: destination).run(paths: [folder], acceptValid: round % 2 == 1)
                if !report.errors.isEmpty && round % 2 == 0 { #expect(destination.writes == 0, "round \(round)") }
                for issue in report.errors { #expect(!issue.description.isEmpty) }
            } catch let error as CSVError {
                #expect(!error.description.isEmpty)
                #expect(destination.writes == 0)
            } catch let error as ImportUsageError {
                #expect(!error.message.isEmpty)
            }
        }
    }
}
