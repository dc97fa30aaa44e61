import Foundation
import UneFoisCore
import UneFoisModel

/// The run's technical log (`journal.html`, `journal.md`): sources read and what was detected in
/// them, automatic repairs, changes since the previous run, merges, quality of the records and
/// problems by source. For the data officer; the Préfecture reads the indicator report.
public enum JournalReport {
    /// French labels of issue codes, from `schemas/referentiels/problemes.csv` (`code,libelle`,
    /// the label runs to the end of the line).
    public static func libelles(csv bytes: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst() {
            guard let comma = line.firstIndex(of: ",") else { continue }
            out[String(line[..<comma])] = String(line[line.index(after: comma)...])
        }
        return out
    }

    /// The journal of `r`, deterministic (no clock, stable order).
    public static func build(_ r: RunResult, libelles: [String: String] = [:], periode: Periode? = nil) -> ReportDocument {
        let n = Francais.n
        var doc = ReportDocument(title: "Journal technique de l'exécution — \(r.configuration.territoireNom)")
        doc.piedDePage = "Données arrêtées au \(Francais.date(r.dateReference)) · empreinte des entrées \(r.empreinte)"
        doc.sommaire = true
        let rejetsLieux = r.correspondances.filter { $0.statut == .rejete }.count
        let fusionnes = r.correspondances.filter { $0.statut == .fusionne }.count
        var resume = ReportDocument.Section(title: "En bref")
        resume.blocks.append(.list([
            "\(n(r.publies.count)) lieux publiés, issus de \(n(r.correspondances.count)) enregistrements de lieux (\(n(fusionnes)) fusionnés avec un autre, \(n(rejetsLieux)) rejetés).",
            "\(n(r.activites.count)) activités et \(n(r.suivis.count)) actions de suivi retenues.",
            "\(n(r.issues.filter { $0.severity == .error }.count)) erreurs, \(n(r.issues.filter { $0.severity == .warning }.count)) avertissements, \(n(r.issues.filter { $0.severity == .info }.count)) informations : détail dans rejets.csv.",
            "Empreinte des entrées : \(r.empreinte) (schéma du standard \(r.schemaVersion)).",
        ] + r.sources.compactMap { s in s.echec.map { "Source « \(s.spec.nom) » en quarantaine : \($0.message)" } }))
        resume.blocks.append(.liens([("Rapport d'indicateurs" + (periode.map { " (\($0.libelle))" } ?? ""), "rapport.html"), ("Annuaire des lieux", "annuaire.html")]))
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
                ch.blocks.append(.tableau(legende: "Changements des lieux publiés (200 premiers)", entetes: ["Identifiant", "Champ", "Avant", "Après"],
                                          rows: shown.map { [$0.lieuId, $0.champ == "(lieu)" ? "lieu" : $0.champ, $0.avant ?? "—", $0.apres ?? "—"] }))
                if r.changements.count > shown.count { ch.blocks.append(.paragraph("… et \(n(r.changements.count - shown.count)) autres changements.")) }
            }
            doc.sections.append(ch)
        }

        var sources = ReportDocument.Section(title: "Sources lues")
        sources.blocks.append(.tableau(legende: "Sources lues et ce qu'elles ont donné", entetes: ["Source", "Format", "Fichier", "Lus", "Lieux", "Activités", "Suivis", "Rejetés", "Ignorés", "État"],
            rows: r.sources.map { s in
                [s.spec.nom, s.spec.format.rawValue, FileManagerShim.fileName(s.spec.chemin), n(s.enregistrementsLus), n(s.lieux), n(s.activites), n(s.suivis), n(s.rejets), n(s.ignores), s.echec == nil ? "lue" : "quarantaine"]
            }))
        sources.blocks.append(.paragraph("Ce qui a été détecté, source par source (rien n'est deviné en silence) :"))
        sources.blocks.append(.list(r.sources.map { s in
            "\(s.spec.nom) : correspondance « \(s.correspondance) »" + (s.detections.isEmpty ? "" : " ; " + s.detections.joined(separator: " ; "))
        }))
        let repairs = r.sources.flatMap { s in s.reparations.map { (s.spec.nom, $0.key, $0.value) } }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        if !repairs.isEmpty {
            sources.blocks.append(.tableau(legende: "Réparations automatiques sur les lieux retenus (la valeur d'origine reste visible avec « unefois explain »)",
                                           entetes: ["Source", "Réparation", "Lieux"], rows: repairs.map { [$0.0, libelles[$0.1] ?? $0.1, n($0.2)] }))
        }
        doc.sections.append(sources)

        var lieux = ReportDocument.Section(title: "Fusions de lieux vus dans plusieurs sources")
        let merged = r.clusters.filter { $0.membres.count > 1 }
        if merged.isEmpty {
            lieux.blocks.append(.paragraph("Aucune fusion."))
        } else {
            lieux.blocks.append(.paragraph("\(n(merged.count)) lieux réunissent plusieurs enregistrements ; chaque fusion est expliquée (« unefois explain IDENTIFIANT »)."))
            let shown = merged.prefix(500)
            lieux.blocks.append(.tableau(legende: "Fusions" + (merged.count > shown.count ? " (500 premières)" : ""), entetes: ["Identifiant", "Nom publié", "Enregistrements", "Motif"],
                rows: shown.flatMap { c in
                    c.membres.dropFirst().map { m in [c.id, c.ancre[.nom] ?? "", "\(c.ancre.cle) ← \(m.cle)", c.motifs[m.cle] ?? ""] }
                }))
        }
        doc.sections.append(lieux)

        if !r.qualite.isEmpty {
            var q = ReportDocument.Section(title: "Qualité des fiches publiées")
            // One pass: the mean, and the 200 weakest records by (score, name), equals in
            // publication order, kept sorted as they come instead of sorting every place.
            let limite = 200
            var somme = 0.0, notes = 0
            var pires: [(score: Double, nom: String, rang: Int)] = []
            for (rang, l) in r.publies.enumerated() {
                guard let s = r.qualite[l[.id]!] else { continue }
                somme += s.score
                notes += 1
                if pires.count == limite, s.score > pires[limite - 1].score { continue }
                let cle = (score: s.score, nom: l[.nom] ?? "", rang: rang)
                if pires.count == limite, !(cle < pires[limite - 1]) { continue }
                var bas = 0, haut = pires.count
                while bas < haut {
                    let m = (bas + haut) / 2
                    if pires[m] < cle { bas = m + 1 } else { haut = m }
                }
                pires.insert(cle, at: bas)
                if pires.count > limite { pires.removeLast() }
            }
            let mean = somme / Double(max(1, notes))
            q.blocks.append(.paragraph("Score moyen : \(Francais.decimal(mean, decimales: 2)) sur 1 (fraîcheur mesurée au \(Francais.date(r.dateReference)) ; critères : fraîcheur, contact, horaires, position, description, services, identifiant, modalités d'accès)."))
            let worst = pires.map { (r.publies[$0.rang], r.qualite[r.publies[$0.rang][.id]!]!) }
            q.blocks.append(.tableau(legende: "Fiches à compléter en priorité (200 au plus, les moins complètes d'abord)", entetes: ["Lieu", "Commune", "Score", "À compléter"], rows: worst.map { l, s in
                [l[.nom] ?? "", l[.commune] ?? "", Francais.decimal(s.score, decimales: 2), s.manques.joined(separator: ", ")]
            }))
            doc.sections.append(q)
        }

        var qualite = ReportDocument.Section(title: "Problèmes relevés par source")
        var counts: [String: Int] = [:]
        for i in r.issues { counts["\(i.source)\u{1}\(i.code)\u{1}\(i.severity.rawValue)", default: 0] += 1 }
        qualite.blocks.append(.tableau(legende: "Problèmes par source, nature et gravité", entetes: ["Source", "Problème", "Code", "Gravité", "Nombre"], rows: counts.sorted { $0.key < $1.key }.map { k, v in
            let p = k.split(separator: "\u{1}").map(String.init)
            return [p[0], libelles[p[1]] ?? p[1], p[1], p[2], n(v)]
        }))
        qualite.blocks.append(.paragraph("Chaque problème est détaillé dans rejets.csv avec le fichier, la ligne, le champ et ce qu'il faut faire."))
        qualite.blocks.append(.paragraph("À envoyer à chaque partenaire, en français simple : ses problèmes groupés par sorte, avec la ligne, la colonne, la valeur reçue et ce qui est attendu, et les réparations faites pour lui (même contenu en CSV, retours/<source>.csv) :"))
        qualite.blocks.append(.links(r.sources.map { s in
            (text: "Retours pour « \(s.spec.nom) »", href: "retours/\(PartnerFeedback.fileName(s.spec.nom)).html")
        }))
        doc.sections.append(qualite)
        return doc
    }
}

extension ReportDocument.Block {
    /// Shorthand used by the journal.
    static func tableau(legende: String, entetes: [String], rows: [[String]]) -> ReportDocument.Block {
        .tableau(legende: legende, entetes: entetes, lignes: rows)
    }
}
