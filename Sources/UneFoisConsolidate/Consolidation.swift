import UneFoisCore
import UneFoisModel
/// Builds the published place of a cluster: the anchor's values, completed field by field from
/// the other members in priority order. Each value keeps the provenance of the member it came
/// from (see ``ValeurPubliee``).
public enum Consolidation {
    /// The published place of `c`: anchor first, then the other members' values for empty fields.
    public static func merge(_ c: Cluster) -> Lieu {
        var out = c.ancre
        for m in c.membres.dropFirst() {
            for (champ, v) in m.valeurs where out.valeurs[champ] == nil {
                out.valeurs[champ] = v
                out.originesAutres[champ] = m.provenance
            }
            if out.latitude == nil, let la = m.latitude, let lo = m.longitude {
                out.latitude = la
                out.longitude = lo
            }
            if out.siret == nil { out.siret = m.siret }
            if out[.pivot] == "00000000000000", let s = m.siret {
                out.set(.pivot, s, colonne: m.valeurs[.pivot]?.colonne ?? "pivot")
                out.originesAutres[.pivot] = m.provenance
            }
        }
        out.set(.id, c.id, colonne: "calcul")
        return out
    }
}
