import ArgumentParser
import Foundation
import IndsatsCore
import IndsatsExchange
import IndsatsStore

/// `indsats satser`: the dated rates and refusion rules that price a day on a benefit.
struct PriceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "satser",
        abstract: "Vis, indlæs og eksportér ydelsessatser og refusionsregler (daterede referencedata).",
        discussion: "Filformatet og standardsatserne, der gælder uden indlæste satser, står i docs/satser.md.",
        subcommands: [ListPrices.self, ImportPrices.self, ExportPrices.self])

    struct ListPrices: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "liste", abstract: "Vis satserne og refusionsreglerne i kraft.")

        @OptionGroup var database: DatabaseOption

        func run() throws {
            let prices = try StoreLocation.open(database.location).prices()
            print(
                TextTable.render(
                    ["Ydelse", "Fra", "Månedssats (kr.)", "Kilde"],
                    prices.rates.map {
                        [$0.benefit, $0.from.danish, DanishFormat.number($0.monthly, decimals: 2), $0.source]
                    }, rightAligned: [2]), terminator: "")
            print()
            print(
                TextTable.render(
                    ["Fra", "Trin 1", "Trin 2", "Trin 3", "Trin 4", "Kilde"],
                    prices.refusion.map { rule in
                        [rule.from.danish] + rule.municipalShares.map { DanishFormat.number($0 * 100, decimals: 0) + " %" } + [rule.source]
                    }, rightAligned: [1, 2, 3, 4]), terminator: "")
            print("Procenterne er kommunens andel; staten betaler resten. Et skøn til planlægning.")
        }
    }

    struct ImportPrices: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "importer",
            abstract: "Erstat satserne og/eller refusionsreglerne med filernes (satser.csv, refusion.csv); alle eller ingen.")

        @Argument(help: "CSV-filerne.") var files: [String]
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let store = try StoreLocation.open(database.location)
            let (before, reference) = (try store.prices(), try store.referenceData())
            let prices: BenefitPrices
            do throws(PriceFileError) {
                prices = try PriceFile.read(paths: files, replacing: before, reference: reference)
            } catch {
                printError(error.description)
                print("Intet er indlæst.")
                throw ExitCode(1)
            }
            try store.savePrices(prices)
            print(
                "\(DanishFormat.integer(prices.rates.count)) satser og \(DanishFormat.integer(prices.refusion.count)) refusionsregler gælder nu."
            )
        }
    }

    struct ExportPrices: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eksporter", abstract: "Skriv satser.csv og refusion.csv til en mappe.")

        @Option(name: .customLong("ud"), help: "Mappen at skrive i.") var output: String = "."
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let prices = try StoreLocation.open(database.location).prices()
            for table in PriceFile.Table.allCases {
                let path = (output as NSString).appendingPathComponent(table.rawValue + ".csv")
                guard FileManager.default.createFile(atPath: path, contents: Data(PriceFile.csv(prices, table))) else {
                    throw UsageError("--ud: kan ikke skrive \(path)")
                }
                print(path)
            }
        }
    }
}
