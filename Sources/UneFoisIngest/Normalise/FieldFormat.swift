import UneFoisCore
import UneFoisModel
import Foundation

/// Why a value could not be read in its declared format.
public struct FormatFailure: Error, Sendable, Equatable {
    public var code: String
    public var message: String
}

/// Value formats a mapping can declare (`"format": "jj/mm/aaaa"`...): dates to ISO `yyyy-mm-dd`,
/// numbers to `.` decimals, yes/no to `oui`/`non`.
public enum FieldFormat {
    /// Converts `value` to the canonical form of `format`, or says why it cannot.
    public static func apply(_ format: String, to value: String) -> Result<String, FormatFailure> {
        switch format {
        case "jj/mm/aaaa", "aaaa-mm-jj", "iso", "excel": return DateText.normalise(value, allowExcelSerial: format == "excel")
        case "nombre", "nombre_virgule": return NumberText.normalise(value)
        case "oui_non":
            switch TextFolding.key(value) {
            case "oui", "o", "yes", "true", "vrai", "1", "x": return .success("oui")
            case "non", "n", "no", "false", "faux", "0": return .success("non")
            default: return .failure(FormatFailure(code: "type-error", message: "« oui » ou « non » attendu."))
            }
        default: return .success(value)
        }
    }
}

/// Dates as French offices write them.
public enum DateText {
    /// Reads `yyyy-mm-dd`, ISO datetimes (date part kept), `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`,
    /// and — when allowed — Excel serial numbers (base 1899-12-30). Checks the calendar.
    public static func normalise(_ text: String, allowExcelSerial: Bool = false) -> Result<String, FormatFailure> {
        if isCalendarISODate(text) { return .success(text) }
        let t = text.trimmingCharacters(in: .whitespaces)
        let b = Array(t.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count else { return nil }
            var v = 0
            for i in r { guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }; v = v * 10 + Int(b[i] - 0x30) }
            return v
        }
        var y: Int?, m: Int?, d: Int?
        if b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b.count == 10 || b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") {
            y = digits(0..<4); m = digits(5..<7); d = digits(8..<10)
        } else if b.count == 10, [UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: ".")].contains(b[2]), b[5] == b[2] {
            d = digits(0..<2); m = digits(3..<5); y = digits(6..<10)
        } else if let serial = Int(t), t.count == 5 {
            if allowExcelSerial, let iso = excelSerial(serial) { return .success(iso) }
            return .failure(FormatFailure(code: "excel-serial-date", message: "nombre \(t) au lieu d'une date : Excel a converti la date en numéro de série (ce serait le \(excelSerial(serial).map(french) ?? "?")). Mettez la colonne au format Date dans le tableur et réexportez, ou déclarez \"format\": \"excel\"."))
        }
        guard let yy = y, let mm = m, let dd = d else {
            return .failure(FormatFailure(code: "type-error", message: "date attendue au format jj/mm/aaaa ou aaaa-mm-jj."))
        }
        guard isValid(year: yy, month: mm, day: dd) else {
            return .failure(FormatFailure(code: "type-error", message: "cette date n'existe pas dans le calendrier."))
        }
        return .success(String(format: "%04d-%02d-%02d", yy, mm, dd))
    }

    /// True for exactly `yyyy-mm-dd` naming a day of the calendar (the common case, read on bytes).
    static func isCalendarISODate(_ text: String) -> Bool {
        guard text.utf8.count == 10 else { return false }
        var t = text
        return t.withUTF8 { b in
            var n = [0, 0, 0]
            var k = 0
            for (i, c) in b.enumerated() {
                if i == 4 || i == 7 {
                    guard c == 0x2D else { return false }
                    k += 1
                } else {
                    guard c >= 0x30 && c <= 0x39 else { return false }
                    n[k] = n[k] * 10 + Int(c - 0x30)
                }
            }
            return isValid(year: n[0], month: n[1], day: n[2])
        }
    }

    static func french(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        return p.count == 3 ? "\(p[2])/\(p[1])/\(p[0])" : iso
    }

    /// True when the date exists in the Gregorian calendar (years 1900–2100).
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard year >= 1900, year <= 2100, month >= 1, month <= 12, day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        switch month {
        case 2: return day <= (leap ? 29 : 28)
        case 4, 6, 9, 11: return day <= 30
        default: return day <= 31
        }
    }

    /// Excel serial day number → ISO date (base 1899-12-30, as Excel's 1900 system in practice).
    public static func excelSerial(_ n: Int) -> String? {
        guard n > 0, n < 2_958_466 else { return nil }
        return CivilDate.iso(CivilDate.days(1899, 12, 30) + n)
    }
}

/// Numbers with French decimal commas, spaces as thousands separators.
public enum NumberText {
    /// Reads `12,5`, `1 234,5`, `12.5` as `12.5`; refuses anything else (and Excel's `6,12E+08`).
    public static func normalise(_ text: String) -> Result<String, FormatFailure> {
        var t = text.replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: "\u{202F}", with: "").replacingOccurrences(of: " ", with: "")
        t = t.replacingOccurrences(of: ",", with: ".")
        guard !t.isEmpty, Double(t) != nil, !t.lowercased().contains("e"), !t.lowercased().contains("n") else {
            return .failure(FormatFailure(code: "type-error", message: "nombre attendu."))
        }
        return .success(t)
    }
}
