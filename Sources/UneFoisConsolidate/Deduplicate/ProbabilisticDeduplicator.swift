import UneFoisCore
import UneFoisModel
import Foundation

/// What the matcher found: the groups, and the pairs worth showing to the data officer.
public struct DedupOutcome: Sendable {
    public var clusters: [Cluster]
    /// Uncertain and refused pairs, worst first (refused, then uncertain by descending score).
    public var aRevoir: [ScoredPair]
    public var candidats: Int
    public var issues: [Issue] = []
}

/// Probabilistic deduplication of place records (Fellegi–Sunter): candidate pairs from several
/// blocking keys (never all pairs), explicit features scored with the m/u weights of
/// `schemas/dedoublonnage/poids.json`, then groups where every pair of members is compatible
/// (no A–B–C chain when A and C differ). Deterministic and independent of the input order.
public struct ProbabilisticDeduplicator: Sendable {
    /// Source names by priority (configuration order): the anchor is the first source's record.
    public let priorite: [String]
    public let poids: MatchWeights
    public var decisions: MatchDecisions
    public var vocabulaire: MatchVocabulary = .standard
    /// Largest block compared pair by pair (a bigger block is not discriminating: skipped).
    public var tailleMaxBloc = 60

    public init(priorite: [String], poids: MatchWeights, decisions: MatchDecisions = MatchDecisions()) {
        self.priorite = priorite
        self.poids = poids
        self.decisions = decisions
    }

    /// Loads the weights from a schemas folder.
    public init(priorite: [String], schemasPath: String, decisions: MatchDecisions = MatchDecisions()) throws {
        self.init(priorite: priorite, poids: try MatchWeights.load(path: SchemaCatalogue(root: schemasPath).matchWeights), decisions: decisions)
    }

    /// Groups `lieux` into clusters (anchor first, reasons of every join).
    public func clusters(_ lieux: [Lieu]) -> [Cluster] { run(lieux).clusters }

    // MARK: preparation

    /// Records sorted by key (the order everything below depends on), prepared in parallel.
    func prepare(_ lieux: [Lieu]) -> (sorted: [Lieu], records: [MatchRecord]) {
        let sorted = lieux.sorted { $0.cle != $1.cle ? $0.cle < $1.cle : $0.provenance.line < $1.provenance.line }
        let n = sorted.count
        var records = [MatchRecord](repeating: MatchRecord(), count: n)
        let voc = vocabulaire
        let sourceIndex = Dictionary(Set(sorted.map(\.provenance.source)).sorted().enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        records.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf)
            let input = UnsafeSendable(sorted)
            Parallel.chunks(n) { range in
                for i in range {
                    var r = MatchRecord.prepare(input.value[i], vocabulaire: voc)
                    r.source = sourceIndex[input.value[i].provenance.source] ?? 0
                    out.value[i] = r
                }
            }
        }
        // Token weights: rarer tokens discriminate more (log2 of the inverse frequency).
        var df: [UInt64: Int32] = [:]
        for r in records { for t in r.nom where t.len > 1 { df[t.h, default: 0] += 1 } }
        let total = Float(max(n, 2))
        // Coordinates shared by 3 records or more: a commune centre or a geocoded street, not a point.
        var shared: [UInt64: Int32] = [:]
        for r in records where r.aCoordonnees { shared[Self.coordKey(r), default: 0] += 1 }
        records.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf)
            Parallel.chunks(n) { range in
                for i in range {
                    for k in out.value[i].nom.indices {
                        let t = out.value[i].nom[k]
                        out.value[i].nom[k].w = t.len <= 1 ? 1.5 : min(12, max(1, log2(total / Float(df[t.h] ?? 1))))
                    }
                    if out.value[i].aCoordonnees && (shared[Self.coordKey(out.value[i])] ?? 0) >= 3 { out.value[i].precis = false }
                }
            }
        }
        return (sorted, records)
    }

    static func coordKey(_ r: MatchRecord) -> UInt64 {
        UInt64(bitPattern: Int64((r.lat * 100_000).rounded())) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: Int64((r.lon * 100_000).rounded()))
    }

    // MARK: blocking

    @inline(__always) static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var h = (a ^ (b &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return h
    }

    /// Blocking keys of a record: its commune, the grid cells around its point, each distinctive
    /// name word in its commune, SIRET, phone, e-mails, street + number and street alone.
    static func blockKeys(_ r: MatchRecord, into keys: inout [UInt64]) {
        keys.removeAll(keepingCapacity: true)
        if r.insee != 0 { keys.append(mix(1, r.insee)) }
        if r.aCoordonnees && r.precis {
            // Four grids of 600 m cells shifted by half a cell: two points less than 300 m apart
            // share a cell in at least one of them.
            let sy = 0.0027, sx = 0.0037
            for (k, (ox, oy)) in [(0.0, 0.0), (sx, 0.0), (0.0, sy), (sx, sy)].enumerated() {
                let ix = Int64(((r.lon + ox) / (2 * sx)).rounded(.down)), iy = Int64(((r.lat + oy) / (2 * sy)).rounded(.down))
                keys.append(mix(mix(2 + UInt64(k), UInt64(bitPattern: ix)), UInt64(bitPattern: iy)))
            }
        }
        for t in r.nom where t.len > 1 { keys.append(mix(mix(10, r.insee), t.h)) }
        if r.nom.isEmpty && !r.types.isEmpty { keys.append(mix(mix(11, r.insee), UInt64(r.types.rawValue))) }
        if r.siret != 0 { keys.append(mix(12, r.siret)) }
        if r.telephone != 0 { keys.append(mix(13, r.telephone)) }
        for e in r.courriels { keys.append(mix(14, e)) }
        if !r.voie.isEmpty {
            var v: UInt64 = 15
            for t in r.voie { v = mix(v, t.h) }
            keys.append(mix(mix(v, r.insee), 0))
            if r.numero >= 0 { keys.append(mix(mix(v, r.insee), UInt64(r.numero) + 1)) }
        }
    }

    /// Candidate pairs (i < j, packed `i << 32 | j`), sorted and unique.
    func candidates(_ records: [MatchRecord], extra: [UInt64]) -> [UInt64] {
        let n = records.count
        precondition(n < 1 << 24, "au plus 16 millions d'enregistrements")
        // Entries: 40 bits of block key, 24 bits of record index, sorted so blocks are runs.
        let parts = Parallel.map(n) { range -> [UInt64] in
            var out: [UInt64] = []
            out.reserveCapacity(range.count * 10)
            var keys: [UInt64] = []
            for i in range {
                Self.blockKeys(records[i], into: &keys)
                for k in keys { out.append((k & ~0xFF_FFFF) | UInt64(i)) }
            }
            return out
        }
        var entries = parts.flatMap { $0 }
        entries.sort()
        var pairs: [UInt64] = extra
        var start = 0
        let cap = tailleMaxBloc
        while start < entries.count {
            let key = entries[start] & ~0xFF_FFFF
            var end = start + 1
            while end < entries.count && entries[end] & ~0xFF_FFFF == key { end += 1 }
            let size = end - start
            if size >= 2 && size <= cap {
                for x in start..<end {
                    let i = entries[x] & 0xFF_FFFF
                    for y in (x + 1)..<end {
                        let j = entries[y] & 0xFF_FFFF
                        if i != j { pairs.append(i < j ? i << 32 | j : j << 32 | i) }
                    }
                }
            }
            start = end
        }
        pairs.sort()
        var w = 0
        for r in 0..<pairs.count where r == 0 || pairs[r] != pairs[r - 1] {
            pairs[w] = pairs[r]
            w += 1
        }
        pairs.removeLast(pairs.count - w)
        return pairs
    }

    // MARK: scoring

    /// Weighted Dice similarity of two token lists; an initial (« J ») matches a word (« Jean »).
    @inline(__always) static func similarity(_ a: [MatchToken], _ b: [MatchToken]) -> Float {
        var wa: Float = 0, wb: Float = 0, m: Float = 0
        for x in a { wa += x.w }
        for y in b { wb += y.w }
        for x in a {
            for y in b where x.h == y.h || ((x.len == 1) != (y.len == 1) && x.first == y.first) {
                m += x.h == y.h ? x.w : min(x.w, y.w)
                break
            }
        }
        for y in b {
            for x in a where x.h == y.h || ((x.len == 1) != (y.len == 1) && x.first == y.first) {
                m += x.h == y.h ? y.w : min(x.w, y.w)
                break
            }
        }
        return wa + wb > 0 ? m / (wa + wb) : 0
    }

    /// Levels of every feature for one pair.
    public static func levels(_ a: MatchRecord, _ b: MatchRecord) -> SIMD8<UInt8> {
        var l = SIMD8<UInt8>(repeating: 0)
        // Name.
        if !a.aNom || !b.aNom { l[0] = 6 }
        else if a.nom.isEmpty && b.nom.isEmpty { l[0] = 5 }
        else if a.nom.isEmpty || b.nom.isEmpty { l[0] = 4 }
        else {
            let s = similarity(a.nom, b.nom)
            l[0] = s >= 0.9 ? 0 : s >= 0.6 ? 1 : s > 0 ? 2 : 3
        }
        // Address.
        if a.voie.isEmpty || b.voie.isEmpty { l[1] = 5 }
        else {
            // A street of the same name in another commune is another street.
            let sameCommune = a.insee == 0 || b.insee == 0 || a.insee == b.insee
            let same = sameCommune && (a.repere || b.repere ? (a.repere && b.repere) : similarity(a.voie, b.voie) >= 0.8)
            if !same { l[1] = 4 }
            else if a.numero >= 0 && b.numero >= 0 { l[1] = a.numero == b.numero && a.suffixe == b.suffixe ? 0 : 2 }
            else { l[1] = a.repere ? 3 : 1 }
        }
        // Distance.
        if !a.aCoordonnees || !b.aCoordonnees { l[2] = 6 }
        else {
            let dy = (a.lat - b.lat) * 111_195
            let dx = (a.lon - b.lon) * 111_195 * cos((a.lat + b.lat) * .pi / 360)
            let d = (dx * dx + dy * dy).squareRoot()
            if !(a.precis && b.precis) && d < 3000 { l[2] = 5 }
            else { l[2] = d < 50 ? 0 : d < 200 ? 1 : d < 1000 ? 2 : d < 5000 ? 3 : 4 }
        }
        l[3] = a.telephone == 0 || b.telephone == 0 ? 2 : a.telephone == b.telephone ? 0 : 1
        if a.courriels.isEmpty || b.courriels.isEmpty { l[4] = 2 }
        else { l[4] = a.courriels.contains(where: { b.courriels.contains($0) }) ? 0 : 1 }
        l[5] = a.siret == 0 || b.siret == 0 ? 2 : a.siret == b.siret ? 0 : 1
        l[6] = a.types.isEmpty || b.types.isEmpty ? 2 : a.types.isDisjoint(with: b.types) ? 1 : 0
        l[7] = a.insee == 0 || b.insee == 0 ? 2 : a.insee == b.insee ? 0 : 1
        return l
    }

    @inline(__always) func score(_ l: SIMD8<UInt8>) -> Float {
        var s: Float = 0
        for f in 0..<8 { s += poids.poids[f][Int(l[f])] }
        return s
    }

    // MARK: run

    /// Clusters, with the pairs to review.
    public func run(_ lieux: [Lieu]) -> DedupOutcome {
        let (sorted, records) = prepare(lieux)
        let n = sorted.count
        var index: [String: Int] = [:]
        index.reserveCapacity(n)
        for (i, l) in sorted.enumerated() where index[l.cle] == nil { index[l.cle] = i }
        // The officer's decisions, by index pair.
        var forced: [UInt64: MatchDecisions.Decision] = [:]
        var issues: [Issue] = []
        for (k, d) in decisions.paires.sorted(by: { $0.key < $1.key }) {
            let parts = k.split(separator: "|").map(String.init)
            guard parts.count == 2, let i = index[parts[0]], let j = index[parts[1]] else {
                let missing = k.split(separator: "|").map(String.init).filter { index[$0] == nil }.joined(separator: ", ")
                issues.append(Issue("decision-cle-inconnue", .warning, "Décision « \(d.rawValue) » ignorée cette nuit : \(missing) ne figure dans aucune source lue. Vérifiez la clé (colonnes source et source_id de correspondances.csv).",
                                    at: Provenance(source: "decisions", file: decisions.fichier, line: decisions.lignes[k] ?? 0), field: "cle_a"))
                continue
            }
            forced[UInt64(min(i, j)) << 32 | UInt64(max(i, j))] = d
        }
        let pairs = candidates(records, extra: forced.filter { $0.value == .identiques }.map(\.key))
        // Score every candidate; keep what reaches the review threshold.
        let revue = poids.revue
        let kept = Parallel.map(pairs.count) { range -> [(UInt64, Float)] in
            var out: [(UInt64, Float)] = []
            for p in range {
                let i = Int(pairs[p] >> 32), j = Int(pairs[p] & 0xFFFF_FFFF)
                let s = self.score(Self.levels(records[i], records[j]))
                if s >= revue || forced[pairs[p]] != nil { out.append((pairs[p], s)) }
            }
            return out
        }.flatMap { $0 }
        // Greedy grouping, best pairs first; two groups join only if every cross pair is compatible.
        var parent = Array(0..<n)
        var members: [[Int32]] = (0..<n).map { [Int32($0)] }
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        func effective(_ p: (UInt64, Float)) -> Float {
            switch forced[p.0] { case .identiques?: return .infinity; case .differents?: return -.infinity; default: return p.1 }
        }
        let order = kept.indices.sorted { x, y in
            let sx = effective(kept[x]), sy = effective(kept[y])
            return sx != sy ? sx > sy : kept[x].0 < kept[y].0
        }
        var refused: [UInt64: String] = [:]
        for k in order {
            let (p, _) = kept[k]
            let s = effective(kept[k])
            guard s >= poids.fusion else { break }
            let i = Int(p >> 32), j = Int(p & 0xFFFF_FFFF)
            let ri = find(i), rj = find(j)
            if ri == rj { continue }
            var blocker: String?
            check: for a in members[ri] {
                for b in members[rj] {
                    let (x, y) = (Int(min(a, b)), Int(max(a, b)))
                    let key = UInt64(x) << 32 | UInt64(y)
                    if let d = forced[key] {
                        if d == .differents { blocker = "décision « differents » entre \(sorted[x].cle) et \(sorted[y].cle)"; break check }
                        continue
                    }
                    let lv = Self.levels(records[x], records[y])
                    let sc = score(lv)
                    let need = records[x].source == records[y].source ? poids.fusion : poids.compatibilite
                    if lv[MatchFeature.typologie.rawValue] == 1 {
                        blocker = "\(sorted[x].cle) et \(sorted[y].cle) sont des types de lieu incompatibles"
                        break check
                    }
                    if sc < need {
                        blocker = "\(sorted[x].cle) et \(sorted[y].cle) diffèrent (score \(ScoredPair.format(sc)))"
                        break check
                    }
                }
            }
            if let blocker { refused[p] = blocker; continue }
            let (keep, drop) = members[ri].count >= members[rj].count ? (ri, rj) : (rj, ri)
            parent[drop] = keep
            members[keep] += members[drop]
            members[drop] = []
        }
        // Clusters: anchor by source priority then key; each member's reason is its best pair.
        let rank = Dictionary(priorite.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var clusters: [Cluster] = []
        for root in 0..<n where find(root) == root {
            let idx = members[root].map(Int.init).sorted { a, b in
                let ra = rank[sorted[a].provenance.source] ?? Int.max, rb = rank[sorted[b].provenance.source] ?? Int.max
                return ra != rb ? ra < rb : a < b
            }
            var motifs: [String: String] = [:]
            var paires: [ScoredPair] = []
            if idx.count > 1 {
                for x in 0..<idx.count {
                    for y in (x + 1)..<idx.count {
                        let (i, j) = (min(idx[x], idx[y]), max(idx[x], idx[y]))
                        let l = Self.levels(records[i], records[j])
                        paires.append(ScoredPair(a: sorted[i].cle, b: sorted[j].cle, score: score(l), niveaux: (0..<8).map { l[$0] }, statut: .fusionnee,
                                                 decision: forced[UInt64(i) << 32 | UInt64(j)]))
                    }
                }
                for m in idx.dropFirst() {
                    let cle = sorted[m].cle
                    let best = paires.filter { $0.a == cle || $0.b == cle }.max { x, y in
                        let ex = x.decision == .identiques ? Float.infinity : x.score, ey = y.decision == .identiques ? Float.infinity : y.score
                        return ex != ey ? ex < ey : (x.a, x.b) > (y.a, y.b)
                    }!
                    let other = best.a == cle ? best.b : best.a
                    motifs[cle] = best.decision == .identiques
                        ? "décision « identiques » avec \(other) (\(decisions.fichier))"
                        : "score \(ScoredPair.format(best.score)) avec \(other) : \(best.detail(poids))"
                }
            }
            clusters.append(Cluster(membres: idx.map { sorted[$0] }, motifs: motifs, paires: paires))
        }
        clusters.sort { $0.cleStable < $1.cleStable }
        // Pairs to review: refused ones, then uncertain ones (closest to the threshold first).
        var aRevoir: [ScoredPair] = []
        for (p, s) in kept {
            let i = Int(p >> 32), j = Int(p & 0xFFFF_FFFF)
            guard find(i) != find(j) else { continue }
            let l = Self.levels(records[i], records[j])
            let eff = effective((p, s))
            var sp = ScoredPair(a: sorted[i].cle, b: sorted[j].cle, score: s, niveaux: (0..<8).map { l[$0] }, statut: eff >= poids.fusion ? .refusee : .incertaine, decision: forced[p])
            if let why = refused[p] { sp.motif = why } else if forced[p] == .differents { sp.statut = .refusee; sp.motif = "décision « differents » (\(decisions.fichier))" }
            aRevoir.append(sp)
        }
        aRevoir.sort { x, y in
            if (x.statut == .refusee) != (y.statut == .refusee) { return x.statut == .refusee }
            return x.score != y.score ? x.score > y.score : (x.a, x.b) < (y.a, y.b)
        }
        return DedupOutcome(clusters: clusters, aRevoir: aRevoir, candidats: pairs.count, issues: issues)
    }
}

/// A value shared with parallel workers that only touch disjoint parts of it.
struct UnsafeSendable<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// Splits `0..<n` across the machine's cores.
enum Parallel {
    static var workers: Int { max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }

    static func chunks(_ n: Int, _ body: @escaping (Range<Int>) -> Void) {
        let w = n < 4096 ? 1 : workers
        if w == 1 { body(0..<n); return }
        let box = UnsafeSendable(body)
        DispatchQueue.concurrentPerform(iterations: w) { k in
            box.value((n * k / w)..<(n * (k + 1) / w))
        }
    }

    static func map<T>(_ n: Int, _ body: @escaping (Range<Int>) -> T) -> [T] {
        let w = n < 4096 ? 1 : workers
        if w == 1 { return [body(0..<n)] }
        var out = [T?](repeating: nil, count: w)
        out.withUnsafeMutableBufferPointer { buf in
            let box = UnsafeSendable((buf, body))
            DispatchQueue.concurrentPerform(iterations: w) { k in
                box.value.0[k] = box.value.1((n * k / w)..<(n * (k + 1) / w))
            }
        }
        return out.map { $0! }
    }
}
