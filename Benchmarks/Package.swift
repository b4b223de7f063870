// swift-tools-version:6.0
// Benchmark-only programs, kept out of the main package so they are never
// installed: `null-annotator` runs the shared record loop with an annotator
// that finds nothing, which measures the core alone (read, validate, decode,
// splice, write). bin/bench builds and runs it.
import Foundation
import PackageDescription

// SwiftPM names a package found by path after its folder, so the project's
// name here is whatever the clone's folder is called.
let project = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "newsfilters-benchmarks",
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(
            name: "null-annotator",
            dependencies: [
                .product(name: "NewsCore", package: project),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
