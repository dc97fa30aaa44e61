import UneFoisCore
/// Where a record came from: the source's name (as in the configuration), the file and the
/// physical line (or feature index for formats without lines).
public struct Provenance: Sendable, Hashable {
    public var source: String
    public var file: String
    /// Physical line in the file (1-based), or the record's position for JSON/XML/GeoPackage.
    public var line: Int
    /// Byte offset of the record in the file, when known.
    public var byteOffset: Int?

    public init(source: String, file: String, line: Int, byteOffset: Int? = nil) {
        self.source = source
        self.file = file
        self.line = line
        self.byteOffset = byteOffset
    }
}
