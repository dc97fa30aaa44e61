/// Proleptic Gregorian dates as day counts since 1970-01-01 (Howard Hinnant's algorithms), the
/// one place date arithmetic is done (Excel serial numbers, freshness of a record).
/// See https://howardhinnant.github.io/date_algorithms.html.
public enum CivilDate {
    /// Days since 1970-01-01 of year `y`, month `m` (1-12), day `d`.
    public static func days(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date (year, month, day) of a day count since 1970-01-01.
    public static func date(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Days since 1970-01-01 of an ISO `yyyy-mm-dd` date; nil when it is not one.
    public static func days(iso: String) -> Int? {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return nil }
        return days(p[0], p[1], p[2])
    }

    /// The ISO `yyyy-mm-dd` text of a day count.
    public static func iso(_ days: Int) -> String {
        let (y, m, d) = date(days)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// True when `text` is exactly an existing `yyyy-mm-dd` date (calendar checked).
    public static func isISODate(_ text: String) -> Bool {
        guard text.utf8.count == 10, let d = days(iso: text) else { return false }
        return iso(d) == text
    }
}
