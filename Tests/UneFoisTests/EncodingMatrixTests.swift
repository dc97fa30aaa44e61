import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// One standard (mednum) table written in every encoding × separator × line ending unefois
/// reads must publish the same places, byte for byte, with the same issues on the same lines.
final class EncodingMatrixTests: XCTestCase {
    enum Encoding: String, CaseIterable { case utf8, utf8BOM, windows1252, utf16LEBOM }
    static let separators: [(name: String, char: String)] = [("semicolon", ";"), ("comma", ","), ("tab", "\t"), ("pipe", "|")]
    static let lineEnds: [(name: String, text: String)] = [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")]

    static let header = ["id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "latitude", "longitude", "presentation_resume", "date_maj"]
    /// Rows as cells. Row 1 has accents, typographic quotes and apostrophes, a cell holding every
    /// candidate separator and a cell holding a newline (so it spans physical lines 2-3); row 2
    /// (physical line 4) has a bad postal code that must be reported on line 4 in every variant.
    static let rows: [[String]] = [
        ["lmv-a", "26308207598308", "Médiathèque « L’Œuvre » à Cavaillon", "Cavaillon", "84300", "84035",
         "27 avenue du Pont-de-Durance, façade est", "43.834540", "5.040412",
         "Ateliers ; ordinateurs, tablettes\tet | téléphones\nœuvres numériques à réaliser", "2025-03-19"],
        ["lmv-b", "00000000000000", "Espace numérique de Mérindol", "Mérindol", "843", "84074",
         "9 rue du Vieux-Moulin", "43.7538", "5.2038", "Aide aux démarches", "2025-01-21"],
        ["lmv-c", "00000000000000", "Point d’accès « Lauris »", "Lauris", "84360", "84065",
         "15 boulevard des Jardins-Suspendus", "", "", "Accès libre", "2025-02-02"],
    ]

    static func text(separator: String, lineEnd: String) -> String {
        func cell(_ v: String) -> String {
            let needsQuotes = v.contains(separator) || v.contains("\"") || v.contains("\n") || v.contains("\r")
            let body = v.replacingOccurrences(of: "\n", with: lineEnd)
            return needsQuotes ? "\"" + body.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : body
        }
        return ([header] + rows).map { $0.map(cell).joined(separator: separator) }.joined(separator: lineEnd) + lineEnd
    }

    static func bytes(_ text: String, _ encoding: Encoding) throws -> [UInt8] {
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .windows1252:
            // Windows-1252 has all of é à ç œ ’ « »; written by hand so no platform codec is involved.
            var out: [UInt8] = []
            for s in text.unicodeScalars {
                if s.value < 0x80 || (0xA0...0xFF).contains(s.value) { out.append(UInt8(s.value)); continue }
                guard let i = TextEncoding.cp1252High.firstIndex(of: s.value) else { throw XCTSkip("no Windows-1252 byte for \(s)") }
                out.append(UInt8(0x80 + i))
            }
            return out
        case .utf16LEBOM:
            var out: [UInt8] = [0xFF, 0xFE]
            for u in text.utf16 { out.append(UInt8(u & 0xFF)); out.append(UInt8(u >> 8)) }
            return out
        }
    }

    struct Outcome: Equatable {
        var lieuxCSV: [UInt8]
        var issues: [String]
        var records: [[String]]
    }

    func run(_ data: [UInt8], in dir: URL) throws -> Outcome {
        let path = dir.appendingPathComponent("lieux-source.csv")
        try Data(data).write(to: path)
        // The reader's records: values must be identical too, not only what is published.
        let records: [[String]] = try data.withUnsafeBytes { buf in
            let t = try CSVTableReader.read(bytes: buf, options: CSVReadOptions(), source: "s", file: "f")
            // A quoted newline is kept as the file wrote it (CRLF, CR or LF): compared as LF.
            return t.records.map { r in
                ["\(r.line)"] + r.values.map { ($0.text ?? "∅").replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") }
            }
        }
        var configuration = Configuration()
        configuration.sources = [SourceSpec(nom: "matrice", format: "mednum", chemin: path.path)]
        let result = try Pipeline(configuration: configuration, schemasPath: TestSupport.schemasPath).run()
        let csv = Publisher(result: result).lieuxCSV()
        let issues = result.issues.map { "\($0.code)@\($0.line.map(String.init) ?? "-")#\($0.field ?? "")" }.sorted()
        return Outcome(lieuxCSV: csv, issues: issues, records: records)
    }

    func testAll48CombinationsPublishTheSamePlacesWithTheSameIssueLines() throws {
        let dir = try TestSupport.temporaryDirectory(self, "matrix")
        var reference: (name: String, outcome: Outcome)?
        var combinations = 0
        for encoding in Encoding.allCases {
            for sep in Self.separators {
                for end in Self.lineEnds {
                    let name = "\(encoding.rawValue)-\(sep.name)-\(end.name)"
                    let sub = dir.appendingPathComponent(name)
                    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
                    let outcome = try run(try Self.bytes(Self.text(separator: sep.char, lineEnd: end.text), encoding), in: sub)
                    combinations += 1
                    // The planted bad postal code (row 2) is on physical line 4 everywhere.
                    XCTAssertTrue(outcome.issues.contains("constraint-error@4#code_postal"), "\(name): \(outcome.issues)")
                    XCTAssertEqual(outcome.records.map { $0[0] }, ["2", "4", "5"], "\(name): physical lines of the records")
                    guard let ref = reference else {
                        reference = (name, outcome)
                        // Sanity check of the reference itself: the accents and the quoted cells survived.
                        let published = String(decoding: outcome.lieuxCSV, as: UTF8.self)
                        XCTAssertTrue(published.contains("Médiathèque « L’Œuvre » à Cavaillon"), published)
                        XCTAssertTrue(published.contains("façade est"), published)
                        XCTAssertEqual(outcome.records[0][10], Self.rows[0][9])
                        continue
                    }
                    XCTAssertEqual(outcome.records, ref.outcome.records, "\(name) vs \(ref.name): source records differ")
                    XCTAssertEqual(outcome.issues, ref.outcome.issues, "\(name) vs \(ref.name): issues differ")
                    if outcome.lieuxCSV != ref.outcome.lieuxCSV {
                        XCTFail("\(name) vs \(ref.name): lieux.csv differs:\n\(String(decoding: outcome.lieuxCSV, as: UTF8.self))\n---\n\(String(decoding: ref.outcome.lieuxCSV, as: UTF8.self))")
                    }
                }
            }
        }
        XCTAssertEqual(combinations, 48)
    }
}
