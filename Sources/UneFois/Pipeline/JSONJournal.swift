import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
/// `--journal-format json`: one JSON object per event, on one line, for a log collector.
///
/// Every object has `horodatage` (UTC, ISO 8601) and `evenement`, one of `debut`, `etape_debut`,
/// `etape_fin`, `source`, `probleme`, `problemes_tronques`, `decision`, `fin`; the other members are
/// documented in the README (« Journal JSON »). Progress events are not written. Keys are in a
/// fixed order. At most ``maxProblemesParSource`` `probleme` events per source: the others are
/// counted per code and summed up in one `problemes_tronques` event (rejets.csv keeps them all).
public final class JSONJournal: RunObserver {
    private let console: StderrConsole
    private let start = RunClock.now()
    private var stageStart: [String: Double] = [:]
    /// Set by tests to get a fixed `horodatage`.
    var timestamp: () -> String = RunClock.timestamp
    /// `probleme` events written per source before the rest are only counted.
    public static let maxProblemesParSource = 1_000
    var maxProblemes = JSONJournal.maxProblemesParSource
    private var problemesEcrits: [String: Int] = [:]
    /// Per source, in order of first truncation: the count of events left out per code.
    private var tronques: [(source: String, codes: [String: Int])] = []

    public init(console: StderrConsole) {
        self.console = console
    }

    public func observe(_ event: RunEvent) {
        if case .issue(let i) = event {
            let n = problemesEcrits[i.source, default: 0]
            if n >= maxProblemes {
                if let k = tronques.firstIndex(where: { $0.source == i.source }) {
                    tronques[k].codes[i.code, default: 0] += 1
                } else {
                    tronques.append((i.source, [i.code: 1]))
                }
                return
            }
            problemesEcrits[i.source] = n + 1
        } else {
            flushTronques()
        }
        var m: [(String, JSONValue)] = []
        switch event {
        case .runStarted(let sources, let out, let essai):
            m = [("evenement", .string("debut")), ("sortie", .string(out)), ("essai", .bool(essai)),
                 ("sources", .array(sources.map { .string($0.nom) }))]
        case .stageStarted(let stage, let total):
            stageStart[key(stage)] = RunClock.now()
            m = [("evenement", .string("etape_debut"))] + describe(stage)
            if total > 0 { m.append(("octets_total", int(total))) }
        case .progress:
            return
        case .stageFinished(let stage, let bytes, let records):
            let t0 = stageStart.removeValue(forKey: key(stage)) ?? RunClock.now()
            m = [("evenement", .string("etape_fin"))] + describe(stage) + [
                ("duree_ms", int(Int(((RunClock.now() - t0) * 1000).rounded()))), ("octets", int(bytes)), ("enregistrements", int(records))]
        case .sourceFinished(let s):
            m = [("evenement", .string("source")), ("source", .string(s.spec.nom)), ("format", .string(s.spec.format.rawValue)),
                 ("statut", .string(s.perime != nil ? "perimee" : s.echec == nil ? "lue" : "quarantaine")), ("octets", int(s.octets)),
                 ("enregistrements", int(s.enregistrementsLus)), ("lieux", int(s.lieux)), ("activites", int(s.activites)),
                 ("suivis", int(s.suivis)), ("rejets", int(s.rejets)), ("ignores", int(s.ignores))]
            if let e = s.echec { m += [("code_sortie", int(Int(e.exitCode))), ("message", .string(e.message))] }
        case .issue(let i):
            m = [("evenement", .string("probleme")), ("severite", .string(i.severity.rawValue)), ("code", .string(i.code)),
                 ("source", .string(i.source)), ("fichier", .string(i.file)), ("ligne", i.line.map { int($0) } ?? .null),
                 ("champ", i.field.map { .string($0) } ?? .null), ("message", .string(i.message))]
        case .decision(let d):
            m = [("evenement", .string("decision")), ("decision", .string(d.code)), ("perimetre", .string(d.perimetre))]
            if let v = d.avant { m.append(("avant", int(v))) }
            if let v = d.apres { m.append(("apres", int(v))) }
            if let v = d.rang { m.append(("rang", int(v))) }
            if let v = d.dateReference { m.append(("date_reference", .string(v))) }
            m.append(("message", .string(d.message)))
        case .runFinished(let code, let summary, let counts):
            m = [("evenement", .string("fin")), ("code_sortie", int(Int(code))),
                 ("duree_ms", int(Int(((RunClock.now() - start) * 1000).rounded())))]
            m += counts.map { ($0.0, int($0.1)) }
            m.append(("resume", .string(summary)))
        }
        write(m)
    }

    private func write(_ m: [(String, JSONValue)]) {
        let object = JSONValue.object(JSONObject(members: ([("horodatage", .string(timestamp()))] + m).map { (key: $0.0, value: $0.1) }))
        var w = JSONWriter(pretty: false)
        w.write(object)
        console.line(String(decoding: w.bytes, as: UTF8.self))
    }

    /// One `problemes_tronques` event per source whose `probleme` events were cut since the last
    /// summary: `source`, `ecrits` (events written for it so far), `tronques` (left out), `codes`
    /// (left out per code, sorted by code).
    private func flushTronques() {
        for t in tronques {
            let codes = t.codes.sorted { $0.key < $1.key }
            write([("evenement", .string("problemes_tronques")), ("source", .string(t.source)),
                   ("ecrits", int(problemesEcrits[t.source, default: 0])), ("tronques", int(codes.reduce(0) { $0 + $1.value })),
                   ("codes", .object(JSONObject(members: codes.map { (key: $0.key, value: int($0.value)) })))])
        }
        tronques.removeAll()
    }

    private func int(_ v: Int) -> JSONValue { .number(String(v)) }

    private func key(_ stage: RunStage) -> String {
        switch stage {
        case .lecture(let s, _, _): return "lecture:" + s
        case .ecriture(let f): return "ecriture:" + f
        default: return stage.code
        }
    }

    private func describe(_ stage: RunStage) -> [(String, JSONValue)] {
        switch stage {
        case .lecture(let s, _, _): return [("etape", .string(stage.code)), ("source", .string(s))]
        case .ecriture(let f): return [("etape", .string(stage.code)), ("fichier", .string(f))]
        default: return [("etape", .string(stage.code))]
        }
    }
}
