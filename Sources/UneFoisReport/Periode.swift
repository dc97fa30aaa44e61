import Foundation
import UneFoisCore
import UneFoisModel

/// The period a report covers: two ISO dates, both included.
///
/// `--du`/`--au` give it, `--annee AAAA` is the calendar year, and by default it is the last
/// twelve full months of the data (a month is full when the data reaches its last day).
public struct Periode: Sendable, Equatable {
    /// First day, `aaaa-mm-jj`.
    public var du: String
    /// Last day, `aaaa-mm-jj`.
    public var au: String

    public init(du: String, au: String) {
        self.du = du
        self.au = au
    }

    /// The calendar year `annee`.
    public static func annee(_ annee: Int) -> Periode {
        Periode(du: String(format4(annee)) + "-01-01", au: String(format4(annee)) + "-12-31")
    }

    /// The last twelve full months ending at or before `derniereDate` (`aaaa-mm-jj`).
    public static func douzeDerniersMois(derniereDate d: String) -> Periode? {
        guard let (y, m, day) = parse(d) else { return nil }
        var ey = y, em = m
        if day < daysIn(y, m) { em -= 1; if em == 0 { em = 12; ey -= 1 } }
        var sy = ey, sm = em - 11
        if sm <= 0 { sm += 12; sy -= 1 }
        return Periode(du: "\(format4(sy))-\(two(sm))-01", au: "\(format4(ey))-\(two(em))-\(two(daysIn(ey, em)))")
    }

    /// Checks the dates and their order; a French message otherwise.
    public func valider() -> String? {
        guard Periode.parse(du) != nil else { return "date de début « \(du) » invalide : écrivez-la aaaa-mm-jj, par exemple 2025-01-01." }
        guard Periode.parse(au) != nil else { return "date de fin « \(au) » invalide : écrivez-la aaaa-mm-jj, par exemple 2025-12-31." }
        guard du <= au else { return "la période commence (\(du)) après sa fin (\(au))." }
        return nil
    }

    /// Whether an ISO date (or a longer timestamp) falls in the period.
    public func contient(_ date: String) -> Bool {
        let d = date.prefix(10)
        return d >= du[...] && d <= au[...]
    }

    /// The same period one year earlier.
    public var anneePrecedente: Periode {
        func back(_ s: String, fin: Bool) -> String {
            guard let (y, m, d) = Periode.parse(s) else { return s }
            let day = fin && d == Periode.daysIn(y, m) ? Periode.daysIn(y - 1, m) : min(d, Periode.daysIn(y - 1, m))
            return "\(Periode.format4(y - 1))-\(Periode.two(m))-\(Periode.two(day))"
        }
        return Periode(du: back(du, fin: false), au: back(au, fin: true))
    }

    /// The months of the period, `aaaa-mm`, in order.
    public var mois: [String] {
        guard let (y0, m0, _) = Periode.parse(du), let (y1, m1, _) = Periode.parse(au) else { return [] }
        var out: [String] = []
        var y = y0, m = m0
        while (y, m) <= (y1, m1) && out.count < 1200 {
            out.append("\(Periode.format4(y))-\(Periode.two(m))")
            m += 1; if m == 13 { m = 1; y += 1 }
        }
        return out
    }

    /// The calendar year when the period is exactly one, else nil.
    public var anneeCivile: Int? {
        guard let (y, m, d) = Periode.parse(du), m == 1, d == 1, au == "\(Periode.format4(y))-12-31" else { return nil }
        return y
    }

    /// « année 2025 » or « du 1er mars 2024 au 28 février 2025 ».
    public var libelle: String {
        if let y = anneeCivile { return "année \(y)" }
        return "du \(Francais.date(du)) au \(Francais.date(au))"
    }

    /// « 2025-01-01/2025-12-31 » (ISO 8601 interval), for files.
    public var iso: String { du + "/" + au }

    static func parse(_ s: String) -> (Int, Int, Int)? {
        let p = s.prefix(10).split(separator: "-")
        guard s.count >= 10, p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]),
              (1...12).contains(m), d >= 1, d <= daysIn(y, m) else { return nil }
        return (y, m, d)
    }

    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    static func format4(_ v: Int) -> String { v < 1000 ? String(repeating: "0", count: 4 - String(v).count) + String(v) : String(v) }
}

/// French renderings of numbers, dates and months.
public enum Francais {
    static let moisNoms = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    static let moisCourts = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]

    /// An integer with a narrow no-break space as thousands separator: `12 345`.
    public static func n(_ v: Int) -> String {
        let s = String(v.magnitude)
        var out = ""
        for (i, ch) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.insert("\u{202F}", at: out.startIndex) }
            out.insert(ch, at: out.startIndex)
        }
        return v < 0 ? "−" + out : out
    }

    /// A number with at most `decimales` decimals, comma as separator: `12,5`.
    public static func decimal(_ d: Double, decimales: Int = 1) -> String {
        var p = 1.0
        for _ in 0..<decimales { p *= 10 }
        let r = (d * p).rounded() / p
        let whole = Int(r.rounded(.towardZero))
        var frac = Int(((abs(r) - Double(abs(whole))) * p).rounded())
        var s = n(whole)
        if r < 0 && whole == 0 { s = "−0" }
        guard frac > 0 else { return s }
        var digits = String(frac)
        digits = String(repeating: "0", count: max(0, decimales - digits.count)) + digits
        while digits.hasSuffix("0") { digits.removeLast(); frac /= 10 }
        return s + "," + digits
    }

    /// A share as a French percentage: `42 %`.
    public static func pourcent(_ part: Int, _ total: Int) -> String {
        total == 0 ? "—" : "\(Int((Double(part) * 100 / Double(total)).rounded()))\u{A0}%"
    }

    /// « 1er mars 2025 » from `2025-03-01`.
    public static func date(_ iso: String) -> String {
        guard let (y, m, d) = Periode.parse(iso) else { return iso }
        return (d == 1 ? "1er" : String(d)) + " " + moisNoms[m - 1] + " " + String(y)
    }

    /// « 12 mars » (no year).
    public static func dateCourte(_ iso: String) -> String {
        guard let (_, m, d) = Periode.parse(iso) else { return iso }
        return (d == 1 ? "1er" : String(d)) + " " + moisNoms[m - 1]
    }

    /// « janvier 2025 » from `2025-01`.
    public static func mois(_ ym: String) -> String {
        let p = ym.split(separator: "-")
        guard p.count == 2, let m = Int(p[1]), (1...12).contains(m) else { return ym }
        return moisNoms[m - 1] + " " + p[0]
    }

    /// « janv. » from `2025-01`.
    public static func moisCourt(_ ym: String) -> String {
        let p = ym.split(separator: "-")
        guard p.count == 2, let m = Int(p[1]), (1...12).contains(m) else { return ym }
        return moisCourts[m - 1]
    }

    /// « 1er trimestre 2025 » from `2025-02-14`.
    public static func trimestre(_ iso: String) -> String {
        guard let (y, m, _) = Periode.parse(iso) else { return iso }
        let q = (m - 1) / 3 + 1
        return (q == 1 ? "1er" : "\(q)e") + " trimestre \(y)"
    }

    /// Hours from minutes: `12,5 h`.
    public static func heures(minutes: Int) -> String { decimal(Double(minutes) / 60) + "\u{A0}h" }
}
