import UneFoisCore
import UneFoisModel
/// Reads one table of an OGC GeoPackage (OGC 12-128r18, <https://www.geopackage.org/spec/>)
/// into a ``SourceTable`` shaped like ``GeoJSONReader``'s, through the hardened
/// ``SQLiteDatabase`` (read-only, defensive, `trusted_schema=OFF`, `cell_size_check=ON`).
///
/// Steps: `PRAGMA quick_check` first (a damaged file is refused before anything is read), then
/// `PRAGMA application_id` (`GPKG`, or `GP10` for 1.0 files; anything else is a warning as long
/// as `gpkg_contents` exists), then the `features` and `attributes` tables listed in
/// `gpkg_contents`: `table` when given, else the first features table, else the first
/// attributes table (the detections say which, and list the others). For a features table the
/// geometry column and its SRS come from `gpkg_geometry_columns` and `gpkg_spatial_ref_sys`
/// (`organization` EPSG → the EPSG code).
///
/// Rows are read in primary-key (`fid`) order; each record's `line` is its fid. The first
/// column, `@id`, is `<table>.<fid>` (the feature id QGIS Server and Lizmap give the same layer
/// in GeoJSON and GML, so record keys agree across formats). Every non-geometry column becomes
/// a column (integers and reals as SQLite's text, BLOB values
/// skipped). The geometry blob (``decodeGeometry(_:)``) gives ``SourceRecord/point`` in its
/// SRS: EPSG:4326 (x = longitude) and EPSG:2154 are kept as read (conversion comes later); any
/// other SRS gives one `crs-unexpected` issue and no points. An unreadable blob gives
/// `geometry-unreadable`, a non-point geometry `geometry-not-point` (its first point is used),
/// a NULL or empty geometry ``SourceRecord/geometryMissing``.
///
/// Throws ``OperationalError``: `.inputMissing` when the file does not exist; `.dataUnusable`
/// when it is damaged (`sqlite-integrity`), is not a GeoPackage (`gpkg-not-geopackage`), has no
/// usable table or not the one asked for (`gpkg-table`).
public enum GeoPackageReader {
    /// Rows read from one layer at most (a row budget beside the time budget of each query).
    public static let maxRows = 5_000_000

    /// Reads `table` (or the default one) of the GeoPackage at `path`.
    ///
    /// - Parameters:
    ///   - source: name of the source, for issues.
    ///   - file: file name, for issues and messages.
    ///   - table: the `gpkg_contents.table_name` to read; nil = first features table.
    /// - Returns: one record per row, in fid order, with issues and detections
    ///   ("GeoPackage, table « lieux_mediation » (entités), 14 lignes, système de coordonnées EPSG:2154").
    /// `queryBudget`: seconds any one query may run (a view with a runaway recursive query is
    /// interrupted and the source refused, `gpkg-budget`), see ``SQLiteDatabase``.
    public static func read(path: String, source: String, file: String, table: String? = nil, queryBudget: Double = SQLiteDatabase.defaultQueryBudget) throws -> SourceTable {
        guard FileManagerShim.exists(path), !FileManagerShim.isDirectory(path) else {
            if FileManagerShim.isDirectory(path) { throw OperationalError(.inputMissing, code: "input-is-folder", location: .init(file: path), "\(path) est un dossier, pas un fichier.") }
            let why = PathDiagnosis.missing(path)
            throw OperationalError(.inputMissing, code: why.code, location: .init(file: path), "Fichier introuvable : \(path) (\(why.reason)).",
                                   remedy: "vérifiez le chemin dans la configuration, ou déposez le fichier.")
        }
        do {
            return try readChecked(path: path, source: source, file: file, table: table, queryBudget: queryBudget)
        } catch let error as SQLiteError {
            // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), with extended codes.
            let primary = error.code & 0xFF
            if primary == 26 {
                throw notGeoPackage(file, "ce n'est pas une base SQLite (\(error.message))")
            }
            if primary == 11 {
                throw integrity(file, error.message)
            }
            if primary == 9 {  // SQLITE_INTERRUPT: the progress handler stopped a query over budget
                throw OperationalError(.dataUnusable, code: "gpkg-budget", "\(file) : la lecture de la couche dépasse \(Int(queryBudget)) secondes et a été arrêtée (gpkg-budget) : la table est sans doute une vue dont la requête ne finit pas (requête récursive). Que faire : exportez la couche comme une vraie table (QGIS : Exporter > Sauvegarder les entités sous… GeoPackage).")
            }
            throw OperationalError(.dataUnusable, code: "gpkg-unreadable", "\(file) : GeoPackage illisible (\(error.description)) (gpkg-unreadable). Que faire : réexportez la couche au format GeoPackage depuis QGIS ou Lizmap.")
        }
    }

    private static func readChecked(path: String, source: String, file: String, table wanted: String?, queryBudget: Double) throws -> SourceTable {
        let db = try SQLiteDatabase(path: path, mode: .readOnlyUntrusted, queryBudget: queryBudget)
        // Errors thrown here (not a database, corrupt header) are mapped by the caller.
        let check: String? = try db.rows("PRAGMA quick_check").first?.first ?? nil
        if check != "ok" { throw integrity(file, check ?? "vérification impossible") }
        var result = SourceTable()
        let hasContents = try !db.rows("SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name = 'gpkg_contents'").isEmpty
        guard hasContents else { throw notGeoPackage(file, "la table gpkg_contents manque") }
        let appIDText: String? = try db.rows("PRAGMA application_id").first?.first ?? nil
        let appID = appIDText.flatMap { Int($0) } ?? 0
        if appID != 0x4750_4B47 && appID != 0x4750_3130 {
            result.issues.append(Issue(code: "gpkg-application-id", severity: .warning,
                message: "Le fichier n'est pas marqué comme GeoPackage (application_id \(appID)) mais contient les tables GeoPackage : il est lu quand même. Réexportez-le depuis QGIS pour un fichier conforme.",
                source: source, file: file))
        }

        let contents = try db.rows("SELECT table_name, data_type FROM gpkg_contents WHERE data_type IN ('features', 'attributes') ORDER BY data_type DESC, table_name")
            .compactMap { row -> (name: String, type: String)? in
                guard row.count == 2, let n = row[0], let t = row[1] else { return nil }
                return (n, t)
            }
        let chosen: (name: String, type: String)
        if let wanted {
            guard let c = contents.first(where: { $0.name == wanted }) else {
                throw OperationalError(.dataUnusable, code: "gpkg-table", "\(file) : la table « \(wanted) » n'est pas dans ce GeoPackage (tables : \(list(contents.map(\.name)))) (gpkg-table). Que faire : corrigez le nom de table dans la configuration.")
            }
            chosen = c
        } else {
            guard let c = contents.first else {
                throw OperationalError(.dataUnusable, code: "gpkg-table", "\(file) : le GeoPackage ne contient aucune table d'entités ni d'attributs (gpkg-table). Que faire : vérifiez que la bonne couche a été exportée.")
            }
            chosen = c
        }

        // Geometry column and SRS.
        var geometryColumn: String?
        var epsg: Int?
        var srsLabel = ""
        if chosen.type == "features",
           let g = try db.rows("SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", [.text(chosen.name)]).first,
           let column = g[0] {
            geometryColumn = column
            let srsID = g[1].flatMap { Int($0) } ?? 0
            (epsg, srsLabel) = try resolveSRS(db, srsID)
            if epsg == nil {
                result.issues.append(Issue(code: "crs-unexpected", severity: .error,
                    message: "Système de coordonnées \(srsLabel) non pris en charge : les coordonnées sont ignorées. Exportez la couche en EPSG:4326 ou EPSG:2154.",
                    source: source, file: file, field: column))
            }
        }

        // Columns, primary key.
        let info = try db.rows("PRAGMA table_info(\(quote(chosen.name)))")
        guard !info.isEmpty else {
            throw OperationalError(.dataUnusable, code: "gpkg-table", "\(file) : la table « \(chosen.name) » est déclarée mais absente du fichier (gpkg-table). Que faire : réexportez la couche.")
        }
        var pk: String?
        var selected: [String] = []
        var geometryIndex: Int?
        for row in info {
            guard row.count >= 6, let name = row[1] else { continue }
            let type = (row[2] ?? "").uppercased()
            if pk == nil, row[5] == "1", type.hasPrefix("INT") { pk = name }
            if name == geometryColumn || type == "BLOB" { continue }
            selected.append(name)
        }
        // Result columns: 0 the key, 1...n the attributes, then the geometry.
        let order = pk.map(quote) ?? "rowid"
        var columnSQL = [order] + selected.map(quote)
        if let geometryColumn { columnSQL.append(quote(geometryColumn)); geometryIndex = columnSQL.count - 1 }
        // `@id` as QGIS Server / Lizmap name WFS features (`layer.fid`), so the same layer read
        // as GeoPackage, GeoJSON or GML gets the same record keys.
        _ = result.addColumn("@id")
        for c in selected { _ = result.addColumn(c) }
        let stmt = try db.prepare("SELECT \(columnSQL.joined(separator: ", ")) FROM \(quote(chosen.name)) ORDER BY \(order)")

        var srsCache: [Int32: Int?] = [:]
        var row = 0
        while try stmt.step() {
            row += 1
            if row > maxRows {
                throw OperationalError(.dataUnusable, code: "gpkg-budget", "\(file) : la couche « \(chosen.name) » a plus de \(maxRows) lignes, bien plus qu'une liste de lieux (gpkg-budget). Que faire : vérifiez la table choisie (clé « table » de la configuration).")
            }
            let fid = stmt.isNull(0) ? row : Int(truncatingIfNeeded: stmt.int64(0))
            var values: [RawValue] = [.text("\(chosen.name).\(fid)")]
            values.reserveCapacity(selected.count + 1)
            for i in 0..<selected.count {
                let col = i + 1
                if stmt.isNull(col) || stmt.isBlob(col) { values.append(.absent); continue }
                values.append(stmt.text(col).map { $0.isEmpty ? .absent : .text($0) } ?? .absent)
            }
            var record = SourceRecord(line: fid, values: values)
            if let gi = geometryIndex {
                if stmt.isNull(gi) {
                    record.geometryMissing = true
                } else if let g = decodeGeometry(stmt.blob(gi)) {
                    var code = epsg
                    if g.srsID != 0, let columnEPSG = epsg, Int(g.srsID) != columnEPSG {
                        if srsCache[g.srsID] == nil { srsCache.updateValue(try resolveSRS(db, Int(g.srsID)).0, forKey: g.srsID) }
                        code = srsCache[g.srsID] ?? nil
                    }
                    if let x = g.x, let y = g.y, let code {
                        record.point = RawPoint(x: x, y: y, epsg: code)
                    } else {
                        record.geometryMissing = true
                    }
                    if g.geometryType != 1, !g.isEmpty {
                        result.issues.append(Issue(code: "geometry-not-point", severity: .info,
                            message: "Géométrie de type \(wkbName(g.geometryType)) : son premier point est utilisé comme position du lieu.",
                            source: source, file: file, line: fid, field: geometryColumn))
                    }
                } else {
                    record.geometryMissing = true
                    result.issues.append(Issue(code: "geometry-unreadable", severity: .warning,
                        message: "Géométrie illisible (ce n'est pas une géométrie GeoPackage valide) : le lieu est lu sans coordonnées. Corrigez ou redessinez la géométrie dans QGIS, puis réexportez.",
                        source: source, file: file, line: fid, field: geometryColumn))
                }
            }
            result.records.append(record)
        }
        var d = "GeoPackage, table « \(chosen.name) » (\(chosen.type == "features" ? "entités" : "attributs, sans géométrie")), \(result.records.count) lignes"
        if geometryColumn != nil { d += ", système de coordonnées \(srsLabel)" }
        if wanted == nil, contents.count > 1 {
            d += " (première table ; autres : \(list(contents.filter { $0.name != chosen.name }.map(\.name))))"
        }
        result.detections.insert(d, at: 0)
        if appID == 0x4750_3130 { result.detections.append("GeoPackage 1.0 (application_id GP10)") }
        return result
    }

    // MARK: - Geometry

    /// A geometry blob, decoded as far as ``GeoPackageReader`` needs: its SRS id, its WKB type
    /// and its first point.
    public struct Geometry: Sendable, Equatable {
        /// `srs_id` from the blob header.
        public var srsID: Int32
        /// Base WKB type: 1 Point, 2 LineString, 3 Polygon, 4–6 Multi*, 7 GeometryCollection.
        public var geometryType: UInt32
        /// True when the header's empty flag is set or the geometry has no point.
        public var isEmpty: Bool
        /// First point's x (longitude for EPSG:4326), nil when empty.
        public var x: Double?
        /// First point's y, nil when empty.
        public var y: Double?
    }

    /// Decodes a GeoPackageBinary geometry blob (OGC 12-128 §2.1.3): `GP`, version, flags
    /// (bit 0 byte order, bits 1–3 envelope kind → 0/32/48/48/64 bytes, bit 4 empty, bit 5
    /// extended, refused), `srs_id`, envelope, then ISO WKB (either byte order; XY, Z, M, ZM as
    /// ISO 1000/2000/3000 offsets or EWKB high-bit flags). For anything but a point, the first
    /// point of the first part is returned.
    ///
    /// - Returns: nil when the blob is not a readable geometry. Never traps, whatever the bytes.
    public static func decodeGeometry(_ blob: [UInt8]) -> Geometry? {
        blob.withUnsafeBytes { decodeGeometry(bytes: $0) }
    }

    /// ``decodeGeometry(_:)`` over raw bytes.
    public static func decodeGeometry(bytes b: UnsafeRawBufferPointer) -> Geometry? {
        guard b.count >= 8, b[0] == 0x47, b[1] == 0x50, b[2] == 0 else { return nil }
        let flags = b[3]
        guard flags & 0x20 == 0 else { return nil }
        let little = flags & 1 == 1
        let envelopeBytes: Int
        switch (flags >> 1) & 7 {
        case 0: envelopeBytes = 0
        case 1: envelopeBytes = 32
        case 2, 3: envelopeBytes = 48
        case 4: envelopeBytes = 64
        default: return nil
        }
        let srs = Int32(bitPattern: WKB.u32(b, 4, little: little) ?? 0)
        let empty = flags & 0x10 != 0
        let start = 8 + envelopeBytes
        guard start <= b.count else { return nil }
        var reader = WKB(bytes: b, offset: start)
        guard let (type, point) = reader.firstPoint(depth: 0) else {
            return empty ? Geometry(srsID: srs, geometryType: 0, isEmpty: true) : nil
        }
        let isEmpty = empty || point == nil
        return Geometry(srsID: srs, geometryType: type, isEmpty: isEmpty, x: isEmpty ? nil : point?.0, y: isEmpty ? nil : point?.1)
    }

    /// A bounds-checked reader over Well-Known Binary (ISO 13249-3 / OGC 06-103r4).
    struct WKB {
        let bytes: UnsafeRawBufferPointer
        var offset: Int

        init(bytes: UnsafeRawBufferPointer, offset: Int) {
            self.bytes = bytes
            self.offset = offset
        }

        static func u32(_ b: UnsafeRawBufferPointer, _ i: Int, little: Bool) -> UInt32? {
            guard i >= 0, i <= b.count - 4 else { return nil }
            let v = UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
            return little ? v : v.byteSwapped
        }

        static func f64(_ b: UnsafeRawBufferPointer, _ i: Int, little: Bool) -> Double? {
            guard i >= 0, i <= b.count - 8 else { return nil }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(b[i + k]) << (8 * UInt64(k)) }
            return Double(bitPattern: little ? v : v.byteSwapped)
        }

        /// Base type and first point (nil point: empty) of the geometry at `offset`; nil when unreadable.
        mutating func firstPoint(depth: Int) -> (UInt32, (Double, Double)?)? {
            guard depth < 16, offset < bytes.count else { return nil }
            let order = bytes[offset]
            guard order <= 1 else { return nil }
            let little = order == 1
            guard var raw = WKB.u32(bytes, offset + 1, little: little) else { return nil }
            offset += 5
            var dims = 2
            if raw & 0x8000_0000 != 0 { dims += 1 }
            if raw & 0x4000_0000 != 0 { dims += 1 }
            if raw & 0x2000_0000 != 0 { offset += 4 }  // EWKB SRID
            raw &= 0x0FFF_FFFF
            let base = raw % 1000
            switch raw / 1000 {
            case 0: break
            case 1, 2: dims += 1
            case 3: dims += 2
            default: return nil
            }
            guard dims <= 4 else { return nil }
            switch base {
            case 1:
                guard let x = WKB.f64(bytes, offset, little: little), let y = WKB.f64(bytes, offset + 8, little: little),
                      offset <= bytes.count - 8 * dims else { return nil }
                offset += 8 * dims
                return (1, x.isNaN || y.isNaN ? nil : (x, y))
            case 2:
                guard let n = WKB.u32(bytes, offset, little: little) else { return nil }
                offset += 4
                if n == 0 { return (2, nil) }
                guard let x = WKB.f64(bytes, offset, little: little), let y = WKB.f64(bytes, offset + 8, little: little) else { return nil }
                return (2, x.isFinite && y.isFinite ? (x, y) : nil)
            case 3:
                guard let rings = WKB.u32(bytes, offset, little: little) else { return nil }
                offset += 4
                if rings == 0 { return (3, nil) }
                guard let n = WKB.u32(bytes, offset, little: little) else { return nil }
                offset += 4
                if n == 0 { return (3, nil) }
                guard let x = WKB.f64(bytes, offset, little: little), let y = WKB.f64(bytes, offset + 8, little: little) else { return nil }
                return (3, x.isFinite && y.isFinite ? (x, y) : nil)
            case 4, 5, 6, 7:
                guard let n = WKB.u32(bytes, offset, little: little) else { return nil }
                offset += 4
                if n == 0 { return (base, nil) }
                guard let (_, p) = firstPoint(depth: depth + 1) else { return nil }
                return (base, p)
            default:
                return nil
            }
        }
    }

    static func wkbName(_ t: UInt32) -> String {
        switch t {
        case 1: return "Point"
        case 2: return "LineString"
        case 3: return "Polygon"
        case 4: return "MultiPoint"
        case 5: return "MultiLineString"
        case 6: return "MultiPolygon"
        case 7: return "GeometryCollection"
        default: return "WKB \(t)"
        }
    }

    // MARK: - Helpers

    /// The EPSG code accepted for `srsID` (4326 or 2154) and a label for messages.
    static func resolveSRS(_ db: SQLiteDatabase, _ srsID: Int) throws -> (Int?, String) {
        let rows = try db.rows("SELECT organization, organization_coordsys_id, srs_name FROM gpkg_spatial_ref_sys WHERE srs_id = ?", [.integer(Int64(srsID))])
        guard let r = rows.first, r.count == 3 else { return (nil, "srs_id \(srsID) (absent de gpkg_spatial_ref_sys)") }
        let org = (r[0] ?? "").uppercased()
        let code = r[1].flatMap { Int($0) } ?? 0
        let label = org.isEmpty ? "srs_id \(srsID)" : "\(org):\(code)"
        if org == "EPSG", code == 4326 || code == 2154 { return (code, label) }
        return (nil, label + (r[2].map { " (« \($0) »)" } ?? ""))
    }

    /// An SQL identifier in double quotes (inner quotes doubled).
    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func list(_ names: [String]) -> String {
        names.isEmpty ? "aucune" : names.map { "« \($0) »" }.joined(separator: ", ")
    }

    static func integrity(_ file: String, _ detail: String) -> OperationalError {
        OperationalError(.dataUnusable, code: "sqlite-integrity", "\(file) : GeoPackage abîmé, SQLite signale « \(detail) » (sqlite-integrity). Que faire : le fichier est corrompu ou tronqué ; téléchargez-le ou exportez-le de nouveau depuis QGIS ou Lizmap.")
    }

    static func notGeoPackage(_ file: String, _ detail: String) -> OperationalError {
        OperationalError(.dataUnusable, code: "gpkg-not-geopackage", "\(file) : ce fichier n'est pas un GeoPackage, \(detail) (gpkg-not-geopackage). Que faire : vérifiez le chemin et le format de la source (« gpkg » attend un fichier .gpkg exporté par QGIS ou Lizmap).")
    }
}
