import UneFoisCore
import UneFoisModel

extension Publisher {
    /// `lieux-bureautique.csv`: the published places for officials who open files in a
    /// spreadsheet (Excel or LibreOffice in French): UTF-8 with a byte order mark, `;` separator,
    /// every cell quoted, and a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
    /// prefixed with `'` so it is never run as a formula (OWASP « CSV Injection »). Same columns
    /// and rows as `lieux.csv`, which itself is never altered.
    public func lieuxBureautiqueCSV() -> [UInt8] {
        Publisher.collect { try lieuxBureautiqueCSV(emit: $0) }
    }

    /// ``lieuxBureautiqueCSV()`` written in chunks to `emit` (never whole in memory).
    public func lieuxBureautiqueCSV(emit: ([UInt8]) throws -> Void) rethrows {
        try emit([0xEF, 0xBB, 0xBF])
        var w = CSVWriter(protectFormulas: true, separator: UInt8(ascii: ";"))
        w.quoteAll = true
        try standardRows(&w, emit: emit)
    }
}
