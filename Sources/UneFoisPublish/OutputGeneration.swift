import UneFoisCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Publishes a run's files as one generation: every new file is first written and synced under a
/// hidden staged name in the output folder (`.lieux.csv.nouveau`); only when all of them, and
/// `datapackage.json` (written last), are on disk is a marker (`.unefois-generation`) written,
/// then the staged files are renamed over the old ones, `datapackage.json` last, and the marker
/// removed.
///
/// - A failure before the marker removes the staged files: every old file stays as it was.
/// - A crash during the renames leaves the marker: the next run (under the lock) finishes the
///   renames first (``repair(directory:)``), so the folder becomes the new generation.
/// A reader can always check the folder against `datapackage.json` (bytes, `sha256:` hashes).
public final class OutputGeneration {
    /// The output folder.
    public let directory: String
    /// Fault injection for tests (full disk, crash during the renames).
    public let seam: WriteSeam
    /// Published names, in staging order.
    public private(set) var names: [String] = []
    /// True once the marker is on disk: from then on the new generation wins (the next run
    /// finishes the renames if this one cannot).
    public private(set) var markerWritten = false

    /// Name of the marker listing the renames still to do.
    public static let marker = ".unefois-generation"
    /// Suffix of a staged file.
    static let stagedSuffix = ".nouveau"

    public init(directory: String, seam: WriteSeam = WriteSeam()) {
        self.directory = directory
        self.seam = seam
    }

    /// The hidden staged path of a published name.
    public func stagedPath(_ name: String) -> String { directory + "/." + name + OutputGeneration.stagedSuffix }

    /// Stages `bytes` as the next version of `name` (written, fsynced; nothing replaced yet).
    public func stage(_ name: String, _ bytes: [UInt8]) throws {
        let (seam, path, staged) = (seam, directory + "/" + name, stagedPath(name))
        try guarded(name) {
            try seam.reserve(bytes.count, for: path)
            try AtomicFile.write(bytes, to: staged)
        }
    }

    /// Stages a file another writer builds (SQLite databases): `write` gets the staged path.
    public func stage(_ name: String, writtenBy write: (String) throws -> Void) throws {
        let (seam, path, staged) = (seam, directory + "/" + name, stagedPath(name))
        try guarded(name) {
            try write(staged)
            try seam.reserve(OutputGeneration.size(of: staged), for: path)
        }
    }

    private func guarded(_ name: String, _ body: () throws -> Void) throws {
        do {
            try body()
            names.append(name)
        } catch {
            names.append(name)
            abandon()
            let e = (error as? OperationalError) ?? OperationalError(.ioError, "Écriture impossible de \(directory)/\(name) : \(error).")
            throw OperationalError(e.kind, code: e.code, location: e.location, e.detail + " Aucun fichier publié n'a été remplacé : la publication précédente du dossier \(directory) reste entière.", remedy: e.remedy)
        }
    }

    /// Removes every staged file (nothing was replaced).
    public func abandon() {
        for n in names { FileManagerShim.remove(stagedPath(n)) }
    }

    /// Writes the marker, then renames every staged file over its published name in staging
    /// order (stage `datapackage.json` last), then removes the marker.
    public func commit() throws {
        let list = names.map { "." + $0 + OutputGeneration.stagedSuffix + "\t" + $0 }.joined(separator: "\n") + "\n"
        do {
            try AtomicFile.write(Array(list.utf8), to: directory + "/" + OutputGeneration.marker)
        } catch let e as OperationalError {
            abandon()
            throw OperationalError(e.kind, code: e.code, location: e.location, e.detail + " Aucun fichier publié n'a été remplacé : la publication précédente du dossier \(directory) reste entière.")
        }
        markerWritten = true
        for (i, n) in names.enumerated() {
            if let stop = seam.crashAfterRenames, i >= stop { throw WriteSeam.SimulatedCrash() }
            guard rename(stagedPath(n), directory + "/" + n) == 0 else {
                let err = FileManagerShim.frenchReason(errno)
                throw OperationalError(.ioError, "Publication interrompue pendant le remplacement de \(directory)/\(n) (\(err)) : une partie des fichiers est déjà nouvelle. La prochaine exécution termine la publication avant toute autre chose ; relancez unefois.")
            }
        }
        AtomicFile.syncDirectory(of: directory + "/x")
        unlink(directory + "/" + OutputGeneration.marker)
        AtomicFile.syncDirectory(of: directory + "/x")
    }

    /// Finishes a publication a crash interrupted during its renames (the marker is there) and
    /// removes staged files of a publication that never reached its marker. Call under the lock,
    /// before anything else. Returns the names it renamed (empty when there was nothing to finish).
    @discardableResult
    public static func repair(directory: String) -> [String] {
        let markerPath = directory + "/" + marker
        var done: [String] = []
        if let f = try? MappedFile(path: markerPath) {
            let text = String(decoding: f.bytes, as: UTF8.self)
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
                guard parts.count == 2, parts[0].hasPrefix("."), !parts[0].contains("/"), !parts[1].contains("/") else { continue }
                let staged = directory + "/" + parts[0]
                if FileManagerShim.exists(staged), rename(staged, directory + "/" + parts[1]) == 0 { done.append(parts[1]) }
            }
            AtomicFile.syncDirectory(of: directory + "/x")
            unlink(markerPath)
            AtomicFile.syncDirectory(of: directory + "/x")
        }
        for name in (try? FileManagerShim.list(directory)) ?? [] where name.hasPrefix(".") && name.hasSuffix(stagedSuffix) {
            FileManagerShim.remove(directory + "/" + name)
        }
        return done
    }

    static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}

/// The writer's seam for tests: a disk that fills up after `capacity` bytes (the write that
/// overflows fails as ENOSPC would), or a crash after `crashAfterRenames` renames.
public final class WriteSeam: @unchecked Sendable {
    /// Bytes the disk still accepts (nil: unlimited).
    public private(set) var capacity: Int?
    /// Stops the commit, as a `kill -9` would, after this many renames (nil: never).
    public let crashAfterRenames: Int?

    /// Thrown by a simulated crash (nothing is cleaned up).
    public struct SimulatedCrash: Error {}

    public init(capacity: Int? = nil, crashAfterRenames: Int? = nil) {
        self.capacity = capacity
        self.crashAfterRenames = crashAfterRenames
    }

    func reserve(_ bytes: Int, for path: String) throws {
        guard let c = capacity else { return }
        guard bytes <= c else {
            capacity = 0
            throw OperationalError(.ioError, "Écriture impossible de \(path) : \(FileManagerShim.frenchReason(ENOSPC)). Libérez de la place sur le disque puis relancez.")
        }
        capacity = c - bytes
    }
}
