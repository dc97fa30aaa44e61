import UneFoisCore
/// A group of source records that describe the same real place, with why they were joined.
public struct Cluster: Sendable {
    /// Members, best first (source priority, then key): the first is the anchor.
    public var membres: [Lieu]
    /// For each member after the first: the rule that joined it ("même SIRET et même commune"...).
    public var motifs: [String: String]
    /// Consolidated, stable id.
    public var id: String = ""

    public init(membres: [Lieu], motifs: [String: String], id: String = "") {
        self.membres = membres
        self.motifs = motifs
        self.id = id
    }

    public var ancre: Lieu { membres[0] }
}
