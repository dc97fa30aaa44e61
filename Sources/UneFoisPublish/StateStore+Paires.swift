import UneFoisCore
import UneFoisModel

/// The matcher's pairs in the state: the pairs of every published group (with their scores) and
/// the pairs to review (uncertain, or refused to keep groups consistent), so that `unefois explain`
/// and `unefois doublons` can show them without rerunning the job.
extension StateStore {
    static let pairesSQL = """
    CREATE TABLE paires (lieu_id TEXT, cle_a TEXT NOT NULL, cle_b TEXT NOT NULL, statut TEXT NOT NULL, rang INTEGER NOT NULL, score REAL NOT NULL,
      nom REAL, adresse REAL, distance REAL, telephone REAL, courriel REAL, siret REAL, typologie REAL, commune REAL,
      detail TEXT NOT NULL, motif TEXT, decision TEXT, nom_a TEXT, commune_a TEXT, nom_b TEXT, commune_b TEXT, PRIMARY KEY (cle_a, cle_b));
    CREATE TABLE raisons (lieu_id TEXT NOT NULL, champ TEXT NOT NULL, raison TEXT NOT NULL, PRIMARY KEY (lieu_id, champ));
    """

    static func fillPaires(_ db: SQLiteDatabase, _ r: RunResult) throws {
        try db.execute(pairesSQL)
        // Why each value of a merged place was chosen (survivorship).
        let raison = try db.prepare("INSERT INTO raisons VALUES (?,?,?)")
        for l in r.publies where !l.raisons.isEmpty {
            for c in Champ.allCases { if let why = l.raisons[c] { try raison.run([.text(l[.id] ?? ""), .text(c.rawValue), .text(why)]) } }
        }
        guard let poids = r.poidsDoublons else { return }
        // Names and communes of the records that appear in a pair only (most records are in none).
        var cles = Set<String>()
        for c in r.clusters { for p in c.paires { cles.insert(p.a); cles.insert(p.b) } }
        for p in r.paireARevoir { cles.insert(p.a); cles.insert(p.b) }
        var lieux: [String: (nom: String, commune: String)] = [:]
        if !cles.isEmpty {
            for c in r.clusters {
                for m in c.membres where cles.contains(m.cle) { lieux[m.cle] = (m[.nom] ?? "", m[.commune] ?? m[.codeInsee] ?? "") }
            }
        }
        let ins = try db.prepare("INSERT OR IGNORE INTO paires VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        func insert(_ p: ScoredPair, rang: Int, lieu: String?) throws {
            var values: [SQLiteValue] = [lieu.map { .text($0) } ?? .null, .text(p.a), .text(p.b), .text(p.statut.rawValue), .integer(Int64(rang)), .real(Double(p.score))]
            for f in MatchFeature.allCases { values.append(.real(Double(poids.poids(f, p.niveaux[f.rawValue])))) }
            values += [.text(p.detail(poids)), p.motif.isEmpty ? .null : .text(p.motif), p.decision.map { .text($0.rawValue) } ?? .null,
                       .text(lieux[p.a]?.nom ?? ""), .text(lieux[p.a]?.commune ?? ""), .text(lieux[p.b]?.nom ?? ""), .text(lieux[p.b]?.commune ?? "")]
            try ins.run(values)
        }
        for c in r.clusters { for p in c.paires { try insert(p, rang: 0, lieu: c.id) } }
        for (k, p) in r.paireARevoir.enumerated() { try insert(p, rang: k + 1, lieu: nil) }
    }
}
