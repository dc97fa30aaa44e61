import UneFoisCore
import UneFoisModel

/// What the state knows about one published place or source record, for `unefois explain`:
/// the records it merges and why, where each published value comes from, its history and its
/// quality. Read from `unefois.sqlite` (read-only); the CLI only prints it.
public struct StateExplanation: Sendable {
    /// One record of the place's cluster (rank 0 is the anchor).
    public struct Membre: Sendable {
        public var rang: Int
        public var cle: String
        public var fichier: String
        public var ligne: Int?
        public var motif: String?
    }

    /// One published value and its origin.
    public struct Valeur: Sendable {
        public var champ: String
        public var valeur: String
        public var source: String
        public var fichier: String
        public var ligne: Int?
        public var colonne: String
    }

    /// One change of the place in the journal.
    public struct Evenement: Sendable {
        public var rangExecution: Int
        public var champ: String
        public var avant: String?
        public var apres: String?
        public var dateReference: String
    }

    /// A source record that was not published.
    public struct NonPublie: Sendable {
        public var statut: String
        public var motif: String
        public var fichier: String
        public var ligne: Int?
    }

    public enum Resultat: Sendable {
        case lieu(StateExplanation)
        case nonPublie(NonPublie)
        case inconnu
    }

    public var lieuId: String
    public var nom: String
    public var commune: String
    public var membres: [Membre] = []
    public var valeurs: [Valeur] = []
    public var historique: [Evenement] = []
    /// Quality score as SQLite rounds it (`0.88`), and the criteria below 1.
    public var score: String?
    public var manques: [String] = []

    /// Explains `id` (a published id, or a source key `source--id`) from the state in `db`.
    public static func explain(_ id: String, in db: SQLiteDatabase) throws -> Resultat {
        var lieuId = id
        if try db.rows("SELECT 1 FROM lieux WHERE id = ?", [.text(id)]).isEmpty {
            guard let row = try db.rows("SELECT lieu_id FROM membres WHERE cle = ?", [.text(id)]).first, let found = row[0] else {
                let rejected = try db.rows("""
                    SELECT c.statut, c.motif, f.fichier, c.ligne FROM correspondances c JOIN fichiers f ON f.id = c.fichier
                    WHERE f.source || '--' || c.source_id = ?
                    """, [.text(id)])
                if let r = rejected.first {
                    return .nonPublie(NonPublie(statut: r[0] ?? "?", motif: r[1] ?? "", fichier: r[2] ?? "?", ligne: r[3].flatMap { Int($0) }))
                }
                return .inconnu
            }
            lieuId = found
        }
        let nom = try db.rows("SELECT nom, commune FROM lieux WHERE id = ?", [.text(lieuId)]).first
        var e = StateExplanation(lieuId: lieuId, nom: nom?[0] ?? "", commune: nom?[1] ?? "")
        for m in try db.rows("SELECT m.rang, m.cle, f.fichier, m.ligne, m.motif FROM membres m JOIN fichiers f ON f.id = m.fichier WHERE m.lieu_id = ? ORDER BY m.rang", [.text(lieuId)]) {
            e.membres.append(Membre(rang: m[0].flatMap { Int($0) } ?? 0, cle: m[1] ?? "", fichier: m[2] ?? "", ligne: m[3].flatMap { Int($0) }, motif: m[4]))
        }
        for v in try db.rows("SELECT champ, valeur, source, fichier, ligne, colonne FROM valeurs WHERE lieu_id = ? ORDER BY champ_rang", [.text(lieuId)]) {
            e.valeurs.append(Valeur(champ: v[0] ?? "", valeur: v[1] ?? "", source: v[2] ?? "", fichier: v[3] ?? "", ligne: v[4].flatMap { Int($0) }, colonne: v[5] ?? ""))
        }
        let history = (try? db.rows("SELECT h.rang_execution, h.champ, h.avant, h.apres, e.date_reference FROM historique h JOIN executions e ON e.rang = h.rang_execution WHERE h.lieu_id = ? ORDER BY h.rang_execution, h.rowid", [.text(lieuId)])) ?? []
        for h in history {
            e.historique.append(Evenement(rangExecution: h[0].flatMap { Int($0) } ?? 0, champ: h[1] ?? "", avant: h[2], apres: h[3], dateReference: h[4] ?? "?"))
        }
        if let q = try db.rows("SELECT score FROM lieux_qualite WHERE lieu_id = ?", [.text(lieuId)]).first?.first ?? nil {
            e.score = q
            e.manques = try manques(of: lieuId, in: db)
        }
        return .lieu(e)
    }

    /// The names of the place's quality criteria below 1, in byte order (as SQLite sorts text):
    /// the columns of its `qualite` row, or its rows in a state written when `qualite` had one
    /// row per criterion (with a `criteres` table).
    static func manques(of lieuId: String, in db: SQLiteDatabase) throws -> [String] {
        if try !db.rows("SELECT 1 FROM sqlite_schema WHERE name = 'criteres'").isEmpty {
            return try db.rows("""
                SELECT c.nom FROM qualite q JOIN criteres c ON c.id = q.critere JOIN lieux l ON l.rowid = q.lieu
                WHERE l.id = ? AND q.valeur < 1 ORDER BY c.nom
                """, [.text(lieuId)]).compactMap { $0[0] }
        }
        let row = try db.prepare("SELECT q.* FROM qualite q JOIN lieux l ON l.rowid = q.lieu WHERE l.id = ?")
        try row.bind([.text(lieuId)])
        guard try row.step() else { return [] }
        return (1..<row.columnCount).filter { (row.double($0) ?? 1) < 1 }.map(row.columnName)
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
