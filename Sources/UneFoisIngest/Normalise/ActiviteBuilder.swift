import UneFoisCore
import UneFoisModel
/// Turns mapped records into ``Activite`` and ``SuiviAction`` values. A record missing what an
/// indicator needs (date, place, action, a count) is rejected with the reason.
public enum ActiviteBuilder {
    /// Roadmap actions of LMV's France Numérique Ensemble plan, used to check `action`.
    public static let actions: Set<String> = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2"]
    /// The 10 national partners of the France Services desks (for démarches).
    public static let partenaires = ["DGFiP", "CAF", "CPAM", "MSA", "CARSAT", "France Travail", "La Poste", "ANTS", "Justice", "France Rénov'"]

    static func reject(_ code: String, _ msg: String, _ m: MappedRecord, _ champ: String, _ issues: inout [Issue]) {
        issues.append(Issue(code, .error, msg, at: m.provenance, field: m.colonnes[champ] ?? champ))
    }

    static func integer(_ m: MappedRecord, _ champ: String, issues: inout [Issue]) -> Int?? {
        guard let t = m.first(champ) else { return .some(nil) }
        guard let n = Int(t.replacingOccurrences(of: " ", with: "")), n >= 0 else {
            reject("type-error", "« \(t) » n'est pas un nombre entier positif (\(champ)) : la ligne est rejetée. Corrigez la valeur.", m, champ, &issues)
            return nil
        }
        return .some(n)
    }

    /// An activity, or nil (with an error issue) when the record must be rejected.
    public static func activite(_ m: MappedRecord, issues: inout [Issue]) -> Activite? {
        if m.issues.contains(where: { $0.severity == .error }) { return nil }
        guard let date = m.first("date") else {
            reject("missing-cell", "Date absente : la ligne est rejetée. Renseignez la date de l'activité.", m, "date", &issues); return nil
        }
        guard let natureText = m.first("nature"), let nature = Activite.Nature(rawValue: natureText) else {
            reject("missing-cell", "Nature de l'activité inconnue (« \(m.first("nature") ?? "") ») : individuel, collectif ou demarche attendu. Complétez la correspondance.", m, "nature", &issues); return nil
        }
        guard let action = m.first("action"), actions.contains(action) else {
            reject("constraint-error", "Action de la feuille de route inconnue (« \(m.first("action") ?? "vide") ») : la ligne est rejetée. Actions possibles : \(actions.sorted().joined(separator: ", ")).", m, "action", &issues); return nil
        }
        guard let lieuNom = m.first("lieu_nom") else {
            reject("missing-cell", "Lieu de l'activité absent : la ligne est rejetée.", m, "lieu_nom", &issues); return nil
        }
        guard let duree = integer(m, "duree_min", issues: &issues), let part = integer(m, "participants", issues: &issues), let nombre = integer(m, "nombre", issues: &issues) else { return nil }
        if nature == .demarche && nombre == nil {
            reject("missing-cell", "Nombre de démarches absent : la ligne est rejetée. Renseignez le nombre.", m, "nombre", &issues); return nil
        }
        let participants = part ?? (nature == .individuel ? 1 : (nature == .demarche ? (nombre ?? 1) : nil))
        guard let participants else {
            reject("missing-cell", "Nombre de participants absent pour un atelier collectif : la ligne est rejetée.", m, "participants", &issues); return nil
        }
        var a = Activite(idSource: m.first("id") ?? m.idSource, date: date, nature: nature, action: action, lieuNom: lieuNom,
                         codeInsee: m.first("code_insee"), commune: m.first("commune"), dureeMinutes: duree,
                         participants: participants, nombre: nombre ?? 1, thematiques: m.values["thematiques"] ?? [],
                         partenaire: m.first("partenaire"), atelier: m.first("atelier"), provenance: m.provenance)
        if let r = m.first("avec_rdv") { a.avecRdv = r == "oui" }
        a.services = m.values["services"] ?? []
        if nature == .demarche && a.partenaire == nil {
            reject("constraint-error", "Partenaire France Services absent ou inconnu : la ligne est rejetée. Partenaires possibles : \(partenaires.joined(separator: ", ")).", m, "partenaire", &issues); return nil
        }
        return a
    }

    /// A roadmap follow-up fact, or nil (with an error issue).
    public static func suivi(_ m: MappedRecord, issues: inout [Issue]) -> SuiviAction? {
        if m.issues.contains(where: { $0.severity == .error }) { return nil }
        guard let date = m.first("date") else {
            reject("missing-cell", "Date absente : la ligne est rejetée.", m, "date", &issues); return nil
        }
        guard let action = m.first("action"), actions.contains(action) else {
            reject("constraint-error", "Action de la feuille de route inconnue (« \(m.first("action") ?? "vide") ») : la ligne est rejetée. Actions possibles : \(actions.sorted().joined(separator: ", ")).", m, "action", &issues); return nil
        }
        guard let type = m.first("type"), let libelle = m.first("libelle") else {
            reject("missing-cell", "Type ou libellé absent : la ligne est rejetée.", m, "type", &issues); return nil
        }
        guard let part = integer(m, "participants", issues: &issues) else { return nil }
        var duree: Double?
        if let d = m.first("duree_heures") {
            guard let v = Double(d.replacingOccurrences(of: ",", with: ".")), v >= 0 else {
                reject("type-error", "Durée « \(d) » illisible (heures) : la ligne est rejetée.", m, "duree_heures", &issues); return nil
            }
            duree = v
        }
        return SuiviAction(date: date, action: action, type: type, libelle: libelle, commune: m.first("commune"),
                           participants: part, dureeHeures: duree, partenaire: m.first("partenaire"), provenance: m.provenance)
    }
}
