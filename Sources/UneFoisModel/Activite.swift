import UneFoisCore
/// One activity record: an individual accompaniment, a collective workshop or a batch of
/// administrative procedures (démarches), attached to a place and to an action of the roadmap.
///
/// Never holds names, e-mails or phones of the people helped, nor of the médiateurs.
public struct Activite: Sendable, Equatable {
    /// What kind of activity it is.
    public enum Nature: String, Sendable, CaseIterable, Comparable {
        case individuel, collectif, demarche

        public var libelle: String {
            switch self {
            case .individuel: return "Accompagnement individuel"
            case .collectif: return "Atelier collectif"
            case .demarche: return "Démarches (France Services)"
            }
        }

        public static func < (a: Nature, b: Nature) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var idSource: String
    /// ISO date `yyyy-mm-dd`.
    public var date: String
    public var nature: Nature
    /// Roadmap action code, e.g. `1.1`, `2.2`.
    public var action: String
    /// Name of the place as the source writes it.
    public var lieuNom: String
    public var codeInsee: String?
    public var commune: String?
    public var dureeMinutes: Int?
    /// Number of people (1 for an individual accompaniment).
    public var participants: Int
    /// Number of procedures for `demarche` (1 otherwise).
    public var nombre: Int
    public var thematiques: [String]
    /// The standard's services the activity falls under (from the themes, via a crosswalk).
    public var services: [String] = []
    /// France Services partner (DGFiP, CAF...) for démarches.
    public var partenaire: String?
    public var atelier: String?
    public var avecRdv: Bool?
    public var provenance: Provenance
    /// Consolidated place id, once linked.
    public var lieuId: String?

    public init(idSource: String, date: String, nature: Nature, action: String, lieuNom: String,
                codeInsee: String? = nil, commune: String? = nil, dureeMinutes: Int? = nil,
                participants: Int, nombre: Int = 1, thematiques: [String] = [], partenaire: String? = nil,
                atelier: String? = nil, avecRdv: Bool? = nil, provenance: Provenance) {
        self.idSource = idSource
        self.date = date
        self.nature = nature
        self.action = action
        self.lieuNom = lieuNom
        self.codeInsee = codeInsee
        self.commune = commune
        self.dureeMinutes = dureeMinutes
        self.participants = participants
        self.nombre = nombre
        self.thematiques = thematiques
        self.partenaire = partenaire
        self.atelier = atelier
        self.avecRdv = avecRdv
        self.provenance = provenance
    }
}
