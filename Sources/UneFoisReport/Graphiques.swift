import Foundation
import UneFoisCore
import UneFoisModel

/// Outlines of the communes of the territory, for the map (WGS84 polygons from a GeoJSON file).
public struct CarteCommunes: Sendable {
    public struct Commune: Sendable {
        public var code: String
        public var nom: String
        /// Outer and inner rings, each a list of (longitude, latitude).
        public var anneaux: [[(Double, Double)]]
    }

    public var communes: [Commune]

    /// Reads a FeatureCollection of Polygon/MultiPolygon features with `code` and `nom` properties.
    public init(geojson bytes: [UInt8]) throws {
        let root = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
        var out: [Commune] = []
        for f in root["features"]?.arrayValue ?? [] {
            guard let code = f["properties"]?["code"]?.scalarText, let nom = f["properties"]?["nom"]?.stringValue,
                  let g = f["geometry"], let type = g["type"]?.stringValue, let coords = g["coordinates"]?.arrayValue else { continue }
            let polygones = type == "MultiPolygon" ? coords : type == "Polygon" ? [JSONValue.array(coords)] : []
            var anneaux: [[(Double, Double)]] = []
            for p in polygones {
                for ring in p.arrayValue ?? [] {
                    anneaux.append((ring.arrayValue ?? []).compactMap { pt in
                        guard let xy = pt.arrayValue, xy.count >= 2, let x = xy[0].doubleValue, let y = xy[1].doubleValue else { return nil }
                        return (x, y)
                    })
                }
            }
            out.append(Commune(code: code, nom: nom, anneaux: anneaux))
        }
        communes = out.sorted { $0.code < $1.code }
    }
}

/// Charts and the map as inline SVG, drawn by the project: no script, no remote resource, every
/// text escaped; each has a `<title>` and is described by the caption and the table beside it.
enum Graphiques {
    static let bleu = "#000091", orange = "#c3992a", rouge = "#ce0500", vert = "#18753c", gris = "#929292"

    static func f(_ v: Double) -> String { JSONWriter.number((v * 10).rounded() / 10) }

    /// Vertical grouped bars; a nil value (masked) is drawn as an empty dashed box marked « masqué ».
    static func barres(id: String, titre: String, categories: [String], series: [(nom: String, valeurs: [Int?], couleur: String)]) -> String {
        let w = 760.0, h = 300.0, left = 48.0, bottom = 40.0, top = 16.0, right = 12.0
        let maxV = max(1, series.flatMap { $0.valeurs.compactMap { $0 } }.max() ?? 1)
        let step = niceStep(Double(maxV))
        let top_ = (Double(maxV) / step).rounded(.up) * step
        let plotH = h - bottom - top, plotW = w - left - right
        let groupW = plotW / Double(max(1, categories.count))
        let barW = max(2, (groupW - 8) / Double(max(1, series.count)))
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(w)) \(f(h + 24))\" width=\"\(f(w))\" height=\"\(f(h + 24))\" role=\"img\" aria-labelledby=\"\(id)-t\">\n"
        s += "<title id=\"\(id)-t\">\(HTML.escape(titre))</title>\n"
        s += "<defs><pattern id=\"\(id)-h\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999\" stroke-width=\"2\"/></pattern></defs>\n"
        var t = 0.0
        while t <= top_ + 0.001 {
            let y = top + plotH - t / top_ * plotH
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(w - right))\" y2=\"\(f(y))\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#444\">\(HTML.escape(Francais.n(Int(t))))</text>\n"
            t += step
        }
        for (k, c) in categories.enumerated() {
            let gx = left + Double(k) * groupW + 4
            for (j, serie) in series.enumerated() {
                let x = gx + Double(j) * barW
                if k < serie.valeurs.count, let v = serie.valeurs[k] {
                    let bh = Double(v) / top_ * plotH
                    s += "<rect x=\"\(f(x))\" y=\"\(f(top + plotH - bh))\" width=\"\(f(barW - 1))\" height=\"\(f(bh))\" fill=\"\(serie.couleur)\"><title>\(HTML.escape("\(c) — \(serie.nom) : \(Francais.n(v))"))</title></rect>\n"
                } else {
                    s += "<rect x=\"\(f(x))\" y=\"\(f(top + plotH - 24))\" width=\"\(f(barW - 1))\" height=\"24\" fill=\"url(#\(id)-h)\" stroke=\"#999\" stroke-dasharray=\"2 2\"><title>\(HTML.escape("\(c) — \(serie.nom) : masqué (secret statistique)"))</title></rect>\n"
                }
            }
            s += "<text x=\"\(f(gx + (groupW - 8) / 2))\" y=\"\(f(h - bottom + 16))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#222\">\(HTML.escape(c))</text>\n"
        }
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(w - right))\" y2=\"\(f(top + plotH))\" stroke=\"#444\"/>\n"
        var lx = left
        for serie in series {
            s += "<rect x=\"\(f(lx))\" y=\"\(f(h + 6))\" width=\"12\" height=\"12\" fill=\"\(serie.couleur)\"/><text x=\"\(f(lx + 16))\" y=\"\(f(h + 16))\" font-size=\"12\" fill=\"#222\">\(HTML.escape(serie.nom))</text>\n"
            lx += 24 + Double(serie.nom.count) * 6.6
        }
        if series.contains(where: { $0.valeurs.contains { $0 == nil } }) {
            s += "<rect x=\"\(f(lx))\" y=\"\(f(h + 6))\" width=\"12\" height=\"12\" fill=\"url(#\(id)-h)\" stroke=\"#999\"/><text x=\"\(f(lx + 16))\" y=\"\(f(h + 16))\" font-size=\"12\" fill=\"#222\">masqué (secret statistique)</text>\n"
        }
        s += "</svg>\n"
        return s
    }

    /// Horizontal bars with their values written at the end.
    static func barresHorizontales(id: String, titre: String, libelles: [String], valeurs: [Int?]) -> String {
        let rowH = 24.0, left = 190.0, w = 760.0
        let h = Double(libelles.count) * rowH + 12
        let maxV = max(1, valeurs.compactMap { $0 }.max() ?? 1)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(w)) \(f(h))\" width=\"\(f(w))\" height=\"\(f(h))\" role=\"img\" aria-labelledby=\"\(id)-t\">\n"
        s += "<title id=\"\(id)-t\">\(HTML.escape(titre))</title>\n"
        for (k, l) in libelles.enumerated() {
            let y = 6 + Double(k) * rowH
            s += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 15))\" font-size=\"12\" text-anchor=\"end\" fill=\"#222\">\(HTML.escape(l))</text>"
            if let v = valeurs[k] {
                let bw = Double(v) / Double(maxV) * (w - left - 70)
                s += "<rect x=\"\(f(left))\" y=\"\(f(y + 3))\" width=\"\(f(bw))\" height=\"\(f(rowH - 8))\" fill=\"\(bleu)\"/>"
                s += "<text x=\"\(f(left + bw + 6))\" y=\"\(f(y + 15))\" font-size=\"12\" fill=\"#222\">\(HTML.escape(Francais.n(v)))</text>\n"
            } else {
                s += "<text x=\"\(f(left + 6))\" y=\"\(f(y + 15))\" font-size=\"12\" fill=\"#666\">masqué</text>\n"
            }
        }
        s += "</svg>\n"
        return s
    }

    struct Point {
        var lon: Double
        var lat: Double
        var type: TypeLieu
        var nom: String
    }

    /// The communes from their outlines, places as symbols by kind, communes without any place
    /// hatched and named in the legend.
    static func carte(id: String, carte: CarteCommunes, points: [Point], communesSansLieu: Set<String>) -> String {
        let all = carte.communes.flatMap { $0.anneaux.flatMap { $0 } }
        guard let minX = all.map(\.0).min(), let maxX = all.map(\.0).max(), let minY = all.map(\.1).min(), let maxY = all.map(\.1).max() else { return "" }
        let k = cos((minY + maxY) / 2 * .pi / 180)
        let w = 760.0, pad = 10.0
        let scale = (w - 2 * pad) / ((maxX - minX) * k)
        let h = (maxY - minY) * scale + 2 * pad
        func px(_ lon: Double) -> Double { pad + (lon - minX) * k * scale }
        func py(_ lat: Double) -> Double { pad + (maxY - lat) * scale }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(w)) \(f(h + 70))\" width=\"\(f(w))\" height=\"\(f(h + 70))\" role=\"img\" aria-labelledby=\"\(id)-t\">\n"
        s += "<title id=\"\(id)-t\">Carte des communes et des lieux de médiation numérique</title>\n"
        s += "<defs><pattern id=\"\(id)-h\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#fff4f3\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"\(rouge)\" stroke-width=\"1.5\" opacity=\"0.55\"/></pattern></defs>\n"
        for c in carte.communes {
            let sans = communesSansLieu.contains(c.code)
            var d = ""
            for ring in c.anneaux where !ring.isEmpty {
                d += "M" + ring.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: "L") + "Z"
            }
            s += "<path d=\"\(d)\" fill=\"\(sans ? "url(#\(id)-h)" : "#eef0fb")\" fill-rule=\"evenodd\" stroke=\"#555\" stroke-width=\"0.8\"><title>\(HTML.escape(c.nom + (sans ? " — aucun lieu" : "")))</title></path>\n"
        }
        for c in carte.communes {
            guard let outer = c.anneaux.max(by: { $0.count < $1.count }), !outer.isEmpty else { continue }
            let (cx, cy) = centroide(outer)
            // A white halo under the name keeps it readable over outlines and hatching.
            let pos = "x=\"\(f(px(cx)))\" y=\"\(f(py(cy) + 4))\" font-size=\"10.5\" text-anchor=\"middle\""
            s += "<text \(pos) fill=\"#fff\" stroke=\"#fff\" stroke-width=\"3\" aria-hidden=\"true\">\(HTML.escape(c.nom))</text>"
            s += "<text \(pos) fill=\"#333\">\(HTML.escape(c.nom))</text>\n"
        }
        // Places snapped to a 4-pixel grid, one symbol per cell and kind: the map's size depends on
        // its area, never on the number of places (300 000 places draw as a few thousand symbols).
        struct Case: Hashable { let type: TypeLieu, x: Int, y: Int }
        var cellules: [Case: (type: TypeLieu, x: Double, y: Double, noms: [String], n: Int)] = [:]
        for p in points {
            let x = px(p.lon), y = py(p.lat)
            guard x.isFinite, y.isFinite, x >= 0, y >= 0, x <= w, y <= h else { continue }
            let gx = (x / 4).rounded() * 4, gy = (y / 4).rounded() * 4
            let cle = Case(type: p.type, x: Int(gx), y: Int(gy))
            var c = cellules[cle] ?? (p.type, gx, gy, [], 0)
            c.n += 1
            if c.noms.count < 3 { c.noms.append(p.nom) }
            cellules[cle] = c
        }
        for c in cellules.values.sorted(by: { ($0.type.rawValue, $0.x, $0.y) < ($1.type.rawValue, $1.x, $1.y) }) {
            let titre = c.n == 1 ? c.noms[0] : "\(Francais.n(c.n)) lieux (\(c.noms.sorted().joined(separator: ", "))\(c.n > c.noms.count ? "…" : ""))"
            s += symbole(c.type, x: c.x, y: c.y, titre: titre) + "\n"
        }
        // Legend.
        var lx = pad
        let ly = h + 20
        for t in TypeLieu.allCases {
            s += symbole(t, x: lx + 6, y: ly, titre: t.libelle)
            s += "<text x=\"\(f(lx + 16))\" y=\"\(f(ly + 4))\" font-size=\"12\" fill=\"#222\">\(HTML.escape(t.libelle))</text>\n"
            lx += 30 + Double(t.libelle.count) * 6.6
        }
        s += "<rect x=\"\(f(lx))\" y=\"\(f(ly - 7))\" width=\"16\" height=\"14\" fill=\"url(#\(id)-h)\" stroke=\"#555\"/><text x=\"\(f(lx + 22))\" y=\"\(f(ly + 4))\" font-size=\"12\" fill=\"#222\">commune sans aucun lieu</text>\n"
        s += "<text x=\"\(f(pad))\" y=\"\(f(h + 56))\" font-size=\"10\" fill=\"#666\">Contours : IGN – ADMIN EXPRESS (Licence Ouverte Etalab) ; lieux : données consolidées par unefois.</text>\n"
        s += "</svg>\n"
        return s
    }

    static func symbole(_ t: TypeLieu, x: Double, y: Double, titre: String) -> String {
        let tt = "<title>\(HTML.escape(titre))</title>"
        switch t {
        case .mediatheque: return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"5.5\" fill=\"\(bleu)\" stroke=\"#fff\" stroke-width=\"1.5\">\(tt)</circle>"
        case .franceServices: return "<rect x=\"\(f(x - 6))\" y=\"\(f(y - 6))\" width=\"12\" height=\"12\" fill=\"\(rouge)\" stroke=\"#fff\" stroke-width=\"1.5\">\(tt)</rect>"
        case .autre: return "<path d=\"M\(f(x)),\(f(y - 7))L\(f(x + 6.5)),\(f(y + 5))L\(f(x - 6.5)),\(f(y + 5))Z\" fill=\"\(vert)\" stroke=\"#fff\" stroke-width=\"1.5\">\(tt)</path>"
        }
    }

    /// Area-weighted centroid of a ring (falls back to the mean of its points).
    static func centroide(_ ring: [(Double, Double)]) -> (Double, Double) {
        var a = 0.0, cx = 0.0, cy = 0.0
        for i in 0..<ring.count {
            let (x0, y0) = ring[i], (x1, y1) = ring[(i + 1) % ring.count]
            let cr = x0 * y1 - x1 * y0
            a += cr; cx += (x0 + x1) * cr; cy += (y0 + y1) * cr
        }
        if abs(a) < 1e-12 {
            return (ring.map(\.0).reduce(0, +) / Double(ring.count), ring.map(\.1).reduce(0, +) / Double(ring.count))
        }
        return (cx / (3 * a), cy / (3 * a))
    }

    static func niceStep(_ maxV: Double) -> Double {
        let raw = maxV / 5
        let mag = pow(10, floor(log10(max(raw, 1))))
        for m in [1.0, 2.0, 2.5, 5.0, 10.0] where raw <= m * mag { return max(1, m * mag) }
        return max(1, 10 * mag)
    }
}
