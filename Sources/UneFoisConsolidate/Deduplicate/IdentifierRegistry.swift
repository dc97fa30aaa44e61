import UneFoisCore
import UneFoisModel
/// Stable consolidated ids across nightly runs.
///
/// A cluster keeps the id already assigned to any of its members in an earlier run (the oldest
/// assignment wins when two merge); a new cluster gets `lmv-` + a hash of its anchor's source key.
/// Never derived from row order or random numbers.
public struct IdentifierRegistry: Sendable {
    /// Source key → (assigned id, sequence number of the assignment).
    public private(set) var assignments: [String: (id: String, rang: Int)]
    private var nextRank: Int

    public init(previous: [String: (id: String, rang: Int)] = [:]) {
        assignments = previous
        nextRank = (previous.values.map(\.rang).max() ?? 0) + 1
    }

    /// Assigns ids to clusters (in place) and records the assignment of every member.
    public mutating func assign(_ clusters: inout [Cluster]) {
        var used = Set<String>()
        for i in clusters.indices {
            let known = clusters[i].membres.compactMap { assignments[$0.cle] }.sorted { $0.rang < $1.rang }
            var id = known.first { !used.contains($0.id) }?.id
            if id == nil {
                var candidate = "lmv-" + String(StableHash.hex(of: clusters[i].ancre.cle).prefix(12))
                var n = 2
                while used.contains(candidate) { candidate = "lmv-" + String(StableHash.hex(of: clusters[i].ancre.cle + "#\(n)").prefix(12)); n += 1 }
                id = candidate
            }
            clusters[i].id = id!
            used.insert(id!)
            let rang = known.first { $0.id == id }?.rang ?? nextRank
            if rang == nextRank { nextRank += 1 }
            for m in clusters[i].membres where assignments[m.cle]?.id != id {
                assignments[m.cle] = (id!, rang)
            }
        }
    }
}
