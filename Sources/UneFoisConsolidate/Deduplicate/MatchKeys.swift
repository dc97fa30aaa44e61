import UneFoisCore
import UneFoisModel

/// Keys that compare two descriptions of a place (folded, abbreviations expanded).
public enum MatchKeys {
    /// An address folded for comparison: case, accents and punctuation removed, street-type
    /// abbreviations expanded (`av.` → `avenue`, `bd` → `boulevard`...).
    public static func adresse(_ text: String) -> String {
        let abbreviations = ["av": "avenue", "ave": "avenue", "bd": "boulevard", "bld": "boulevard", "bvd": "boulevard", "pl": "place", "ch": "chemin", "chem": "chemin", "rte": "route", "imp": "impasse", "all": "allee", "crs": "cours", "fg": "faubourg", "sq": "square", "qu": "quai", "r": "rue", "st": "saint", "ste": "sainte"]
        return TextFolding.key(text).split(separator: " ").map { abbreviations[String($0)] ?? String($0) }.joined(separator: " ")
    }
}
