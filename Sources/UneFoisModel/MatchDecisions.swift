import Foundation
import UneFoisCore
/// The data officer's decisions on pairs of source records (`source--id`), which override the
/// matcher: `identiques` joins two records whatever their score, `differents` keeps them apart
/// (and out of one group). Read from a CSV file `cle_a;cle_b;decision[;commentaire]` (`,` also
/// accepted, `#` starts a comment line) named in the run configuration (`doublons.decisions`).
public struct MatchDecisions: Sendable {
    public enum Decision: String, Sendable { case identiques, differents }
    /// Decision by unordered pair (`a|b` with a < b).
    public var paires: [String: Decision] = [:]
    /// Line of each decision in the file, for messages.
    public var lignes: [String: Int] = [:]
    public var fichier: String = ""

    public init() {}

    public static func pairKey(_ a: String, _ b: String) -> String { a < b ? a + "|" + b : b + "|" + a }

    public func decision(_ a: String, _ b: String) -> Decision? { paires[Self.pairKey(a, b)] }

    /// Parses the file; a line that cannot be read is an issue (the other lines still apply).
    public static func load(path: String, displayName: String) throws -> (MatchDecisions, [Issue]) {
        guard FileManagerShim.exists(path) else {
            throw OperationalError(.configuration, "Fichier des décisions de dédoublonnage introuvable : \(path). Créez-le (colonnes cle_a;cle_b;decision) ou retirez la clé doublons.decisions de la configuration.")
        }
        let f = try MappedFile(path: path)
        var text = String(decoding: f.bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var d = MatchDecisions()
        d.fichier = displayName
        var issues: [Issue] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: line.contains(";") ? ";" : ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if n == 0 && cells.first?.lowercased() == "cle_a" { continue }
            let prov = Provenance(source: "decisions", file: displayName, line: n + 1)
            guard cells.count >= 3 else {
                issues.append(Issue("decision-illisible", .error, "Ligne illisible : trois colonnes attendues (cle_a;cle_b;decision), par exemple « dora--123;cartographie-nationale--abc;identiques ».", at: prov, field: nil))
                continue
            }
            let dec: Decision
            switch cells[2].lowercased() {
            case "identiques", "identique", "meme", "même": dec = .identiques
            case "differents", "différents", "different", "différent": dec = .differents
            default:
                issues.append(Issue("decision-inconnue", .error, "Décision « \(cells[2]) » inconnue : écrivez « identiques » ou « differents ».", at: prov, field: "decision"))
                continue
            }
            guard cells[0].contains("--"), cells[1].contains("--"), cells[0] != cells[1] else {
                issues.append(Issue("decision-illisible", .error, "Les clés s'écrivent source--identifiant (voir correspondances.csv), et doivent désigner deux enregistrements différents.", at: prov, field: "cle_a"))
                continue
            }
            let k = pairKey(cells[0], cells[1])
            d.paires[k] = dec
            d.lignes[k] = n + 1
        }
        return (d, issues)
    }
}
