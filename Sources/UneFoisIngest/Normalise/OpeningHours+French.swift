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
    public static func fromFrenchText(_ text: String) -> String? {
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
