import UneFoisCore
/// The 32 columns of the *standard des lieux de médiation numérique* v1.0.2, in the standard's
/// order. Raw values are the exact CSV column names.
///
/// See https://github.com/LaMednum/standard-mediation-num (schema.json).
public enum Champ: String, CaseIterable, Sendable, Hashable, Comparable {
    case id, pivot, nom, commune
    case codePostal = "code_postal"
    case codeInsee = "code_insee"
    case adresse
    case complementAdresse = "complement_adresse"
    case latitude, longitude, typologie, telephone, courriels
    case siteWeb = "site_web"
    case horaires
    case presentationResume = "presentation_resume"
    case presentationDetail = "presentation_detail"
    case source, itinerance
    case structureParente = "structure_parente"
    case dateMaj = "date_maj"
    case services
    case publicsSpecifiquementAdresses = "publics_specifiquement_adresses"
    case priseEnChargeSpecifique = "prise_en_charge_specifique"
    case fraisACharge = "frais_a_charge"
    case dispositifProgrammesNationaux = "dispositif_programmes_nationaux"
    case formationsLabels = "formations_labels"
    case autresFormationsLabels = "autres_formations_labels"
    case modalitesAcces = "modalites_acces"
    case modalitesAccompagnement = "modalites_accompagnement"
    case ficheAccesLibre = "fiche_acces_libre"
    case priseRdv = "prise_rdv"

    /// True for the fields that hold several values, joined with `|` in the v1 CSV.
    public var isList: Bool {
        switch self {
        case .typologie, .courriels, .siteWeb, .itinerance, .services, .publicsSpecifiquementAdresses,
             .priseEnChargeSpecifique, .fraisACharge, .dispositifProgrammesNationaux, .formationsLabels,
             .autresFormationsLabels, .modalitesAcces, .modalitesAccompagnement:
            return true
        default:
            return false
        }
    }

    /// Position in the standard's column order.
    ///
    /// A raw-valued enum without payloads is stored as its case index (declaration order, one
    /// byte), so this is a load, not a search; `ChampTests` checks it against `allCases`.
    @inlinable public var order: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    /// The field at a position in the standard's column order.
    @inlinable public static func at(_ order: Int) -> Champ { unsafeBitCast(UInt8(order), to: Champ.self) }

    /// Number of fields (32).
    public static let count = allCases.count

    public static func < (a: Champ, b: Champ) -> Bool { a.order < b.order }

    // Equality and hashing by position: the default for a raw-valued enum hashes the raw String,
    // which dominated dictionary lookups keyed by fields.
    @inlinable public static func == (a: Champ, b: Champ) -> Bool { a.order == b.order }
    @inlinable public func hash(into h: inout Hasher) { h.combine(UInt8(truncatingIfNeeded: order)) }
}
