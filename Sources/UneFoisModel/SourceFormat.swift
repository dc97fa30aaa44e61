import UneFoisCore

/// The formats unefois reads, each with its reader, its default mapping and its traits: the one
/// place a format's name is known. A configuration or `--source` naming another format is refused
/// when it is parsed, so later stages never check a format's name again.
///
/// See the README's « Formats » list and `schemas/correspondances/` for the shipped mappings.
public enum SourceFormat: String, CaseIterable, Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The *standard des lieux de médiation numérique* CSV, v1.x (or v0.1.x, recognised from its header).
    case mednum
    /// data·inclusion structures (and services) JSON, v0 or v1.
    case datainclusion
    /// DORA's API export (data·inclusion shaped, paginated).
    case dora
    /// The ANCT list of France Services (CSV).
    case franceServices = "france-services"
    /// La Coop de la médiation numérique's activity export (CSV or .xlsx).
    case coop
    /// GeoJSON feature collection (Lizmap export).
    case geojson
    /// WFS GetFeature GML 2/3.
    case gml
    /// GeoPackage point layer.
    case gpkg
    /// Any CSV described by a mapping file.
    case csv
    /// Any JSON described by a mapping file.
    case json

    /// How a format's bytes are read.
    public enum Reader: Sendable {
        /// Streamed CSV (or an .xlsx workbook given instead).
        case table
        case json
        case geojson
        case gml
        case geopackage
    }

    public var reader: Reader {
        switch self {
        case .mednum, .franceServices, .coop, .csv: return .table
        case .datainclusion, .dora, .json: return .json
        case .geojson: return .geojson
        case .gml: return .gml
        case .gpkg: return .geopackage
        }
    }

    /// The shipped mapping (`schemas/correspondances/<name>.json`) used when the configuration
    /// gives none; nil when the columns already carry the standard's names (identity mapping) or
    /// when a mapping is required.
    public var defaultMapping: String? {
        switch self {
        case .dora, .datainclusion, .franceServices, .coop: return rawValue
        case .mednum, .geojson, .gml, .gpkg, .csv, .json: return nil
        }
    }

    /// True for the generic formats, which need a mapping file.
    public var requiresMapping: Bool { self == .csv || self == .json }

    /// True when an .xlsx workbook is accepted in place of the CSV file.
    public var acceptsWorkbook: Bool { reader == .table }

    /// True when a file may hold data·inclusion services to attach to their structures.
    public var carriesServices: Bool { self == .datainclusion || self == .dora }

    /// The names, in the order they are documented (for messages).
    public static var names: [String] { allCases.map(\.rawValue) }

    public var description: String { rawValue }

    /// A format written in code (`"mednum"`); an unknown literal is a programming error.
    public init(stringLiteral value: String) {
        guard let f = SourceFormat(rawValue: value) else { preconditionFailure("unknown source format literal \(value)") }
        self = f
    }
}
