import UneFoisCore
import UneFoisModel

/// Builds the published place of a cluster, field by field (survivorship), keeping the provenance
/// of every value and the reason it was chosen:
///
/// - members are in priority order (configured source priority — `doublons.priorite`, else the
///   configuration's order — then key); the first is the anchor;
/// - a member whose `date_maj` is more than ``ancien`` days older than the newest member's is
///   *much older*: it gives its ids (SIRET) and labels, never a contact (stale contacts are worse
///   than none), and another field only when no other member has it;
/// - identity and address fields (name, address, commune, codes, SIRET, parent...) come from the
///   first member, by priority, that has them; coordinates from the first member with precise ones
///   (4 decimals or more), else the first with any;
/// - contact fields (phone, e-mails, website, hours, booking, accessibility sheet) come from the
///   freshest member that has them (`date_maj`, ties by priority);
/// - the other list fields (typologie, services, publics, labels...) are the union of the members'
///   lists, in priority order (their provenance is the first contributor's);
/// - `date_maj` is the newest date.
public enum Consolidation {
    /// Days beyond which a member is much older than the newest one.
    public static let ancien = 365

    static let fraiches: Set<Champ> = [.telephone, .courriels, .siteWeb, .horaires, .priseRdv, .ficheAccesLibre]
    static let labels: Set<Champ> = [.dispositifProgrammesNationaux, .formationsLabels, .autresFormationsLabels]

    /// The published place of `c`.
    public static func merge(_ c: Cluster) -> Lieu {
        var out = c.ancre
        out.set(.id, c.id, colonne: "calcul")
        guard c.membres.count > 1 else { return out }
        let membres = c.membres
        let jours = membres.map { m in m[.dateMaj].flatMap { CivilDate.days(iso: String($0.prefix(10))) } }
        let plusRecent = jours.compactMap { $0 }.max()
        let actifs = membres.indices.filter { k in
            guard let d = jours[k], let r = plusRecent else { return true }
            return r - d <= ancien
        }
        func take(_ champ: Champ, from k: Int, _ raison: String) {
            let m = membres[k]
            out.valeurs[champ] = m.valeurs[champ]
            if k == 0 { out.originesAutres[champ] = nil } else { out.originesAutres[champ] = m.provenance }
            out.raisons[champ] = raison
        }
        let anciens = membres.count - actifs.count
        for champ in Champ.allCases where champ != .id && champ != .latitude && champ != .longitude {
            var ont = actifs.filter { membres[$0].valeurs.contains(champ) }
            var ancienSeul = false
            if ont.isEmpty && !fraiches.contains(champ) && champ != .dateMaj {
                ont = membres.indices.filter { membres[$0].valeurs.contains(champ) }
                ancienSeul = !ont.isEmpty
            }
            if champ == .dateMaj {
                if let k = ont.max(by: { (jours[$0] ?? Int.min, -$0) < (jours[$1] ?? Int.min, -$1) }) { take(champ, from: k, "date la plus récente des \(membres.count) enregistrements") }
                continue
            }
            if champ.isList && !fraiches.contains(champ) {
                let sources = labels.contains(champ) ? membres.indices.filter { membres[$0].valeurs.contains(champ) } : ont
                guard let first = sources.first else { out.valeurs[champ] = nil; continue }
                var items: [String] = []
                var seen = Set<String>()
                for k in sources { for it in membres[k].liste(champ) where seen.insert(it).inserted { items.append(it) } }
                take(champ, from: first, sources.count > 1 ? "union des listes de \(sources.count) enregistrements" : (first == 0 ? "source prioritaire (ancre)" : "seul enregistrement à le renseigner") + (ancienSeul ? " (enregistrement ancien)" : ""))
                out.valeurs[champ] = Lieu.Valeur(items, colonne: membres[first].valeurs[champ]!.colonne)
                continue
            }
            if champ == .pivot {
                // The SIRET: an id, taken from any member (even much older), the unknown one last.
                let all = membres.indices.filter { membres[$0].valeurs.contains(.pivot) }
                if let k = all.first(where: { membres[$0][.pivot] != "00000000000000" }) ?? all.first {
                    take(champ, from: k, k == 0 ? "source prioritaire (ancre)" : "premier SIRET connu, par priorité")
                }
                continue
            }
            guard let first = ont.first else {
                out.valeurs[champ] = nil
                out.originesAutres[champ] = nil
                continue
            }
            if fraiches.contains(champ) {
                let k = ont.max { (jours[$0] ?? Int.min, -$0) < (jours[$1] ?? Int.min, -$1) }!
                let d = jours[k].map(CivilDate.iso)
                take(champ, from: k, ont.count == 1 ? "seul enregistrement à le renseigner" : (d.map { "valeur la plus récente (date_maj \($0))" } ?? "source prioritaire (aucune date de mise à jour)"))
            } else {
                take(champ, from: first, ancienSeul ? "seul enregistrement à le renseigner (enregistrement ancien)" : first == 0 ? "source prioritaire (ancre)" : "première source, par priorité, à le renseigner")
            }
        }
        // Coordinates: the first precise point by priority, else the first point.
        let points = actifs.filter { membres[$0].latitude != nil && membres[$0].longitude != nil }
        func precis(_ x: Double) -> Bool { abs(x * 10_000 - (x * 10_000).rounded()) < 1e-6 ? abs(x * 1000 - (x * 1000).rounded()) > 1e-6 : true }
        if let k = points.first(where: { precis(membres[$0].latitude!) && precis(membres[$0].longitude!) }) ?? points.first {
            out.latitude = membres[k].latitude
            out.longitude = membres[k].longitude
            let raison = k == points.first ? (k == 0 ? "source prioritaire (ancre)" : "première source, par priorité, à donner un point") : "premier point précis (4 décimales ou plus), par priorité"
            for champ in [Champ.latitude, .longitude] where membres[k].valeurs.contains(champ) { take(champ, from: k, raison) }
        }
        out.siret = membres.compactMap(\.siret).first
        if anciens > 0 {
            for k in membres.indices where !actifs.contains(k) {
                out.raisons[.dateMaj] = (out.raisons[.dateMaj] ?? "") + " ; \(membres[k].cle) a plus d'un an de retard : il ne donne que son SIRET, ses labels et les champs qu'aucun autre n'a"
            }
        }
        out.set(.id, c.id, colonne: "calcul")
        return out
    }
}
