import Foundation
import UneFoisCore
import UneFoisModel
import UneFoisPublish

/// `unefois doublons [--out DOSSIER]`: writes `DOSSIER/doublons-a-revoir.csv`, the pairs of records
/// the matcher was unsure about (or refused to join), worst first, with the weight of each
/// feature, from the last run's state. The officer settles a pair by copying its two keys into the
/// decisions file (`doublons.decisions`) with `identiques` or `differents`.
enum DoublonsCommand {
    static let usage = "Utilisation : unefois doublons [--out DOSSIER]"

    static func run(_ args: [String]) throws {
        var out = "sortie"
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
                throw OperationalError(.configuration, "Argument « \(args[i]) » inattendu. \(usage)")
            }
            i += 1
        }
        let (db, path) = try PublishedState.open(out: out)
        let paires: [PaireExpliquee]
        do { paires = try StateExplanation.pairesARevoir(in: db) } catch {
            throw OperationalError(.dataUnusable, "\(path) n'a pas de table des paires (état écrit par une version plus ancienne) : relancez « unefois run --out \(out) ».")
        }
        var w = CSVWriter(protectFormulas: true)
        w.row(["rang", "statut", "score", "cle_a", "nom_a", "commune_a", "cle_b", "nom_b", "commune_b"] + MatchFeature.allCases.map(\.cle) + ["detail", "motif", "decision_actuelle", "decision"])
        for (k, p) in paires.enumerated() {
            w.row([String(k + 1), p.statut, ScoredPair.format(Float(p.score)), p.cleA, p.nomA, p.communeA, p.cleB, p.nomB, p.communeB]
                  + p.sousScores.map { ScoredPair.format(Float($0)) } + [p.detail, p.motif ?? "", p.decision ?? "", ""])
        }
        let file = out + "/doublons-a-revoir.csv"
        try AtomicFile.write(w.bytes, to: file)
        let refusees = paires.filter { $0.statut == "refusee" }.count
        print("\(paires.count) paire(s) à revoir (\(refusees) fusion(s) refusée(s), \(paires.count - refusees) incertaine(s)) : \(file)")
        for p in paires.prefix(5) {
            print("  - \(p.statut) \(ScoredPair.format(Float(p.score))) : \(p.cleA) « \(p.nomA) » / \(p.cleB) « \(p.nomB) »" + (p.motif.map { " — \($0)" } ?? ""))
        }
        if !paires.isEmpty {
            print("Pour trancher : copiez cle_a et cle_b dans le fichier des décisions (clé doublons.decisions de la configuration) avec « identiques » ou « differents ».")
        }
    }
}
