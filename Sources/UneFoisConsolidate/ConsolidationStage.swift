import UneFoisCore
import UneFoisModel

/// The consolidation stage: everything that needs all sources at once. It deduplicates the
/// places (the probabilistic matcher with the officer's decisions), gives each cluster its stable
/// id, builds the published place of each cluster and the correspondances of its members, derives
/// the data·inclusion services, links activities to places and scores each place's quality.
package struct ConsolidationStage {
    package let configuration: Configuration
    package let crosswalks: CrosswalkStore
    package let poids: MatchWeights

    package init(configuration: Configuration, crosswalks: CrosswalkStore, poids: MatchWeights) {
        self.configuration = configuration
        self.crosswalks = crosswalks
        self.poids = poids
    }

    func displayName(_ path: String) -> String { configuration.displayName(path) }

    /// Consolidates the places read from every source into `result`. `previous` holds the ids
    /// assigned by earlier runs. `lieux` is emptied: from here on the records live in their
    /// clusters, and a record alone in its cluster shares its values with its published place
    /// (the only difference, the `id`, is the published one), so each place's values are held once.
    package func run(_ lieux: inout [Lieu], into result: inout RunResult, previous: [String: (id: String, rang: Int)]) {
        // Quality is measured against a date taken from the data (never the clock).
        let datesLieux = lieux.compactMap { $0[.dateMaj] }.max()
        let outcome = deduplicate(&lieux, &result)
        lieux = []
        var clusters = outcome.clusters
        var registry = IdentifierRegistry(previous: previous)
        registry.assign(&clusters)
        clusters.sort { $0.id < $1.id }
        result.identifiants = registry.assignments
        result.publies.reserveCapacity(clusters.count)
        for i in clusters.indices {
            let published = Consolidation.merge(clusters[i])
            if clusters[i].membres.count == 1 { clusters[i].membres[0].valeurs = published.valeurs }
            result.publies.append(published)
        }
        // Each member's correspondance, worked out on every core, in cluster order.
        let shared = UncheckedBox(clusters)
        for part in Parallel.ranges(clusters.count) { range in
            var out: [Correspondance] = []
            for k in range {
                let c = shared.value[k]
                for (i, m) in c.membres.enumerated() {
                    out.append(Correspondance(source: m.provenance.source, sourceId: m.idSource, lieuId: c.id,
                        statut: i == 0 ? .publie : .fusionne, motif: i == 0 ? (c.membres.count > 1 ? "ancre de \(c.membres.count) enregistrements" : "") : (c.motifs[m.cle] ?? ""),
                        fichier: m.provenance.file, ligne: m.provenance.line))
                }
            }
            return out
        } {
            result.correspondances += part
        }
        // Exact-duplicate rows point to the id of the record they repeat.
        if result.correspondances.contains(where: { $0.statut == .fusionne && $0.lieuId.isEmpty }) {
            let idByKey = Dictionary(result.correspondances.filter { !$0.lieuId.isEmpty }.map { ($0.source + "--" + $0.sourceId, $0.lieuId) }, uniquingKeysWith: { a, _ in a })
            for i in result.correspondances.indices where result.correspondances[i].statut == .fusionne && result.correspondances[i].lieuId.isEmpty {
                result.correspondances[i].lieuId = idByKey[result.correspondances[i].source + "--" + result.correspondances[i].sourceId] ?? ""
            }
        }
        result.clusters = clusters
        // Per place and independent: on every core, in place order.
        let crosswalk = ServiceCrosswalk(crosswalks: crosswalks)
        let reseaux = Parallel.map(result.publies) { crosswalk.reseauxPorteurs(for: $0) }
        for i in result.publies.indices where !reseaux[i].isEmpty { result.publies[i].reseauxPorteurs = reseaux[i] }
        let crosswalks = self.crosswalks
        result.deriveService = {
            // Each reader of the services derives them on its own thread: its memo takes no lock.
            let own = ServiceCrosswalk(crosswalks: crosswalks, shared: false)
            return { own.service(for: $0) }
        }
        let (activites, doublons) = ActivityDeduplicator.deduplicate(result.activites)
        result.activites = activites
        result.issues += doublons
        linkActivities(&result)
        let dates = [datesLieux].compactMap { $0 } + result.activites.map(\.date) + result.suivis.map(\.date)
        result.dateReference = configuration.dateReference ?? dates.max() ?? "1970-01-01"
        let reference = result.dateReference
        let scores = Parallel.map(result.publies) { QualityScore.evaluate($0, reference: reference) }
        result.qualite.reserveCapacity(scores.count)
        // Keyed by the cluster's id string (the same storage, not a copy read from the place).
        for (c, q) in zip(result.clusters, scores) { result.qualite[c.id] = q }
        result.correspondances = Self.sorted(result.correspondances)
    }

    /// Correspondances by source, file, line and source id (ties in their current order). Source
    /// and file names are ranked once, so the sort compares integers, not strings, in the common case.
    static func sorted(_ cs: [Correspondance]) -> [Correspondance] {
        func ranks(_ names: [String]) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: Set(names).sorted().enumerated().map { ($1, $0) })
        }
        let source = ranks(cs.map(\.source)), fichier = ranks(cs.map(\.fichier))
        let keys = cs.map { (source[$0.source]!, fichier[$0.fichier]!, $0.ligne) }
        let order = cs.indices.sorted { a, b in
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            if cs[a].sourceId != cs[b].sourceId { return cs[a].sourceId < cs[b].sourceId }
            return a < b
        }
        return order.map { cs[$0] }
    }

    /// The deduplication step: the probabilistic matcher with the officer's decisions; its review
    /// pairs and issues go into the result. The records are moved from `lieux` into the clusters.
    func deduplicate(_ lieux: inout [Lieu], _ result: inout RunResult) -> DedupOutcome {
        var decisions = MatchDecisions()
        if let path = configuration.decisionsDoublons {
            do {
                let (d, issues) = try MatchDecisions.load(path: path, displayName: displayName(path))
                decisions = d
                result.issues += issues
            } catch {
                let message = (error as? OperationalError)?.message ?? "\(error)"
                result.issues.append(Issue(code: "decisions-illisibles", severity: .error, message: message + " Le dédoublonnage se fait sans les décisions.", source: "decisions", file: displayName(path)))
            }
        }
        let matcher = ProbabilisticDeduplicator(priorite: configuration.priorite, poids: poids, decisions: decisions)
        let outcome = matcher.run(consuming: &lieux)
        result.issues += outcome.issues
        result.paireARevoir = outcome.aRevoir
        result.poidsDoublons = poids
        return outcome
    }

    /// Links each activity to a published place: by the source id of a place record (France
    /// Services activity names its desk by `id_fs`), else by folded name within the commune, else
    /// by a folded name that only one place has. Unlinked activities are kept and reported.
    func linkActivities(_ result: inout RunResult) {
        guard !result.activites.isEmpty else { return }
        var bySourceId: [String: String] = [:]
        for c in result.correspondances where !c.lieuId.isEmpty { bySourceId[c.sourceId] = bySourceId[c.sourceId] ?? c.lieuId }
        // Only the names that activities use are indexed (a national run has few activities).
        let wanted = Set(result.activites.map { TextFolding.key($0.lieuNom) })
        var byNameInsee: [String: String] = [:]
        var byName: [String: Set<String>] = [:]
        for c in result.clusters {
            for m in c.membres {
                guard let n = m[.nom] else { continue }
                let k = TextFolding.key(n)
                guard wanted.contains(k) else { continue }
                byNameInsee[k + "|" + (m[.codeInsee] ?? "")] = byNameInsee[k + "|" + (m[.codeInsee] ?? "")] ?? c.id
                byName[k, default: []].insert(c.id)
            }
        }
        var unknown: [String: Provenance] = [:]
        for i in result.activites.indices {
            let a = result.activites[i]
            let k = TextFolding.key(a.lieuNom)
            let id = bySourceId[a.lieuNom] ?? a.codeInsee.flatMap { byNameInsee[k + "|" + $0] } ?? (byName[k]?.count == 1 ? byName[k]!.first : nil)
            result.activites[i].lieuId = id
            if id == nil {
                result.issues.append(Issue("lieu-inconnu", .warning, "Lieu « \(a.lieuNom) » introuvable parmi les lieux publiés : l'activité est comptée mais rattachée à aucun lieu. Vérifiez le nom ou l'identifiant du lieu, ou ajoutez le lieu à une source.", at: a.provenance, field: "lieu_nom"))
                if unknown[a.lieuNom] == nil { unknown[a.lieuNom] = a.provenance }
            }
        }
    }
}
