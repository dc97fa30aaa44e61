import UneFoisCore
/// `datapackage.json`: the Frictionless Data Package (https://specs.frictionlessdata.io/data-package/)
/// describing one generation of the output folder. Every published file is a resource with its
/// `path`, `format`, `mediatype`, `bytes` and `hash` (`sha256:<hex>`); the tables carry their
/// Table Schema inline (the standard's schema for `lieux.csv`), the data·inclusion files name the
/// schema they conform to; the package is under Licence Ouverte 2.0 (`etalab-2.0`).
///
/// Written last by ``OutputGeneration``, it lets a reader check that the folder is one run:
/// `frictionless validate datapackage.json` verifies every size and hash.
public enum DataPackage {
    /// One published file's description (everything but size and hash).
    public struct Entry: Sendable {
        public var path: String
        public var format: String
        public var mediatype: String
        /// `table` for CSV files read as tables, `file` otherwise (checked by size and hash only).
        public var type: String
        public var title: String
        public var extra: [(String, JSONValue)] = []
    }

    /// What each published name is.
    public static func entry(for name: String, standardSchema: JSONValue?) -> Entry {
        switch name {
        case "lieux.csv":
            var e = Entry(path: name, format: "csv", mediatype: "text/csv", type: "table", title: "Lieux de médiation numérique (standard v1.0.2)")
            e.extra = [("encoding", .string("utf-8"))]
            if let s = standardSchema { e.extra.append(("schema", s)) }
            return e
        case "lieux-bureautique.csv":
            return Entry(path: name, format: "csv", mediatype: "text/csv", type: "file", title: "Lieux pour un tableur (UTF-8 avec BOM, séparateur point-virgule, formules neutralisées)")
        case _ where HubFileName.matches(name):
            var e = entry(for: "lieux.csv", standardSchema: standardSchema)
            e.path = name
            e.title = "Lieux de médiation numérique (standard v1.0.2), nommé selon la recommandation du standard"
            return e
        case "correspondances.csv":
            var e = Entry(path: name, format: "csv", mediatype: "text/csv", type: "table", title: "Devenir de chaque enregistrement source")
            e.extra = [("encoding", .string("utf-8")), ("schema", tableSchema([("source", "string"), ("source_id", "string"), ("lieu_id", "string"), ("statut", "string"), ("motif", "string")]))]
            return e
        case "rejets.csv":
            var e = Entry(path: name, format: "csv", mediatype: "text/csv", type: "table", title: "Problèmes relevés dans les sources")
            e.extra = [("encoding", .string("utf-8")), ("schema", tableSchema([("source", "string"), ("fichier", "string"), ("ligne", "integer"), ("champ", "string"), ("code", "string"), ("message", "string")]))]
            return e
        case "structures.json":
            var e = Entry(path: name, format: "json", mediatype: "application/json", type: "file", title: "Structures data·inclusion v1")
            e.extra = [("conformsTo", .string("data·inclusion v1 structure (https://github.com/gip-inclusion/data-inclusion-schema)"))]
            return e
        case "services.json":
            var e = Entry(path: name, format: "json", mediatype: "application/json", type: "file", title: "Services data·inclusion v1")
            e.extra = [("conformsTo", .string("data·inclusion v1 service (https://github.com/gip-inclusion/data-inclusion-schema)"))]
            return e
        case "lieux.geojson":
            return Entry(path: name, format: "geojson", mediatype: "application/geo+json", type: "file", title: "Lieux (GeoJSON, WGS84)")
        case "lieux.gpkg":
            return Entry(path: name, format: "gpkg", mediatype: "application/geopackage+sqlite3", type: "file", title: "Lieux (GeoPackage, EPSG:4326)")
        case "unefois.sqlite":
            return Entry(path: name, format: "sqlite", mediatype: "application/vnd.sqlite3", type: "file", title: "Base SQLite de l'exécution et état des nuits suivantes")
        case "rapport.md":
            return Entry(path: name, format: "md", mediatype: "text/markdown", type: "file", title: "Rapport (Markdown)")
        case "rapport.html":
            return Entry(path: name, format: "html", mediatype: "text/html", type: "file", title: "Rapport (HTML)")
        default:
            let ext = name.split(separator: ".").last.map(String.init) ?? ""
            if ext == "csv", name.contains("lieux-de-mediation-numerique") {
                // lieux.csv under the standard's recommended name (same bytes, same schema).
                var e = entry(for: "lieux.csv", standardSchema: standardSchema)
                e.path = name
                return e
            }
            let mediatypes = ["csv": "text/csv", "json": "application/json", "html": "text/html", "md": "text/markdown", "geojson": "application/geo+json"]
            return Entry(path: name, format: ext, mediatype: mediatypes[ext] ?? "application/octet-stream", type: "file", title: name)
        }
    }

    static func tableSchema(_ fields: [(String, String)]) -> JSONValue {
        .object(JSONObject(members: [("fields", .array(fields.map { .object(JSONObject(members: [("name", .string($0.0)), ("type", .string($0.1))])) }))]))
    }

    /// The descriptor for `files` (name, size, SHA-256 hex), in the order given.
    public static func descriptor(files: [(name: String, bytes: Int, sha256: String)], standardSchema: JSONValue?) -> [UInt8] {
        let resources: [JSONValue] = files.map { f in
            let e = entry(for: f.name, standardSchema: standardSchema)
            var members: [(key: String, value: JSONValue)] = [
                ("name", .string(resourceName(f.name))), ("type", .string(e.type)), ("title", .string(e.title)), ("path", .string(e.path)),
                ("format", .string(e.format)), ("mediatype", .string(e.mediatype)), ("bytes", .number(String(f.bytes))), ("hash", .string("sha256:" + f.sha256)),
            ]
            members += e.extra.map { (key: $0.0, value: $0.1) }
            return .object(JSONObject(members: members))
        }
        let licence = JSONValue.object(JSONObject(members: [("name", .string("etalab-2.0")), ("path", .string("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")),
                                                           ("title", .string("Licence Ouverte / Open Licence version 2.0"))]))
        return JSONWriter.document(.object(JSONObject(members: [
            ("name", .string("unefois-lieux-mediation-numerique")),
            ("title", .string("Lieux de médiation numérique et inclusion numérique (unefois)")),
            ("licenses", .array([licence])),
            ("resources", .array(resources)),
        ])))
    }

    /// A resource name as the spec wants it (lowercase, `-`, `_`, `.`).
    static func resourceName(_ file: String) -> String {
        String(file.lowercased().map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "-" })
    }
}
