#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on `DOSSIER/.unefois.lock` so that two nightly runs never write the same
/// output folder at once. The kernel releases it when the process ends, even after `kill -9`.
public final class RunLock {
    private let fd: Int32

    /// Takes the lock without waiting; throws `.locked` (exit 75) if another run holds it.
    public init(directory: String) throws {
        let path = directory + "/.unefois.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OperationalError(.cannotCreate, "Impossible de créer le verrou \(path) : \(FileManagerShim.frenchReason(errno)).")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            throw OperationalError(.locked, "Une autre exécution d'unefois utilise déjà le dossier \(directory) (verrou \(path)). Attendez sa fin puis relancez.")
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
