// libFuzzer target: the GeoJSON reader (crs member, features, first position of geometries).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if let table = try? GeoJSONReader.read(bytes: bytes, source: "fuzz", file: "fuzz.geojson") {
        for r in table.records { precondition(r.values.count == table.columns.count, "record width differs from columns") }
    }
    return 0
}
