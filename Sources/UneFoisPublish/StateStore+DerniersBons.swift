import UneFoisCore
import UneFoisModel

/// The state's memory of each source's last good read (``DernierBon``) and of the mass changes
/// the data officer accepted: two tables of their own, read back by ``StateStore/previous(path:)``.
extension StateStore {
    static let derniersBonsSQL = """
    CREATE TABLE sources_derniers_bons (source TEXT PRIMARY KEY, empreinte TEXT NOT NULL, rang INTEGER NOT NULL, date_reference TEXT NOT NULL, lieux INTEGER NOT NULL, copies TEXT NOT NULL, fichiers TEXT NOT NULL, perime INTEGER NOT NULL);
    CREATE TABLE baisses_acceptees (rang_execution INTEGER NOT NULL, perimetre TEXT NOT NULL, avant INTEGER NOT NULL, apres INTEGER NOT NULL);
    """

    /// Writes tonight's last good reads (`perime` = 1 for the sources published stale tonight)
    /// and carries the accepted mass changes over, adding tonight's.
    static func fillDerniersBons(_ db: SQLiteDatabase, _ r: RunResult, derniersBons: [DernierBon], anciennesBaisses: [(rang: Int, baisse: BaisseAcceptee)]) throws {
        try db.execute(derniersBonsSQL)
        let stale = Set(r.sources.filter { $0.perime != nil }.map(\.spec.nom))
        let ins = try db.prepare("INSERT INTO sources_derniers_bons VALUES (?,?,?,?,?,?,?,?)")
        for d in derniersBons.sorted(by: { $0.source < $1.source }) {
            try ins.run([.text(d.source), .text(d.empreinte), .integer(Int64(d.rang)), .text(d.dateReference), .integer(Int64(d.lieux)),
                         .text(d.copies.joined(separator: "\n")), .text(d.fichiers.joined(separator: "\n")), .integer(stale.contains(d.source) ? 1 : 0)])
        }
        let b = try db.prepare("INSERT INTO baisses_acceptees VALUES (?,?,?,?)")
        let rang = r.executions.last?.rang ?? 0
        for a in anciennesBaisses + r.baissesAcceptees.map({ (rang, $0) }) {
            try b.run([.integer(Int64(a.rang)), .text(a.baisse.perimetre), .integer(Int64(a.baisse.avant)), .integer(Int64(a.baisse.apres))])
        }
    }

    /// Reads the last good reads and the accepted mass changes of an earlier state (empty for a
    /// state written before they existed).
    static func readDerniersBons(_ db: SQLiteDatabase, into p: inout Previous) {
        if let s = try? db.prepare("SELECT source, empreinte, rang, date_reference, lieux, copies, fichiers FROM sources_derniers_bons ORDER BY source") {
            while (try? s.step()) == true {
                let copies = (s.text(5) ?? "").split(separator: "\n").map(String.init)
                let fichiers = (s.text(6) ?? "").split(separator: "\n").map(String.init)
                let d = DernierBon(source: s.text(0) ?? "", empreinte: s.text(1) ?? "", rang: Int(s.int64(2)), dateReference: s.text(3) ?? "",
                                   lieux: Int(s.int64(4)), copies: copies, fichiers: fichiers)
                p.derniersBons[d.source] = d
            }
        }
        if let s = try? db.prepare("SELECT rang_execution, perimetre, avant, apres FROM baisses_acceptees ORDER BY rowid") {
            while (try? s.step()) == true {
                p.baissesAcceptees.append((Int(s.int64(0)), BaisseAcceptee(perimetre: s.text(1) ?? "", avant: Int(s.int64(2)), apres: Int(s.int64(3)))))
            }
        }
    }
}
