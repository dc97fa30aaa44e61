import UneFoisCore
import UneFoisModel

/// What ingesting any source of a run needs, loaded once: the configuration, where the schema and
/// mapping files are, the crosswalk tables, the territory, and the place builder and validator.
/// It also knows how a source's files are read (``read(spec:path:mapping:bytes:fileName:)``) and
/// which mapping applies (``mapping(for:)``), so a ``SourceIngestion`` never reaches back into the
/// pipeline that runs it.
package struct IngestContext {
    package let configuration: Configuration
    package let catalogue: SchemaCatalogue
    package let crosswalks: CrosswalkStore
    package let territoire: Territoire
    package let builder: LieuBuilder
    package let validator: LieuValidator
    /// INSEE codes of the territory's communes.
    package let inTerritory: Set<String>

    package init(configuration: Configuration, catalogue: SchemaCatalogue, crosswalks: CrosswalkStore, territoire: Territoire,
                 builder: LieuBuilder, validator: LieuValidator) {
        self.configuration = configuration
        self.catalogue = catalogue
        self.crosswalks = crosswalks
        self.territoire = territoire
        self.builder = builder
        self.validator = validator
        inTerritory = territoire.codesTerritoire
    }

    /// The file name shown in messages and outputs: relative to the configuration folder.
    package func displayName(_ path: String) -> String { configuration.displayName(path) }

    /// The mapping of a source: its own file, a built-in by name, or the format's default.
    package func mapping(for spec: SourceSpec) throws -> Mapping {
        if let m = spec.correspondance {
            let builtin = catalogue.mapping(named: m)
            if !m.hasSuffix(".json") && FileManagerShim.exists(builtin) {
                return try MappingLoader.load(path: builtin, crosswalks: crosswalks)
            }
            let path = FileManagerShim.resolve(m, relativeTo: configuration.base)
            guard FileManagerShim.exists(path) else {
                throw OperationalError(.configuration, "Source « \(spec.nom) » : fichier de correspondance introuvable : \(path).")
            }
            return try MappingLoader.load(path: path, crosswalks: crosswalks)
        }
        if let name = spec.format.defaultMapping {
            return try MappingLoader.load(path: catalogue.mapping(named: name), crosswalks: crosswalks)
        }
        return Mapping(nom: "standard (colonnes du même nom)", cible: .lieu)
    }

    /// Reads a whole non-CSV file into a table.
    package func read(spec: SourceSpec, path: String, mapping: Mapping, bytes: UnsafeRawBufferPointer, fileName: String) throws -> SourceTable {
        switch spec.format.reader {
        case .table:
            // CSV tables are streamed by SourceIngestion; what reaches here is a workbook.
            return try XLSXReader.read(bytes: bytes, source: spec.nom, file: fileName, sheetName: spec.feuille, options: mapping.lecture)
        case .geopackage:
            return try GeoPackageReader.read(path: path, source: spec.nom, file: fileName, table: spec.feuille)
        case .json:
            return try JSONRecordReader.read(bytes: bytes, source: spec.nom, file: fileName)
        case .geojson:
            return try GeoJSONReader.read(bytes: bytes, source: spec.nom, file: fileName)
        case .gml:
            return try GMLReader.read(bytes: bytes, source: spec.nom, file: fileName)
        }
    }

    /// True for an .xlsx workbook (a zip archive: `PK\u{3}\u{4}`), which the table formats accept
    /// as well as CSV.
    package static func isWorkbook(_ bytes: UnsafeRawBufferPointer, path: String) -> Bool {
        let zip = bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
        return zip || FileKind.of(bytes) == .ole2 || path.lowercased().hasSuffix(".xlsx") || path.lowercased().hasSuffix(".xls")
    }

    /// True when a standard CSV is in the v0.1.x shape (see ``StandardVersion``).
    package static func isLegacyStandard(_ table: SourceTable) -> Bool {
        StandardVersion.detect(columns: table.columns).version == .v01
    }

    /// The mapping for files whose columns already have the standard's names.
    package static func identityMapping(for table: SourceTable, format: SourceFormat) -> Mapping {
        var m = Mapping(nom: "standard (colonnes du même nom)", cible: .lieu)
        if table.index(of: "id") != nil { m.identifiant = ["id"] } else if table.index(of: "@id") != nil { m.identifiant = ["@id"] }
        for champ in Champ.allCases where champ != .id && table.index(of: champ.rawValue) != nil {
            var r = Mapping.Regle()
            r.colonnes = [champ.rawValue]
            m.champs.append((champ.rawValue, r))
        }
        for extra in ["siret", "rna"] where table.index(of: extra) != nil {
            var r = Mapping.Regle()
            r.colonnes = [extra]
            m.champs.append((extra, r))
        }
        return m
    }
}
