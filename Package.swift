// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "unefois",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "unefois", targets: ["unefois"]),
        .library(name: "UneFois", targets: ["UneFois"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "UneFois",
            dependencies: ["CSQLite", "CLibXML2", "CZlib"],
            resources: [.copy("Resources/schemas")]
        ),
        .executableTarget(name: "unefois", dependencies: ["UneFois"]),
        .executableTarget(name: "UneFoisBench", dependencies: ["UneFois"], path: "Benchmarks/UneFoisBench"),
        .testTarget(name: "UneFoisTests", dependencies: ["UneFois"], exclude: ["Fixtures", "Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
