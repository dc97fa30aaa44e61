import UneFoisCore

/// Where each data file of the `schemas/` folder is: the one place their relative paths are
/// written. Built from the folder's root (the resource bundle at run time, see `Resources`).
public struct SchemaCatalogue: Sendable, Equatable {
    /// The `schemas/` folder.
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// Table Schema of the standard, v1.0.2 (the published CSV's schema).
    public var standardSchema: String { standardSchema(named: "schema_v1.0.2.json") }

    /// A file of the standard's folder (`schema_v1.0.2.json`, `schema_v0.1.1.json`...).
    public func standardSchema(named name: String) -> String { root + "/standard-mediation-num/" + name }

    /// data·inclusion v1 JSON Schemas.
    public var dataInclusionStructureSchema: String { root + "/data-inclusion/v1/structure.json" }
    public var dataInclusionServiceSchema: String { root + "/data-inclusion/v1/service.json" }

    /// Crosswalk tables (`source,cible` CSVs) loaded by ``CrosswalkStore``.
    public var crosswalkTables: String { root + "/correspondances/tables" }

    /// A shipped mapping by name (`dora`, `coop`, `mednum-v0`, `datainclusion-services`...).
    public func mapping(named name: String) -> String { root + "/correspondances/" + name + ".json" }

    /// The commune reference table (INSEE code, name, postal codes, territory).
    public var communes: String { root + "/referentiels/communes.csv" }

    /// The communes' outlines (GeoJSON, Vaucluse).
    public var communeOutlines: String { root + "/referentiels/communes-84-vaucluse.geojson" }

    /// Weights of the deduplication's match features (Fellegi–Sunter m/u, thresholds).
    public var matchWeights: String { root + "/dedoublonnage/poids.json" }

    /// Column-name synonyms used by `inspect` to draft a mapping.
    public var columnSynonyms: String { root + "/inspection/synonymes-colonnes.csv" }
}
