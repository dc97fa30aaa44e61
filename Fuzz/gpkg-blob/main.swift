// libFuzzer target: a GeoPackage geometry blob (GeoPackageBinary header + WKB) through
// GeoPackageReader.decodeGeometry. See Fuzz/README.md.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = GeoPackageReader.decodeGeometry(bytes: UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
