import UneFoisCore
import UneFoisModel

/// Which version of the *standard des lieux de médiation numérique* a file's header follows: the
/// one rule `run` (which maps v0.1 files through `mednum-v0.json`) and `validate` (which checks
/// them against `schema_v0.1.1.json`) share.
public enum StandardVersion: String, Sendable, Equatable {
    case v1 = "1.0.2"
    case v01 = "0.1.1"

    /// Columns that exist only in v0.1.x.
    public static let v01OnlyColumns = ["accessibilite", "cle_ban", "conditions_acces", "courriel", "labels_autres", "labels_nationaux", "publics_accueillis"]
    /// Columns that exist only in v1.x.
    public static let v1OnlyColumns = ["courriels", "dispositif_programmes_nationaux", "frais_a_charge", "modalites_acces", "publics_specifiquement_adresses"]

    /// v0.1 when the header has a v0.1-only column and no v1-only one; `evidence` lists the
    /// v0.1-only columns found (sorted), for the detection message.
    public static func detect(columns: [String]) -> (version: StandardVersion, evidence: [String]) {
        let names = Set(columns.map { TextFolding.clean($0).lowercased() })
        let legacy = v01OnlyColumns.filter(names.contains)
        let v1 = v1OnlyColumns.filter(names.contains)
        return (!legacy.isEmpty && v1.isEmpty ? .v01 : .v1, legacy)
    }
}
