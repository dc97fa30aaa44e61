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
    }

    public let kind: Kind
    /// A French message that says what happened and what to do.
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
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
        }
    }

    public var description: String { message }
}
