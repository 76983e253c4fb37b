// swift-tools-version:6.0
import PackageDescription

/// Language features switched on for every Swift target.
let swiftSettings: [SwiftSetting] = [
    // Existential types are spelled `any P`, so their cost is visible at the use site.
    .enableUpcomingFeature("ExistentialAny"),
    // A file sees only the members of modules it imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Ember",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Ember", targets: ["Ember"]),
        .executable(name: "ember", targets: ["EmberCLI"]),
    ],
    targets: [
        // libcurl from the system (Debian: libcurl4-openssl-dev; macOS: the SDK).
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        // Typed wrappers for libcurl's variadic functions, which Swift cannot call.
        .target(name: "CCurlShims", dependencies: ["CCurl"]),
        // SQLite from the system (Debian: libsqlite3-dev; macOS: the SDK).
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),

        // zlib from the system (Debian: zlib1g-dev; macOS: the SDK), for gzip'd data files.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // OpenSSL's libcrypto (Debian: libssl-dev), for the SHA-256 of downloaded data
        // files and of response cache keys.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),

        // Layer 1: the execution engine: graphs, plans, schedulers, tracing. Knows no models.
        .target(name: "EmberXCS"),
        // Layer 2: models, providers and the HTTP transport.
        .target(
            name: "EmberModels", dependencies: ["CCurl", "CCurlShims", "CSQLite", "CCrypto"]
        ),
        // Layer 3: operators, prompt specifications, NON patterns and the compact notation.
        .target(name: "EmberOperators", dependencies: ["EmberXCS", "EmberModels"]),
        // Layer 4: datasets and loaders.
        .target(
            name: "EmberData",
            dependencies: ["EmberOperators", "EmberModels", "CZlib"],
            resources: [.copy("Resources/gsm8k")]
        ),
        // Layer 5: evaluators, the evaluation pipeline and its reports.
        .target(name: "EmberEval", dependencies: ["EmberData", "EmberModels", "EmberOperators"]),
        // Layer 6: configuration and service wiring for applications.
        .target(
            name: "Ember",
            dependencies: ["EmberXCS", "EmberModels", "EmberOperators", "EmberData", "EmberEval"]
        ),
        // The `ember` command-line tool, thin over the library.
        .executableTarget(name: "EmberCLI", dependencies: ["Ember"]),
        // What the benchmarks share: peak memory readings.
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
        // The model layer's throughput benchmark (build it in release; see BENCHMARKS.md).
        .executableTarget(
            name: "EmberBench",
            dependencies: ["EmberModels", "BenchmarkSupport"],
            path: "Benchmarks/EmberBench"
        ),
        // The engine's overhead, latency hiding and ensemble fan-out (release; BENCHMARKS.md).
        .executableTarget(
            name: "EmberEngineBench",
            dependencies: ["EmberXCS", "EmberOperators", "EmberModels", "BenchmarkSupport"],
            path: "Benchmarks/EmberEngineBench"
        ),
        // The evaluation pipeline's overhead per record, with and without its journal.
        .executableTarget(
            name: "EmberEvalBench",
            dependencies: [
                "EmberEval", "EmberData", "EmberModels", "EmberOperators", "BenchmarkSupport",
            ],
            path: "Benchmarks/EmberEvalBench"
        ),

        .target(
            name: "EmberTestSupport",
            dependencies: ["EmberModels"],
            path: "Tests/EmberTestSupport"
        ),
        .testTarget(name: "EmberModelsTests", dependencies: ["EmberModels", "EmberTestSupport"]),
        .testTarget(name: "EmberXCSTests", dependencies: ["EmberXCS"]),
        .testTarget(
            name: "EmberOperatorsTests",
            dependencies: ["EmberOperators", "EmberXCS", "EmberModels", "EmberTestSupport"]
        ),
        .testTarget(
            name: "EmberDataTests",
            dependencies: ["EmberData", "EmberModels", "EmberOperators", "EmberTestSupport"]
        ),
        .testTarget(
            name: "EmberEvalTests",
            dependencies: [
                "EmberEval", "EmberData", "EmberModels", "EmberOperators", "EmberTestSupport",
            ]
        ),
        .testTarget(name: "EmberTests", dependencies: ["Ember", "EmberTestSupport"]),
        .testTarget(name: "EmberCLITests", dependencies: ["EmberTestSupport"]),
    ]
)

for target in package.targets where target.type != .system {
    guard target.name != "CCurlShims" else { continue }
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
