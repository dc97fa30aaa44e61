import Foundation

/// Stand-in for `Pipeline/Resources.swift` in fuzz builds: `Bundle.module` only exists under
/// SwiftPM. Fuzz targets never load schemas; `UNEFOIS_SCHEMAS` is honoured as in the real one.
public enum Resources {
    public static var schemas: String {
        ProcessInfo.processInfo.environment["UNEFOIS_SCHEMAS"] ?? "schemas"
    }
}
