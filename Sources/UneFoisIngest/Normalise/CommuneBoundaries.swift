import UneFoisCore
import UneFoisModel
/// Commune outlines (WGS84 polygons from `schemas/referentiels/communes-84-vaucluse.geojson`,
/// replaceable by a larger file with the same `code`/`nom` properties) for point-in-polygon:
/// which commune a point lies in (Coustellet lies across four communes: only its coordinates
/// tell), and whether a place lies in the commune its INSEE code names.
public struct CommuneBoundaries: Sendable {
    struct Shape: Sendable {
        var code: String
        /// Rings in [lon, lat] pairs; the first ring of each polygon is the outer one, the others holes.
        var polygons: [[[(Double, Double)]]]
        var minLon, minLat, maxLon, maxLat: Double
    }

    private var shapes: [Shape] = []
    private var byCode: [String: Int] = [:]

    public init() {}

    /// Loads a GeoJSON FeatureCollection of Polygon / MultiPolygon features with a `code` property.
    public init(path: String) throws {
        let f = try MappedFile(path: path)
        guard let doc = try? JSONParser.parse(f.bytes), let features = doc["features"]?.arrayValue else {
            throw OperationalError(.configuration, "Contours des communes \(path) illisibles (GeoJSON attendu).")
        }
        for feature in features {
            guard let code = feature["properties"]?["code"]?.scalarText, let g = feature["geometry"],
                  let type = g["type"]?.stringValue, let coords = g["coordinates"]?.arrayValue else { continue }
            let polys: [JSONValue] = type == "MultiPolygon" ? coords : (type == "Polygon" ? [.array(coords)] : [])
            var shape = Shape(code: code, polygons: [], minLon: .infinity, minLat: .infinity, maxLon: -.infinity, maxLat: -.infinity)
            for poly in polys {
                var rings: [[(Double, Double)]] = []
                for ring in poly.arrayValue ?? [] {
                    let pts: [(Double, Double)] = (ring.arrayValue ?? []).compactMap { p in
                        guard let a = p.arrayValue, a.count >= 2, let x = a[0].doubleValue, let y = a[1].doubleValue else { return nil }
                        return (x, y)
                    }
                    for (x, y) in pts {
                        shape.minLon = min(shape.minLon, x); shape.maxLon = max(shape.maxLon, x)
                        shape.minLat = min(shape.minLat, y); shape.maxLat = max(shape.maxLat, y)
                    }
                    rings.append(pts)
                }
                shape.polygons.append(rings)
            }
            byCode[code] = shapes.count
            shapes.append(shape)
        }
    }

    /// True when outlines are known for this INSEE code.
    public func knows(_ code: String) -> Bool { byCode[code] != nil }

    /// The INSEE code of the commune containing the point, if any.
    public func commune(longitude: Double, latitude: Double) -> String? {
        shapes.first { contains($0, longitude, latitude) }?.code
    }

    /// Whether the point lies in the commune `code`; nil when the outline is unknown.
    public func contains(code: String, longitude: Double, latitude: Double) -> Bool? {
        guard let i = byCode[code] else { return nil }
        return contains(shapes[i], longitude, latitude)
    }

    func contains(_ s: Shape, _ x: Double, _ y: Double) -> Bool {
        guard x >= s.minLon, x <= s.maxLon, y >= s.minLat, y <= s.maxLat else { return false }
        for rings in s.polygons {
            guard let outer = rings.first, inRing(outer, x, y) else { continue }
            if !rings.dropFirst().contains(where: { inRing($0, x, y) }) { return true }
        }
        return false
    }

    /// Ray casting (even-odd rule).
    func inRing(_ ring: [(Double, Double)], _ x: Double, _ y: Double) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let (xi, yi) = ring[i], (xj, yj) = ring[j]
            if (yi > y) != (yj > y), x < (xj - xi) * (y - yi) / (yj - yi) + xi { inside.toggle() }
            j = i
        }
        return inside
    }
}
