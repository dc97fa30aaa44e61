import UneFoisCore
import UneFoisModel
/// Names the automatic repairs made on a place (for the run report and the state), by comparing
/// what the mapping read with what was kept, and from the repair issues. Counting never changes
/// a value.
public enum RepairCounter {
    static let byField: [(Champ, String)] = [
        (.nom, "nom remis en forme (espaces, points, majuscules)"),
        (.telephone, "téléphone mis au format international (+33…)"),
        (.courriels, "courriel mis en minuscules"),
        (.siteWeb, "adresse web complétée (https://)"),
        (.pivot, "SIRET nettoyé (espaces, points)"),
        (.dateMaj, "date de mise à jour convertie en aaaa-mm-jj"),
    ]

    static let byIssue: [String: String] = [
        "commune-corrected": "commune mal orthographiée corrigée",
        "coordinates-swapped": "latitude et longitude remises dans l'ordre",
        "crs-unexpected": "coordonnées converties ou réinterprétées (système de coordonnées)",
        "leading-zero-lost": "zéro initial perdu restauré (code postal ou INSEE)",
        "leading-zero-restored": "zéro initial perdu restauré (code postal ou INSEE)",
        "postal-code-from-reference": "code postal repris du référentiel des communes",
        "commune-from-coordinates": "commune déterminée par les coordonnées",
        "opening-hours-converted": "horaires convertis au format OpenStreetMap",
    ]

    /// The repairs made on one record (each kind at most once).
    public static func kinds(mapped: MappedRecord, lieu: Lieu, issues: [Issue]) -> [String] {
        var out: [String] = []
        for (champ, label) in byField {
            guard let raw = mapped.items(champ) else { continue }
            // Unchanged single value: the common case, decided without building lists.
            if raw.count == 1, let v = lieu.valeurs[champ], v.suite.isEmpty, v.premier == raw[0] { continue }
            let kept = lieu.liste(champ)
            if !kept.isEmpty && kept != raw.map(TextFolding.clean) && kept.joined(separator: "|") != raw.joined(separator: "|") {
                out.append(label)
            }
        }
        if mapped.values["pivot"] == nil, let raw = mapped.values["siret"]?.first, let s = lieu.siret, s != raw {
            out.append("SIRET nettoyé (espaces, points)")
        }
        for i in issues where i.severity != .error {
            if let label = byIssue[i.code], !out.contains(label) {
                if i.code == "leading-zero-lost" && i.severity != .info { continue }  // refused, not repaired
                out.append(label)
            }
        }
        return out
    }
}
