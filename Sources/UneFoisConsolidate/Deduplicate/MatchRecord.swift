import Foundation
import UneFoisCore
import UneFoisModel

/// A place record prepared once for matching: folded, tokenised and hashed, so that comparing two
/// records touches only integers. Built by ``MatchRecord/prepare(_:)``.
public struct MatchToken: Sendable, Equatable {
    /// FNV-1a hash of the folded token (canonical form: « bibliothèque » and « médiathèque » share one).
    public var h: UInt64
    /// First byte and length, to match an initial (« J. ») with a word (« Jean »).
    public var first: UInt8
    public var len: UInt8
    /// Weight of the token (rarer = heavier), set once the whole run is known.
    public var w: Float = 1
    /// The first 16 bytes, packed, for typo-tolerant comparison.
    public var p0: UInt64 = 0
    public var p1: UInt64 = 0

    public init(h: UInt64, first: UInt8, len: UInt8, p0: UInt64 = 0, p1: UInt64 = 0) {
        self.h = h
        self.first = first
        self.len = len
        self.p0 = p0
        self.p1 = p1
    }

    /// The token of bytes `b[from..<to]`.
    @inline(__always) static func make(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> MatchToken {
        var p0: UInt64 = 0, p1: UInt64 = 0
        var i = from
        while i < to && i - from < 16 {
            let k = i - from
            if k < 8 { p0 |= UInt64(b[i]) << (8 * UInt64(k)) } else { p1 |= UInt64(b[i]) << (8 * UInt64(k - 8)) }
            i += 1
        }
        return MatchToken(h: MatchRecord.fnv(b, from, to), first: b[from], len: UInt8(min(255, to - from)), p0: p0, p1: p1)
    }

    static func make(_ s: String) -> MatchToken {
        var s = s
        return s.withUTF8 { make($0, 0, $0.count) }
    }

    @inline(__always) func byte(_ k: Int) -> UInt8 {
        k < 8 ? UInt8(truncatingIfNeeded: p0 >> (8 * UInt64(k))) : UInt8(truncatingIfNeeded: p1 >> (8 * UInt64(k - 8)))
    }

    /// True when the two words differ by one typo (a letter added, dropped, changed or two
    /// swapped); words of at least 5 letters, compared on their first 16 bytes.
    @inline(__always) func typo(_ o: MatchToken) -> Bool {
        let la = Int(min(len, 16)), lb = Int(min(o.len, 16))
        guard la >= 5, lb >= 5, abs(la - lb) <= 1, h != o.h else { return false }
        var i = 0
        while i < la && i < lb && byte(i) == o.byte(i) { i += 1 }
        if la == lb {
            if i == la { return true }
            // Substitution: the rest equal after i; transposition: i and i+1 swapped.
            var j = i + 1
            while j < la && byte(j) == o.byte(j) { j += 1 }
            if j == la { return true }
            if i + 1 < la && byte(i) == o.byte(i + 1) && byte(i + 1) == o.byte(i) {
                j = i + 2
                while j < la && byte(j) == o.byte(j) { j += 1 }
                return j == la
            }
            return false
        }
        // One letter more in the longer word, at i.
        let (long, short, ll) = la > lb ? (self, o, la) : (o, self, lb)
        var j = i
        while j + 1 < ll && long.byte(j + 1) == short.byte(j) { j += 1 }
        return j + 1 == ll
    }
}

/// A prepared record holds no reference (its tokens live in the pools of a ``MatchTable``), so
/// comparing two records costs no reference counting.
public struct MatchRecord: Sendable {
    /// Kinds of place that cannot be one another (bit set).
    public struct Types: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bibliotheque = Types(rawValue: 1)
        public static let mairie = Types(rawValue: 2)
        public static let ccas = Types(rawValue: 4)
        public static let franceServices = Types(rawValue: 8)
        public static let poste = Types(rawValue: 16)
    }

    public var source: Int32 = 0
    /// Blocking key of the commune: its INSEE code, else its postal code (which several communes
    /// may share: it only gathers candidates).
    public var insee: UInt64 = 0
    /// The INSEE code itself (0 when absent), to compare communes.
    public var codeInsee: UInt64 = 0
    /// The folded commune name (0 when absent), to compare communes without INSEE codes.
    public var communeNom: UInt64 = 0
    /// Distinctive name tokens (generic words and the commune's name left aside), in the token pool.
    public var nomOff: Int32 = 0
    public var nomCount: Int16 = 0
    public var aNom = false
    public var types: Types = []
    /// Street number (-1 when absent) and suffix (bis = 2, ter = 3, quater = 4, letter = its byte).
    public var numero: Int32 = -1
    public var suffixe: UInt8 = 0
    /// Street words without the street type, in the token pool.
    public var voieOff: Int32 = 0
    public var voieCount: Int16 = 0
    /// The street is a landmark (« Hôtel de ville », « place de la Mairie »).
    public var repere = false
    public var lat: Double = .nan
    public var lon: Double = .nan
    /// cos(latitude), to measure distances in metres.
    public var cosLat: Float = 1
    /// Coordinates precise to a few metres (4 decimals or more, not a shared commune centre).
    public var precis = false
    public var telephone: UInt64 = 0
    /// E-mail hashes, in the e-mail pool.
    public var courrielOff: Int32 = 0
    public var courrielCount: Int16 = 0
    public var siret: UInt64 = 0
    /// An e-mail or the SIRET is shared by several records of the same source: a network's
    /// address, a town hall's SIRET. It says nothing about which of those places a record is, so
    /// it counts as absent. (Phones are not discounted: a town hall's switchboard is also the
    /// best evidence that two sources describe the same town hall; distance and commune decide.)
    public var courrielPartage = false
    public var siretPartage = false

    /// True or false when both records say which commune they are in (INSEE codes first, else
    /// folded names), nil when one does not.
    @inline(__always) public static func memeCommune(_ a: MatchRecord, _ b: MatchRecord) -> Bool? {
        if a.codeInsee != 0 && b.codeInsee != 0 { return a.codeInsee == b.codeInsee }
        if a.communeNom != 0 && b.communeNom != 0 { return a.communeNom == b.communeNom }
        return nil
    }

    public var aCoordonnees: Bool { !lat.isNaN }

    // MARK: preparation

    @inline(__always) static func fnv(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = from
        while i < to { h ^= UInt64(b[i]); h &*= 0x0000_0100_0000_01b3; i += 1 }
        return h
    }

    public static func hash(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { fnv($0, 0, $0.count) }
    }

    /// Appends the folded words of `text` (lowercase ASCII, accents removed) to `out`. With a
    /// vocabulary, a known word glued to the next one (« FranceServices », « Mairiede ») is split.
    @inline(__always) static func tokens(_ text: String, into out: inout [MatchToken], vocabulaire v: MatchVocabulary? = nil) {
        var folded = TextFolding.key(text)
        folded.withUTF8 { b in
            var start = 0
            for i in 0...b.count where i == b.count || b[i] == 0x20 {
                defer { start = i + 1 }
                guard i > start else { continue }
                let t = MatchToken.make(b, start, i)
                if let v, i - start >= 7, v.generic[t.h] == nil, v.canon[t.h] == nil {
                    var split = false
                    for w in v.glued where w.count + 2 <= i - start {
                        var k = 0
                        while k < w.count && b[start + k] == w[k] { k += 1 }
                        if k == w.count {
                            out.append(MatchToken.make(b, start, start + k))
                            out.append(MatchToken.make(b, start + k, i))
                            split = true
                            break
                        }
                    }
                    if split { continue }
                }
                out.append(t)
            }
        }
    }

    /// Reusable buffers of one preparing thread.
    public struct Scratch {
        var toks: [MatchToken] = []
        var commune: [MatchToken] = []
        public init() {}
    }

    /// Prepares one place record, appending its tokens and e-mails to the pools (offsets relative
    /// to them). Token weights are set later, by the deduplicator.
    public static func prepare(_ l: Lieu, vocabulaire v: MatchVocabulary, tokens pool: inout [MatchToken], courriels mails: inout [UInt64], scratch: inout Scratch) -> MatchRecord {
        var r = MatchRecord()
        if let c = l[.codeInsee] ?? l[.codePostal] { r.insee = hash(c) }
        if let c = l[.codeInsee] { r.codeInsee = hash(c) }
        if let c = l[.commune] { r.communeNom = hash(TextFolding.key(c)) }
        // Name: canonical forms, phrases, generic words and the commune's name set aside.
        r.nomOff = Int32(pool.count)
        if let n = l[.nom] {
            r.aNom = true
            scratch.commune.removeAll(keepingCapacity: true)
            if let c = l[.commune] { tokens(c, into: &scratch.commune) }
            scratch.toks.removeAll(keepingCapacity: true)
            tokens(n, into: &scratch.toks, vocabulaire: v)
            v.canonicalise(&scratch.toks)
            for t in scratch.toks {
                if let g = v.generic[t.h] { r.types.formUnion(g.types); continue }
                if scratch.commune.contains(where: { $0.h == t.h }) { continue }
                pool.append(t)
            }
            r.nomCount = Int16(min(Int(Int16.max), pool.count - Int(r.nomOff)))
        }
        if r.types.isEmpty {
            for t in l.liste(.typologie) { if let ty = MatchVocabulary.typologies[t] { r.types.formUnion(ty) } }
        }
        // Address: number (+ bis/ter), street without its type word; landmark for the town hall.
        r.voieOff = Int32(pool.count)
        if let a = l[.adresse] {
            var folded = TextFolding.key(a)
            var numberSeen = false, pendingSuffix = false
            folded.withUTF8 { b in
                var start = 0
                words: for end in 0...b.count where end == b.count || b[end] == 0x20 {
                    defer { start = end + 1 }
                    guard end > start else { continue }
                    let c = b[start]
                    if c >= 0x30 && c <= 0x39 {
                        var n: Int32 = 0, k = start
                        while k < end && b[k] >= 0x30 && b[k] <= 0x39 { if k - start < 6 { n = n * 10 + Int32(b[k] - 0x30) }; k += 1 }
                        if k - start >= 5 { break words }  // a postcode: the street is over
                        if !numberSeen && k - start <= 4 {
                            numberSeen = true
                            r.numero = n
                            r.suffixe = 0
                            if k < end { r.suffixe = v.suffixes[fnv(b, k, end)] ?? (end - k == 1 ? b[k] : 0) }
                            pendingSuffix = r.suffixe == 0
                            let before = pool.count - Int(r.voieOff)
                            if before > 0 { pool.removeLast(before) }  // words before the number name a building
                        }
                        continue
                    }
                    var t = MatchToken.make(b, start, end)
                    if pendingSuffix, let sx = v.suffixes[t.h] { r.suffixe = sx; pendingSuffix = false; continue }
                    pendingSuffix = false
                    if let (_, cs) = v.canon[t.h] { t = MatchToken.make(cs) }
                    if v.streetTypes.contains(t.h) || v.stop.contains(t.h) { continue }
                    pool.append(t)
                }
            }
            // « Hôtel de ville », « place de la Mairie »: the town hall as a landmark.
            var hotel = false, ville = false
            for k in Int(r.voieOff)..<pool.count {
                if pool[k].h == v.hotel { hotel = true } else if pool[k].h == v.ville { ville = true }
            }
            if hotel && ville {
                pool.removeLast(pool.count - Int(r.voieOff))
                pool.append(MatchToken.make("mairie"))
            }
            r.voieCount = Int16(min(Int(Int16.max), pool.count - Int(r.voieOff)))
            r.repere = r.voieCount == 1 && pool[Int(r.voieOff)].h == v.mairie
        }
        if let la = l.latitude, let lo = l.longitude {
            r.lat = la
            r.lon = lo
            r.cosLat = Float(cos(la * .pi / 180))
            r.precis = decimals(la) >= 4 && decimals(lo) >= 4
        }
        if let t = l[.telephone] { r.telephone = hash(t) }
        r.courrielOff = Int32(mails.count)
        for m in l.liste(.courriels) { mails.append(hash(m.lowercased())) }
        r.courrielCount = Int16(mails.count - Int(r.courrielOff))
        if let s = l.siret, s != "00000000000000" { r.siret = hash(s) }
        return r
    }

    /// Number of significant decimals of a coordinate (up to 6).
    static func decimals(_ x: Double) -> Int {
        var v = abs(x)
        for d in 0...6 {
            if abs(v - v.rounded()) < 1e-7 { return d }
            v *= 10
        }
        return 7
    }
}

/// Prepared records and the pools their tokens and e-mails live in.
public struct MatchTable: Sendable {
    public var records: [MatchRecord] = []
    public var tokens: [MatchToken] = []
    public var courriels: [UInt64] = []

    public init() {}

    /// Prepares records (in parallel chunks, merged in order).
    /// `source` gives the source number of the record at an index of `lieux`.
    public init(_ lieux: [Lieu], vocabulaire v: MatchVocabulary, source: @escaping (Int) -> Int32) {
        let parts = Parallel.ranges(lieux.count) { range -> MatchTable in
            var t = MatchTable()
            t.records.reserveCapacity(range.count)
            t.tokens.reserveCapacity(range.count * 5)
            var scratch = MatchRecord.Scratch()
            for i in range {
                var r = MatchRecord.prepare(lieux[i], vocabulaire: v, tokens: &t.tokens, courriels: &t.courriels, scratch: &scratch)
                r.source = source(i)
                t.records.append(r)
            }
            return t
        }
        records.reserveCapacity(lieux.count)
        for p in parts {
            let to = Int32(tokens.count), co = Int32(courriels.count)
            for var r in p.records {
                r.nomOff += to
                r.voieOff += to
                r.courrielOff += co
                records.append(r)
            }
            tokens += p.tokens
            courriels += p.courriels
        }
    }

    /// The record of `l` alone (tests, explanations).
    public static func one(_ l: Lieu, vocabulaire v: MatchVocabulary = .standard) -> (MatchRecord, MatchTable) {
        let t = MatchTable([l], vocabulaire: v, source: { _ in 0 })
        return (t.records[0], t)
    }

    public func nom(_ r: MatchRecord) -> ArraySlice<MatchToken> { tokens[Int(r.nomOff)..<(Int(r.nomOff) + Int(r.nomCount))] }
    public func voie(_ r: MatchRecord) -> ArraySlice<MatchToken> { tokens[Int(r.voieOff)..<(Int(r.voieOff) + Int(r.voieCount))] }
}

/// The words the matcher knows: stop words, generic words of place names (with the kind of place
/// they denote), abbreviations and phrases folded to one form, street types and suffixes.
public struct MatchVocabulary: Sendable {
    public struct Generic: Sendable { var canon: UInt64; var types: MatchRecord.Types }
    var stop: Set<UInt64> = []
    var generic: [UInt64: Generic] = [:]
    var canon: [UInt64: (UInt64, String)] = [:]
    /// Two- to four-word phrases → one canonical token.
    var phrases: [([UInt64], UInt64, String)] = []
    var streetTypes: Set<UInt64> = []
    var suffixes: [UInt64: UInt8] = [:]
    /// Known words of 6 letters or more, to recognise them despite a typo.
    var known: [MatchToken] = []
    /// Known words that exports glue to the next word (« FranceServices »), as bytes.
    var glued: [[UInt8]] = ["france", "services", "mairie", "mediatheque", "bibliotheque", "ccas", "espace", "tiers", "centre", "association"].map { Array($0.utf8) }
    /// First words of the phrases.
    var phraseStarts: Set<UInt64> = []
    let mairie = MatchRecord.hash("mairie")
    let hotel = MatchRecord.hash("hotel")
    let ville = MatchRecord.hash("ville")

    /// Typologie codes (data·inclusion) → kind of place, used when the name says nothing.
    static let typologies: [String: MatchRecord.Types] = [
        "BIB": .bibliotheque, "MUNI": .mairie, "CCAS": .ccas, "CIAS": .ccas, "RFS": .franceServices, "MSAP": .franceServices, "LA_POSTE": .poste,
    ]

    public static let standard = MatchVocabulary()

    init() {
        let h = MatchRecord.hash
        for w in ["de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur", "sous", "un", "une", "pour", "par"] { stop.insert(h(w)) }
        let kinds: [(String, MatchRecord.Types, [String])] = [
            ("bib", .bibliotheque, ["bibliotheque", "bibliotheques", "mediatheque", "mediatheques", "bib", "bibli", "biblio", "bm"]),
            ("mairie", .mairie, ["mairie", "hdv"]),
            ("ccas", .ccas, ["ccas", "cias"]),
            ("fs", .franceServices, ["fs", "mfs", "msap", "rfs"]),
            ("poste", .poste, ["poste", "postale"]),
        ]
        for (c, t, words) in kinds {
            for w in words { generic[h(w)] = Generic(canon: h(c), types: t) }
        }
        for w in ["espace", "espaces", "municipal", "municipale", "municipales", "communal", "communale", "intercommunal", "intercommunale",
                  "maison", "centre", "point", "public", "publique", "numerique", "numeriques", "service", "services", "accueil", "social", "sociale",
                  "sociaux", "culturel", "culturelle", "mediation", "lieu", "tiers", "agence", "bureau", "antenne", "permanence", "ville", "epn", "epi",
                  "salle", "relais", "pole", "association", "asso", "cyber", "cyberbase", "inclusion", "informatique", "multimedia", "france", "reseau",
                  "local", "site", "atelier", "ateliers", "club", "label", "labellise", "labellisee"] {
            generic[h(w)] = Generic(canon: h(w), types: [])
        }
        for w in ["de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur", "sous", "un", "une", "pour", "par"] { generic[h(w)] = nil }
        for (a, b) in [("st", "saint"), ("ste", "sainte"), ("mediatheque", "bibliotheque"), ("mediatheques", "bibliotheque"), ("bibliotheques", "bibliotheque"),
                       ("av", "avenue"), ("ave", "avenue"), ("bd", "boulevard"), ("bld", "boulevard"), ("bvd", "boulevard"), ("pl", "place"),
                       ("ch", "chemin"), ("chem", "chemin"), ("rte", "route"), ("imp", "impasse"), ("all", "allee"), ("crs", "cours"), ("fg", "faubourg"),
                       ("sq", "square"), ("r", "rue"), ("pdt", "president"), ("gal", "general"), ("gen", "general"), ("mal", "marechal"), ("dr", "docteur")] {
            canon[h(a)] = (h(b), b)
        }
        phrases = [
            ([h("hotel"), h("de"), h("ville")], h("mairie"), "mairie"), ([h("hotel"), h("ville")], h("mairie"), "mairie"),
            ([h("france"), h("services")], h("fs"), "fs"), ([h("france"), h("service")], h("fs"), "fs"),
            ([h("maison"), h("fs")], h("fs"), "fs"), ([h("espace"), h("fs")], h("fs"), "fs"),
            ([h("maison"), h("de"), h("services"), h("au")], h("msap"), "msap"),
            ([h("centre"), h("communal"), h("d"), h("action")], h("ccas"), "ccas"), ([h("centre"), h("communal"), h("action")], h("ccas"), "ccas"),
            ([h("espace"), h("public"), h("numerique")], h("epn"), "epn"),
            ([h("bureau"), h("de"), h("poste")], h("poste"), "poste"), ([h("agence"), h("postale")], h("poste"), "poste"), ([h("la"), h("poste")], h("poste"), "poste"),
        ]
        for w in ["rue", "avenue", "boulevard", "place", "chemin", "route", "impasse", "allee", "allees", "cours", "quai", "square", "faubourg", "lotissement",
                  "lot", "lieu", "dit", "lieudit", "quartier", "hameau", "montee", "traverse", "passage", "esplanade", "parvis", "promenade", "residence",
                  "res", "zone", "za", "zi", "zac", "rond", "point", "cedex", "bp", "parc", "domaine", "batiment", "bat", "cs"] { streetTypes.insert(h(w)) }
        for w in ["de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur", "sous"] { streetTypes.remove(h(w)) }
        suffixes = [h("bis"): 2, h("b"): 2, h("ter"): 3, h("t"): 3, h("quater"): 4]
        phraseStarts = Set(phrases.map { $0.0[0] })
        for w in ["bibliotheque", "mediatheque", "municipale", "municipal", "services", "service", "mairie", "espace", "numerique", "communale",
                  "intercommunale", "maison", "centre", "association", "accueil", "sociale", "culturel", "culturelle", "france"] { known.append(MatchToken.make(w)) }
    }

    /// Folds abbreviations, typos of known words and phrases to their canonical tokens and drops
    /// stop words, in place.
    func canonicalise(_ toks: inout [MatchToken]) {
        for i in toks.indices {
            if let (_, s) = canon[toks[i].h] { toks[i] = MatchToken.make(s); continue }
            // A typo in a known word (« Biblioheque », « Serices »): the known word.
            if toks[i].len >= 6, generic[toks[i].h] == nil {
                for k in known where k.typo(toks[i]) { toks[i] = canon[k.h].map { MatchToken.make($0.1) } ?? k; break }
            }
        }
        var w = 0, i = 0
        outer: while i < toks.count {
            if toks.count - i >= 2 && phraseStarts.contains(toks[i].h) {
                for (p, _, s) in phrases where p.count <= toks.count - i && p[0] == toks[i].h {
                    var ok = true
                    for k in 1..<p.count where toks[i + k].h != p[k] { ok = false; break }
                    if ok {
                        toks[w] = MatchToken.make(s)
                        w += 1
                        i += p.count
                        continue outer
                    }
                }
            }
            if !stop.contains(toks[i].h) {
                toks[w] = toks[i]
                w += 1
            }
            i += 1
        }
        toks.removeLast(toks.count - w)
    }
}
