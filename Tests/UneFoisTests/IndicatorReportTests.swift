import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// The indicator report on the samples: figures per action recomputed from the input files by an
/// independent path, the two « 2.2 » apart, statistical secrecy attacked, hostile values escaped.
final class IndicatorReportTests: XCTestCase {
    static let sortie: (IndicatorReport.Sortie, RunResult, Periode) = {
        let configuration = try! Configuration.load(path: TestSupport.samplesDirectory.appendingPathComponent("unefois.json").path)
        let pipeline = try! Pipeline(configuration: configuration, schemasPath: TestSupport.schemasPath)
        let run = pipeline.run(previous: [:])
        let rendus = try! Rendus.build(run, schemasPath: TestSupport.schemasPath, periode: nil)
        return (rendus.sortie, run, IndicatorReport.periodeParDefaut(run))
    }()

    // MARK: - Independent recomputation from the input files

    /// Splits one `;` line with quotes (the samples quote cells with a newline or a `;`).
    static func records(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var it = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))
        if it.first == "\u{FEFF}" { it.removeFirst() }
        var k = 0
        while k < it.count {
            let ch = it[k]
            if quoted {
                if ch == "\"" { if k + 1 < it.count && it[k + 1] == "\"" { cell.append("\""); k += 1 } else { quoted = false } } else { cell.append(ch) }
            } else if ch == "\"" { quoted = true } else if ch == ";" { row.append(cell); cell = "" } else if ch == "\n" {
                row.append(cell); rows.append(row); row = []; cell = ""
            } else { cell.append(ch) }
            k += 1
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    struct Totaux: Equatable, CustomStringConvertible {
        var individuels = 0, seances = 0, participants = 0, demarches = 0, suivis = 0, participantsSuivis = 0
        var description: String { "ind \(individuels) séances \(seances) part. \(participants) dém. \(demarches) suivis \(suivis)/\(participantsSuivis)" }
    }

    /// Expected figures per action (`axe:numero`) for 2025, from the samples alone.
    static func attendus() throws -> [String: Totaux] {
        var t: [String: Totaux] = [:]
        let s = TestSupport.samplesDirectory
        func validDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
            var c = DateComponents(); c.year = y; c.month = m; c.day = d
            let cal = Calendar(identifier: .gregorian)
            guard let date = cal.date(from: c) else { return false }
            return cal.component(.day, from: date) == d && cal.component(.month, from: date) == m
        }
        // La Coop export: Windows-1252, dd/mm/yyyy; rows with an impossible or serial date, a
        // non-numeric duration or negative participants are rejected (samples/README.md).
        let coopData = try Data(contentsOf: s.appendingPathComponent("mediatheques/coop-activites-2025.csv"))
        let coop = records(String(data: coopData, encoding: .windowsCP1252)!)
        for r in coop.dropFirst() where r.count >= 11 && r[0].hasPrefix("cra-") {
            let d = r[1].split(separator: "/").compactMap { Int($0) }
            guard d.count == 3, validDate(d[2], d[1], d[0]), Int(r[9]) != nil, let p = Int(r[10]), p >= 0 else { continue }
            if r[2] == "Accompagnement individuel" { t["1:1.1", default: .init()].individuels += 1; continue }
            let atelier = r.count > 11 ? r[11] : ""
            let action = atelier.contains("Safer Internet") ? "2:2.1" : atelier.contains("Cleanup") ? "2:2.4" : atelier.contains("Bons Clics") ? "2:2.1"
                : atelier.contains("Parentalité") ? "2:2.2" : atelier.contains("Éducation aux médias") ? "2:2.3" : atelier.contains("écoresponsable") ? "2:2.4" : "?"
            t[action, default: .init()].seances += 1
            t[action, default: .init()].participants += p
        }
        // France Services activity: démarches of the ten partners (Axe 1 · 1.2) and ateliers on online
        // procedures (Axe 1 · 2.2); a France Services atelier on parentalité numérique is Axe 2 · 2.2.
        let partenaires = ["DGFiP", "CAF", "CPAM", "MSA", "CARSAT", "France Travail", "La Poste", "ANTS", "Justice", "France Rénov'"]
        let fs = records(try String(contentsOf: s.appendingPathComponent("france-services/activite-france-services-2025.csv"), encoding: .utf8))
        for r in fs.dropFirst() where r.count >= 9 {
            let d = r[0].split(separator: "-").compactMap { Int($0) }
            guard d.count == 3, validDate(d[0], d[1], d[2]), let nombre = Int(r[5]) else { continue }
            if r[2] == "demarche" {
                guard partenaires.contains(r[3]) else { continue }
                t["1:1.2", default: .init()].demarches += nombre
            } else {
                let action = r[4].contains("Parentalité") ? "2:2.2" : "1:2.2"
                t[action, default: .init()].seances += 1
                t[action, default: .init()].participants += Int(r[6]) ?? 0
            }
        }
        // The officer's log: « Vis mon job » in 3.1, Safer Internet Day in 2.1; unknown actions rejected.
        let suivi = records(try String(contentsOf: s.appendingPathComponent("suivi-actions.csv"), encoding: .utf8))
        for r in suivi.dropFirst() where r.count >= 8 {
            guard ["3.1", "3.2", "3.3", "3.4"].contains(r[1]) else { continue }
            let action = r[2] == "immersion" || r[3].contains("Vis mon job") ? "3:3.1" : r[3].contains("Safer Internet") ? "2:2.1" : r[3].contains("Cleanup") ? "2:2.4"
                : r[2] == "formation_aidants" ? "3:3.1" : ["groupe_travail", "signature_charte"].contains(r[2]) ? "3:3.2" : "3:3.4"
            t[action, default: .init()].suivis += 1
            t[action, default: .init()].participantsSuivis += Int(r[5]) ?? 0
        }
        return t
    }

    /// Reads the overview table of the internal report back: action title → figures.
    static func publies(_ doc: ReportDocument, feuille: FeuilleDeRoute) -> [String: Totaux] {
        var out: [String: Totaux] = [:]
        for s in doc.sections { for b in s.blocks {
            guard case .tableau(let legende, _, let lignes) = b, legende.hasPrefix("Réalisations par action") else { continue }
            for l in lignes {
                guard let a = feuille.actions.first(where: { $0.titre == l[0] }) else { continue }
                func v(_ k: Int) -> Int { Int(l[k].filter { $0.isNumber }) ?? 0 }
                out[a.id] = Totaux(individuels: v(1), seances: v(2), participants: v(3), demarches: v(4), suivis: v(5), participantsSuivis: v(6))
            }
        } }
        return out
    }

    func testFiguresPerActionMatchTheInputFiles() throws {
        let (sortie, _, periode) = Self.sortie
        XCTAssertEqual(periode, Periode(du: "2025-01-01", au: "2025-12-31"), "default: the last twelve full months of data")
        let feuille = try FeuilleDeRoute.load(schemasPath: TestSupport.schemasPath)
        let expected = try Self.attendus()
        let actual = Self.publies(sortie.interne, feuille: feuille)
        XCTAssertNil(expected["?"], "every atelier of the samples falls under an action")
        for a in feuille.actions where a.id != "3:3.3" {
            XCTAssertEqual(actual[a.id], expected[a.id, default: .init()], a.titre)
        }
        // The issue's figures: the two « 2.2 » apart (79 sessions / 639 participations together).
        XCTAssertEqual(actual["1:2.2"]!.seances + actual["2:2.2"]!.seances, 79)
        XCTAssertEqual(actual["1:2.2"]!.participants + actual["2:2.2"]!.participants, 639)
        // The issue's headline: parentalité numérique is 39 sessions / 333 participations.
        XCTAssertEqual(actual["2:2.2"]!.seances, 39)
        XCTAssertEqual(actual["2:2.2"]!.participants, 333)
        XCTAssertEqual(actual["1:1.1"]!.individuels, 508, "one individual accompaniment = one person, not a count of sessions of all kinds")
    }

    func testTheTwoActions22AreDistinctAndLabelled() throws {
        let feuille = try FeuilleDeRoute.load(schemasPath: TestSupport.schemasPath)
        XCTAssertEqual(feuille.action("1:2.2")?.titre, "Axe 1 · action 2.2 — ateliers France Services")
        XCTAssertEqual(feuille.action("2:2.2")?.titre, "Axe 2 · action 2.2 — parentalité numérique")
        let md = Self.sortie.0.rapport.markdown()
        XCTAssertTrue(md.contains("### Axe 1 · action 2.2 — ateliers France Services"))
        XCTAssertTrue(md.contains("### Axe 2 · action 2.2 — parentalité numérique"))
        XCTAssertFalse(md.contains("formation\\_aidants") || md.contains("formation_aidants"), "no raw codes")
    }

    func testSaferInternetDayIn21AndVisMonJobIn31() throws {
        let feuille = try FeuilleDeRoute.load(schemasPath: TestSupport.schemasPath)
        let p = Provenance(source: "t", file: "t.csv", line: 2)
        XCTAssertEqual(feuille.action(of: SuiviAction(date: "2025-02-10", action: "3.3", type: "immersion", libelle: "Vis mon job : CCAS", provenance: p)), "3:3.1")
        XCTAssertEqual(feuille.action(of: SuiviAction(date: "2025-02-11", action: "3.4", type: "evenement", libelle: "Safer Internet Day", provenance: p)), "2:2.1")
        let sid = Activite(idSource: "x", date: "2025-02-11", nature: .collectif, action: "2.3", lieuNom: "Médiathèque", participants: 12, atelier: "Safer Internet Day", provenance: p)
        XCTAssertEqual(feuille.action(of: sid, dispositifsDuLieu: []), "2:2.1")
        let fsAtelier = Activite(idSource: "y", date: "2025-03-01", nature: .collectif, action: "2.2", lieuNom: "FS-84-0012", participants: 8, atelier: "Parentalité numérique", provenance: p)
        XCTAssertEqual(feuille.action(of: fsAtelier, dispositifsDuLieu: ["France Services"]), "2:2.2", "parentalité numérique is Axe 2 · 2.2 wherever it is held")
        let fsDemarches = Activite(idSource: "z", date: "2025-03-02", nature: .collectif, action: "2.2", lieuNom: "FS-84-0012", participants: 8, atelier: "Arnaques et fraudes en ligne", provenance: p)
        XCTAssertEqual(feuille.action(of: fsDemarches, dispositifsDuLieu: ["France Services"]), "1:2.2", "an atelier on online procedures held in a France Services is Axe 1 · 2.2")
        XCTAssertEqual(feuille.action(of: fsAtelier, dispositifsDuLieu: ["Conseillers numériques"]), "2:2.2")
    }

    // MARK: - Statistical secrecy

    /// The attacker: every published count of people is an equation over the records it counts;
    /// Gaussian elimination in floating point (another method than the library's modular one)
    /// tries to isolate each masked count.
    func testNoMaskedCountCanBeRecomputedFromThePublishedOnes() {
        let (sortie, _, _) = Self.sortie
        let cases = sortie.secret.cases
        let masque = sortie.primaires.union(sortie.secondaires)
        XCTAssertFalse(sortie.primaires.isEmpty, "the samples have counts from 1 to 10")
        XCTAssertTrue(sortie.primaires.allSatisfy { (1...10).contains(cases[$0].valeur) })
        XCTAssertTrue(cases.indices.filter { !masque.contains($0) }.allSatisfy { !(1...10).contains(cases[$0].valeur) }, "no published count from 1 to 10")
        // Columns: records, merged when exactly the same counts contain them.
        var membres: [Int: [Int]] = [:]
        for (i, c) in cases.enumerated() { for a in c.atomes { membres[a, default: []].append(i) } }
        var colonneDe: [[Int]: Int] = [:]
        for m in membres.values { if colonneDe[m] == nil { colonneDe[m] = colonneDe.count } }
        func vecteur(_ i: Int) -> [Double] {
            var v = Array(repeating: 0.0, count: colonneDe.count)
            for a in Set(cases[i].atomes) { v[colonneDe[membres[a]!]!] = 1 }
            return v
        }
        // Row-echelon basis of the published counts.
        var basis: [(pivot: Int, row: [Double])] = []
        func reduce(_ v0: [Double]) -> [Double] {
            var v = v0
            for (p, r) in basis where abs(v[p]) > 1e-9 {
                let f = v[p] / r[p]
                for k in v.indices where r[k] != 0 { v[k] -= f * r[k] }
            }
            return v
        }
        for i in cases.indices where !masque.contains(i) {
            let v = reduce(vecteur(i))
            if let p = v.indices.max(by: { abs(v[$0]) < abs(v[$1]) }), abs(v[p]) > 1e-9 { basis.append((p, v)) }
        }
        for m in masque.sorted() {
            let rest = reduce(vecteur(m))
            XCTAssertTrue(rest.contains { abs($0) > 1e-6 }, "masked count #\(m) (\(cases[m].tableau)) can be recomputed from the published ones")
        }
    }

    func testPublicReportShowsNoMaskedValueAndInternalOneSaysSoOnEveryPage() {
        let (sortie, _, _) = Self.sortie
        let html = sortie.rapport.html()
        XCTAssertTrue(html.contains("≤\u{A0}10"))
        let interne = sortie.interne.html()
        XCTAssertFalse(interne.contains("≤\u{A0}10"))
        XCTAssertTrue(interne.contains("<p class=\"bandeau\">Document interne"))
        XCTAssertTrue(interne.contains("<footer class=\"pied\">Document interne"), "the footer repeats on every printed page")
        XCTAssertTrue(html.contains("<footer class=\"pied\">Luberon Monts de Vaucluse · période : année 2025"))
        // The dashboard file masks the same way.
        let csv = String(decoding: IndicateursFichier.csv(sortie.indicateurs), as: UTF8.self)
        XCTAssertTrue(csv.hasPrefix("periode,axe,action,action_libelle,indicateur,indicateur_libelle,code_insee,commune,valeur,unite,statut\n"))
        for line in csv.split(separator: "\n").dropFirst() where line.hasSuffix(",masque") || line.hasSuffix(",secret") {
            XCTAssertTrue(line.contains(",,personnes,") || line.contains(",,participations,"), String(line))
        }
    }

    // MARK: - Period

    func testPeriods() {
        XCTAssertEqual(Periode.douzeDerniersMois(derniereDate: "2025-12-31"), Periode(du: "2025-01-01", au: "2025-12-31"))
        XCTAssertEqual(Periode.douzeDerniersMois(derniereDate: "2025-12-30"), Periode(du: "2024-12-01", au: "2025-11-30"))
        XCTAssertEqual(Periode.douzeDerniersMois(derniereDate: "2024-02-29"), Periode(du: "2023-03-01", au: "2024-02-29"))
        XCTAssertEqual(Periode(du: "2024-03-01", au: "2025-02-28").anneePrecedente, Periode(du: "2023-03-01", au: "2024-02-29"))
        XCTAssertEqual(Periode.annee(2025).libelle, "année 2025")
        XCTAssertEqual(Periode(du: "2025-03-01", au: "2025-06-30").libelle, "du 1er mars 2025 au 30 juin 2025")
        XCTAssertEqual(Periode(du: "2025-03-01", au: "2025-06-30").mois, ["2025-03", "2025-04", "2025-05", "2025-06"])
        XCTAssertNotNil(Periode(du: "2025-02-30", au: "2025-06-30").valider())
        XCTAssertNotNil(Periode(du: "2025-07-01", au: "2025-06-30").valider())
        XCTAssertEqual(Francais.n(1234567), "1\u{202F}234\u{202F}567")
        XCTAssertEqual(Francais.decimal(12.25, decimales: 1), "12,3")
        XCTAssertEqual(Francais.decimal(3, decimales: 1), "3")
    }

    func testPeriodOptionsOnTheCommandLine() throws {
        let out = try TestSupport.temporaryDirectory(self, "periode")
        let r = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out.path, "--du", "2025-04-01", "--au", "2025-06-30"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let md = try String(contentsOf: out.appendingPathComponent("rapport.md"), encoding: .utf8)
        XCTAssertTrue(md.hasPrefix("# Rapport d'indicateurs de la feuille de route de l'inclusion numérique — Luberon Monts de Vaucluse, du 1er avril 2025 au 30 juin 2025\n"))
        XCTAssertFalse(md.contains("| janvier 2025 |"))
        let bad = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out.path, "--annee", "25"])
        XCTAssertEqual(bad.status, 78)
        XCTAssertTrue(bad.stderr.contains("--annee"))
    }

    // MARK: - Hostile values

    func testHostileNamesAndURLsStayText() throws {
        var l = Lieu(idSource: "x", provenance: Provenance(source: "s", file: "f.csv", line: 2))
        l.set(.id, "lmv-1", colonne: "id")
        l.set(.nom, "<script>alert(1)</script> & \"Cie\" | [lien](javascript:alert(1))", colonne: "nom")
        l.set(.commune, "Cavaillon", colonne: "commune")
        l.set(.codeInsee, "84035", colonne: "code_insee")
        l.set(.siteWeb, ["javascript:alert(1)"], colonne: "site_web")
        l.set(.priseRdv, "javascript:alert(2)", colonne: "prise_rdv")
        var run = RunResult(configuration: Configuration())
        run.publies = [l]
        run.dateReference = "2025-12-31"
        run.activites = [Activite(idSource: "a", date: "2025-03-01", nature: .collectif, action: "2.1", lieuNom: "<img src=x onerror=alert(1)>", participants: 12,
                                  atelier: "<b>Les Bons Clics</b>", provenance: l.provenance)]
        let feuille = try FeuilleDeRoute.load(schemasPath: TestSupport.schemasPath)
        let s = IndicatorReport.build(.init(run: run, feuille: feuille, periode: .annee(2025), carte: nil))
        for doc in [s.rapport, s.interne, JournalReport.build(run)] + Self.autresPages(run) {
            let html = doc.html()
            XCTAssertFalse(html.contains("<script"), doc.title)
            XCTAssertFalse(html.contains("<img"), doc.title)
            XCTAssertFalse(html.contains("<b>"), doc.title)
            XCTAssertFalse(html.contains("href=\"javascript"), doc.title)
            let md = doc.markdown()
            XCTAssertNil(md.range(of: #"(?<!\\)<(script|img|b>)|(?<!\\)\]\(javascript"#, options: .regularExpression), doc.title)
        }
    }

    /// Other pages built from a run (annuaire, bilan) join the hostile-value test as they exist.
    static func autresPages(_ run: RunResult) -> [ReportDocument] {
        let feuille = try! FeuilleDeRoute.load(schemasPath: TestSupport.schemasPath)
        let s = IndicatorReport.build(.init(run: run, feuille: feuille, periode: .annee(2025), carte: nil, bilan: true))
        return [Annuaire.build(run, carte: nil), s.bilan!]
    }

    // MARK: - Size at scale

    func testReportStaysUnderFiveMegabytesAtThreeHundredThousandPlaces() throws {
        // 300 000 places inside the territory, on the map: the report aggregates (the map snaps
        // places to a grid), it never lists every place.
        var run = RunResult(configuration: Configuration())
        run.dateReference = "2025-12-31"
        let codes = ["84035", "84074", "84071", "84100", "84065"]
        run.publies.reserveCapacity(300_000)
        for k in 0..<300_000 {
            var l = Lieu(idSource: "x\(k)", provenance: Provenance(source: "s", file: "f.csv", line: k + 2))
            l.set(.id, "id-\(k)", colonne: "id")
            l.set(.nom, k % 3 == 0 ? "Médiathèque \(k)" : "Lieu \(k)", colonne: "nom")
            l.set(.codeInsee, codes[k % codes.count], colonne: "code_insee")
            l.latitude = 43.80 + Double(k % 997) / 997 * 0.08
            l.longitude = 5.00 + Double(k % 991) / 991 * 0.25
            run.publies.append(l)
        }
        let feuille = try FeuilleDeRoute.load(schemasPath: TestSupport.schemasPath)
        let carte = try CarteCommunes(geojson: [UInt8](Data(contentsOf: URL(fileURLWithPath: TestSupport.schemasPath + "/referentiels/communes-lmv.geojson"))))
        let s = IndicatorReport.build(.init(run: run, feuille: feuille, periode: .annee(2025), carte: carte))
        let size = s.rapport.html().utf8.count
        print("rapport.html with 300 000 places: \(size) bytes")
        XCTAssertLessThan(size, 5_000_000, "rapport.html is \(size) bytes")
        XCTAssertLessThan(s.interne.html().utf8.count, 5_000_000)
    }

    // MARK: - Zip writer

    func testZipWriterReadsBackWithOurReader() throws {
        var z = ZipWriter()
        let big = Array(String(repeating: "indicateurs ", count: 2000).utf8)
        try z.add("a.txt", Array("bonjour".utf8))
        try z.add("dossier/b.xml", big)
        let bytes = z.finish()
        try bytes.withUnsafeBytes { raw in
            let zip = try ZipArchive(bytes: raw, file: "t.zip")
            XCTAssertEqual(try zip.extract(XCTUnwrap(zip.entry(named: "a.txt"))), Array("bonjour".utf8))
            let b = try XCTUnwrap(zip.entry(named: "dossier/b.xml"))
            XCTAssertEqual(b.method, 8, "deflated")
            XCTAssertEqual(try zip.extract(b), big)
        }
        var again = ZipWriter()
        try again.add("a.txt", Array("bonjour".utf8))
        try again.add("dossier/b.xml", big)
        XCTAssertEqual(again.finish(), bytes, "deterministic")
    }

    func testIndicatorsWorkbookReadsBackWithOurXLSXReader() throws {
        let (sortie, _, _) = Self.sortie
        let dir = try TestSupport.temporaryDirectory(self, "xlsx")
        let path = dir.appendingPathComponent("indicateurs.xlsx").path
        try Data(IndicateursFichier.xlsx(sortie.indicateurs)).write(to: URL(fileURLWithPath: path))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let table = try bytes.withUnsafeBytes { try XLSXReader.read(bytes: $0, source: "t", file: "indicateurs.xlsx", options: CSVReadOptions()) }
        XCTAssertEqual(table.columns, IndicateursFichier.colonnes)
        XCTAssertEqual(table.records.count, sortie.indicateurs.count)
    }

    // MARK: - Annuaire and bilan

    func testOpeningHoursInPlainFrench() {
        XCTAssertEqual(HorairesFrancais.texte("Mo,Tu 08:30-12:00"), "lundi et mardi de 8\u{A0}h\u{A0}30 à 12\u{A0}h")
        XCTAssertEqual(HorairesFrancais.texte("Mo 08:30-12:00; Tu 08:30-12:00"), "lundi et mardi de 8\u{A0}h\u{A0}30 à 12\u{A0}h")
        XCTAssertEqual(HorairesFrancais.texte("Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00"),
                       "du lundi au vendredi de 9\u{A0}h à 12\u{A0}h et de 14\u{A0}h à 17\u{A0}h ; samedi de 10\u{A0}h à 12\u{A0}h")
        XCTAssertEqual(HorairesFrancais.texte("Mo,We,Fr 14:00-18:00; PH off"), "lundi, mercredi et vendredi de 14\u{A0}h à 18\u{A0}h ; fermé les jours fériés")
        XCTAssertEqual(HorairesFrancais.texte(#"Tu 09:00-12:00; "sauf vacances scolaires""#), "mardi de 9\u{A0}h à 12\u{A0}h ; sauf vacances scolaires")
        XCTAssertNil(HorairesFrancais.texte("sunrise-sunset"))
    }

    func testAnnuaireListsEveryCommuneAndPlace() throws {
        let (_, run, _) = Self.sortie
        let carte = try CarteCommunes(geojson: [UInt8](Data(contentsOf: URL(fileURLWithPath: TestSupport.schemasPath + "/referentiels/communes-lmv.geojson"))))
        let doc = Annuaire.build(run, carte: carte)
        XCTAssertEqual(doc.sections.count, 1 + 16, "an introduction, then one page per commune")
        XCTAssertTrue(doc.sections.dropFirst().allSatisfy(\.nouvellePage))
        let md = doc.markdown()
        for l in run.publies { XCTAssertTrue(md.contains("### " + ReportDocument.markdownText(l[.nom]!)), l[.nom]!) }
        XCTAssertTrue(md.contains("Aucun lieu de médiation numérique publié dans cette commune."))
        XCTAssertFalse(md.contains("Mo,") || md.contains("We 10:00"), "hours in plain French, not OSM")
        XCTAssertTrue(md.contains("**Horaires** : mercredi de 10\u{A0}h à 12\u{A0}h et de 14\u{A0}h à 17\u{A0}h\u{A0}30 ; samedi de 10\u{A0}h à 12\u{A0}h"))
    }

    /// The annuaire written card by card is byte for byte the document rendered whole, with the
    /// communes' outlines and without.
    func testStreamedAnnuaireIsTheDocument() throws {
        let (_, run, _) = Self.sortie
        let carte = try CarteCommunes(geojson: [UInt8](Data(contentsOf: URL(fileURLWithPath: TestSupport.schemasPath + "/referentiels/communes-lmv.geojson"))))
        for c in [carte, nil] {
            var md: [UInt8] = [], html: [UInt8] = []
            try Annuaire.write(run, carte: c, markdown: { md += $0 }, html: { html += $0 })
            let doc = Annuaire.build(run, carte: c)
            XCTAssertEqual(md, doc.markdownBytes())
            XCTAssertEqual(html, doc.htmlBytes())
            XCTAssertEqual(String(decoding: md, as: UTF8.self), doc.markdown())
        }
    }

    /// The annuaire's sort keys compare bytes only where that is how Swift orders the strings:
    /// NFD and NFC accents, combining marks, equal names, ids that differ, a 0 byte in a name,
    /// typographic punctuation (’ – … € narrow no-break space) and its neighbours that are not
    /// in canonical form (U+2000 is U+2002 to Swift) or that it does not take as simple.
    func testAnnuaireSortKeyOrdersLikeStrings() {
        let noms = ["Médiathèque", "Me\u{301}diathe\u{300}que", "Mediatheque", "médiathèque", "Zèbre", "Ångström", "A\u{30A}ngstro\u{308}m",
                    "« La Durance »", "La Durance", "La\u{0}Durance", "La", "La\u{0}", "n° 2", "n° 10", "", "Ωmega", "Ω", "東京", "Ἀθῆναι", "q\u{323}\u{307}", "q\u{307}\u{323}",
                    "Maison de l’emploi", "Maison de l'emploi", "Maison de l’", "l’\u{301}Isle", "L’Isle – Sorgue", "L’Isle — Sorgue", "Café…", "Café...", "10\u{202F}€",
                    "10 €", "a\u{2000}b", "a\u{2002}b", "a\u{2028}b", "a\u{200F}b", "a\u{2027}b", "“Zéro”"]
        let ids = ["b", "a", "e\u{301}", "é", "", "a\u{0}b"]
        var cles = Annuaire.Cles()
        var textes: [(nom: String, id: String, rang: Int)] = []
        for (i, n) in noms.enumerated() {
            for id in ids {
                // Equal (name, id) pairs come in twice, ranked apart.
                for rang in [2 * i, 2 * i + 1] {
                    cles.ajoute(rang: rang, nom: { $0 += Array(n.utf8) }, id: { $0 += Array(id.utf8) })
                    textes.append((n, id, rang))
                }
            }
        }
        for a in 0..<cles.count {
            let simple = (textes[a].nom + textes[a].id).unicodeScalars.allSatisfy { u in
                u.value != 0 && (u.value < 0x300 || (0x2010...0x2027).contains(u.value) || u.value == 0x202F || u.value == 0x20AC)
            }
            XCTAssertEqual(cles.textes[a] == nil, simple, "compared as bytes: \(textes[a])")
            XCTAssertEqual(cles.nomTexte(a), textes[a].nom)
            XCTAssertEqual(cles.idTexte(a), textes[a].id)
            for b in 0..<cles.count {
                XCTAssertEqual(cles.avant(a, b), (textes[a].nom, textes[a].id, textes[a].rang) < (textes[b].nom, textes[b].id, textes[b].rang),
                               "\(textes[a]) / \(textes[b])")
            }
        }
        XCTAssertEqual(cles.triees().map(cles.rang), textes.sorted { ($0.nom, $0.id, $0.rang) < ($1.nom, $1.id, $1.rang) }.map(\.rang))
    }

    /// The « quel lieu pour quel service » table: services in name order, each with its places'
    /// names in the order of their cards (name, then id), whatever order the places and their
    /// services come in; a place listing the same services as the one before, or none, included.
    func testAnnuaireServiceTable() throws {
        var run = RunResult(configuration: Configuration())
        run.dateReference = "2025-12-31"
        for (id, nom, services) in [("d", "Zèbre", ["B", "A"]), ("c", "Alpha", ["A"]), ("b", "Médiathèque", ["A", "B"]), ("a", "Médiathèque", ["A", "B"]),
                                    ("e", "Bêta", []), ("f", "Ça|va", ["C|D", "A"])] {
            var l = Lieu(idSource: id, provenance: Provenance(source: "s", file: "f.csv", line: 2))
            l.set(.id, id, colonne: "id")
            l.set(.nom, nom, colonne: "nom")
            l.set(.codeInsee, "84035", colonne: "code_insee")
            l.set(.services, services, colonne: "services")
            l.valeurs.pack()
            run.publies.append(l)
        }
        let doc = Annuaire.build(run, carte: nil)
        guard case .tableau(_, _, let lignes) = doc.sections[1].blocks.first else { return XCTFail("a table first") }
        XCTAssertEqual(lignes, [["A", "Alpha, Médiathèque, Médiathèque, Zèbre, Ça|va"], ["B", "Médiathèque, Médiathèque, Zèbre"], ["C|D", "Ça|va"]])
    }

    /// A card is read from the place's bytes: the same lines from a packed place and from one
    /// being built, list items joined as `liste` gives them (one, two or three items, items
    /// holding a `|` first, last or alone),
    /// lines without a value left out, a phone number printed French style only when it is one.
    func testAnnuaireCardReadsThePlace() {
        var l = Lieu(idSource: "x", provenance: Provenance(source: "s", file: "f.csv", line: 2))
        l.set(.id, "lmv-1", colonne: "id")
        l.set(.nom, "Espace <numérique> | *Cavaillon*", colonne: "nom")
        l.set(.complementAdresse, "Bâtiment B", colonne: "c")
        l.set(.commune, "Cavaillon", colonne: "commune")
        l.set(.services, ["Aide aux démarches", "Accès|libre"], colonne: "services")
        l.set(.publicsSpecifiquementAdresses, ["Seniors|Jeunes"], colonne: "p")
        l.set(.modalitesAcces, ["Se présenter|Téléphoner", "Envoyer un courriel"], colonne: "m")
        l.set(.modalitesAccompagnement, ["Seul", "Avec de l'aide", "Dans un atelier collectif"], colonne: "m")
        l.set(.dispositifProgrammesNationaux, ["|", "France Services"], colonne: "d")
        l.set(.formationsLabels, ["Aidants Connect", "PIX"], colonne: "f")
        l.set(.autresFormationsLabels, ["Label local"], colonne: "a")
        l.set(.telephone, "+33 4 90 00", colonne: "t")
        l.set(.courriels, ["a@lmv.fr", "b|c@lmv.fr"], colonne: "c")
        l.set(.siteWeb, ["https://lmv.fr/a"], colonne: "w")
        let attendu: [(String, String, String?)] = [
            ("Adresse", "Bâtiment B, Cavaillon", nil),
            ("Horaires", "non renseignés : téléphoner avant de s'y rendre", nil),
            ("Services", "Aide aux démarches, Accès|libre", nil),
            ("Publics accueillis", "Seniors|Jeunes", nil),
            ("Accès", "Se présenter|Téléphoner, Envoyer un courriel", nil),
            ("Accompagnement", "Seul, Avec de l'aide, Dans un atelier collectif", nil),
            ("Labels et dispositifs", "|, France Services, Aidants Connect, PIX, Label local", nil),
            ("Téléphone", "+33 4 90 00", nil),
            ("Courriel", "a@lmv.fr", nil),
            ("Courriel", "b|c@lmv.fr", nil),
            ("Site web", "https://lmv.fr/a", "https://lmv.fr/a"),
            ("Identifiant", "lmv-1", nil),
        ]
        var packed = l
        packed.valeurs.pack()
        var autre = l
        autre.set(.telephone, "+33490297424", colonne: "t")
        autre.set(.codePostal, "84300", colonne: "cp")
        autre.remove(.nom)
        autre.valeurs.pack()
        for (lieu, horaires) in [(l, nil), (packed, nil), (autre, "lundi de 9\u{A0}h à 12\u{A0}h")] {
            var f = ReportRenderer.Fiche()
            Annuaire.fiche(lieu, horaires: horaires, into: &f)
            guard case .fiche(let titre, let lignes) = f.block else { return XCTFail("a card") }
            var voulu = attendu
            if lieu.valeurs.contains(.nom) {
                XCTAssertEqual(titre, "Espace <numérique> | *Cavaillon*")
            } else {
                XCTAssertEqual(titre, "lieu sans nom")
                voulu[0].1 = "Bâtiment B, 84300 Cavaillon"
                voulu[1].1 = "lundi de 9\u{A0}h à 12\u{A0}h"
                voulu[7].1 = "04\u{A0}90\u{A0}29\u{A0}74\u{A0}24"
            }
            XCTAssertEqual(lignes.map(\.libelle), voulu.map(\.0))
            XCTAssertEqual(lignes.map(\.valeur), voulu.map(\.1))
            XCTAssertEqual(lignes.map(\.lien), voulu.map(\.2))
        }
    }

    func testBilanCommand() throws {
        let out = try TestSupport.temporaryDirectory(self, "bilan")
        let r = try TestSupport.runCLI(["bilan", "--annee", "2025", "--config", "samples/unefois.json", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let md = try String(contentsOf: out.appendingPathComponent("bilan-2025.md"), encoding: .utf8)
        XCTAssertTrue(md.hasPrefix("# Bilan annuel 2025 de la feuille de route de l'inclusion numérique — Luberon Monts de Vaucluse\n"))
        XCTAssertTrue(md.contains("Objectif de la feuille de route : Déployer en 2025 des ateliers collectifs"))
        XCTAssertTrue(md.contains("| 2024 | pas de données |"), "the previous year side by side, said empty when the data does not reach it")
        XCTAssertTrue(md.contains("Signataires de la charte en 2025 : CCAS de Cavaillon"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("bilan-2025.html").path))
        let sans = try TestSupport.runCLI(["bilan", "--config", "samples/unefois.json", "--out", out.path])
        XCTAssertEqual(sans.status, 78)
        XCTAssertTrue(sans.stderr.contains("--annee"), sans.stderr)
    }
}
