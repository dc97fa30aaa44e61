import UneFoisCore
import UneFoisModel

/// Activity records counted once: an export re-sent with overlapping dates (a second file of the
/// same source, or the same export configured twice) must not count an atelier or a session
/// twice. Two records are the same activity when they have the same source id and date, or —
/// for records without an id — the same date, place, nature, action, participants, number,
/// duration, workshop and partner. The first one in (source, file, line) order is kept; each
/// repeat is reported (`activite-en-double`, with the line it repeats) and not counted.
public enum ActivityDeduplicator {
    public static func deduplicate(_ activites: [Activite]) -> (gardees: [Activite], issues: [Issue]) {
        let order = activites.indices.sorted {
            let a = activites[$0].provenance, b = activites[$1].provenance
            return (a.source, a.file, a.line, $0) < (b.source, b.file, b.line, $1)
        }
        var seen: [String: Provenance] = [:]
        var keep = [Bool](repeating: true, count: activites.count)
        var issues: [Issue] = []
        for i in order {
            let a = activites[i]
            let key: String
            let what: String
            if !a.idSource.isEmpty {
                key = "id|\(a.idSource)|\(a.date)"
                what = "même identifiant « \(a.idSource) » et même date"
            } else {
                key = ["c", a.date, TextFolding.key(a.lieuNom), a.codeInsee ?? "", a.nature.rawValue, a.action, String(a.participants), String(a.nombre),
                       a.dureeMinutes.map(String.init) ?? "", TextFolding.key(a.atelier ?? ""), a.partenaire ?? ""].joined(separator: "|")
                what = "même date, même lieu, même type et mêmes participants"
            }
            if let first = seen[key] {
                keep[i] = false
                issues.append(Issue("activite-en-double", .warning, "Activité du \(a.date) déjà lue (\(what)) : \(first.file), ligne \(first.line) (source \(first.source)). Elle n'est comptée qu'une fois ; si l'export a été renvoyé avec des dates qui se chevauchent, rien à faire.", at: a.provenance, field: nil))
            } else {
                seen[key] = a.provenance
            }
        }
        return (activites.indices.filter { keep[$0] }.map { activites[$0] }, issues)
    }
}
