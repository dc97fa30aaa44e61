import Dispatch
import UneFoisCore
import UneFoisModel
/// Everything one source contributes to a run, built record by record: its places (before
/// deduplication), correspondances of the records not published, activities, follow-ups, issues
/// and the source's own counts. The pipeline merges it into the run only when the whole source
/// has been read, so a source that fails midway adds nothing.
package struct SourceIngestion {
    let context: IngestContext
    let spec: SourceSpec

    package private(set) var run: SourceRun
    /// Told every 1,024 records of the bytes and records read so far (progress display).
    package var onProgress: ((_ bytes: Int, _ records: Int) -> Void)?
    /// File names to cite instead of the paths read (a stale source read from its kept copies
    /// cites its original files).
    package var aliases: [String: String] = [:]
    /// The API pages among the files read (in order), to check they add up.
    private var pages: [(file: String, page: APIPage)] = []
    /// Bytes of the files of this source already read completely.
    private var bytesBefore = 0
    package private(set) var lieux: [Lieu] = []
    package private(set) var correspondances: [Correspondance] = []
    package private(set) var activites: [Activite] = []
    package private(set) var suivis: [SuiviAction] = []
    package private(set) var issues: [Issue] = []
    /// First line and values of each source key, to tell exact duplicates from id clashes.
    private var seen: [String: (ligne: Int, valeurs: Lieu.Valeurs)] = [:]
    /// data·inclusion services waiting to be attached to their structures.
    private var services: [MappedRecord] = []
    /// Place records read but not yet built: mapping, normalisation and validation of a record
    /// depend on it alone, so a batch is built on every core; what needs the records before
    /// (duplicate keys, counts, the order of issues) then runs in record order.
    private var pending: [SourceRecord] = []
    /// The batches being built in the background while the next one is read, oldest first (at
    /// most ``batchesInFlight``).
    private var inFlight: [Batch] = []
    /// True while the current file's ids are content fingerprints (``MappingApplier/contentKeyColumns``).
    private var contentKeys = false
    /// Records built per batch.
    static let batchSize = 2048

    package init(context: IngestContext, spec: SourceSpec) {
        self.context = context
        self.spec = spec
        run = SourceRun(spec: spec)
    }

    /// Reads every file of the source. Throws (an `OperationalError` for expected failures) when
    /// a file cannot be used as a whole.
    package mutating func ingest() throws {
        let mapping = try context.mapping(for: spec)
        run.correspondance = mapping.nom
        var hashes: [String] = []
        for path in spec.chemins {
            let file = try MappedFile(path: path)
            run.octets += file.bytes.count
            // The file's fingerprint is worked out beside its reading (a third of a second of one
            // core for a national file, during which the other core waited).
            let fingerprint = Once { file.fingerprint() }
            DispatchQueue.global().async { _ = fingerprint.value }
            try ingest(file: file, path: path, mapping: mapping)
            hashes.append(fingerprint.value)
            bytesBefore += file.bytes.count
        }
        if !services.isEmpty { attachServices() }
        checkPages()
        run.empreinte = StableHash.hex(ofFileHashes: hashes)
    }

    /// The pages of a paginated API read as this source's files must add up: the last one
    /// announces no next page (`api-pages-missing`) and together they hold the `count` the first
    /// one announces (`api-count-mismatch`). Both are errors in rejets.csv and the report: places
    /// are missing from the export.
    private mutating func checkPages() {
        guard let first = pages.first else { return }
        let file = pages.last?.file ?? ""
        if let next = pages.last?.page.next {
            issues.append(Issue(code: "api-pages-missing", severity: .error,
                message: "La dernière page lue annonce une page suivante (\(next.prefix(120))) : des lieux manquent. Ajoutez toutes les pages comme fichiers de la source (« chemin » : liste de fichiers).",
                source: spec.nom, file: file, line: 1, field: "next"))
        }
        let total = pages.reduce(0) { $0 + $1.page.items }
        if let count = first.page.count, count != total {
            issues.append(Issue(code: "api-count-mismatch", severity: pages.last?.page.next == nil ? .error : .warning,
                message: "L'API annonce \(count) enregistrements (count) mais les pages lues en contiennent \(total). Vérifiez que l'export est complet.",
                source: spec.nom, file: first.file, line: 1, field: "count"))
        }
    }

    /// One file: CSV streamed record by record (the map's pages released as they are read),
    /// other formats read whole.
    private mutating func ingest(file: MappedFile, path: String, mapping: Mapping) throws {
        let fileName = aliases[path] ?? context.displayName(path)
        var applier: MappingApplier?
        var effective = mapping
        var notes: [String] = spec.chemins.count > 1 ? ["fichier \(fileName)"] : []
        func begin(_ table: SourceTable) throws {
            effective = try effectiveMapping(mapping, for: table, notes: &notes)
            applier = MappingApplier(mapping: effective, table: table, source: spec.nom, file: fileName)
            issues += applier!.fileIssues()
            contentKeys = !applier!.contentKeyColumns.isEmpty && applier!.mapping.regle("id") == nil
        }
        func process(_ record: SourceRecord) {
            guard let applier else { return }
            self.process(record, applier: applier, cible: effective.cible, fileName: fileName)
        }
        defer {
            // On a failure midway, let a batch still building finish before the records go.
            for batch in inFlight { batch.done.wait() }
            inFlight = []
            pending.removeAll()
        }
        let table: SourceTable
        // A binary file is never read as text (a PDF or an image given by mistake).
        if spec.format != "gpkg", FileKind.of(file.bytes) == .binary, let refusal = FileKind.refusal(file.bytes, file: fileName) { throw refusal }
        if spec.format.reader == .table && !IngestContext.isWorkbook(file.bytes, path: path) {
            table = try CSVTableReader.stream(bytes: file.bytes, options: mapping.lecture, source: spec.nom, file: fileName,
                                              progress: { file.release(before: $0) }, onHeader: begin, process)
        } else {
            table = try context.read(spec: spec, path: path, mapping: mapping, bytes: file.bytes, fileName: fileName)
            try begin(table)
            table.records.forEach(process)
        }
        if let applier { buildPending(applier: applier, fileName: fileName, wait: true) }
        if let page = table.apiPage { pages.append((fileName, page)) }
        run.detections += notes + table.detections
        run.correspondance = effective.nom
        issues += table.issues
    }

    /// The mapping for a file once its columns are known: a services file of data·inclusion, a
    /// v0.1.x standard file recognised from its header, or the identity mapping.
    private func effectiveMapping(_ mapping: Mapping, for table: SourceTable, notes: inout [String]) throws -> Mapping {
        if spec.format.carriesServices, spec.correspondance == nil, table.index(of: "structure_id") != nil {
            notes.append("fichier de services data·inclusion (colonne structure_id) : rattachés aux structures de la source")
            return try MappingLoader.load(path: context.catalogue.mapping(named: "datainclusion-services"), crosswalks: context.crosswalks)
        }
        guard mapping.champs.isEmpty else { return mapping }
        if spec.format == "mednum", IngestContext.isLegacyStandard(table) {
            notes.append("standard des lieux de médiation numérique v0.1.x reconnu à l'en-tête (colonnes \(StandardVersion.detect(columns: table.columns).evidence.joined(separator: ", "))) : repris vers la v1")
            return try MappingLoader.load(path: context.catalogue.mapping(named: "mednum-v0"), crosswalks: context.crosswalks)
        }
        return IngestContext.identityMapping(for: table, format: spec.format)
    }

    /// One record through mapping, normalisation and validation.
    private mutating func process(_ record: SourceRecord, applier: MappingApplier, cible: Mapping.Cible, fileName: String) {
        run.enregistrementsLus += 1
        if run.enregistrementsLus & 1023 == 0, let onProgress {
            onProgress(bytesBefore + (record.byteOffset ?? 0), run.enregistrementsLus)
        }
        if cible == .lieu && record.rejection == nil && !applier.isIgnored(record) {
            pending.append(record)
            if pending.count >= SourceIngestion.batchSize { buildPending(applier: applier, fileName: fileName, wait: false) }
            return
        }
        // Anything else keeps its place in the order of issues and correspondances.
        buildPending(applier: applier, fileName: fileName, wait: true)
        if let rejection = record.rejection {
            issues.append(rejection)
            run.rejets += 1
            if cible == .lieu {
                correspondances.append(Correspondance(source: spec.nom, sourceId: "L\(record.line)", lieuId: "", statut: .rejete, motif: rejection.code, fichier: fileName, ligne: record.line))
            }
            return
        }
        if applier.isIgnored(record) {
            run.ignores += 1
            issues.append(Issue("ignored-row", .info, "Ligne ignorée selon la correspondance (ligne de total ou de commentaire).", at: Provenance(source: spec.nom, file: fileName, line: record.line, byteOffset: record.byteOffset)))
            return
        }
        let mapped = applier.apply(record)
        var recordIssues = mapped.issues
        defer { issues += recordIssues }
        switch cible {
        case .lieu:
            break  // built by batch (buildPending)
        case .activite:
            if let a = ActiviteBuilder.activite(mapped, issues: &recordIssues) {
                activites.append(a)
                run.activites += 1
            } else { run.rejets += 1 }
        case .suivi:
            if let s = ActiviteBuilder.suivi(mapped, issues: &recordIssues) {
                suivis.append(s)
                run.suivis += 1
            } else { run.rejets += 1 }
        case .service:
            services.append(mapped)
        }
    }

    /// One place record mapped, built and validated (depends on the record alone).
    struct Built {
        /// The automatic repairs made (``RepairCounter``), counted when the place is published.
        var repairs: [String]
        var lieu: Lieu
        var valid: Bool
        var issues: [Issue]
    }

    /// Place records mapped, built and validated in the background (on every core) while the
    /// reader goes on with the next batch.
    final class Batch: @unchecked Sendable {
        let records: [SourceRecord]
        let fileName: String
        /// Written by the background work before `done` is signalled, read after waiting on it.
        var built: [Built] = []
        let done = DispatchGroup()

        init(records: [SourceRecord], fileName: String) {
            self.records = records
            self.fileName = fileName
        }
    }

    /// What every worker reads to build a place, shared by reference: a per-record copy of the
    /// applier and the validator (their arrays and tables) cost more retains than the work.
    final class BuildContext: @unchecked Sendable {
        let applier: MappingApplier
        let builder: LieuBuilder
        let validator: LieuValidator
        let label: String

        init(applier: MappingApplier, builder: LieuBuilder, validator: LieuValidator, label: String) {
            self.applier = applier
            self.builder = builder
            self.validator = validator
            self.label = label
        }

        /// One place record mapped, built and validated (depends on the record alone).
        func build(_ record: SourceRecord) -> Built {
            let mapped = applier.apply(record)
            var issues = mapped.issues
            var lieu = builder.build(mapped, issues: &issues)
            if lieu[.source] == nil {
                // The standard's `source` column names who gave the place: the configuration's label.
                lieu.set(.source, label, colonne: "configuration")
            }
            let before = issues.count
            let valid = validator.validate(&lieu, issues: &issues)
            // A required field left empty: name the partner's column(s), not the standard's field.
            for k in before..<issues.count where issues[k].code == "missing-cell" {
                if let f = issues[k].field, let cols = applier.mapping.regle(f)?.colonnes, !cols.isEmpty { issues[k].field = cols.joined(separator: "+") }
            }
            // Worked out here, on every core: the mapped record is freed with this batch's work.
            let repairs = valid ? RepairCounter.kinds(mapped: mapped, lieu: lieu, issues: issues) : []
            // Final from here: one buffer per place (see `Lieu.Valeurs`), made here on every core
            // while the values are at hand; the reading thread moves it into its own heap.
            lieu.valeurs.pack()
            return Built(repairs: repairs, lieu: lieu, valid: valid, issues: issues)
        }
    }

    /// Starts building the pending place records on every core, and files the batches already
    /// built, oldest first (in record order: what needs the records before, duplicate keys,
    /// counts and the order of issues, runs here, on the reading thread). Up to
    /// ``batchesInFlight`` batches build at once, so the cores always have the next one when a
    /// batch ends while this thread reads or files. With `wait`, also waits for every batch and
    /// files it, so that what comes next stays in order.
    private mutating func buildPending(applier: MappingApplier, fileName: String, wait: Bool) {
        if !pending.isEmpty {
            if inFlight.count >= SourceIngestion.batchesInFlight { fileOldest() }
            let batch = Batch(records: pending, fileName: fileName)
            pending.removeAll(keepingCapacity: true)
            let shared = BuildContext(applier: applier, builder: context.builder, validator: context.validator, label: spec.libelle ?? spec.nom)
            inFlight.append(batch)
            DispatchQueue.global().async(group: batch.done) {
                batch.built = Parallel.map(batch.records) { shared.build($0) }
            }
        }
        while let oldest = inFlight.first, oldest.done.wait(timeout: .now()) == .success { fileOldest() }
        if wait { while !inFlight.isEmpty { fileOldest() } }
    }

    /// Batches building at once (each on every core).
    static let batchesInFlight = 2

    /// Waits for the oldest batch being built, then files its places in record order.
    private mutating func fileOldest() {
        let batch = inFlight.removeFirst()
        batch.done.wait()
        for (record, b) in zip(batch.records, batch.built) {
            var recordIssues = b.issues
            place(b, line: record.line, fileName: batch.fileName, issues: &recordIssues)
            issues += recordIssues
        }
    }

    /// A place record built and validated: filtered to the territory, checked for duplicate keys.
    private mutating func place(_ built: Built, line: Int, fileName: String, issues: inout [Issue]) {
        let configuration = context.configuration
        var lieu = built.lieu
        // Packed by the worker (which had its values at hand), the place's buffer is copied into
        // this thread's heap, where the places that stay are kept (see `Lieu.Valeurs.relocate`).
        lieu.valeurs.relocate()
        if contentKeys, seen[lieu.cle].map({ $0.valeurs != lieu.valeurs }) ?? false {
            // Two different places with the same fingerprint (same name, address and commune):
            // the later ones get « -2 », « -3 »… in file order rather than being rejected.
            let base = lieu.idSource
            var n = 2
            while let prev = seen[lieu.provenance.source + "--" + base + "-\(n)"], prev.valeurs != lieu.valeurs { n += 1 }
            lieu.idSource = base + "-\(n)"
            lieu.cle = lieu.provenance.source + "--" + lieu.idSource
        }
        var statut = Statut.publie
        var motif = ""
        if !built.valid {
            statut = .rejete
            motif = issues.first { $0.severity == .error }?.code ?? "constraint-error"
        } else if let code = lieu[.codeInsee], configuration.filtrerTerritoire, !context.inTerritory.contains(code) {
            statut = .rejete
            motif = "hors-territoire"
            issues.append(Issue("hors-territoire", .info, "Lieu hors du territoire (\(context.territoire.commune(code: code)?.nom ?? code), INSEE \(code)) : non publié pour \(configuration.territoireNom).", at: lieu.provenance, field: lieu.valeurs[.codeInsee]?.colonne))
        } else if let prev = seen[lieu.cle] {
            if prev.valeurs == lieu.valeurs {
                statut = .fusionne
                motif = "doublon exact de la ligne \(prev.ligne)"
                issues.append(Issue("duplicate-row", .info, "Enregistrement identique à celui de la ligne \(prev.ligne) : compté une seule fois.", at: lieu.provenance))
            } else {
                statut = .rejete
                motif = "unique-error"
                issues.append(Issue("unique-error", .error, "Identifiant « \(lieu.idSource) » déjà utilisé ligne \(prev.ligne) par un enregistrement différent : celui-ci est rejeté. Chaque lieu doit avoir son propre identifiant.", at: lieu.provenance, field: lieu.valeurs[.id]?.colonne ?? "id"))
            }
        }
        if statut == .publie {
            seen[lieu.cle] = (line, lieu.valeurs)
            lieux.append(lieu)
            run.lieux += 1
            for k in built.repairs { run.reparations[k, default: 0] += 1 }
        } else {
            if statut == .rejete { run.rejets += 1 }
            correspondances.append(Correspondance(source: spec.nom, sourceId: lieu.idSource, lieuId: "", statut: statut, motif: motif, fichier: fileName, ligne: line))
        }
    }

    /// Adds the list values of services (themes as services, types as modalities, fees, publics,
    /// ways in) to the places of this source they name by `structure_id`.
    private mutating func attachServices() {
        var index: [String: Int] = [:]
        for (i, l) in lieux.enumerated() {
            index[l.idSource] = i
            // data·inclusion ids are often « source--id »: accept both forms.
            index[l.provenance.source + "--" + l.idSource] = i
            if let r = l.idSource.range(of: "--") { index[String(l.idSource[r.upperBound...])] = i }
        }
        for s in services {
            guard let sid = s.first("structure_id"), let i = index[sid] ?? index[sid.components(separatedBy: "--").last ?? sid] else {
                issues.append(Issue("structure-inconnue", .warning, "Service « \(s.idSource) » rattaché à la structure « \(s.first("structure_id") ?? "") », absente de cette source : il est ignoré. Ajoutez le fichier des structures à la même source.", at: s.provenance, field: "structure_id"))
                continue
            }
            for (champ, values) in s.values {
                guard let c = Champ(rawValue: champ), c.isList else { continue }
                let merged = lieux[i].liste(c) + values.filter { !lieux[i].liste(c).contains($0) }
                lieux[i].set(c, merged, colonne: lieux[i].valeurs[c]?.colonne ?? "services:" + (s.colonnes[champ] ?? champ))
            }
            run.servicesRattaches += 1
        }
    }
}
