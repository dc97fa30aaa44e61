import UneFoisCore
import UneFoisModel
import Foundation

/// A Frictionless Table Schema (the standard's `schema.json`), compiled for validating rows.
///
/// Implements what the standard uses: `required`, `unique`, `pattern` (anchored, as
/// frictionless does), `maxLength`, `minLength`, `enum`, and the `number`, `integer`, `date`
/// and `boolean` types. Codes follow frictionless (`missing-cell`... `constraint-error`,
/// `type-error`, `unique-error`). See https://specs.frictionlessdata.io/table-schema/.
public final class TableSchema: @unchecked Sendable {
    /// One field of the schema with its compiled constraints. A class: each place checks some 30
    /// fields, and a copy of a structure retained its name, type, pattern and labels each time.
    public final class Field: @unchecked Sendable {
        public let name: String
        public let type: String
        public let required: Bool
        public let unique: Bool
        public let pattern: NSRegularExpression?
        public let patternText: String?
        /// Accepts common values of `pattern` without the regex (see ``PatternShortcut``).
        let patternShortcut: PatternShortcut?
        public let maxLength: Int?
        public let minLength: Int?
        public let enumValues: [String]?
        /// Optional, of type string and without constraint: ``TableSchema/check(_:_:)`` accepts
        /// every value.
        public var acceptsAnything: Bool {
            !required && type == "string" && pattern == nil && maxLength == nil && minLength == nil && enumValues == nil
        }

        init(name: String, type: String, required: Bool, unique: Bool, patternText: String?, maxLength: Int?, minLength: Int?, enumValues: [String]?) {
            self.name = name
            self.type = type
            self.required = required
            self.unique = unique
            self.patternText = patternText
            pattern = patternText.flatMap { try? NSRegularExpression(pattern: "^(?:" + $0 + ")$") }
            patternShortcut = patternText.flatMap { PatternShortcut(pattern: $0) }
            self.maxLength = maxLength
            self.minLength = minLength
            self.enumValues = enumValues
        }
    }

    public let fields: [Field]
    public let version: String
    /// Names of the `primaryKey` fields (empty when the schema declares none).
    public let primaryKey: [String]

    /// Loads and compiles a Table Schema JSON file (throws `.configuration` when unreadable).
    public init(path: String) throws {
        let f = try MappedFile(path: path)
        guard let doc = try? JSONParser.parse(f.bytes), let list = doc["fields"]?.arrayValue else {
            throw OperationalError(.configuration, "Schéma \(path) illisible (Table Schema attendu).")
        }
        version = doc["version"]?.stringValue ?? "?"
        if let pk = doc["primaryKey"]?.stringValue { primaryKey = [pk] }
        else { primaryKey = doc["primaryKey"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        var out: [Field] = []
        for item in list {
            guard let name = item["name"]?.stringValue else { continue }
            let c = item["constraints"]
            out.append(Field(name: name, type: item["type"]?.stringValue ?? "string",
                             required: c?["required"] == .bool(true), unique: c?["unique"] == .bool(true),
                             patternText: c?["pattern"]?.stringValue,
                             maxLength: c?["maxLength"]?.scalarText.flatMap { Int($0) },
                             minLength: c?["minLength"]?.scalarText.flatMap { Int($0) },
                             enumValues: c?["enum"]?.arrayValue?.compactMap { $0.scalarText }))
        }
        fields = out
    }

    /// One problem in one cell.
    public struct CellError: Sendable, Equatable {
        public var code: String
        public var field: String
        public var message: String
    }

    /// Checks one cell value (nil or "" = empty). Unique is checked by the caller across rows.
    public func check(_ field: Field, _ value: String?) -> CellError? {
        guard let v = value, !v.isEmpty else {
            return field.required ? CellError(code: "constraint-error", field: field.name, message: "le champ obligatoire « \(field.name) » est vide.") : nil
        }
        switch field.type {
        case "number":
            // A text Swift reads as a number is ASCII: an n or N in it is a NaN or an infinity.
            if Double(v) == nil || v.utf8.contains(where: { $0 | 0x20 == UInt8(ascii: "n") }) { return CellError(code: "type-error", field: field.name, message: "« \(v) » n'est pas un nombre.") }
        case "integer":
            if Int(v) == nil { return CellError(code: "type-error", field: field.name, message: "« \(v) » n'est pas un entier.") }
        case "date":
            // Table Schema's default date format is ISO 8601 `YYYY-MM-DD` only.
            let b = Array(v.utf8)
            let iso = b.count == 10 && b[4] == UInt8(ascii: "-") && b[7] == UInt8(ascii: "-")
                && b.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= 0x30 && c <= 0x39) }
            if !iso || DateText.normalise(v) != .success(v) {
                return CellError(code: "type-error", field: field.name, message: "« \(v) » n'est pas une date aaaa-mm-jj.")
            }
        case "boolean":
            if !["true", "false", "True", "False", "TRUE", "FALSE", "1", "0", "yes", "no"].contains(v) { return CellError(code: "type-error", field: field.name, message: "« \(v) » n'est pas un booléen.") }
        default: break
        }
        if let re = field.pattern, !(field.patternShortcut?.accepts(v) ?? false), re.firstMatch(in: v, range: NSRange(location: 0, length: (v as NSString).length)) == nil {
            return CellError(code: "constraint-error", field: field.name, message: "« \(v) » ne respecte pas le format attendu pour « \(field.name) ».")
        }
        if let max = field.maxLength, v.utf8.count > max, v.count > max {
            return CellError(code: "constraint-error", field: field.name, message: "« \(field.name) » dépasse \(max) caractères (\(v.count)).")
        }
        if let min = field.minLength, v.count < min {
            return CellError(code: "constraint-error", field: field.name, message: "« \(field.name) » fait moins de \(min) caractères.")
        }
        if let e = field.enumValues, !e.contains(v) {
            return CellError(code: "constraint-error", field: field.name, message: "« \(v) » n'est pas une valeur autorisée pour « \(field.name) ».")
        }
        return nil
    }

    /// The field named `name`, if the schema has one.
    public func field(named name: String) -> Field? { fields.first { $0.name == name } }
}
