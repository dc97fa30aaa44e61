import Foundation

/// Where the data files under `schemas/` are found at run time: `UNEFOIS_SCHEMAS` if set, else
/// the resource bundle built by SwiftPM next to the executable.
public enum Resources {
    public static var schemas: String {
        if let env = ProcessInfo.processInfo.environment["UNEFOIS_SCHEMAS"], !env.isEmpty { return env }
        return Bundle.module.bundlePath + "/schemas"
    }
}
