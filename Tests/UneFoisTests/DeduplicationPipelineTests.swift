import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisConsolidate
@testable import UneFois

/// Deduplication inside the nightly job: ids independent of the order of the sources, the
/// officer's decisions read from the configuration.
final class DeduplicationPipelineTests: XCTestCase {
    func ids(_ c: Configuration) throws -> [String: String] {
        let r = try Pipeline(configuration: c, schemasPath: TestSupport.schemasPath).run()
        var out: [String: String] = [:]
        for k in r.correspondances where !k.lieuId.isEmpty { out[k.source + "--" + k.sourceId] = k.lieuId }
        return out
    }

    func testSourcesInReverseOrderOnAFreshStateGiveTheSameIds() throws {
        let c = try Configuration.load(path: TestSupport.samplesDirectory.appendingPathComponent("unefois.json").path)
        var reversed = c
        reversed.sources.reverse()
        let a = try ids(c), b = try ids(reversed)
        XCTAssertGreaterThan(a.count, 40)
        XCTAssertEqual(a, b)
    }

    func testDecisionsFileFromTheConfiguration() throws {
        let dir = try TestSupport.temporaryDirectory(self, "decisions")
        var c = try Configuration.load(path: TestSupport.samplesDirectory.appendingPathComponent("unefois.json").path)
        let before = try ids(c)
        // Split the Durance library from its Lizmap record, and name a record that does not exist.
        let national = "cartographie-nationale--conseiller-numerique-81acd616bcf9fd92b32f1053"
        XCTAssertEqual(before[national], before["lizmap-geojson--lieux_mediation.2"])
        let path = dir.path + "/decisions.csv"
        try "cle_a;cle_b;decision\n\(national);lizmap-geojson--lieux_mediation.2;differents\ndora--inconnu;\(national);identiques\n".write(toFile: path, atomically: false, encoding: .utf8)
        c.decisionsDoublons = path
        let r = try Pipeline(configuration: c, schemasPath: TestSupport.schemasPath).run()
        let after = Dictionary(r.correspondances.filter { !$0.lieuId.isEmpty }.map { ($0.source + "--" + $0.sourceId, $0.lieuId) }, uniquingKeysWith: { a, _ in a })
        XCTAssertNotEqual(after[national], after["lizmap-geojson--lieux_mediation.2"])
        XCTAssertEqual(r.issues.filter { $0.code == "decision-cle-inconnue" }.map(\.line), [3])
        XCTAssertTrue(r.paireARevoir.contains { $0.decision == .differents })
    }

    func testConfigurationKeys() throws {
        let dir = try TestSupport.temporaryDirectory(self, "config")
        let path = dir.path + "/unefois.json"
        try #"{"sources": [{"nom": "a", "format": "dora", "chemin": "a.json"}], "doublons": {"decisions": "d.csv", "priorite": ["a"]}}"#.write(toFile: path, atomically: false, encoding: .utf8)
        let c = try Configuration.load(path: path)
        XCTAssertEqual(c.decisionsDoublons, dir.path + "/d.csv")
        XCTAssertEqual(c.priorite, ["a"])
        try #"{"sources": [{"nom": "a", "format": "dora", "chemin": "a.json"}], "doublons": {"priorite": ["b"]}}"#.write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try Configuration.load(path: path)) { e in
            XCTAssertEqual((e as? OperationalError)?.location.field, "doublons.priorite")
        }
    }
}
