import Foundation
import IndsatsCore
import IndsatsExchange
import IndsatsTestSupport
import Testing

@Suite("DREAM-indlæsning")
struct DreamTests {
    let codes = "kode;ydelse\n111;dagpenge\n890;sygedagpenge\n130;kontanthjaelp_jobparat\n651;\n"

    func importDream(
        _ text: String, codes: String? = nil, into destination: MemoryDestination = MemoryDestination(),
        acceptValid: Bool = false
    ) throws -> (ImportReport, MemoryDestination, String) {
        let folder = temporaryFolder()
        let dream = write(text, to: "dream.csv", in: folder)
        let list = write(codes ?? self.codes, to: "koder.csv", in: folder)
        let report = try Importer(destination: destination).runDream(paths: [dream], codeList: list, acceptValid: acceptValid)
        return (report, destination, folder)
    }

    func periods(_ destination: MemoryDestination) -> [BenefitPeriod] {
        (destination.records[.ydelsesforloeb] ?? [:]).values.compactMap { if case .benefit(let b) = $0 { b } else { nil } }
            .sorted { ($0.personID, $0.start) < ($1.personID, $1.start) }
    }

    @Test("Runs of weeks become periods from Monday to Sunday; the last week leaves a run open; across a year end")
    func runs() throws {
        // 2020 has week 53; 2021-W01 starts on Monday 4 January 2021.
        let (report, store, _) = try importDream(
            """
            \u{FEFF}person_id;y_2052;y_2053;y_2101;y_2102;y_2103\r
            P1;111;111;651;890;890\r
            P2;;130;130;111;\r
            P3;;;;;\r

            """)
        #expect(report.errors.map(\.description) == [])
        #expect(
            periods(store) == [
                BenefitPeriod(personID: "P1", benefit: "dagpenge", start: dayOf(2020, 12, 21), end: dayOf(2021, 1, 3)),
                BenefitPeriod(personID: "P1", benefit: "sygedagpenge", start: dayOf(2021, 1, 11)),
                BenefitPeriod(
                    personID: "P2", benefit: "kontanthjaelp_jobparat", start: dayOf(2020, 12, 28), end: dayOf(2021, 1, 10),
                    exitReason: "anden_ydelse"),
                BenefitPeriod(personID: "P2", benefit: "dagpenge", start: dayOf(2021, 1, 11), end: dayOf(2021, 1, 17)),
            ])
        // Persons not known before are added with their key only; one with no benefit too.
        #expect(Set(store.records[.personer]?.keys ?? [:].keys) == ["P1", "P2", "P3"])
        #expect(report.files.last?.rowsRead == 3)
        #expect(report.files.last?.counts.new == 4)
    }

    @Test("Importing the same DREAM file again changes nothing")
    func idempotent() throws {
        let text = "person_id;y_2401;y_2402\nP1;111;111\n"
        let (_, store, _) = try importDream(text)
        let (again, _, _) = try importDream(text, into: store)
        #expect(again.files.map(\.counts.new) == [0, 0])
        #expect(again.files.last?.counts.unchanged == 1)
    }

    @Test("An unknown code rejects the row with file, line and week column; the quarantine holds the row unchanged")
    func unknownCode() throws {
        let text = "person_id;y_2401;y_2402\nP1;111;999\nP2;111;111\n"
        let (report, store, _) = try importDream(text)
        #expect(report.errors.map(\.description) == ["dream.csv:2: y_2402: DREAM-koden '999' står ikke i kodelisten koder.csv"])
        #expect(store.writes == 0)
        let (accepted, kept, folder) = try importDream(text, acceptValid: true)
        #expect(accepted.exitStatus == 1)
        #expect(periods(kept).map(\.personID) == ["P2"])
        let quarantine = String(decoding: FileManager.default.contents(atPath: folder + "/dream.karantaene.csv")!, as: UTF8.self)
        #expect(
            quarantine
                == "\u{FEFF}person_id;y_2401;y_2402;aarsag\r\nP1;111;999;y_2402: DREAM-koden '999' står ikke i kodelisten koder.csv\r\n")
    }

    @Test("Header errors: a week that does not exist, missing weeks, no person column")
    func headerErrors() throws {
        #expect(throws: CSVError(file: "dream.csv", line: 1, reason: "y_2153: uge 53 findes ikke i 2021")) {
            try importDream("person_id;y_2152;y_2153\nP1;111;111\n")
        }
        #expect(
            throws: CSVError(file: "dream.csv", line: 1, reason: "y_2404: ugekolonnen følger ikke efter y_2402: der mangler uger imellem")
        ) {
            try importDream("person_id;y_2401;y_2402;y_2404\nP1;111;111;111\n")
        }
        #expect(throws: CSVError(file: "dream.csv", line: 1, reason: "person_id: påkrævet kolonne mangler i overskriften (DREAM)")) {
            try importDream("cpr;y_2401\nX;111\n")
        }
        // Years 90-99 are the 1990s.
        let (report, store, _) = try importDream("person_id;y_9952\nP1;111\n")
        #expect(report.errors.isEmpty)
        #expect(periods(store).first?.start == dayOf(1999, 12, 27))
    }

    @Test("A code list naming an unknown ydelse is refused with file and line")
    func badCodeList() throws {
        #expect(throws: DreamCodeListError.self) {
            try importDream("person_id;y_2401\nP1;111\n", codes: "kode;ydelse\n111;dagpenge\n112;dagpenge_x\n")
        }
        do {
            _ = try importDream("person_id;y_2401\nP1;111\n", codes: "kode;ydelse\n111;dagpenge\n112;dagpenge_x\n111;dagpenge\n")
        } catch let error as DreamCodeListError {
            #expect(
                error.problems == ["koder.csv:3: ydelse: 'dagpenge_x' er ikke en kendt ydelse", "koder.csv:4: kode: '111' står to gange"])
        }
    }

    @Test("The shipped example code list is valid and marked as an example")
    func exampleList() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../eksempler/dream-kodeliste-EKSEMPEL.csv"
        ).path
        let list = try DreamCodeList(path: path, reference: .defaults)
        #expect(list.ydelse["111"] == "dagpenge")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("EKSEMPEL"))
    }
}

func dayOf(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
