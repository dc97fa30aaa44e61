import UneFoisCore
import UneFoisModel
/// A mapping file: how the columns of one source become the fields of the shared model.
///
/// Written by the data officer (JSON, French keys, documented in `docs/CORRESPONDANCES.md`);
/// built-in formats ship theirs under `schemas/correspondances/`. Loaded and checked by
/// ``MappingLoader``, applied to records by ``MappingApplier``.
public struct Mapping: Sendable {
    /// What the records of the source describe.
    public enum Cible: String, Sendable {
        case lieu, activite, suivi
        /// A service attached to a place of the same source by `structure_id` (data·inclusion).
        case service
    }

    /// How one target field is computed.
    public struct Regle: Sendable {
        /// A keyword rule: when `colonnes` contain one of `termes` (or `egal`), add `alors`.
        public struct Condition: Sendable {
            public var colonnes: [String]
            public var termes: [String]
            public var egal: Bool
            public var alors: [String]
        }

        public var colonnes: [String] = []
        public var joindre: String = " "
        public var constante: [String]? = nil
        public var separateur: String? = nil
        /// Source term (folded) → target values.
        public var valeurs: [String: [String]]? = nil
        public var inconnu: Inconnu = .signaler
        public var conditions: [Condition] = []
        /// OSM day code → column, for per-day opening hours.
        public var jours: [(jour: String, colonne: String)] = []
        public var format: String? = nil
        public var defaut: [String]? = nil
        /// 1 or 2: the first or second number of a cell holding both coordinates
        /// (« 43.83, 5.04 », « 43,83 ; 5,04 »), see ``CoordinateText``.
        public var partie: Int? = nil

        public init() {}
    }

    /// What to do with a source term that `valeurs` does not know.
    public enum Inconnu: String, Sendable {
        case signaler, garder, ignorer
    }

    public var nom: String
    public var cible: Cible
    public var lecture = CSVReadOptions()
    /// Rows to skip: column → folded values (e.g. a « Total » row).
    public var ignorer: [(colonne: String, valeurs: Set<String>)] = []
    /// Columns forming the record's id in the source (joined with `-`); empty = line number.
    public var identifiant: [String] = []
    /// Columns whose folded values are hashed into the record's id (`"identifiant": {"empreinte": [ … ]}`),
    /// for exports without an id column: stable when rows are reordered or inserted.
    public var empreinte: [String] = []
    /// Target field name → rule, in file order.
    public var champs: [(champ: String, regle: Regle)] = []

    public init(nom: String, cible: Cible) {
        self.nom = nom
        self.cible = cible
    }

    /// The rule of target field `champ`, if the mapping has one.
    public func regle(_ champ: String) -> Regle? {
        champs.first { $0.champ == champ }?.regle
    }
}
