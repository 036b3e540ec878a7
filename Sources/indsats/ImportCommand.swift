import ArgumentParser
import Foundation
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsStore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Indlæs CSV- eller xlsx-filer (eller mapper med dem) i registret.",
        discussion: """
            Alt eller intet: er én række forkert, skrives intet, og status er 1. Med --accept-valid \
            skrives de gode rækker, og de afviste lægges uændret med deres årsag i en karantænefil \
            ved siden af inputfilen. Samme fil indlæst igen ændrer intet. Med --tjek køres alle tjek, \
            og du ser, hvad der ville blive indlæst, ændret og afvist, uden at noget skrives.

            En mappe: hver fil, der ikke indlæses, nævnes. Et navn, der ligner en filtype (ydelsesforlob.csv), \
            er en fejl med det rigtige navn, og intet indlæses; en dato efter navnet (personer_2026-10.csv) er i orden.

            DREAM: --kind dream FIL --kodeliste KODER.csv læser DREAMs brede ugeformat (person_id og \
            en kolonne y_ÅÅUU pr. uge) og gør sammenhængende uger med samme ydelse til ydelsesforløb. \
            Kodelisten (kode;ydelse) er din egen; se docs/dataformat.md og eksempler/.
            """)

    @Argument(help: "Filer eller mapper. Filtypen ses af navnet (personer.csv, ydelsesforloeb.xlsx, ...).")
    var paths: [String]

    @Flag(name: .customLong("accept-valid"), help: "Skriv de gyldige rækker og læg de afviste i karantæne.")
    var acceptValid = false

    @Option(
        name: .customLong("kind"),
        help: "Filtype for alle filerne: \(FileKind.allCases.map(\.rawValue).joined(separator: ", ")) eller dream.")
    var kind: String?

    @Flag(
        name: .customLong("tjek"),
        help: "Prøvekørsel: kør alle tjek og vis, hvad der ville blive indlæst, ændret og afvist, uden at skrive noget.")
    var trial = false

    @Option(name: .customLong("kodeliste"), help: "Ved --kind dream: CSV med kode;ydelse, der oversætter DREAM-koder til ydelser.")
    var codeList: String?

    @OptionGroup var database: DatabaseOption

    func run() throws {
        var fileKind: FileKind?
        let dream = kind == "dream"
        if let kind, !dream {
            guard let k = FileKind(rawValue: kind) else { throw UsageError("--kind: ukendt filtype '\(kind)'") }
            fileKind = k
        }
        if dream && codeList == nil { throw UsageError("--kind dream kræver --kodeliste KODER.csv (kode;ydelse)") }
        if !dream && codeList != nil { throw UsageError("--kodeliste bruges kun med --kind dream") }
        let store = try StoreLocation.open(database.location)
        let started = ContinuousClock.now
        let importer = Importer(destination: store, progress: { printError($0) })
        let report: ImportReport
        do {
            if let codeList, dream {
                report = try importer.runDream(paths: paths, codeList: codeList, acceptValid: acceptValid, trial: trial)
            } else {
                report = try importer.run(paths: paths, acceptValid: acceptValid, kind: fileKind, trial: trial)
            }
        } catch let error as ImportUsageError {
            throw UsageError(error.message)
        } catch let error as CSVError {
            printError("\(error)")
            printError("Intet er indlæst.")
            throw ExitCode(1)
        } catch let error as DreamCodeListError {
            printError("\(error)")
            printError("Intet er indlæst.")
            throw ExitCode(1)
        }
        ImportSummary.print(report)
        // One structured line for a log collector: totals, no paths or rows (they may name persons).
        printError(
            Logfmt.line([
                "haendelse": "import", "filer": report.files.map(\.kind.rawValue).joined(separator: ","),
                "raekker": String(report.files.reduce(0) { $0 + $1.rowsRead }),
                "nye": String(report.files.reduce(0) { $0 + $1.counts.new }),
                "aendrede": String(report.files.reduce(0) { $0 + $1.counts.changed }),
                "afviste": String(report.files.reduce(0) { $0 + $1.rejected }), "fejl": String(report.errors.count),
                "skrevet": report.written ? "ja" : "nej", "proevekoersel": report.trial ? "ja" : "nej",
                "sekunder": String(format: "%.2f", (ContinuousClock.now - started).seconds),
            ]))
        if report.written {
            // An import changes the register: logged with its files and counts.
            let files = report.files.map { "\($0.path) (\($0.kind.rawValue): \($0.counts.new) nye, \($0.counts.changed) ændrede)" }
            try store.appendAudit(
                user: commandLineUser, action: .aendring, person: nil, criteria: "import " + files.joined(separator: ", "), at: Date())
            // The register's snapshot brought up to this import, so the server and the next command start from it.
            try store.updateSnapshot()
        }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}

/// The summary an import prints: errors, warnings, notices, then one line per file.
enum ImportSummary {
    static let shownErrors = 200

    static func print(_ report: ImportReport) {
        for issue in report.errors.prefix(shownErrors) { printError(issue.description) }
        if report.errors.count > shownErrors {
            printError("... og \(DanishFormat.integer(report.errors.count - shownErrors)) fejl mere")
        }
        for issue in report.warnings.prefix(shownErrors) { printError("advarsel: \(issue)") }
        if report.warnings.count > shownErrors {
            printError("... og \(DanishFormat.integer(report.warnings.count - shownErrors)) advarsler mere")
        }
        for notice in report.notices { printError("bemærk: \(notice)") }
        for file in report.files {
            var parts = ["\(DanishFormat.integer(file.rowsRead)) rækker læst"]
            if report.writes {
                parts += [
                    "\(DanishFormat.integer(file.counts.new)) \(report.trial ? "ville være nye" : "nye")",
                    "\(DanishFormat.integer(file.counts.changed)) \(report.trial ? "ville blive ændret" : "ændrede")",
                    "\(DanishFormat.integer(file.counts.unchanged)) uændrede",
                ]
            }
            if file.identicalDuplicates > 0 { parts.append("\(DanishFormat.integer(file.identicalDuplicates)) identiske dubletter") }
            if file.rejected > 0 { parts.append("\(DanishFormat.integer(file.rejected)) afvist") }
            Swift.print("\(file.path): " + parts.joined(separator: ", "))
            if let q = file.quarantinePath { Swift.print("  afviste rækker i karantæne: \(q)") }
        }
        if report.trial {
            Swift.print(
                report.writes
                    ? "Prøvekørsel (--tjek): intet er skrevet. Uden --tjek indlæses tallene ovenfor."
                    : "Prøvekørsel (--tjek): intet er skrevet. Uden --tjek ville intet blive indlæst: \(DanishFormat.integer(report.errors.count)) fejl. Ret filerne, eller brug --accept-valid."
            )
        } else if !report.written {
            Swift.print("Intet er indlæst: \(DanishFormat.integer(report.errors.count)) fejl. Ret filerne, eller brug --accept-valid.")
        }
    }
}
