import UneFoisCore
import UneFoisModel
/// The run report (`rapport.md`, `rapport.html`): what each source gave, what was published,
/// merged or rejected and why, and the roadmap's indicators. Counts of people from 1 to 10 are
/// masked (« ≤ 10 »), as French statistical secrecy asks for published tables.
public enum IndicatorReport {
    /// Formats an integer with a narrow no-break space as thousands separator (French style).
    public static func n(_ v: Int) -> String {
        let s = String(v)
        var out = ""
        for (i, ch) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 && ch != "-" { out.insert("\u{202F}", at: out.startIndex) }
            out.insert(ch, at: out.startIndex)
        }
        return out
    }

    /// A decimal number the French way: `0,94`.
    public static func decimal(_ d: Double) -> String {
        JSONWriter.number(d).replacingOccurrences(of: ".", with: ",")
    }

    /// A column of counts of people as published, with secondary suppression: cells from 1 to 10
    /// are masked (« ≤ 10 »); where a group (the whole column, and each of `groupes` when given)
    /// has exactly one masked cell, its smallest other non-zero cell is masked too (« secret »),
    /// so a masked cell cannot be recomputed from a total or from another table.
    public static func personnesMasquees(_ values: [Int], groupes: [String]? = nil) -> [String] {
        var masked = values.map { $0 >= 1 && $0 <= 10 }
        var secondary = Array(repeating: false, count: values.count)
        func protect(_ idx: [Int]) {
            let hidden = idx.filter { masked[$0] || secondary[$0] }
            guard hidden.count == 1 else { return }
            if let other = idx.filter({ !masked[$0] && !secondary[$0] && values[$0] > 0 }).min(by: { (values[$0], $0) < (values[$1], $1) }) {
                secondary[other] = true
            }
        }
        if let groupes {
            for g in Set(groupes).sorted() { protect(values.indices.filter { groupes[$0] == g }) }
        }
        protect(Array(values.indices))
        for i in values.indices where secondary[i] { masked[i] = false }
        return values.indices.map { masked[$0] ? "≤ 10" : secondary[$0] ? "secret" : n(values[$0]) }
    }

    static let actionsLibelles: [String: String] = [
        "1.1": "Permanences d'accompagnement individuel",
        "2.1": "Ateliers « Les Bons Clics »",
        "2.2": "Ateliers parentalité numérique",
        "2.3": "Éducation aux médias et sécurité (dont Safer Internet Day)",
        "2.4": "Numérique écoresponsable (dont Digital Cleanup Day)",
        "3.1": "Formation des aidants numériques",
        "3.2": "Charte et groupes de travail du réseau",
        "3.3": "Immersions « Vis mon job »",
        "3.4": "Événements et rencontres",
    ]

    /// The run report of `r`, in French, deterministic (no clock, stable order).
    public static func build(_ r: RunResult) -> ReportDocument {
        var doc = ReportDocument(title: "unefois — rapport d'exécution, \(r.configuration.territoireNom)")
        let rejetsLieux = r.correspondances.filter { $0.statut == .rejete }.count
        let fusionnes = r.correspondances.filter { $0.statut == .fusionne }.count
        var resume = ReportDocument.Section(title: "En bref")
        resume.blocks.append(.list([
            "\(n(r.publies.count)) lieux publiés, issus de \(n(r.correspondances.count)) enregistrements de lieux (\(n(fusionnes)) fusionnés avec un autre, \(n(rejetsLieux)) rejetés).",
            "\(n(r.activites.count)) activités et \(n(r.suivis.count)) actions de suivi retenues.",
            "\(n(r.issues.filter { $0.severity == .error }.count)) erreurs, \(n(r.issues.filter { $0.severity == .warning }.count)) avertissements, \(n(r.issues.filter { $0.severity == .info }.count)) informations : détail dans rejets.csv.",
            "Empreinte des entrées : \(r.empreinte) (schéma du standard \(r.schemaVersion)).",
        ] + r.sources.compactMap { s in s.echec.map { "Source « \(s.spec.nom) » en quarantaine : \($0.message)" } }))
        doc.sections.append(resume)

        if r.executions.count > 1 || !r.changements.isEmpty {
            var ch = ReportDocument.Section(title: "Changements depuis l'exécution précédente")
            let nouveaux = r.changements.filter { $0.champ == "(lieu)" && $0.avant == nil }.count
            let retires = r.changements.filter { $0.champ == "(lieu)" && $0.apres == nil }.count
            let modifies = Set(r.changements.filter { $0.champ != "(lieu)" }.map(\.lieuId)).count
            if r.changements.isEmpty {
                ch.blocks.append(.paragraph("Aucun lieu publié n'a changé depuis l'exécution précédente."))
            } else {
                ch.blocks.append(.paragraph("\(n(nouveaux)) lieu(x) nouveau(x), \(n(retires)) retiré(s), \(n(modifies)) modifié(s). Le journal complet est dans la table « historique » de unefois.sqlite."))
                let shown = r.changements.prefix(200)
                ch.blocks.append(.table(header: ["Identifiant", "Champ", "Avant", "Après"], rows: shown.map { [$0.lieuId, $0.champ == "(lieu)" ? "lieu" : $0.champ, $0.avant ?? "—", $0.apres ?? "—"] }))
                if r.changements.count > shown.count { ch.blocks.append(.paragraph("… et \(n(r.changements.count - shown.count)) autres changements.")) }
            }
            doc.sections.append(ch)
        }

        var sources = ReportDocument.Section(title: "Sources lues")
        sources.blocks.append(.table(header: ["Source", "Format", "Fichier", "Lus", "Lieux", "Activités", "Suivis", "Rejetés", "Ignorés", "État"],
            rows: r.sources.map { s in
                [s.spec.nom, s.spec.format.rawValue, FileManagerShim.fileName(s.spec.chemin), n(s.enregistrementsLus), n(s.lieux), n(s.activites), n(s.suivis), n(s.rejets), n(s.ignores), s.echec == nil ? "lue" : "quarantaine"]
            }))
        sources.blocks.append(.paragraph("Ce qui a été détecté, source par source (rien n'est deviné en silence) :"))
        sources.blocks.append(.list(r.sources.map { s in
            "\(s.spec.nom) : correspondance « \(s.correspondance) »" + (s.detections.isEmpty ? "" : " ; " + s.detections.joined(separator: " ; "))
        }))
        let repairs = r.sources.flatMap { s in s.reparations.map { (s.spec.nom, $0.key, $0.value) } }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        if !repairs.isEmpty {
            sources.blocks.append(.paragraph("Réparations automatiques sur les lieux retenus (la valeur d'origine reste visible avec « unefois explain » et dans rejets.csv quand elle est signalée) :"))
            sources.blocks.append(.table(header: ["Source", "Réparation", "Lieux"], rows: repairs.map { [$0.0, $0.1, n($0.2)] }))
        }
        doc.sections.append(sources)

        var lieux = ReportDocument.Section(title: "Lieux de médiation numérique publiés")
        var byCommune: [String: Int] = [:]
        for l in r.publies { byCommune[l[.commune] ?? "(commune inconnue)", default: 0] += 1 }
        lieux.blocks.append(.table(header: ["Commune", "Lieux"], rows: byCommune.sorted { $0.key < $1.key }.map { [$0.key, n($0.value)] }))
        var byDispositif: [String: Int] = [:]
        for l in r.publies { for d in l.liste(.dispositifProgrammesNationaux) { byDispositif[d, default: 0] += 1 } }
        if !byDispositif.isEmpty {
            lieux.blocks.append(.table(header: ["Dispositif national", "Lieux"], rows: byDispositif.sorted { $0.key < $1.key }.map { [$0.key, n($0.value)] }))
        }
        let merged = r.clusters.filter { $0.membres.count > 1 }
        if !merged.isEmpty {
            lieux.blocks.append(.paragraph("Lieux vus dans plusieurs sources et fusionnés (chaque fusion est expliquée) :"))
            lieux.blocks.append(.table(header: ["Identifiant", "Nom publié", "Enregistrements", "Motif"],
                rows: merged.flatMap { c in
                    c.membres.dropFirst().map { m in [c.id, c.ancre[.nom] ?? "", "\(c.ancre.cle) ← \(m.cle)", c.motifs[m.cle] ?? ""] }
                }))
        }
        doc.sections.append(lieux)

        if !r.qualite.isEmpty {
            var q = ReportDocument.Section(title: "Qualité des fiches publiées (annuaire)")
            let scores = r.publies.compactMap { l in r.qualite[l[.id]!].map { (l, $0) } }
            let mean = scores.map(\.1.score).reduce(0, +) / Double(scores.count)
            q.blocks.append(.paragraph("Score moyen : \(decimal((mean * 100).rounded() / 100)) sur 1 (fraîcheur mesurée au \(r.dateReference), date la plus récente des données ou « date_reference » de la configuration ; critères : fraîcheur, contact, horaires, position, description, services, identifiant, modalités d'accès)."))
            q.blocks.append(.table(header: ["Lieu", "Commune", "Score", "À compléter"], rows: scores.sorted { ($0.1.score, $0.0[.nom] ?? "") < ($1.1.score, $1.0[.nom] ?? "") }.map { l, s in
                [l[.nom] ?? "", l[.commune] ?? "", decimal(s.score), s.manques.joined(separator: ", ")]
            }))
            doc.sections.append(q)
        }

        var activites = ReportDocument.Section(title: "Activité d'accompagnement (feuille de route)")
        activites.blocks.append(.paragraph("Les nombres de personnes de 1 à 10 sont masqués (« ≤ 10 ») au titre du secret statistique ; « secret » masque une seconde case pour qu'une case masquée ne puisse pas être recalculée à partir des totaux."))
        var byAction: [String: (seances: Int, personnes: Int, minutes: Int)] = [:]
        for a in r.activites where a.nature != .demarche {
            var e = byAction[a.action] ?? (0, 0, 0)
            e.seances += 1; e.personnes += a.participants; e.minutes += a.dureeMinutes ?? 0
            byAction[a.action] = e
        }
        let actionRows = byAction.sorted { $0.key < $1.key }
        let actionPeople = personnesMasquees(actionRows.map(\.value.personnes))
        activites.blocks.append(.table(header: ["Action", "Libellé", "Séances", "Personnes accompagnées", "Heures"],
            rows: actionRows.enumerated().map { i, e in [e.key, actionsLibelles[e.key] ?? "", n(e.value.seances), actionPeople[i], n(e.value.minutes / 60)] }))
        // Month by month, for the dashboard and the annual review.
        var byMonth: [String: (individuel: Int, collectif: Int, personnes: Int, demarches: Int)] = [:]
        for a in r.activites {
            let m = String(a.date.prefix(7))
            var e = byMonth[m] ?? (0, 0, 0, 0)
            switch a.nature {
            case .individuel: e.individuel += 1; e.personnes += a.participants
            case .collectif: e.collectif += 1; e.personnes += a.participants
            case .demarche: e.demarches += a.nombre
            }
            byMonth[m] = e
        }
        if !byMonth.isEmpty {
            let rows = byMonth.sorted { $0.key < $1.key }
            let people = personnesMasquees(rows.map(\.value.personnes))
            activites.blocks.append(.paragraph("Mois par mois :"))
            activites.blocks.append(.table(header: ["Mois", "Accompagnements individuels", "Ateliers collectifs", "Personnes", "Démarches France Services"],
                rows: rows.enumerated().map { i, e in [e.key, n(e.value.individuel), n(e.value.collectif), people[i], n(e.value.demarches)] }))
        }
        var byAtelier: [String: (Int, Int)] = [:]
        var atelierAction: [String: String] = [:]
        for a in r.activites where a.nature == .collectif {
            let k = a.atelier ?? "(sans nom)"
            byAtelier[k] = ((byAtelier[k]?.0 ?? 0) + 1, (byAtelier[k]?.1 ?? 0) + a.participants)
            atelierAction[k] = min(atelierAction[k] ?? a.action, a.action)
        }
        if !byAtelier.isEmpty {
            let rows = byAtelier.sorted { $0.key < $1.key }
            let people = personnesMasquees(rows.map(\.value.1), groupes: rows.map { atelierAction[$0.key] ?? "" })
            activites.blocks.append(.table(header: ["Atelier", "Séances", "Participants"], rows: rows.enumerated().map { i, e in [e.key, n(e.value.0), people[i]] }))
        }
        var byService: [String: Int] = [:]
        for a in r.activites { for s in a.services { byService[s, default: 0] += 1 } }
        if !byService.isEmpty {
            activites.blocks.append(.paragraph("Accompagnements et ateliers par service du standard (d'après leurs thématiques) :"))
            activites.blocks.append(.table(header: ["Service", "Activités"], rows: byService.sorted { $0.key < $1.key }.map { [$0.key, n($0.value)] }))
        }
        var byPartenaire: [String: (Int, Int)] = [:]
        for a in r.activites where a.nature == .demarche {
            let k = a.partenaire ?? "(inconnu)"
            byPartenaire[k] = ((byPartenaire[k]?.0 ?? 0) + a.nombre, (byPartenaire[k]?.1 ?? 0) + (a.avecRdv == true ? a.nombre : 0))
        }
        if !byPartenaire.isEmpty {
            activites.blocks.append(.paragraph("Démarches accompagnées en France Services, par partenaire :"))
            activites.blocks.append(.table(header: ["Partenaire", "Démarches", "dont sur rendez-vous"], rows: byPartenaire.sorted { $0.key < $1.key }.map { [$0.key, n($0.value.0), n($0.value.1)] }))
        }
        var byLieu: [String: (seances: Int, personnes: Int)] = [:]
        let noms = Dictionary(r.publies.map { ($0[.id]!, ($0[.nom] ?? "") + " (" + ($0[.commune] ?? "") + ")") }, uniquingKeysWith: { a, _ in a })
        for a in r.activites where a.nature != .demarche {
            let k = a.lieuId.flatMap { noms[$0] } ?? "(lieu non rattaché) " + a.lieuNom
            let e = byLieu[k] ?? (0, 0)
            byLieu[k] = (e.seances + 1, e.personnes + a.participants)
        }
        if !byLieu.isEmpty {
            activites.blocks.append(.paragraph("Accompagnements et ateliers par lieu :"))
            let rows = byLieu.sorted { $0.key < $1.key }
            let people = personnesMasquees(rows.map(\.value.personnes))
            activites.blocks.append(.table(header: ["Lieu", "Séances", "Personnes"], rows: rows.enumerated().map { i, e in [e.key, n(e.value.seances), people[i]] }))
        }
        doc.sections.append(activites)

        if !r.suivis.isEmpty {
            var suivi = ReportDocument.Section(title: "Suivi des actions (axe 3)")
            var byType: [String: (Int, Int, Double)] = [:]
            for s in r.suivis {
                let k = s.action + " " + s.type
                let e = byType[k] ?? (0, 0, 0)
                byType[k] = (e.0 + 1, e.1 + (s.participants ?? 0), e.2 + (s.dureeHeures ?? 0))
            }
            let rows = byType.sorted { $0.key < $1.key }
            let people = personnesMasquees(rows.map(\.value.1))
            suivi.blocks.append(.table(header: ["Action", "Type", "Nombre", "Participants", "Heures"],
                rows: rows.enumerated().map { i, e in
                    let parts = e.key.split(separator: " ", maxSplits: 1).map(String.init)
                    return [parts[0], parts.count > 1 ? parts[1] : "", n(e.value.0), people[i], decimal((e.value.2 * 10).rounded() / 10)]
                }))
            doc.sections.append(suivi)
        }

        if !r.publies.isEmpty {
            var annuaire = ReportDocument.Section(title: "Annuaire des lieux de médiation numérique")
            annuaire.blocks.append(.paragraph("Une ligne par lieu publié, par commune puis par nom ; l'identifiant permet de retrouver la provenance de chaque information avec « unefois explain »."))
            let rows = r.publies.sorted { ($0[.commune] ?? "", $0[.nom] ?? "") < ($1[.commune] ?? "", $1[.nom] ?? "") }.map { l -> [String] in
                let adresse = [l[.adresse], l[.complementAdresse]].compactMap { $0 }.joined(separator: ", ")
                let contact = [l[.telephone], l[.courriels]].compactMap { $0 }.joined(separator: " ; ")
                return [l[.nom] ?? "", adresse + " " + (l[.codePostal] ?? ""), l[.commune] ?? "", contact, l[.horaires] ?? "", l.liste(.dispositifProgrammesNationaux).joined(separator: ", "), l[.id] ?? ""]
            }
            annuaire.blocks.append(.table(header: ["Lieu", "Adresse", "Commune", "Contact", "Horaires", "Dispositifs", "Identifiant"], rows: rows))
            doc.sections.append(annuaire)
        }

        var qualite = ReportDocument.Section(title: "Problèmes relevés par source")
        var counts: [String: Int] = [:]
        for i in r.issues { counts["\(i.source)\u{1}\(i.code)\u{1}\(i.severity.rawValue)", default: 0] += 1 }
        qualite.blocks.append(.table(header: ["Source", "Code", "Gravité", "Nombre"], rows: counts.sorted { $0.key < $1.key }.map { k, v in
            let p = k.split(separator: "\u{1}").map(String.init)
            return [p[0], p[1], p[2], n(v)]
        }))
        qualite.blocks.append(.paragraph("Chaque problème est détaillé dans rejets.csv avec le fichier, la ligne, le champ et ce qu'il faut faire."))
        qualite.blocks.append(.paragraph("À envoyer à chaque partenaire, en français simple : ses problèmes groupés par sorte, avec la ligne, la colonne, la valeur reçue et ce qui est attendu, et les réparations faites pour lui (même contenu en CSV, retours/<source>.csv) :"))
        qualite.blocks.append(.links(r.sources.map { s in
            let f = PartnerFeedback.fileName(s.spec.nom)
            return (text: "Retours pour « \(s.spec.nom) »", href: "retours/\(f).html")
        }))
        doc.sections.append(qualite)
        return doc
    }
}
