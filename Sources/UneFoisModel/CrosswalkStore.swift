import UneFoisCore
/// Crosswalk tables (source term → target value) kept as CSV data files under
/// `schemas/correspondances/tables/` (`source,cible`; several rows per source term allowed).
public final class CrosswalkStore: @unchecked Sendable {
    private var tables: [String: [String: [String]]] = [:]

    public init() {}

    /// Loads every `*.csv` of `directory` (UTF-8, `,`, header `source,cible`).
    public init(directory: String) throws {
        let names = (try? FileManagerShim.list(directory)) ?? []
        for n in names where n.hasSuffix(".csv") {
            let f = try MappedFile(path: directory + "/" + n)
            var table: [String: [String]] = [:]
            var complete = true
            var badLine: Int?
            do {
                let raw = f.bytes
                var scanner = CSVScanner(bytes: raw, separator: UInt8(ascii: ","), start: raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
                var record = CSVRecord()
                guard scanner.next(into: &record) else { continue }
                let header = record.fields.map { scanner.string($0, encoding: .utf8).trimmingCharacters(in: .whitespaces) }
                guard let s = header.firstIndex(of: "source"), let c = header.firstIndex(of: "cible") else { complete = false; continue }
                while scanner.next(into: &record) {
                    if record.isBlank { continue }
                    guard record.fields.count == header.count, !record.unterminatedQuote, !record.strayQuote else {
                        badLine = record.line
                        break
                    }
                    let src = scanner.string(record.fields[s], encoding: .utf8).trimmingCharacters(in: .whitespaces)
                    let dst = scanner.string(record.fields[c], encoding: .utf8).trimmingCharacters(in: .whitespaces)
                    guard !src.isEmpty, !dst.isEmpty else { continue }
                    table[TextFolding.key(src), default: []].append(dst)
                }
            }
            if let line = badLine {
                throw OperationalError(.configuration, "Table de correspondance \(n), ligne \(line) : nombre de cellules différent de l'en-tête. Mettez entre guillemets les valeurs qui contiennent une virgule.")
            }
            if complete { tables[String(n.dropLast(4))] = table }
        }
    }

    public var names: [String] { tables.keys.sorted() }

    /// The table named `name` (folded source term → targets), if loaded.
    public func table(_ name: String) -> [String: [String]]? { tables[name] }

    /// Adds or replaces a table (tests, mappings built in code).
    public func add(_ name: String, _ table: [String: [String]]) { tables[name] = table }
}
