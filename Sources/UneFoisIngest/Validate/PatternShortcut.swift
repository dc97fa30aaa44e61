/// A byte-level check that accepts, without running the regular expression, the values of the
/// standard's patterns in their common form. It only ever says « matches »: when it cannot
/// tell, the compiled `NSRegularExpression` decides, so the result is exactly the regex's.
///
/// Recognised pattern shapes (those of the standard's schema.json, v0.1 and v1):
/// - a list of allowed labels joined by `|`: `(?:(?:^|\|)(A|B|C))+$`;
/// - `^\d{N}$` (postal code), `^[a-zA-Z0-9]{M,N}$` (SIRET/RNA pivot);
/// - the INSEE code `^([013-9]\d|2[AB1-9])\d{3}$`;
/// - a telephone: one of several `\+NNN` prefixes then `(\d){M,N}`.
struct PatternShortcut: Sendable {
    enum Shape: Sendable {
        /// The allowed labels (a dozen at most: compared in turn, without building an array
        /// per item to look it up).
        case labels([[UInt8]])
        case digits(Int)
        case alphanumeric(min: Int, max: Int)
        case insee
        case prefixedDigits(prefixes: [[UInt8]], min: Int, max: Int)
    }

    let shape: Shape

    init?(pattern p: String) {
        if let s = PatternShortcut.labels(p) { shape = s; return }
        switch p {
        case #"^\d{5}$"#: shape = .digits(5)
        case #"^[a-zA-Z0-9]{9,14}$"#: shape = .alphanumeric(min: 9, max: 14)
        case #"^([013-9]\d|2[AB1-9])\d{3}$"#: shape = .insee
        default:
            guard let s = PatternShortcut.telephone(p) else { return nil }
            shape = s
        }
    }

    /// True when `value` certainly matches the (anchored) pattern; false means « ask the regex ».
    func accepts(_ value: String) -> Bool {
        var v = value
        return v.withUTF8 { b in
            let digit = FieldNormalisers.isDigit
            switch shape {
            case .digits(let n):
                return b.count == n && b.allSatisfy(digit)
            case .alphanumeric(let lo, let hi):
                return b.count >= lo && b.count <= hi && b.allSatisfy { digit($0) || FieldNormalisers.isASCIILetter($0) }
            case .insee:
                guard b.count == 5, b[2...].allSatisfy(digit) else { return false }
                if b[0] == 0x32 { return b[1] == 0x41 || b[1] == 0x42 || (b[1] >= 0x31 && b[1] <= 0x39) }
                return digit(b[0]) && b[0] != 0x32 && digit(b[1])
            case .prefixedDigits(let prefixes, let lo, let hi):
                for p in prefixes where b.count >= p.count && b.starts(with: p) {
                    let n = b.count - p.count
                    if n >= lo && n <= hi && b[p.count...].allSatisfy(digit) { return true }
                }
                return false
            case .labels(let allowed):
                guard !b.isEmpty else { return false }
                var start = 0
                for i in 0...b.count where i == b.count || b[i] == 0x7C {
                    let item = b[start..<i]
                    if !allowed.contains(where: { $0.count == item.count && $0.elementsEqual(item) }) { return false }
                    start = i + 1
                }
                return true
            }
        }
    }

    /// `(?:(?:^|\|)(A|B|C))+$` with literal labels (only `\(`, `\)`, `\.`, `\/`, `\-` escaped; a
    /// bare `.` read as a dot).
    static func labels(_ p: String) -> Shape? {
        let head = #"(?:(?:^|\|)("#, tail = "))+$"
        guard p.hasPrefix(head), p.hasSuffix(tail) else { return nil }
        let body = Array(p.utf8.dropFirst(head.utf8.count).dropLast(tail.utf8.count))
        var labels = Set<[UInt8]>(), current: [UInt8] = []
        var i = 0
        while i < body.count {
            let c = body[i]
            if c == 0x5C {  // backslash: only literal punctuation may be escaped
                guard i + 1 < body.count, "().-/".utf8.contains(body[i + 1]) else { return nil }
                current.append(body[i + 1])
                i += 2
                continue
            }
            if c == 0x7C { labels.insert(current); current = []; i += 1; continue }
            // An unescaped `.` matches any character, the literal dot included: reading it as a
            // literal accepts a subset of what the regex accepts (« ORDI 3.0 »).
            if "[](){}*+?^$".utf8.contains(c) { return nil }
            current.append(c)
            i += 1
        }
        labels.insert(current)
        return labels.contains([]) ? nil : .labels(labels.sorted { $0.lexicographicallyPrecedes($1) })
    }

    /// `^(\+33|\+590|...)(\d){6,9}$`.
    static func telephone(_ p: String) -> Shape? {
        let head = #"^("#, mid = #")(\d){"#, tail = "}$"
        guard p.hasPrefix(head), p.hasSuffix(tail), let m = p.range(of: mid) else { return nil }
        let alternatives = p[p.index(p.startIndex, offsetBy: head.count)..<m.lowerBound].split(separator: "|", omittingEmptySubsequences: false)
        var prefixes: [[UInt8]] = []
        for a in alternatives {
            guard a.hasPrefix(#"\+"#), a.count > 2, a.dropFirst(2).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            prefixes.append(Array(("+" + a.dropFirst(2)).utf8))
        }
        let bounds = p[m.upperBound..<p.index(p.endIndex, offsetBy: -tail.count)].split(separator: ",")
        guard bounds.count == 2, let lo = Int(bounds[0]), let hi = Int(bounds[1]), lo <= hi, !prefixes.isEmpty else { return nil }
        return .prefixedDigits(prefixes: prefixes, min: lo, max: hi)
    }
}
