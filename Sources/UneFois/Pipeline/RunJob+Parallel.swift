import Foundation
import UneFoisCore
import UneFoisModel
import UneFoisPublish

extension RunJob.Steps {
    /// One or more published files written by one job: `write` gets their staged paths, in the
    /// order of `names`.
    struct Job: @unchecked Sendable {
        let names: [String]
        let write: ([String]) throws -> Void
        /// A stage announced around the job besides the writing of its files (the report).
        var stage: RunStage?

        init(_ names: [String], stage: RunStage? = nil, _ write: @escaping ([String]) throws -> Void) {
            self.names = names
            self.stage = stage
            self.write = write
        }
    }

    /// Runs independent writing jobs on every core (each job on one thread: its bytes do not
    /// depend on the scheduling; longest first), then stages their files in `order` — the order
    /// of the generation and of `datapackage.json` stays the same whatever ran first. A failing
    /// job removes every file of the batch and abandons the generation (nothing is replaced).
    func parallel(_ jobs: [Job], order: [String]) throws {
        let locked = observer.map(SerialObserver.init)
        let generation = self.generation
        let facts = self.facts
        let staged = jobs.map { $0.names.map(generation.stagedPath) }
        let errors = ErrorSlots(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let job = jobs[i]
            let paths = staged[i]
            do {
                if let stage = job.stage { locked?.observe(.stageStarted(stage, totalBytes: 0)) }
                for n in job.names { locked?.observe(.stageStarted(.ecriture(fichier: n), totalBytes: 0)) }
                try job.write(paths)
                // Files the job did not hash as it wrote them (SQLite databases) are hashed here,
                // on this job's core, while they are still in the page cache.
                for p in paths where facts.get(p) == nil { facts.set(p, try Self.hash(p)) }
                if let stage = job.stage { locked?.observe(.stageFinished(stage, bytes: 0, records: 0)) }
                for (n, p) in zip(job.names, paths) {
                    locked?.observe(.stageFinished(.ecriture(fichier: n), bytes: Pipeline.fileSize(p), records: 0))
                }
            } catch {
                errors.set(i, error)
            }
        }
        if let (i, error) = errors.first {
            for job in jobs { for n in job.names { FileManagerShim.remove(generation.stagedPath(n)) } }
            try generation.stage(jobs[i].names[0]) { _ in throw error }
        }
        assert(Set(order) == Set(jobs.flatMap(\.names)) && order.count == jobs.flatMap(\.names).count)
        do {
            for n in order { try generation.stage(n) { _ in } }  // already written: registered, measured
        } catch {
            for n in order { FileManagerShim.remove(generation.stagedPath(n)) }
            throw error
        }
    }

    /// Size and SHA-256 of every staged file, in staging order: recorded when the file was
    /// written, else (a file staged outside ``parallel(_:order:)``) read and hashed now.
    func stagedFacts() throws -> [(name: String, bytes: Int, sha256: String)] {
        try generation.names.map { n in
            let p = generation.stagedPath(n)
            let f = try facts.get(p) ?? Self.hash(p)
            return (n, f.bytes, f.sha256)
        }
    }

    /// Size and SHA-256 of a written file, its pages released as they are hashed (hashing the
    /// whole mapping of the 500 MB state at 300k places added as much to the run's peak RSS).
    static func hash(_ path: String) throws -> FileFacts {
        let f = try MappedFile(path: path)
        return (f.bytes.count, f.sha256())
    }

    /// Writes a file as `body` produces it, chunk by chunk, syncs it, and records its size and
    /// hash (computed as it was written).
    func stream(_ path: String, _ body: (([UInt8]) throws -> Void) throws -> Void) throws {
        let sink = try FileSink(path: path)
        try body(sink.write)
        try finish(sink)
    }

    /// Finishes a sink and records the size and hash of its file.
    func finish(_ sink: FileSink) throws {
        facts.set(sink.path, try sink.finish())
    }

    /// Writes `bytes` to `path`, syncs it, and records its size and hash.
    func write(_ bytes: [UInt8], to path: String) throws {
        try stream(path) { try $0(bytes) }
    }

    /// Writes rendered files to `paths` (one per name, in order): each `Rendu` gets the sinks of
    /// its files at once (the annuaire writes its Markdown and HTML side by side).
    func write(_ rendus: [Rendus.Rendu], to paths: [String]) throws {
        precondition(rendus.map(\.noms.count).reduce(0, +) == paths.count)
        var k = 0
        for rendu in rendus {
            let sinks = try paths[k..<k + rendu.noms.count].map { try FileSink(path: $0) }
            try rendu.write(sinks.map { $0.write })
            try sinks.forEach(finish)
            k += rendu.noms.count
        }
    }
}

/// Size and SHA-256 (hex) of a staged file, for `datapackage.json`.
typealias FileFacts = (bytes: Int, sha256: String)

/// Passes events to an observer one at a time (observers are written for one thread).
final class SerialObserver: RunObserver, @unchecked Sendable {
    private let base: any RunObserver
    private let lock = NSLock()

    init(_ base: any RunObserver) {
        self.base = base
    }

    func observe(_ event: RunEvent) {
        lock.lock()
        defer { lock.unlock() }
        base.observe(event)
    }
}

/// The first error of each parallel job, by index.
final class ErrorSlots: @unchecked Sendable {
    private var slots: [Error?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ i: Int, _ e: Error) {
        lock.lock()
        slots[i] = e
        lock.unlock()
    }

    /// The failing job with the smallest index (deterministic whatever failed first).
    var first: (Int, Error)? {
        lock.lock()
        defer { lock.unlock() }
        guard let i = slots.firstIndex(where: { $0 != nil }) else { return nil }
        return (i, slots[i]!)
    }
}

/// Size and hash of each staged file, by staged path, recorded by the job that wrote it.
final class FactStore: @unchecked Sendable {
    private var facts: [String: FileFacts] = [:]
    private let lock = NSLock()

    func set(_ path: String, _ f: FileFacts) {
        lock.lock()
        facts[path] = f
        lock.unlock()
    }

    func get(_ path: String) -> FileFacts? {
        lock.lock()
        defer { lock.unlock() }
        return facts[path]
    }
}
