import UneFoisCore
import UneFoisModel
/// Stable consolidated ids across nightly runs.
///
/// A cluster keeps the id already assigned to any of its members in an earlier run (the oldest
/// assignment wins when two merge); a new cluster gets `lmv-` + a hash of its content-stable key
/// (its smallest member key), so the order of the sources never changes an id. Clusters are
/// visited in that key's order. Never derived from row order or random numbers. A place that
/// disappears keeps its members' assignments in the state: its id is never given to another.
public struct IdentifierRegistry: Sendable {
    /// Source key → (assigned id, sequence number of the assignment).
    public private(set) var assignments: [String: (id: String, rang: Int)]
    private var nextRank: Int

    public init(previous: [String: (id: String, rang: Int)] = [:]) {
        assignments = previous
        retired = Set(previous.values.map(\.id))
        nextRank = (previous.values.map(\.rang).max() ?? 0) + 1
    }

    /// Ids assigned in earlier runs: a new cluster never takes one of them (a place that
    /// disappeared is closed, its id is not reused).
    let retired: Set<String>

    /// Assigns ids to clusters (in place) and records the assignment of every member.
    public mutating func assign(_ clusters: inout [Cluster]) {
        var used = Set<String>(minimumCapacity: clusters.count)
        // Room for every member's assignment at once (the table would otherwise be rehashed
        // each time it doubles).
        assignments.reserveCapacity(assignments.count + clusters.reduce(0) { $0 + $1.membres.count })
        // Each cluster's key, and the id it gets if it is new, worked out once and on every core
        // (the assignment itself goes in key order, one cluster at a time).
        let prepared = Parallel.map(clusters) { c in
            let stable = c.cleStable
            return (stable: stable, id: IdentifierRegistry.newId(stable))
        }
        let order = clusters.indices.sorted { prepared[$0].stable < prepared[$1].stable }
        for i in order {
            let cles = clusters[i].membres.map(\.cle)
            let known = cles.compactMap { assignments[$0] }.sorted { $0.rang < $1.rang }
            var id = known.first { !used.contains($0.id) }?.id
            if id == nil {
                let stable = prepared[i].stable
                var candidate = prepared[i].id
                var n = 2
                while used.contains(candidate) || retired.contains(candidate) { candidate = IdentifierRegistry.newId(stable + "#\(n)"); n += 1 }
                id = candidate
            }
            clusters[i].id = id!
            used.insert(id!)
            let rang = known.first { $0.id == id }?.rang ?? nextRank
            if rang == nextRank { nextRank += 1 }
            for cle in cles where assignments[cle]?.id != id {
                assignments[cle] = (id!, rang)
            }
        }
    }

    /// The id of a new cluster whose content-stable key is `stable` (or `stable#n` after a clash).
    static func newId(_ stable: String) -> String {
        "lmv-" + String(StableHash.hex(of: stable).prefix(12))
    }
}
