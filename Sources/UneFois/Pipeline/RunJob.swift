/// `unefois run`: lock the output folder, run the pipeline, write every output atomically.
public enum RunJob {
    /// Names of the files written in the output folder (the contract acceptance checks rely on).
    public static let outputs = ["lieux.csv", "structures.json", "services.json", "lieux.geojson", "lieux.gpkg", "unefois.sqlite", "correspondances.csv", "rejets.csv", "rapport.md", "rapport.html"]

    /// Runs and publishes; returns the result (its `exitCode` tells about quarantined sources).
    public static func run(configuration: Configuration, out: String, schemasPath: String = Resources.schemas) throws -> RunResult {
        try FileManagerShim.createDirectory(out)
        let lock = try RunLock(directory: out)
        defer { withExtendedLifetime(lock) {} }
        // Temporary files left by a run that was killed mid-write (we hold the lock: none is live).
        for name in (try? FileManagerShim.list(out)) ?? [] where name.hasPrefix(".") && name.contains(".tmp-") {
            FileManagerShim.remove(out + "/" + name)
        }
        let pipeline = try Pipeline(configuration: configuration, schemasPath: schemasPath)
        let statePath = out + "/unefois.sqlite"
        let previous = StateStore.previous(path: statePath)
        var result = pipeline.run(previous: previous.ids)
        journal(&result, previous: previous)
        if let problem = previous.problem {
            result.issues.append(Issue(code: "state-unreadable", severity: .warning,
                message: "Identifiants des nuits précédentes perdus : \(problem). Les lieux reçoivent de nouveaux identifiants à partir de leurs clés sources ; restaurez la sauvegarde de unefois.sqlite si les identifiants publiés doivent être conservés.",
                source: "unefois", file: "unefois.sqlite"))
        }
        let publisher = Publisher(result: result, crosswalks: pipeline.crosswalks)
        let report = IndicatorReport.build(result)
        try AtomicFile.write(publisher.lieuxCSV(), to: out + "/lieux.csv")
        try AtomicFile.write(publisher.structuresJSON(), to: out + "/structures.json")
        try AtomicFile.write(publisher.servicesJSON(), to: out + "/services.json")
        try AtomicFile.write(publisher.lieuxGeoJSON(), to: out + "/lieux.geojson")
        try GeoPackageWriter.write(result, to: out + "/lieux.gpkg")
        try AtomicFile.write(publisher.correspondancesCSV(), to: out + "/correspondances.csv")
        try AtomicFile.write(publisher.rejetsCSV(), to: out + "/rejets.csv")
        try AtomicFile.write(Array(report.markdown().utf8), to: out + "/rapport.md")
        try AtomicFile.write(Array(report.html().utf8), to: out + "/rapport.html")
        try StateStore.write(result, to: statePath)
        return result
    }

    /// Carries the journal over and appends tonight's run and changes, unless the inputs are the
    /// same as the last run's (a rerun leaves the state byte-identical).
    static func journal(_ result: inout RunResult, previous: StateStore.Previous) {
        result.executions = previous.executions
        result.historique = previous.historique
        if let last = previous.executions.last, last.empreinte == result.empreinte { return }
        let rang = (previous.executions.last?.rang ?? 0) + 1
        // On a first run every place is new: the journal starts empty rather than listing them all.
        let changes = previous.executions.isEmpty ? [] : StateStore.changes(from: previous.valeurs, to: result.publies, rang: rang)
        result.changements = changes
        result.historique += changes
        result.executions.append(StateStore.Execution(rang: rang, empreinte: result.empreinte, dateReference: result.dateReference,
                                                      lieuxPublies: result.publies.count, changements: changes.count))
    }
}
