import UneFoisCore
import UneFoisModel
/// The run's SQLite database (`unefois.sqlite`): every published table plus the state the next
/// night needs (assigned ids, input fingerprints). Built in a temporary file, checked, then
/// renamed over the old one, so a crash never leaves half a database. Contains no wall-clock
/// time: the same inputs give the same content.
public enum StateStore {
    /// Layout of the state. Provenance is normalised: sources' files, fields and source columns are
    /// small integers (`fichiers`, `champs`, `colonnes`); a published value is stored once, in
    /// `lieux`, and its origin (`origines`) is the member record (`membres`, by rank in its
    /// cluster) and the column it came from. `origines` only lists the values that do not come
    /// from the anchor's column of the field's own name (identity mappings need none).
    /// `origines.lieu` and `qualite.lieu` are `lieux.rowid`.
    /// Views give the readable forms (`valeurs`, `lieux_qualite`).
    static let schemaSQL = """
    CREATE TABLE execution (empreinte TEXT NOT NULL, version_schema TEXT NOT NULL, lieux_publies INTEGER NOT NULL, issues INTEGER NOT NULL, date_reference TEXT NOT NULL);
    CREATE TABLE executions (rang INTEGER PRIMARY KEY, empreinte TEXT NOT NULL, date_reference TEXT NOT NULL, lieux_publies INTEGER NOT NULL, changements INTEGER NOT NULL);
    CREATE TABLE historique (rang_execution INTEGER NOT NULL, lieu_id TEXT NOT NULL, champ TEXT NOT NULL, avant TEXT, apres TEXT);
    CREATE TABLE sources (nom TEXT PRIMARY KEY, format TEXT NOT NULL, fichier TEXT NOT NULL, correspondance TEXT, empreinte TEXT, octets INTEGER, enregistrements INTEGER, lieux INTEGER, activites INTEGER, suivis INTEGER, rejets INTEGER, ignores INTEGER, echec TEXT, detections TEXT);
    CREATE TABLE fichiers (id INTEGER PRIMARY KEY, source TEXT NOT NULL, fichier TEXT NOT NULL, UNIQUE (source, fichier));
    CREATE TABLE champs (id INTEGER PRIMARY KEY, nom TEXT NOT NULL UNIQUE);
    CREATE TABLE colonnes (id INTEGER PRIMARY KEY, nom TEXT NOT NULL UNIQUE);
    CREATE TABLE lieux (\(Champ.allCases.map { "\"\($0.rawValue)\" \($0 == .latitude || $0 == .longitude ? "REAL" : "TEXT")" }.joined(separator: ", ")), PRIMARY KEY (id));
    CREATE TABLE services (id TEXT PRIMARY KEY, structure_id TEXT NOT NULL, nom TEXT NOT NULL, description TEXT NOT NULL, type TEXT NOT NULL,
      thematiques TEXT, frais TEXT, publics TEXT, modes_accueil TEXT, modes_mobilisation TEXT);
    CREATE TABLE membres (lieu_id TEXT NOT NULL, rang INTEGER NOT NULL, cle TEXT NOT NULL, fichier INTEGER NOT NULL REFERENCES fichiers, ligne INTEGER, motif TEXT, PRIMARY KEY (lieu_id, rang)) WITHOUT ROWID;
    CREATE TABLE origines (lieu INTEGER NOT NULL, champ INTEGER NOT NULL REFERENCES champs, membre INTEGER NOT NULL, colonne INTEGER NOT NULL REFERENCES colonnes, PRIMARY KEY (lieu, champ)) WITHOUT ROWID;
    CREATE TABLE correspondances (fichier INTEGER NOT NULL REFERENCES fichiers, ligne INTEGER, source_id TEXT NOT NULL, lieu_id TEXT, statut TEXT NOT NULL, motif TEXT);
    CREATE TABLE issues (source TEXT, fichier TEXT, ligne INTEGER, octet INTEGER, champ TEXT, code TEXT NOT NULL, severite TEXT NOT NULL, message TEXT NOT NULL);
    CREATE TABLE activites (source TEXT NOT NULL, fichier TEXT NOT NULL, ligne INTEGER, id_source TEXT, date TEXT NOT NULL, nature TEXT NOT NULL, action TEXT NOT NULL, lieu_nom TEXT NOT NULL, lieu_id TEXT, code_insee TEXT, commune TEXT, duree_min INTEGER, participants INTEGER NOT NULL, nombre INTEGER NOT NULL, thematiques TEXT, services TEXT, partenaire TEXT, atelier TEXT, avec_rdv INTEGER);
    CREATE TABLE suivi_actions (source TEXT NOT NULL, fichier TEXT NOT NULL, ligne INTEGER, date TEXT NOT NULL, action TEXT NOT NULL, type TEXT NOT NULL, libelle TEXT NOT NULL, commune TEXT, participants INTEGER, duree_heures REAL, partenaire TEXT);
    CREATE TABLE identifiants (cle TEXT PRIMARY KEY, lieu_id TEXT NOT NULL, rang INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE reparations (source TEXT NOT NULL, nature TEXT NOT NULL, nombre INTEGER NOT NULL, PRIMARY KEY (source, nature));
    CREATE VIEW valeurs AS SELECT * FROM (SELECT l.id AS lieu_id, c.nom AS champ,
      CASE c.id \(Champ.allCases.enumerated().map { "WHEN \($0.offset) THEN l.\"\($0.element.rawValue)\"" }.joined(separator: " ")) END AS valeur,
      f.source AS source, f.fichier AS fichier, m.ligne AS ligne, coalesce(k.nom, c.nom) AS colonne, c.id AS champ_rang, coalesce(o.membre, 0) AS membre
      FROM lieux l CROSS JOIN champs c LEFT JOIN origines o ON o.lieu = l.rowid AND o.champ = c.id
      JOIN membres m ON m.lieu_id = l.id AND m.rang = coalesce(o.membre, 0) JOIN fichiers f ON f.id = m.fichier LEFT JOIN colonnes k ON k.id = o.colonne)
      WHERE valeur IS NOT NULL;

    """ + qualiteSQL

    /// The quality scores: one row per scored place, one REAL column per criterion, named after
    /// it (``QualityScore/noms``: `"fraîcheur"`, `"contact"`…). `lieux_qualite` gives the score as
    /// SQLite computes it: the criteria summed in that order, divided by their number, rounded
    /// (`0.88`). (Until this layout, `qualite` had one row per place and criterion, with a
    /// `criteres` table.)
    static let qualiteSQL: String = {
        let columns = QualityScore.noms.map(quote)
        return """
        CREATE TABLE qualite (lieu INTEGER PRIMARY KEY\(columns.map { ", \($0) REAL NOT NULL" }.joined()));
        CREATE VIEW lieux_qualite AS SELECT l.id AS lieu_id, round((\(columns.map { "q." + $0 }.joined(separator: " + "))) / \(columns.count).0, 2) AS score
          FROM qualite q JOIN lieux l ON l.rowid = q.lieu;
        """
    }()

    /// An SQL identifier in double quotes (inner quotes doubled).
    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// What an earlier run left: ids, the journal of runs and value changes, and the values it
    /// published (to compute tonight's changes).
    public struct Previous: Sendable {
        public var ids: [String: (id: String, rang: Int)] = [:]
        /// French explanation when a state file exists but cannot be read.
        public var problem: String?
        public var executions: [Execution] = []
        public var historique: [Changement] = []
        /// Published values by place id, then field, for a state written before the compact
        /// layout (a `valeurs` table); empty otherwise (see ``etat``).
        public var valeurs: [String: [String: String]] = [:]
        /// The state file whose `lieux` table holds the published values (compact layout): they
        /// are compared with tonight's as they are read (``changes(since:to:rang:)``), never all
        /// held in memory (at 300k places they took 2 GB as dictionaries).
        public var etat: String?
        /// Each source's last good read, by source name.
        public var derniersBons: [String: DernierBon] = [:]
        /// Mass changes accepted by earlier runs, with the rank of the run.
        public var baissesAcceptees: [(rang: Int, baisse: BaisseAcceptee)] = []

        public init() {}
    }

    /// Reads an earlier run's state. No file: a first run, nothing and no problem. A file that
    /// cannot be read: nothing, and a French explanation (ids will be new; the report says so).
    public static func previous(path: String) -> Previous {
        var p = Previous()
        guard FileManagerShim.exists(path) else { return p }
        guard let db = try? SQLiteDatabase(path: path, mode: .readOnlyUntrusted) else {
            p.problem = "impossible d'ouvrir l'état précédent \(path)"
            return p
        }
        if let problem = db.quickCheckProblem() {
            p.problem = "l'état précédent \(path) est abîmé (quick_check : \(problem))"
            return p
        }
        guard let stmt = try? db.prepare("SELECT cle, lieu_id, rang FROM identifiants") else {
            p.problem = "l'état précédent \(path) n'a pas de table des identifiants"
            return p
        }
        while (try? stmt.step()) == true {
            if let k = stmt.text(0), let id = stmt.text(1) { p.ids[k] = (id, Int(stmt.int64(2))) }
        }
        // The journal and the published values (absent from states written by older versions).
        if let e = try? db.prepare("SELECT rang, empreinte, date_reference, lieux_publies, changements FROM executions ORDER BY rang") {
            while (try? e.step()) == true {
                p.executions.append(Execution(rang: Int(e.int64(0)), empreinte: e.text(1) ?? "", dateReference: e.text(2) ?? "",
                                              lieuxPublies: Int(e.int64(3)), changements: Int(e.int64(4))))
            }
        }
        if let h = try? db.prepare("SELECT rang_execution, lieu_id, champ, avant, apres FROM historique ORDER BY rowid") {
            while (try? h.step()) == true {
                p.historique.append(Changement(rangExecution: Int(h.int64(0)), lieuId: h.text(1) ?? "", champ: h.text(2) ?? "", avant: h.text(3), apres: h.text(4)))
            }
        }
        if (try? db.rows("SELECT 1 FROM sqlite_schema WHERE name = 'origines'"))?.isEmpty == false {
            // Compact layout: the published values are the columns of `lieux`, read when compared.
            p.etat = path
        } else if let v = try? db.prepare("SELECT lieu_id, champ, valeur FROM valeurs") {
            // States written before the compact layout.
            while (try? v.step()) == true {
                if let id = v.text(0), let c = v.text(1) { p.valeurs[id, default: [:]][c] = v.text(2) ?? "" }
            }
        }
        readDerniersBons(db, into: &p)
        return p
    }

    /// The ids of an earlier run and the problem reading it, if any (see ``previous(path:)``).
    public static func previousIdentifiers(path: String) -> (ids: [String: (id: String, rang: Int)], problem: String?) {
        let p = previous(path: path)
        return (p.ids, p.problem)
    }

    /// The columns of `lieux`, quoted, in the standard's order (a column's position is its
    /// field's ``Champ/order``).
    static let colonnesLieux = Champ.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")

    /// Steps through the rows of `lieux` of the state at `path` in id order, with each row's id.
    /// False when the state cannot be read.
    static func eachPublishedRow(of path: String, _ row: (SQLiteStatement, String) -> Void) -> Bool {
        guard let db = try? SQLiteDatabase(path: path, mode: .readOnlyUntrusted),
              let v = try? db.prepare("SELECT \(colonnesLieux) FROM lieux WHERE id IS NOT NULL ORDER BY id") else { return false }
        while (try? v.step()) == true {
            if let id = v.text(Champ.id.order) { row(v, id) }
        }
        return true
    }

    /// Every published value of the state at `path` (compact layout), by place id then field.
    /// Tests and small states only: a run compares them as it reads them (``changes(since:to:rang:)``).
    public static func publishedValues(path: String) -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        _ = eachPublishedRow(of: path) { v, id in
            var values: [String: String] = [:]
            for c in Champ.allCases { if let x = publishedValue(v, c) { values[c.rawValue] = x } }
            out[id] = values
        }
        return out
    }

    /// Column `c` of a row of `lieux` as the journal compares it (coordinates in their shortest
    /// form), nil when empty.
    static func publishedValue(_ v: SQLiteStatement, _ c: Champ) -> String? {
        if v.isNull(c.order) { return nil }
        return c == .latitude || c == .longitude ? v.double(c.order).map(JSONWriter.number) : v.text(c.order)
    }

    /// Tonight's changes against what the previous run published, in a stable order. A state
    /// that can no longer be read counts as one that published nothing.
    public static func changes(since previous: Previous, to lieux: [Lieu], rang: Int) -> [Changement] {
        guard let path = previous.etat else { return changes(from: previous.valeurs, to: lieux, rang: rang) }
        return changes(streamingFrom: path, to: lieux, rang: rang) ?? changes(from: [:], to: lieux, rang: rang)
    }

    /// ``changes(from:to:rang:)`` with the earlier values read row by row from the state at
    /// `path`, merged with tonight's places in the order of their ids' bytes (SQLite's order),
    /// then put in the journal's order (ids as Swift sorts them). Nil when the state cannot be read.
    static func changes(streamingFrom path: String, to lieux: [Lieu], rang: Int) -> [Changement]? {
        let ids = lieux.map { $0[.id] ?? "" }
        let order = lieux.indices.sorted { ids[$0].utf8.lexicographicallyPrecedes(ids[$1].utf8) }
        var out: [Changement] = []
        var k = 0
        func added(_ i: Int) {
            out.append(Changement(rangExecution: rang, lieuId: ids[i], champ: "(lieu)", avant: nil, apres: lieux[i].valeurs.cell(.nom)))
        }
        let read = eachPublishedRow(of: path) { v, id in
            while k < order.count, ids[order[k]].utf8.lexicographicallyPrecedes(id.utf8) {
                added(order[k])
                k += 1
            }
            if k < order.count, ids[order[k]] == id {
                let l = lieux[order[k]]
                for c in Champ.allCases {
                    let (b, n) = (publishedValue(v, c), l.valeurs.cell(c))
                    if b != n { out.append(Changement(rangExecution: rang, lieuId: id, champ: c.rawValue, avant: b, apres: n)) }
                }
                k += 1
            } else {
                out.append(Changement(rangExecution: rang, lieuId: id, champ: "(lieu)", avant: publishedValue(v, .nom), apres: nil))
            }
        }
        guard read else { return nil }
        while k < order.count {
            added(order[k])
            k += 1
        }
        // The journal's order: by id as Swift orders strings, each place's changes in field order.
        let positions = out.indices.sorted { (out[$0].lieuId, $0) < (out[$1].lieuId, $1) }
        return positions.map { out[$0] }
    }

    /// Tonight's changes against the values an earlier run published, in a stable order.
    public static func changes(from before: [String: [String: String]], to lieux: [Lieu], rang: Int) -> [Changement] {
        var out: [Changement] = []
        var now: [String: [String: String]] = [:]
        for l in lieux {
            var values: [String: String] = [:]
            for (c, v) in l.valeurs { values[c.rawValue] = v.items.joined(separator: "|") }
            now[l[.id]!] = values
        }
        for id in Set(before.keys).union(now.keys).sorted() {
            switch (before[id], now[id]) {
            case (nil, let n?):
                out.append(Changement(rangExecution: rang, lieuId: id, champ: "(lieu)", avant: nil, apres: n["nom"]))
            case (let b?, nil):
                out.append(Changement(rangExecution: rang, lieuId: id, champ: "(lieu)", avant: b["nom"], apres: nil))
            case (let b?, let n?):
                for c in Champ.allCases where b[c.rawValue] != n[c.rawValue] {
                    out.append(Changement(rangExecution: rang, lieuId: id, champ: c.rawValue, avant: b[c.rawValue], apres: n[c.rawValue]))
                }
            default: break
            }
        }
        return out
    }

    /// Writes the whole database for `result` to `path` atomically.
    /// `anciennesBaisses`: the accepted mass changes of earlier runs, carried over.
    /// `derniersBons`, when given, gives the last good reads instead of `result.derniersBons`;
    /// it is called once, after the places, services and issues are written (the copies can be
    /// made meanwhile).
    public static func write(_ result: RunResult, to path: String, anciennesBaisses: [(rang: Int, baisse: BaisseAcceptee)] = [],
                             derniersBons: (() -> [DernierBon])? = nil) throws {
        // Pages of 32 KiB: a file of several hundred MB written in one go has fewer B-tree pages
        // to fill and link than with 4 KiB pages.
        try SQLiteDatabase.buildAtomically(at: path, label: "la base", pageSize: 32768) { db in
            try db.execute(schemaSQL)
            try db.transaction {
                try fill(db, result)
                try fillDerniersBons(db, result, derniersBons: derniersBons?() ?? result.derniersBons, anciennesBaisses: anciennesBaisses)
                try fillPaires(db, result)
            }
        }
    }

    static func fill(_ db: SQLiteDatabase, _ r: RunResult) throws {
        try db.prepare("INSERT INTO execution VALUES (?,?,?,?,?)").run([.text(r.empreinte), .text(r.schemaVersion), .integer(Int64(r.publies.count)), .integer(Int64(r.issues.count)), .text(r.dateReference)])
        let src = try db.prepare("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        for s in r.sources {
            try src.run([.text(s.spec.nom), .text(s.spec.format.rawValue), .text(FileManagerShim.fileName(s.spec.chemin)), .text(s.correspondance), .text(s.empreinte),
                         .integer(Int64(s.octets)), .integer(Int64(s.enregistrementsLus)), .integer(Int64(s.lieux)), .integer(Int64(s.activites)),
                         .integer(Int64(s.suivis)), .integer(Int64(s.rejets)), .integer(Int64(s.ignores)), s.echec.map { .text($0.message) } ?? .null,
                         .text(s.detections.joined(separator: " ; "))])
        }
        var fichiers = Interner()
        let fichierInsert = try db.prepare("INSERT INTO fichiers VALUES (?,?,?)")
        func fichier(_ source: String, _ file: String) throws -> Int64 {
            let (id, isNew) = fichiers.id(source, file)
            if isNew { try fichierInsert.run([.integer(id), .text(source), .text(file)]) }
            return id
        }
        var colonnes = Interner()
        let colonneInsert = try db.prepare("INSERT INTO colonnes VALUES (?,?)")
        func colonne(_ name: String) throws -> Int64 {
            let (id, isNew) = colonnes.id(name)
            if isNew { try colonneInsert.run([.integer(id), .text(name)]) }
            return id
        }
        let champs = try db.prepare("INSERT INTO champs VALUES (?,?)")
        for (i, c) in Champ.allCases.enumerated() { try champs.run([.integer(Int64(i)), .text(c.rawValue)]) }
        let lieux = try db.prepare("INSERT INTO lieux (rowid, \(colonnesLieux)) VALUES (?, \(Champ.allCases.map { _ in "?" }.joined(separator: ",")))")
        let origines = try db.prepare("INSERT INTO origines VALUES (?,?,?,?)")
        // One cluster per place, in the same order (the usual case): a place's cluster and its
        // scores' key are found by position rather than by id.
        let aligned = r.clusters.count == r.publies.count
        let clusterIndex = aligned ? [:] : Dictionary(r.clusters.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for (i, l) in r.publies.enumerated() {
            let rowid = Int64(i + 1)
            try lieux.bind(1, integer: rowid)
            try lieux.bindStandardRow(of: l, from: 2)
            try lieux.insert()
            // The member each value came from, by its rank in the cluster (0: the anchor).
            let id = l[.id]!
            let cluster: Cluster? = aligned ? r.clusters[i] : clusterIndex[id].map { r.clusters[$0] }
            var rangs: [Provenance: Int] = [:]
            if let cluster, cluster.membres.count > 1, !l.originesAutres.isEmpty {
                for (rang, m) in cluster.membres.enumerated() where rangs[m.provenance] == nil { rangs[m.provenance] = rang }
            }
            // The values present, in field order (the order of `origines`' key).
            for c in l.valeurs.keys {
                let rang = rangs.isEmpty ? 0 : l.originesAutres[c].flatMap { rangs[$0] } ?? 0
                let nom = l.valeurs.colonne(c)!
                if rang == 0 && nom == c.rawValue { continue }
                try origines.bind(1, integer: rowid)
                try origines.bind(2, integer: Int64(c.order))
                try origines.bind(3, integer: Int64(rang))
                try origines.bind(4, integer: try colonne(nom))
                try origines.insert()
            }
        }
        let services = try db.prepare("INSERT INTO services VALUES (?,?,?,?,?,?,?,?,?,?)")
        for s in r.services {
            try services.bind(1, text: s.id)
            try services.bind(2, text: s.structureId)
            try services.bind(3, text: s.nom)
            try services.bind(4, text: s.description)
            try services.bind(5, text: s.type)
            try services.bind(6, text: s.thematiques.joined(separator: "|"))
            try services.bind(7, text: s.frais)
            try services.bind(8, text: s.publics.joined(separator: "|"))
            try services.bind(9, text: s.modesAccueil.joined(separator: "|"))
            try services.bind(10, text: s.modesMobilisation.joined(separator: "|"))
            try services.insert()
        }
        let membres = try db.prepare("INSERT INTO membres VALUES (?,?,?,?,?,?)")
        for c in r.clusters {
            for (i, m) in c.membres.enumerated() {
                try membres.bind(1, text: c.id)
                try membres.bind(2, integer: Int64(i))
                try membres.bind(3, text: m.cle)
                try membres.bind(4, integer: try fichier(m.provenance.source, m.provenance.file))
                try membres.bind(5, integer: Int64(m.provenance.line))
                try membres.bind(6, text: c.motifs.isEmpty ? nil : c.motifs[m.cle])
                try membres.insert()
            }
        }
        let corr = try db.prepare("INSERT INTO correspondances VALUES (?,?,?,?,?,?)")
        for c in r.correspondances {
            try corr.bind(1, integer: try fichier(c.source, c.fichier))
            try corr.bind(2, integer: Int64(c.ligne))
            try corr.bind(3, text: c.sourceId)
            try corr.bind(4, text: c.lieuId.isEmpty ? nil : c.lieuId)
            try corr.bind(5, text: c.statut.rawValue)
            try corr.bind(6, text: c.motif)
            try corr.insert()
        }
        let iss = try db.prepare("INSERT INTO issues VALUES (?,?,?,?,?,?,?,?)")
        for i in Publisher.sortedIssues(r.issues) {
            try iss.bind(1, text: i.source)
            try iss.bind(2, text: i.file)
            if let n = i.line { try iss.bind(3, integer: Int64(n)) } else { try iss.bindNull(3) }
            if let n = i.byteOffset { try iss.bind(4, integer: Int64(n)) } else { try iss.bindNull(4) }
            try iss.bind(5, text: i.field)
            try iss.bind(6, text: i.code)
            try iss.bind(7, text: i.severity.rawValue)
            try iss.bind(8, text: i.message)
            try iss.insert()
        }
        let act = try db.prepare("INSERT INTO activites VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        for a in r.activites {
            try act.run([.text(a.provenance.source), .text(a.provenance.file), .integer(Int64(a.provenance.line)), .text(a.idSource), .text(a.date), .text(a.nature.rawValue),
                         .text(a.action), .text(a.lieuNom), a.lieuId.map { .text($0) } ?? .null, a.codeInsee.map { .text($0) } ?? .null, a.commune.map { .text($0) } ?? .null,
                         a.dureeMinutes.map { .integer(Int64($0)) } ?? .null, .integer(Int64(a.participants)), .integer(Int64(a.nombre)),
                         .text(a.thematiques.joined(separator: "|")), .text(a.services.joined(separator: "|")), a.partenaire.map { .text($0) } ?? .null, a.atelier.map { .text($0) } ?? .null,
                         a.avecRdv.map { .integer($0 ? 1 : 0) } ?? .null])
        }
        let sv = try db.prepare("INSERT INTO suivi_actions VALUES (?,?,?,?,?,?,?,?,?,?,?)")
        for s in r.suivis {
            try sv.run([.text(s.provenance.source), .text(s.provenance.file), .integer(Int64(s.provenance.line)), .text(s.date), .text(s.action), .text(s.type), .text(s.libelle),
                        s.commune.map { .text($0) } ?? .null, s.participants.map { .integer(Int64($0)) } ?? .null, s.dureeHeures.map { .real($0) } ?? .null, s.partenaire.map { .text($0) } ?? .null])
        }
        let rep = try db.prepare("INSERT INTO reparations VALUES (?,?,?)")
        for s in r.sources {
            for (k, v) in s.reparations.sorted(by: { $0.key < $1.key }) { try rep.run([.text(s.spec.nom), .text(k), .integer(Int64(v))]) }
        }
        // One row of scores per place (see ``qualiteSQL``).
        let q = try db.prepare("INSERT INTO qualite VALUES (?\(String(repeating: ",?", count: QualityScore.noms.count)))")
        // Scores are keyed by the cluster's id: when `aligned`, it is read there rather than
        // decoded from each place's packed values.
        for i in r.publies.indices {
            guard let score = r.qualite[aligned ? r.clusters[i].id : r.publies[i][.id]!] else { continue }
            try q.bind(1, integer: Int64(i + 1))
            for k in QualityScore.noms.indices { try q.bind(Int32(k + 2), real: score.valeur(k)) }
            try q.insert()
        }
        let ex = try db.prepare("INSERT INTO executions VALUES (?,?,?,?,?)")
        for e in r.executions {
            try ex.run([.integer(Int64(e.rang)), .text(e.empreinte), .text(e.dateReference), .integer(Int64(e.lieuxPublies)), .integer(Int64(e.changements))])
        }
        let hist = try db.prepare("INSERT INTO historique VALUES (?,?,?,?,?)")
        for h in r.historique {
            try hist.run([.integer(Int64(h.rangExecution)), .text(h.lieuId), .text(h.champ), h.avant.map { .text($0) } ?? .null, h.apres.map { .text($0) } ?? .null])
        }
        let ids = try db.prepare("INSERT INTO identifiants VALUES (?,?,?)")
        for (k, v) in r.identifiants.sorted(by: { $0.key < $1.key }) {
            try ids.bind(1, text: k)
            try ids.bind(2, text: v.id)
            try ids.bind(3, integer: Int64(v.rang))
            try ids.insert()
        }
    }
}

/// Small integer ids for repeated strings (files, columns), given in order of first use.
struct Interner {
    private var ids: [String: Int64] = [:]
    /// The last pair of ``id(_:_:)``: every member of a source's file asks for the same one.
    private var last: (String, String, Int64)?

    /// The id of `key`, and whether it was just assigned.
    mutating func id(_ key: String) -> (Int64, Bool) {
        if let id = ids[key] { return (id, false) }
        let id = Int64(ids.count + 1)
        ids[key] = id
        return (id, true)
    }

    /// The id of a pair of strings (a source and its file).
    mutating func id(_ a: String, _ b: String) -> (Int64, Bool) {
        if let (la, lb, id) = last, la == a, lb == b { return (id, false) }
        let r = id(a + "\u{0}" + b)
        last = (a, b, r.0)
        return r
    }
}
