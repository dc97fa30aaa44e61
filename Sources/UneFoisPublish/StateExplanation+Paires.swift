import UneFoisCore
import UneFoisModel

/// The matcher's pairs kept in the state (table `paires`), for `unefois explain` and
/// `unefois doublons`.
public struct PaireExpliquee: Sendable, Equatable {
    public var lieuId: String?
    public var cleA: String
    public var cleB: String
    /// `fusionnee`, `incertaine` or `refusee`.
    public var statut: String
    public var score: Double
    /// Weight of each feature, in ``MatchFeature`` order.
    public var sousScores: [Double]
    public var detail: String
    public var motif: String?
    public var decision: String?
    public var nomA: String
    public var communeA: String
    public var nomB: String
    public var communeB: String
}

extension StateExplanation {
    static let pairesColumns = "lieu_id, cle_a, cle_b, statut, score, nom, adresse, distance, telephone, courriel, siret, typologie, commune, detail, motif, decision, nom_a, commune_a, nom_b, commune_b"

    static func paire(_ r: [String?]) -> PaireExpliquee {
        PaireExpliquee(lieuId: r[0], cleA: r[1] ?? "", cleB: r[2] ?? "", statut: r[3] ?? "", score: Double(r[4] ?? "") ?? 0,
                       sousScores: (5..<13).map { Double(r[$0] ?? "") ?? 0 }, detail: r[13] ?? "", motif: r[14], decision: r[15],
                       nomA: r[16] ?? "", communeA: r[17] ?? "", nomB: r[18] ?? "", communeB: r[19] ?? "")
    }

    /// The pairs of a published place (its members' scores), then the pairs to review that involve
    /// one of its members. Empty for a state written before the table existed.
    public static func paires(of lieuId: String, in db: SQLiteDatabase) -> [PaireExpliquee] {
        let sql = """
        SELECT \(pairesColumns) FROM paires WHERE lieu_id = ?1
           OR (lieu_id IS NULL AND (cle_a IN (SELECT cle FROM membres WHERE lieu_id = ?1) OR cle_b IN (SELECT cle FROM membres WHERE lieu_id = ?1)))
        ORDER BY lieu_id IS NULL, rang, score DESC, cle_a, cle_b
        """
        return ((try? db.rows(sql, [.text(lieuId)])) ?? []).map(paire)
    }

    /// Why each value of a merged place was chosen, by field (empty for a single-record place or
    /// an older state).
    public static func raisons(of lieuId: String, in db: SQLiteDatabase) -> [String: String] {
        var out: [String: String] = [:]
        for r in (try? db.rows("SELECT champ, raison FROM raisons WHERE lieu_id = ?", [.text(lieuId)])) ?? [] { if let c = r[0], let w = r[1] { out[c] = w } }
        return out
    }

    /// The pairs to review, worst first (refused joins, then uncertain pairs by descending score).
    public static func pairesARevoir(in db: SQLiteDatabase) throws -> [PaireExpliquee] {
        try db.rows("SELECT \(pairesColumns) FROM paires WHERE lieu_id IS NULL ORDER BY rang").map(paire)
    }
}
