import UneFoisCore

/// What a file is, told from its first bytes (its « magic number »), so that a workbook, a
/// GeoPackage or a binary file is never read as text and a user is told what it really is.
public enum FileKind: Equatable, Sendable {
    /// A zip archive: an Excel `.xlsx` workbook (or an OpenDocument file).
    case zip
    /// An SQLite database (a GeoPackage).
    case sqlite
    /// An OLE2 compound file: an Excel 97-2003 `.xls` workbook, or an `.xlsx` encrypted with a
    /// password (Excel stores those as OLE2 too).
    case ole2
    /// Bytes that are not text (more than 5 % NUL bytes outside UTF-16, PDF, images, gzip…).
    case binary
    /// Text (CSV, JSON, XML…).
    case text

    /// Tells the kind from the first 8 KiB.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> FileKind {
        func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && magic.indices.allSatisfy { bytes[$0] == magic[$0] } }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return .zip }
        if starts(Array("SQLite format 3".utf8) + [0]) { return .sqlite }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole2 }
        if CSVSniffer.isUTF16LE(bytes) { return .text }
        let head = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, 8192)])
        // A stray NUL in a text export stays text (removed later, with an issue); many NULs, or
        // a known binary signature (PDF, PNG, JPEG, gzip), do not.
        let nuls = head.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        if nuls * 20 > head.count || starts(Array("%PDF".utf8)) || starts([0x89, 0x50, 0x4E, 0x47]) || starts([0xFF, 0xD8, 0xFF]) || starts([0x1F, 0x8B]) { return .binary }
        return .text
    }

    /// The refusal of a file that cannot be a source of the kind asked for (`xlsx-ole2`,
    /// `binary-file`), with what to do; nil for text, zip and SQLite files.
    public static func refusal(_ bytes: UnsafeRawBufferPointer, file: String) -> OperationalError? {
        switch of(bytes) {
        case .ole2:
            return OperationalError(.dataUnusable, code: "xlsx-ole2", "\(file) est un classeur Excel 97-2003 (.xls) ou un classeur protégé par un mot de passe, que unefois ne lit pas (xlsx-ole2).",
                                    remedy: "ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx sans mot de passe (ou en CSV UTF-8).")
        case .binary:
            return OperationalError(.dataUnusable, code: "binary-file", "\(file) n'est pas un fichier texte (octets binaires dès le début : PDF, image, fichier compressé ?) (binary-file).",
                                    remedy: "indiquez l'export lui-même (CSV, JSON, GeoJSON, GML, classeur .xlsx ou GeoPackage).")
        default:
            return nil
        }
    }
}
