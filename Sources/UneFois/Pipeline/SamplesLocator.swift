import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
/// Finds the bundled samples' configuration (`samples/unefois.json`) from the current folder.
public enum SamplesLocator {
    /// Path of `samples/unefois.json` seen from the current folder (or its parent), if any.
    public static func configuration() -> String? {
        for candidate in ["samples/unefois.json", "../samples/unefois.json"] where FileManagerShim.exists(candidate) {
            return candidate
        }
        return nil
    }
}
