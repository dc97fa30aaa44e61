import UneFoisCore
import UneFoisModel
/// A raw value read from a source, before any mapping.
public enum RawValue: Sendable, Equatable {
    case absent
    case text(String)
    /// A JSON array, a repeated XML element...
    case list([String])

    /// The value as one string (lists joined with `|`); nil when absent or blank.
    public var text: String? {
        switch self {
        case .absent: return nil
        case .text(let s): return s.isEmpty ? nil : s
        case .list(let items): return items.isEmpty ? nil : items.joined(separator: "|")
        }
    }

    /// The value's items (a text is one item); blank items dropped.
    public var items: [String] {
        switch self {
        case .absent: return []
        case .text(let s): return s.isEmpty ? [] : [s]
        case .list(let items): return items.filter { !$0.isEmpty }
        }
    }
}

/// A point as read, in the coordinate reference system it came with.
public struct RawPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    /// EPSG code of the coordinates (4326: x = longitude, y = latitude after axis handling).
    public var epsg: Int

    public init(x: Double, y: Double, epsg: Int) {
        self.x = x
        self.y = y
        self.epsg = epsg
    }
}

/// One record of a source: values by column index, position in the file, optional geometry.
public struct SourceRecord: Sendable {
    public var line: Int
    public var byteOffset: Int?
    public var values: [RawValue]
    public var point: RawPoint?
    /// True when the record had a geometry member that was null or unreadable.
    public var geometryMissing: Bool = false
    /// Set when the reader already knows the whole record must be rejected (e.g. `extra-cell`).
    public var rejection: Issue?

    public init(line: Int, byteOffset: Int? = nil, values: [RawValue], point: RawPoint? = nil) {
        self.line = line
        self.byteOffset = byteOffset
        self.values = values
        self.point = point
    }

    /// The value at column `index` (absent when the index is nil or out of range).
    public func value(_ index: Int?) -> RawValue {
        guard let index, index < values.count else { return .absent }
        return values[index]
    }
}

/// What a reader got out of one file: column names, records, problems, and what it detected
/// (encoding, separator, CRS) so the run report can say it.
public struct SourceTable: Sendable {
    public var columns: [String]
    public var records: [SourceRecord] = []
    public var issues: [Issue] = []
    /// French sentences about what was detected ("encodage Windows-1252 détecté").
    public var detections: [String] = []
    /// For a page of a paginated API (DORA): the total it announces (`count`), its `next` link
    /// and the number of records it holds, so the source can check its pages add up.
    public var apiPage: APIPage?
    /// For a CSV file: how it was read (encoding, separator), as ``CSVSniffer`` found it.
    public var sniff: CSVSniff?
    /// For a CSV file: physical line of the header row.
    public var headerLine: Int?
    private var indexByName: [String: Int] = [:]

    public init(columns: [String] = []) {
        self.columns = []
        for c in columns { _ = addColumn(c) }
    }

    /// Index of a column by exact name, then by folded name (case, accents, spaces ignored).
    public func index(of name: String) -> Int? {
        if let i = indexByName[name] { return i }
        let f = TextFolding.key(name)
        return columns.firstIndex { TextFolding.key($0) == f }
    }

    /// Adds a column if new and returns its index.
    public mutating func addColumn(_ name: String) -> Int {
        if let i = indexByName[name] { return i }
        columns.append(name)
        indexByName[name] = columns.count - 1
        return columns.count - 1
    }
}

/// What one page of a paginated API announces and holds.
public struct APIPage: Sendable, Equatable {
    public var count: Int?
    public var next: String?
    public var items: Int

    public init(count: Int?, next: String?, items: Int) {
        self.count = count
        self.next = next
        self.items = items
    }
}
