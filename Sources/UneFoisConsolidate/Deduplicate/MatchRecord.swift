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
}

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
    public var insee: UInt64 = 0
    /// Distinctive name tokens (generic words and the commune's name left aside).
    public var nom: [MatchToken] = []
    /// Canonical generic tokens of the name, sorted.
    public var generiques: [UInt64] = []
    public var aNom = false
    public var types: Types = []
    /// Street number (-1 when absent) and suffix (bis = 2, ter = 3, quater = 4, letter = its byte).
    public var numero: Int32 = -1
    public var suffixe: UInt8 = 0
    public var voie: [MatchToken] = []
    /// The street is a landmark (« Hôtel de ville », « place de la Mairie »).
    public var repere = false
    public var lat: Double = .nan
    public var lon: Double = .nan
    /// Coordinates precise to a few metres (4 decimals or more, not a shared commune centre).
    public var precis = false
    public var telephone: UInt64 = 0
    public var courriels: [UInt64] = []
    public var siret: UInt64 = 0

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

    /// Folded tokens of a text (lowercase ASCII words, accents removed), as hash + first byte + length.
    static func tokens(_ text: String) -> [MatchToken] {
        var folded = TextFolding.key(text)
        return folded.withUTF8 { b in
            var out: [MatchToken] = []
            var start = 0
            for i in 0...b.count {
                if i == b.count || b[i] == 0x20 {
                    if i > start { out.append(MatchToken(h: fnv(b, start, i), first: b[start], len: UInt8(min(255, i - start)))) }
                    start = i + 1
                }
            }
            return out
        }
    }

    /// Parses the digits at the start of a token (a street number), with a letter suffix (« 12bis »).
    static func number(_ text: String) -> (Int32, UInt8)? {
        var n: Int32 = 0, digits = 0
        var rest: [UInt8] = []
        for c in text.utf8 {
            if c >= 0x30 && c <= 0x39 && rest.isEmpty {
                if digits < 6 { n = n * 10 + Int32(c - 0x30) }
                digits += 1
            } else { rest.append(c) }
        }
        guard digits > 0, digits <= 4 else { return nil }
        return (n, suffix(rest))
    }

    static func suffix(_ rest: [UInt8]) -> UInt8 {
        switch String(decoding: rest, as: UTF8.self) {
        case "": return 0
        case "bis", "b": return 2
        case "ter", "t": return 3
        case "quater", "q": return 4
        default: return rest.count == 1 ? rest[0] : 0
        }
    }

    /// Prepares one place record (the token weights are set later, by the deduplicator).
    public static func prepare(_ l: Lieu, vocabulaire v: MatchVocabulary) -> MatchRecord {
        var r = MatchRecord()
        if let c = l[.codeInsee] ?? l[.codePostal] { r.insee = hash(c) }
        // Name: canonical forms, phrases, generic words and the commune's name set aside.
        if let n = l[.nom] {
            r.aNom = true
            let communeTokens = Set((l[.commune].map(tokens) ?? []).map(\.h))
            var toks = v.canonicalise(tokens(n))
            var gen: [UInt64] = []
            toks.removeAll { t in
                if let g = v.generic[t.h] {
                    gen.append(g.canon)
                    r.types.formUnion(g.types)
                    return true
                }
                return communeTokens.contains(t.h)
            }
            r.nom = toks
            gen.sort()
            r.generiques = gen
        }
        if r.types.isEmpty {
            for t in l.liste(.typologie) { if let ty = MatchVocabulary.typologies[t] { r.types.formUnion(ty) } }
        }
        // Address: number (+ bis/ter), street without its type word; landmark for the town hall.
        if let a = l[.adresse] {
            var street: [MatchToken] = []
            var numberSeen = false
            var pendingSuffix = false
            for word in TextFolding.key(a).split(separator: " ") {
                let c = word.utf8.first!
                if c >= 0x30 && c <= 0x39 {
                    if word.utf8.count >= 5 { break }  // a postcode: the street is over
                    if !numberSeen, let (n, s) = number(String(word)) {
                        numberSeen = true
                        r.numero = n
                        r.suffixe = s
                        pendingSuffix = s == 0
                        street.removeAll()  // words before the number name a building, not the street
                    }
                    continue
                }
                var h = hash(String(word))
                if pendingSuffix, let sx = v.suffixes[h] { r.suffixe = sx; pendingSuffix = false; continue }
                pendingSuffix = false
                var first = c, len = UInt8(min(255, word.utf8.count))
                if let (ch, cs) = v.canon[h] { h = ch; first = cs.utf8.first!; len = UInt8(cs.utf8.count) }
                if v.streetTypes.contains(h) || v.stop.contains(h) { continue }
                street.append(MatchToken(h: h, first: first, len: len))
            }
            // « Hôtel de ville », « place de la Mairie »: the town hall as a landmark.
            if street.contains(where: { $0.h == v.hotel }) && street.contains(where: { $0.h == v.ville }) {
                street = [MatchToken(h: v.mairie, first: 0x6D, len: 6)]
            }
            r.voie = street
            r.repere = street.count == 1 && street[0].h == v.mairie
        }
        if let la = l.latitude, let lo = l.longitude {
            r.lat = la
            r.lon = lo
            r.precis = decimals(la) >= 4 && decimals(lo) >= 4
        }
        if let t = l[.telephone] { r.telephone = hash(t) }
        r.courriels = l.liste(.courriels).map { hash($0.lowercased()) }
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
    }

    /// Folds abbreviations and phrases to their canonical tokens and drops stop words.
    func canonicalise(_ tokens: [MatchToken]) -> [MatchToken] {
        var toks = tokens
        for i in toks.indices { if let (c, s) = canon[toks[i].h] { toks[i] = MatchToken(h: c, first: s.utf8.first!, len: UInt8(s.utf8.count)) } }
        if toks.count >= 2 {
            var out: [MatchToken] = []
            var i = 0
            outer: while i < toks.count {
                for (p, c, s) in phrases where p.count <= toks.count - i && p[0] == toks[i].h {
                    var ok = true
                    for k in 1..<p.count where toks[i + k].h != p[k] { ok = false; break }
                    if ok {
                        out.append(MatchToken(h: c, first: s.utf8.first!, len: UInt8(s.utf8.count)))
                        i += p.count
                        continue outer
                    }
                }
                out.append(toks[i])
                i += 1
            }
            toks = out
        }
        toks.removeAll { stop.contains($0.h) }
        return toks
    }
}
