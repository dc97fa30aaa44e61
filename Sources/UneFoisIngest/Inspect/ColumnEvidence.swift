import UneFoisCore
import UneFoisModel
import Foundation

/// What the values of one column say about it, whatever its name: e-mails, French phones,
/// postal and INSEE codes (checked against the commune reference), SIRET (Luhn), web addresses,
/// dates, WGS84 or Lambert-93 coordinates, combined « lat, lon » cells, opening hours, yes/no,
/// the standard's vocabularies and the keyword tables, addresses, commune and place names.
///
/// Each finding carries the share of values that fit and a French reason; ``Inspection`` weighs
/// them against what the column's name says.
struct ColumnEvidence: Sendable {
    /// Target field (`telephone`…), or a pseudo-field: `coordonnees` (both axes in one cell),
    /// `numero_voie` (house numbers, joined to the street), `oui_non`.
    var champ: String
    /// Share of the non-empty values that fit, 0…1.
    var share: Double
    /// How specific the pattern is: an e-mail is certain, a name-like text is a guess (0…1).
    var strength: Double
    /// Why, in French (« 5 valeurs sur 5 sont des adresses électroniques »).
    var raison: String
    /// Value rule details the draft can use (`format`, `ordre`, `systeme`).
    var details: [String: String] = [:]

    /// Score used to rank candidate fields for a column.
    var score: Double { share * strength }

    static let streetWords = "rue|avenue|av|ave|bd|boulevard|bld|place|pl|chemin|ch|route|rte|impasse|imp|allee|allees|cours|quai|square|lotissement|lot|lieu dit|hameau|traverse|montee|rond point|zone|za|zi|zac|parc|residence|quartier|faubourg|chemin|voie|esplanade|passage|promenade|sentier|domaine|mas|plan|clos"
    static let addressPattern = try! NSRegularExpression(pattern: "^(\\d{1,4}\\s*(bis|ter|b|t)?\\s*,?\\s+)?(\(streetWords))\\b")
    static let housePattern = try! NSRegularExpression(pattern: "^\\d{1,4}\\s*(bis|ter|b|t)?$")
    static let urlPattern = try! NSRegularExpression(pattern: "^(https?://)?(www\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,6}(:\\d+)?(/\\S*)?$")
    static let placeWords = ["mairie", "mediatheque", "bibliotheque", "espace", "centre", "ccas", "cias", "france services", "association", "asso", "epn", "point", "maison", "tiers lieu", "pimms", "cyber", "fablab", "mjc", "caf", "msa", "agence", "bureau", "antenne", "relais", "local", "salle", "foyer", "club", "service", "pole", "tiers", "atelier", "cafe", "lieu", "ecole", "college", "lycee", "hotel de ville", "mission locale", "secours", "emmaus", "croix rouge", "ludotheque", "pij", "bij", "structure", "permanence"]

    static func fits(_ re: NSRegularExpression, _ s: String) -> Bool {
        re.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil
    }

    /// Every finding for a column whose non-empty values are `values`; empty when nothing fits.
    static func findings(_ values: [String], name: String, knowledge: Inspection.Synonyms) -> [ColumnEvidence] {
        guard !values.isEmpty else { return [] }
        let n = Double(values.count)
        var out: [ColumnEvidence] = []
        func count(_ p: (String) -> Bool) -> Int { values.reduce(0) { $0 + (p($1) ? 1 : 0) } }
        func add(_ champ: String, _ k: Int, _ strength: Double, _ what: String, min: Double = 0.8, details: [String: String] = [:]) {
            let share = Double(k) / n
            guard k > 0, share >= min else { return }
            out.append(ColumnEvidence(champ: champ, share: share, strength: strength,
                                      raison: "\(k) valeur\(k > 1 ? "s" : "") sur \(values.count) \(k > 1 ? "sont" : "est") \(what)", details: details))
        }
        let folded = values.map(TextFolding.key)

        add("courriels", count { v in
            v.split(whereSeparator: { ";, ".contains($0) }).allSatisfy { if case .success = FieldNormalisers.courriel(String($0)) { return true }; return false } && v.contains("@")
        }, 1.0, "des adresses électroniques")
        add("site_web", count { fits(urlPattern, $0.lowercased()) && !$0.contains("@") && $0.contains(where: \.isLetter) }, 0.95, "des adresses web")
        add("telephone", count { v in
            let digits = v.filter(\.isNumber).count
            guard digits >= 9, digits <= 13, v.allSatisfy({ $0.isNumber || " .-+()/".contains($0) }) else { return false }
            if case .success = FieldNormalisers.telephone(v) { return true }
            return false
        }, 0.95, "des numéros de téléphone français")
        add("siret", count { v in
            guard case .success(let s?) = FieldNormalisers.siret(v) else { return false }
            return s.count == 14
        }, 1.0, "des SIRET valides (clé de Luhn)")

        // Five-digit codes: INSEE codes known to the commune reference, else postal codes.
        let fiveDigits = values.map { $0.filter { !$0.isWhitespace } }.filter { $0.count == 5 && $0.allSatisfy(\.isNumber) }
        if Double(fiveDigits.count) / n >= 0.8, let territoire = knowledge.territoire {
            let insee = fiveDigits.filter { territoire.commune(code: $0) != nil }.count
            let postal = fiveDigits.filter { c in territoire.knowsPostalCode(c) }.count
            if insee > postal {
                add("code_insee", insee, 0.95, "des codes INSEE de communes connues du référentiel")
            } else if postal > 0 {
                add("code_postal", fiveDigits.count, 0.9, "des codes postaux (\(postal) connus du référentiel)")
            } else if insee == 0 {
                add("code_postal", fiveDigits.count, 0.6, "des nombres à 5 chiffres (codes postaux ?)")
            }
        } else if Double(fiveDigits.count) / n >= 0.8 {
            add("code_postal", fiveDigits.count, 0.6, "des nombres à 5 chiffres (codes postaux ?)")
        }

        // Dates.
        var slash = 0, iso = 0
        let dates = count { v in
            guard v.count >= 10, !(v.count == 5 && v.allSatisfy(\.isNumber)), case .success = DateText.normalise(v) else { return false }
            if v.dropFirst(2).first == "/" { slash += 1 } else { iso += 1 }
            return true
        }
        add("date_maj", dates, 0.85, slash > 0 ? "des dates au format jj/mm/aaaa" : "des dates au format aaaa-mm-jj",
            details: slash > 0 && iso == 0 ? ["format": "jj/mm/aaaa"] : [:])

        // Coordinates: numbers in the ranges of mainland France, WGS84 (with decimals) or Lambert-93.
        let numbers = values.compactMap { v -> (Double, Int)? in
            let t = v.replacingOccurrences(of: ",", with: ".").trimmingCharacters(in: .whitespaces)
            guard let d = Double(t), t.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
            let decimals = t.split(separator: ".").dropFirst().first?.count ?? 0
            return (d, decimals)
        }
        if Double(numbers.count) / n >= 0.9 {
            let k = numbers.count
            if numbers.allSatisfy({ $0.0 >= 41 && $0.0 <= 51.5 && $0.1 >= 3 }) {
                add("latitude", k, 0.85, "des latitudes (degrés, France métropolitaine)")
            } else if numbers.allSatisfy({ $0.0 >= -5.5 && $0.0 <= 10 && $0.1 >= 3 }) {
                add("longitude", k, 0.85, "des longitudes (degrés, France métropolitaine)")
            } else if numbers.allSatisfy({ $0.0 >= 6_000_000 && $0.0 <= 7_200_000 }) {
                add("latitude", k, 0.8, "des ordonnées Y en Lambert-93 (mètres, converties en degrés)", details: ["systeme": "lambert93"])
            } else if numbers.allSatisfy({ $0.0 >= 50_000 && $0.0 <= 1_300_000 }) && numbers.contains(where: { $0.0 > 100_000 }) {
                add("longitude", k, 0.8, "des abscisses X en Lambert-93 (mètres, converties en degrés)", details: ["systeme": "lambert93"])
            }
        }
        var reversed = 0
        add("coordonnees", count { v in
            guard let (a, b) = CoordinateText.split(v), let x = Double(a), let y = Double(b) else { return false }
            if x >= 41 && x <= 51.5 && y >= -5.5 && y <= 10 { return true }
            if y >= 41 && y <= 51.5 && x >= -5.5 && x <= 10 { reversed += 1; return true }
            return false
        }, 1.0, "des couples « latitude, longitude » dans une seule cellule")
        if reversed > 0, let i = out.lastIndex(where: { $0.champ == "coordonnees" }) {
            out[i].details["ordre"] = reversed * 2 > values.count ? "lon,lat" : "lat,lon"
            if out[i].details["ordre"] == "lon,lat" { out[i].raison = out[i].raison.replacingOccurrences(of: "« latitude, longitude »", with: "« longitude, latitude »") }
        }

        // Opening hours: OSM syntax, or French text the converter reads or that names days and times.
        add("horaires", count { v in
            // Long texts (descriptions) are not hours; the converter is only tried on short ones.
            guard v.count <= 200 else { return false }
            if OpeningHours.isValidOSM(v) { return true }
            if OpeningHours.fromFrenchText(v) != nil { return true }
            let k = TextFolding.key(v)
            let hasDay = OpeningHours.frenchDayNames.contains { k.split(separator: " ").contains(Substring($0.0)) } || k.contains("matin") || k.contains("apres midi")
            let hasTime = v.contains(where: \.isNumber) && (k.contains(" h") || k.contains("h ") || v.contains(":") || v.lowercased().contains("h"))
            return hasDay && (hasTime || k.contains("matin") || k.contains("apres midi") || k.contains("ferme"))
        }, 0.9, "des horaires d'ouverture", min: 0.6)

        // Yes/no.
        let yes: Set<String> = ["oui", "o", "yes", "y", "vrai", "true", "x"], no: Set<String> = ["non", "n", "no", "faux", "false"]
        if values.count >= 2 {  // a single « x » says nothing
            add("oui_non", folded.filter { yes.contains($0) || no.contains($0) }.count, 0.9, "des oui/non", min: 0.9)
        }

        // Vocabularies: the standard's values and the keyword tables.
        for (champ, table) in knowledge.motsClesParChamp {
            let hits = count { v in
                let k = " " + TextFolding.key(v) + " "
                return table.contains { k.contains($0.mot) }
            }
            let what: String
            switch champ {
            case "services": what = "des services reconnus par mots-clés (démarches, ordinateur, emploi…)"
            case "publics_specifiquement_adresses": what = "des publics reconnus (seniors, jeunes, familles…)"
            case "dispositif_programmes_nationaux": what = "des dispositifs nationaux reconnus (France Services, Conseillers numériques…)"
            case "modalites_accompagnement": what = "des modalités d'accompagnement (individuel, collectif…)"
            case "frais_a_charge": what = "des conditions de frais (gratuit, payant)"
            default: what = "des valeurs du vocabulaire de « \(champ) »"
            }
            add(champ, hits, 0.7, what, min: 0.5)
        }

        // Addresses, house numbers, communes, place names.
        add("adresse", count { fits(addressPattern, TextFolding.key($0)) }, 0.8, "des adresses (numéro et voie)", min: 0.6)
        add("numero_voie", count { fits(housePattern, TextFolding.key($0)) }, 0.5, "des numéros dans la voie", min: 0.9)
        if let territoire = knowledge.territoire {
            // Fuzzy matching is costly: each distinct short value is matched once.
            var memo: [String: Bool] = [:]
            add("commune", count { v in
                guard v.count <= 45, !v.contains(where: \.isNumber) else { return false }
                if let known = memo[v] { return known }
                let hit: Bool
                switch territoire.match(name: v, codePostal: nil) {
                case .exact, .corrected: hit = true
                case .none: hit = false
                }
                memo[v] = hit
                return hit
            }, 0.9, "des noms de communes du référentiel")
        }
        let distinct = Set(folded).count
        if Double(distinct) / n >= 0.8 {
            add("nom", count { v in
                let k = " " + TextFolding.key(v) + " "
                return v.contains(where: \.isLetter) && placeWords.contains { k.contains(" " + $0 + " ") }
            }, 0.6, "des noms de lieux (mairie, médiathèque, espace…)", min: 0.5)
        }
        return out
    }
}
