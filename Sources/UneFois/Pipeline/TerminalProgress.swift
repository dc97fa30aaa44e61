import Foundation
import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
/// Progress for a person at a terminal: one live line per stage (the source being read with
/// its share done, records, rate and time left; consolidation; each file written; the report),
/// redrawn at most ten times a second, with the elapsed time ticking every second on stages that
/// report no progress of their own, and erased at the end. Used only when standard error is a
/// terminal, so cron mails never see it.
public final class TerminalProgress: RunObserver, @unchecked Sendable {
    private let console: StderrConsole
    private let clock: () -> Double
    // State shared with the ticker thread, under `lock`.
    private let lock = ThreadLock()
    private var stageStart = 0.0
    private var lastDraw = 0.0
    private var total = 0
    private var current: RunStage?
    private var label = ""
    private var drawnProgress = false
    /// The stage's last counts, redrawn by the ticker with the time elapsed.
    private var lastBytes = 0
    private var lastRecords = 0
    private var ticking: Bool
    private var finished = false

    /// `clock` gives seconds (monotonic); tests pass a fake one and `ticking: false`.
    public init(console: StderrConsole, clock: @escaping () -> Double = RunClock.now, ticking: Bool = true) {
        self.console = console
        self.clock = clock
        self.ticking = ticking
    }

    public func observe(_ event: RunEvent) {
        lock.withLock { observeLocked(event) }
    }

    private func observeLocked(_ event: RunEvent) {
        switch event {
        case .runStarted(let sources, _, let essai):
            console.live(essai ? "Essai : \(sources.count) sources…" : "Démarrage : \(sources.count) sources…")
            if ticking { startTicker() }
        case .stageStarted(let stage, let totalBytes):
            current = stage
            total = totalBytes
            stageStart = clock()
            lastDraw = stageStart
            drawnProgress = false
            lastBytes = 0
            lastRecords = 0
            label = Self.label(stage)
            console.live(label + (totalBytes > 0 ? " (\(Self.bytes(totalBytes)))…" : "…"))
        case .progress(let stage, let bytes, _, let records):
            guard stage == current else { return }
            lastBytes = bytes
            lastRecords = records
            let now = clock()
            guard now - lastDraw >= 0.1 || !drawnProgress else { return }
            lastDraw = now
            drawnProgress = true
            console.live(line(bytes: bytes, records: records, elapsed: now - stageStart))
        case .stageFinished, .sourceFinished, .issue, .decision:
            return
        case .runFinished:
            finished = true
            console.finish()
        }
    }

    /// Redraws the current stage once a second when nothing else did, so a long stage without
    /// progress events (consolidation, writing the SQLite files) still shows time passing.
    private func startTicker() {
        let thread = Thread { [self] in
            while true {
                sleep(1)
                let done: Bool = lock.withLock {
                    if finished { return true }
                    let now = clock()
                    if current != nil, now - lastDraw >= 0.9, now - stageStart >= 1 {
                        lastDraw = now
                        console.live(line(bytes: lastBytes, records: lastRecords, elapsed: now - stageStart))
                    }
                    return false
                }
                if done { return }
            }
        }
        thread.start()
    }

    /// The live line of a stage in progress: label, share done, records, rate, time left (on
    /// long stages) or time elapsed, in that order so a narrow terminal cuts the least useful.
    func line(bytes: Int, records: Int, elapsed: Double) -> String {
        var parts: [String] = []
        if total > 0, bytes > 0 { parts.append("\(min(99, bytes * 100 / total)) %") }
        if records > 0 {
            parts.append(current == .consolidation ? "\(Self.count(records)) lieux" : "\(Self.count(records)) enreg.")
            if elapsed >= 0.5, current != .consolidation { parts.append("\(Self.count(Int(Double(records) / elapsed)))/s") }
        }
        // Time left: only once the stage has run long enough for the rate to mean something.
        if total > 0, bytes > 0, bytes < total, elapsed >= 2 {
            parts.append("reste \(Self.duration(elapsed * Double(total - bytes) / Double(bytes)))")
        } else if elapsed >= 1 {
            parts.append(Self.duration(elapsed))
        }
        if total > 0, bytes > 0 { parts.append("\(Self.bytes(bytes)) sur \(Self.bytes(total))") }
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
