import UneFoisCore
import UneFoisModel
import UneFoisReport
import Foundation

/// The human-readable outputs of a run (indicator report, internal report, journal, dashboard
/// file), rendered from the consolidated run with the roadmap and the communes' outlines.
public enum Rendus {
    /// Files rendered together and how: `write` gets one `emit` per name, in that order, and
    /// hands each file its bytes a piece at a time (the annuaire is written card by card, its
    /// Markdown and HTML side by side, never held whole).
    public typealias Rendu = (noms: [String], write: @Sendable (_ emits: [([UInt8]) throws -> Void]) throws -> Void)

    /// The files, in a stable order, each rendered when written.
    public struct Fichiers: Sendable {
        public var rendus: [Rendu]
        public var sortie: IndicatorReport.Sortie
    }

    /// The annuaire's files (``annuaire(_:schemasPath:)``), the largest: written by a job of
    /// their own, beside the report's.
    public static let nomsAnnuaire = ["annuaire.md", "annuaire.html"]

    /// The names of the files `build` and `annuaire` render, in staging order.
    public static func noms(bilan: Int?) -> [String] {
        ["rapport.md", "rapport.html", "rapport-interne.html", "journal.md", "journal.html", "indicateurs.csv", "indicateurs.xlsx", "annuaire.md", "annuaire.html"]
            + (bilan.map { ["bilan-\($0).md", "bilan-\($0).html"] } ?? [])
    }

    /// The communes' outlines of the territory, when the schemas have them.
    static func carte(schemasPath: String) -> CarteCommunes? {
        FileManager.default.contents(atPath: schemasPath + "/referentiels/communes-lmv.geojson").flatMap { try? CarteCommunes(geojson: [UInt8]($0)) }
    }

    /// The report's files (every name of `noms` but the annuaire's). `bilan` (a year) also
    /// renders the annual review `bilan-AAAA.html`/`.md`; the report then covers that year.
    public static func build(_ result: RunResult, schemasPath: String, periode: Periode?, bilan: Int? = nil) throws -> Fichiers {
        let feuille = try FeuilleDeRoute.load(schemasPath: schemasPath)
        let carte = carte(schemasPath: schemasPath)
        let libelles = FileManager.default.contents(atPath: schemasPath + "/referentiels/problemes.csv").map { JournalReport.libelles(csv: [UInt8]($0)) } ?? [:]
        let p = bilan.map { Periode.annee($0) } ?? periode ?? IndicatorReport.periodeParDefaut(result)
        let sortie = IndicatorReport.build(.init(run: result, feuille: feuille, periode: p, carte: carte, bilan: bilan != nil))
        let journal = JournalReport.build(result, libelles: libelles, periode: p)
        let indicateurs = sortie.indicateurs
        func un(_ nom: String, _ bytes: @escaping @Sendable () throws -> [UInt8]) -> Rendu { ([nom], { try $0[0](bytes()) }) }
        var out: [Rendu] = [
            un("rapport.md") { [rapport = sortie.rapport] in rapport.markdownBytes() },
            un("rapport.html") { [rapport = sortie.rapport] in rapport.htmlBytes() },
            un("rapport-interne.html") { [interne = sortie.interne] in interne.htmlBytes() },
            un("journal.md") { journal.markdownBytes() },
            un("journal.html") { journal.htmlBytes() },
            un("indicateurs.csv") { IndicateursFichier.csv(indicateurs) },
            un("indicateurs.xlsx") { try IndicateursFichier.xlsx(indicateurs) },
        ]
        if let bilan, let doc = sortie.bilan {
            out.append(un("bilan-\(bilan).md") { doc.markdownBytes() })
            out.append(un("bilan-\(bilan).html") { doc.htmlBytes() })
        }
        return Fichiers(rendus: out, sortie: sortie)
    }

    /// The annuaire (every place of the territory), Markdown and HTML written together, card by card.
    public static func annuaire(_ result: RunResult, schemasPath: String) -> Rendu {
        let carte = carte(schemasPath: schemasPath)
        return (nomsAnnuaire, { try Annuaire.write(result, carte: carte, markdown: $0[0], html: $0[1]) })
    }
}
