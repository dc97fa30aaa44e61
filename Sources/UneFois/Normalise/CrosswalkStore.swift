/// Crosswalk tables (source term → target value) kept as CSV data files under
/// `schemas/correspondances/tables/` (`source,cible`; several rows per source term allowed).
public final class CrosswalkStore: @unchecked Sendable {
    private var tables: [String: [String: [String]]] = [:]

    public init() {}

    /// Loads every `*.csv` of `directory`.
    public init(directory: String) throws {
        let names = (try? FileManagerShim.list(directory)) ?? []
        for n in names where n.hasSuffix(".csv") {
            let f = try MappedFile(path: directory + "/" + n)
            let t = try CSVTableReader.read(bytes: f.bytes, options: CSVReadOptions(encoding: .utf8, separator: UInt8(ascii: ",")), source: "schemas", file: n)
            guard let s = t.index(of: "source"), let c = t.index(of: "cible") else { continue }
            var table: [String: [String]] = [:]
            for r in t.records {
                if let bad = r.rejection {
                    throw OperationalError(.configuration, "Table de correspondance \(n), ligne \(r.line) : \(bad.message) Mettez entre guillemets les valeurs qui contiennent une virgule.")
                }
                guard let src = r.value(s).text, let dst = r.value(c).text else { continue }
                table[TextFolding.key(src), default: []].append(dst)
            }
            tables[String(n.dropLast(4))] = table
        }
    }

    public var names: [String] { tables.keys.sorted() }

    /// The table named `name` (folded source term → targets), if loaded.
    public func table(_ name: String) -> [String: [String]]? { tables[name] }

    /// Adds or replaces a table (tests, mappings built in code).
    public func add(_ name: String, _ table: [String: [String]]) { tables[name] = table }
}
