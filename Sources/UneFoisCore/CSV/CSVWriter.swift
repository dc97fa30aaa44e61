/// Writes RFC 4180 CSV into a byte buffer: `,` separator, `\n` line ends, quotes only where
/// needed. Deterministic.
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []
    /// For files people open in a spreadsheet (`rejets.csv`, `correspondances.csv`): a cell that
    /// starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` so it is never
    /// run as a formula. Never used for the open-data file, which must not be altered.
    public var protectFormulas = false
    /// Cell separator (`,` by default; `;` for files French spreadsheets open directly).
    public var separator: UInt8 = 0x2C {
        didSet { quoted = CSVWriter.quotedBytes(separator: separator) }
    }
    /// The bytes that make a cell quoted (see ``row(_:)``).
    private var quoted: ByteFinder

    /// Quote every cell (the office copy, as OWASP advises against formula injection).
    public var quoteAll = false

    /// True until the first cell of the current record.
    private var atRecordStart = true

    public init(protectFormulas: Bool = false, separator: UInt8 = 0x2C) {
        self.protectFormulas = protectFormulas
        self.separator = separator
        quoted = CSVWriter.quotedBytes(separator: separator)
    }

    /// The separator, `,`, `"`, LF and CR.
    private static func quotedBytes(separator: UInt8) -> ByteFinder {
        ByteFinder([separator, 0x2C, 0x22, 0x0A, 0x0D])
    }

    /// `"`, doubled inside a quoted cell.
    private static let quote = ByteFinder([0x22])

    /// Appends one record; cells holding `,` `"` or a line end, or starting/ending with a space, are quoted.
    public mutating func row(_ cells: [String]) {
        for cell in cells { self.cell(cell) }
        endRow()
    }

    /// Appends one cell to the current record (see ``row(_:)``), straight from the string's
    /// UTF-8 bytes.
    public mutating func cell(_ text: String) {
        // Native strings are contiguous: read in place, no copy of the string (nor retain).
        if text.utf8.withContiguousStorageIfAvailable({ cell(utf8: $0) }) == nil {
            var contiguous = text
            contiguous.withUTF8 { cell(utf8: $0) }
        }
    }

    /// Appends one cell given as UTF-8 bytes (see ``row(_:)``).
    public mutating func cell(utf8: UnsafeBufferPointer<UInt8>) {
        if !atRecordStart { bytes.append(separator) }
        atRecordStart = false
        append(utf8)
    }

    /// Ends the current record.
    public mutating func endRow() {
        bytes.append(0x0A)
        atRecordStart = true
    }

    /// Empties the buffer (its bytes were written out), keeping its capacity and settings.
    public mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        let formula = protectFormulas && utf8.first.map(CSVWriter.startsFormula) == true
        var needsQuotes = quoteAll || quoted.firstIndex(in: utf8) < utf8.count
        // A space byte at either end is a space character unless it joins a neighbour in one
        // grapheme (rare): the character test settles it then.
        if !needsQuotes, utf8.first == 0x20 || utf8.last == 0x20 {
            let cell = String(decoding: utf8, as: UTF8.self)
            let c = formula ? "'" + cell : cell
            needsQuotes = c.first == " " || c.last == " "
        }
        if needsQuotes { bytes.append(0x22) }
        if formula { bytes.append(UInt8(ascii: "'")) }
        if needsQuotes {
            // Runs between quotes copied in one go, each quote doubled.
            var start = 0
            while true {
                let q = CSVWriter.quote.firstIndex(in: utf8, from: start)
                if q == utf8.count { break }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...q]))
                bytes.append(0x22)
                start = q + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        } else {
            bytes.append(contentsOf: utf8)
        }
        if needsQuotes { bytes.append(0x22) }
    }

    /// `=`, `+`, `-`, `@`, tab, carriage return: a spreadsheet may run the cell as a formula.
    private static func startsFormula(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@") || b == 0x09 || b == 0x0D
    }
}
