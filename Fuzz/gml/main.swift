// libFuzzer target: the hardened XML stream reader under the WFS GML reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if let table = try? GMLReader.read(bytes: bytes, source: "fuzz", file: "fuzz.gml") {
        for r in table.records { precondition(r.values.count == table.columns.count, "record width differs from columns") }
    }
    return 0
}
