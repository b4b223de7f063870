// swift-tools-version:6.0
// Fuzz targets for newsfilters, kept out of the main package. Build and run
// them with bin/fuzz (it passes -sanitize=fuzzer,address to every module, the
// project's included, and runs each target for a while).
import Foundation
import PackageDescription

// SwiftPM names a package found by path after its folder, so the project's
// name here is whatever the clone's folder is called.
let project = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let core: Target.Dependency = .product(name: "NewsCore", package: project)
func tool(_ name: String) -> Target.Dependency { .product(name: name, package: project) }

let package = Package(
    name: "newsfilters-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver", core]),
        .executableTarget(name: "FuzzCore", dependencies: ["FuzzSupport", core]),
        .executableTarget(name: "FuzzSplit", dependencies: ["FuzzSupport", tool("NewsSplit"), core]),
        .executableTarget(name: "FuzzQuotes", dependencies: ["FuzzSupport", tool("NewsQuotes"), core]),
        .executableTarget(name: "FuzzNumbers", dependencies: ["FuzzSupport", tool("NewsNumbers"), core]),
        .executableTarget(name: "FuzzEntities", dependencies: ["FuzzSupport", tool("NewsEntities"), core]),
    ]
)
