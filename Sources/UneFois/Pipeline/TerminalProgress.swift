import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
/// Progress for a person at a terminal: one live line per stage (the source being read with
/// bytes, records, rate and time left; consolidation; each file written; the report), redrawn
/// at most ten times a second and erased at the end. Used only when standard error is a
/// terminal, so cron mails never see it.
public final class TerminalProgress: RunObserver {
    private let console: StderrConsole
    private var stageStart = 0.0
    private var lastDraw = 0.0
    private var total = 0
    private var current: RunStage?
    private var label = ""
    private var drawnProgress = false
    private let clock: () -> Double

    /// `clock` gives seconds (monotonic); tests pass a fake one.
    public init(console: StderrConsole, clock: @escaping () -> Double = RunClock.now) {
        self.console = console
        self.clock = clock
    }

    public func observe(_ event: RunEvent) {
        switch event {
        case .runStarted(let sources, _, let essai):
            console.live(essai ? "Essai : \(sources.count) sources…" : "Démarrage : \(sources.count) sources…")
        case .stageStarted(let stage, let totalBytes):
            current = stage
            total = totalBytes
            stageStart = clock()
            lastDraw = stageStart
            drawnProgress = false
            label = Self.label(stage)
            console.live(label + (totalBytes > 0 ? " : \(Self.bytes(totalBytes))…" : "…"))
        case .progress(let stage, let bytes, _, let records):
            guard stage == current else { return }
            let now = clock()
            guard now - lastDraw >= 0.1 || !drawnProgress else { return }
            lastDraw = now
            drawnProgress = true
            console.live(line(bytes: bytes, records: records, elapsed: now - stageStart))
        case .stageFinished, .sourceFinished, .issue:
            return
        case .runFinished:
            console.finish()
        }
    }

    /// The live line of a stage in progress.
    func line(bytes: Int, records: Int, elapsed: Double) -> String {
        var parts: [String] = []
        if bytes > 0 { parts.append(total > 0 ? "\(Self.bytes(bytes)) sur \(Self.bytes(total))" : Self.bytes(bytes)) }
        if records > 0 {
            parts.append(current == .consolidation ? "\(Self.count(records)) lieux" : "\(Self.count(records)) enregistrements")
            if elapsed >= 0.5 { parts.append("\(Self.count(Int(Double(records) / elapsed))) par seconde") }
        }
        // Time left: only once the stage has run long enough for the rate to mean something.
        if total > 0, bytes > 0, bytes < total, elapsed >= 2 {
            let left = elapsed * Double(total - bytes) / Double(bytes)
            parts.append("reste environ \(Self.duration(left))")
        }
        return label + (parts.isEmpty ? "…" : " : " + parts.joined(separator: " · "))
    }

    static func label(_ stage: RunStage) -> String {
        switch stage {
        case .lecture(let s, let i, let n): return "[\(i)/\(n)] Lecture de « \(s) »"
        case .consolidation: return "Consolidation (doublons, identifiants, qualité)"
        case .ecriture(let f): return "Écriture de \(f)"
        case .rapport: return "Rapport d'indicateurs"
        }
    }

    /// `1 234 567` (French thousands separator, a space).
    static func count(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(" ") }
            out.append(c)
        }
        return out
    }

    /// `812 o`, `12,3 Ko`, `45,6 Mo`, `1,2 Go`.
    static func bytes(_ n: Int) -> String {
        let units = ["o", "Ko", "Mo", "Go"]
        var v = Double(n)
        var u = 0
        while v >= 1024, u < units.count - 1 { v /= 1024; u += 1 }
        if u == 0 { return "\(n) o" }
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10),\(tenths % 10) \(units[u])"
    }

    /// `8 s`, `2 min 05 s`.
    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded(.up))
        if t < 60 { return "\(t) s" }
        let sec = t % 60
        return "\(t / 60) min \(sec < 10 ? "0" : "")\(sec) s"
    }
}
