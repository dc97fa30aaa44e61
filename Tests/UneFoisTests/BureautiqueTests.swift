import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// `lieux-bureautique.csv` (for a spreadsheet: BOM, `;`, formula-like cells neutralised) and the
/// standard's CSV under the hub's recommended name.
final class BureautiqueTests: XCTestCase {
    static let formula = "=HYPERLINK(\"https://exemple.invalid\";\"Cliquez\")"

    /// Publishes the national sample with a formula as a place's name.
    func publishWithFormula() throws -> URL {
        let dir = try TestSupport.temporaryDirectory(self, "bureautique")
        var csv = try String(contentsOf: TestSupport.samplesDirectory.appendingPathComponent("national/cartographie-nationale-lmv.csv"), encoding: .utf8)
        csv = csv.replacingOccurrences(of: "\"Médiathèque La Durance\"", with: "\"" + Self.formula.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        let source = try TestSupport.write(csv, to: "national.csv", in: dir)
        let r = try TestSupport.runCLI(["run", "--source", "mednum:" + source, "--out", dir.path + "/out"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return dir.appendingPathComponent("out")
    }

    func testOfficeCopyHasBOMSemicolonsAndNeutralisedFormulasAndTheOpenDataFileIsUntouched() throws {
        let out = try publishWithFormula()
        let office = try Data(contentsOf: out.appendingPathComponent("lieux-bureautique.csv"))
        XCTAssertEqual(Array(office.prefix(3)), [0xEF, 0xBB, 0xBF])
        let text = String(decoding: office.dropFirst(3), as: UTF8.self)
        let lines = text.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("\"id\";\"pivot\";\"nom\";"), String(lines[0]))
        XCTAssertTrue(text.contains("\"'=HYPERLINK(\"\"https://exemple.invalid\"\";\"\"Cliquez\"\")\""), text)
        XCTAssertTrue(text.contains("\"'+33490995102\""))
        // The open-data file keeps the value as it is (flagged in rejets.csv, never altered).
        let open = TestSupport.csvRows(try Data(contentsOf: out.appendingPathComponent("lieux.csv")))
        XCTAssertTrue(open.contains { $0[2] == Self.formula })
        XCTAssertTrue(open.contains { $0[11] == "+33490995102" })
        // Same rows and cells once the neutralising quote is taken off.
        let officeRows = office.dropFirst(3).withUnsafeBytes { buf -> [[String]] in
            var scanner = CSVScanner(bytes: buf, separator: UInt8(ascii: ";"))
            var record = CSVRecord()
            var rows: [[String]] = []
            while scanner.next(into: &record) { rows.append(record.fields.map { scanner.string($0, encoding: .utf8) }) }
            return rows
        }
        XCTAssertEqual(officeRows.map { $0.map { $0.hasPrefix("'") ? String($0.dropFirst()) : $0 } }, open)
    }

    /// LibreOffice opens it as 32 columns and evaluates no formula, even with « evaluate
    /// formulas » switched on (a control cell shows the option works).
    func testLibreOfficeOpensTheOfficeCopyAsColumnsWithNoFormula() throws {
        guard let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("LibreOffice (soffice) not installed")
        }
        let out = try publishWithFormula()
        let work = try TestSupport.temporaryDirectory(self, "soffice")
        // The control: the same formula unprotected, which LibreOffice must evaluate.
        try Data([0xEF, 0xBB, 0xBF] + Array("\"id\";\"x\"\n\"t\";\"=1+1\"\n".utf8)).write(to: work.appendingPathComponent("temoin.csv"))
        try FileManager.default.copyItem(at: out.appendingPathComponent("lieux-bureautique.csv"), to: work.appendingPathComponent("lieux-bureautique.csv"))
        for name in ["temoin.csv", "lieux-bureautique.csv"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: soffice)
            // `;` separator, `"` quotes, UTF-8, from line 1, ..., token 13: evaluate formulas.
            p.arguments = ["-env:UserInstallation=file://" + work.path + "/profil", "--headless",
                           "--infilter=CSV:59,34,76,1,,1036,false,true,false,false,false,0,true",
                           "--convert-to", "fods", "--outdir", work.path, work.appendingPathComponent(name).path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0)
        }
        let control = try Self.cells(try String(contentsOf: work.appendingPathComponent("temoin.fods"), encoding: .utf8))
        XCTAssertEqual(control.last?.last?.formula, true, "the control formula is evaluated: the option is on")
        let rows = try Self.cells(try String(contentsOf: work.appendingPathComponent("lieux-bureautique.fods"), encoding: .utf8))
        let published = TestSupport.csvRows(try Data(contentsOf: out.appendingPathComponent("lieux.csv")))
        XCTAssertEqual(rows.count, published.count)
        for row in rows {
            XCTAssertEqual(row.count, 32, "\(row.map(\.text))")
            XCTAssertFalse(row.contains { $0.formula }, "\(row.map(\.text))")
        }
        XCTAssertEqual(rows.first?.map(\.text), published.first)
        XCTAssertTrue(rows.contains { $0[2].text == "'" + Self.formula }, "the formula stays text")
    }

    /// Cells of the first sheet of a flat ODS document: text and whether it holds a formula
    /// (empty repeated cells expanded, trailing empty cells kept up to the row's width).
    static func cells(_ fods: String) throws -> [[(text: String, formula: Bool)]] {
        var rows: [[(text: String, formula: Bool)]] = []
        for rowChunk in fods.components(separatedBy: "<table:table-row").dropFirst() {
            let row = rowChunk.components(separatedBy: "</table:table-row>")[0]
            var cells: [(text: String, formula: Bool)] = []
            for cellChunk in row.components(separatedBy: "<table:table-cell").dropFirst() {
                let tagEnd = cellChunk.firstIndex(of: ">") ?? cellChunk.endIndex
                let attributes = String(cellChunk[..<tagEnd])
                var repeated = 1
                if let r = attributes.range(of: "table:number-columns-repeated=\"") {
                    repeated = Int(attributes[r.upperBound...].prefix { $0.isNumber }) ?? 1
                }
                var text = ""
                if let a = cellChunk.range(of: "<text:p>"), let b = cellChunk.range(of: "</text:p>") {
                    text = String(cellChunk[a.upperBound..<b.lowerBound])
                        .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
                }
                // LibreOffice pads rows with a huge repeat of empty cells: not columns of the file.
                if repeated > 100 { continue }
                for _ in 0..<repeated { cells.append((text, attributes.contains("table:formula="))) }
            }
            rows.append(cells)
        }
        return rows
    }

    func testHubFileNameFromTheConfigurationAndTheDataNotTheClock() throws {
        XCTAssertEqual(HubFileName.name(date: "2025-12-31", siren: "200040442", territoire: "Luberon Monts de Vaucluse"),
                       "20251231_200040442_lieux-de-mediation-numerique_LuberonMontsDeVaucluse.csv")
        XCTAssertEqual(HubFileName.territoryPart("Région Sud – Provence-Alpes-Côte d'Azur"), "RegionSudProvenceAlpesCoteDAzur")
        XCTAssertNil(HubFileName.name(date: "2025-12-31", siren: nil, territoire: "LMV"))
        XCTAssertTrue(HubFileName.isValidProducer("200040442"))
        XCTAssertFalse(HubFileName.isValidProducer("200040443"))
        XCTAssertTrue(HubFileName.matches("20251231_200040442_lieux-de-mediation-numerique_LuberonMontsDeVaucluse.csv"))
        XCTAssertFalse(HubFileName.matches("lieux.csv"))

        let dir = try TestSupport.temporaryDirectory(self, "hub")
        let out = dir.path + "/out"
        XCTAssertEqual(try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out]).status, 0)
        let name = "20251231_200040442_lieux-de-mediation-numerique_LuberonMontsDeVaucluse.csv"
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out + "/" + name)), try Data(contentsOf: URL(fileURLWithPath: out + "/lieux.csv")))
        // Another night (later reference date): the new name replaces the old one.
        let samples = dir.appendingPathComponent("samples")
        try FileManager.default.copyItem(at: TestSupport.samplesDirectory, to: samples)
        let configPath = samples.appendingPathComponent("unefois.json").path
        var config = try String(contentsOfFile: configPath, encoding: .utf8)
        config = config.replacingOccurrences(of: "\"producteur\"", with: "\"date_reference\": \"2026-01-15\", \"producteur\"")
        try config.write(toFile: configPath, atomically: false, encoding: .utf8)
        XCTAssertEqual(try TestSupport.runCLI(["run", "--config", configPath, "--out", out]).status, 0)
        let hubFiles = try FileManager.default.contentsOfDirectory(atPath: out).filter(HubFileName.matches)
        XCTAssertEqual(hubFiles, ["20260115_200040442_lieux-de-mediation-numerique_LuberonMontsDeVaucluse.csv"])

        let bad = try TestSupport.write(#"{"producteur": {"siren": "123"}, "sources": []}"#, to: "bad.json", in: dir)
        let r = try TestSupport.runCLI(["verifier", bad])
        XCTAssertEqual(r.status, 78)
        XCTAssertTrue(r.stderr.contains("« producteur.siren »"), r.stderr)
    }
}
