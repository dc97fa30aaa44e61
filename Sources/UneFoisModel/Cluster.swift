import UneFoisCore
/// A group of source records that describe the same real place, with why they were joined.
public struct Cluster: Sendable {
    /// Members, best first (source priority, then key): the first is the anchor.
    public var membres: [Lieu]
    /// For each member after the first: the rule that joined it ("même SIRET et même commune"...).
    public var motifs: [String: String]
    /// Consolidated, stable id.
    public var id: String = ""
    /// Scores of the pairs of members (probabilistic matcher), for explanations.
    public var paires: [ScoredPair] = []

    public init(membres: [Lieu], motifs: [String: String], id: String = "", paires: [ScoredPair] = []) {
        self.membres = membres
        self.motifs = motifs
        self.id = id
        self.paires = paires
    }

    public var ancre: Lieu { membres[0] }

    /// The content-stable key of the cluster: its smallest member key, whatever the source order.
    public var cleStable: String {
        // The members' keys read in place (`membres.first`, or a member taken out of the array in
        // a loop, is a copy of the whole place).
        guard !membres.isEmpty else { return "" }
        var best = membres[0].cle
        for k in membres.indices.dropFirst() where membres[k].cle < best { best = membres[k].cle }
        return best
    }
}
