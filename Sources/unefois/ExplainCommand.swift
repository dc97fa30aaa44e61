import UneFoisPublish
import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFois
import Foundation
import UneFois

/// `unefois explain ID [--out DOSSIER]`: explains a published place from the run's state — which
/// source records it merges and why, and where each published value comes from (source, file,
/// line, column). Reads `DOSSIER/unefois.sqlite` (default `sortie`) read-only.
enum ExplainCommand {
    static let usage = "Utilisation : unefois explain IDENTIFIANT [--out DOSSIER]   (identifiant publié, ex. lmv-a00dbed164af, ou clé source--id)"

    static func run(_ args: [String]) throws {
        var out = "sortie"
        var id: String?
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--out":
                guard i + 1 < args.count else { throw OperationalError(.configuration, "L'option --out attend un dossier.") }
                i += 1
                out = args[i]
            case "--help", "-h":
                print(usage)
                return
            default:
                guard id == nil, !args[i].hasPrefix("-") else { throw OperationalError(.configuration, "Argument « \(args[i]) » inattendu. \(usage)") }
                id = args[i]
            }
            i += 1
        }
        guard let id else { throw OperationalError(.configuration, "Indiquez l'identifiant du lieu. \(usage)") }
        let (db, path) = try PublishedState.open(out: out)
        do {
            switch try StateExplanation.explain(id, in: db) {
            case .inconnu:
                throw OperationalError(.unknownIdentifier, "Aucun lieu ni enregistrement « \(id) » dans \(path) : vérifiez l'identifiant (colonne id de lieux.csv, ou source--id_source de correspondances.csv).")
            case .nonPublie(let r):
                print("« \(id) » n'est pas publié : statut \(r.statut), motif « \(r.motif) » (\(r.fichier), ligne \(r.ligne.map(String.init) ?? "?")). Voir rejets.csv.")
            case .lieu(let e):
                print("Lieu \(e.lieuId) : \(e.nom) (\(e.commune))\n")
                print("Enregistrements réunis :")
                for m in e.membres {
                    let role = m.rang == 0 ? "ancre (ses valeurs priment)" : (m.motif ?? "")
                    print("  - \(m.cle) — \(m.fichier), ligne \(m.ligne.map(String.init) ?? "?") — \(role)")
                }
                let paires = StateExplanation.paires(of: e.lieuId, in: db)
                if !paires.isEmpty {
                    print("\nScores des paires (seuil de fusion dans schemas/dedoublonnage/poids.json) :")
                    for p in paires {
                        let etat = p.statut == "fusionnee" ? "réunies" : p.statut == "refusee" ? "fusion refusée" : "incertaine, non réunies"
                        print("  - \(p.cleA) / \(p.cleB) : score \(ScoredPair.format(Float(p.score))) (\(etat)\(p.decision.map { ", décision « \($0) »" } ?? ""))")
                        print("      \(p.detail)" + (p.motif.map { "\n      motif : \($0)" } ?? ""))
                    }
                }
                print("\nProvenance de chaque valeur publiée :")
                let raisons = StateExplanation.raisons(of: e.lieuId, in: db)
                for v in e.valeurs {
                    print("  \(v.champ) = « \(v.valeur) »\n      ← source \(v.source), \(v.fichier), ligne \(v.ligne.map(String.init) ?? "?"), colonne « \(v.colonne) »"
                          + (raisons[v.champ].map { "\n      pourquoi : \($0)" } ?? ""))
                }
                if !e.historique.isEmpty {
                    print("\nHistorique des valeurs publiées :")
                    for h in e.historique {
                        let what = h.champ == "(lieu)" ? (h.avant == nil ? "lieu apparu" : "lieu retiré") : "\(h.champ) : « \(h.avant ?? "") » → « \(h.apres ?? "") »"
                        print("  - exécution \(h.rangExecution) (données au \(h.dateReference)) : \(what)")
                    }
                }
                if let q = e.score {
                    print("\nScore de qualité : \(q)" + (e.manques.isEmpty ? "" : " — à compléter : " + e.manques.joined(separator: ", ")))
                }
            }
        } catch let e as SQLiteError {
            throw OperationalError(.dataUnusable, "\(path) : \(e).")
        }
    }
}
