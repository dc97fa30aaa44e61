import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
import Foundation

/// Where the data files under `schemas/` are found at run time: `UNEFOIS_SCHEMAS` if set, else
/// the resource bundle SwiftPM builds next to the executable (`unefois_UneFois.resources`; an
/// installed copy of unefois must keep that folder beside it), else SwiftPM's `Bundle.module`
/// (tests, `swift run`).
public enum Resources {
    public static var schemas: String {
        if let env = ProcessInfo.processInfo.environment["UNEFOIS_SCHEMAS"], !env.isEmpty { return env }
        // The running executable, wherever it was called from (PATH, symbolic link...).
        let exePath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        let executable = URL(fileURLWithPath: exePath).resolvingSymlinksInPath()
        let beside = executable.deletingLastPathComponent().appendingPathComponent("unefois_UneFois.resources/schemas").path
        if FileManager.default.fileExists(atPath: beside) { return beside }
        return Bundle.module.bundlePath + "/schemas"
    }
}
