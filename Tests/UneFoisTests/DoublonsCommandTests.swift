import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisPublish
@testable import UneFois

/// `unefois doublons` and the pair scores of `unefois explain`, on the samples with a decisions file.
final class DoublonsCommandTests: XCTestCase {
    static let durance = "cartographie-nationale--conseiller-numerique-81acd616bcf9fd92b32f1053"

    /// The samples' configuration with a decisions file that keeps the Durance library apart from
    /// its Lizmap GeoJSON record.
    func configuration(_ dir: URL) throws -> String {
        let samples = TestSupport.samplesDirectory.path
        var text = try String(contentsOfFile: samples + "/unefois.json", encoding: .utf8)
        text = text.replacingOccurrences(of: "\"chemin\": \"", with: "\"chemin\": \"\(samples)/")
        text = text.replacingOccurrences(of: "\"sources\": [", with: "\"doublons\": {\"decisions\": \"decisions.csv\"},\n  \"sources\": [")
        try text.write(toFile: dir.path + "/unefois.json", atomically: false, encoding: .utf8)
        try "cle_a;cle_b;decision\n\(Self.durance);lizmap-geojson--lieux_mediation.2;differents\n".write(toFile: dir.path + "/decisions.csv", atomically: false, encoding: .utf8)
        return dir.path + "/unefois.json"
    }

    func testReviewFileListsTheRefusedPairWithItsSubScores() throws {
        let dir = try TestSupport.temporaryDirectory(self, "doublons")
        let out = dir.appendingPathComponent("sortie").path
        let run = try TestSupport.runCLI(["run", "--config", try configuration(dir), "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        let r = try TestSupport.runCLI(["doublons", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("paire(s) à revoir"), r.stdout)
        let csv = try String(contentsOfFile: out + "/doublons-a-revoir.csv", encoding: .utf8)
        let lines = csv.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("rang,statut,score,cle_a,nom_a,commune_a,cle_b,nom_b,commune_b,nom,adresse,distance,telephone,courriel,siret,typologie,commune,detail,motif"))
        XCTAssertTrue(lines[1].hasPrefix("1,refusee,"), String(lines[1]))
        XCTAssertTrue(lines[1].contains(Self.durance) && lines[1].contains("lizmap-geojson--lieux_mediation.2") && lines[1].contains("differents"), String(lines[1]))
        // explain shows the group's pair scores and the refused pairs.
        let e = try TestSupport.runCLI(["explain", "lizmap-gml--lieux_mediation.2", "--out", out])
        XCTAssertEqual(e.status, 0, e.stderr)
        XCTAssertTrue(e.stdout.contains("Scores des paires"), e.stdout)
        XCTAssertTrue(e.stdout.contains("(réunies)") && e.stdout.contains("(fusion refusée, décision « differents »)"), e.stdout)
    }

    func testMissingStateIs66() throws {
        let dir = try TestSupport.temporaryDirectory(self, "doublons")
        XCTAssertEqual(try TestSupport.runCLI(["doublons", "--out", dir.path]).status, 66)
    }
}
