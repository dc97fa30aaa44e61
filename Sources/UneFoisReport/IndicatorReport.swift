import Foundation
import UneFoisCore
import UneFoisModel

/// The indicator report (`rapport.html`, `rapport.md`, and `rapport-interne.html` with exact
/// figures) and the dashboard file behind it (`indicateurs.csv`): the roadmap's indicators for a
/// period, axe by axe and action by action, from the consolidated run.
///
/// A pure renderer: same run, roadmap and period → same bytes. Counts of people from 1 to 10 are
/// masked across every published table at once (see ``SecretStatistique``).
public enum IndicatorReport {
    /// What the report is built from.
    public struct Contexte: Sendable {
        public var run: RunResult
        public var feuille: FeuilleDeRoute
        public var periode: Periode
        public var carte: CarteCommunes?
        /// Also build the annual review of `periode` (a calendar year).
        public var bilan: Bool
        public init(run: RunResult, feuille: FeuilleDeRoute, periode: Periode, carte: CarteCommunes?, bilan: Bool = false) {
            self.run = run
            self.feuille = feuille
            self.periode = periode
            self.carte = carte
            self.bilan = bilan
        }
    }

    /// Everything the report produces.
    public struct Sortie: Sendable {
        public var rapport: ReportDocument
        public var interne: ReportDocument
        public var indicateurs: [Indicateur]
        /// The annual review, when asked for (same secrecy as the report: its counts are masked
        /// together with the report's).
        public var bilan: ReportDocument?
        /// Published counts of people and the masks applied (for the secrecy test).
        public var secret: SecretStatistique
        public var primaires: Set<Int>
        public var secondaires: Set<Int>
    }

    /// Formats an integer the French way (narrow no-break space between thousands).
    public static func n(_ v: Int) -> String { Francais.n(v) }

    /// A decimal number the French way: `0,94`.
    public static func decimal(_ d: Double) -> String { Francais.decimal(d, decimales: 2) }

    /// Default period: the last twelve full months of the activity data (else the calendar year of
    /// the reference date).
    public static func periodeParDefaut(_ r: RunResult) -> Periode {
        let last = (r.activites.map(\.date) + r.suivis.map(\.date)).filter { Periode.parse($0) != nil }.max()
        if let last, let p = Periode.douzeDerniersMois(derniereDate: String(last.prefix(10))) { return p }
        if let (y, _, _) = Periode.parse(r.dateReference) { return .annee(y) }
        return .annee(2025)
    }

    /// Builds the public report (masked), the internal one (exact) and the dashboard rows.
    public static func build(_ c: Contexte) -> Sortie {
        let donnees = Donnees(c)
        let enregistrement = Publication(mode: .enregistrement)
        var premier = RapportBuilder(donnees, enregistrement)
        _ = premier.construire()
        let pub = Publication(masques: enregistrement)
        var second = RapportBuilder(donnees, pub)
        let (rapport, csv) = second.construire()
        let bilan = second.bilan
        var exact = RapportBuilder(donnees, Publication(mode: .interne))
        let (interne, _) = exact.construire()
        return Sortie(rapport: rapport, interne: interne, indicateurs: csv, bilan: bilan, secret: pub.secret,
                      primaires: pub.primaires, secondaires: pub.secondaires)
    }
}

/// The run's records, classified under the roadmap's actions, with their place and commune.
struct Donnees {
    let c: IndicatorReport.Contexte
    var r: RunResult { c.run }
    var f: FeuilleDeRoute { c.feuille }
    /// Action id of each activity (nil: outside the roadmap).
    let actionActivite: [String?]
    let actionSuivi: [String?]
    /// Index in `r.publies` of the published places that activities name, by id.
    let lieuxParId: [String: Int]
    /// Communes of the territory (code, name), in name order.
    let communes: [(code: String, nom: String)]
    let nomCommune: [String: String]
    /// What the report says about the published places, counted once.
    let lieux: AgregatsLieux
    /// Atom ids for suivis come after the activities'.
    var decalageSuivis: Int { r.activites.count }

    init(_ c: IndicatorReport.Contexte) {
        self.c = c
        var parId: [String: Int] = [:]
        let nommes = Set(c.run.activites.compactMap(\.lieuId))
        if !nommes.isEmpty {
            for (i, l) in c.run.publies.enumerated() { if let id = l[.id], nommes.contains(id) { parId[id] = i } }
        }
        lieuxParId = parId
        let publies = c.run.publies
        actionActivite = c.run.activites.map { a in
            c.feuille.action(of: a, dispositifsDuLieu: a.lieuId.flatMap { parId[$0].map { publies[$0].liste(.dispositifProgrammesNationaux) } } ?? [])
        }
        actionSuivi = c.run.suivis.map { c.feuille.action(of: $0) }
        var names: [String: String] = [:]
        if let carte = c.carte {
            for k in carte.communes { names[k.code] = k.nom }
        } else {
            for l in c.run.publies { if let code = l[.codeInsee] { names[code] = l[.commune] ?? code } }
        }
        nomCommune = names
        communes = names.map { (code: $0.key, nom: $0.value) }.sorted { ($0.nom, $0.code) < ($1.nom, $1.code) }
        lieux = AgregatsLieux(c.run, carte: c.carte, nomCommune: names, communes: communes)
    }

    /// Indices of the activities of `periode` under `action` (and of `nature` when given).
    func activites(_ periode: Periode, action: String? = nil, nature: Activite.Nature? = nil) -> [Int] {
        r.activites.indices.filter { i in
            let a = r.activites[i]
            return periode.contient(a.date) && actionActivite[i] != nil && (action == nil || actionActivite[i] == action)
                && (nature == nil || a.nature == nature)
        }
    }

    func suivis(_ periode: Periode, action: String? = nil, type: String? = nil) -> [Int] {
        r.suivis.indices.filter { i in
            periode.contient(r.suivis[i].date) && actionSuivi[i] != nil && (action == nil || actionSuivi[i] == action)
                && (type == nil || r.suivis[i].type == type)
        }
    }

    func lieu(_ a: Activite) -> Lieu? { a.lieuId.flatMap { lieuxParId[$0] }.map { r.publies[$0] } }

    /// Name of the activity's place as published (« Médiathèque de Robion »).
    func nomLieu(_ a: Activite) -> String { lieu(a)?[.nom] ?? "lieu non reconnu « \(a.lieuNom) »" }

    /// INSEE code of the activity's commune (its place's, else its own).
    func codeCommune(_ a: Activite) -> String? { lieu(a)?[.codeInsee] ?? a.codeInsee }

    /// People atoms of activities (id, participants).
    func atomes(_ idx: [Int]) -> [(Int, Int)] { idx.map { ($0, max(0, r.activites[$0].participants)) } }
    func atomesSuivis(_ idx: [Int]) -> [(Int, Int)] { idx.map { (decalageSuivis + $0, max(0, r.suivis[$0].participants ?? 0)) } }

    func minutes(_ idx: [Int]) -> Int { idx.reduce(0) { $0 + (r.activites[$1].dureeMinutes ?? 0) } }
    func nombre(_ idx: [Int]) -> Int { idx.reduce(0) { $0 + max(0, r.activites[$1].nombre) } }

    /// Whether the data reaches back to the period a year before.
    func aDesDonnees(_ p: Periode) -> Bool {
        r.activites.contains { p.contient($0.date) } || r.suivis.contains { p.contient($0.date) }
    }

}

/// Everything the report counts over the published places, in one pass: the report is built
/// three times (recording the masks, public, internal) and a national run publishes 300,000
/// places, so no section walks or copies them itself.
struct AgregatsLieux {
    /// The information whose presence action 3.3 counts, in the table's order.
    static let completude: [(libelle: String, donne: @Sendable (Lieu) -> Bool)] = [
        ("Horaires d'ouverture", { $0[.horaires] != nil }), ("Téléphone", { $0[.telephone] != nil }),
        ("Courriel", { $0[.courriels] != nil }), ("Site web", { $0[.siteWeb] != nil }),
        ("Position sur la carte", { $0.latitude != nil }), ("Services proposés", { $0[.services] != nil }),
        ("Publics accueillis", { $0[.publicsSpecifiquementAdresses] != nil }), ("Modalités d'accès", { $0[.modalitesAcces] != nil }),
        ("Prise de rendez-vous en ligne", { $0[.priseRdv] != nil }),
    ]

    /// Places of the territory's communes (every place without the communes' outlines).
    var territoire = 0
    /// Communes of the territory with at least one place.
    var communesCouvertes = 0
    /// Mean quality score of the published places (0 when none is scored).
    var scoreMoyen = 0.0
    /// Places giving each information of ``completude``.
    var completude = Array(repeating: 0, count: AgregatsLieux.completude.count)
    /// Places by INSEE code, and by kind (in `TypeLieu.allCases` order).
    var parCommune: [String: (total: Int, parType: [Int])] = [:]
    /// The map of the territory (its communes and places), when the outlines are known.
    var carte: String?

    init(_ r: RunResult, carte: CarteCommunes?, nomCommune: [String: String], communes: [(code: String, nom: String)]) {
        var couvertes = Set<String>()
        var somme = 0.0, scores = 0
        var points: [Graphiques.Point] = []
        let types = TypeLieu.allCases
        for l in r.publies {
            let code = l[.codeInsee]
            if carte == nil || nomCommune[code ?? ""] != nil {
                territoire += 1
                if let code { couvertes.insert(code) }
            }
            if let id = l[.id], let q = r.qualite[id] { somme += q.score; scores += 1 }
            for (k, info) in AgregatsLieux.completude.enumerated() where info.donne(l) { completude[k] += 1 }
            let type = TypeLieu(l)
            if let code {
                var c = parCommune[code] ?? (0, Array(repeating: 0, count: types.count))
                c.total += 1
                c.parType[types.firstIndex(of: type)!] += 1
                parCommune[code] = c
            }
            if carte != nil, let la = l.latitude, let lo = l.longitude {
                points.append(Graphiques.Point(lon: lo, lat: la, type: type, nom: l[.nom] ?? ""))
            }
        }
        communesCouvertes = couvertes.count
        scoreMoyen = scores == 0 ? 0 : somme / Double(scores)
        if let carte {
            let sans = Set(communes.filter { parCommune[$0.code] == nil }.map(\.code))
            self.carte = Graphiques.carte(id: "carte", carte: carte, points: points, communesSansLieu: sans)
            nombrePoints = points.count
        }
    }

    /// Places drawn on the map.
    var nombrePoints = 0
}

/// The kinds of places the map and the territory table tell apart.
public enum TypeLieu: String, CaseIterable, Sendable {
    case mediatheque, franceServices, autre

    /// The kind of a place: France Services by its programme, médiathèque by its typology or name.
    init(_ l: Lieu) {
        if l.liste(.dispositifProgrammesNationaux).contains("France Services") { self = .franceServices; return }
        let nom = TextFolding.key(l[.nom] ?? "")
        self = l.liste(.typologie).contains("BIB") || nom.contains("mediatheque") || nom.contains("bibliotheque") ? .mediatheque : .autre
    }

    public var libelle: String {
        switch self {
        case .mediatheque: return "Médiathèque"
        case .franceServices: return "France Services"
        case .autre: return "Autre lieu de médiation"
        }
    }
}

/// One row of `indicateurs.csv`.
public struct Indicateur: Sendable, Equatable {
    /// `aaaa-mm` for a month, or the whole period as `aaaa-mm-jj/aaaa-mm-jj`.
    public var periode: String
    public var axe: String
    public var action: String
    public var actionLibelle: String
    public var indicateur: String
    public var indicateurLibelle: String
    public var codeInsee: String
    public var commune: String
    /// Empty when masked.
    public var valeur: String
    public var unite: String
    /// `publie`, `masque` (1 to 10 people) or `secret` (masked so another cannot be recomputed).
    public var statut: String
}
