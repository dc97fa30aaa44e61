#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UneFoisCore
import UneFoisModel
import UneFoisPublish

/// A corrupt or lost state is never silently replaced: the ids, the journal and the last good
/// reads live in `unefois.sqlite`, and starting afresh would renumber places and wipe the history.
///
/// - A state that cannot be read is moved aside as `unefois.sqlite.abime-AAAAMMJJ-HHMMSS` (kept
///   for inspection or repair) and the run stops with exit 80.
/// - A folder that holds a publication (`datapackage.json` or `lieux.csv`) but no state stops
///   with exit 80 too.
/// - `--nouvel-etat` starts a new state in both cases (the damaged file is still moved aside).
enum StateGuard {
    static func previous(path: String, out: String, configuration: Configuration) throws -> StateStore.Previous {
        let p = StateStore.previous(path: path)
        if let problem = p.problem {
            let aside = path + ".abime-" + timestamp()
            let moved = rename(path, aside) == 0
            let where_ = moved ? "Le fichier abîmé est mis de côté sous \(aside) (rien n'est écrasé)." : "Le fichier n'a pas pu être mis de côté (\(FileManagerShim.frenchReason(errno))) ; il est laissé en place."
            if configuration.nouvelEtat {
                var fresh = StateStore.Previous()
                fresh.problem = problem + ". " + where_ + " Un nouvel état est commencé (--nouvel-etat)"
                return fresh
            }
            throw OperationalError(.stateCorrupt, "L'état des nuits précédentes est illisible : \(problem). \(where_) Rien n'est publié. Restaurez unefois.sqlite depuis une sauvegarde puis relancez, ou relancez avec --nouvel-etat pour repartir d'un état vide (les lieux recevront de nouveaux identifiants et l'historique repartira de zéro).")
        }
        if !FileManagerShim.exists(path), !configuration.nouvelEtat,
           FileManagerShim.exists(out + "/datapackage.json") || FileManagerShim.exists(out + "/lieux.csv") {
            throw OperationalError(.stateCorrupt, "Le dossier \(out) contient une publication mais pas son état (unefois.sqlite) : sans lui les lieux changeraient d'identifiant. Rien n'est publié. Restaurez unefois.sqlite depuis une sauvegarde, ou relancez avec --nouvel-etat pour repartir d'un état vide.")
        }
        return p
    }

    /// Local wall-clock time for the moved-aside file's name only (never in published data).
    static func timestamp() -> String {
        var t = time(nil)
        var parts = tm()
        localtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    }
}
