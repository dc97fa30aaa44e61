/// How a CSV file is written: encoding and separator, detected or declared.
public struct CSVDialect: Sendable, Equatable {
    public var encoding: TextEncoding
    public var separator: UInt8
    /// True when the separator was detected rather than declared (said in the run report).
    public var separatorDetected: Bool
    public var encodingDetected: Bool

    public init(encoding: TextEncoding, separator: UInt8, separatorDetected: Bool = false, encodingDetected: Bool = false) {
        self.encoding = encoding
        self.separator = separator
        self.separatorDetected = separatorDetected
        self.encodingDetected = encodingDetected
    }

    /// French name of the separator for messages and reports.
    public var separatorLabel: String {
        switch separator {
        case UInt8(ascii: ";"): return "point-virgule (;)"
        case UInt8(ascii: ","): return "virgule (,)"
        case 0x09: return "tabulation"
        case UInt8(ascii: "|"): return "barre verticale (|)"
        default: return "« \(Character(Unicode.Scalar(separator))) »"
        }
    }

    /// Candidates tried by ``sniffSeparator(_:start:)``, in order of preference on ties.
    public static let candidateSeparators: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), 0x09, UInt8(ascii: "|")]

    /// Parses a declared separator: `;`, `,`, `|`, `tab` / `\t`.
    public static func separator(declared: String) -> UInt8? {
        switch declared {
        case ";", ",", "|": return declared.utf8.first
        case "\t", "tab", "tabulation", "\\t": return 0x09
        default: return nil
        }
    }

    /// Trial-parses the first 64 KiB with each candidate separator and keeps the one giving the
    /// most consistent field count above 1. A one-column file gives `;`-less output: `,` is used.
    public static func sniffSeparator(_ bytes: UnsafeRawBufferPointer, start: Int = 0) -> UInt8 {
        let sample = UnsafeRawBufferPointer(rebasing: bytes[start..<min(bytes.count, start + 65_536)])
        var best: (sep: UInt8, score: Double) = (UInt8(ascii: ","), 0)
        for sep in candidateSeparators {
            var scanner = CSVScanner(bytes: sample, separator: sep)
            var record = CSVRecord()
            var counts: [Int: Int] = [:]
            var rows = 0
            var firstCount = 0
            while rows < 200, scanner.next(into: &record) {
                if record.isBlank && record.fields.count <= 1 { continue }
                if rows == 0 { firstCount = record.fields.count }
                counts[record.fields.count, default: 0] += 1
                rows += 1
            }
            guard rows > 0, firstCount > 1 else { continue }
            // Share of rows with the header's field count, weighted by the number of columns.
            let consistent = Double(counts[firstCount] ?? 0) / Double(rows)
            let score = consistent * 1000 + Double(min(firstCount, 999))
            if score > best.score { best = (sep, score) }
        }
        return best.sep
    }
}
