import UneFoisCore
import UneFoisModel
import Foundation

/// A small JSON Schema (draft 2020-12) interpreter covering exactly the keywords the
/// data·inclusion v1 schemas use: `$ref` (local `#/...` pointers), `anyOf`, `type`, `enum`,
/// `const`, `pattern`, `minLength`, `maxLength`, `minimum`, `maximum`, `items`, `uniqueItems`,
/// `minItems`, `maxItems`, `required`, `properties` and `format` (`date`, `email`, `uri`,
/// checked loosely). Other keywords (`title`, `description`, `default`, `examples`...) are ignored.
///
/// Works on the project's own ``JSONValue`` so numbers keep their source text. Violations are
/// values, never thrown. See https://json-schema.org/draft/2020-12/json-schema-validation.
public struct JSONSchemaSubset: Sendable {
    /// One violated keyword at one place of the instance.
    public struct Violation: Sendable, Equatable {
        /// The JSON Schema keyword that failed (`required`, `type`, `enum`, `pattern`, `anyOf`...).
        public var keyword: String
        /// Where in the instance: `nom`, `publics[2]`, or "" for the root.
        public var path: String
        /// French message saying what is wrong and what is expected.
        public var message: String

        /// Creates a violation (also used for rules the schemas state only in prose).
        public init(keyword: String, path: String, message: String) {
            self.keyword = keyword
            self.path = path
            self.message = message
        }
    }

    /// The whole schema document (used to resolve `$ref`).
    public let root: JSONValue
    /// Compiled `pattern` regexes, by source text (filled at init for every pattern of the document).
    private let patterns: [String: NSRegularExpression]

    /// Compiles `root` (a JSON Schema document). Invalid regexes are reported as violations when used.
    public init(_ root: JSONValue) {
        self.root = root
        var found: [String: NSRegularExpression] = [:]
        func walk(_ v: JSONValue) {
            switch v {
            case .object(let o):
                for m in o.members {
                    if m.key == "pattern", let p = m.value.stringValue, found[p] == nil {
                        found[p] = try? NSRegularExpression(pattern: p)
                    }
                    walk(m.value)
                }
            case .array(let a): a.forEach(walk)
            default: break
            }
        }
        walk(root)
        patterns = found
    }

    /// Loads a schema file (operational failure if missing or not JSON).
    public init(path: String) throws {
        let file = try MappedFile(path: path)
        do {
            self.init(try JSONParser.parse(file.bytes))
        } catch let f as JSONParser.Failure {
            throw OperationalError(.configuration, "Schéma JSON \(path), ligne \(f.line) : JSON invalide (\(f.message)). Réinstallez unefois.")
        }
    }

    /// Validates `instance` against the root schema; returns every violation (empty = valid).
    public func validate(_ instance: JSONValue) -> [Violation] {
        var out: [Violation] = []
        check(instance, against: root, path: "", into: &out)
        return out
    }

    // MARK: - Keywords

    private func check(_ value: JSONValue, against schema: JSONValue, path: String, into out: inout [Violation]) {
        guard let s = schema.objectValue else {
            if schema == .bool(false) { out.append(Violation(keyword: "false", path: path, message: "aucune valeur n'est permise ici.")) }
            return
        }
        let label = path.isEmpty ? "l'objet" : "« \(path) »"
        if let ref = s["$ref"]?.stringValue {
            if let target = resolve(ref) {
                check(value, against: target, path: path, into: &out)
            } else {
                out.append(Violation(keyword: "$ref", path: path, message: "référence de schéma « \(ref) » introuvable."))
            }
        }
        if let branches = s["anyOf"]?.arrayValue {
            checkAnyOf(value, branches, path: path, label: label, into: &out)
        }
        if let t = s["type"] {
            let allowed = t.arrayValue?.compactMap(\.stringValue) ?? [t.stringValue].compactMap { $0 }
            if !allowed.contains(where: { JSONSchemaSubset.matches(value, type: $0) }) {
                out.append(Violation(keyword: "type", path: path,
                                     message: "\(label) vaut \(JSONSchemaSubset.describe(value)) alors qu'il faut \(allowed.map(JSONSchemaSubset.typeName).joined(separator: " ou ")).")); return
            }
        }
        if let e = s["enum"]?.arrayValue, !e.contains(where: { JSONSchemaSubset.equal($0, value) }) {
            let shown = e.prefix(12).compactMap(\.scalarText).joined(separator: ", ")
            out.append(Violation(keyword: "enum", path: path,
                                 message: "\(label) : \(JSONSchemaSubset.describe(value)) n'est pas une valeur permise (valeurs possibles : \(shown)\(e.count > 12 ? ", …" : "")).")) }
        if let c = s["const"], !JSONSchemaSubset.equal(c, value) {
            out.append(Violation(keyword: "const", path: path, message: "\(label) doit valoir « \(c.scalarText ?? "?") »."))
        }
        if case .string(let text) = value {
            checkString(text, s, path: path, label: label, into: &out)
        }
        if case .number(let n) = value, let d = Double(n) {
            if let m = s["minimum"]?.doubleValue, d < m {
                out.append(Violation(keyword: "minimum", path: path, message: "\(label) vaut \(n) : le minimum est \(s["minimum"]!.scalarText!)."))
            }
            if let m = s["maximum"]?.doubleValue, d > m {
                out.append(Violation(keyword: "maximum", path: path, message: "\(label) vaut \(n) : le maximum est \(s["maximum"]!.scalarText!)."))
            }
        }
        if case .array(let items) = value {
            checkArray(items, s, path: path, label: label, into: &out)
        }
        if case .object(let obj) = value {
            if let req = s["required"]?.arrayValue {
                for r in req.compactMap(\.stringValue) where obj[r] == nil {
                    out.append(Violation(keyword: "required", path: path.isEmpty ? r : "\(path).\(r)", message: "le champ obligatoire « \(r) » est absent."))
                }
            }
            if let props = s["properties"]?.objectValue {
                for m in obj.members {
                    guard let sub = props[m.key] else { continue }
                    check(m.value, against: sub, path: path.isEmpty ? m.key : "\(path).\(m.key)", into: &out)
                }
            }
        }
    }

    private func checkAnyOf(_ value: JSONValue, _ branches: [JSONValue], path: String, label: String, into out: inout [Violation]) {
        var results: [[Violation]] = []
        for b in branches {
            var v: [Violation] = []
            check(value, against: b, path: path, into: &v)
            if v.isEmpty { return }
            results.append(v)
        }
        // Report the reasons of the branches whose `type` accepts the value: with the schemas'
        // usual `anyOf: [{…string…}, {type: null}]`, this names the real problem (pattern, length...).
        let relevant = results.filter { !$0.contains { $0.keyword == "type" && $0.path == path } }
        if relevant.count == 1 {
            out.append(contentsOf: relevant[0])
        } else {
            out.append(Violation(keyword: "anyOf", path: path,
                                 message: "\(label) : \(JSONSchemaSubset.describe(value)) ne correspond à aucune des formes permises."))
        }
    }

    private func checkString(_ text: String, _ s: JSONObject, path: String, label: String, into out: inout [Violation]) {
        let length = text.unicodeScalars.count
        if let m = s["minLength"]?.doubleValue, Double(length) < m {
            out.append(Violation(keyword: "minLength", path: path, message: "\(label) fait \(length) caractère(s) : il en faut au moins \(Int(m))."))
        }
        if let m = s["maxLength"]?.doubleValue, Double(length) > m {
            out.append(Violation(keyword: "maxLength", path: path, message: "\(label) fait \(length) caractères : \(Int(m)) au plus."))
        }
        if let p = s["pattern"]?.stringValue {
            if let re = patterns[p] {
                let ns = text as NSString
                if re.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) == nil {
                    out.append(Violation(keyword: "pattern", path: path, message: "\(label) : « \(text) » ne respecte pas le format attendu (\(p))."))
                }
            } else {
                out.append(Violation(keyword: "pattern", path: path, message: "expression régulière du schéma illisible (\(p))."))
            }
        }
        if let f = s["format"]?.stringValue, !JSONSchemaSubset.matches(text, format: f) {
            let expected: String
            switch f {
            case "date": expected = "une date réelle au format aaaa-mm-jj"
            case "email": expected = "une adresse courriel (nom@domaine.fr)"
            case "uri": expected = "une adresse web complète (https://…)"
            default: expected = "le format « \(f) »"
            }
            out.append(Violation(keyword: "format", path: path, message: "\(label) : « \(text) » n'est pas \(expected)."))
        }
    }

    private func checkArray(_ items: [JSONValue], _ s: JSONObject, path: String, label: String, into out: inout [Violation]) {
        if let m = s["minItems"]?.doubleValue, Double(items.count) < m {
            out.append(Violation(keyword: "minItems", path: path, message: "\(label) doit contenir au moins \(Int(m)) élément(s)."))
        }
        if let m = s["maxItems"]?.doubleValue, Double(items.count) > m {
            out.append(Violation(keyword: "maxItems", path: path, message: "\(label) contient \(items.count) éléments : \(Int(m)) au plus."))
        }
        if s["uniqueItems"] == .bool(true) {
            for i in items.indices {
                if let j = items[..<i].firstIndex(where: { JSONSchemaSubset.equal($0, items[i]) }) {
                    out.append(Violation(keyword: "uniqueItems", path: "\(path)[\(i)]",
                                         message: "\(label) : \(JSONSchemaSubset.describe(items[i])) apparaît deux fois (éléments \(j) et \(i)) ; gardez-en un seul."))
                }
            }
        }
        if let itemSchema = s["items"], itemSchema.objectValue != nil || itemSchema == .bool(false) {
            for (i, item) in items.enumerated() {
                check(item, against: itemSchema, path: "\(path)[\(i)]", into: &out)
            }
        }
    }

    /// Resolves a local reference `#/a/b` (JSON Pointer, with `~0`/`~1` escapes).
    private func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#") else { return nil }
        var node = root
        for raw in ref.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let o = node.objectValue, let next = o[key] { node = next }
            else if let a = node.arrayValue, let i = Int(key), a.indices.contains(i) { node = a[i] }
            else { return nil }
        }
        return node
    }

    // MARK: - Value helpers

    /// True when `value` is of JSON Schema type `type` (`integer` = a number with no fraction).
    public static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number):
            return true
        case ("integer", .number(let n)):
            guard let d = Double(n) else { return false }
            return d == d.rounded(.towardZero) && d.isFinite
        default:
            return false
        }
    }

    /// Loose `format` checks: `date` is a real calendar date `yyyy-mm-dd`; `email` has one `@`,
    /// a non-empty local part and a dotted domain, no space; `uri` has a scheme and no space.
    /// Unknown formats pass (annotation only, as JSON Schema says).
    public static func matches(_ text: String, format: String) -> Bool {
        let b = Array(text.utf8)
        switch format {
        case "date":
            guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
            func n(_ r: Range<Int>) -> Int? {
                var v = 0
                for i in r { guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }; v = v * 10 + Int(b[i] - 0x30) }
                return v
            }
            guard let y = n(0..<4), let m = n(5..<7), let d = n(8..<10), m >= 1, m <= 12, d >= 1 else { return false }
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
            return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        case "email":
            if b.contains(where: { $0 <= 0x20 }) { return false }
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else { return false }
            let domain = parts[1]
            return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
        case "uri":
            if b.contains(where: { $0 <= 0x20 }) { return false }
            guard let colon = b.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon + 1 < b.count else { return false }
            let isAlpha = { (c: UInt8) in (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
            guard isAlpha(b[0]) else { return false }
            for c in b[1..<colon] where !(isAlpha(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")) {
                return false
            }
            return true
        default:
            return true
        }
    }

    /// JSON equality where numbers compare by value (`1` == `1.0`), as JSON Schema requires.
    public static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y || (Double(x) != nil && Double(x) == Double(y))
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.members.count == y.members.count else { return false }
            return x.members.allSatisfy { m in y[m.key].map { equal(m.value, $0) } ?? false }
        default: return a == b
        }
    }

    static func typeName(_ t: String) -> String {
        switch t {
        case "string": return "un texte"
        case "number": return "un nombre"
        case "integer": return "un entier"
        case "boolean": return "un booléen (true/false)"
        case "null": return "null"
        case "array": return "une liste [ … ]"
        case "object": return "un objet { … }"
        default: return t
        }
    }

    static func describe(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return "« \(s.count > 60 ? String(s.prefix(60)) + "…" : s) »"
        case .array: return "une liste"
        case .object: return "un objet"
        }
    }
}
