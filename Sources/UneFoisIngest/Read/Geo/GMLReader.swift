import UneFoisCore
import UneFoisModel
import Foundation

/// Reads a WFS `GetFeature` response in GML, as QGIS Server / Lizmap, GeoServer or MapServer
/// send it, into a ``SourceTable`` (same shape as ``GeoJSONReader``).
///
/// Accepted shapes (OGC 02-069 GML 2.1.2 / WFS 1.0.0, OGC 03-105r1 GML 3.1.1 / WFS 1.1.0, and
/// GML 3.2 / WFS 2.0 `wfs:member`; see `FORMATS.md`, "The Département's Lizmap map"):
/// - `gml:featureMember` holding one feature, `gml:featureMembers` holding several, `wfs:member`;
/// - the feature id from `gml:id` or `fid` goes to the first column, `@id`;
/// - each child element with simple text content is a column named by its **local** name
///   (`qgs:nom` → `nom`); a repeated child gives a ``RawValue/list(_:)``; children holding a
///   GML geometry, and `gml:boundedBy`, are not columns;
/// - the first position of the geometry (`gml:coordinates` honouring `cs`, `ts`, `decimal`;
///   `gml:pos`; `gml:posList`; `gml:coord`) becomes ``SourceRecord/point``. The `srsName` is
///   taken from the geometry, else the feature's then the collection's `gml:boundedBy`, else
///   the collection. `EPSG:4326` and `…/gml/srs/epsg.xml#4326` are lon lat; the URN
///   (`urn:ogc:def:crs:EPSG::4326`) and `…/def/crs/EPSG/0/4326` forms are lat lon and are
///   swapped so that x = longitude (``CRSName/isLatitudeFirst(_:)``); EPSG:2154 stays X Y and
///   is not converted here. Another CRS gives a `crs-unexpected` issue and no point.
///
/// Each record's `line` is the line of its feature element. Detections say the GML version,
/// the number of features and the CRS ("GML 2 (WFS 1.0), 11 entités, système de coordonnées
/// EPSG:4326 (ordre lon lat)").
///
/// Throws ``OperationalError`` `.dataUnusable` when the file is not well-formed XML, is a WFS
/// exception report, is not a feature collection, or is refused for safety (DOCTYPE, entities,
/// limits: the message then contains `(xml-security-limit)`; see ``XMLStreamReader``).
public enum GMLReader {
    /// Reads `bytes` (the whole response) from `file`, a file of the source named `source`.
    ///
    /// - Returns: one record per feature, in document order, with issues and detections.
    /// - Throws: ``OperationalError`` `.dataUnusable` with a French message giving the line and
    ///   what to do; security refusals include `(xml-security-limit)`.
    public static func read(bytes: UnsafeRawBufferPointer, source: String, file: String) throws -> SourceTable {
        var parser = Parser(source: source, file: file)
        do {
            let reader = try XMLStreamReader(bytes: bytes)
            try parser.run(reader)
        } catch let failure as XMLStreamReader.Failure {
            throw operationalError(failure, file: file)
        }
        return parser.finish()
    }

    /// The French operational error for a reader failure.
    static func operationalError(_ failure: XMLStreamReader.Failure, file: String) -> OperationalError {
        let place = failure.line > 0 ? "\(file), ligne \(failure.line)" : file
        switch failure.reason {
        case .securityLimit:
            return OperationalError(.dataUnusable, code: failure.code, location: .init(file: file, line: failure.line > 0 ? failure.line : nil), "\(place) : fichier GML refusé par sécurité, \(failure.detail) (\(failure.code)). Que faire : une réponse WFS n'en contient jamais ; téléchargez de nouveau la couche depuis le serveur (requête GetFeature) plutôt qu'un fichier modifié ou d'origine inconnue.")
        case .notWellFormed:
            return OperationalError(.dataUnusable, code: failure.code, location: .init(file: file, line: failure.line > 0 ? failure.line : nil), "\(place) : GML illisible, \(failure.detail) (\(failure.code)). Que faire : le fichier est sans doute tronqué ou modifié à la main ; relancez le téléchargement GetFeature et vérifiez qu'il se termine par la balise de fin de la FeatureCollection.")
        }
    }

    /// Property names that, when empty, are an absent geometry rather than a column.
    static let geometryPropertyNames: Set<String> = ["geometry", "geom", "the_geom", "msgeometry", "wkb_geometry", "shape", "geometrie"]

    /// GML namespaces all start with this (GML 2, 3.1: `…/gml`; GML 3.2: `…/gml/3.2`).
    static let gmlNamespace = "http://www.opengis.net/gml"

    /// How a srsName is handled.
    struct CRSUse {
        var name: String
        /// 4326 or 2154; 0 when not supported.
        var epsg: Int
        var latitudeFirst: Bool
        var features = 0
        var firstLine: Int
    }

    /// A feature being read.
    struct FeatureState {
        var line: Int
        var values: [RawValue]
        var setColumns: Set<Int> = []
        var boundedBySRS: String?
        var hasGeometry = false
        var geometryType: String?
        var geometrySRS: String?
        var point: (Double, Double)?
        var pointUnreadable: String?
    }

    /// A direct child of a feature being read.
    struct PropertyState {
        var name: String
        var isBoundedBy: Bool
        var text = ""
        var sawText = false
        var hasChildElement = false
        var isGeometry = false
    }

    /// A coordinate element being read inside a geometry.
    struct CoordinateState {
        enum Form { case coordinates(cs: Character, ts: Character, decimal: Character), pos, coordX, coordY }
        var form: Form
        var depth: Int
        var text = ""
    }

    /// The streaming state machine.
    struct Parser {
        let source: String
        let file: String
        var table = SourceTable(columns: ["@id"])
        var collectionSRS: String?
        var memberDepth: Int?
        var feature: FeatureState?
        var property: PropertyState?
        var coordinate: CoordinateState?
        var inCollectionBoundedBy = false
        var pendingX: String?
        var pendingY: String?
        var crsUses: [CRSUse] = []
        var assumedCRS = 0
        var complexProperties: Set<String> = []
        var featureTypes: [String] = []
        var sawGML32 = false
        var sawGML3Syntax = false
        var numberMatched: Int?
        var numberReturned: Int?

        init(source: String, file: String) {
            self.source = source
            self.file = file
        }

        mutating func run(_ r: XMLStreamReader) throws {
            // Root element.
            guard try r.next() == .startElement else { return }
            try checkRoot(r)
            while let kind = try r.next() {
                let depth = r.depth
                switch kind {
                case .startElement:
                    start(r, depth: depth)
                case .endElement:
                    end(r, depth: depth)
                case .text, .cdata:
                    // Text nodes are one level below their element.
                    if coordinate != nil, depth == coordinate!.depth + 1 {
                        coordinate!.text += r.text
                    } else if property != nil, let f = memberDepth.map({ $0 + 1 }), depth == f + 2 {
                        property!.text += r.text
                        property!.sawText = true
                    }
                }
            }
        }

        /// Accepts a feature collection; turns exception reports into a clear error.
        mutating func checkRoot(_ r: XMLStreamReader) throws {
            let name = r.localName
            if name == "ExceptionReport" || name == "ServiceExceptionReport" {
                var text = ""
                while let kind = try r.next(), text.count < 500 {
                    if kind == .text || kind == .cdata { text += TextFolding.clean(r.text) + " " }
                }
                throw OperationalError(.dataUnusable, code: "wfs-exception", location: .init(file: file), "\(file) : le serveur WFS a renvoyé une erreur au lieu des entités : « \(TextFolding.clean(text)) ». Que faire : vérifiez la requête GetFeature (TYPENAME, SRSNAME, droits d'accès à la couche) puis téléchargez de nouveau.")
            }
            guard name == "FeatureCollection" else {
                throw OperationalError(.dataUnusable, code: "gml-not-feature-collection", location: .init(file: file, line: r.line, field: name), "\(file), ligne \(r.line) : ce n'est pas une réponse WFS GetFeature (élément racine « \(name) » au lieu de « FeatureCollection »). Que faire : exportez la couche en GML depuis le serveur WFS (requête GetFeature) ou choisissez le format adapté à ce fichier.")
            }
            if r.namespaceHasPrefix(GMLReader.gmlNamespace + "/3.2") || r.namespaceHasPrefix("http://www.opengis.net/wfs/2.0") { sawGML32 = true }
            collectionSRS = r.attribute("srsName")
            numberMatched = r.attribute("numberMatched").flatMap { Int($0) }
            numberReturned = r.attribute("numberReturned").flatMap { Int($0) }
        }

        mutating func start(_ r: XMLStreamReader, depth: Int) {
            if let m = memberDepth {
                if depth == m + 1 {
                    beginFeature(r, depth: depth)
                    return
                }
                if depth == m + 2, feature != nil {
                    let isBoundedBy = r.localNameIs("boundedBy") && r.namespaceHasPrefix(GMLReader.gmlNamespace)
                    property = PropertyState(name: r.localName, isBoundedBy: isBoundedBy)
                    return
                }
                if depth > m + 2, property != nil {
                    insideProperty(r, depth: depth, featureDepth: m + 1)
                    return
                }
                return
            }
            if depth == 1 {
                if r.localNameIs("featureMember") || r.localNameIs("featureMembers") || r.localNameIs("member") {
                    if r.localNameIs("featureMembers") { sawGML3Syntax = true }
                    memberDepth = 1
                } else if r.localNameIs("boundedBy") {
                    inCollectionBoundedBy = true
                }
            } else if inCollectionBoundedBy, collectionSRS == nil, let srs = r.attribute("srsName") {
                collectionSRS = srs
                if r.localNameIs("Envelope") { sawGML3Syntax = true }
            }
        }

        mutating func beginFeature(_ r: XMLStreamReader, depth: Int) {
            var values = [RawValue](repeating: .absent, count: table.columns.count)
            if let id = r.attribute("id", namespacePrefix: GMLReader.gmlNamespace) {
                values[0] = .text(id)
                sawGML3Syntax = true
                if r.namespaceHasPrefix(GMLReader.gmlNamespace + "/3.2") { sawGML32 = true }
            } else if let fid = r.attribute("fid") {
                values[0] = .text(fid)
            }
            let type = r.localName
            if !featureTypes.contains(type) { featureTypes.append(type) }
            feature = FeatureState(line: r.line, values: values)
        }

        /// An element below a feature's property: geometry parts and coordinates.
        mutating func insideProperty(_ r: XMLStreamReader, depth: Int, featureDepth: Int) {
            property!.hasChildElement = true
            guard r.namespaceHasPrefix(GMLReader.gmlNamespace) else { return }
            if r.namespaceHasPrefix(GMLReader.gmlNamespace + "/3.2") { sawGML32 = true }
            if property!.isBoundedBy {
                if feature!.boundedBySRS == nil, let srs = r.attribute("srsName") { feature!.boundedBySRS = srs }
                return
            }
            property!.isGeometry = true
            // The first geometry of the feature wins.
            if depth == featureDepth + 2 {
                if feature!.hasGeometry { return }
                feature!.hasGeometry = true
                feature!.geometryType = r.localName
            }
            guard feature!.point == nil, feature!.pointUnreadable == nil else { return }
            if let srs = r.attribute("srsName") { feature!.geometrySRS = srs }
            if r.localNameIs("coordinates") {
                let cs = r.attribute("cs")?.first ?? ","
                let ts = r.attribute("ts")?.first ?? " "
                let decimal = r.attribute("decimal")?.first ?? "."
                coordinate = CoordinateState(form: .coordinates(cs: cs, ts: ts, decimal: decimal), depth: depth)
            } else if r.localNameIs("pos") || r.localNameIs("posList") {
                sawGML3Syntax = true
                coordinate = CoordinateState(form: .pos, depth: depth)
            } else if r.localNameIs("X") {
                coordinate = CoordinateState(form: .coordX, depth: depth)
            } else if r.localNameIs("Y") {
                coordinate = CoordinateState(form: .coordY, depth: depth)
            }
        }

        mutating func end(_ r: XMLStreamReader, depth: Int) {
            guard let m = memberDepth else {
                if depth == 1 { inCollectionBoundedBy = false }
                return
            }
            if let c = coordinate, depth == c.depth {
                coordinate = nil
                finishCoordinate(c)
            } else if depth == m + 2, let p = property {
                property = nil
                finishProperty(p, line: r.line)
            } else if depth == m + 1, let f = feature {
                feature = nil
                finishFeature(f)
            } else if depth == m {
                memberDepth = nil
            }
        }

        mutating func finishCoordinate(_ c: CoordinateState) {
            switch c.form {
            case .coordX: pendingX = c.text
            case .coordY: pendingY = c.text
            case .pos:
                setPoint(GMLReader.firstPair(c.text, separators: [], decimal: "."), raw: c.text)
            case .coordinates(let cs, let ts, let decimal):
                setPoint(GMLReader.firstPair(c.text, separators: [cs, ts], decimal: decimal), raw: c.text)
            }
            if let x = pendingX, let y = pendingY {
                pendingX = nil
                pendingY = nil
                let raw = x + " " + y
                setPoint(GMLReader.firstPair(raw, separators: [], decimal: "."), raw: raw)
            }
        }

        mutating func setPoint(_ pair: (Double, Double)?, raw: String) {
            guard feature != nil, feature!.point == nil else { return }
            if let pair { feature!.point = pair } else { feature!.pointUnreadable = String(raw.prefix(80)) }
        }

        mutating func finishProperty(_ p: PropertyState, line: Int) {
            guard var f = feature else { return }
            defer { feature = f }
            if p.isBoundedBy || p.isGeometry { return }
            if p.hasChildElement {
                if complexProperties.insert(p.name).inserted {
                    table.issues.append(Issue(code: "xml-complex-property", severity: .info,
                        message: "La propriété « \(p.name) » contient des sous-éléments : elle est ignorée. Si elle est utile, demandez au serveur une version à plat de la couche.",
                        source: source, file: file, line: line, field: p.name))
                }
                return
            }
            if !p.sawText, GMLReader.geometryPropertyNames.contains(p.name.lowercased()) { return }
            let index = table.addColumn(p.name)
            if index >= f.values.count {
                f.values.append(contentsOf: repeatElement(.absent, count: index + 1 - f.values.count))
            }
            let value = p.sawText ? p.text : ""
            if f.setColumns.insert(index).inserted {
                f.values[index] = p.sawText ? .text(value) : .absent
            } else {
                switch f.values[index] {
                case .list(let items): f.values[index] = .list(items + [value])
                case .text(let first): f.values[index] = .list([first, value])
                case .absent: f.values[index] = .list(["", value])
                }
            }
        }

        mutating func finishFeature(_ f: FeatureState) {
            var record = SourceRecord(line: f.line, values: f.values)
            pendingX = nil
            pendingY = nil
            defer { table.records.append(record) }
            guard f.hasGeometry else {
                record.geometryMissing = true
                return
            }
            if let t = f.geometryType, t != "Point" {
                table.issues.append(Issue(code: "geometry-not-point", severity: .info,
                    message: "Géométrie de type \(t) : son premier point est utilisé comme position du lieu.",
                    source: source, file: file, line: f.line, field: "geometry"))
            }
            guard let (a, b) = f.point else {
                record.geometryMissing = true
                table.issues.append(Issue(code: "geometry-unreadable", severity: .warning,
                    message: "Coordonnées illisibles (« \(f.pointUnreadable ?? "") ») : le lieu est gardé sans position. Corrigez la géométrie de cette entité dans la couche.",
                    source: source, file: file, line: f.line, field: "geometry"))
                return
            }
            guard let srsName = f.geometrySRS ?? f.boundedBySRS ?? collectionSRS else {
                // No srsName anywhere: WFS 1.0 default is lon lat; Lambert-93 is recognisable.
                assumedCRS += 1
                let epsg = Lambert93.isPlausible(x: a, y: b) ? 2154 : 4326
                record.point = RawPoint(x: a, y: b, epsg: epsg)
                note(CRSUse(name: "", epsg: epsg, latitudeFirst: false, firstLine: f.line))
                return
            }
            let code = CRSName.epsg(from: srsName)
            guard let code, code == 4326 || code == 2154 else {
                record.geometryMissing = true
                note(CRSUse(name: srsName, epsg: 0, latitudeFirst: false, firstLine: f.line))
                return
            }
            let latFirst = code == 4326 && CRSName.isLatitudeFirst(srsName)
            record.point = latFirst ? RawPoint(x: b, y: a, epsg: 4326) : RawPoint(x: a, y: b, epsg: code)
            note(CRSUse(name: srsName, epsg: code, latitudeFirst: latFirst, firstLine: f.line))
        }

        /// Counts a feature against its CRS.
        mutating func note(_ use: CRSUse) {
            if let i = crsUses.firstIndex(where: { $0.name == use.name && $0.epsg == use.epsg }) {
                crsUses[i].features += 1
            } else {
                var u = use
                u.features = 1
                crsUses.append(u)
            }
        }

        mutating func finish() -> SourceTable {
            let width = table.columns.count
            for i in table.records.indices where table.records[i].values.count < width {
                table.records[i].values.append(contentsOf: repeatElement(.absent, count: width - table.records[i].values.count))
            }
            let version = sawGML32 ? "GML 3.2 (WFS 2.0)" : sawGML3Syntax ? "GML 3 (WFS 1.1)" : "GML 2 (WFS 1.0)"
            let count = table.records.count
            var sentence = "\(version), \(count) \(count > 1 ? "entités" : "entité")"
            let known = crsUses.filter { $0.epsg != 0 }
            if !known.isEmpty {
                var parts: [String] = []
                for phrase in known.map({ u -> String in
                    if u.name.isEmpty { return "EPSG:\(u.epsg) (supposé faute de srsName, ordre \(u.epsg == 2154 ? "X Y" : "lon lat"))" }
                    if u.latitudeFirst { return "EPSG:4326 (srsName « \(u.name) », ordre lat lon, remis en lon lat)" }
                    return "EPSG:\(u.epsg) (ordre \(u.epsg == 2154 ? "X Y" : "lon lat"))"
                }) where !parts.contains(phrase) {
                    parts.append(phrase)
                }
                sentence += ", \(parts.count > 1 ? "systèmes de coordonnées" : "système de coordonnées") " + parts.joined(separator: ", ")
            }
            table.detections.append(sentence)
            if !featureTypes.isEmpty {
                table.detections.append("type d'entité \(featureTypes.map { "« \($0) »" }.joined(separator: ", "))")
            }
            for u in crsUses where u.epsg == 0 {
                table.issues.append(Issue(code: "crs-unexpected", severity: .error,
                    message: "Système de coordonnées « \(u.name) » non pris en charge : les coordonnées de \(u.features) \(u.features > 1 ? "entités sont ignorées" : "entité sont ignorées"). Demandez la couche en EPSG:4326 ou EPSG:2154 (paramètre SRSNAME de la requête GetFeature).",
                    source: source, file: file, line: u.firstLine, field: "srsName"))
            }
            if let u = crsUses.first(where: { $0.name.isEmpty }) {
                table.issues.append(Issue(code: "crs-missing", severity: .warning,
                    message: "Aucun srsName pour \(assumedCRS) \(assumedCRS > 1 ? "entités" : "entité") : coordonnées supposées en \(u.epsg == 2154 ? "EPSG:2154 (X Y)" : "EPSG:4326 (lon lat)"). Ajoutez le paramètre SRSNAME=EPSG:4326 à la requête GetFeature pour lever le doute.",
                    source: source, file: file, line: u.firstLine, field: "srsName"))
            }
            if count == 0 {
                table.issues.append(Issue(code: "no-features", severity: .warning,
                    message: "La réponse WFS ne contient aucune entité. Vérifiez le nom de la couche (TYPENAME), le filtre et les droits d'accès de la requête GetFeature.",
                    source: source, file: file))
            }
            if let matched = numberMatched, let returned = numberReturned, matched > returned {
                table.issues.append(Issue(code: "wfs-truncated", severity: .warning,
                    message: "Le serveur a renvoyé \(returned) entités sur \(matched) : la réponse est tronquée. Augmentez COUNT/MAXFEATURES ou téléchargez la couche par pages.",
                    source: source, file: file))
            }
            return table
        }
    }

    /// The first two numbers of a coordinate string: tokens split on white space and on
    /// `separators`, `decimal` read as the decimal point. Nil unless both are finite numbers.
    static func firstPair(_ text: String, separators: [Character], decimal: Character) -> (Double, Double)? {
        var numbers: [Double] = []
        var token = ""
        func flush() -> Bool {
            guard !token.isEmpty else { return true }
            defer { token = "" }
            guard let v = Double(token), v.isFinite else { return false }
            numbers.append(v)
            return true
        }
        for ch in text {
            if ch == decimal && decimal != "." {
                token.append(".")
            } else if ch.isWhitespace || separators.contains(ch) {
                guard flush() else { return nil }
                if numbers.count == 2 { break }
            } else {
                token.append(ch)
            }
        }
        guard numbers.count == 2 || flush(), numbers.count >= 2 else { return nil }
        return (numbers[0], numbers[1])
    }
}
