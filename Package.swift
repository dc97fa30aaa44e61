// swift-tools-version:6.0
import PackageDescription

// Modules follow the flow of the nightly job (see docs/ARCHITECTURE.md): each stage depends only
// on the core, the model and earlier stages, so a backward import does not compile.
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
        // SHA-256 blocks with the processor's SHA instructions (x86-64), for datapackage.json.
        .target(name: "CSHA256"),
        // Bytes only: CSV scanner and dialect, JSON, XML stream reader, zip, SQLite handle,
        // Lambert-93, text folding and encodings, SHA-256. No domain type, no French.
        .target(name: "UneFoisCore", dependencies: ["CSQLite", "CLibXML2", "CZlib", "CSHA256"]),
        // Places, services, activities, follow-ups, issues, provenance, configuration, the run.
        .target(name: "UneFoisModel", dependencies: ["UneFoisCore"]),
        // Per source: read -> map -> build -> validate (and `inspect`, `validate`).
        .target(name: "UneFoisIngest", dependencies: ["UneFoisCore", "UneFoisModel"]),
        // Across sources: deduplication, ids, survivorship, services, quality.
        .target(name: "UneFoisConsolidate", dependencies: ["UneFoisCore", "UneFoisModel"]),
        // Pure writers of the consolidated run: datasets, GeoPackage, state.
        .target(name: "UneFoisPublish", dependencies: ["UneFoisCore", "UneFoisModel"]),
        // Renderers of the consolidated run: report, journal.
        .target(name: "UneFoisReport", dependencies: ["UneFoisCore", "UneFoisModel"]),
        // The pipeline: the only place that knows the order of the stages.
        .target(
            name: "UneFois",
            dependencies: ["UneFoisCore", "UneFoisModel", "UneFoisIngest", "UneFoisConsolidate", "UneFoisPublish", "UneFoisReport"],
            resources: [.copy("Resources/schemas")]
        ),
        .executableTarget(name: "unefois", dependencies: ["UneFois"]),
        .executableTarget(name: "UneFoisBench", dependencies: ["UneFois"], path: "Benchmarks/UneFoisBench"),
        .testTarget(
            name: "UneFoisTests",
            dependencies: ["UneFoisCore", "UneFoisModel", "UneFoisIngest", "UneFoisConsolidate", "UneFoisPublish", "UneFoisReport", "UneFois"],
            exclude: ["Fixtures", "Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
