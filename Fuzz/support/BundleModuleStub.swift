import Foundation

// SwiftPM generates `Bundle.module` for the library's resources; fuzz targets are built with
// plain swiftc, so give it a stand-in (no fuzz target reads resources).
extension Bundle {
    static let module = Bundle.main
}
