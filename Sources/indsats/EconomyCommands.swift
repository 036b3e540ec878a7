import ArgumentParser
import Foundation
import IndsatsCore
import IndsatsEconomy
import IndsatsExchange
import IndsatsStore

struct BusinessCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "businesscase",
        abstract: "Beregn en business case (SØM-agtig) for én indsats fra en JSON-fil.",
        discussion: "Formatet står i docs/businesscase.md. Beløb i kr.; kommunens netto efter refusion, staten for sig.")

    @Argument(help: "JSON-filen med casen.") var file: String
    @Option(help: "tabel eller json.") var format: String = "tabel"
    @Flag(help: "Tag basislinjen fra registret, og satser og kommunal andel fra satserne og refusionstrinnene, hvor casen ikke giver dem.")
    var registret = false
    @OptionGroup var database: DatabaseOption

    func run() throws {
        guard ["tabel", "json"].contains(format) else { throw UsageError("--format: '\(format)' er ukendt; brug tabel eller json") }
        var businessCase = try readInput(file) { data throws(EconomyError) in
            registret ? try BusinessCase.readUnchecked(data) : try BusinessCase.read(data)
        }
        if registret {
            let store = try StoreLocation.open(database.location)
            let (register, prices) = (try store.loadRegister(parts: .benefits), try store.prices())
            do throws(EconomyError) {
                let (filled, notes) = try CaseAssumptions.fill(businessCase, register: register, prices: prices)
                try filled.check()
                businessCase = filled
                for note in notes { printError("antagelse: \(note)") }
            } catch {
                printError("\(file): \(error.message)")
                throw ExitCode(1)
            }
        }
        let result = BusinessCaseResult(businessCase)
        print(
            format == "json" ? BusinessCaseOutput.json(businessCase, result) : BusinessCaseOutput.table(businessCase, result),
            terminator: "")
    }
}

/// `indsats forslag`: the budget proposals in the database, and the portfolio to fund.
struct ProposalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forslag",
        abstract: "Indlæs, eksportér og vis budgetforslag, og vælg den bedste portefølje.",
        discussion: "Filformatet står i docs/forslag.md.",
        subcommands: [
            ImportProposals.self, ExportProposals.self, ListProposals.self, SetStatus.self, ChoosePortfolio.self, FollowUpCommand.self,
        ])

    struct ImportProposals: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "importer",
            abstract: "Tilføj eller erstat forslag fra en JSON- eller xlsx-fil (efter nummer); alle eller ingen.")

        @Argument(help: "Forslagsfilen (.json eller .xlsx).") var file: String
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let isWorkbook = file.lowercased().hasSuffix(".xlsx")
            let catalogue = try readInput(file) { data throws(EconomyError) in
                isWorkbook ? try ProposalWorkbook.catalogue(xlsx: data) : try ProposalCatalogue.read(data)
            }
            let store = try StoreLocation.open(database.location)
            let (added, changed) = try store.saveProposals(catalogue)
            print(
                "\(DanishFormat.integer(added)) nye og \(DanishFormat.integer(changed)) ændrede forslag; \(DanishFormat.integer(catalogue.proposals.count - added - changed)) uændrede."
            )
        }
    }

    struct ExportProposals: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eksporter", abstract: "Skriv alle forslag som en forslagsfil (JSON, eller xlsx når --ud ender på .xlsx).")

        @Option(name: .customLong("ud"), help: "Filen at skrive (standard: JSON på standard output).") var output: String?
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let catalogue = try StoreLocation.open(database.location).proposals()
            let data = output?.lowercased().hasSuffix(".xlsx") == true ? try ProposalWorkbook.xlsx(catalogue) : catalogue.json()
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: data) else {
                    throw UsageError("--ud: kan ikke skrive \(output)")
                }
            } else {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }
        }
    }

    struct ListProposals: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "liste", abstract: "Vis forslagene med enhed, status og nutidsværdi.")

        @Option(help: "Diskonteringsrente for nutidsværdien.") var rente: Double = 0.035
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let catalogue = try StoreLocation.open(database.location).proposals()
            let rows = catalogue.proposals.map { p in
                [
                    p.number, p.responsibleUnit, p.status.label,
                    p.hasNoFigures ? "–" : DanishFormat.number(p.presentValue(rate: rente), decimals: 0), p.title,
                ]
            }
            print(TextTable.render(["Nr.", "Enhed", "Status", "Nutidsværdi (kr.)", "Overskrift"], rows, rightAligned: [3]), terminator: "")
        }
    }

    struct SetStatus: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Sæt et forslags status: \(Proposal.Status.allCases.map(\.rawValue).joined(separator: ", ")).")

        @Argument(help: "Forslagets nummer, fx \"JC 08\".") var number: String
        @Argument(help: "Den nye status.") var status: String
        @OptionGroup var database: DatabaseOption

        func run() throws {
            guard let newStatus = Proposal.Status(rawValue: status) else {
                throw UsageError("status: '\(status)' er ukendt; brug \(Proposal.Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try StoreLocation.open(database.location).setStatus(newStatus, of: number)
            print("\(number) har nu status \(newStatus.label).")
        }
    }

    struct FollowUpCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "opfoelgning",
            abstract: "Lovet mod realiseret: forslagets succeskriterie og business case mod deltagernes forløb i registret.",
            discussion: "Indsatserne er forslagets egne og dem, indsatser.csv knytter til det (kolonnen forslag). Se docs/forslag.md.")

        @Argument(help: "Forslagets nummer, fx \"JC 08\".") var number: String
        @Option(help: "Måneder efter endt aktivitet, hvor status måles.") var maaneder: Int = 3
        @Option(help: "tabel eller json.") var format: String = "tabel"
        @OptionGroup var database: DatabaseOption

        func run() throws {
            guard ["tabel", "json"].contains(format) else { throw UsageError("--format: '\(format)' er ukendt; brug tabel eller json") }
            guard (0...36).contains(maaneder) else { throw UsageError("--maaneder: skal være mellem 0 og 36") }
            let store = try StoreLocation.open(database.location)
            guard let proposal = try store.proposals().proposal(number) else { throw UsageError("forslaget '\(number)' findes ikke") }
            let register = try store.loadRegister(parts: [.benefits, .activities])
            guard let asOf = register.dataDate else { throw UsageError("registret er tomt; importér data først") }
            let followUp = FollowUp(
                proposal, initiatives: try store.initiatives(of: proposal), register: register, asOf: asOf, monthsAfter: maaneder)
            if format == "json" {
                FileHandle.standardOutput.write(FollowUpOutput.json(followUp) + Data("\n".utf8))
            } else {
                print(FollowUpOutput.table(followUp), terminator: "")
            }
        }
    }

    struct ChoosePortfolio: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "portefoelje",
            abstract: "Vælg de forslag, der giver mest inden for budget og årsværk (eksakt), og hvorfor hvert er med eller ude.",
            discussion: """
                Med --scenarier læses en liste af scenarier fra en JSON-fil (docs/forslag.md) og vises side om side; \
                ellers ét scenarie fra tilvalgene. Vedtagne forslag er altid med, afviste aldrig.
                """)

        @Option(help: "Budget for øgede driftsudgifter i et år, fx 2017=700000 (kan gentages).") var budget: [String] = []
        @Option(help: "Årsværk i et år, fx 2017=3 (kan gentages).") var aarsvaerk: [String] = []
        @Option(help: "Hvad der maksimeres: nutidsvaerdi eller personer.") var maal: String = "nutidsvaerdi"
        @Option(help: "Diskonteringsrente.") var rente: Double = 0.035
        @Option(help: "JSON-fil med scenarier.") var scenarier: String?
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let scenarios: [PortfolioScenario]
            if let scenarier {
                scenarios = try readInput(scenarier) { data throws(EconomyError) in try PortfolioScenario.read(data) }
            } else {
                guard let objective = PortfolioScenario.Objective(rawValue: maal) else {
                    throw UsageError("--maal: '\(maal)' er ukendt; brug nutidsvaerdi eller personer")
                }
                guard (0..<1).contains(rente) else { throw UsageError("--rente: \(rente) skal være mellem 0 og 1 (3,5 % skrives 0.035)") }
                scenarios = [
                    PortfolioScenario(
                        name: "Scenarie", budget: try Self.byYear(budget, "--budget"),
                        staff: try Self.byYear(aarsvaerk, "--aarsvaerk"), objective: objective, rate: rente)
                ]
            }
            let catalogue = try StoreLocation.open(database.location).proposals()
            var choices: [PortfolioChoice] = []
            for scenario in scenarios {
                do throws(EconomyError) { choices.append(try Portfolio.choose(catalogue, scenario)) } catch {
                    printError(error.message)
                    throw ExitCode(1)
                }
            }
            print(PortfolioOutput.table(catalogue, choices), terminator: "")
        }

        /// `2017=700000` pairs.
        static func byYear(_ items: [String], _ option: String) throws -> [Int: Double] {
            var out: [Int: Double] = [:]
            for item in items {
                let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let year = Int(parts[0]), let amount = Double(parts[1].replacingOccurrences(of: ",", with: ".")),
                    amount >= 0
                else {
                    throw UsageError("\(option): '\(item)' skal have formen ÅR=BELØB, fx 2017=700000")
                }
                out[year] = amount
            }
            return out
        }
    }
}

/// Reads and parses an input file; a file the parser refuses exits 1 with its Danish error.
private func readInput<T>(_ path: String, _ parse: (Data) throws(EconomyError) -> T) throws -> T {
    guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("\(path) findes ikke") }
    do throws(EconomyError) {
        return try parse(data)
    } catch {
        printError("\(path): \(error.message)")
        throw ExitCode(1)
    }
}

/// `indsats plan`: the employment plans and how their goals stand.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Indlæs beskæftigelsesplaner og vis, om hvert mål er på vej.",
        discussion: "Formatet står i docs/maal.md.",
        subcommands: [ImportPlans.self, ExportPlans.self, ShowPlan.self, WeeklyTargetsCommand.self])

    struct WeeklyTargetsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ugemaal",
            abstract: "Sæt ugemålene for de fem skarpe nøgletal fra en JSON-fil, eller vis dem (uden fil).",
            discussion: "Formatet står i docs/ugetal.md.")
        @Argument(help: "Filen med ugemål (JSON).") var file: String?
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let store = try StoreLocation.open(database.location)
            guard let file else {
                FileHandle.standardOutput.write(try store.weeklyTargets().json + Data("\n".utf8))
                return
            }
            try store.saveWeeklyTargets(try readInput(file) { data throws(EconomyError) in try WeeklyTargets.read(data) })
            print("Ugemålene er gemt.")
        }
    }

    struct ImportPlans: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "importer", abstract: "Tilføj eller erstat planer (efter navn) fra en JSON-fil.")
        @Argument(help: "Planfilen (JSON: én plan eller en liste).") var file: String
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let plans = try readInput(file) { data throws(EconomyError) in try EmploymentPlan.read(data) }
            try StoreLocation.open(database.location).savePlans(plans)
            print("\(plans.count) \(plans.count == 1 ? "plan" : "planer") indlæst: \(plans.map(\.name).joined(separator: ", ")).")
        }
    }

    struct ExportPlans: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eksporter", abstract: "Skriv alle planer som JSON på standard output.")
        @OptionGroup var database: DatabaseOption

        func run() throws {
            FileHandle.standardOutput.write(EmploymentPlan.json(try StoreLocation.open(database.location).plans()) + Data("\n".utf8))
        }
    }

    struct ShowPlan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vis", abstract: "Vis hvert mål: basislinje, mål, faktisk, prognose og status.")
        @Option(help: "Planens navn (standard: den første).") var navn: String?
        @Option(help: "Året målene gælder (standard: planens eget).") var aar: Int?
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let store = try StoreLocation.open(database.location)
            let plans = try store.plans()
            guard let plan = navn.map({ name in plans.first { $0.name == name } }) ?? plans.first else {
                throw UsageError(navn.map { "planen '\($0)' findes ikke" } ?? "der er ingen planer; indlæs en med indsats plan importer")
            }
            let statuses = plan.evaluate(on: try store.loadRegister(), year: aar, prices: try store.prices())
            print("\(plan.name), mål for \(aar ?? plan.year)")
            print(
                TextTable.render(
                    ["Mål", "Nøgletal", "Basislinje", "Mål", "Faktisk", "Prognose", "Status"],
                    statuses.map { s in
                        [s.goal.id + " " + s.goal.title, s.goal.measure]
                            + [s.baseline, s.target, s.actual, s.forecast].map { PlanFormat.value($0, s.goal.measure) }
                            + [s.state.rawValue]
                    }, rightAligned: [2, 3, 4, 5]), terminator: "")
            for s in statuses where !s.explanation.isEmpty { print("\(s.goal.id): \(s.explanation)") }
        }
    }
}
