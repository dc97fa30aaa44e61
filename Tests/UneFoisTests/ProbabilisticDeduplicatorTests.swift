import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisConsolidate
@testable import UneFois

final class ProbabilisticDeduplicatorTests: XCTestCase {
    static func lieu(_ source: String, _ id: String, nom: String?, insee: String = "84035", commune: String? = nil, siret: String? = nil,
                     adresse: String? = nil, telephone: String? = nil, courriel: String? = nil, typologie: String? = nil,
                     lat: Double? = nil, lon: Double? = nil) -> Lieu {
        var l = Lieu(idSource: id, provenance: Provenance(source: source, file: source + ".csv", line: 2))
        l.set(.nom, nom, colonne: "nom")
        l.set(.codeInsee, insee, colonne: "insee")
        l.set(.commune, commune, colonne: "commune")
        if let siret { l.siret = siret; l.set(.pivot, siret, colonne: "siret") }
        l.set(.adresse, adresse, colonne: "adresse")
        l.set(.telephone, telephone, colonne: "tel")
        l.set(.courriels, courriel, colonne: "mail")
        l.set(.typologie, typologie, colonne: "typologie")
        l.latitude = lat
        l.longitude = lon
        return l
    }

    static let poids = try! MatchWeights.load(path: TestSupport.schemasPath + "/dedoublonnage/poids.json")
    static func matcher(_ decisions: MatchDecisions = MatchDecisions()) -> ProbabilisticDeduplicator {
        ProbabilisticDeduplicator(priorite: ["national", "dora", "lizmap"], poids: poids, decisions: decisions)
    }
    let dedup = matcher()

    func keys(_ clusters: [Cluster]) -> [[String]] {
        clusters.map { $0.membres.map(\.cle) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
    }

    func testSameSiretSameAddressJoinsAndAnchorIsTheFirstSource() {
        let c = dedup.clusters([Self.lieu("dora", "d1", nom: "Médiathèque", siret: "21840035000011", adresse: "27 av. du Pont"),
                                Self.lieu("national", "n1", nom: "Bibliothèque municipale", siret: "21840035000011", adresse: "27 AVENUE DU PONT")])
        XCTAssertEqual(keys(c), [["national--n1", "dora--d1"]])
        let motif = c[0].motifs["dora--d1"] ?? ""
        XCTAssertTrue(motif.contains("même adresse") && motif.contains("même SIRET"), motif)
        XCTAssertEqual(c[0].paires.count, 1)
    }

    func testSharedSiretAloneDoesNotJoin() {
        // A town hall's SIRET often covers all its libraries.
        let c = dedup.clusters([Self.lieu("dora", "d1", nom: "Médiathèque Jean Giono", siret: "21840035000011", adresse: "1 rue du Nord"),
                                Self.lieu("national", "n1", nom: "Bibliothèque Pierre Loti", siret: "21840035000011", adresse: "9 rue du Sud")])
        XCTAssertEqual(c.count, 2)
    }

    func testAbbreviatedNameAndTownHallLandmark() {
        // « Bibliothèque J. Giono, Hôtel de ville » is « Médiathèque municipale Jean Giono, place de la Mairie »,
        // though the phones differ (switchboard and direct line) and one point is the commune centre.
        let a = Self.lieu("dora", "d1", nom: "Bibliothèque J. Giono", adresse: "Hôtel de ville", telephone: "+33490000001", lat: 43.8, lon: 5.0)
        let b = Self.lieu("national", "n1", nom: "Médiathèque municipale Jean Giono", adresse: "1 place de la Mairie", telephone: "+33490000002", lat: 43.80231, lon: 5.03712)
        let out = dedup.run([a, b])
        XCTAssertEqual(keys(out.clusters), [["national--n1", "dora--d1"]], "\(out.aRevoir)")
    }

    /// The hub's real La Creuse export: one advisor's permanences in three villages share her
    /// mobile and, once each village's name is set aside, their names. Precise points kilometres
    /// apart in different communes are different places.
    func testRoamingAdvisorsPermanencesInSeveralVillagesStayApart() {
        let a = Self.lieu("la-creuse", "5", nom: "LAFAT - Leila Boubekeur", insee: "", commune: "Lafat", adresse: "Mairie de Lafat Route de Bellevue", telephone: "+33763960377", lat: 46.33561, lon: 1.615591)
        let b = Self.lieu("la-creuse", "6", nom: "Naillat - Leila Boubekeur", insee: "", commune: "Naillat", adresse: "Église Saint-Médard Place de l'Église", telephone: "+33763960377", lat: 46.264867, lon: 1.63765)
        let c = Self.lieu("la-creuse", "8", nom: "Saint Sulpice le Dunois - Leila Boubekeur", insee: "", commune: "Saint-Sulpice-le-Dunois", adresse: "6 Rue des Fontenailles", telephone: "+33763960377", lat: 46.299627, lon: 1.73069)
        XCTAssertEqual(dedup.run([a, b, c]).clusters.count, 3)
    }

    /// Two sites of one library network share its e-mail address: not evidence of one place.
    func testNetworkEmailSharedWithinASourceIsNotEvidence() {
        let a = Self.lieu("aix", "12", nom: "Bibliothèque Méjanes Allumettes", adresse: "8-10 rue des Allumettes", telephone: "+33442919850", courriel: "bibliotheque@mairie-aixenprovence.fr", lat: 43.5238, lon: 5.4397)
        let b = Self.lieu("aix", "13", nom: "Bibliothèque Méjanes Halle aux grains", adresse: "Place de l'Hôtel de Ville", telephone: "+33442919800", courriel: "bibliotheque@mairie-aixenprovence.fr", lat: 43.5299, lon: 5.4474)
        XCTAssertEqual(dedup.run([a, b]).clusters.count, 2)
    }

    func testTownHallCcasAndFranceServicesInOneBuildingAreThreePlaces() {
        let addr = "1 place de la Mairie"
        let lieux = [
            Self.lieu("national", "n1", nom: "Mairie de Robion", insee: "84099", commune: "Robion", adresse: addr, telephone: "+33490000001", lat: 43.84851, lon: 5.10991),
            Self.lieu("national", "n2", nom: "CCAS de Robion", insee: "84099", commune: "Robion", adresse: addr, telephone: "+33490000001", lat: 43.84851, lon: 5.10991),
            Self.lieu("dora", "d1", nom: "France Services Robion", insee: "84099", commune: "Robion", adresse: addr, telephone: "+33490000001", lat: 43.84853, lon: 5.10992),
            Self.lieu("dora", "d2", nom: "Centre communal d'action sociale", insee: "84099", commune: "Robion", adresse: "1 pl. de la Mairie", telephone: "+33490000001"),
        ]
        let c = dedup.clusters(lieux)
        XCTAssertEqual(keys(c), [["national--n2", "dora--d2"], ["dora--d1"], ["national--n1"]])
    }

    func testSameGenericNameInOneCommuneAtTwoAddressesIsTwoPlaces() {
        let c = dedup.clusters([Self.lieu("dora", "d1", nom: "Médiathèque municipale", adresse: "3 rue des Écoles", lat: 43.83001, lon: 5.03001),
                                Self.lieu("national", "n1", nom: "Médiathèque municipale", adresse: "40 avenue de la Gare", lat: 43.83901, lon: 5.04101)])
        XCTAssertEqual(c.count, 2)
    }

    func testNoChainingWhenTwoMembersClearlyDiffer() {
        // b looks like a and like c, but a and c are a library and a France Services desk.
        let a = Self.lieu("national", "n1", nom: "Médiathèque Les Lavandes", adresse: "5 rue des Lavandes", telephone: "+33490000001")
        let b = Self.lieu("dora", "d1", nom: "Les Lavandes", adresse: "5 rue des Lavandes", telephone: "+33490000001")
        let c = Self.lieu("lizmap", "l1", nom: "France Services Les Lavandes", adresse: "5 rue des Lavandes", telephone: "+33490000001")
        let out = dedup.run([a, b, c])
        XCTAssertFalse(out.clusters.contains { $0.membres.count == 3 }, "\(keys(out.clusters))")
        XCTAssertTrue(out.aRevoir.contains { $0.statut == .refusee && !$0.motif.isEmpty }, "the refused join is shown for review")
    }

    func testSameSourceDuplicateJoinsOnlyWithStrongEvidence() {
        let d1 = Self.lieu("dora", "d1", nom: "La Fabrique Clic & Lien", adresse: "8 impasse des Melons", telephone: "+33490297424")
        let d2 = Self.lieu("dora", "d2", nom: "La Fabrique Clic et Lien", adresse: "8 imp. des Melons", telephone: "+33490297424")
        let d3 = Self.lieu("dora", "d3", nom: "Clic & Lien", adresse: "10 impasse des Melons")
        XCTAssertEqual(keys(dedup.clusters([d1, d2, d3])), [["dora--d1", "dora--d2"], ["dora--d3"]])
    }

    func testDecisionsOverrideScores() throws {
        var d = MatchDecisions()
        d.paires[MatchDecisions.pairKey("dora--d1", "national--n1")] = .differents
        d.paires[MatchDecisions.pairKey("dora--d2", "national--n2")] = .identiques
        let lieux = [Self.lieu("national", "n1", nom: "Médiathèque Jean Giono", adresse: "1 rue Haute", telephone: "+33490000001"),
                     Self.lieu("dora", "d1", nom: "Médiathèque Jean Giono", adresse: "1 rue Haute", telephone: "+33490000001"),
                     Self.lieu("national", "n2", nom: "Espace numérique", insee: "84099"),
                     Self.lieu("dora", "d2", nom: "Tiers-lieu du Moulin", insee: "84071")]
        XCTAssertEqual(keys(dedup.clusters(lieux)).count, 3, "without decisions: the identical pair joins")
        let out = Self.matcher(d).run(lieux)
        XCTAssertEqual(keys(out.clusters), [["national--n2", "dora--d2"], ["dora--d1"], ["national--n1"]])
        XCTAssertTrue(out.clusters.first { $0.membres.count == 2 }!.motifs["dora--d2"]!.contains("décision"))
        XCTAssertEqual(out.aRevoir.first?.statut, .refusee)
    }

    func testDecisionOnUnknownKeyIsAWarning() {
        var d = MatchDecisions()
        d.paires[MatchDecisions.pairKey("dora--absent", "national--n1")] = .identiques
        let out = Self.matcher(d).run([Self.lieu("national", "n1", nom: "A")])
        XCTAssertEqual(out.issues.map(\.code), ["decision-cle-inconnue"])
    }

    func testDecisionsFileParsing() throws {
        let dir = try TestSupport.temporaryDirectory(self, "decisions")
        let path = dir.path + "/decisions.csv"
        try "cle_a;cle_b;decision;commentaire\ndora--1;national--2;identiques;vu sur place\n# commentaire\ndora--3;national--4;peut-être\nx;y\n".write(toFile: path, atomically: false, encoding: .utf8)
        let (d, issues) = try MatchDecisions.load(path: path, displayName: "decisions.csv")
        XCTAssertEqual(d.decision("national--2", "dora--1"), .identiques)
        XCTAssertEqual(issues.map(\.code), ["decision-inconnue", "decision-illisible"])
        XCTAssertEqual(issues.map(\.line), [4, 5])
    }

    func testDeterministicUnderPermutation() {
        let all = [
            Self.lieu("national", "n1", nom: "Bibliothèque", siret: "21840035000011", adresse: "2 place de la Mairie", telephone: "+33490000001"),
            Self.lieu("dora", "d1", nom: "Médiathèque", siret: "21840035000011", adresse: "2 PLACE DE LA MAIRIE", telephone: "+33490000001"),
            Self.lieu("lizmap", "l1", nom: "MEDIATHEQUE", adresse: "2 pl de la mairie"),
            Self.lieu("lizmap", "l2", nom: "CCAS", insee: "84099", telephone: "+33490000009"),
            Self.lieu("dora", "d2", nom: "ccas", insee: "84099", telephone: "+33490000009"),
            Self.lieu("dora", "d3", nom: "Seul"),
            Self.lieu("other", "o1", nom: "Sans priorité"),
        ]
        let expected = dedup.clusters(all)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let got = dedup.clusters(all.shuffled(using: &rng))
            XCTAssertEqual(got.map { $0.membres.map(\.cle) }, expected.map { $0.membres.map(\.cle) })
            XCTAssertEqual(got.map(\.motifs), expected.map(\.motifs))
        }
        XCTAssertEqual(expected.count, 4)
    }

    func testFeatureLevels() {
        let (a, ta) = MatchTable.one(Self.lieu("x", "1", nom: "EPN de la Gare", adresse: "12 bis av. du Général de Gaulle 84300 Cavaillon"))
        XCTAssertEqual(a.numero, 12)
        XCTAssertEqual(a.suffixe, 2)
        XCTAssertEqual(ta.voie(a).count, 2, "général, gaulle: type and stop words dropped, postcode ends the street")
        XCTAssertEqual(ta.nom(a).count, 1, "only « gare » is distinctive")
        let (b, _) = MatchTable.one(Self.lieu("x", "2", nom: "Mairie", adresse: "Hôtel de Ville"))
        XCTAssertTrue(b.repere)
        XCTAssertEqual(b.types, .mairie)
        let (c, _) = MatchTable.one(Self.lieu("x", "3", nom: "Maison France Services", typologie: "MUNI"))
        XCTAssertEqual(c.types, .franceServices, "the name's kind wins over the typologie")
        let (d, _) = MatchTable.one(Self.lieu("x", "4", nom: "Biblioheque du Centre"))
        XCTAssertEqual(d.types, .bibliotheque, "a typo in a known word")
        let (e, te) = MatchTable.one(Self.lieu("x", "5", nom: "FranceServices Mairiede Robion"))
        XCTAssertEqual(e.types, [.franceServices, .mairie], "known words glued to the next one are split")
        XCTAssertEqual(te.nom(e).count, 1, "only « robion » is left")
    }

    func testTypos() {
        XCTAssertTrue(MatchToken.make("figuiers").typo(MatchToken.make("fiuiers")))
        XCTAssertTrue(MatchToken.make("luberon").typo(MatchToken.make("lubreon")))
        XCTAssertTrue(MatchToken.make("services").typo(MatchToken.make("servicex")))
        XCTAssertFalse(MatchToken.make("giono").typo(MatchToken.make("gino")), "too short")
        XCTAssertFalse(MatchToken.make("lavandes").typo(MatchToken.make("lavoirs")))
    }
}
