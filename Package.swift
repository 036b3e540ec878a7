// swift-tools-version:6.2
import PackageDescription

// Core, Analytics and Synthetic depend on no package (Foundation and Dispatch only, for
// formatting and parallel sweeps); I/O, SQL and HTTP live in Exchange, Store and Web at
// the edges. See docs/arkitektur.md.
let package = Package(
    name: "Indsats",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "indsats", targets: ["indsats"]),
        .library(name: "IndsatsCore", targets: ["IndsatsCore"]),
        .library(name: "IndsatsAnalytics", targets: ["IndsatsAnalytics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Already under Hummingbird; named for its IOError, to explain a port in use.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // bcrypt for passwords (HummingbirdBcrypt) and SHA-256 for the audit log's hash chain (Crypto).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // PostgreSQL for many users on a server; swift-nio-ssl for its TLS, swift-log for its logger.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // /metrics in Prometheus' text format (swift-metrics is already under Hummingbird).
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Zip containers for writing .xlsx workbooks (no mirrored package writes xlsx; Workbook.swift does, on this).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "IndsatsCore"),
        .target(name: "IndsatsAnalytics", dependencies: ["IndsatsCore"]),
        // The data contract: its file kinds, columns and keys, the row records, and the seam to a store.
        .target(name: "IndsatsContract", dependencies: ["IndsatsCore"]),
        .target(name: "IndsatsSynthetic", dependencies: ["IndsatsCore", "IndsatsContract"]),
        // Business cases, portfolios and follow-up: pure economics over the core types and the register.
        .target(
            name: "IndsatsEconomy", dependencies: ["IndsatsCore", "IndsatsAnalytics"],
            // Herning's and Vesthimmerland's proposals (seeds 003 and 000), the demo's catalogue.
            resources: [.copy("Eksempler")]),
        // The system zlib: workbooks are read by our own zip reader, which bounds every size and
        // stream (ZIPFoundation's reader looped forever on a deflate stream cut short; fuzzing found it).
        .systemLibrary(name: "IndsatsZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "IndsatsExchange",
            dependencies: [
                "IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsEconomy", "IndsatsZlib",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // Users, roles, sessions, the access rules of every route and the audit log's chain.
        .target(
            name: "IndsatsAccess",
            dependencies: [
                "IndsatsCore",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "IndsatsStore",
            dependencies: [
                "IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsAccess", "IndsatsEconomy",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The system SQLite GRDB uses, for binding import rows directly.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "IndsatsWeb",
            dependencies: [
                "IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsExchange", "IndsatsStore", "IndsatsAccess", "IndsatsEconomy",
                .product(name: "Hummingbird", package: "hummingbird"),
                // Threads for the register's reads and sweeps (BlockingWork), off Swift's own.
                .product(name: "NIOPosix", package: "swift-nio"),
                // SHA-256 of the inline style sheet, for the Content-Security-Policy.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Every parser of outside bytes as a libFuzzer target (scripts/fuzz); the tests replay Fuzz/.
        .target(
            name: "IndsatsFuzzTargets",
            dependencies: ["IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsExchange", "IndsatsEconomy"]),
        .executableTarget(name: "indsats-fuzz", dependencies: ["IndsatsFuzzTargets"]),
        .executableTarget(
            name: "indsats",
            dependencies: [
                "IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsExchange", "IndsatsStore",
                "IndsatsSynthetic", "IndsatsWeb", "IndsatsAccess", "IndsatsEconomy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        // Slow reference measures, random registers and test doubles shared by the tests.
        .target(
            name: "IndsatsTestSupport",
            dependencies: ["IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsExchange", "IndsatsStore"],
            path: "Tests/IndsatsTestSupport"),
        .testTarget(name: "IndsatsCoreTests", dependencies: ["IndsatsCore"]),
        .testTarget(name: "IndsatsAnalyticsTests", dependencies: ["IndsatsCore", "IndsatsAnalytics", "IndsatsTestSupport"]),
        .testTarget(
            name: "IndsatsExchangeTests",
            dependencies: [
                "IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsExchange", "IndsatsEconomy", "IndsatsTestSupport",
                "IndsatsFuzzTargets",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // A workbook written by openpyxl, read as another program writes it.
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "IndsatsStoreTests",
            dependencies: [
                "IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsExchange", "IndsatsStore", "IndsatsAccess",
                "IndsatsEconomy", "IndsatsTestSupport",
            ]),
        .testTarget(name: "IndsatsAccessTests", dependencies: ["IndsatsAccess", "IndsatsCore"]),
        .testTarget(
            name: "IndsatsEconomyTests", dependencies: ["IndsatsEconomy", "IndsatsCore", "IndsatsAnalytics", "IndsatsTestSupport"]),
        .testTarget(
            name: "IndsatsWebTests",
            dependencies: [
                "IndsatsWeb", "IndsatsStore", "IndsatsAccess", "IndsatsCore", "IndsatsContract", "IndsatsExchange", "IndsatsAnalytics",
                "IndsatsEconomy", "IndsatsTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "indsats", "IndsatsAccess", "IndsatsCore", "IndsatsContract", "IndsatsAnalytics", "IndsatsExchange", "IndsatsSynthetic",
                "IndsatsTestSupport",
            ]),
    ]
)
