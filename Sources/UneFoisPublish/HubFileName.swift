import UneFoisCore
import UneFoisModel

/// The file name the standard des lieux de médiation numérique recommends for a published CSV:
/// `AAAAMMJJ_idProducteur_lieux-de-mediation-numerique_territoire.csv` (the standard's README,
/// « Recommandations pour le nommage des fichiers »): the date, the producer's SIREN (or SIRET),
/// the dataset's name, the territory without accents or spaces.
///
/// The date is the run's reference date (configuration `date_reference`, else the latest date
/// found in the data), never the clock, so a rerun writes the same name.
public enum HubFileName {
    /// The dataset's part of the name.
    public static let dataset = "lieux-de-mediation-numerique"

    /// The name for `siren` on `territoire` at `date` (`aaaa-mm-jj`); nil without a producer id.
    public static func name(date: String, siren: String?, territoire: String) -> String? {
        guard let siren, !siren.isEmpty else { return nil }
        let day = date.filter(\.isNumber)
        guard day.count == 8 else { return nil }
        return "\(day)_\(siren)_\(dataset)_\(territoryPart(territoire)).csv"
    }

    /// `Luberon Monts de Vaucluse` → `LuberonMontsDeVaucluse` (accents removed, each word
    /// capitalised, anything but ASCII letters and digits dropped).
    public static func territoryPart(_ name: String) -> String {
        let folded = TextFolding.key(name)
        return folded.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// True for a file name of this convention (any date, producer, territory): older nights'
    /// copies are removed when a new one is published.
    public static func matches(_ fileName: String) -> Bool {
        let parts = fileName.split(separator: "_", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0].count == 8 && parts[0].allSatisfy(\.isNumber)
            && parts[2] == dataset[...] && fileName.hasSuffix(".csv")
    }

    /// True when `id` is a SIREN (9 digits) or a SIRET (14 digits) whose Luhn key is right.
    public static func isValidProducer(_ id: String) -> Bool { ProducerIdentifier.isValid(id) }
}
