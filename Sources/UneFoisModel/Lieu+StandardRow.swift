import UneFoisCore

/// One cell of a place's row in the standard's 32 columns.
public enum StandardCell: Sendable, Equatable {
    /// A text value; list items already joined with `|`.
    case text(String)
    /// Latitude or longitude, in WGS84 degrees.
    case number(Double)
    /// No value.
    case empty

    /// The cell as the standard's CSV writes it (numbers in their shortest round-trip form).
    public var csvText: String {
        switch self {
        case .text(let t): return t
        case .number(let d): return JSONWriter.number(d)
        case .empty: return ""
        }
    }
}

extension Lieu {
    /// The place as one row of the *standard des lieux de médiation numérique* v1.x: the 32
    /// columns in ``Champ`` order, list items joined with `|`, coordinates as numbers. Every
    /// writer (CSV, GeoJSON, GeoPackage, SQLite state) takes its row from here.
    ///
    /// See https://github.com/LaMednum/standard-mediation-num (schema.json).
    public func standardRow() -> [StandardCell] {
        Champ.allCases.map(standardCell)
    }

    /// One column of ``standardRow()``.
    public func standardCell(_ c: Champ) -> StandardCell {
        switch c {
        case .latitude: return latitude.map(StandardCell.number) ?? .empty
        case .longitude: return longitude.map(StandardCell.number) ?? .empty
        default:
            guard let t = valeurs.cell(c), !t.isEmpty else { return .empty }
            return .text(t)
        }
    }

    /// Calls `body` with the UTF-8 bytes of a text cell of ``standardRow()`` (any field but the
    /// coordinates), read in place; nil (and `body` not called) when the cell is empty. Writers
    /// use it to copy cells without building strings.
    @inlinable public func withStandardText<R>(_ c: Champ, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        precondition(c != .latitude && c != .longitude, "coordinates are numbers: standardCell(_:)")
        return try valeurs.withCellBytes(c) { $0.isEmpty ? nil : try body($0) } ?? nil
    }
}
