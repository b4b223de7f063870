// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "newsfilters",
    products: [
        .executable(name: "news-split", targets: ["news-split"]),
        .executable(name: "news-quotes", targets: ["news-quotes"]),
        .executable(name: "news-numbers", targets: ["news-numbers"]),
        .executable(name: "news-entities", targets: ["news-entities"]),
        // The libraries, for programs built on the tools (the fuzz targets in Fuzz/).
        .library(name: "NewsCore", targets: ["NewsCore"]),
        .library(name: "NewsSplit", targets: ["NewsSplit"]),
        .library(name: "NewsQuotes", targets: ["NewsQuotes"]),
        .library(name: "NewsNumbers", targets: ["NewsNumbers"]),
        .library(name: "NewsEntities", targets: ["NewsEntities"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The C library, found through pkg-config; `bin/setup` installs it.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // Swift wrapper over PCRE2: compiled, JIT-ed patterns matched on UTF-8 bytes.
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        // What every tool shares: JSON Lines I/O, offsets, options, error policy.
        .target(
            name: "NewsCore",
            dependencies: [
                "PCRE2",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // One library per tool (the logic, tested directly) ...
        .target(name: "NewsSplit", dependencies: ["NewsCore", "PCRE2"]),
        .target(name: "NewsQuotes", dependencies: ["NewsCore", "PCRE2"]),
        .target(name: "NewsNumbers", dependencies: ["NewsCore", "PCRE2"]),
        .target(name: "NewsEntities", dependencies: ["NewsCore", "PCRE2"], exclude: ["Resources"]),
        // ... and a thin executable per tool.
        .executableTarget(name: "news-split", dependencies: ["NewsSplit", "NewsCore"]),
        .executableTarget(name: "news-quotes", dependencies: ["NewsQuotes", "NewsCore"]),
        .executableTarget(name: "news-numbers", dependencies: ["NewsNumbers", "NewsCore"]),
        .executableTarget(name: "news-entities", dependencies: ["NewsEntities", "NewsCore"]),

        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(name: "NewsCoreTests", dependencies: ["NewsCore", "PCRE2"]),
        .testTarget(name: "NewsSplitTests", dependencies: ["NewsSplit", "NewsCore"]),
        .testTarget(name: "NewsQuotesTests", dependencies: ["NewsQuotes", "NewsCore"]),
        .testTarget(name: "NewsNumbersTests", dependencies: ["NewsNumbers", "NewsCore"]),
        .testTarget(name: "NewsEntitiesTests", dependencies: ["NewsEntities", "NewsCore"]),
        // Spawns the built executables: exit codes, stderr, pipes.
        .testTarget(
            name: "CLITests",
            dependencies: ["news-split", "news-quotes", "news-numbers", "news-entities"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
