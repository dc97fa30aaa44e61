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
    /// Largest commune compared pair by pair on its INSEE code alone (other keys still apply).
    public var tailleMaxCommune = 25

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

    /// Records sorted by key (the order everything below depends on), prepared in parallel. The
    /// records are moved out of `lieux` (each slot is left holding ``vide``): a national run's
    /// places are not copied, which would retain each of their references, then freed twice over.
    func prepare(_ lieux: inout [Lieu]) -> (sorted: [Lieu], table: MatchTable) {
        // (Fields read in place, by index: `lieux.map` would hand each place over as a copy.)
        let keys = lieux.indices.map { Array(lieux[$0].cle.utf8) }
        let order = lieux.indices.sorted { a, b in
            keys[a] != keys[b] ? keys[a].lexicographicallyPrecedes(keys[b]) : lieux[a].provenance.line < lieux[b].provenance.line
        }
        let sorted = lieux.withUnsafeMutableBufferPointer { from in
            [Lieu](unsafeUninitializedCapacity: order.count) { to, initialized in
                for (k, i) in order.enumerated() { (to.baseAddress! + k).initialize(to: Self.take(from, i)) }
                initialized = order.count
            }
        }
        let n = sorted.count
        let sourceIndex = Dictionary(Set(sorted.indices.map { sorted[$0].provenance.source }).sorted().enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        let sources = sorted.indices.map { sourceIndex[sorted[$0].provenance.source] ?? 0 }
        var table = MatchTable(sorted, vocabulaire: vocabulaire, source: { sources[$0] })
        // Token weights: rarer tokens discriminate more (log2 of the inverse frequency).
        var df: [UInt64: Int32] = [:]
        for r in table.records {
            for k in Int(r.nomOff)..<(Int(r.nomOff) + Int(r.nomCount)) where table.tokens[k].len > 1 { df[table.tokens[k].h, default: 0] += 1 }
        }
        let total = Float(max(n, 2))
        // Coordinates shared by 3 records or more: a commune centre or a geocoded street, not a point.
        var shared: [UInt64: Int32] = [:]
        for r in table.records where r.aCoordonnees { shared[Self.coordKey(r), default: 0] += 1 }
        // E-mails and SIRETs shared by several records of one source (see MatchRecord.courrielPartage).
        var contacts: [UInt64: Int32] = [:]
        func contactKey(_ kind: UInt64, _ r: MatchRecord, _ h: UInt64) -> UInt64 { Self.mix(Self.mix(kind, UInt64(UInt32(bitPattern: r.source))), h) }
        for r in table.records {
            if r.siret != 0 { contacts[contactKey(22, r, r.siret), default: 0] += 1 }
            for k in Int(r.courrielOff)..<(Int(r.courrielOff) + Int(r.courrielCount)) { contacts[contactKey(23, r, table.courriels[k]), default: 0] += 1 }
        }
        for i in table.records.indices {
            let r = table.records[i]
            for k in Int(r.nomOff)..<(Int(r.nomOff) + Int(r.nomCount)) {
                let t = table.tokens[k]
                table.tokens[k].w = t.len <= 1 ? 1.5 : min(12, max(1, log2(total / Float(df[t.h] ?? 1))))
            }
            if r.aCoordonnees && (shared[Self.coordKey(r)] ?? 0) >= 3 { table.records[i].precis = false }
            if r.siret != 0 && (contacts[contactKey(22, r, r.siret)] ?? 0) >= 2 { table.records[i].siretPartage = true }
            for k in Int(r.courrielOff)..<(Int(r.courrielOff) + Int(r.courrielCount)) where (contacts[contactKey(23, r, table.courriels[k])] ?? 0) >= 2 {
                table.records[i].courrielPartage = true
            }
        }
        return (sorted, table)
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
    static func blockKeys(_ r: MatchRecord, _ t: UnsafeBufferPointer<MatchToken>, _ mails: UnsafeBufferPointer<UInt64>, into keys: inout [UInt64]) {
        keys.removeAll(keepingCapacity: true)
        // The commune alone: flagged in the top bit, a smaller block limit (a village, not a town).
        if r.insee != 0 { keys.append(mix(1, r.insee) | 1 << 63) }
        if r.aCoordonnees && r.precis {
            // Four grids of 600 m cells shifted by half a cell: two points less than 300 m apart
            // share a cell in at least one of them.
            let sy = 0.0027, sx = 0.0037
            for (k, (ox, oy)) in [(0.0, 0.0), (sx, 0.0), (0.0, sy), (sx, sy)].enumerated() {
                let ix = Int64(((r.lon + ox) / (2 * sx)).rounded(.down)), iy = Int64(((r.lat + oy) / (2 * sy)).rounded(.down))
                keys.append(mix(mix(2 + UInt64(k), UInt64(bitPattern: ix)), UInt64(bitPattern: iy)))
            }
        }
        for k in Int(r.nomOff)..<(Int(r.nomOff) + Int(r.nomCount)) where t[k].len > 1 { keys.append(mix(mix(10, r.insee), t[k].h)) }
        if r.nomCount == 0 && !r.types.isEmpty { keys.append(mix(mix(11, r.insee), UInt64(r.types.rawValue))) }
        if r.siret != 0 { keys.append(mix(12, r.siret)) }
        if r.telephone != 0 { keys.append(mix(13, r.telephone)) }
        for k in Int(r.courrielOff)..<(Int(r.courrielOff) + Int(r.courrielCount)) { keys.append(mix(14, mails[k])) }
        if r.voieCount > 0 {
            var v: UInt64 = 15
            for k in Int(r.voieOff)..<(Int(r.voieOff) + Int(r.voieCount)) { v = mix(v, t[k].h) }
            keys.append(mix(mix(v, r.insee), 0))
            if r.numero >= 0 { keys.append(mix(mix(v, r.insee), UInt64(r.numero) + 1)) }
        }
    }

    /// Candidate pairs (i < j, packed `i << 32 | j`), sorted and unique.
    func candidates(_ table: MatchTable, extra: [UInt64]) -> [UInt64] {
        let n = table.records.count
        precondition(n < 1 << 24, "au plus 16 millions d'enregistrements")
        // Entries: 40 bits of block key, 24 bits of record index, sorted so blocks are runs.
        let parts = Parallel.ranges(n) { range -> [UInt64] in
            var out: [UInt64] = []
            out.reserveCapacity(range.count * 10)
            var keys: [UInt64] = []
            table.tokens.withUnsafeBufferPointer { t in
                table.courriels.withUnsafeBufferPointer { m in
                    table.records.withUnsafeBufferPointer { rs in
                        for i in range {
                            Self.blockKeys(rs[i], t, m, into: &keys)
                            for k in keys { out.append((k & 1 << 63) | ((k >> 1) & 0x7FFF_FFFF_FF00_0000) | UInt64(i)) }
                        }
                    }
                }
            }
            return out
        }
        var entries = parts.flatMap { $0 }
        entries.sort()
        var pairs: [UInt64] = extra
        var start = 0
        let cap = tailleMaxBloc, capCommune = tailleMaxCommune
        while start < entries.count {
            let key = entries[start] & ~0xFF_FFFF
            var end = start + 1
            while end < entries.count && entries[end] & ~0xFF_FFFF == key { end += 1 }
            let size = end - start
            if size >= 2 && size <= (key >> 63 == 1 ? capCommune : cap) {
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

    /// Weighted Dice similarity of two token lists; an initial (« J ») matches a word (« Jean »),
    /// a word with one typo counts for 80 %.
    @inline(__always) static func similarity(_ a: UnsafeBufferPointer<MatchToken>, _ b: UnsafeBufferPointer<MatchToken>) -> Float {
        var wa: Float = 0, wb: Float = 0, m: Float = 0
        for x in a { wa += x.w }
        for y in b { wb += y.w }
        @inline(__always) func match(_ x: MatchToken, _ y: MatchToken) -> Float {
            if x.h == y.h { return 1 }
            if (x.len == 1) != (y.len == 1) && x.first == y.first { return min(x.w, y.w) / max(x.w, y.w) }
            if x.first == y.first && x.typo(y) { return 0.8 }
            return 0
        }
        for x in a {
            var best: Float = 0
            for y in b { best = max(best, match(x, y)); if best == 1 { break } }
            m += best * x.w
        }
        for y in b {
            var best: Float = 0
            for x in a { best = max(best, match(x, y)); if best == 1 { break } }
            m += best * y.w
        }
        return wa + wb > 0 ? m / (wa + wb) : 0
    }

    /// Levels of every feature for one pair.
    @inline(__always) static func levels(_ a: MatchRecord, _ b: MatchRecord, _ t: UnsafeBufferPointer<MatchToken>, _ mails: UnsafeBufferPointer<UInt64>) -> SIMD8<UInt8> {
        @inline(__always) func slice(_ off: Int32, _ count: Int16) -> UnsafeBufferPointer<MatchToken> {
            UnsafeBufferPointer(rebasing: t[Int(off)..<(Int(off) + Int(count))])
        }
        var l = SIMD8<UInt8>(repeating: 0)
        // Name.
        if !a.aNom || !b.aNom { l[0] = 6 }
        else if a.nomCount == 0 && b.nomCount == 0 { l[0] = 5 }
        else if a.nomCount == 0 || b.nomCount == 0 { l[0] = 4 }
        else {
            let s = similarity(slice(a.nomOff, a.nomCount), slice(b.nomOff, b.nomCount))
            l[0] = s >= 0.9 ? 0 : s >= 0.6 ? 1 : s > 0 ? 2 : 3
        }
        // Address.
        if a.voieCount == 0 || b.voieCount == 0 { l[1] = 5 }
        else {
            // A street of the same name in another commune is another street.
            let sameCommune = MatchRecord.memeCommune(a, b) ?? true
            let same = sameCommune && (a.repere || b.repere ? (a.repere && b.repere) : similarity(slice(a.voieOff, a.voieCount), slice(b.voieOff, b.voieCount)) >= 0.8)
            if !same { l[1] = 4 }
            else if a.numero >= 0 && b.numero >= 0 {
                // « 35 » and « 35 bis »: the suffix is often forgotten, the number is uncertain.
                l[1] = a.numero != b.numero ? 2 : a.suffixe == b.suffixe ? 0 : (a.suffixe == 0 || b.suffixe == 0) ? 1 : 2
            }
            else { l[1] = a.repere ? 3 : 1 }
        }
        // Distance.
        if !a.aCoordonnees || !b.aCoordonnees { l[2] = 6 }
        else {
            let dy = (a.lat - b.lat) * 111_195
            let dx = (a.lon - b.lon) * 111_195 * Double(a.cosLat)
            let d = (dx * dx + dy * dy).squareRoot()
            if !(a.precis && b.precis) && d < 3000 { l[2] = 5 }
            else { l[2] = d < 50 ? 0 : d < 200 ? 1 : d < 1000 ? 2 : d < 5000 ? 3 : 4 }
        }
        l[3] = a.telephone == 0 || b.telephone == 0 ? 2 : a.telephone == b.telephone ? 0 : 1
        if a.courrielCount == 0 || b.courrielCount == 0 || a.courrielPartage || b.courrielPartage { l[4] = 2 }
        else {
            l[4] = 1
            for x in Int(a.courrielOff)..<(Int(a.courrielOff) + Int(a.courrielCount)) {
                for y in Int(b.courrielOff)..<(Int(b.courrielOff) + Int(b.courrielCount)) where mails[x] == mails[y] { l[4] = 0 }
            }
        }
        l[5] = a.siret == 0 || b.siret == 0 || a.siretPartage || b.siretPartage ? 2 : a.siret == b.siret ? 0 : 1
        l[6] = a.types.isEmpty || b.types.isEmpty ? 2 : a.types.isDisjoint(with: b.types) ? 1 : 0
        l[7] = MatchRecord.memeCommune(a, b).map { $0 ? 0 : 1 } ?? 2
        return l
    }

    /// Levels of records `i` and `j` of a table.
    public static func levels(_ table: MatchTable, _ i: Int, _ j: Int) -> SIMD8<UInt8> {
        table.tokens.withUnsafeBufferPointer { t in
            table.courriels.withUnsafeBufferPointer { m in levels(table.records[i], table.records[j], t, m) }
        }
    }

    public func score(_ l: SIMD8<UInt8>) -> Float {
        var s: Float = 0
        for f in 0..<8 { s += poids.poids[f][Int(l[f])] }
        return s
    }

    /// What a slot a record was moved out of holds: a place without a value nor a heap
    /// reference, so freeing it costs nothing.
    static let vide = Lieu(idSource: "", provenance: Provenance(source: "", file: "", line: 0))

    /// Moves the record at `i` out of `buffer`, leaving ``vide`` in its slot.
    @inline(__always) static func take(_ buffer: UnsafeMutableBufferPointer<Lieu>, _ i: Int) -> Lieu {
        let slot = buffer.baseAddress! + i
        let l = slot.move()
        slot.initialize(to: vide)
        return l
    }

    // MARK: run

    /// Clusters, with the pairs to review.
    /// `chrono` is told the duration of each phase (benchmark).
    public func run(_ lieux: [Lieu], chrono: ((String, Double) -> Void)? = nil) -> DedupOutcome {
        var records = lieux
        return run(consuming: &records, chrono: chrono)
    }

    /// ``run(_:chrono:)`` on records it moves into the clusters: `lieux` is left holding only
    /// ``vide`` places (the consolidation's records live in their clusters from here on).
    public func run(consuming lieux: inout [Lieu], chrono: ((String, Double) -> Void)? = nil) -> DedupOutcome {
        var clock = Date()
        func lap(_ phase: String) {
            guard let chrono else { return }
            let now = Date()
            chrono(phase, now.timeIntervalSince(clock))
            clock = now
        }
        var (sorted, table) = prepare(&lieux)
        let records = table.records
        lap("préparation")
        let n = sorted.count
        var index: [String: Int] = [:]
        var forced: [UInt64: MatchDecisions.Decision] = [:]
        var issues: [Issue] = []
        if !decisions.paires.isEmpty {
            // The officer's decisions, by index pair.
            index.reserveCapacity(n)
            for (i, l) in sorted.enumerated() where index[l.cle] == nil { index[l.cle] = i }
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
        }
        let pairs = candidates(table, extra: forced.filter { $0.value == .identiques }.map(\.key))
        lap("blocage")
        // Score every candidate; keep what reaches the review threshold.
        let revue = poids.revue
        var flat = [Float](repeating: 0, count: 64)
        for f in 0..<8 { for (k, w) in poids.poids[f].enumerated() { flat[f * 8 + k] = w } }
        let weights = flat
        @inline(__always) func score(_ l: SIMD8<UInt8>) -> Float {
            weights.withUnsafeBufferPointer { w in
                var s: Float = 0
                for f in 0..<8 { s += w[f &* 8 &+ Int(l[f])] }
                return s
            }
        }
        let hasForced = !forced.isEmpty
        func effective(_ p: UInt64, _ s: Float) -> Float {
            guard hasForced else { return s }
            switch forced[p] { case .identiques?: return .infinity; case .differents?: return -.infinity; default: return s }
        }
        var kept = table.tokens.withUnsafeBufferPointer { t in
            table.courriels.withUnsafeBufferPointer { m in
                records.withUnsafeBufferPointer { rs in
                    Parallel.ranges(pairs.count) { range -> [(UInt64, Float)] in
                        var out: [(UInt64, Float)] = []
                        for p in range {
                            let i = Int(pairs[p] >> 32), j = Int(pairs[p] & 0xFFFF_FFFF)
                            let s = score(Self.levels(rs[i], rs[j], t, m))
                            if s >= revue || (hasForced && forced[pairs[p]] != nil) { out.append((pairs[p], effective(pairs[p], s))) }
                        }
                        return out
                    }.flatMap { $0 }
                }
            }
        }
        lap("scores")
        // Greedy grouping, best pairs first; two groups join only if every cross pair is compatible.
        // Groups are linked lists (next) with their size at the root.
        var parent = [Int32](0..<Int32(n))
        var next = [Int32](repeating: -1, count: n)
        var last = [Int32](0..<Int32(n))
        var size = [Int32](repeating: 1, count: n)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != Int32(i) { parent[i] = parent[Int(parent[i])]; i = Int(parent[i]) }
            return i
        }
        kept.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var refused: [UInt64: String] = [:]
        table.tokens.withUnsafeBufferPointer { t in
            table.courriels.withUnsafeBufferPointer { m in
                records.withUnsafeBufferPointer { rs in
                    for (p, s) in kept {
                        guard s >= poids.fusion else { break }
                        let i = Int(p >> 32), j = Int(p & 0xFFFF_FFFF)
                        let ri = find(i), rj = find(j)
                        if ri == rj { continue }
                        var blocker: String?
                        var a = Int32(ri)
                        check: while a >= 0 {
                            var b = Int32(rj)
                            while b >= 0 {
                                let (x, y) = (Int(min(a, b)), Int(max(a, b)))
                                b = next[Int(b)]
                                if hasForced, let d = forced[UInt64(x) << 32 | UInt64(y)] {
                                    if d == .differents { blocker = "décision « differents » entre \(sorted[x].cle) et \(sorted[y].cle)"; break check }
                                    continue
                                }
                                let lv = Self.levels(rs[x], rs[y], t, m)
                                if lv[MatchFeature.typologie.rawValue] == 1 {
                                    blocker = "\(sorted[x].cle) et \(sorted[y].cle) sont des types de lieu incompatibles"
                                    break check
                                }
                                let sc = score(lv)
                                if sc < (rs[x].source == rs[y].source ? poids.fusion : poids.compatibilite) {
                                    blocker = "\(sorted[x].cle) et \(sorted[y].cle) diffèrent (score \(ScoredPair.format(sc)))"
                                    break check
                                }
                            }
                            a = next[Int(a)]
                        }
                        if let blocker { refused[p] = blocker; continue }
                        let (keep, drop) = size[ri] >= size[rj] ? (ri, rj) : (rj, ri)
                        parent[drop] = Int32(keep)
                        next[Int(last[keep])] = Int32(drop)
                        last[keep] = last[drop]
                        size[keep] += size[drop]
                    }
                }
            }
        }
        lap("groupes")
        // Pairs to review: refused ones, then uncertain ones (closest to the threshold first).
        // (Before the clusters are made: these read keys of records that go into other clusters.)
        var aRevoir: [ScoredPair] = []
        for (p, s) in kept {
            let i = Int(p >> 32), j = Int(p & 0xFFFF_FFFF)
            guard find(i) != find(j) else { continue }
            let l = Self.levels(table, i, j)
            var sp = ScoredPair(a: sorted[i].cle, b: sorted[j].cle, score: score(l), niveaux: (0..<8).map { l[$0] }, statut: s >= poids.fusion ? .refusee : .incertaine,
                                decision: hasForced ? forced[p] : nil)
            if let why = refused[p] { sp.motif = why } else if sp.decision == .differents { sp.statut = .refusee; sp.motif = "décision « differents » (\(decisions.fichier))" }
            aRevoir.append(sp)
        }
        aRevoir.sort { x, y in
            if (x.statut == .refusee) != (y.statut == .refusee) { return x.statut == .refusee }
            return x.score != y.score ? x.score > y.score : (x.a, x.b) < (y.a, y.b)
        }
        lap("revue")
        // Clusters: anchor by source priority then key; each member's reason is its best pair.
        // Each record is moved into its cluster (its slot in `sorted` then holds ``vide``).
        let rank = Dictionary(priorite.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let sourceRank = sorted.indices.map { rank[sorted[$0].provenance.source] ?? Int.max }
        var clusters: [Cluster] = []
        clusters.reserveCapacity(n)
        sorted.withUnsafeMutableBufferPointer { records in
            for root in 0..<n where find(root) == root {
                if size[root] == 1 {
                    clusters.append(Cluster(membres: [Self.take(records, root)], motifs: [:]))
                    continue
                }
                var idx: [Int] = []
                var k = Int32(root)
                while k >= 0 { idx.append(Int(k)); k = next[Int(k)] }
                idx.sort { a, b in sourceRank[a] != sourceRank[b] ? sourceRank[a] < sourceRank[b] : a < b }
                var motifs: [String: String] = [:]
                var paires: [ScoredPair] = []
                for x in 0..<idx.count {
                    for y in (x + 1)..<idx.count {
                        let (i, j) = (min(idx[x], idx[y]), max(idx[x], idx[y]))
                        let l = Self.levels(table, i, j)
                        paires.append(ScoredPair(a: records[i].cle, b: records[j].cle, score: score(l), niveaux: (0..<8).map { l[$0] }, statut: .fusionnee,
                                                 decision: hasForced ? forced[UInt64(i) << 32 | UInt64(j)] : nil))
                    }
                }
                for m in idx.dropFirst() {
                    let cle = records[m].cle
                    let best = paires.filter { $0.a == cle || $0.b == cle }.max { x, y in
                        let ex = x.decision == .identiques ? Float.infinity : x.score, ey = y.decision == .identiques ? Float.infinity : y.score
                        return ex != ey ? ex < ey : (x.a, x.b) > (y.a, y.b)
                    }!
                    let other = best.a == cle ? best.b : best.a
                    motifs[cle] = best.decision == .identiques
                        ? "décision « identiques » avec \(other) (\(decisions.fichier))"
                        : "score \(ScoredPair.format(best.score)) avec \(other) : \(best.detail(poids))"
                }
                clusters.append(Cluster(membres: idx.map { Self.take(records, $0) }, motifs: motifs, paires: paires))
            }
        }
        lap("groupes publiés")
        return DedupOutcome(clusters: clusters, aRevoir: aRevoir, candidats: pairs.count, issues: issues)
    }
}
