#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UneFoisCore
import UneFoisModel
import UneFoisPublish

/// Keeping each source's last good files (``DernierBon``) in the output folder, under
/// `.unefois-derniers-bons/`, and the mass-change guard that refuses to publish a night that
/// loses too many places.
extension RunJob {
    /// Folder (inside the output folder) of the kept copies.
    static let copiesFolder = ".unefois-derniers-bons"

    /// The earlier runs' last good reads whose copies are all still there, with absolute paths.
    static func availableCopies(_ previous: [String: DernierBon], out: String) -> [String: DernierBon] {
        var found: [String: DernierBon] = [:]
        for (nom, bon) in previous {
            var b = bon
            b.copies = bon.copies.map { out + "/" + $0 }
            if !b.copies.isEmpty, b.copies.allSatisfy({ FileManagerShim.exists($0) }) { found[nom] = b }
        }
        return found
    }

    /// Tonight's last good reads: sources read tonight (their files copied unless the same
    /// fingerprint is already kept), stale sources carried over, and the sources of the
    /// configuration that failed without a kept copy have none.
    /// Returns them (`kept`, for the state) and the copy folders made tonight (`made`, to remove
    /// if the publication fails before its renames).
    static func keepGoodReads(_ result: RunResult, previous: [String: DernierBon], out: String) -> (kept: [DernierBon], made: [String]) {
        var made: [String] = []
        let rang = result.executions.last?.rang ?? 1
        var kept: [DernierBon] = []
        for s in result.sources {
            if s.perime != nil, let before = previous[s.spec.nom] {
                kept.append(before)
                continue
            }
            guard s.echec == nil, !s.empreinte.isEmpty else { continue }
            let fichiers = s.spec.chemins.map { FileManagerShim.fileName($0) }
            if let before = previous[s.spec.nom], before.empreinte == s.empreinte, before.copies.allSatisfy({ FileManagerShim.exists(out + "/" + $0) }) {
                kept.append(DernierBon(source: s.spec.nom, empreinte: s.empreinte, rang: rang, dateReference: result.dateReference, lieux: s.lieux, copies: before.copies, fichiers: before.fichiers))
                continue
            }
            let folder = copiesFolder + "/" + safeName(s.spec.nom) + "-" + s.empreinte
            made.append(out + "/" + folder)
            var copies: [String] = []
            var hashes: [String] = []
            var ok = true
            for (i, path) in s.spec.chemins.enumerated() {
                let rel = folder + "/\(i + 1)-" + safeName(FileManagerShim.fileName(path))
                guard let h = copy(path, to: out + "/" + rel) else { ok = false; break }
                copies.append(rel)
                hashes.append(h)
            }
            // The export may have been replaced between the read and the copy: keep a copy only of
            // exactly what was read.
            if ok, StableHash.hex(ofFileHashes: hashes) == s.empreinte {
                kept.append(DernierBon(source: s.spec.nom, empreinte: s.empreinte, rang: rang, dateReference: result.dateReference, lieux: s.lieux, copies: copies,
                                       fichiers: fichiers))
            } else {
                FileManagerShim.remove(out + "/" + folder)
                if let before = previous[s.spec.nom] { kept.append(before) }
            }
        }
        return (kept, made)
    }

    /// Removes the kept copies the state just published no longer names.
    static func pruneCopies(out: String, keep: [DernierBon]) {
        let used = Set(keep.flatMap { $0.copies.compactMap { $0.split(separator: "/").dropFirst().first.map(String.init) } })
        for name in (try? FileManagerShim.list(out + "/" + copiesFolder)) ?? [] where !used.contains(name) {
            FileManagerShim.remove(out + "/" + copiesFolder + "/" + name)
        }
    }

    static func safeName(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }).replacingOccurrences(of: "..", with: "_")
    }

    /// Copies a regular file (streamed through a ``FileSink``: direct I/O where the file system
    /// allows it, synced, renamed into place), returning the ``StableHash`` of its bytes; nil on
    /// failure.
    static func copy(_ from: String, to path: String) -> String? {
        guard let src = try? MappedFile(path: from) else { return nil }
        guard (try? FileManagerShim.createDirectory(FileManagerShim.directory(of: path))) != nil else { return nil }
        let tmp = AtomicFile.temporaryPath(for: path)
        var h = StableHash()
        do {
            let sink = try FileSink(path: tmp, capacity: 8 << 20, hashing: false)
            // Read as the fingerprint was (each chunk's pages released once copied).
            try src.forEachChunk { chunk in
                h.combine(bytes: chunk)
                try sink.write(chunk)
            }
            try sink.finish()
            try AtomicFile.commit(temporary: tmp, to: path)
        } catch {
            unlink(tmp)
            return nil
        }
        return h.hex
    }
}
