import Foundation
import Testing

/// The layers (docs/arkitektur.md): pure domain inward, I/O at the edges. SwiftPM lets a
/// module import another that happens to be built, so the rule is checked here.
@Suite("Modulernes lag")
struct ModuleGraphTests {
    /// The Indsats modules each module may import.
    static let allowed: [String: Set<String>] = [
        "IndsatsCore": [],
        "IndsatsAnalytics": ["IndsatsCore"],
        "IndsatsContract": ["IndsatsCore"],
        "IndsatsSynthetic": ["IndsatsCore", "IndsatsContract"],
        "IndsatsEconomy": ["IndsatsCore", "IndsatsAnalytics"],
        "IndsatsAccess": ["IndsatsCore"],
        // IndsatsZlib is the system zlib, for reading workbooks (ZipParts).
        "IndsatsExchange": ["IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsEconomy", "IndsatsZlib"],
        // The store knows the contract, never an I/O module.
        "IndsatsStore": ["IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsAccess", "IndsatsEconomy"],
        "IndsatsWeb": [
            "IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsExchange", "IndsatsStore", "IndsatsAccess", "IndsatsEconomy",
        ],
        "IndsatsFuzzTargets": ["IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsExchange", "IndsatsEconomy"],
    ]

    @Test("No module imports one outside its layer (the store no I/O module, the domain no contract or store)")
    func layers() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        var checked = 0
        for (module, allowed) in Self.allowed {
            let folder = sources.appendingPathComponent(module)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                for line in text.split(separator: "\n") where line.hasPrefix("import Indsats") {
                    let imported = String(line.dropFirst("import ".count))
                    #expect(allowed.contains(imported), "\(module)/\(name) importerer \(imported)")
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
    }
}
