/// Finds the bundled samples' configuration (`samples/unefois.json`) from the current folder.
public enum SamplesLocator {
    public static func configuration() -> String? {
        for candidate in ["samples/unefois.json", "../samples/unefois.json"] where FileManagerShim.exists(candidate) {
            return candidate
        }
        return nil
    }
}
