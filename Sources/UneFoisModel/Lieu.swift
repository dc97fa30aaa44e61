import UneFoisCore
/// A mediation place as one source describes it, normalised to the standard's fields.
///
/// Values are stored per ``Champ``; list fields hold several items, single fields one. Each value
/// remembers the source column it came from, and the record its ``Provenance``, so any published
/// value can be explained.
public struct Lieu: Sendable {
    /// One value and where it came from.
    ///
    /// Most fields hold one item: it is kept inline (`premier`), and only the further items of a
    /// list take an array, so a single value costs no allocation of its own.
    public struct Valeur: Sendable, Equatable {
        /// The first item ("" with no further item means no item at all).
        public private(set) var premier: String
        /// The items after the first (empty for a single value).
        public private(set) var suite: [String]
        /// Source column (or `constante`, `calcul`) the value came from.
        public var colonne: String

        /// A single item (no array built).
        public init(_ item: String, colonne: String) {
            self.premier = item
            self.suite = []
            self.colonne = colonne
        }

        public init(_ items: [String], colonne: String) {
            self.premier = items.first ?? ""
            self.suite = items.count > 1 ? Array(items.dropFirst()) : []
            self.colonne = colonne
        }

        /// Every item, in order.
        public var items: [String] {
            if suite.isEmpty { return premier.isEmpty ? [] : [premier] }
            return [premier] + suite
        }

        /// The items joined with `sep` (the standard's list form with `|`), without building the
        /// item array.
        public func joined(separator sep: String) -> String {
            if suite.isEmpty { return premier }
            var out = premier
            for x in suite { out += sep; out += x }
            return out
        }
    }

    /// Source name (configuration) + `--` + the record's id in the source.
    public var cle: String
    /// The record's id in its source.
    public var idSource: String
    public var provenance: Provenance
    public var valeurs = Valeurs()
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
        get {
            valeurs.first(champ)
        }
    }

    /// All items of a field (empty when absent).
    public func liste(_ champ: Champ) -> [String] {
        valeurs.items(champ)
    }

    /// Sets a field; empty items are dropped and an empty list removes the field.
    public mutating func set(_ champ: Champ, _ items: [String], colonne: String) {
        if items.count <= 1 {
            set(champ, items.first, colonne: colonne)
            return
        }
        // Lists are short: duplicates found by scanning what is kept.
        var clean: [String] = []
        clean.reserveCapacity(items.count)
        for item in items where !item.isEmpty && !clean.contains(item) { clean.append(item) }
        if clean.isEmpty { valeurs[champ] = nil } else { valeurs[champ] = Valeur(clean, colonne: colonne) }
    }

    public mutating func set(_ champ: Champ, _ value: String?, colonne: String) {
        if let value, !value.isEmpty { valeurs[champ] = Valeur(value, colonne: colonne) } else { valeurs[champ] = nil }
    }

    /// Removes a field (a value that failed validation).
    public mutating func remove(_ champ: Champ) {
        valeurs[champ] = nil
    }
}
