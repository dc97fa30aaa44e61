import UneFoisCore
import UneFoisModel
/// Reads records from JSON files as the hub's sources publish them: a plain array, JSON Lines,
/// a DORA API page (`{count, next, previous, results}`) or a `{"data": [...]}` /
/// `{"items": [...]}` wrapper. Each object becomes one ``SourceRecord``; nested objects are
/// flattened with dotted names (`adresse.commune`), arrays of scalars become lists.
public enum JSONRecordReader {
    /// Reads `bytes`. An unparseable document throws `.dataUnusable` with the line of the error.
    ///
    /// Invalid UTF-8 bytes (only possible inside strings) are each read as Windows-1252 and
    /// reported line by line (`encoding-repaired`), never turned silently into « � ».
    public static func read(bytes: UnsafeRawBufferPointer, source: String, file: String) throws -> SourceTable {
        if TextEncoding.utf8Evidence(bytes).invalid > 0 {
            let (fixed, offsets) = TextEncoding.repairingUTF8(bytes)
            var table = try fixed.withUnsafeBytes { try readUTF8(bytes: $0, source: source, file: file) }
            var lines = Set<Int>()
            var line = 1
            var next = 0
            for (i, b) in bytes.enumerated() where next < offsets.count {
                if i == offsets[next] {
                    if lines.insert(line).inserted {
                        table.issues.append(Issue(code: "encoding-repaired", severity: .warning,
                            message: "Octet(s) invalide(s) en UTF-8 sur cette ligne : lus comme des caractères Windows-1252. Vérifiez les valeurs et enregistrez le fichier en UTF-8.",
                            source: source, file: file, line: line, byteOffset: i))
                    }
                    next += 1
                }
                if b == 0x0A { line += 1 }
            }
            return table
        }
        return try readUTF8(bytes: bytes, source: source, file: file)
    }

    static func readUTF8(bytes: UnsafeRawBufferPointer, source: String, file: String) throws -> SourceTable {
        var table = SourceTable()
        let objects: [JSONValue]
        var itemLines: [Int] = []
        do {
            let (doc, lines) = try JSONParser.parseWithElementLines(bytes)
            var key = ""
            objects = try recordArray(in: doc, file: file, table: &table, key: &key)
            itemLines = lines[key] ?? []
        } catch let failure as JSONParser.Failure {
            // Maybe JSON Lines: one object per line, none of them a whole document (an array, an
            // API page or a wrapper). A document followed by garbage or a truncated line is an
            // error at the garbage's line, never read as JSON Lines.
            let lines = JSONParser.parseLines(bytes)
            let good = lines.compactMap { if case .success(let v) = $0.result { return v } else { return nil } }
            let documentLike = firstByte(bytes) == UInt8(ascii: "[") || good.contains { v in
                guard case .object(let o) = v else { return true }
                return recordKeys.contains { o[$0] != nil } || o["count"] != nil || o["next"] != nil
            }
            guard !documentLike, lines.count > 1, good.count * 2 >= lines.count else {
                throw OperationalError(.dataUnusable, code: "json-invalid", location: .init(file: file, line: failure.line), "\(file), ligne \(failure.line) : JSON illisible (\(failure.message)). Vérifiez que l'export est complet et qu'il s'agit bien de JSON.")
            }
            table.detections.append("format JSON Lines (un objet par ligne)")
            var objs: [JSONValue] = []
            for (line, result) in lines {
                switch result {
                case .success(let v): objs.append(v); itemLines.append(line)
                case .failure(let f):
                    table.issues.append(Issue(code: "json-error", severity: .error,
                        message: "Ligne JSON illisible (\(f.message)) : l'enregistrement est ignoré. Corrigez cette ligne.",
                        source: source, file: file, line: line))
                }
            }
            objects = objs
        }
        for (n, obj) in objects.enumerated() {
            guard case .object(let o) = obj else {
                table.issues.append(Issue(code: "json-error", severity: .error,
                    message: "L'élément n° \(n + 1) n'est pas un objet JSON : il est ignoré. Chaque enregistrement doit être un objet { … }.",
                    source: source, file: file, line: n < itemLines.count ? itemLines[n] : nil))
                continue
            }
            var values: [RawValue] = Array(repeating: .absent, count: table.columns.count)
            flatten(o, prefix: "", into: &values, table: &table)
            table.records.append(SourceRecord(line: o.line, values: values))
        }
        // Pad early records to the final width.
        let width = table.columns.count
        for i in table.records.indices where table.records[i].values.count < width {
            table.records[i].values.append(contentsOf: repeatElement(.absent, count: width - table.records[i].values.count))
        }
        return table
    }

    /// Members that hold the records of a wrapper or an API page.
    static let recordKeys = ["results", "data", "items", "structures", "services"]

    static func firstByte(_ bytes: UnsafeRawBufferPointer) -> UInt8? {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        return i < bytes.count ? bytes[i] : nil
    }

    /// The array holding the records; `key` is set to its member name ("" for a top-level array).
    /// A wrapper whose record member is not an array (`"results": {…}`) is refused (`json-shape`):
    /// read as one record it would publish nothing without a word.
    static func recordArray(in doc: JSONValue, file: String, table: inout SourceTable, key: inout String) throws -> [JSONValue] {
        switch doc {
        case .array(let items):
            table.detections.append("tableau JSON de \(items.count) objets")
            return items
        case .object(let o):
            for k in ["results", "data", "items", "structures", "services"] {
                if let member = o[k], !member.isNull, member.arrayValue == nil {
                    throw OperationalError(.dataUnusable, code: "json-shape", location: .init(file: file, line: o.line, field: k),
                                           "\(file) : le membre « \(k) » devrait être un tableau d'enregistrements [ … ], c'est un autre type de valeur (json-shape).",
                                           remedy: "vérifiez que le fichier est bien l'export attendu (page d'API complète, sans modification).")
                }
                if case .array(let items)? = o[k] {
                    key = k
                    if o["count"] != nil || o["next"] != nil {
                        table.apiPage = APIPage(count: o["count"]?.scalarText.flatMap { Int($0) }, next: o["next"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }, items: items.count)
                        table.detections.append("page d'API paginée (membre « \(key) », \(items.count) objets" + (o["count"].flatMap { $0.scalarText }.map { " sur \($0) annoncés" } ?? "") + ")")
                        if let next = o["next"]?.stringValue, !next.isEmpty {
                            table.detections.append("page suivante annoncée (\(next)) : ajoutez les autres pages comme fichiers de la même source")
                        }
                    } else {
                        table.detections.append("objets du membre « \(key) » (\(items.count))")
                    }
                    return items
                }
            }
            if o["count"] != nil || o["next"] != nil {
                throw OperationalError(.dataUnusable, code: "json-shape", location: .init(file: file, line: o.line),
                                       "\(file) : page d'API (count, next) sans tableau d'enregistrements « results » (json-shape).",
                                       remedy: "vérifiez que le fichier est bien l'export attendu (page d'API complète, sans modification).")
            }
            table.detections.append("un seul objet JSON")
            return [doc]
        default:
            throw OperationalError(.dataUnusable, "\(file) : le document JSON n'est ni un tableau ni un objet ; aucun enregistrement à lire.")
        }
    }

    static func flatten(_ o: JSONObject, prefix: String, into values: inout [RawValue], table: inout SourceTable) {
        for (key, value) in o.members {
            let name = prefix.isEmpty ? key : prefix + "." + key
            switch value {
            case .object(let inner):
                flatten(inner, prefix: name, into: &values, table: &table)
            default:
                let idx = table.addColumn(name)
                while values.count <= idx { values.append(.absent) }
                values[idx] = raw(value)
            }
        }
    }

    /// A JSON value as a raw value: scalars as text, arrays of scalars as lists, null as absent.
    static func raw(_ value: JSONValue) -> RawValue {
        switch value {
        case .null: return .absent
        case .array(let items):
            return .list(items.compactMap { item -> String? in
                if let t = item.scalarText { return t }
                if case .object = item { return String(decoding: JSONWriter.document(item, pretty: false).dropLast(), as: UTF8.self) }
                return nil
            })
        case .object:
            return .text(String(decoding: JSONWriter.document(value, pretty: false).dropLast(), as: UTF8.self))
        default:
            return value.scalarText.map { .text($0) } ?? .absent
        }
    }
}
