import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// `unefois validate`: agreement with frictionless v5 on every fixture and on the standard's own
/// example files, plus the data·inclusion validator. Expected results are recorded by
/// `tools/frictionless_expected.py` into `Fixtures/validate/expected-frictionless.json`.
final class StandaloneValidatorTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repo = here.deletingLastPathComponent().deletingLastPathComponent()
    static let schemas = repo.appendingPathComponent("Sources/UneFois/Resources/schemas").path
    static let fixtures = here.appendingPathComponent("Fixtures/validate")

    func validate(_ path: String) throws -> ValidationReport {
        let file = try MappedFile(path: path)
        return try StandardFileValidator.validateStandard(bytes: file.bytes, file: path, schemasDirectory: Self.schemas)
    }

    /// Every CSV fixture and every real example gets the same verdict and the same set of error
    /// codes as `frictionless validate --schema <schema> <file>`.
    func testAgreesWithFrictionless() throws {
        let expectedURL = Self.fixtures.appendingPathComponent("expected-frictionless.json")
        let doc = try JSONParser.parse(String(decoding: try Data(contentsOf: expectedURL), as: UTF8.self))
        guard let files = doc["files"]?.objectValue else { return XCTFail("expected-frictionless.json: « files » manquant") }
        var expected: [String: (schema: String, valid: Bool, codes: Set<String>, counts: [String: Int])] = [:]
        for m in files.members {
            var counts: [String: Int] = [:]
            for c in m.value["counts"]?.objectValue?.members ?? [] { counts[c.key] = c.value.scalarText.flatMap { Int($0) } }
            expected[m.key] = (m.value["schema"]?.stringValue ?? "", m.value["valid"] == .bool(true),
                               Set(m.value["codes"]?.arrayValue?.compactMap(\.stringValue) ?? []), counts)
        }
        // Every CSV present must have a recorded expectation (fixtures always; real data if present).
        var paths = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)
            .filter { $0.hasSuffix(".csv") }.map { "Tests/UneFoisTests/Fixtures/validate/" + $0 }
        let realdata = Self.repo.appendingPathComponent("../shared/realdata/standard-mediation-num").standardized.path
        if let real = try? FileManager.default.contentsOfDirectory(atPath: realdata) {
            paths += real.filter { $0.hasSuffix(".csv") }.map { "../shared/realdata/standard-mediation-num/" + $0 }
        }
        for dir in ["samples", "samples/france-services", "samples/mediatheques", "samples/national"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.repo.appendingPathComponent(dir).path)) ?? []
            paths += names.filter { $0.hasSuffix(".csv") }.map { dir + "/" + $0 }
        }
        XCTAssertGreaterThanOrEqual(paths.count, 12)
        var agreed = 0
        for rel in paths.sorted() {
            guard let exp = expected[rel] else {
                XCTFail("\(rel) : pas de résultat frictionless enregistré ; relancez tools/frictionless_expected.py")
                continue
            }
            let report = try validate(Self.repo.appendingPathComponent(rel).standardized.path)
            let codes = Set(report.issues.map(\.code))
            XCTAssertTrue(report.schema.contains(exp.schema), "\(rel) : schéma \(report.schema), frictionless a utilisé \(exp.schema)")
            XCTAssertEqual(report.valid, exp.valid, "\(rel) : verdict différent de frictionless")
            XCTAssertEqual(codes, exp.codes, "\(rel) : codes différents de frictionless")
            // Stronger than asked: the number of errors of each code agrees too.
            XCTAssertEqual(Dictionary(grouping: report.issues, by: \.code).mapValues(\.count), exp.counts, "\(rel) : nombres d'erreurs différents de frictionless")
            if report.valid == exp.valid && codes == exp.codes { agreed += 1 }
        }
        XCTAssertEqual(agreed, paths.count)
    }

    func testLocatesErrorsOnPhysicalLinesAndNamesTheColumn() throws {
        let report = try validate(Self.fixtures.appendingPathComponent("quoted-newline-then-bad-postcode.csv").path)
        XCTAssertEqual(report.issues.count, 1)
        // Header line 1, first row spans lines 2-3 (quoted newline), second row on line 4.
        XCTAssertEqual(report.issues.first?.line, 4)
        XCTAssertEqual(report.issues.first?.field, "code_postal")
        XCTAssertTrue(report.text().contains("invalide"))
        XCTAssertTrue(report.json().contains("\"valid\": false"))
    }

    func testReportsV01Schema() throws {
        let report = try validate(Self.fixtures.appendingPathComponent("v0-valid.csv").path)
        XCTAssertTrue(report.valid)
        XCTAssertTrue(report.schema.contains("v0.1.1"))
        XCTAssertTrue(report.text().contains("version 0.1"))
    }

    func testTextReportCapsTheListing() throws {
        var report = ValidationReport(file: "x.csv", schema: "s")
        for i in 0..<5 { report.issues.append(Issue(code: "type-error", severity: .error, message: "m", source: "v", file: "x", line: i + 2, field: "latitude")) }
        let text = report.text(limit: 2)
        XCTAssertTrue(text.contains("type-error : 5"))
        XCTAssertTrue(text.contains("3 autre(s)"))
    }

    func testPythonCompatibleScalarTypes() {
        for ok in ["43.8", " 43.8 ", "5.", ".5", "-1e3", "+2", "NaN", "inf", "-Infinity"] { XCTAssertTrue(StandardFileValidator.isDecimalLiteral(ok), ok) }
        for bad in ["43,8", "", " ", "1e", "e3", "--1", "4 3", "0x10", "."] { XCTAssertFalse(StandardFileValidator.isDecimalLiteral(bad), bad) }
        for ok in ["2025-03-01", "2025-3-1", "2024-02-29", "2025-03- 1"] { XCTAssertTrue(StandardFileValidator.isISODate(ok), ok) }
        for bad in ["2025-02-29", "01/03/2025", "2025-13-01", "25-03-01", "2025-03-01T10:00", "2025-03-001"] { XCTAssertFalse(StandardFileValidator.isISODate(bad), bad) }
    }

    // MARK: - data·inclusion

    func dataInclusion(_ json: String) throws -> ValidationReport {
        let validator = try DataInclusionValidator(schemasDirectory: Self.schemas)
        var bytes = Array(json.utf8)
        return bytes.withUnsafeMutableBytes { validator.validate(bytes: UnsafeRawBufferPointer($0), file: "t.json") }
    }

    func testDataInclusionValidStructureAndService() throws {
        let report = try dataInclusion("""
        [{"source": "lmv", "id": "lmv--1", "nom": "Médiathèque La Durance", "date_maj": "2025-03-01",
          "code_postal": "84300", "siret": null, "courriel": "contact@example.fr", "site_web": "https://example.fr",
          "reseaux_porteurs": ["france-service"], "latitude": 43.8},
         {"source": "lmv", "id": "lmv--1--numerique", "structure_id": "lmv--1", "nom": "Accompagnement au numérique",
          "description": "Aide aux démarches en ligne.", "date_maj": "2025-03-01", "publics": ["tous-publics"],
          "frais": "gratuit", "type": "accompagnement", "modes_accueil": ["en-presentiel"], "nombre_semaines": 2,
          "zone_eligibilite": ["84035", "84", "200040442", "france"]}]
        """)
        XCTAssertTrue(report.valid, report.text())
        XCTAssertEqual(report.recordCount, 2)
    }

    func testDataInclusionErrorsNameObjectAndField() throws {
        let report = try dataInclusion("""
        [{"source": "lmv", "id": "lmv--1", "nom": "Mé", "date_maj": "2025-02-30", "code_postal": "8430"},
         {"source": "lmv", "id": "s1", "structure_id": "lmv--1", "nom": "Service", "description": "Aide.",
          "date_maj": "2025-03-01", "publics": ["tous-publics", "jeunes"], "frais": "offert"},
         {"id": "lmv--1", "source": "lmv", "nom": "Doublon", "date_maj": "2025-03-01"}]
        """)
        XCTAssertFalse(report.valid)
        let byField = Dictionary(grouping: report.issues, by: { $0.field ?? "" })
        XCTAssertEqual(byField["nom"]?.first?.code, "constraint-error")
        XCTAssertEqual(byField["date_maj"]?.first?.code, "format-error")
        XCTAssertEqual(byField["code_postal"]?.count, 2)  // minLength and pattern
        XCTAssertEqual(byField["frais"]?.first?.code, "constraint-error")
        XCTAssertTrue(byField["publics"]?.first?.message.contains("tous-publics") ?? false)
        XCTAssertEqual(byField["id"]?.first?.code, "unique-error")
        XCTAssertTrue(byField["nom"]?.first?.message.hasPrefix("Structure n° 0") ?? false)
        XCTAssertTrue(byField["frais"]?.first?.message.hasPrefix("Service n° 1") ?? false)
    }

    func testDataInclusionJSONLinesAndBadJSON() throws {
        let lines = try dataInclusion("{\"source\": \"a\", \"id\": \"a--1\", \"nom\": \"Lieu A\", \"date_maj\": \"2025-01-01\"}\n{\"source\": \"a\", \"id\": \"a--2\", \"nom\": \"Lieu B\"}\n")
        XCTAssertEqual(lines.recordCount, 2)
        XCTAssertEqual(lines.issues.map(\.code), ["missing-field"])
        XCTAssertEqual(lines.issues.first?.line, 2)
        let bad = try dataInclusion("[{\"id\": }]")
        XCTAssertEqual(bad.issues.map(\.code), ["json-error"])
    }
}

/// One test per keyword of the JSON-Schema subset.
final class JSONSchemaSubsetTests: XCTestCase {
    func violations(_ schema: String, _ instance: String) throws -> [JSONSchemaSubset.Violation] {
        JSONSchemaSubset(try JSONParser.parse(schema)).validate(try JSONParser.parse(instance))
    }

    func keywords(_ schema: String, _ instance: String) throws -> [String] {
        try violations(schema, instance).map(\.keyword)
    }

    func testType() throws {
        XCTAssertEqual(try keywords(#"{"type": "string"}"#, "3"), ["type"])
        XCTAssertEqual(try keywords(#"{"type": "integer"}"#, "3.0"), [])
        XCTAssertEqual(try keywords(#"{"type": "integer"}"#, "3.5"), ["type"])
        XCTAssertEqual(try keywords(#"{"type": ["string", "null"]}"#, "null"), [])
        XCTAssertEqual(try keywords(#"{"type": "number"}"#, #""43.8""#), ["type"])
    }

    func testEnumAndConst() throws {
        XCTAssertEqual(try keywords(#"{"enum": ["a", "b"]}"#, #""c""#), ["enum"])
        XCTAssertEqual(try keywords(#"{"enum": [1]}"#, "1.0"), [])
        XCTAssertEqual(try keywords(#"{"const": "france"}"#, #""france""#), [])
        XCTAssertEqual(try keywords(#"{"const": "france"}"#, #""France""#), ["const"])
    }

    func testPatternIsUnanchoredSearch() throws {
        XCTAssertEqual(try keywords(#"{"pattern": "^\\d{5}$"}"#, #""8430""#), ["pattern"])
        XCTAssertEqual(try keywords(#"{"pattern": "\\d{5}"}"#, #""x84300x""#), [])
    }

    func testLengthsCountCharacters() throws {
        XCTAssertEqual(try keywords(#"{"minLength": 3}"#, #""Mé""#), ["minLength"])
        XCTAssertEqual(try keywords(#"{"maxLength": 3}"#, #""Été""#), [])
        XCTAssertEqual(try keywords(#"{"maxLength": 2}"#, #""Été""#), ["maxLength"])
    }

    func testMinimumAndMaximum() throws {
        XCTAssertEqual(try keywords(#"{"minimum": 1}"#, "0"), ["minimum"])
        XCTAssertEqual(try keywords(#"{"minimum": 0.0}"#, "0"), [])
        XCTAssertEqual(try keywords(#"{"maximum": 10}"#, "11"), ["maximum"])
    }

    func testArrays() throws {
        XCTAssertEqual(try keywords(#"{"minItems": 1}"#, "[]"), ["minItems"])
        XCTAssertEqual(try keywords(#"{"uniqueItems": true}"#, #"["a", "b", "a"]"#), ["uniqueItems"])
        let v = try violations(#"{"items": {"type": "string"}}"#, #"["a", 2]"#)
        XCTAssertEqual(v.map(\.keyword), ["type"])
        XCTAssertEqual(v.first?.path, "[1]")
    }

    func testRequiredAndProperties() throws {
        let schema = #"{"type": "object", "required": ["id"], "properties": {"nom": {"type": "string"}}}"#
        let v = try violations(schema, #"{"nom": 3}"#)
        XCTAssertEqual(v.map(\.keyword).sorted(), ["required", "type"])
        XCTAssertEqual(v.first { $0.keyword == "type" }?.path, "nom")
    }

    func testRefToDefs() throws {
        let schema = ##"{"$defs": {"Frais": {"enum": ["gratuit", "payant"]}}, "properties": {"frais": {"$ref": "#/$defs/Frais"}}}"##
        XCTAssertEqual(try keywords(schema, #"{"frais": "gratuit"}"#), [])
        XCTAssertEqual(try keywords(schema, #"{"frais": "offert"}"#), ["enum"])
        XCTAssertEqual(try keywords(##"{"$ref": "#/$defs/Nope"}"##, "1"), ["$ref"])
    }

    func testAnyOfReportsTheBranchOfTheValuesType() throws {
        let schema = #"{"anyOf": [{"type": "string", "pattern": "^\\d{5}$"}, {"type": "null"}]}"#
        XCTAssertEqual(try keywords(schema, "null"), [])
        XCTAssertEqual(try keywords(schema, #""84300""#), [])
        XCTAssertEqual(try keywords(schema, #""8430""#), ["pattern"])
        XCTAssertEqual(try keywords(schema, "84300"), ["anyOf"])
    }

    func testFormats() throws {
        XCTAssertEqual(try keywords(#"{"format": "date"}"#, #""2024-02-29""#), [])
        XCTAssertEqual(try keywords(#"{"format": "date"}"#, #""2025-02-29""#), ["format"])
        XCTAssertEqual(try keywords(#"{"format": "date"}"#, #""01/03/2025""#), ["format"])
        XCTAssertEqual(try keywords(#"{"format": "email"}"#, #""a@b.fr""#), [])
        XCTAssertEqual(try keywords(#"{"format": "email"}"#, #""a@b""#), ["format"])
        XCTAssertEqual(try keywords(#"{"format": "email"}"#, #""a b@c.fr""#), ["format"])
        XCTAssertEqual(try keywords(#"{"format": "uri"}"#, #""https://x.fr/a""#), [])
        XCTAssertEqual(try keywords(#"{"format": "uri"}"#, #""www.x.fr""#), ["format"])
        XCTAssertEqual(try keywords(#"{"format": "hostname"}"#, #""???""#), [])
    }
}

/// The JSON-Schema subset gives the same verdict and the same faulty fields as the reference
/// `jsonschema` (Draft 2020-12) on the data·inclusion cases (recorded by
/// `tools/datainclusion_expected.py`).
final class DataInclusionAgreementTests: XCTestCase {
    func testAgreesWithJSONSchemaReference() throws {
        let fixtures = StandaloneValidatorTests.fixtures
        let cases = try JSONParser.parse(String(decoding: try Data(contentsOf: fixtures.appendingPathComponent("datainclusion-cases.json")), as: UTF8.self))
        let expected = try JSONParser.parse(String(decoding: try Data(contentsOf: fixtures.appendingPathComponent("datainclusion-expected.json")), as: UTF8.self))
        let validator = try DataInclusionValidator(schemasDirectory: StandaloneValidatorTests.schemas)
        guard let members = cases.objectValue?.members else { return XCTFail("cas illisibles") }
        XCTAssertGreaterThanOrEqual(members.count, 30)
        for (name, object) in members {
            let schema = object["structure_id"] != nil ? validator.service : validator.structure
            let violations = schema.validate(object)
            // jsonschema reports a missing required property at the object itself (path "").
            let fields = Set(violations.map { $0.keyword == "required" ? "" : String($0.path.prefix { $0 != "[" && $0 != "." }) })
            let exp = expected[name]
            XCTAssertEqual(violations.isEmpty, exp?["valid"] == .bool(true), "\(name) : verdict différent de jsonschema (\(violations.map(\.message)))")
            XCTAssertEqual(fields, Set(exp?["fields"]?.arrayValue?.compactMap(\.stringValue) ?? []), "\(name) : champs en faute différents de jsonschema")
        }
    }
}
