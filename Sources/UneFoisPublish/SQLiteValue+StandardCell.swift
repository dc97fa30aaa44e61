import UneFoisCore
import UneFoisModel

extension SQLiteValue {
    /// A cell of the standard's row as stored in SQLite: text, REAL coordinates, NULL when empty.
    init(_ cell: StandardCell) {
        switch cell {
        case .text(let t): self = .text(t)
        case .number(let d): self = .real(d)
        case .empty: self = .null
        }
    }
}
