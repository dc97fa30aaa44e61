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
        let path = out + "/unefois.sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            throw OperationalError(.inputMissing, "Pas de résultats dans \(out) (\(path) absent) : lancez d'abord « unefois run --out \(out) ».")
        }
        let db: SQLiteDatabase
        do { db = try SQLiteDatabase(path: path, mode: .readOnlyUntrusted) } catch {
            throw OperationalError(.dataUnusable, "\(path) illisible : \(error).")
        }
        do {
            // Accept a published id or a source key (« source--id »).
            var lieuId = id
            if try db.rows("SELECT 1 FROM lieux WHERE id = ?", [.text(id)]).isEmpty {
                guard let row = try db.rows("SELECT lieu_id FROM membres WHERE cle = ?", [.text(id)]).first, let found = row[0] else {
                    let rejected = try db.rows("SELECT statut, motif, fichier, ligne FROM correspondances WHERE source || '--' || source_id = ?", [.text(id)])
                    if let r = rejected.first {
                        print("« \(id) » n'est pas publié : statut \(r[0] ?? "?"), motif « \(r[1] ?? "") » (\(r[2] ?? "?"), ligne \(r[3] ?? "?")). Voir rejets.csv.")
                        return
                    }
                    throw OperationalError(.configuration, "Aucun lieu ni enregistrement « \(id) » dans \(path).")
                }
                lieuId = found
            }
            let nom = try db.rows("SELECT nom, commune FROM lieux WHERE id = ?", [.text(lieuId)]).first
            print("Lieu \(lieuId) : \(nom?[0] ?? "") (\(nom?[1] ?? ""))\n")
            print("Enregistrements réunis :")
            for m in try db.rows("SELECT rang, cle, fichier, ligne, motif FROM membres WHERE lieu_id = ? ORDER BY rang", [.text(lieuId)]) {
                let role = m[0] == "0" ? "ancre (ses valeurs priment)" : (m[4] ?? "")
                print("  - \(m[1] ?? "") — \(m[2] ?? ""), ligne \(m[3] ?? "?") — \(role)")
            }
            print("\nProvenance de chaque valeur publiée :")
            for v in try db.rows("SELECT champ, valeur, source, fichier, ligne, colonne FROM valeurs WHERE lieu_id = ? ORDER BY rowid", [.text(lieuId)]) {
                print("  \(v[0] ?? "") = « \(v[1] ?? "") »\n      ← source \(v[2] ?? ""), \(v[3] ?? ""), ligne \(v[4] ?? "?"), colonne « \(v[5] ?? "") »")
            }
            let history = (try? db.rows("SELECT h.rang_execution, h.champ, h.avant, h.apres, e.date_reference FROM historique h JOIN executions e ON e.rang = h.rang_execution WHERE h.lieu_id = ? ORDER BY h.rang_execution, h.rowid", [.text(lieuId)])) ?? []
            if !history.isEmpty {
                print("\nHistorique des valeurs publiées :")
                for h in history {
                    let what = h[1] == "(lieu)" ? (h[2] == nil ? "lieu apparu" : "lieu retiré") : "\(h[1] ?? "") : « \(h[2] ?? "") » → « \(h[3] ?? "") »"
                    print("  - exécution \(h[0] ?? "?") (données au \(h[4] ?? "?")) : \(what)")
                }
            }
            if let q = try db.rows("SELECT score FROM lieux_qualite WHERE lieu_id = ?", [.text(lieuId)]).first?.first ?? nil {
                let manques = try db.rows("SELECT critere FROM qualite WHERE lieu_id = ? AND valeur < 1 ORDER BY critere", [.text(lieuId)]).compactMap { $0[0] }
                print("\nScore de qualité : \(q)" + (manques.isEmpty ? "" : " — à compléter : " + manques.joined(separator: ", ")))
            }
        } catch let e as SQLiteError {
            throw OperationalError(.dataUnusable, "\(path) : \(e).")
        }
    }
}
