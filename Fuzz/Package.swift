// swift-tools-version:6.0
// Fuzz targets for newsfilters, kept out of the main package. Build and run
// them with bin/fuzz (it passes -sanitize=fuzzer,address to every module, the
// project's included, and runs each target for a while).
//
// The tools' libraries are not products of the main package, so each is
// compiled here again from its own sources (Sources/Tools/* are symbolic
// links to ../Sources/News*), under another module name.
import PackageDescription

let core: Target.Dependency = .product(name: "NewsCore", package: "main")

let package = Package(
    name: "newsfilters-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver", core]),
        .target(name: "FuzzedNewsSplit", dependencies: [core], path: "Sources/Tools/NewsSplit"),
        .target(name: "FuzzedNewsQuotes", dependencies: [core], path: "Sources/Tools/NewsQuotes"),
        .target(name: "FuzzedNewsNumbers", dependencies: [core], path: "Sources/Tools/NewsNumbers"),
        .target(
            name: "FuzzedNewsEntities", dependencies: [core], path: "Sources/Tools/NewsEntities",
            exclude: ["Resources"]),
        .executableTarget(name: "FuzzCore", dependencies: ["FuzzSupport", core]),
        .executableTarget(name: "FuzzSplit", dependencies: ["FuzzSupport", "FuzzedNewsSplit", core]),
        .executableTarget(name: "FuzzQuotes", dependencies: ["FuzzSupport", "FuzzedNewsQuotes", core]),
        .executableTarget(name: "FuzzNumbers", dependencies: ["FuzzSupport", "FuzzedNewsNumbers", core]),
        .executableTarget(name: "FuzzEntities", dependencies: ["FuzzSupport", "FuzzedNewsEntities", core]),
    ]
)
