/// Writes RFC 4180 CSV into a byte buffer: `,` separator, `\n` line ends, quotes only where
/// needed. Deterministic.
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Appends one record; cells holding `,` `"` or a line end, or starting/ending with a space, are quoted.
    public mutating func row(_ cells: [String]) {
        for (i, c) in cells.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            var needsQuotes = false
            for b in c.utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { needsQuotes = true; break }
            if c.first == " " || c.last == " " { needsQuotes = true }
            if needsQuotes {
                bytes.append(0x22)
                for b in c.utf8 {
                    if b == 0x22 { bytes.append(0x22) }
                    bytes.append(b)
                }
                bytes.append(0x22)
            } else {
                bytes.append(contentsOf: c.utf8)
            }
        }
        bytes.append(0x0A)
    }
}
