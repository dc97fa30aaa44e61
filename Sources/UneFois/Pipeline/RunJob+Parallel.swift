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
        let staged = jobs.map { $0.names.map(generation.stagedPath) }
        let errors = ErrorSlots(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let job = jobs[i]
            let paths = staged[i]
            do {
                if let stage = job.stage { locked?.observe(.stageStarted(stage, totalBytes: 0)) }
                for n in job.names { locked?.observe(.stageStarted(.ecriture(fichier: n), totalBytes: 0)) }
                try job.write(paths)
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

    /// Size and SHA-256 of every staged file, in staging order (hashed on every core).
    func stagedFacts() throws -> [(name: String, bytes: Int, sha256: String)] {
        let names = generation.names
        let paths = names.map(generation.stagedPath)
        let results = FactSlots(count: names.count)
        let errors = ErrorSlots(count: names.count)
        DispatchQueue.concurrentPerform(iterations: names.count) { i in
            do {
                let f = try MappedFile(path: paths[i])
                results.set(i, (f.bytes.count, SHA256.hex(f.bytes)))
            } catch {
                errors.set(i, error)
            }
        }
        if let (_, error) = errors.first { throw error }
        return names.enumerated().map { (i, n) in (n, results.slots[i]!.0, results.slots[i]!.1) }
    }

    /// Writes a file as `body` produces it, chunk by chunk, and syncs it.
    static func stream(_ path: String, _ body: (([UInt8]) throws -> Void) throws -> Void) throws {
        let sink = try FileSink(path: path)
        try body(sink.write)
        try sink.finish()
    }

    /// Writes `bytes` to `path` and syncs it.
    static func write(_ bytes: [UInt8], to path: String) throws {
        try stream(path) { try $0(bytes) }
    }
}

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

/// Size and hash of each staged file, by index.
final class FactSlots: @unchecked Sendable {
    private(set) var slots: [(Int, String)?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ i: Int, _ v: (Int, String)) {
        lock.lock()
        slots[i] = v
        lock.unlock()
    }
}
