import UneFoisCore
import UneFoisModel
/// First deduplication: joins records sharing an exact normalised key, explainably.
///
/// Keys, all within the same INSEE code: the SIRET (not the unknown `00000000000000`) at the same
/// folded address, the folded name, the folded address (abbreviations expanded) with the same phone. Joins are transitive
/// (union-find). Deterministic whatever the input order.
public struct ExactKeyDeduplicator: Sendable {
    /// Source names by priority (configuration order): the first source's values win.
    public let priorite: [String]

    public init(priorite: [String]) {
        self.priorite = priorite
    }

    /// Groups `lieux` into clusters, each with its anchor first and the reason of every join.
    public func clusters(_ lieux: [Lieu]) -> [Cluster] {
        // Stable order: by source priority then key.
        let rank = Dictionary(priorite.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = lieux.sorted {
            let ra = rank[$0.provenance.source] ?? Int.max, rb = rank[$1.provenance.source] ?? Int.max
            return ra != rb ? ra < rb : $0.cle < $1.cle
        }
        var parent = Array(sorted.indices)
        var reason: [Int: String] = [:]
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        func union(_ a: Int, _ b: Int, _ why: String) {
            let ra = find(a), rb = find(b)
            guard ra != rb else { return }
            let (keep, drop) = ra < rb ? (ra, rb) : (rb, ra)
            parent[drop] = keep
            if reason[max(a, b)] == nil { reason[max(a, b)] = why }
        }
        var firstByKey: [String: Int] = [:]
        for (i, l) in sorted.enumerated() {
            let insee = l[.codeInsee] ?? l[.codePostal] ?? ""
            var keys: [(String, String)] = []
            // A SIRET alone is not enough: a town hall's SIRET often covers all its libraries.
            if let s = l.siret, let a = l[.adresse] {
                keys.append(("siret|\(s)|\(MatchKeys.adresse(a))|\(insee)", "même SIRET (\(s)) à la même adresse"))
            }
            if let n = l[.nom] { keys.append(("nom|\(TextFolding.key(n))|\(insee)", "même nom (« \(n) ») dans la même commune")) }
            if let a = l[.adresse], let t = l[.telephone] {
                keys.append(("adr|\(MatchKeys.adresse(a))|\(t)|\(insee)", "même adresse et même téléphone"))
            }
            for (k, why) in keys {
                if let j = firstByKey[k] { union(j, i, why) } else { firstByKey[k] = i }
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in sorted.indices { groups[find(i), default: []].append(i) }
        return groups.keys.sorted().map { root in
            let idx = groups[root]!.sorted()
            var motifs: [String: String] = [:]
            for i in idx.dropFirst() { motifs[sorted[i].cle] = reason[i] ?? "rattaché par transitivité" }
            return Cluster(membres: idx.map { sorted[$0] }, motifs: motifs)
        }
    }
}
