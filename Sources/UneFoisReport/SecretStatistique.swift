import Foundation
import UneFoisCore
import UneFoisModel

/// Statistical secrecy across every published table of counts of people.
///
/// Each published count of people is a sum over "atoms" (the records it counts: an individual
/// session is one person, an atelier counts its participants). Counts from 1 to 10 are masked
/// (primary secrecy). A masked count must not be recomputable from the other published counts by
/// any combination of sums and differences, across all tables at once (a total minus the other
/// rows, a commune as the sum of its places, a month of one table against another table...). So,
/// as long as some masked count lies in the linear span of the published ones, the smallest
/// published count of the same table (else any that shares its records) is masked too
/// (secondary secrecy), and the check runs again.
///
/// The span test is exact: Gaussian elimination modulo a large prime over the atoms, grouped by
/// the set of published counts they belong to.
public struct SecretStatistique: Sendable {
    /// One published count of people.
    public struct Case: Sendable {
        public var atomes: [Int]
        public var valeur: Int
        /// The table it belongs to (secondary suppression looks there first).
        public var tableau: String
    }

    public private(set) var cases: [Case] = []
    /// Poids of each atom (people it counts).
    public private(set) var poids: [Int: Int] = [:]

    public init() {}

    /// Registers a published count over `atomes` (each with its number of people); returns its index.
    @discardableResult
    public mutating func ajouter(atomes: [(Int, Int)], tableau: String) -> Int {
        var v = 0
        var ids: [Int] = []
        ids.reserveCapacity(atomes.count)
        for (a, w) in atomes { poids[a] = w; v += w; ids.append(a) }
        cases.append(Case(atomes: ids, valeur: v, tableau: tableau))
        return cases.count - 1
    }

    /// Tables whose counts are masked only when nothing else can protect a cell (the key figures).
    public var tableauxProteges: Set<String> = ["cles", "cles-avant"]

    /// The counts that must not be published: primary (1–10) and secondary. Counts over the same
    /// records (the same figure shown in two tables) are masked together.
    public func masquer() -> (primaires: Set<Int>, secondaires: Set<Int>) {
        // One representative per distinct set of records.
        var rep: [[Int]: Int] = [:]
        var groupe = Array(repeating: 0, count: cases.count)
        var membres: [[Int]] = []
        for (i, c) in cases.enumerated() {
            let key = Array(Set(c.atomes)).sorted()
            if let g = rep[key] { groupe[i] = g; membres[g].append(i) } else { rep[key] = membres.count; groupe[i] = membres.count; membres.append([i]) }
        }
        let uniques = membres.map { cases[$0[0]] }
        let valeur = uniques.map(\.valeur)
        let protege = membres.map { $0.contains { tableauxProteges.contains(cases[$0].tableau) } }
        let tableaux = membres.map { Set($0.map { cases[$0].tableau }) }
        let primairesU = Set(uniques.indices.filter { valeur[$0] >= 1 && valeur[$0] <= 10 })
        var masque = primairesU
        if !primairesU.isEmpty {
            let colonnes = SecretStatistique.groupes(uniques)
            var iterations = 0
            while iterations < uniques.count {
                iterations += 1
                // Small counts first: a derivation then goes through them rather than through totals.
                let publies = uniques.indices.filter { !masque.contains($0) }.sorted { (valeur[$0], $0) < (valeur[$1], $1) }
                var base = Base(largeur: colonnes.nombre)
                for i in publies { base.ajouter(colonnes.vecteur(i), origine: i) }
                var fuite: (Int, [Int])?
                for m in masque.sorted() {
                    if let via = base.derivation(colonnes.vecteur(m)) { fuite = (m, via); break }
                }
                guard let (m, via) = fuite else { break }
                // Mask one of the counts the derivation uses: not a key figure if possible, the
                // same table first, then the smallest.
                func cout(_ k: Int) -> (Int, Int, Int, Int) {
                    (protege[k] ? 1 : 0, tableaux[k].isDisjoint(with: tableaux[m]) ? 1 : 0, valeur[k], k)
                }
                guard let choix = via.filter({ valeur[$0] > 0 }).min(by: { cout($0) < cout($1) }) else { break }
                masque.insert(choix)
            }
        }
        var primaires = Set<Int>(), secondaires = Set<Int>()
        for (i, g) in groupe.enumerated() where masque.contains(g) {
            if primairesU.contains(g) { primaires.insert(i) } else { secondaires.insert(i) }
        }
        return (primaires, secondaires)
    }

    /// Whether the count `i` can be recomputed from the counts not in `masque` (the attacker's test).
    public func recalculable(_ i: Int, masque: Set<Int>) -> Bool {
        let colonnes = SecretStatistique.groupes(cases)
        var base = Base(largeur: colonnes.nombre)
        for k in cases.indices where !masque.contains(k) { base.ajouter(colonnes.vecteur(k), origine: k) }
        return base.derivation(colonnes.vecteur(i)) != nil
    }

    struct Colonnes {
        var nombre: Int
        var parCase: [[Int]]
        func vecteur(_ i: Int) -> [Int] { parCase[i] }
    }

    static func groupes(_ cases: [Case]) -> Colonnes {
        var appartenance: [Int: [Int]] = [:]
        for (i, c) in cases.enumerated() { for a in c.atomes { appartenance[a, default: []].append(i) } }
        var groupe: [[Int]: Int] = [:]
        var parCase = Array(repeating: [Int](), count: cases.count)
        for (_, membres) in appartenance.sorted(by: { $0.key < $1.key }) {
            let g: Int
            if let known = groupe[membres] { g = known } else { g = groupe.count; groupe[membres] = g }
            for i in membres where parCase[i].last != g { parCase[i].append(g) }
        }
        for i in parCase.indices { parCase[i] = Array(Set(parCase[i])).sorted() }
        return Colonnes(nombre: groupe.count, parCase: parCase)
    }

    /// Row-reduced basis over GF(p) of 0/1 vectors given by their non-zero columns; each row
    /// remembers which published counts it combines, so a derivation can name them.
    struct Base {
        static let p = 2_147_483_629
        var pivots: [Int: (ligne: [Int], combo: [Int: Int])] = [:]
        let largeur: Int

        init(largeur: Int) { self.largeur = largeur }

        /// Reduces a vector; returns the remainder and the combination of counts subtracted.
        func reduire(_ colonnes: [Int]) -> ([Int], [Int: Int]) {
            var v = Array(repeating: 0, count: largeur)
            for c in colonnes { v[c] = 1 }
            var combo: [Int: Int] = [:]
            for c in 0..<largeur where v[c] != 0 {
                guard let row = pivots[c] else { continue }
                let f = v[c]
                for k in c..<largeur where row.ligne[k] != 0 {
                    v[k] = ((v[k] - f * row.ligne[k]) % Base.p + Base.p) % Base.p
                }
                for (o, x) in row.combo { combo[o] = ((combo[o] ?? 0) + f * x) % Base.p }
            }
            return (v, combo.filter { $0.value != 0 })
        }

        mutating func ajouter(_ colonnes: [Int], origine: Int) {
            var (v, combo) = reduire(colonnes)
            guard let c = v.firstIndex(where: { $0 != 0 }) else { return }
            // v = e(origine) - combo: normalise the pivot to 1.
            var own: [Int: Int] = [origine: 1]
            for (o, x) in combo { own[o] = ((own[o] ?? 0) - x + Base.p) % Base.p }
            let inv = Base.inverse(v[c])
            for k in c..<largeur where v[k] != 0 { v[k] = v[k] * inv % Base.p }
            for (o, x) in own { own[o] = x * inv % Base.p }
            own = own.filter { $0.value != 0 }
            // Keep earlier rows reduced against the new pivot (so reduire() can go left to right).
            for (pc, row) in pivots where row.ligne[c] != 0 {
                var r = row
                let f = r.ligne[c]
                for k in c..<largeur where v[k] != 0 { r.ligne[k] = ((r.ligne[k] - f * v[k]) % Base.p + Base.p) % Base.p }
                for (o, x) in own { r.combo[o] = (((r.combo[o] ?? 0) - f * x) % Base.p + Base.p) % Base.p }
                r.combo = r.combo.filter { $0.value != 0 }
                pivots[pc] = r
            }
            pivots[c] = (v, own)
        }

        /// The published counts whose combination gives this vector, or nil when it is not derivable.
        func derivation(_ colonnes: [Int]) -> [Int]? {
            guard !colonnes.isEmpty else { return nil }
            let (v, combo) = reduire(colonnes)
            return v.contains { $0 != 0 } ? nil : combo.keys.sorted()
        }

        static func inverse(_ a: Int) -> Int {
            var result = 1, base = a % p, e = p - 2
            while e > 0 {
                if e & 1 == 1 { result = result * base % p }
                base = base * base % p
                e >>= 1
            }
            return result
        }
    }
}
