import UneFoisCore
import UneFoisModel
import Foundation

extension OpeningHours {
    static let frenchDayNames: [(String, Int)] = [
        ("lundis", 0), ("lundi", 0), ("lun", 0), ("mardis", 1), ("mardi", 1), ("mar", 1),
        ("mercredis", 2), ("mercredi", 2), ("mer", 2), ("jeudis", 3), ("jeudi", 3), ("jeu", 3),
        ("vendredis", 4), ("vendredi", 4), ("ven", 4), ("samedis", 5), ("samedi", 5), ("sam", 5),
        ("dimanches", 6), ("dimanche", 6), ("dim", 6),
    ]

    /// A time range in French text, hours with or without « h » (compiled once).
    static let frenchTimePattern = try! NSRegularExpression(pattern: #"(\d{1,2})\s*([hH:])?\s*(\d{2})?\s*(?:-|–|à|a|au|jusqu'à)\s*(\d{1,2})\s*([hH:])?\s*(\d{2})?"#)

    /// Reads French free text such as « du lundi au vendredi de 9h à 12h et de 14h à 17h »,
    /// « Mardi : 9h-12h / 14h-17h30 », « lundi, mardi et jeudi 9h-12h ; fermé le mercredi »,
    /// « tous les jours 10h-18h » into OSM opening hours. Returns nil when any part of the text is
    /// not understood (never guesses).
    ///
    /// Also the forms partners write around the hours: ordinals of the month (« 1er et 3e
    /// vendredi du mois » → `Fr[1,3]`, « dernier samedi du mois » → `Sa[-1]`), closed days
    /// (« fermé le lundi »), « sauf jours fériés » (`PH off`), and « sauf vacances scolaires » or
    /// « sur rendez-vous » kept as a quoted comment.
    public static func fromFrenchText(_ text: String) -> String? {
        var t = text
        // Comments OSM keeps as text, and the public holidays it can say.
        var comments: [String] = []
        var holidaysOff = false
        /// Replaces each match of `pattern` (scanned from the end) by what `body` returns.
        func take(_ pattern: String, _ body: (String) -> String) {
            guard let re = compiled(pattern) else { return }
            let ns = t as NSString
            for m in re.matches(in: t, range: NSRange(location: 0, length: ns.length)).reversed() {
                let by = body(ns.substring(with: m.range))
                t = (t as NSString).replacingCharacters(in: m.range, with: " " + by + " ")
            }
        }
        take(#"\(?\s*(sauf|hors|en dehors des?)\s+(les\s+|pendant\s+les\s+)?vacances\s+scolaires\s*\)?"#) { _ in comments.insert("sauf vacances scolaires", at: 0); return "" }
        take(#"\(?\s*(uniquement\s+|seulement\s+)?(sur|avec)\s+(rendez[\s-]vous|rdv)\s*\)?"#) { _ in comments.insert("sur rendez-vous", at: 0); return "" }
        take(#"\(?\s*(sauf|hors|fermé|ferme|fermée)\s+(les\s+)?jours\s+fériés\s*\)?"#) { _ in holidaysOff = true; return "" }
        // « fermé le lundi », « fermé les lundis et jeudis »: closed days, wherever they stand.
        let day = "(?:lun(?:di)?|mar(?:di)?|mer(?:credi)?|jeu(?:di)?|ven(?:dredi)?|sam(?:edi)?|dim(?:anche)?)s?\\.?"
        var closed = Set<Int>()
        take("(?:fermé|ferme|fermée|fermeture)\\s+(?:le\\s+|les\\s+)?" + day + "(?:\\s*(?:,|et)\\s*(?:le\\s+|les\\s+)?" + day + ")*") { clause in
            for w in TextFolding.key(clause).split(separator: " ") {
                if let d = frenchDayNames.first(where: { $0.0 == String(w) })?.1 { closed.insert(d) }
            }
            return ""
        }
        // « 1er et 3e vendredi du mois », « dernier samedi du mois »: the day with its ordinals.
        var nth: [Int: [String]] = [:]
        take("(?:(?:\\d\\s*(?:er|re|e|ème|eme|è)|dernier|derni[eè]re)\\s*(?:,|et)?\\s*)+" + day + "\\s*(?:du|de\\s+chaque|de\\s+chaque|par)\\s+mois") { phrase in
            let k = TextFolding.key(phrase)
            let words = k.split(separator: " ").map(String.init)
            guard let d = words.compactMap({ w in frenchDayNames.first(where: { $0.0 == w })?.1 }).first else { return phrase }
            var ords: [String] = []
            let digits = ordinalDigits
            for m in digits.matches(in: k, range: NSRange(location: 0, length: (k as NSString).length)) { ords.append((k as NSString).substring(with: m.range(at: 1))) }
            if k.contains("dernier") || k.contains("derniere") { ords.append("-1") }
            nth[d, default: []] += ords
            // The day stays as a plain word; its ordinals are applied after parsing.
            return frenchDays[d]
        }
        guard let core = fromFrenchTextCore(t), !core.isEmpty else { return nil }
        // Parse the composed rules back per day to apply the closed days and the ordinals.
        var byDay: [String: [String]] = [:]
        for rule in core.components(separatedBy: "; ") {
            let parts = rule.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            for d in expandDays(parts[0]) { byDay[days[d]] = parts[1].components(separatedBy: ",") }
        }
        for d in closed { byDay[days[d]] = nil }
        var ordinalRules: [String] = []
        for d in nth.keys.sorted() {
            guard let r = byDay[days[d]], let ords = nth[d], !ords.isEmpty else { continue }
            byDay[days[d]] = nil
            ordinalRules.append("\(days[d])[\(ords.joined(separator: ","))] " + r.joined(separator: ","))
        }
        let composed = compose(byDay)
        var rules = (composed.isEmpty ? [] : composed.components(separatedBy: "; ")) + ordinalRules
        guard !rules.isEmpty else { return nil }
        if !comments.isEmpty {
            let c = " \"" + comments.joined(separator: ", ") + "\""
            rules = rules.map { $0 + c }
        }
        if holidaysOff { rules.append("PH off") }
        return rules.joined(separator: "; ")
    }

    /// Digits of French ordinals in folded text (« 1er », « 3e », « 2eme »).
    static let ordinalDigits = try! NSRegularExpression(pattern: "(\\d)\\s*(?:er|re|e|eme|e)\\b")
    /// The patterns of ``fromFrenchText(_:)``, compiled once (case-insensitive).
    nonisolated(unsafe) static var patternCache: [String: NSRegularExpression] = [:]
    static let patternLock = NSLock()
    static func compiled(_ pattern: String) -> NSRegularExpression? {
        patternLock.lock()
        defer { patternLock.unlock() }
        if let re = patternCache[pattern] { return re }
        let re = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        patternCache[pattern] = re
        return re
    }

    /// Day indexes of a composed selector (`Mo-Fr`, `Mo,We`, `Tu`).
    static func expandDays(_ selector: String) -> [Int] {
        var out: [Int] = []
        for part in selector.split(separator: ",") {
            let ends = part.split(separator: "-").compactMap { days.firstIndex(of: String($0)) }
            if ends.count == 2, ends[0] <= ends[1] { out += Array(ends[0]...ends[1]) } else if ends.count == 1 { out.append(ends[0]) }
        }
        return out
    }

    /// The day groups and time ranges of the text (see ``fromFrenchText(_:)``).
    static func fromFrenchTextCore(_ text: String) -> String? {
        let re = frenchTimePattern
        // « lundi-vendredi » is a range of days: say it in words before the hyphen is folded away.
        let dayWord = "(lun(?:di)?|mar(?:di)?|mer(?:credi)?|jeu(?:di)?|ven(?:dredi)?|sam(?:edi)?|dim(?:anche)?)s?\\.?"
        let text = text.replacingOccurrences(of: dayWord + "\\s*[-–]\\s*" + dayWord, with: "$1 au $2", options: [.regularExpression, .caseInsensitive])
        let ns = text as NSString
        var ranges: [String] = []
        var rest = text
        for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)).reversed() {
            func g(_ i: Int) -> String? {
                let r = m.range(at: i)
                return r.location == NSNotFound ? nil : ns.substring(with: r)
            }
            guard g(2) != nil || g(5) != nil, let h1 = Int(g(1)!), let h2 = Int(g(4)!) else { continue }
            let m1 = Int(g(3) ?? "0") ?? 0, m2 = Int(g(6) ?? "0") ?? 0
            guard h1 <= 24, h2 <= 24, m1 < 60, m2 < 60, h1 * 60 + m1 < h2 * 60 + m2 else { return nil }
            ranges.insert(String(format: "%02d:%02d-%02d:%02d", h1, m1, h2, m2), at: 0)
            rest = (rest as NSString).replacingCharacters(in: m.range, with: " zzt\(ranges.count) ")
        }
        guard !ranges.isEmpty else { return nil }
        // Placeholders were numbered from the end: renumber in reading order.
        var words = TextFolding.key(rest).split(separator: " ").map(String.init)
        let total = ranges.count
        words = words.map { w in
            if w.hasPrefix("zzt"), let n = Int(w.dropFirst(3)) { return "zzt\(total - n)" }
            return w
        }
        // Walk the words: day groups, time ranges, exclusions.
        var result: [Int: [String]] = [:]
        var current: [Int] = []
        var currentHasTimes = false
        var excluding = false
        var excluded = Set<Int>()
        var pendingRangeStart: Int?
        var i = 0
        func day(_ w: String) -> Int? { frenchDayNames.first { $0.0 == w }?.1 }
        func addDays(_ d: [Int]) {
            if excluding { excluded.formUnion(d); return }
            if currentHasTimes { current = []; currentHasTimes = false }
            current += d
        }
        let filler: Set<String> = ["de", "du", "le", "les", "la", "et", "h", "matin", "apres", "midi", "apres midi", "soir", "journee", "sur", "rdv", "rendez", "vous", "ouvert", "ouverte", "horaires", "inclus", "uniquement", "a", "partir", "l", "d", "en", "tous", "toutes", "puis", "ainsi", "que"]
        while i < words.count {
            let w = words[i]
            if w.hasPrefix("zzt"), let n = Int(w.dropFirst(3)) {
                guard !excluding else { return nil }
                guard !current.isEmpty else { return nil }
                for d in current { result[d, default: []].append(ranges[n]) }
                currentHasTimes = true
            } else if let d = day(w) {
                if let start = pendingRangeStart {
                    // « du lundi au vendredi »
                    guard d >= start else { return nil }
                    addDays(Array((start + 1)...d))
                    pendingRangeStart = nil
                } else {
                    addDays([d])
                }
                if i + 1 < words.count, ["au", "a"].contains(words[i + 1]), i + 2 < words.count, day(words[i + 2]) != nil {
                    pendingRangeStart = d
                    i += 1
                }
            } else if w == "ferme" || w == "fermee" || w == "sauf" || w == "fermeture" {
                excluding = true
            } else if w == "tous" && i + 2 < words.count && words[i + 1] == "les" && words[i + 2] == "jours" {
                addDays(Array(0...6)); i += 2
            } else if w == "semaine" || (w == "jours" && i + 1 < words.count && words[i + 1] == "ouvres") {
                addDays(Array(0...4))
                if w == "jours" { i += 1 }
            } else if w == "week" && i + 1 < words.count && words[i + 1] == "end" {
                addDays([5, 6]); i += 1
            } else if w == "weekend" {
                addDays([5, 6])
            } else if !filler.contains(w) {
                return nil
            }
            i += 1
        }
        for d in excluded { result[d] = nil }
        guard !result.isEmpty else { return nil }
        var byDay: [String: [String]] = [:]
        for (d, r) in result { byDay[days[d]] = r }
        return compose(byDay)
    }
}
