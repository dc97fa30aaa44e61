// libFuzzer target: the CSV scanner with every candidate separator, then the table reader
// (encoding detection, UTF-16 transcoding, separator sniffing, header and row issues).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    for sep in CSVDialect.candidateSeparators {
        var scanner = CSVScanner(bytes: bytes, separator: sep)
        var record = CSVRecord()
        var guardCount = 0
        while scanner.next(into: &record) {
            for f in record.fields { _ = scanner.string(f, encoding: .windows1252) }
            guardCount += 1
            precondition(guardCount <= size + 1, "scanner does not advance")
        }
    }
    // Declared header row taken from the first byte, so title-line handling is exercised too.
    let header: Int? = size > 0 && data[0] < 8 ? Int(data[0]) : nil
    for encoding in [nil, TextEncoding.utf8, .utf16LE] {
        let options = CSVReadOptions(encoding: encoding, separator: nil, headerRecord: header)
        if let table = try? CSVTableReader.read(bytes: bytes, options: options, source: "fuzz", file: "fuzz.csv") {
            for r in table.records { precondition(r.values.count == table.columns.count, "record width differs from header") }
        }
    }
    return 0
}
