// libFuzzer target: a whole .xlsx file (zip container, workbook, rels, shared strings, styles,
// sheet) through XLSXReader.read. Operational errors are expected; crashes, traps, leaks and
// timeouts are findings. See Fuzz/README.md.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    _ = try? XLSXReader.read(bytes: bytes, source: "fuzz", file: "fuzz.xlsx", options: CSVReadOptions())
    return 0
}
