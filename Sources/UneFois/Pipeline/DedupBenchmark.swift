import Foundation
import UneFoisCore
import UneFoisModel
import UneFoisConsolidate

/// `unefois bench --doublons`: generates multi-source place records with known truth and the
/// traps real exports set (phones missing or switchboard vs direct line, « Bibliothèque J. Giono »
/// vs « Médiathèque municipale Jean Giono », « Hôtel de ville » vs « place de la Mairie », numbers
/// missing, points at the street or the commune centre, the same generic name for two places of
/// one commune, a SIRET shared by a commune's libraries, a mairie, its CCAS and a France Services
/// in one building, DORA listing a structure twice), runs the matcher, and prints pairwise
/// precision / recall / F1 per trap and the time of each phase.
public enum DedupBenchmark {
    /// Trap kinds, one per generated place (or group of places for the « negative » traps).
    public enum Piege: String, CaseIterable, Sendable {
        case aucun = "sans-piege"
        case telephone = "telephone-absent-ou-standard"
        case nomAbrege = "nom-abrege-initiale"
        case hotelDeVille = "hotel-de-ville"
        case numeroAbsent = "numero-absent"
        case coordCommune = "coord-centre-commune"
        case coordRue = "coord-rue"
        case homonymes = "homonymes-meme-commune"
        case siretPartage = "siret-partage"
        case memeBatiment = "mairie-ccas-fs-meme-batiment"
        case doublonSource = "doublon-dans-une-source"
    }

    /// Generated records and their truth.
    public struct Corpus: Sendable {
        public var lieux: [Lieu] = []
        /// Entity of each record (same order as `lieux`).
        public var entite: [Int32] = []
        /// Trap of each entity.
        public var piege: [Piege] = []
    }

    struct RNG {
        var s: UInt64
        mutating func next() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func p(_ x: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < x }
        mutating func unit() -> Double { Double(next() % 1_000_000) / 1_000_000 }
        mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
    }

    static let prenoms = ["Jean", "Marie", "Louis", "Paul", "Jacques", "Pierre", "Anne", "Louise", "Henri", "Émile", "Victor", "George", "Simone", "Colette", "Marcel", "Albert", "René", "Frédéric", "Alphonse", "Gabrielle", "Françoise", "Olympe", "Lucie", "Jules", "Antoine", "Élise", "Camille", "Denis", "Hélène", "Aimé"]
    static let noms = ["Giono", "Pagnol", "Daudet", "Mistral", "Char", "Camus", "Hugo", "Zola", "Sand", "Verne", "Prévert", "Aragon", "Éluard", "Triolet", "Duras", "Sagan", "Colette", "Pergaud", "Bosco", "Arène", "Mauron", "Aubanel", "Roumanille", "Bonnefoy", "Jaccottet", "Ponge", "Queneau", "Perec", "Yourcenar", "Beauvoir", "Curie", "Pasteur", "Moulin", "Jaurès", "Ferry", "Blum", "Zay", "Veil", "Badinter", "Condorcet", "Lamartine", "Musset", "Vigny", "Nerval", "Rimbaud", "Verlaine", "Baudelaire", "Apollinaire", "Cocteau", "Malraux"]
    static let mots = ["Oliviers", "Lavandes", "Platanes", "Cigales", "Amandiers", "Tilleuls", "Cerisiers", "Moulin", "Fontaine", "Source", "Colline", "Vallon", "Durance", "Luberon", "Ventoux", "Garrigue", "Pinède", "Étang", "Canal", "Gare", "Marché", "Château", "Église", "Remparts", "Portail", "Figuiers", "Micocouliers", "Ormeau", "Saules", "Peupliers", "Romarin", "Thym", "Aqueduc", "Verger", "Mas", "Bastide", "Calade", "Lauze", "Écluse", "Prieuré"]
    static let typesVoie = [("rue", "r."), ("avenue", "av."), ("boulevard", "bd"), ("place", "pl."), ("chemin", "ch."), ("route", "rte"), ("impasse", "imp."), ("allée", "all.")]
    static let syllabes = ["val", "mont", "ro", "ca", "bri", "ve", "lau", "sa", "rin", "gor", "des", "mé", "ri", "lour", "ma", "bec", "che", "lan", "pra", "sol", "ter", "nau", "fon", "tai", "bou", "lar", "gue", "cé", "ste", "pe"]

    /// Generates about `records` records in four sources.
    public static func generate(records target: Int, seed: UInt64 = 20_260_101) -> Corpus {
        var r = RNG(s: seed)
        var c = Corpus()
        c.lieux.reserveCapacity(target + 16)
        let sources = ["national", "dora", "lizmap", "partenaire"]
        let nCommunes = max(12, target / 60)
        struct Commune { var insee: String; var nom: String; var lat: Double; var lon: Double; var rayon: Double }
        var communes: [Commune] = []
        var usedNames = Set<String>()
        for k in 0..<nCommunes {
            var nom = ""
            repeat {
                nom = (0..<(2 + r.int(2))).map { _ in r.pick(syllabes) }.joined()
                nom = nom.prefix(1).uppercased() + nom.dropFirst()
                if usedNames.contains(nom) { nom += "-" + r.pick(["le-Haut", "la-Rivière", "sur-Mer", "les-Bains"]) }
            } while usedNames.contains(nom)
            usedNames.insert(nom)
            let dense = k < 3
            communes.append(Commune(insee: String(format: "%05d", 10_000 + k), nom: nom, lat: 43 + r.unit() * 6, lon: -1 + r.unit() * 8, rayon: dense ? 0.06 : 0.02))
        }
        var nextId = 0
        var entity: Int32 = 0
        // One place: its true description, then a record per source with the usual variations.
        struct Vrai {
            var nom: String; var nomVariante: String?; var commune: Int; var numero: Int?; var voie: (String, String, String)
            var lat: Double; var lon: Double; var tel: String; var tel2: String?; var mail: String; var siret: String; var typologie: String
            var adresseVariante: (String, String)?
        }
        func phone() -> String { "+334" + String(format: "%08d", r.int(100_000_000)) }
        func siret() -> String { String(format: "%09d%05d", r.int(1_000_000_000), r.int(100_000)) }
        func voie() -> (String, String, String) {
            let (t, a) = r.pick(typesVoie)
            let n = r.p(0.5) ? r.pick(prenoms) + " " + r.pick(noms) : (r.p(0.5) ? "des " : "du ") + r.pick(mots)
            return (t, a, n)
        }
        func point(_ k: Int) -> (Double, Double) {
            let cm = communes[k]
            return (cm.lat + (r.unit() - 0.5) * cm.rayon, cm.lon + (r.unit() - 0.5) * cm.rayon * 1.4)
        }
        func round(_ x: Double, _ d: Double) -> Double { (x * d).rounded() / d }
        func variants(_ s: String) -> String {
            switch r.int(4) {
            case 0: return s.uppercased()
            case 1: return TextFolding.key(s).split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            default: return s
            }
        }
        func emit(_ v: Vrai, source: String, piege: Piege, variante: Bool) {
            nextId += 1
            var l = Lieu(idSource: "e\(nextId)", provenance: Provenance(source: source, file: source + ".csv", line: nextId + 1))
            let cm = communes[v.commune]
            var nom = variante ? (v.nomVariante ?? v.nom) : v.nom
            // Each source writes names its own way: library words swapped, « municipale » or the
            // commune added, a letter dropped.
            if r.p(0.25) {
                if nom.hasPrefix("Médiathèque ") { nom = "Bibliothèque " + nom.dropFirst(12) } else if nom.hasPrefix("Bibliothèque ") { nom = "Médiathèque " + nom.dropFirst(13) }
            }
            if r.p(0.15), nom.hasPrefix("Médiathèque "), !nom.contains("municipale") { nom = "Médiathèque municipale " + nom.dropFirst(12) }
            if r.p(0.15), !nom.contains(cm.nom) { nom += " - " + cm.nom }
            if r.p(0.05), nom.count > 12 { var chars = Array(nom); chars.remove(at: 6 + r.int(chars.count - 8)); nom = String(chars) }
            l.set(.nom, variants(nom), colonne: "nom")
            l.set(.codeInsee, cm.insee, colonne: "code_insee")
            l.set(.commune, cm.nom, colonne: "commune")
            var adresse: String
            let (t, a, n) = v.voie
            let type = r.p(0.3) ? a : t
            if let num = v.numero, !(variante && piege == .numeroAbsent) && !r.p(0.05) { adresse = "\(num)\(r.p(0.03) ? " bis" : "") \(type) \(n)" } else { adresse = "\(type) \(n)" }
            if let (x, y) = v.adresseVariante { adresse = variante ? x : y }
            l.set(.adresse, r.p(0.2) ? adresse.uppercased() : adresse, colonne: "adresse")
            if r.p(0.9) {
                // Geocoders disagree by 20 to 150 m.
                var la = v.lat + (r.unit() - 0.5) * 0.0025, lo = v.lon + (r.unit() - 0.5) * 0.0035
                if variante && piege == .coordCommune { la = round(cm.lat, 10_000); lo = round(cm.lon, 10_000) }
                if variante && piege == .coordRue { la = round(v.lat + (r.unit() - 0.5) * 0.005, 1000); lo = round(v.lon + (r.unit() - 0.5) * 0.007, 1000) }
                l.latitude = round(la, 1_000_000)
                l.longitude = round(lo, 1_000_000)
            }
            if variante && piege == .telephone {
                if let t2 = v.tel2 { l.set(.telephone, t2, colonne: "telephone") }
            } else if r.p(0.8) { l.set(.telephone, v.tel, colonne: "telephone") }
            if r.p(0.5) { l.set(.courriels, r.p(0.3) ? "accueil-\(nextId)@exemple.fr" : v.mail, colonne: "courriels") }
            if r.p(0.5) { l.siret = v.siret; l.set(.pivot, v.siret, colonne: "siret") }
            if r.p(0.7) { l.set(.typologie, v.typologie, colonne: "typologie") }
            c.lieux.append(l)
            c.entite.append(entity)
        }
        func place(_ v: Vrai, _ piege: Piege) {
            c.piege.append(piege)
            // 1 to 4 sources; a trap needs two records.
            let k = piege == .aucun || piege == .homonymes || piege == .siretPartage || piege == .memeBatiment ? [1, 2, 2, 2, 3, 3, 4][r.int(7)] : [2, 2, 3, 3, 4][r.int(5)]
            var srcs = sources
            for i in 0..<srcs.count { srcs.swapAt(i, i + r.int(srcs.count - i)) }
            for (i, s) in srcs.prefix(k).enumerated() { emit(v, source: s, piege: piege, variante: i == 1) }
            if piege == .doublonSource { emit(v, source: "dora", piege: piege, variante: true) }
            entity += 1
        }
        func commune() -> Int { r.p(0.15) ? r.int(3) : r.int(nCommunes) }
        func base(_ k: Int, nom: String, typologie: String) -> Vrai {
            let (la, lo) = point(k)
            let tel = phone()
            return Vrai(nom: nom, nomVariante: nil, commune: k, numero: 1 + r.int(150), voie: voie(), lat: la, lon: lo, tel: tel, tel2: r.p(0.5) ? phone() : nil,
                        mail: "contact-\(nextId)@exemple-\(k).fr", siret: siret(), typologie: typologie)
        }
        func nomLieu(_ k: Int) -> (String, String) {
            let cm = communes[k]
            switch r.int(6) {
            case 0, 1: return ("Médiathèque " + r.pick(prenoms) + " " + r.pick(noms), "BIB")
            case 2: return ("Bibliothèque des " + r.pick(mots), "BIB")
            case 3: return ("Espace numérique " + r.pick(mots), "TIERS_LIEUX")
            case 4: return ("Association " + r.pick(mots) + " " + r.pick(["Connectée", "Solidaire", "Numérique", "et Partage"]), "ASSO")
            default: return ("Tiers-lieu " + r.pick(mots) + " de " + cm.nom, "TIERS_LIEUX")
            }
        }
        while c.lieux.count < target {
            let k = commune()
            let cm = communes[k]
            let roll = r.int(100)
            if roll < 35 {
                let (n, t) = nomLieu(k)
                place(base(k, nom: n, typologie: t), .aucun)
            } else if roll < 45 {
                let (n, t) = nomLieu(k)
                place(base(k, nom: n, typologie: t), .telephone)
            } else if roll < 53 {
                let p = r.pick(prenoms), nm = r.pick(noms)
                var v = base(k, nom: "Médiathèque municipale \(p) \(nm)", typologie: "BIB")
                v.nomVariante = "Bibliothèque \(p.prefix(1)). \(nm)"
                place(v, .nomAbrege)
            } else if roll < 59 {
                let (n, t) = [("Mairie de \(cm.nom)", "MUNI"), ("Médiathèque de \(cm.nom)", "BIB"), ("France Services \(cm.nom)", "RFS")][r.int(3)]
                var v = base(k, nom: n, typologie: t)
                v.adresseVariante = ("Hôtel de ville", "place de la Mairie")
                place(v, .hotelDeVille)
            } else if roll < 66 {
                let (n, t) = nomLieu(k)
                place(base(k, nom: n, typologie: t), .numeroAbsent)
            } else if roll < 72 {
                let (n, t) = nomLieu(k)
                place(base(k, nom: n, typologie: t), .coordCommune)
            } else if roll < 78 {
                let (n, t) = nomLieu(k)
                place(base(k, nom: n, typologie: t), .coordRue)
            } else if roll < 84 {
                // Two libraries of one commune with the same generic name, at different addresses.
                for _ in 0..<2 { place(base(k, nom: "Médiathèque municipale", typologie: "BIB"), .homonymes) }
            } else if roll < 90 {
                // The commune's libraries share one SIRET, and are a few hundred metres apart.
                let s = siret()
                let first = base(k, nom: "Médiathèque " + r.pick(noms), typologie: "BIB")
                for i in 0..<2 {
                    var v = i == 0 ? first : base(k, nom: "Bibliothèque " + r.pick(prenoms) + " " + r.pick(noms), typologie: "BIB")
                    if i == 1 { v.lat = first.lat + 0.002; v.lon = first.lon + 0.002 }
                    v.siret = s
                    place(v, .siretPartage)
                }
            } else if roll < 95 {
                // A mairie, its CCAS and a France Services in one building, one switchboard.
                let b = base(k, nom: "", typologie: "")
                for (n, t) in [("Mairie de \(cm.nom)", "MUNI"), ("CCAS de \(cm.nom)", "CCAS"), ("France Services \(cm.nom)", "RFS")] {
                    var v = b
                    v.nom = n
                    v.typologie = t
                    v.mail = "contact-\(t.lowercased())-\(k)@exemple-\(k).fr"
                    v.tel2 = phone()
                    place(v, .memeBatiment)
                }
            } else {
                let (n, t) = nomLieu(k)
                place(base(k, nom: n, typologie: t), .doublonSource)
            }
        }
        return c
    }

    /// Pairwise scores of one trap kind.
    public struct Scores: Sendable {
        public var vraisPositifs = 0, fauxPositifs = 0, fauxNegatifs = 0
        public var precision: Double { vraisPositifs + fauxPositifs == 0 ? 1 : Double(vraisPositifs) / Double(vraisPositifs + fauxPositifs) }
        public var rappel: Double { vraisPositifs + fauxNegatifs == 0 ? 1 : Double(vraisPositifs) / Double(vraisPositifs + fauxNegatifs) }
        public var f1: Double { precision + rappel == 0 ? 0 : 2 * precision * rappel / (precision + rappel) }
    }

    /// Pairwise evaluation: a predicted pair is true when both records describe one entity; a
    /// false pair counts against the traps of both its entities, a missed pair against its entity's.
    public static func evaluate(_ corpus: Corpus, _ clusters: [Cluster], debug: ((String) -> Void)? = nil) -> (total: Scores, parPiege: [Piege: Scores]) {
        var index: [String: Int] = [:]
        for (i, l) in corpus.lieux.enumerated() { index[l.cle] = i }
        var total = Scores()
        var per: [Piege: Scores] = [:]
        var predictedTrue: [Int32: Int] = [:]
        for c in clusters where c.membres.count > 1 {
            let ids = c.membres.map { index[$0.cle]! }
            for x in 0..<ids.count {
                for y in (x + 1)..<ids.count {
                    let ea = corpus.entite[ids[x]], eb = corpus.entite[ids[y]]
                    if ea == eb {
                        total.vraisPositifs += 1
                        per[corpus.piege[Int(ea)], default: Scores()].vraisPositifs += 1
                        predictedTrue[ea, default: 0] += 1
                    } else {
                        total.fauxPositifs += 1
                        if let debug, total.fauxPositifs <= 15 {
                            debug("FP [\(corpus.piege[Int(ea)].rawValue)/\(corpus.piege[Int(eb)].rawValue)] " + describe(corpus.lieux[ids[x]]) + "  <>  " + describe(corpus.lieux[ids[y]]) + " :: " + (c.paires.first { Set([$0.a, $0.b]) == Set([corpus.lieux[ids[x]].cle, corpus.lieux[ids[y]].cle]) }.map { "\($0.score) \($0.niveaux)" } ?? ""))
                        }
                        per[corpus.piege[Int(ea)], default: Scores()].fauxPositifs += 1
                        if corpus.piege[Int(eb)] != corpus.piege[Int(ea)] { per[corpus.piege[Int(eb)], default: Scores()].fauxPositifs += 1 }
                    }
                }
            }
        }
        var size: [Int32: Int] = [:]
        for e in corpus.entite { size[e, default: 0] += 1 }
        for (e, n) in size where n > 1 {
            let missed = n * (n - 1) / 2 - (predictedTrue[e] ?? 0)
            total.fauxNegatifs += missed
            per[corpus.piege[Int(e)], default: Scores()].fauxNegatifs += missed
        }
        return (total, per)
    }

    static func describe(_ l: Lieu) -> String {
        "\(l.cle) « \(l[.nom] ?? "") » \(l[.adresse] ?? "-") \(l[.codeInsee] ?? "") \(l.latitude.map { String($0) } ?? "-"),\(l.longitude.map { String($0) } ?? "-") \(l[.telephone] ?? "-") \(l.siret ?? "-")"
    }

    /// Runs the benchmark at each size and returns the French report.
    public static func run(tailles: [Int], schemasPath: String, log: @escaping (String) -> Void = { print($0) }) throws {
        let poids = try MatchWeights.load(path: schemasPath + "/dedoublonnage/poids.json")
        let matcher = ProbabilisticDeduplicator(priorite: ["national", "dora", "lizmap", "partenaire"], poids: poids)
        log("Banc d'essai du dédoublonnage — \(Parallel.workers) cœur(s), seuils fusion \(poids.fusion), revue \(poids.revue)")
        for n in tailles {
            let t0 = Date()
            let corpus = generate(records: n)
            let tGen = Date().timeIntervalSince(t0)
            var shuffled = corpus.lieux
            var rng = RNG(s: 7)
            for i in 0..<shuffled.count { shuffled.swapAt(i, i + rng.int(shuffled.count - i)) }
            func cpu() -> Double {
                var u = rusage()
                getrusage(RUSAGE_SELF.rawValue, &u)
                return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
            }
            let c1 = cpu()
            let t1 = Date()
            var timings: [(String, Double)] = []
            let outcome = matcher.run(shuffled, chrono: { timings.append(($0, $1)) })
            let tDedup = Date().timeIntervalSince(t1)
            let cDedup = cpu() - c1
            let debug = ProcessInfo.processInfo.environment["UNEFOIS_BENCH_DEBUG"] != nil
            let (total, per) = evaluate(corpus, outcome.clusters, debug: debug ? log : nil)
            if debug {
                var index: [String: Int] = [:]
                for (i, l) in corpus.lieux.enumerated() { index[l.cle] = i }
                var shown = 0
                for p in outcome.aRevoir where shown < 15 && corpus.entite[index[p.a]!] == corpus.entite[index[p.b]!] {
                    shown += 1
                    log("FN? [\(corpus.piege[Int(corpus.entite[index[p.a]!])].rawValue)] \(p.score) \(p.statut) \(p.motif) " + describe(corpus.lieux[index[p.a]!]) + "  <>  " + describe(corpus.lieux[index[p.b]!]) + " :: \(p.niveaux)")
                }
            }
            log("")
            log("\(n) enregistrements (\(corpus.piege.count) lieux réels, \(outcome.candidats) paires candidates, \(outcome.aRevoir.count) paires à revoir) : dédoublonnage \(String(format: "%.2f", tDedup)) s (temps CPU \(String(format: "%.2f", cDedup)) s ; génération \(String(format: "%.1f", tGen)) s)")
            log("  phases : " + timings.map { "\($0.0) \(String(format: "%.2f", $0.1)) s" }.joined(separator: ", "))
            func line(_ name: String, _ s: Scores) -> String {
                name.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "précision %.4f  rappel %.4f  F1 %.4f  (VP %d, FP %d, FN %d)", s.precision, s.rappel, s.f1, s.vraisPositifs, s.fauxPositifs, s.fauxNegatifs)
            }
            log("  " + line("TOUS", total))
            for p in Piege.allCases { if let s = per[p] { log("  " + line(p.rawValue, s)) } }
        }
    }
}
