import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// `unefois verifier CONFIG` (configuration and mappings checked without reading data) and
/// `unefois aide COMMANDE`.
final class VerifyAndHelpTests: XCTestCase {
    func testVerifierAcceptsTheSamplesAndNamesEachSourceMapping() throws {
        let r = try TestSupport.runCLI(["verifier", "samples/unefois.json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("8 sources"), r.stdout)
        XCTAssertTrue(r.stdout.contains("suivi-actions (csv) : correspondance « suivi-actions »"), r.stdout)
    }

    func testVerifierDoesNotReadTheDataAndNotesMissingFiles() throws {
        let dir = try TestSupport.temporaryDirectory(self, "verifier")
        // A corrupt file would stop a run (65); verifier does not open it.
        let corrupt = TestSupport.fixtureURL("gpkg/corrupt.gpkg").path
        let config = try TestSupport.write("""
        {"sources": [{"nom": "carte", "format": "gpkg", "chemin": "\(corrupt)"},
                     {"nom": "plus-tard", "format": "dora", "chemin": "arrive-la-nuit.json"}]}
        """, to: "unefois.json", in: dir)
        let r = try TestSupport.runCLI(["verifier", config])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("plus-tard (dora) : correspondance « dora » ; fichier absent pour l'instant : arrive-la-nuit.json"), r.stdout)
    }

    func testVerifierIs78NamingTheKeyOfTheConfigurationOrOfTheMapping() throws {
        let dir = try TestSupport.temporaryDirectory(self, "verifier")
        let badKey = try TestSupport.write(#"{"sources": [{"format": "dora", "chemin": "x.json", "fichier": "y"}]}"#, to: "cle.json", in: dir)
        let r1 = try TestSupport.runCLI(["verifier", badKey])
        XCTAssertEqual(r1.status, 78, r1.stderr)
        XCTAssertTrue(r1.stderr.contains("« sources[0].fichier »"), r1.stderr)

        try TestSupport.write(#"{"cible": "lieu", "champs": {"nom": {"colonne": "Nom"}}}"#, to: "ma-source.json", in: dir)
        let badMapping = try TestSupport.write(#"{"sources": [{"format": "csv", "chemin": "x.csv", "correspondance": "ma-source.json"}]}"#, to: "correspondance.json", in: dir)
        let r2 = try TestSupport.runCLI(["verifier", badMapping])
        XCTAssertEqual(r2.status, 78, r2.stderr)
        XCTAssertTrue(r2.stderr.contains("ma-source.json"), r2.stderr)
        XCTAssertTrue(r2.stderr.contains("« cible »"), r2.stderr)

        let noMapping = try TestSupport.write(#"{"sources": [{"format": "csv", "chemin": "x.csv"}]}"#, to: "sans.json", in: dir)
        let r3 = try TestSupport.runCLI(["verifier", noMapping])
        XCTAssertEqual(r3.status, 78, r3.stderr)
        XCTAssertTrue(r3.stderr.contains("« correspondance »"), r3.stderr)
        XCTAssertEqual(try TestSupport.runCLI(["verifier", dir.path + "/absente.json"]).status, 78)
    }

    /// Every problem is listed, not only the first (REVIEW item 17); an empty source list is 78.
    func testVerifierListsEveryErrorOfEverySourceAndRefusesAnEmptySourceList() throws {
        let dir = try TestSupport.temporaryDirectory(self, "verifier")
        try TestSupport.write(#"{"cible": "lieu", "champs": {"nom": {"colonne": "Nom"}}}"#, to: "ma-source.json", in: dir)
        let config = try TestSupport.write("""
        {"sortie": "x",
         "sources": [{"format": "dora", "chemin": "x.json", "fichier": "y"},
                     {"format": "excel", "chemin": "b.xlsx"},
                     {"nom": "partenaire", "format": "csv", "chemin": "p.csv", "correspondance": "ma-source.json"},
                     {"nom": "sans", "format": "json", "chemin": "s.json"},
                     {"nom": "bonne", "format": "dora", "chemin": "arrive-la-nuit.json"}]}
        """, to: "unefois.json", in: dir)
        let r = try TestSupport.runCLI(["verifier", config])
        XCTAssertEqual(r.status, 78, r.stderr)
        XCTAssertTrue(r.stderr.contains(": 5 erreurs"), r.stderr)
        for needle in ["« sortie »", "« sources[0].fichier »", "« sources[1].format »", "ma-source.json", "« cible »", "Source « sans »",
                       "bonne (dora) : correspondance « dora » ; fichier absent pour l'instant : arrive-la-nuit.json"] {
            XCTAssertTrue(r.stderr.contains(needle), "\(needle) in \(r.stderr)")
        }
        // The run still stops at the first error, as before.
        XCTAssertEqual(try TestSupport.runCLI(["run", "--config", config, "--out", dir.path + "/out"]).status, 78)

        let empty = try TestSupport.write(#"{"sources": []}"#, to: "vide.json", in: dir)
        let e = try TestSupport.runCLI(["verifier", empty])
        XCTAssertEqual(e.status, 78, e.stderr)
        XCTAssertTrue(e.stderr.contains("« sources » est vide"), e.stderr)
        let (_, errors) = try Configuration.load(path: config, collecting: true)
        XCTAssertEqual(errors.map(\.location.field), ["sortie", "sources[0].fichier", "sources[1].format"])
    }

    func testAideForEachCommandAndRunHelpListsEveryOption() throws {
        for name in ["run", "verifier", "validate", "inspect", "explain", "bench", "aide", "valider", "expliquer"] {
            let r = try TestSupport.runCLI(["aide", name])
            XCTAssertEqual(r.status, 0, name)
            XCTAssertTrue(r.stdout.hasPrefix("unefois "), "\(name): \(r.stdout)")
        }
        // The exit code `aide explain` gives for an unknown id is the one explain returns.
        let out = try TestSupport.temporaryDirectory(self, "aide").path
        XCTAssertEqual(try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out]).status, 0)
        XCTAssertEqual(try TestSupport.runCLI(["explain", "lmv-inconnu", "--out", out]).status, 81)
        XCTAssertTrue(try TestSupport.runCLI(["aide", "explain"]).stdout.contains("81 identifiant inconnu"))
        let unknown = try TestSupport.runCLI(["aide", "lancer"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.stderr.contains("« lancer »"), unknown.stderr)
        // Every option `run` accepts is in its help.
        let main = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("Sources/unefois/main.swift"), encoding: .utf8)
        var options = Set<String>()
        let aliases: Set<String> = ["--help", "--mapping", "--quiet"]
        for chunk in main.components(separatedBy: "case \"").dropFirst() {
            let name = String(chunk.prefix { $0 != "\"" })
            if name.hasPrefix("--") && !aliases.contains(name) { options.insert(name) }
        }
        XCTAssertTrue(options.contains("--essai"), "\(options)")
        let help = try TestSupport.runCLI(["aide", "run"]).stdout
        for o in options { XCTAssertTrue(help.contains(o), "aide run does not mention \(o)") }
        XCTAssertEqual(try TestSupport.runCLI(["run", "--help"]).stdout, help)
    }
}
