import XCTest
@testable import UneFoisCore

/// The word-at-a-time search and the writers built on it give the bytes of the plain byte-by-byte
/// loops they replaced, on strings made to trip them.
final class ByteFinderTests: XCTestCase {
    /// Strings with every kind of byte at every position of an eight-byte word, and runs longer
    /// than a word.
    static let tricky: [String] = {
        var out = ["", "a", "\"", "\\", "\n", "\r\n", "\t", "\u{01}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "é", "日本", "🙂",
                   "a\"b\\c\nd\te\r\u{01}é/", "12345678\"", "1234567\"8", "\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}",
                   " espace", "fin ", "a,b", "a;b", "=1+2", "-x", "@x", "\tx", "\rx", "x\u{2028}y\u{0B}z", String(repeating: "ab\"", count: 20)]
        let specials: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", " ", ",", ";", "é", "\u{2028}", "\u{7F}", "!", "#"]
        for c in specials {
            for i in 0..<18 {
                var s = String(repeating: "x", count: 18)
                s.insert(c, at: s.index(s.startIndex, offsetBy: i))
                out.append(s)
                out.append(s + s)
            }
        }
        return out
    }()

    func testFindsTheFirstByteOfTheSet() {
        let finders: [(ByteFinder, (UInt8) -> Bool)] = [
            (ByteFinder([0x22, 0x5C], below: 0x20), { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }),
            (ByteFinder([0x3B, 0x2C, 0x22, 0x0A, 0x0D]), { [0x3B, 0x2C, 0x22, 0x0A, 0x0D].contains($0) }),
            (ByteFinder([0x22]), { $0 == 0x22 }),
            (ByteFinder([0xA8], below: 0x80), { $0 == 0xA8 || $0 < 0x80 }),
        ]
        for s in Self.tricky {
            Array(s.utf8).withUnsafeBufferPointer { b in
                for (finder, test) in finders {
                    for from in 0...b.count {
                        let expected = b[from...].firstIndex(where: test) ?? b.count
                        XCTAssertEqual(finder.firstIndex(in: b, from: from), expected, "\(s.debugDescription) from \(from)")
                    }
                }
            }
        }
        XCTAssertEqual(ByteFinder([0x22]).firstIndex(in: UnsafeBufferPointer(start: nil, count: 0)), 0)
        // Hits before `from` are not seen, even in the buffer's last word.
        Array("\"\"\"\"\"\"\"\"\"\"ab".utf8).withUnsafeBufferPointer { b in
            for from in 0...b.count { XCTAssertEqual(ByteFinder([0x22]).firstIndex(in: b, from: from), from < 10 ? from : b.count) }
        }
    }

    /// The escaping of JSON strings before the bulk copy: byte by byte.
    static func oldJSONString(_ s: String) -> [UInt8] {
        var bytes: [UInt8] = [0x22]
        for b in s.utf8 {
            switch b {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = String(b, radix: 16)
                bytes += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: bytes.append(b)
            }
        }
        return bytes + [0x22]
    }

    func testJSONStringsAsBefore() {
        for s in Self.tricky {
            XCTAssertEqual(JSONWriter.document(.string(s), pretty: false), Self.oldJSONString(s) + [0x0A], s.debugDescription)
            var w = JSONWriter()
            var bytes = Array(s.utf8)
            bytes.withUnsafeBufferPointer { w.string(utf8: $0) }
            XCTAssertEqual(w.bytes, Self.oldJSONString(s), s.debugDescription)
        }
    }

    /// A CSV cell before the bulk copy: quoted when it holds the separator, `,`, `"` or a line
    /// end, or has a space character at an end; quotes doubled byte by byte.
    static func oldCSVCell(_ cell: String, separator: UInt8, quoteAll: Bool, protectFormulas: Bool) -> [UInt8] {
        let utf8 = Array(cell.utf8)
        let formula = protectFormulas && utf8.first.map { "=+-@\t\r".utf8.contains($0) } == true
        var needsQuotes = quoteAll || utf8.contains { $0 == separator || $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        if !needsQuotes, utf8.first == 0x20 || utf8.last == 0x20 {
            let c = formula ? "'" + cell : cell
            needsQuotes = c.first == " " || c.last == " "
        }
        var bytes: [UInt8] = []
        if needsQuotes { bytes.append(0x22) }
        if formula { bytes.append(UInt8(ascii: "'")) }
        for b in utf8 {
            if needsQuotes && b == 0x22 { bytes.append(0x22) }
            bytes.append(b)
        }
        if needsQuotes { bytes.append(0x22) }
        return bytes
    }

    func testCSVCellsAsBefore() {
        for (separator, quoteAll, protectFormulas) in [(UInt8(ascii: ","), false, false), (UInt8(ascii: ";"), true, true), (UInt8(ascii: ";"), false, true)] {
            for s in Self.tricky {
                var w = CSVWriter(protectFormulas: protectFormulas, separator: separator)
                w.quoteAll = quoteAll
                w.row([s])
                XCTAssertEqual(w.bytes, Self.oldCSVCell(s, separator: separator, quoteAll: quoteAll, protectFormulas: protectFormulas) + [0x0A],
                               "\(s.debugDescription) separator \(separator) quoteAll \(quoteAll)")
            }
        }
        var w = CSVWriter()
        w.separator = UInt8(ascii: ";")
        w.row(["a;b", "c,d"])
        XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), "\"a;b\";\"c,d\"\n", "a separator set after init quotes its cells")
    }

    func testDeepIndentationAsBefore() {
        // Deeper than the indentation buffer (32 levels): spaces written one level at a time.
        var v = JSONValue.string("x")
        for _ in 0..<40 { v = .array([v]) }
        let text = String(decoding: JSONWriter.document(v), as: UTF8.self)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 81)
        for (i, line) in lines.enumerated() {
            let depth = i <= 40 ? i : 80 - i
            XCTAssertEqual(line.prefix { $0 == " " }.count, 2 * depth, "line \(i)")
        }
    }
}
