// libFuzzer target: the input is a worksheet XML part (no zip, so mutations are not stopped by
// the CRC check), read with a few shared strings and a date style. See Fuzz/README.md.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let xml = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? XLSXReader.readSheet(xml, part: "xl/worksheets/sheet1.xml", sheetName: "Feuil1",
                                  shared: ["nom", "date", "Médiathèque"], styles: [nil, .date, .dateTime, .time],
                                  date1904: false, source: "fuzz", file: "fuzz.xlsx", options: CSVReadOptions())
    return 0
}
