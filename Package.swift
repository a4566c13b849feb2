// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Pledge",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pledge", targets: ["pledge"]),
        .library(name: "PledgeExtract", targets: ["PledgeExtract"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        // Plain value types shared by every layer: what an extraction holds.
        .target(name: "PledgeModel"),
        // bytes → text → segments → recognised fields. No server dependencies,
        // so its tests build fast.
        .target(
            name: "PledgeExtract",
            dependencies: [
                "PledgeModel",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The register: the `Register` protocol, its SQLite store, ingest with stable ids,
        // tracking, due dates and exports.
        .target(
            name: "PledgeRegister",
            dependencies: [
                "PledgeModel", "PledgeExtract", "PledgeSeed",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The register in PostgreSQL, for teams sharing one database.
        .target(
            name: "PledgePostgres",
            dependencies: [
                "PledgeModel", "PledgeRegister",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // `pledge serve`: pages, the JSON API, sign-in and exports over any `Register`.
        .target(
            name: "PledgeWeb",
            dependencies: [
                "PledgeModel", "PledgeExtract", "PledgeRegister",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                // The add-document form's file and fields (multipart/form-data).
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Templates"), .copy("Static"), .copy("Strings")]
        ),
        // The documents a fresh install opens on.
        .target(name: "PledgeSeed", resources: [.copy("Documents")]),
        .executableTarget(
            name: "pledge",
            dependencies: [
                "PledgeExtract", "PledgeSeed", "PledgeRegister", "PledgeWeb", "PledgePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Throughput and memory of the extraction engine (run in release mode).
        .executableTarget(name: "pledge-benchmark", dependencies: ["PledgeExtract", "PledgeSeed"]),
        // Ingest and search at scale (run in release mode).
        .executableTarget(name: "pledge-register-benchmark", dependencies: ["PledgeRegister", "PledgeSeed"]),
        // Helpers the test targets share: running the built command-line tool.
        .target(name: "PledgeTestSupport", path: "Tests/PledgeTestSupport"),
        .testTarget(
            name: "PledgeRegisterTests",
            dependencies: [
                "PledgeRegister", "PledgeExtract", "PledgeSeed", "PledgeTestSupport", "PledgePostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PledgeWebTests",
            dependencies: [
                "PledgeWeb", "PledgeRegister", "PledgeTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Browser"]
        ),
        .testTarget(
            name: "PledgeExtractTests",
            dependencies: ["PledgeExtract", "PledgeSeed", "PledgeTestSupport"],
            // Tables and fixtures are read from the source tree, next to the tests.
            exclude: ["Examples", "Fixtures"]
        ),
    ]
)

// `PLEDGE_FUZZ=1 swift build --product pledge-fuzz -Xswiftc -sanitize=fuzzer,address …` (README,
// "Fuzzing"): a libFuzzer target over the whole reader and extractor. Declared only then,
// because without libFuzzer's own `main` it cannot be linked.
if Context.environment["PLEDGE_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "pledge-fuzz", dependencies: ["PledgeExtract", "PledgeModel"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
