import Dispatch
import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
/// `unefois run`: lock the output folder, run the pipeline, write every output atomically.
public enum RunJob {
    /// Names of the files written in the output folder (the contract acceptance checks rely on).
    public static let outputs = ["lieux.csv", "lieux-bureautique.csv", "structures.json", "services.json", "lieux.geojson", "lieux.gpkg", "unefois.sqlite", "correspondances.csv", "rejets.csv", "rapport.md", "rapport.html", "rapport-interne.html", "journal.md", "journal.html", "indicateurs.csv", "indicateurs.xlsx", "annuaire.md", "annuaire.html", "datapackage.json"]

    /// Runs and publishes; returns the result (its `exitCode` tells about quarantined sources).
    /// `observer` is told of every stage (reading each source, consolidation, each file written,
    /// the report) and of each warning and error. `seam` lets tests fail writes (full disk) or
    /// stop during the final renames. `periode` is the period of the indicator report (default:
    /// the last twelve full months of data); `bilan` (a year) also writes the annual review
    /// `bilan-AAAA.html`/`.md`.
    public static func run(configuration: Configuration, out: String, schemasPath: String = Resources.schemas,
                           observer: (any RunObserver)? = nil, seam: WriteSeam = WriteSeam(),
                           periode: Periode? = nil, bilan: Int? = nil) throws -> RunResult {
        FreeMemory.tuneAllocator()
        try FileManagerShim.createDirectory(out)
        let lock = try RunLock(directory: out)
        defer { withExtendedLifetime(lock) {} }
        // A publication a crash interrupted during its renames is finished first.
        let repaired = OutputGeneration.repair(directory: out)
        // Temporary files left by a run that was killed mid-write (we hold the lock: none is live).
        for name in (try? FileManagerShim.list(out)) ?? [] where name.hasPrefix(".") && name.contains(".tmp-") {
            FileManagerShim.remove(out + "/" + name)
        }
        var pipeline = try Pipeline(configuration: configuration, schemasPath: schemasPath)
        pipeline.observer = observer
        let statePath = out + "/unefois.sqlite"
        var previous = try StateGuard.previous(path: statePath, out: out, configuration: configuration)
        var result = pipeline.run(previous: previous.ids, derniersBons: availableCopies(previous.derniersBons, out: out))
        // The earlier ids are in the result's own table now (`identifiants`): the state's copy
        // goes before the writers (a table of every key of earlier nights: 300,000 at 300k).
        previous.ids = [:]
        journal(&result, previous: previous)
        do {
            try MassChangeGuard.check(&result, previous: previous, configuration: configuration)
        } catch let e as OperationalError where e.kind == .massChange {
            for d in MassChangeGuard.drops(result, previous: previous, seuil: configuration.baisseMax) {
                observer?.observe(.decision(RunDecision(code: "baisse-refusee", perimetre: d.perimetre, avant: d.avant, apres: d.apres, message: e.message)))
            }
            throw e
        }
        for d in result.baissesAcceptees {
            observer?.observe(.decision(RunDecision(code: "baisse-acceptee", perimetre: d.perimetre, avant: d.avant, apres: d.apres,
                message: result.issues.last { $0.code == "mass-change-accepted" }?.message ?? "")))
        }
        // Tonight's copies of the sources are made beside the writers (copying and syncing a
        // national file takes a second): the state, the only file that lists them, waits for them.
        let goodReads = Once { [result] in keepGoodReads(result, previous: previous.derniersBons, out: out) }
        if let problem = previous.problem {
            result.issues.append(Issue(code: "state-unreadable", severity: .warning,
                message: "Identifiants des nuits précédentes perdus : \(problem). Les lieux reçoivent de nouveaux identifiants à partir de leurs clés sources ; restaurez la sauvegarde de unefois.sqlite si les identifiants publiés doivent être conservés.",
                source: "unefois", file: "unefois.sqlite"))
            observer?.observe(.issue(result.issues[result.issues.count - 1]))
        }
        if !repaired.isEmpty {
            result.issues.append(Issue(code: "generation-repaired", severity: .warning,
                message: "La publication précédente avait été interrompue pendant le remplacement des fichiers (\(repaired.joined(separator: ", ")) étaient en attente) : elle a été terminée avant cette exécution.",
                source: "unefois", file: OutputGeneration.marker))
            observer?.observe(.issue(result.issues[result.issues.count - 1]))
        }
        let generation = OutputGeneration(directory: out, seam: seam)
        let feedback = Feedback()
        // The standard's CSV again under the hub's recommended name, when the configuration
        // names the producer.
        let hubCopy = HubFileName.name(date: result.dateReference, siren: result.configuration.producteurSiren,
                                       territoire: result.configuration.territoireNom)
        do {
            let publisher = Publisher(result: result)
            let steps = Steps(observer: observer, generation: generation)
            let baisses = previous.baissesAcceptees
            // The copies mostly wait on the disk (a sync of each whole file): on a thread of their
            // own rather than on one of the writers' cores.
            DispatchQueue.global(qos: .utility).async { _ = goodReads.value }
            // Every file depends on the result only: written in parallel, staged in `order`. The
            // jobs are taken longest first (their CPU at 300,000 places: the state 4.5 s, the annuaire
            // 2 s, services.json 1.7 s…), so no long one starts last.
            try steps.parallel([
                .init(["unefois.sqlite"]) { try StateStore.write(result, to: $0[0], anciennesBaisses: baisses, derniersBons: { goodReads.value.kept }) },
                .init(Rendus.nomsAnnuaire) { try steps.write([Rendus.annuaire(result, schemasPath: schemasPath)], to: $0) },
                .init(["services.json"]) { p in try steps.stream(p[0]) { try publisher.servicesJSON(emit: $0) } },
                .init(["lieux.geojson"]) { p in try steps.stream(p[0]) { try publisher.lieuxGeoJSON(emit: $0) } },
                .init(["structures.json"]) { p in try steps.stream(p[0]) { try publisher.structuresJSON(emit: $0) } },
                .init(["lieux.gpkg"]) { try GeoPackageWriter.write(result, to: $0[0]) },
                .init(Rendus.noms(bilan: bilan).filter { !Rendus.nomsAnnuaire.contains($0) }, stage: .rapport) { p in
                    let rendus = try Rendus.build(result, schemasPath: schemasPath, periode: periode, bilan: bilan)
                    precondition(rendus.rendus.flatMap(\.noms) == Rendus.noms(bilan: bilan).filter { !Rendus.nomsAnnuaire.contains($0) },
                                 "Rendus.noms and Rendus.build disagree")
                    try steps.write(rendus.rendus, to: p)
                },
                .init([]) { _ in feedback.files = PartnerFeedback.files(result) },
                .init(["lieux.csv"] + (hubCopy.map { [$0] } ?? [])) { p in
                    let sinks = try p.map { try FileSink(path: $0) }
                    try publisher.lieuxCSV { bytes in try sinks.forEach { try $0.write(bytes) } }
                    try sinks.forEach(steps.finish)
                },
                .init(["lieux-bureautique.csv"]) { p in try steps.stream(p[0]) { try publisher.lieuxBureautiqueCSV(emit: $0) } },
                .init(["rejets.csv"]) { try steps.write(publisher.rejetsCSV(), to: $0[0]) },
                .init(["correspondances.csv"]) { try steps.write(publisher.correspondancesCSV(), to: $0[0]) },
            ], order: ["lieux.csv", "lieux-bureautique.csv"] + (hubCopy.map { [$0] } ?? []) + ["structures.json", "services.json", "lieux.geojson", "lieux.gpkg",
                       "correspondances.csv", "rejets.csv"] + Rendus.noms(bilan: bilan) + ["unefois.sqlite"])
            let standard = (try? MappedFile(path: schemasPath + "/standard-mediation-num/schema_v1.0.2.json")).flatMap { try? JSONParser.parse($0.bytes) }
            // Hashing every staged file is part of writing the descriptor (shown as that step).
            try steps.write("datapackage.json") { DataPackage.descriptor(files: try steps.stagedFacts(), standardSchema: standard) }
            try generation.commit()
        } catch {
            // Nothing replaced: tonight's copies of the sources are not kept either.
            // (Waiting for the copies if they are still being made.)
            if !generation.markerWritten { goodReads.value.made.forEach(FileManagerShim.remove) }
            throw error
        }
        // An older night's copy under the hub's name goes once the new generation is in place.
        for name in (try? FileManagerShim.list(out)) ?? [] where HubFileName.matches(name) && name != hubCopy {
            FileManagerShim.remove(out + "/" + name)
        }
        // Built by its job whenever the publication went through (any failure throws above).
        try writeRetours(feedback.files ?? PartnerFeedback.files(result), observer: observer, out: out)
        result.derniersBons = goodReads.value.kept
        pruneCopies(out: out, keep: result.derniersBons)
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
        let changes = previous.executions.isEmpty ? [] : StateStore.changes(since: previous, to: result.publies, rang: rang)
        result.changements = changes
        result.historique += changes
        result.executions.append(Execution(rang: rang, empreinte: result.empreinte, dateReference: result.dateReference,
                                                      lieuxPublies: result.publies.count, changements: changes.count))
    }
}
