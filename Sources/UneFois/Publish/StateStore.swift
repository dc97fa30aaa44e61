/// The run's SQLite database (`unefois.sqlite`): every published table plus the state the next
/// night needs (assigned ids, input fingerprints). Built in a temporary file, checked, then
/// renamed over the old one, so a crash never leaves half a database. Contains no wall-clock
/// time: the same inputs give the same content.
public enum StateStore {
    static let schemaSQL = """
    PRAGMA page_size = 4096;
    CREATE TABLE execution (empreinte TEXT NOT NULL, version_schema TEXT NOT NULL, lieux_publies INTEGER NOT NULL, issues INTEGER NOT NULL, date_reference TEXT NOT NULL);
    CREATE TABLE sources (nom TEXT PRIMARY KEY, format TEXT NOT NULL, fichier TEXT NOT NULL, correspondance TEXT, empreinte TEXT, octets INTEGER, enregistrements INTEGER, lieux INTEGER, activites INTEGER, suivis INTEGER, rejets INTEGER, ignores INTEGER, echec TEXT, detections TEXT);
    CREATE TABLE lieux (\(Champ.allCases.map { "\"\($0.rawValue)\" \($0 == .latitude || $0 == .longitude ? "REAL" : "TEXT")" }.joined(separator: ", ")), PRIMARY KEY (id));
    CREATE TABLE services (id TEXT PRIMARY KEY, structure_id TEXT NOT NULL, nom TEXT NOT NULL, description TEXT NOT NULL, type TEXT NOT NULL,
      thematiques TEXT, frais TEXT, publics TEXT, modes_accueil TEXT, modes_mobilisation TEXT);
    CREATE TABLE membres (lieu_id TEXT NOT NULL, cle TEXT NOT NULL, source TEXT NOT NULL, fichier TEXT NOT NULL, ligne INTEGER, rang INTEGER NOT NULL, motif TEXT, PRIMARY KEY (lieu_id, cle));
    CREATE TABLE valeurs (lieu_id TEXT NOT NULL, champ TEXT NOT NULL, valeur TEXT NOT NULL, source TEXT NOT NULL, fichier TEXT NOT NULL, ligne INTEGER, colonne TEXT, PRIMARY KEY (lieu_id, champ));
    CREATE TABLE correspondances (source TEXT NOT NULL, source_id TEXT NOT NULL, lieu_id TEXT, statut TEXT NOT NULL, motif TEXT, fichier TEXT, ligne INTEGER);
    CREATE TABLE issues (source TEXT, fichier TEXT, ligne INTEGER, octet INTEGER, champ TEXT, code TEXT NOT NULL, severite TEXT NOT NULL, message TEXT NOT NULL);
    CREATE TABLE activites (source TEXT NOT NULL, fichier TEXT NOT NULL, ligne INTEGER, id_source TEXT, date TEXT NOT NULL, nature TEXT NOT NULL, action TEXT NOT NULL, lieu_nom TEXT NOT NULL, lieu_id TEXT, code_insee TEXT, commune TEXT, duree_min INTEGER, participants INTEGER NOT NULL, nombre INTEGER NOT NULL, thematiques TEXT, services TEXT, partenaire TEXT, atelier TEXT, avec_rdv INTEGER);
    CREATE TABLE suivi_actions (source TEXT NOT NULL, fichier TEXT NOT NULL, ligne INTEGER, date TEXT NOT NULL, action TEXT NOT NULL, type TEXT NOT NULL, libelle TEXT NOT NULL, commune TEXT, participants INTEGER, duree_heures REAL, partenaire TEXT);
    CREATE TABLE identifiants (cle TEXT PRIMARY KEY, lieu_id TEXT NOT NULL, rang INTEGER NOT NULL);
    CREATE TABLE reparations (source TEXT NOT NULL, nature TEXT NOT NULL, nombre INTEGER NOT NULL, PRIMARY KEY (source, nature));
    CREATE TABLE qualite (lieu_id TEXT NOT NULL, critere TEXT NOT NULL, valeur REAL NOT NULL, PRIMARY KEY (lieu_id, critere));
    CREATE VIEW lieux_qualite AS SELECT lieu_id, round(avg(valeur), 2) AS score FROM qualite GROUP BY lieu_id;
    """

    /// Reads the ids assigned by an earlier run. No file: a first run, no ids and no problem. A
    /// file that cannot be read: no ids, and a French explanation (the ids of this run will be
    /// new, which the report must say).
    public static func previousIdentifiers(path: String) -> (ids: [String: (id: String, rang: Int)], problem: String?) {
        guard FileManagerShim.exists(path) else { return ([:], nil) }
        guard let db = try? SQLiteDatabase(path: path, mode: .readOnlyUntrusted) else {
            return ([:], "impossible d'ouvrir l'état précédent \(path)")
        }
        if let problem = db.quickCheckProblem() { return ([:], "l'état précédent \(path) est abîmé (quick_check : \(problem))") }
        guard let stmt = try? db.prepare("SELECT cle, lieu_id, rang FROM identifiants") else {
            return ([:], "l'état précédent \(path) n'a pas de table des identifiants")
        }
        var out: [String: (id: String, rang: Int)] = [:]
        while (try? stmt.step()) == true {
            if let k = stmt.text(0), let id = stmt.text(1) { out[k] = (id, Int(stmt.int64(2))) }
        }
        return (out, nil)
    }

    /// Writes the whole database for `result` to `path` atomically.
    public static func write(_ result: RunResult, to path: String) throws {
        try SQLiteDatabase.buildAtomically(at: path, label: "la base") { db in
            try db.execute(schemaSQL)
            try db.transaction { try fill(db, result) }
        }
    }

    static func fill(_ db: SQLiteDatabase, _ r: RunResult) throws {
        try db.prepare("INSERT INTO execution VALUES (?,?,?,?,?)").run([.text(r.empreinte), .text(r.schemaVersion), .integer(Int64(r.publies.count)), .integer(Int64(r.issues.count)), .text(r.dateReference)])
        let src = try db.prepare("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        for s in r.sources {
            try src.run([.text(s.spec.nom), .text(s.spec.format), .text(FileManagerShim.fileName(s.spec.chemin)), .text(s.correspondance), .text(s.empreinte),
                         .integer(Int64(s.octets)), .integer(Int64(s.enregistrementsLus)), .integer(Int64(s.lieux)), .integer(Int64(s.activites)),
                         .integer(Int64(s.suivis)), .integer(Int64(s.rejets)), .integer(Int64(s.ignores)), s.echec.map { .text($0.message) } ?? .null,
                         .text(s.detections.joined(separator: " ; "))])
        }
        let lieux = try db.prepare("INSERT INTO lieux VALUES (\(Champ.allCases.map { _ in "?" }.joined(separator: ",")))")
        let valeurs = try db.prepare("INSERT INTO valeurs VALUES (?,?,?,?,?,?,?)")
        for l in r.publies {
            try lieux.run(Champ.allCases.map { c in
                if c == .latitude { return l.latitude.map { .real($0) } ?? .null }
                if c == .longitude { return l.longitude.map { .real($0) } ?? .null }
                let v = l.liste(c)
                return v.isEmpty ? .null : .text(v.joined(separator: "|"))
            })
            for c in Champ.allCases {
                guard let v = l.valeurs[c] else { continue }
                let p = l.originesAutres[c] ?? l.provenance
                try valeurs.run([.text(l[.id]!), .text(c.rawValue), .text(v.items.joined(separator: "|")), .text(p.source), .text(p.file), .integer(Int64(p.line)), .text(v.colonne)])
            }
        }
        let services = try db.prepare("INSERT INTO services VALUES (?,?,?,?,?,?,?,?,?,?)")
        for s in r.services {
            try services.run([.text(s.id), .text(s.structureId), .text(s.nom), .text(s.description), .text(s.type), .text(s.thematiques.joined(separator: "|")),
                              s.frais.map { .text($0) } ?? .null, .text(s.publics.joined(separator: "|")), .text(s.modesAccueil.joined(separator: "|")),
                              .text(s.modesMobilisation.joined(separator: "|"))])
        }
        let membres = try db.prepare("INSERT INTO membres VALUES (?,?,?,?,?,?,?)")
        for c in r.clusters {
            for (i, m) in c.membres.enumerated() {
                try membres.run([.text(c.id), .text(m.cle), .text(m.provenance.source), .text(m.provenance.file), .integer(Int64(m.provenance.line)), .integer(Int64(i)), c.motifs[m.cle].map { .text($0) } ?? .null])
            }
        }
        let corr = try db.prepare("INSERT INTO correspondances VALUES (?,?,?,?,?,?,?)")
        for c in r.correspondances {
            try corr.run([.text(c.source), .text(c.sourceId), c.lieuId.isEmpty ? .null : .text(c.lieuId), .text(c.statut.rawValue), .text(c.motif), .text(c.fichier), .integer(Int64(c.ligne))])
        }
        let iss = try db.prepare("INSERT INTO issues VALUES (?,?,?,?,?,?,?,?)")
        for i in Publisher.sortedIssues(r.issues) {
            try iss.run([.text(i.source), .text(i.file), i.line.map { .integer(Int64($0)) } ?? .null, i.byteOffset.map { .integer(Int64($0)) } ?? .null, i.field.map { .text($0) } ?? .null, .text(i.code), .text(i.severity.rawValue), .text(i.message)])
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
        let q = try db.prepare("INSERT INTO qualite VALUES (?,?,?)")
        for (id, score) in r.qualite.sorted(by: { $0.key < $1.key }) {
            for c in score.criteres { try q.run([.text(id), .text(c.nom), .real(c.valeur)]) }
        }
        let ids = try db.prepare("INSERT INTO identifiants VALUES (?,?,?)")
        for (k, v) in r.identifiants.sorted(by: { $0.key < $1.key }) {
            try ids.run([.text(k), .text(v.id), .integer(Int64(v.rang))])
        }
    }
}
