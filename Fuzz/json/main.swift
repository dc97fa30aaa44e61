// libFuzzer target: the strict JSON parser, JSON Lines, and the record reader (wrappers,
// flattening, pagination).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if let v = try? JSONParser.parse(bytes) {
        // Round trip through the writer: what we parse we can write and parse again.
        var out = JSONWriter.document(v, pretty: false)
        let again = out.withUnsafeMutableBytes { try? JSONParser.parse(UnsafeRawBufferPointer($0)) }
        precondition(again != nil, "JSONWriter output does not parse")
    }
    _ = JSONParser.parseLines(bytes)
    if let table = try? JSONRecordReader.read(bytes: bytes, source: "fuzz", file: "fuzz.json") {
        for r in table.records { precondition(r.values.count == table.columns.count, "record width differs from columns") }
    }
    return 0
}
