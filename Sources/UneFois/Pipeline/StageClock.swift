import Foundation

/// Wall time and memory of each stage of a run, for `unefois bench --chaine`: a ``RunObserver``
/// that times every stage from its start to its end event. Memory is the process's resident
/// set when the stage ends and its peak so far (Linux `/proc/self/status`).
public final class StageClock: RunObserver, @unchecked Sendable {
    public struct Etape: Sendable {
        public let nom: String
        public let secondes: Double
        /// Resident memory when the stage ended, in MiB.
        public let residenteMiB: Double
        /// Peak resident memory of the process so far, in MiB.
        public let picMiB: Double
    }

    private let lock = NSLock()
    private let start: UInt64
    private var started: [String: UInt64] = [:]
    private var stages: [Etape] = []

    public init() {
        start = DispatchTime.now().uptimeNanoseconds
    }

    /// The stages recorded so far, in the order they ended.
    public var etapes: [Etape] {
        lock.lock(); defer { lock.unlock() }
        return stages
    }

    /// Seconds since the clock was created.
    public var total: Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    public func observe(_ event: RunEvent) {
        switch event {
        case .stageStarted(let stage, _):
            lock.lock(); defer { lock.unlock() }
            started[StageClock.name(stage)] = DispatchTime.now().uptimeNanoseconds
        case .stageFinished(let stage, _, _):
            let memory = StageClock.memoryMiB()
            let now = DispatchTime.now().uptimeNanoseconds
            lock.lock(); defer { lock.unlock() }
            let name = StageClock.name(stage)
            let t0 = started.removeValue(forKey: name) ?? now
            stages.append(Etape(nom: name, secondes: Double(now - t0) / 1e9, residenteMiB: memory.resident, picMiB: memory.peak))
        default:
            break
        }
    }

    static func name(_ stage: RunStage) -> String {
        switch stage {
        case .lecture(let source, _, _): return "lecture, normalisation, validation : \(source)"
        case .consolidation: return "consolidation (dédoublonnage, services, qualité)"
        case .ecriture(let fichier): return fichier
        case .rapport: return "rapport (calcul)"
        }
    }

    /// Resident and peak resident memory of this process in MiB (0 where /proc is absent).
    public static func memoryMiB() -> (resident: Double, peak: Double) {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        var resident = 0.0, peak = 0.0
        for line in s.split(separator: "\n") {
            if line.hasPrefix("VmRSS:") { resident = (line.split(separator: " ").compactMap { Double($0) }.first ?? 0) / 1024 }
            if line.hasPrefix("VmHWM:") { peak = (line.split(separator: " ").compactMap { Double($0) }.first ?? 0) / 1024 }
        }
        return (resident, peak)
    }
}
