import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// What a person at a terminal and a cron log see of `unefois run`: the JSON journal, progress
/// only on a terminal, `--silencieux`.
final class OperatorConsoleTests: XCTestCase {
    /// The members the README documents for each event (« Journal JSON »), beyond `horodatage`
    /// and `evenement`.
    static let documented: [String: Set<String>] = [
        "debut": ["sortie", "essai", "sources"],
        "etape_debut": ["etape"],
        "etape_fin": ["etape", "duree_ms", "octets", "enregistrements"],
        "source": ["source", "format", "statut", "octets", "enregistrements", "lieux", "activites", "suivis", "rejets", "ignores"],
        "probleme": ["severite", "code", "source", "fichier", "ligne", "champ", "message"],
        "problemes_tronques": ["source", "ecrits", "tronques", "codes"],
        "decision": ["decision", "perimetre", "message"],
        "fin": ["code_sortie", "duree_ms", "resume"],
    ]

    /// Parses every line of standard error as a JSON object with the documented members; in JSON
    /// mode the French summary is the only line of standard output.
    func journal(_ r: TestSupport.ProcessOutput, file: StaticString = #filePath, line: UInt = #line) -> (events: [[String: Any]], summary: String) {
        (events(r.stderr, file: file, line: line), r.stdout.split(separator: "\n").last.map(String.init) ?? "")
    }

    func events(_ stderr: String, file: StaticString = #filePath, line: UInt = #line) -> [[String: Any]] {
        var lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var events: [[String: Any]] = []
        for l in lines {
            guard let o = (try? JSONSerialization.jsonObject(with: Data(l.utf8))) as? [String: Any] else {
                XCTFail("not a JSON object: \(l)", file: file, line: line)
                continue
            }
            guard let kind = o["evenement"] as? String, let required = Self.documented[kind] else {
                XCTFail("unknown event: \(l)", file: file, line: line)
                continue
            }
            XCTAssertNotNil(o["horodatage"] as? String, l, file: file, line: line)
            XCTAssertEqual(required.subtracting(o.keys), [], l, file: file, line: line)
            events.append(o)
        }
        return events
    }

    func testJSONJournalEveryLineParsesWithTheDocumentedFieldsAndTheSummaryIsTheSame() throws {
        let dir = try TestSupport.temporaryDirectory(self, "journal")
        let text = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", dir.path + "/texte"])
        let json = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", dir.path + "/texte", "--journal-format", "json"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertFalse(text.stderr.contains("{\""), "the default stays French lines")
        let (events, summary) = journal(json)
        XCTAssertEqual(json.stdout, summary + "\n", "in JSON mode the summary is the only line of standard output")
        XCTAssertEqual(summary, text.stderr.split(separator: "\n").last.map(String.init), "same final summary line in both formats")
        XCTAssertEqual(text.stdout, "", "text mode: the summary stays the last line of standard error")
        XCTAssertTrue(summary.contains("lieux publiés"))

        let kinds = events.map { $0["evenement"] as! String }
        XCTAssertEqual(kinds.first, "debut")
        XCTAssertEqual(kinds.last, "fin")
        let fin = events.last!
        XCTAssertEqual(fin["code_sortie"] as? Int, 0)
        XCTAssertEqual(fin["resume"] as? String, summary)
        XCTAssertEqual(fin["lieux_publies"] as? Int, 16)

        // One `source` event per configured source, with its counts.
        let sources = events.filter { $0["evenement"] as? String == "source" }
        XCTAssertEqual(sources.map { $0["source"] as! String }, ["cartographie-nationale", "france-services", "dora", "lizmap-geojson", "lizmap-gml", "coop", "france-services-activite", "suivi-actions"])
        XCTAssertEqual(sources.first { $0["source"] as? String == "coop" }?["activites"] as? Int, 623)
        XCTAssertTrue(sources.allSatisfy { $0["statut"] as? String == "lue" })

        // Every warning and error of rejets.csv is an event, with its code and location.
        let problems = events.filter { $0["evenement"] as? String == "probleme" }
        let rejets = TestSupport.csvRows(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/texte/rejets.csv"))).dropFirst()
        let expected = rejets.filter { $0[5].hasPrefix("[erreur]") || $0[5].hasPrefix("[avertissement]") }
        XCTAssertEqual(problems.count, expected.count)
        XCTAssertEqual(Set(problems.map { "\($0["source"]!)|\($0["fichier"]!)|\(($0["ligne"] as? Int).map(String.init) ?? "")|\($0["code"]!)" }),
                       Set(expected.map { "\($0[0])|\($0[1])|\($0[2])|\($0[4])" }))
        XCTAssertTrue(problems.contains { $0["code"] as? String == "excel-serial-date" && $0["ligne"] as? Int == 31 && $0["champ"] as? String == "Date" })

        // Stage boundaries: each source read, consolidation, every published file, the report.
        let ends = events.filter { $0["evenement"] as? String == "etape_fin" }
        let written = Set(ends.compactMap { $0["fichier"] as? String })
        XCTAssertEqual(written.filter { !$0.hasPrefix("retours/") }, Set(RunJob.outputs + ["20251231_200040442_lieux-de-mediation-numerique_LuberonMontsDeVaucluse.csv"]))
        XCTAssertTrue(written.contains("retours/coop.csv") && written.contains("retours/coop.html"), "the feedback files per source are announced too")
        XCTAssertEqual(Set(ends.map { $0["etape"] as! String }), ["lecture", "consolidation", "ecriture", "rapport"])
        XCTAssertEqual(ends.first { $0["fichier"] as? String == "lieux.csv" }?["octets"] as? Int,
                       try Data(contentsOf: URL(fileURLWithPath: dir.path + "/texte/lieux.csv")).count)
    }

    func testJSONJournalOfAQuarantineAndOfABadConfiguration() throws {
        let dir = try TestSupport.temporaryDirectory(self, "journal")
        let corrupt = TestSupport.fixtureURL("gpkg/corrupt.gpkg").path
        let r = try TestSupport.runCLI(["run", "--journal-format", "json", "--source", "carte=gpkg:" + corrupt,
                                        "--source", "dora:samples/dora/dora-structures-page1.json", "--out", dir.path + "/out"])
        XCTAssertEqual(r.status, 65, r.stderr)
        let (events, summary) = journal(r)
        let carte = events.first { $0["evenement"] as? String == "source" && $0["source"] as? String == "carte" }
        XCTAssertEqual(carte?["statut"] as? String, "quarantaine")
        XCTAssertEqual(carte?["code_sortie"] as? Int, 65)
        XCTAssertTrue((carte?["message"] as? String ?? "").contains("corrupt.gpkg"))
        XCTAssertEqual(events.last?["code_sortie"] as? Int, 65)
        XCTAssertTrue(summary.contains("lieux publiés"), summary)

        let config = try TestSupport.write(#"{"sources": [{"format": "dora", "chemin": "x.json", "fichier": "y"}]}"#, to: "unefois.json", in: dir)
        let bad = try TestSupport.runCLI(["run", "--journal-format", "json", "--config", config, "--out", dir.path + "/out"])
        XCTAssertEqual(bad.status, 78, bad.stderr)
        let (badEvents, badSummary) = journal(bad)
        XCTAssertEqual(badEvents.map { $0["evenement"] as! String }, ["fin"])
        XCTAssertEqual(badEvents.last?["code_sortie"] as? Int, 78)
        XCTAssertTrue(badSummary.contains("« sources[0].fichier »"), badSummary)
        XCTAssertEqual(try TestSupport.runCLI(["run", "--journal-format", "xml"]).status, 78)
    }

    /// The README's cron line appends standard error of every night to one `.jsonl` file: every
    /// line of it is JSON, so `jq 'select(.evenement=="fin")'` reads all nights (REVIEW item 4).
    func testTwoNightsOfStandardErrorAppendedToOneFileAreAllJSON() throws {
        let dir = try TestSupport.temporaryDirectory(self, "jsonl")
        var log = ""
        var finals: [String] = []
        for night in 1...2 {
            let r = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", dir.path + "/out", "--journal-format", "json"])
            XCTAssertEqual(r.status, 0, "night \(night): \(r.stderr)")
            log += r.stderr
            finals.append(r.stdout)
        }
        // An option error of a JSON run is a `fin` event too, even before --journal-format is read.
        let bad = try TestSupport.runCLI(["run", "--inconnue", "--journal-format", "json", "--out", dir.path + "/out"])
        XCTAssertEqual(bad.status, 78)
        log += bad.stderr
        try log.write(to: dir.appendingPathComponent("unefois.jsonl"), atomically: false, encoding: .utf8)
        let lines = try String(contentsOf: dir.appendingPathComponent("unefois.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        let objects = lines.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        XCTAssertEqual(objects.filter { $0 == nil }.count, 0, "every line parses as a JSON object")
        let fins = objects.compactMap { $0 }.filter { $0["evenement"] as? String == "fin" }
        XCTAssertEqual(fins.map { $0["code_sortie"] as? Int }, [0, 0, 78])
        XCTAssertEqual(fins.prefix(2).map { ($0["resume"] as? String ?? "") + "\n" }, finals)
        XCTAssertEqual(events(bad.stderr).count, 1)
    }

    /// The stale-source and mass-change decisions are events of their own.
    func testJSONJournalCarriesTheStaleSourceAndMassChangeDecisions() throws {
        let dir = try TestSupport.temporaryDirectory(self, "decisions")
        let samples = dir.appendingPathComponent("samples")
        try FileManager.default.copyItem(at: TestSupport.samplesDirectory, to: samples)
        let config = samples.appendingPathComponent("unefois.json").path
        let out = dir.path + "/out"
        XCTAssertEqual(try TestSupport.runCLI(["run", "--config", config, "--out", out]).status, 0)

        // Tonight the GML export is missing: its last good read is published again.
        try FileManager.default.removeItem(at: samples.appendingPathComponent("lizmap/lieux-mediation.gml"))
        let stale = try TestSupport.runCLI(["run", "--journal-format", "json", "--config", config, "--out", out])
        XCTAssertEqual(stale.status, 66, stale.stderr)
        let (events, _) = journal(stale)
        let gml = events.first { $0["evenement"] as? String == "source" && $0["source"] as? String == "lizmap-gml" }
        XCTAssertEqual(gml?["statut"] as? String, "perimee")
        XCTAssertEqual(gml?["octets"] as? Int, 0, "nothing was read tonight (REVIEW item 15)")
        XCTAssertEqual(gml?["enregistrements"] as? Int, 0)
        XCTAssertEqual(gml?["lieux"] as? Int, 11, "the places published again")
        let decision = try XCTUnwrap(events.first { $0["evenement"] as? String == "decision" })
        XCTAssertEqual(decision["decision"] as? String, "source-perimee")
        XCTAssertEqual(decision["perimetre"] as? String, "lizmap-gml")
        XCTAssertEqual(decision["apres"] as? Int, 11)
        XCTAssertEqual(decision["rang"] as? Int, 1)

        // Only DORA tonight: most places would vanish, nothing is published (79) unless accepted.
        let seul = try TestSupport.write(#"{"sources": [{"nom": "dora", "format": "dora", "chemin": "dora/dora-structures-page1.json"}]}"#, to: "seul.json", in: samples)
        let refused = try TestSupport.runCLI(["run", "--journal-format", "json", "--config", seul, "--out", out])
        XCTAssertEqual(refused.status, 79, refused.stderr)
        let (refusedEvents, _) = journal(refused)
        let drops = refusedEvents.filter { $0["decision"] as? String == "baisse-refusee" }
        XCTAssertTrue(drops.contains { $0["perimetre"] as? String == "(publication)" && $0["avant"] as? Int == 16 && $0["apres"] as? Int == 10 }, "\(drops)")
        XCTAssertTrue(drops.contains { $0["perimetre"] as? String == "cartographie-nationale" && $0["apres"] as? Int == 0 })
        XCTAssertEqual(refusedEvents.last?["code_sortie"] as? Int, 79)
        let accepted = try TestSupport.runCLI(["run", "--journal-format", "json", "--accepter-baisse", "--config", seul, "--out", out])
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        XCTAssertTrue(journal(accepted).events.contains { $0["decision"] as? String == "baisse-acceptee" && $0["perimetre"] as? String == "(publication)" })
    }

    func testProgressOnATerminalOnly() throws {
        let dir = try TestSupport.temporaryDirectory(self, "progress")
        let tty = try TestSupport.runCLIOnTerminal(["run", "--config", "samples/unefois.json", "--out", dir.path + "/a"])
        XCTAssertEqual(tty.status, 0, tty.terminal)
        XCTAssertTrue(tty.terminal.contains("\r\u{1B}[K[1/8] Lecture de « cartographie-nationale »"), tty.terminal)
        XCTAssertTrue(tty.terminal.contains("Consolidation"), tty.terminal)
        XCTAssertTrue(tty.terminal.contains("Écriture de lieux.gpkg"), tty.terminal)
        XCTAssertTrue(tty.terminal.contains("Rapport d'indicateurs"), tty.terminal)
        // The live line is erased before the summary, which is then the only line left.
        let lastErase = try XCTUnwrap(tty.terminal.range(of: "\r\u{1B}[K", options: .backwards))
        XCTAssertTrue(tty.terminal[lastErase.upperBound...].hasPrefix("unefois : 16 lieux publiés"), tty.terminal)

        let pipe = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", dir.path + "/b"])
        XCTAssertEqual(pipe.status, 0)
        XCTAssertFalse(pipe.stderr.contains("\u{1B}"), pipe.stderr)
        XCTAssertFalse(pipe.stderr.contains("Lecture de"), pipe.stderr)

        let quiet = try TestSupport.runCLIOnTerminal(["run", "--silencieux", "--config", "samples/unefois.json", "--out", dir.path + "/c"])
        XCTAssertEqual(quiet.status, 0)
        XCTAssertFalse(quiet.terminal.contains("\u{1B}"), quiet.terminal)
        XCTAssertTrue(quiet.terminal.hasPrefix("unefois : 16 lieux publiés"), quiet.terminal)
    }

    func testProgressLineShowsRateAndTimeLeftOnALongStage() {
        let console = StderrConsole(capture: true)
        var now = 100.0
        let progress = TerminalProgress(console: console, clock: { now }, ticking: false)
        let stage = RunStage.lecture(source: "dora", index: 2, count: 3)
        progress.observe(.stageStarted(stage, totalBytes: 40 * 1024 * 1024))
        now += 4
        progress.observe(.progress(stage, bytes: 10 * 1024 * 1024, totalBytes: 0, records: 120_000))
        progress.observe(.runFinished(exitCode: 0, summary: "", counts: []))
        let text = String(decoding: console.captured!, as: UTF8.self)
        XCTAssertTrue(text.contains("[2/3] Lecture de « dora » : 25 % · 120 000 enreg. · 30 000/s · reste 12 s · 10,0 Mo sur 40,0 Mo"), text)
        // A stage without progress events shows the time elapsed.
        progress.observe(.stageStarted(.ecriture(fichier: "unefois.sqlite"), totalBytes: 0))
        now += 12
        XCTAssertEqual(progress.line(bytes: 0, records: 0, elapsed: 12), "Écriture de unefois.sqlite : 12 s")
        XCTAssertTrue(text.hasSuffix("\r\u{1B}[K"), "erased at the end")
        XCTAssertEqual(TerminalProgress.duration(125), "2 min 05 s")
    }
}
