import Foundation
import UneFoisCore

/// One feature compared between two place records, with its levels (agreement patterns), in the
/// order of ``niveaux``. The last level of each feature is the neutral one (missing data).
public enum MatchFeature: Int, CaseIterable, Sendable {
    case nom, adresse, distance, telephone, courriel, siret, typologie, commune

    /// Key of the feature in `schemas/dedoublonnage/poids.json`.
    public var cle: String {
        switch self {
        case .nom: return "nom"
        case .adresse: return "adresse"
        case .distance: return "distance"
        case .telephone: return "telephone"
        case .courriel: return "courriel"
        case .siret: return "siret"
        case .typologie: return "typologie"
        case .commune: return "commune"
        }
    }

    /// Level keys, as in the weights file.
    public var niveaux: [String] {
        switch self {
        case .nom: return ["identique", "proche", "partiel", "different", "un_seul_distinctif", "generiques", "absent"]
        case .adresse: return ["identique", "meme_voie_sans_numero", "meme_voie_autre_numero", "repere", "differente", "absent"]
        case .distance: return ["moins_50m", "moins_200m", "moins_1km", "moins_5km", "plus_5km", "imprecise", "absent"]
        case .telephone, .courriel, .siret: return ["identique", "different", "absent"]
        case .typologie: return ["compatible", "incompatible", "inconnue"]
        case .commune: return ["identique", "differente", "absent"]
        }
    }

    /// French label of a level, for explanations (« nom proche », « même voie, numéro absent »...).
    public func libelle(_ niveau: Int) -> String {
        let n = niveaux[niveau]
        switch (self, n) {
        case (.nom, "identique"): return "nom identique"
        case (.nom, "proche"): return "nom proche"
        case (.nom, "partiel"): return "nom en partie commun"
        case (.nom, "different"): return "noms différents"
        case (.nom, "un_seul_distinctif"): return "un seul nom distinctif"
        case (.nom, "generiques"): return "noms génériques"
        case (.adresse, "identique"): return "même adresse"
        case (.adresse, "meme_voie_sans_numero"): return "même voie, numéro absent"
        case (.adresse, "meme_voie_autre_numero"): return "même voie, autre numéro"
        case (.adresse, "repere"): return "même repère (mairie)"
        case (.adresse, "differente"): return "adresses différentes"
        case (.distance, "moins_50m"): return "à moins de 50 m"
        case (.distance, "moins_200m"): return "à moins de 200 m"
        case (.distance, "moins_1km"): return "à moins de 1 km"
        case (.distance, "moins_5km"): return "à moins de 5 km"
        case (.distance, "plus_5km"): return "à plus de 5 km"
        case (.distance, "imprecise"): return "coordonnées imprécises"
        case (.telephone, "identique"): return "même téléphone"
        case (.telephone, "different"): return "téléphones différents"
        case (.courriel, "identique"): return "même courriel"
        case (.courriel, "different"): return "courriels différents"
        case (.siret, "identique"): return "même SIRET"
        case (.siret, "different"): return "SIRET différents"
        case (.typologie, "compatible"): return "même type de lieu"
        case (.typologie, "incompatible"): return "types de lieu incompatibles"
        case (.commune, "identique"): return "même commune"
        case (.commune, "differente"): return "communes différentes"
        default: return "\(cle) \(n)"
        }
    }
}

/// The Fellegi–Sunter weights and thresholds of the matcher, read from
/// `schemas/dedoublonnage/poids.json`: weight of a level = log2(m / u).
public struct MatchWeights: Sendable {
    /// `poids[feature][level]`.
    public var poids: [[Float]]
    /// Score from which two records are joined.
    public var fusion: Float
    /// Score from which a pair below `fusion` is uncertain (review file).
    public var revue: Float
    /// Minimum score of every pair of members of one cluster.
    public var compatibilite: Float

    public init(poids: [[Float]], fusion: Float, revue: Float, compatibilite: Float) {
        self.poids = poids
        self.fusion = fusion
        self.revue = revue
        self.compatibilite = compatibilite
    }

    @inline(__always) public func poids(_ f: MatchFeature, _ niveau: UInt8) -> Float { poids[f.rawValue][Int(niveau)] }

    /// Loads the weights file; a missing level or a bad m/u is a configuration error naming it.
    public static func load(path: String) throws -> MatchWeights {
        guard FileManagerShim.exists(path) else {
            throw OperationalError(.configuration, "Poids du dédoublonnage introuvables : \(path).")
        }
        let doc = try OfficerFile.parse(path: path, label: "Poids du dédoublonnage")
        func fail(_ key: String, _ what: String) -> OperationalError {
            OfficerFile.keyError(path: path, label: "Poids du dédoublonnage", key: key, what)
        }
        guard let seuils = doc["seuils"]?.objectValue else { throw fail("seuils", "objet attendu (fusion, revue, compatibilite).") }
        func seuil(_ k: String) throws -> Float {
            guard let v = seuils[k]?.doubleValue else { throw fail("seuils.\(k)", "nombre attendu.") }
            return Float(v)
        }
        guard let car = doc["caracteristiques"]?.objectValue else { throw fail("caracteristiques", "objet attendu.") }
        var poids: [[Float]] = []
        for feature in MatchFeature.allCases {
            guard let o = car[feature.cle]?.objectValue else { throw fail("caracteristiques.\(feature.cle)", "caractéristique manquante.") }
            var row: [Float] = []
            for n in feature.niveaux {
                let k = "caracteristiques.\(feature.cle).\(n)"
                guard let lv = o[n]?.objectValue, let m = lv["m"]?.doubleValue, let u = lv["u"]?.doubleValue else { throw fail(k, "niveau manquant : {\"m\": …, \"u\": …} attendu.") }
                guard m > 0, m <= 1, u > 0, u <= 1 else { throw fail(k, "m et u sont des probabilités strictement positives, au plus 1.") }
                row.append(Float(log2(m / u)))
            }
            poids.append(row)
        }
        return MatchWeights(poids: poids, fusion: try seuil("fusion"), revue: try seuil("revue"), compatibilite: try seuil("compatibilite"))
    }
}
