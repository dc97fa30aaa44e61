import UneFoisCore
import UneFoisModel

extension SQLiteStatement {
    /// Binds a cell of the standard's row as stored in SQLite: text, REAL coordinates, NULL when
    /// empty.
    func bind(_ index: Int32, cell: StandardCell) throws {
        switch cell {
        case .text(let t): try bind(index, text: t)
        case .number(let d): try bind(index, real: d)
        case .empty: try bindNull(index)
        }
    }

    /// Binds the standard's row of `lieu` to parameters `first`, `first + 1`, … (32 of them).
    func bindStandardRow(of lieu: Lieu, from first: Int32) throws {
        for (i, c) in Champ.allCases.enumerated() {
            let index = first + Int32(i)
            switch c {
            case .latitude, .longitude: try bind(index, cell: lieu.standardCell(c))
            default: if try lieu.withStandardText(c, { try bind(index, utf8: $0) }) == nil { try bindNull(index) }
            }
        }
    }
}
