/// An operational failure: something that stops a source or the whole run (missing file,
/// unreadable configuration, disk error, lock held). Bad *data* is never thrown: it becomes
/// ``Issue`` values.
///
/// Each kind maps to one process exit code (sysexits.h), documented in the README.
public struct OperationalError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, at the level the exit code speaks of.
    public enum Kind: Sendable {
        /// A source's data cannot be used as a whole (exit 65).
        case dataUnusable
        /// An input file is missing (exit 66).
        case inputMissing
        /// An output cannot be created (exit 73).
        case cannotCreate
        /// An output cannot be written (exit 74).
        case ioError
        /// Another run holds the lock (exit 75).
        case locked
        /// The configuration or command line is wrong, or a format is not available (exit 78).
        case configuration
        /// Tonight's publication would drop too many places: nothing is published (exit 79).
        case massChange
        /// The state of earlier runs is damaged: moved aside, the run stops (exit 80).
        case stateCorrupt
        /// `explain` of an id that is neither published nor a known source key (exit 81).
        case unknownIdentifier

        /// Default code of a failure of this kind.
        public var code: String {
            switch self {
            case .dataUnusable: return "data-unusable"
            case .inputMissing: return "input-missing"
            case .cannotCreate: return "cannot-create"
            case .ioError: return "io-error"
            case .locked: return "locked"
            case .configuration: return "configuration"
            case .massChange: return "mass-change"
            case .stateCorrupt: return "state-corrupt"
            case .unknownIdentifier: return "unknown-identifier"
            }
        }
    }

    /// Where a failure is, as far as it is known.
    public struct Location: Sendable, Equatable {
        public var file: String?
        /// Physical line (1-based).
        public var line: Int?
        public var byteOffset: Int?
        /// Field, column or configuration key (`sources[0].chemin`).
        public var field: String?

        public init(file: String? = nil, line: Int? = nil, byteOffset: Int? = nil, field: String? = nil) {
            self.file = file
            self.line = line
            self.byteOffset = byteOffset
            self.field = field
        }
    }

    public let kind: Kind
    /// Stable kebab-case code of the failure (`zip-limit`, `xml-security-limit`, `config-key`,
    /// `unterminated-quote`...); by default the kind's (`data-unusable`, `input-missing`...).
    /// Programs and tests match on it, never on the French text.
    public let code: String
    /// Where the failure is.
    public let location: Location
    /// What happened, in French.
    public let detail: String
    /// What to do, in French, when ``detail`` does not already say it.
    public let remedy: String?

    /// The French message shown to a person: what happened, then what to do.
    public var message: String {
        guard let remedy else { return detail }
        return detail + " Que faire : " + remedy
    }

    /// A failure described by a French message only; its code is the kind's.
    public init(_ kind: Kind, _ message: String) {
        self.init(kind, code: kind.code, message)
    }

    /// A failure with its stable code, location and remedy as data.
    public init(_ kind: Kind, code: String, location: Location = Location(), _ detail: String, remedy: String? = nil) {
        self.kind = kind
        self.code = code
        self.detail = detail
        self.location = location
        self.remedy = remedy
    }

    /// The process exit code for this kind.
    public var exitCode: Int32 {
        switch kind {
        case .dataUnusable: return 65
        case .inputMissing: return 66
        case .cannotCreate: return 73
        case .ioError: return 74
        case .locked: return 75
        case .configuration: return 78
        case .massChange: return 79
        case .stateCorrupt: return 80
        case .unknownIdentifier: return 81
        }
    }

    public var description: String { message }
}
