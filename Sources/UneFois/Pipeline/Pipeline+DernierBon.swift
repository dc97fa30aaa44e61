import UneFoisCore
import UneFoisModel
import UneFoisIngest

/// Last known good, per source: a source that cannot be read tonight is read again from the
/// copies of its last good files kept in the output folder, so its places stay published (marked
/// stale) instead of vanishing for a night and coming back the next (flapping).
extension Pipeline {
    /// Reads `spec` from the copies of its last good read (absolute paths in `bon.copies`), citing
    /// the original file names; nil when the copies cannot be read either.
    func republish(_ spec: SourceSpec, from bon: DernierBon, context: IngestContext) -> SourceIngestion? {
        guard !bon.copies.isEmpty, bon.copies.count == bon.fichiers.count else { return nil }
        var copy = spec
        copy.chemin = bon.copies[0]
        copy.autresChemins = Array(bon.copies.dropFirst())
        var ingestion = SourceIngestion(context: context, spec: copy)
        ingestion.aliases = Dictionary(zip(bon.copies, bon.fichiers).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        do {
            try ingestion.ingest()
        } catch {
            return nil
        }
        return ingestion
    }

    /// French « since when » of a stale source.
    static func depuis(_ bon: DernierBon) -> String {
        "exécution n° \(bon.rang), date de référence \(bon.dateReference)"
    }

    /// Marks the correspondances of stale sources' records (their `motif` says since when).
    static func markStale(_ result: inout RunResult) {
        var stale: [String: DernierBon] = [:]
        for s in result.sources { if let b = s.perime { stale[s.spec.nom] = b } }
        guard !stale.isEmpty else { return }
        for i in result.correspondances.indices {
            guard let b = stale[result.correspondances[i].source] else { continue }
            let note = "périmé : dernière lecture réussie (\(depuis(b)))"
            result.correspondances[i].motif = result.correspondances[i].motif.isEmpty ? note : result.correspondances[i].motif + " ; " + note
        }
    }
}
