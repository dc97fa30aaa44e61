import UneFoisCore
import UneFoisModel
import Foundation

/// Reads a GeoJSON `FeatureCollection` as QGIS / Lizmap export it: flat `properties`, point
/// geometries, an optional legacy `crs` member (`urn:ogc:def:crs:EPSG::2154`, `EPSG:2154`).
/// Without `crs`, coordinates are WGS84 longitude/latitude (RFC 7946).
///
/// The feature `id` is exposed as the column `@id`.
public enum GeoJSONReader {
    /// Reads `bytes` (a whole GeoJSON file). A file that is not a FeatureCollection, or not JSON,
    /// throws `.dataUnusable` with the line of the problem; per-feature problems are issues.
    public static func read(bytes: UnsafeRawBufferPointer, source: String, file: String) throws -> SourceTable {
        let doc: JSONValue
        do {
            doc = try JSONParser.parse(bytes)
        } catch let error as JSONParser.Failure {
            throw OperationalError(.dataUnusable, "\(file), ligne \(error.line) : GeoJSON illisible (\(error.message)). Vérifiez que l'export est complet.")
        }
        guard doc["type"]?.stringValue == "FeatureCollection", let features = doc["features"]?.arrayValue else {
            throw OperationalError(.dataUnusable, "\(file) : ce n'est pas une FeatureCollection GeoJSON (membre « type » ou « features » absent). Exportez la couche au format GeoJSON.")
        }
        var table = SourceTable(columns: ["@id"])
        var epsg = 4326
        if let name = doc["crs"]?["properties"]?["name"]?.stringValue {
            if let code = CRSName.epsg(from: name) {
                epsg = code
                table.detections.append("système de coordonnées EPSG:\(code) (membre « crs » : \(name))")
            } else {
                table.issues.append(Issue(code: "crs-unexpected", severity: .error,
                    message: "Système de coordonnées « \(name) » non pris en charge : les coordonnées sont ignorées. Exportez la couche en EPSG:4326 ou EPSG:2154.",
                    source: source, file: file, field: "crs"))
                epsg = 0
            }
        } else {
            table.detections.append("système de coordonnées EPSG:4326 (par défaut, pas de membre « crs »)")
        }
        for feature in features {
            guard case .object(let f) = feature else { continue }
            var values: [RawValue] = Array(repeating: .absent, count: table.columns.count)
            if let id = f["id"]?.scalarText { values[0] = .text(id) }
            if case .object(let props)? = f["properties"] {
                JSONRecordReader.flatten(props, prefix: "", into: &values, table: &table)
            }
            var record = SourceRecord(line: f.line, values: values)
            switch f["geometry"] {
            case nil, .null?:
                record.geometryMissing = true
            case .some(let g):
                if epsg != 0, let (x, y) = firstPosition(g) {
                    record.point = RawPoint(x: x, y: y, epsg: epsg)
                } else {
                    record.geometryMissing = true
                }
                if let t = g["type"]?.stringValue, t != "Point" {
                    table.issues.append(Issue(code: "geometry-not-point", severity: .info,
                        message: "Géométrie de type \(t) : son premier point est utilisé comme position du lieu.",
                        source: source, file: file, line: f.line, field: "geometry"))
                }
            }
            table.records.append(record)
        }
        let width = table.columns.count
        for i in table.records.indices where table.records[i].values.count < width {
            table.records[i].values.append(contentsOf: repeatElement(.absent, count: width - table.records[i].values.count))
        }
        return table
    }

    /// First coordinate pair of any geometry.
    static func firstPosition(_ g: JSONValue) -> (Double, Double)? {
        var c = g["coordinates"]
        while let arr = c?.arrayValue, let first = arr.first {
            if case .array = first { c = first; continue }
            guard arr.count >= 2, let x = arr[0].doubleValue, let y = arr[1].doubleValue else { return nil }
            return (x, y)
        }
        return nil
    }
}

/// Parses CRS names: `EPSG:2154`, `urn:ogc:def:crs:EPSG::2154`, `urn:ogc:def:crs:OGC:1.3:CRS84`,
/// `http://www.opengis.net/gml/srs/epsg.xml#4326`, `http://www.opengis.net/def/crs/EPSG/0/2154`.
public enum CRSName {
    /// The EPSG code named by `name`, or nil when it names none.
    public static func epsg(from name: String) -> Int? {
        let n = name.trimmingCharacters(in: .whitespaces)
        if n.hasSuffix("CRS84") { return 4326 }
        var digits = ""
        for ch in n.reversed() {
            if ch.isASCII && ch.isNumber { digits.insert(ch, at: digits.startIndex) } else { break }
        }
        guard let code = Int(digits), n.uppercased().contains("EPSG") else { return nil }
        return code
    }

    /// True when a srsName means latitude-first axis order (the URN form of EPSG:4326).
    public static func isLatitudeFirst(_ name: String) -> Bool {
        let n = name.lowercased()
        return (n.hasPrefix("urn:ogc:def:crs:epsg:") || n.contains("opengis.net/def/crs/epsg")) && epsg(from: name) == 4326
    }
}
