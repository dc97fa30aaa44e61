import UneFoisCore
import UneFoisModel
/// The commune reference table: INSEE code, official name, postal code, and whether the commune
/// belongs to the territory served (LMV's 16 communes by default). Loaded from
/// `schemas/referentiels/communes.csv`; replaceable by a national list with the same columns.
public struct Territoire: Sendable {
    /// One commune of the reference table.
    public struct Commune: Sendable, Hashable {
        public var codeInsee: String
        public var nom: String
        public var codePostal: String?
        public var dansTerritoire: Bool
    }

    public private(set) var communes: [Commune] = []
    private var byCode: [String: Int] = [:]
    private var byKey: [String: [Int]] = [:]

    public init(communes: [Commune]) {
        for c in communes { add(c) }
    }

    /// Loads `communes.csv` (`code_insee,nom,code_postal,territoire`).
    public init(path: String) throws {
        let f = try MappedFile(path: path)
        let t = try CSVTableReader.read(bytes: f.bytes, options: CSVReadOptions(encoding: .utf8, separator: UInt8(ascii: ",")), source: "référentiel", file: path)
        guard let ci = t.index(of: "code_insee"), let ni = t.index(of: "nom") else {
            throw OperationalError(.configuration, "Référentiel des communes \(path) : colonnes « code_insee » et « nom » attendues.")
        }
        let pi = t.index(of: "code_postal"), ti = t.index(of: "territoire")
        for r in t.records {
            guard let c = r.value(ci).text, let n = r.value(ni).text else { continue }
            add(Commune(codeInsee: c, nom: n, codePostal: r.value(pi).text, dansTerritoire: r.value(ti).text.map { TextFolding.key($0) == "oui" } ?? true))
        }
    }

    mutating func add(_ c: Commune) {
        byCode[c.codeInsee] = communes.count
        byKey[Territoire.nameKey(c.nom), default: []].append(communes.count)
        communes.append(c)
    }

    /// Name key: folded, with the leading article removed ("Les Taillades" ~ "Taillades").
    /// On the key's UTF-8 bytes (each place's commune goes through it): the article and
    /// « saint » are ASCII, and a folded key has no combining mark to make them match otherwise.
    static func nameKey(_ name: String) -> String {
        let k = Array(TextFolding.key(name).utf8)
        var start = 0
        for article in ["les ", "le ", "la ", "l "] where k.starts(with: article.utf8) { start = article.utf8.count; break }
        let saint = Array("saint ".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(k.count - start)
        var i = start
        while i < k.count {
            if k[i] == saint[0], k.count - i >= saint.count, k[i..<(i + saint.count)].elementsEqual(saint) {
                out.append(contentsOf: "st ".utf8)
                i += saint.count
            } else {
                out.append(k[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The commune with INSEE code `code`, if the reference knows it.
    public func commune(code: String) -> Commune? {
        byCode[code].map { communes[$0] }
    }

    /// True when the reference lists communes of the département of `code` (its first two
    /// characters), so an unknown code there is an error rather than a commune from elsewhere.
    public func coversDepartment(of code: String) -> Bool {
        let dept = String(code.prefix(2))
        return communes.contains { $0.codeInsee.hasPrefix(dept) }
    }

    /// Codes of the communes in the territory.
    public var codesTerritoire: Set<String> { Set(communes.filter(\.dansTerritoire).map(\.codeInsee)) }

    /// How a commune name was matched.
    public enum Match: Sendable, Equatable {
        case exact(Commune)
        /// Matched despite a spelling difference (reported as a correction).
        case corrected(Commune, from: String)
        case none
    }

    /// Finds a commune by name (and postal code when several share a name). Misspellings within
    /// an edit distance of 2 (names of 6 letters or more) are matched and reported.
    public func match(name: String, codePostal: String?) -> Match {
        let k = Territoire.nameKey(name)
        guard !k.isEmpty else { return .none }
        // A postal code from another département rules a commune out (homonyms across France).
        func compatible(_ c: Commune) -> Bool {
            guard let cp = codePostal, cp.count == 5 else { return true }
            let dept = String(c.codeInsee.prefix(2))
            let cpDept = String(cp.prefix(2))
            return dept == cpDept || (cpDept == "20" && (dept == "2A" || dept == "2B"))
        }
        if let idx = byKey[k] {
            let cands = idx.map { communes[$0] }.filter(compatible)
            guard !cands.isEmpty else { return .none }
            if let cp = codePostal, let c = cands.first(where: { $0.codePostal == cp }) { return .exact(c) }
            return .exact(cands[0])
        }
        guard k.count >= 6 else { return .none }
        var best: (Commune, Int)?
        var tie = false
        for c in communes where compatible(c) {
            let d = TextFolding.distance(k, Territoire.nameKey(c.nom))
            guard d <= 2 else { continue }
            if let b = best {
                if d < b.1 || (d == b.1 && codePostal != nil && c.codePostal == codePostal) { best = (c, d); tie = false }
                else if d == b.1 { tie = true }
            } else { best = (c, d) }
        }
        if let b = best, !tie { return .corrected(b.0, from: name) }
        return .none
    }
}
