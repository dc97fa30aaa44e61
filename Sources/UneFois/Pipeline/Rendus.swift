import UneFoisCore
import UneFoisModel
import UneFoisReport
import Foundation

/// The human-readable outputs of a run (indicator report, internal report, journal, dashboard
/// file), rendered from the consolidated run with the roadmap and the communes' outlines.
public enum Rendus {
    /// File name → bytes, in a stable order.
    public struct Fichiers: Sendable {
        public var fichiers: [(String, [UInt8])]
        public var sortie: IndicatorReport.Sortie
    }

    /// The names of the files `build` renders, in its order.
    public static func noms(bilan: Int?) -> [String] {
        ["rapport.md", "rapport.html", "rapport-interne.html", "journal.md", "journal.html", "indicateurs.csv", "indicateurs.xlsx", "annuaire.md", "annuaire.html"]
            + (bilan.map { ["bilan-\($0).md", "bilan-\($0).html"] } ?? [])
    }

    /// `bilan` (a year) also renders the annual review `bilan-AAAA.html`/`.md`; the report then
    /// covers that year.
    public static func build(_ result: RunResult, schemasPath: String, periode: Periode?, bilan: Int? = nil) throws -> Fichiers {
        let feuille = try FeuilleDeRoute.load(schemasPath: schemasPath)
        let carte = FileManager.default.contents(atPath: schemasPath + "/referentiels/communes-lmv.geojson").flatMap { try? CarteCommunes(geojson: [UInt8]($0)) }
        let libelles = FileManager.default.contents(atPath: schemasPath + "/referentiels/problemes.csv").map { JournalReport.libelles(csv: [UInt8]($0)) } ?? [:]
        let p = bilan.map { Periode.annee($0) } ?? periode ?? IndicatorReport.periodeParDefaut(result)
        let sortie = IndicatorReport.build(.init(run: result, feuille: feuille, periode: p, carte: carte, bilan: bilan != nil))
        let annuaire = Annuaire.build(result, carte: carte)
        let journal = JournalReport.build(result, libelles: libelles, periode: p)
        var out: [(String, [UInt8])] = [
            ("rapport.md", Array(sortie.rapport.markdown().utf8)),
            ("rapport.html", Array(sortie.rapport.html().utf8)),
            ("rapport-interne.html", Array(sortie.interne.html().utf8)),
            ("journal.md", Array(journal.markdown().utf8)),
            ("journal.html", Array(journal.html().utf8)),
            ("indicateurs.csv", IndicateursFichier.csv(sortie.indicateurs)),
            ("indicateurs.xlsx", try IndicateursFichier.xlsx(sortie.indicateurs)),
            ("annuaire.md", Array(annuaire.markdown().utf8)),
            ("annuaire.html", Array(annuaire.html().utf8)),
        ]
        if let bilan, let doc = sortie.bilan {
            out.append(("bilan-\(bilan).md", Array(doc.markdown().utf8)))
            out.append(("bilan-\(bilan).html", Array(doc.html().utf8)))
        }
        return Fichiers(fichiers: out, sortie: sortie)
    }
}
