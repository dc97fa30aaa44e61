import Foundation

/// OpenStreetMap opening hours (`Mo,Tu 08:30-12:00; We 14:00-17:00`) said in plain French
/// (« lundi et mardi de 8 h 30 à 12 h ; mercredi de 14 h à 17 h »), for people, never for
/// machines. Days with the same hours are grouped, three or more in a row as a range
/// (« du lundi au vendredi »). Returns nil when a part is not understood: the caller then shows
/// the text as it is.
public enum HorairesFrancais {
    static let jours = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    static let noms = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    public static func texte(_ osm: String) -> String? {
        var semaine = Array(repeating: [String](), count: 7)
        var remarques: [String] = []
        for rule0 in osm.split(separator: ";") {
            var rule = rule0.trimmingCharacters(in: .whitespaces)
            if rule.isEmpty { continue }
            if let q = rule.firstIndex(of: "\"") {
                let comment = rule[q...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
                if !comment.isEmpty { remarques.append(comment) }
                rule = rule[..<q].trimmingCharacters(in: .whitespaces)
                if rule.isEmpty { continue }
            }
            if rule == "PH off" { remarques.append("fermé les jours fériés"); continue }
            let parts = rule.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, let days = jours(parts[0]) else { return nil }
            if parts[1] == "off" || parts[1] == "closed" {
                for d in days { semaine[d] = [] }
                continue
            }
            var plages: [String] = []
            for r in parts[1].split(separator: ",") {
                let t = r.split(separator: "-")
                guard t.count == 2, let a = heure(String(t[0])), let b = heure(String(t[1])) else { return nil }
                plages.append("de \(a) à \(b)")
            }
            for d in days { semaine[d] = plages }
        }
        var groupes: [(jours: [Int], plages: [String])] = []
        for d in 0..<7 where !semaine[d].isEmpty {
            if let k = groupes.firstIndex(where: { $0.plages == semaine[d] }) { groupes[k].jours.append(d) } else { groupes.append(([d], semaine[d])) }
        }
        var phrases = groupes.map { g in joursTexte(g.jours) + " " + listeFrancaise(g.plages) }
        if phrases.isEmpty && remarques.isEmpty { return nil }
        phrases += remarques
        return phrases.joined(separator: " ; ")
    }

    static func jours(_ s: String) -> [Int]? {
        var out: [Int] = []
        for part in s.split(separator: ",") {
            let r = part.split(separator: "-").map(String.init)
            guard let a = jours.firstIndex(of: r[0]) else { return nil }
            if r.count == 2 {
                guard let b = jours.firstIndex(of: r[1]), b >= a else { return nil }
                out += Array(a...b)
            } else if r.count == 1 {
                out.append(a)
            } else { return nil }
        }
        return out
    }

    static func heure(_ s: String) -> String? {
        let p = s.split(separator: ":")
        guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h), (0..<60).contains(m) else { return nil }
        return m == 0 ? "\(h)\u{A0}h" : "\(h)\u{A0}h\u{A0}\(m < 10 ? "0" : "")\(m)"
    }

    /// « lundi », « lundi et mardi », « lundi, mercredi et vendredi », « du lundi au vendredi ».
    static func joursTexte(_ d: [Int]) -> String {
        let s = d.sorted()
        if s.count >= 3 && s.last! - s.first! == s.count - 1 { return "du \(noms[s.first!]) au \(noms[s.last!])" }
        return listeFrancaise(s.map { noms[$0] })
    }

    static func listeFrancaise(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " et " + items.last!
    }
}
