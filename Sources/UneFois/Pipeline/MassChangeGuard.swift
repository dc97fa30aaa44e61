import UneFoisCore
import UneFoisModel
import UneFoisPublish

/// The mass-change guard: a night where a source loses more than `baisse_max` of the places of
/// its last good read (default 30 %), or the whole publication shrinks by more than that against
/// the last run, publishes nothing (exit 79) unless the data officer accepts it once
/// (`--accepter-baisse`, or `publication.accepter_baisse` set to the inputs' fingerprint the
/// message gives). An empty export, a header-only file and `"sources": []` are such nights.
enum MassChangeGuard {
    /// What would drop tonight (empty: nothing beyond the threshold).
    static func drops(_ result: RunResult, previous: StateStore.Previous, seuil: Double) -> [BaisseAcceptee] {
        var out: [BaisseAcceptee] = []
        func tooLow(_ before: Int, _ after: Int) -> Bool { before > 0 && Double(after) < Double(before) * (1 - seuil) }
        var tonight: [String: Int] = [:]
        for s in result.sources { tonight[s.spec.nom] = s.perime?.lieux ?? s.lieux }
        for (nom, bon) in previous.derniersBons.sorted(by: { $0.key < $1.key }) {
            let after = tonight[nom] ?? 0
            if tooLow(bon.lieux, after) { out.append(BaisseAcceptee(perimetre: nom, avant: bon.lieux, apres: after)) }
        }
        if let last = previous.executions.last, tooLow(last.lieuxPublies, result.publies.count) {
            out.append(BaisseAcceptee(perimetre: "(publication)", avant: last.lieuxPublies, apres: result.publies.count))
        }
        return out
    }

    /// Throws `.massChange` when tonight drops too much and nobody accepted it; records the
    /// acceptance (issue and journal) when accepted.
    static func check(_ result: inout RunResult, previous: StateStore.Previous, configuration: Configuration) throws {
        let found = drops(result, previous: previous, seuil: configuration.baisseMax)
        guard !found.isEmpty else { return }
        let pourcent = Int((configuration.baisseMax * 100).rounded())
        let liste = found.map { d in
            d.perimetre == "(publication)" ? "toute la publication : \(d.avant) → \(d.apres) lieux" : "source « \(d.perimetre) » : \(d.avant) → \(d.apres) lieux"
        }.joined(separator: " ; ")
        if let accepted = configuration.accepterBaisse, accepted == "*" || accepted == result.empreinte {
            result.baissesAcceptees = found
            result.issues.append(Issue(code: "mass-change-accepted", severity: .warning,
                message: "Baisse de plus de \(pourcent) % acceptée pour cette exécution (\(liste)) ; elle est inscrite au journal.",
                source: "unefois", file: "unefois.json"))
            return
        }
        throw OperationalError(.massChange, "Rien n'est publié : trop de lieux disparaîtraient d'un coup (plus de \(pourcent) %) — \(liste). Les fichiers publiés restent ceux de la dernière exécution. Vérifiez les exports (fichier vide, tronqué, réduit à l'en-tête, source retirée de la configuration). Si la baisse est voulue, acceptez-la une fois : relancez avec --accepter-baisse, ou ajoutez à la configuration \"publication\": {\"accepter_baisse\": \"\(result.empreinte)\"} (valable pour ces entrées seulement). Le seuil se règle avec \"publication\": {\"baisse_max\": 0.3}.")
    }
}
