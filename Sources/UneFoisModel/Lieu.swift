import UneFoisCore
/// A mediation place as one source describes it, normalised to the standard's fields.
///
/// Values are stored per ``Champ``; list fields hold several items, single fields one. Each value
/// remembers the source column it came from, and the record its ``Provenance``, so any published
/// value can be explained.
public struct Lieu: Sendable {
    /// One value and where it came from.
    public struct Valeur: Sendable, Equatable {
        public var items: [String]
        /// Source column (or `constante`, `calcul`) the value came from.
        public var colonne: String

        public init(_ items: [String], colonne: String) {
            self.items = items
            self.colonne = colonne
        }
    }

    /// Source name (configuration) + `--` + the record's id in the source.
    public var cle: String
    /// The record's id in its source.
    public var idSource: String
    public var provenance: Provenance
    public var valeurs: [Champ: Valeur] = [:]
    /// SIRET, when the source gives one (also used for `pivot`).
    public var siret: String?
    /// Latitude/longitude in WGS84 degrees, when known and valid.
    public var latitude: Double?
    public var longitude: Double?
    /// For a consolidated place: fields whose value came from another member than the anchor.
    public var originesAutres: [Champ: Provenance] = [:]
    /// For a consolidated place: why each field's value was chosen (survivorship rule), in French.
    public var raisons: [Champ: String] = [:]
    /// For a consolidated place: the data·inclusion networks (`reseaux_porteurs`) of its national
    /// programmes, derived by the consolidation stage.
    public var reseauxPorteurs: [String] = []

    public init(idSource: String, provenance: Provenance) {
        self.idSource = idSource
        self.cle = provenance.source + "--" + idSource
        self.provenance = provenance
    }

    /// The single value of a field (first item), nil when empty.
    public subscript(champ: Champ) -> String? {
        get { valeurs[champ]?.items.first }
    }

    /// All items of a field (empty when absent).
    public func liste(_ champ: Champ) -> [String] {
        valeurs[champ]?.items ?? []
    }

    /// Sets a field; empty items are dropped and an empty list removes the field.
    public mutating func set(_ champ: Champ, _ items: [String], colonne: String) {
        let clean: [String]
        if items.count <= 1 {
            clean = items.filter { !$0.isEmpty }
        } else {
            var seen = Set<String>()
            clean = items.filter { !$0.isEmpty && seen.insert($0).inserted }
        }
        if clean.isEmpty { valeurs[champ] = nil } else { valeurs[champ] = Valeur(clean, colonne: colonne) }
    }

    public mutating func set(_ champ: Champ, _ value: String?, colonne: String) {
        set(champ, value.map { [$0] } ?? [], colonne: colonne)
    }

    /// Removes a field (a value that failed validation).
    public mutating func remove(_ champ: Champ) {
        valeurs[champ] = nil
    }
}
