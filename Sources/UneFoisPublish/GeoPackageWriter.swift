import UneFoisCore
import UneFoisModel
/// Writes the published places as a GeoPackage (OGC 12-128) for the Département's Lizmap / QGIS:
/// one `lieux` point feature table in EPSG:4326 with the standard's 32 columns. Built with plain
/// SQLite in a temporary file, checked, then renamed; no clock: `last_change` is the run's
/// reference date, so the same inputs give the same file.
/// See https://www.geopackage.org/spec/.
public enum GeoPackageWriter {
    static let wkt4326 = #"GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]"#

    /// GeoPackageBinary of a point: header "GP", version 0, flags (little-endian, no envelope),
    /// SRS id, then ISO WKB Point (little-endian).
    public static func pointBlob(longitude: Double, latitude: Double, srsId: Int32 = 4326) -> [UInt8] {
        var b: [UInt8] = [0x47, 0x50, 0x00, 0x01]
        withUnsafeBytes(of: srsId.littleEndian) { b += $0 }
        b.append(0x01)  // WKB little-endian
        withUnsafeBytes(of: UInt32(1).littleEndian) { b += $0 }  // Point
        withUnsafeBytes(of: longitude.bitPattern.littleEndian) { b += $0 }
        withUnsafeBytes(of: latitude.bitPattern.littleEndian) { b += $0 }
        return b
    }

    /// Writes `result.publies` to `path` atomically.
    public static func write(_ result: RunResult, to path: String) throws {
        try SQLiteDatabase.buildAtomically(at: path, label: "le GeoPackage") { db in
            try db.execute("""
                PRAGMA application_id = 1196444487;
                PRAGMA user_version = 10300;
                PRAGMA page_size = 4096;
                CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
                  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
                CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
                  description TEXT DEFAULT '', last_change DATETIME NOT NULL, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
                  srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
                CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
                  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
                  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
                  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
                  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
                CREATE TABLE lieux (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT,
                  \(Champ.allCases.map { "\"\($0.rawValue)\" \($0 == .latitude || $0 == .longitude ? "REAL" : "TEXT")" }.joined(separator: ", ")));
                """)
            try db.transaction {
                let srs = try db.prepare("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)")
                try srs.run([.text("Undefined cartesian SRS"), .integer(-1), .text("NONE"), .integer(-1), .text("undefined"), .text("undefined cartesian coordinate reference system")])
                try srs.run([.text("Undefined geographic SRS"), .integer(0), .text("NONE"), .integer(0), .text("undefined"), .text("undefined geographic coordinate reference system")])
                try srs.run([.text("WGS 84 geodetic"), .integer(4326), .text("EPSG"), .integer(4326), .text(wkt4326), .text("longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid")])
                let points = result.publies.compactMap { l in l.longitude.flatMap { lo in l.latitude.map { (lo, $0) } } }
                let bbox: [SQLiteValue] = points.isEmpty ? [.null, .null, .null, .null]
                    : [.real(points.map(\.0).min()!), .real(points.map(\.1).min()!), .real(points.map(\.0).max()!), .real(points.map(\.1).max()!)]
                let date = result.dateReference.isEmpty ? "1970-01-01" : result.dateReference
                try db.prepare("INSERT INTO gpkg_contents VALUES ('lieux', 'features', 'lieux', ?, ?, ?, ?, ?, ?, 4326)")
                    .run([.text("Lieux de médiation numérique publiés par unefois (standard v1.0.2)"), .text(date + "T00:00:00.000Z")] + bbox)
                try db.execute("INSERT INTO gpkg_geometry_columns VALUES ('lieux', 'geom', 'POINT', 4326, 0, 0)")
                let insert = try db.prepare("INSERT INTO lieux VALUES (NULL, ?, \(Champ.allCases.map { _ in "?" }.joined(separator: ",")))")
                for l in result.publies {
                    if let lo = l.longitude, let la = l.latitude {
                        try pointBlob(longitude: lo, latitude: la).withUnsafeBytes { try insert.bind(1, blob: $0) }
                    } else {
                        try insert.bindNull(1)
                    }
                    try insert.bindStandardRow(of: l, from: 2)
                    try insert.insert()
                }
            }
        }
    }
}
