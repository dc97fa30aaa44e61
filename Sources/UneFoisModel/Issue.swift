import UneFoisCore
/// A problem found in the data: a value, never thrown.
///
/// `code` is a stable kebab-case slug: frictionless's where one exists (`type-error`,
/// `constraint-error`, `missing-cell`, `extra-cell`, `blank-row`, `duplicate-label`...), ours
/// otherwise (`leading-zero-lost`, `excel-serial-date`, `crs-unexpected`...). The message is
/// French and says what to do.
public struct Issue: Sendable, Hashable {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// The record (or file) is rejected.
        case error = "erreur"
        /// The value was dropped or repaired; the record goes on.
        case warning = "avertissement"
        /// Something worth knowing (a repair, a detection).
        case info = "information"

        var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var code: String
    public var severity: Severity
    public var message: String
    public var source: String
    public var file: String
    /// Physical line, when the problem has one.
    public var line: Int?
    /// Field or column name, when the problem has one.
    public var field: String?
    public var byteOffset: Int?

    public init(code: String, severity: Severity, message: String, source: String, file: String,
                line: Int? = nil, field: String? = nil, byteOffset: Int? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.source = source
        self.file = file
        self.line = line
        self.field = field
        self.byteOffset = byteOffset
    }

    /// An issue located at a record.
    public init(_ code: String, _ severity: Severity, _ message: String, at p: Provenance, field: String? = nil) {
        self.init(code: code, severity: severity, message: message, source: p.source, file: p.file,
                  line: p.line, field: field, byteOffset: p.byteOffset)
    }
}
