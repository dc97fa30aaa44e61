/// Writes RFC 4180 CSV into a byte buffer: `,` separator, `\n` line ends, quotes only where
/// needed. Deterministic.
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []
    /// For files people open in a spreadsheet (`rejets.csv`, `correspondances.csv`): a cell that
    /// starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` so it is never
    /// run as a formula. Never used for the open-data file, which must not be altered.
    public var protectFormulas = false
    /// Cell separator (`,` by default; `;` for files French spreadsheets open directly).
    public var separator: UInt8 = 0x2C

    /// Quote every cell (the office copy, as OWASP advises against formula injection).
    public var quoteAll = false

    public init(protectFormulas: Bool = false, separator: UInt8 = 0x2C) {
        self.protectFormulas = protectFormulas
        self.separator = separator
    }

    /// Appends one record; cells holding `,` `"` or a line end, or starting/ending with a space, are quoted.
    public mutating func row(_ cells: [String]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { bytes.append(separator) }
            var c = cell
            if protectFormulas, let first = c.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first) {
                c = "'" + c
            }
            var needsQuotes = quoteAll
            for b in c.utf8 where b == separator || b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { needsQuotes = true; break }
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
