import UneFoisCore
import UneFoisModel
/// Turns a mapped record into a ``Lieu``: normalises each field (names, phones, e-mails, URLs,
/// SIRET, postal and INSEE codes, communes, coordinates, dates, opening hours) and records every
/// repair or dropped value as an issue. Returns nil with an error issue when the record cannot
/// be a place at all.
public struct LieuBuilder: Sendable {
    public let territoire: Territoire
    public let contours: CommuneBoundaries

    public init(territoire: Territoire, contours: CommuneBoundaries = CommuneBoundaries()) {
        self.territoire = territoire
        self.contours = contours
    }

    /// Builds the place of one mapped record; repairs and dropped values are appended to `issues`.
    public func build(_ m: MappedRecord, issues: inout [Issue]) -> Lieu {
        let prov = m.provenance
        var lieu = Lieu(idSource: m.first("id").map(TextFolding.clean) ?? m.idSource, provenance: prov)
        lieu.valeurs.reserveCapacity(min(Champ.count, m.values.count + 2))
        func col(_ c: String) -> String { m.colonnes[c] ?? c }
        func warn(_ code: String, _ msg: String, _ champ: String) {
            issues.append(Issue(code, .warning, msg, at: prov, field: col(champ)))
        }
        for champ in Champ.allCases {
            guard let items = m.items(champ) else { continue }
            let colonne = m.colonne(champ) ?? champ.rawValue
            switch champ {
            case .nom:
                lieu.set(.nom, FieldNormalisers.nom(items[0]), colonne: colonne)
            case .telephone:
                for t in items {
                    switch FieldNormalisers.telephone(t) {
                    case .success(let p): lieu.set(.telephone, p, colonne: colonne)
                    case .failure(let why): warn(why.code, "Téléphone ignoré : \(why.message)", "telephone")
                    }
                    if lieu[.telephone] != nil { break }
                }
            case .courriels:
                var out: [String] = []
                for t in items.flatMap({ TextFolding.split($0, separators: ";, |") }) where !t.isEmpty {
                    switch FieldNormalisers.courriel(t) {
                    case .success(let e): out.append(e)
                    case .failure(let why): warn(why.code, "Courriel ignoré : \(why.message)", "courriels")
                    }
                }
                lieu.set(.courriels, out, colonne: colonne)
            case .siteWeb:
                var out: [String] = []
                for t in items.flatMap({ TextFolding.split($0, separators: " |") }) where !t.isEmpty {
                    switch FieldNormalisers.siteWeb(t) {
                    case .success(let u): out.append(u)
                    case .failure(let why): warn(why.code, "Site web ignoré : \(why.message)", "site_web")
                    }
                }
                lieu.set(.siteWeb, out, colonne: colonne)
            case .pivot:
                setSiret(items[0], colonne: colonne, into: &lieu, warn: warn)
            case .dateMaj:
                switch DateText.normalise(items[0]) {
                case .success(let d): lieu.set(.dateMaj, d, colonne: colonne)
                case .failure(let why): warn(why.code, "Date de mise à jour « \(items[0]) » illisible : \(why.message)", "date_maj")
                }
            case .horaires:
                let h = TextFolding.clean(items.joined(separator: "; "))
                if OpeningHours.isValidOSM(h) {
                    lieu.set(.horaires, h, colonne: colonne)
                } else if let osm = OpeningHours.fromFrenchText(h) {
                    lieu.set(.horaires, osm, colonne: colonne)
                    issues.append(Issue("opening-hours-converted", .info, "Horaires « \(h) » convertis au format OpenStreetMap : « \(osm) ».", at: prov, field: colonne))
                } else if let r = OpeningHours.parseRanges(h), !r.isEmpty {
                    // A single day-less text such as "9h-12h / 14h-17h": hours without days are not OSM.
                    warn("opening-hours-unparsed", "Horaires « \(h) » sans jours : impossible de les écrire au format OpenStreetMap. Précisez les jours (ex. « Mo-Fr 09:00-12:00 »).", "horaires")
                } else {
                    warn("opening-hours-unparsed", "Horaires « \(h) » non conformes au format OpenStreetMap (ex. « Mo-Fr 09:00-12:00,14:00-17:00 ») : le champ est laissé vide.", "horaires")
                }
            case .latitude, .longitude:
                continue  // handled with the geometry below
            default:
                if champ.isList {
                    let split = items.flatMap { TextFolding.split($0, separators: "|").compactMap { $0.isEmpty ? nil : TextFolding.clean($0) } }
                    lieu.set(champ, split, colonne: colonne)
                } else {
                    lieu.set(champ, TextFolding.clean(items.joined(separator: " ")), colonne: colonne)
                }
            }
        }
        if lieu.siret == nil, let s = m.first("siret") {
            setSiret(s, colonne: col("siret"), champ: "siret", into: &lieu, warn: warn)
        }
        if lieu[.pivot] == nil, let r = m.first("rna").flatMap(FieldNormalisers.rna) {
            lieu.set(.pivot, r, colonne: col("rna"))
        }
        if lieu[.pivot] == nil {
            // The standard's convention for an unknown SIRET.
            lieu.set(.pivot, "00000000000000", colonne: "calcul")
        }
        resolveCommune(&lieu, m: m, issues: &issues)
        resolvePosition(&lieu, m: m, issues: &issues)
        checkPositionAgainstCommune(&lieu, issues: &issues)
        return lieu
    }

    /// `champ` is the target field the value came from (`pivot` or `siret`), so that a refused
    /// SIRET names the partner's column.
    func setSiret(_ text: String, colonne: String, champ: String = "pivot", into lieu: inout Lieu, warn: (String, String, String) -> Void) {
        if let rna = FieldNormalisers.rna(text) {
            lieu.set(.pivot, rna, colonne: colonne)
            return
        }
        switch FieldNormalisers.siret(text) {
        case .success(let s?):
            lieu.siret = s
            lieu.set(.pivot, s, colonne: colonne)
        case .success(nil):
            break
        case .failure(let why):
            warn(why.code, "SIRET ignoré : \(why.message)", champ)
        }
    }

    /// `text` without its white space; as it is (no copy) in the usual case of a code in ASCII
    /// without any space.
    static func withoutWhitespace(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return text }
        return text.filter { !$0.isWhitespace }
    }

    /// True when a postal code and an INSEE code, one or both missing a leading zero, agree on a
    /// department 01 to 09 (« 1000 » and « 1053 », or « 01000 » and « 1053 »).
    static func lostZeroCorroborated(codePostal: String?, codeInsee: String?) -> Bool {
        func department(_ code: String?) -> (String, lost: Bool)? {
            // ASCII digits only (on bytes: one per character).
            guard let code, code.utf8.allSatisfy(FieldNormalisers.isDigit) else { return nil }
            if code.utf8.count == 5 { return (String(code.prefix(2)), false) }
            if code.utf8.count == 4 { return ("0" + String(code.prefix(1)), true) }
            return nil
        }
        guard let p = department(codePostal), let i = department(codeInsee), p.lost || i.lost else { return false }
        return p.0 == i.0 && p.0.hasPrefix("0")
    }

    /// Postal code, INSEE code and commune name, checked against the commune reference table.
    func resolveCommune(_ lieu: inout Lieu, m: MappedRecord, issues: inout [Issue]) {
        let prov = m.provenance
        var insee = lieu[.codeInsee].map(Self.withoutWhitespace)
        // A postal code and an INSEE code that both lost a leading zero (a spreadsheet, or numbers
        // in a JSON export) still agree on their department (01 to 09): each corroborates the other.
        let corroborated = Self.lostZeroCorroborated(codePostal: lieu[.codePostal].map(Self.withoutWhitespace), codeInsee: insee)
        if let code = insee, code.count == 4, code.allSatisfy(\.isNumber) {
            // 4-digit INSEE code: repaired when the commune name confirms it, or when the postal
            // code corroborates it (and the commune reference cannot say otherwise).
            if let name = lieu[.commune], case .exact(let c) = territoire.match(name: name, codePostal: nil), c.codeInsee == "0" + code {
                insee = c.codeInsee
                issues.append(Issue("leading-zero-lost", .info, "Code INSEE « \(code) » complété en « \(c.codeInsee) » (zéro initial perdu, confirmé par la commune).", at: prov, field: m.colonnes["code_insee"]))
            } else if corroborated, !territoire.coversDepartment(of: "0" + code) {
                insee = "0" + code
                issues.append(Issue("leading-zero-restored", .warning, "Code INSEE « \(code) » complété en « 0\(code) » : un code INSEE a 5 caractères et le code postal indique le même département ; le 0 initial a été perdu (tableur ou nombre dans un export JSON). Corrigez-le à la source.", at: prov, field: m.colonnes["code_insee"]))
            }
        }
        var commune: Territoire.Commune?
        if let code = insee { commune = territoire.commune(code: code) }
        // A code the reference should know but does not: unknown code, replaced from the name (reported).
        let unknownCode = insee.flatMap { code in commune == nil && territoire.coversDepartment(of: code) ? code : nil }
        if let name = lieu[.commune] {
            switch territoire.match(name: name, codePostal: lieu[.codePostal]) {
            case .exact(let c):
                if commune == nil { commune = c }
            case .corrected(let c, let from):
                if commune == nil || commune == c {
                    commune = c
                    issues.append(Issue("commune-corrected", .info, "Commune « \(from) » reconnue comme « \(c.nom) » (orthographe corrigée). Corrigez-la à la source si possible.", at: prov, field: m.colonnes["commune"] ?? "commune"))
                }
            case .none:
                break
            }
        }
        if let c = commune {
            if let name = lieu[.commune], Territoire.nameKey(name) != Territoire.nameKey(c.nom) {
                switch territoire.match(name: name, codePostal: nil) {
                case .corrected(let other, _) where other == c:
                    break  // reported above as a spelling correction
                default:
                    // Another commune, or an unknown name, than the INSEE code says.
                    issues.append(Issue("commune-mismatch", .warning, "La commune « \(name) » ne correspond pas au code INSEE \(c.codeInsee) (\(c.nom)) : le code INSEE est retenu. Vérifiez la commune ou le code INSEE à la source.", at: prov, field: m.colonnes["commune"] ?? "commune"))
                }
            }
            if let bad = unknownCode, bad != c.codeInsee {
                issues.append(Issue("code-insee-replaced", .warning, "Code INSEE « \(bad) » inconnu : remplacé par \(c.codeInsee), celui de la commune « \(c.nom) ». Corrigez-le à la source.", at: prov, field: m.colonnes["code_insee"] ?? "code_insee"))
            }
            lieu.set(.commune, c.nom, colonne: m.colonnes["commune"] ?? "référentiel")
            lieu.set(.codeInsee, c.codeInsee, colonne: m.colonnes["code_insee"] ?? "référentiel")
        } else if let code = insee {
            lieu.set(.codeInsee, code, colonne: m.colonnes["code_insee"] ?? "code_insee")
        }
        if let cp = lieu[.codePostal] {
            switch FieldNormalisers.codePostal(cp, communeCode: commune?.codePostal) {
            case .success(let v):
                if v != cp { issues.append(Issue("leading-zero-lost", .info, "Code postal « \(cp) » complété en « \(v) » (confirmé par la commune).", at: prov, field: m.colonnes["code_postal"])) }
                lieu.set(.codePostal, v, colonne: m.colonnes["code_postal"] ?? "code_postal")
            case .failure(let why) where why.code == "leading-zero-lost" && commune == nil && corroborated && !territoire.coversDepartment(of: "0" + cp):
                // No commune of the reference to contradict it, and the INSEE code says the same department.
                issues.append(Issue("leading-zero-restored", .warning, "Code postal « \(cp) » complété en « 0\(cp) » : un code postal a 5 chiffres et le code INSEE indique le même département ; le 0 initial a été perdu (tableur ou nombre dans un export JSON). Corrigez-le à la source.", at: prov, field: m.colonnes["code_postal"]))
                lieu.set(.codePostal, "0" + cp, colonne: m.colonnes["code_postal"] ?? "code_postal")
            case .failure(let why):
                issues.append(Issue(why.code, .warning, "Code postal ignoré : \(why.message)", at: prov, field: m.colonnes["code_postal"] ?? "code_postal"))
                lieu.remove(.codePostal)
            }
        }
        if lieu[.codePostal] == nil, let cp = commune?.codePostal, !cp.isEmpty {
            lieu.set(.codePostal, cp, colonne: "référentiel")
            issues.append(Issue("postal-code-from-reference", .info, "Code postal absent : « \(cp) » repris du référentiel des communes (\(commune!.nom)).", at: prov, field: "code_postal"))
        }
    }

    /// Point in polygon: the commune of a place without INSEE code is taken from its coordinates
    /// (reported); a point outside the commune its INSEE code names is reported, not moved.
    func checkPositionAgainstCommune(_ lieu: inout Lieu, issues: inout [Issue]) {
        guard let la = lieu.latitude, let lo = lieu.longitude else { return }
        let prov = lieu.provenance
        if let code = lieu[.codeInsee] {
            if contours.contains(code: code, longitude: lo, latitude: la) == false {
                let other = contours.commune(longitude: lo, latitude: la).flatMap { territoire.commune(code: $0)?.nom }
                issues.append(Issue("point-outside-commune", .warning, "Le point (\(la), \(lo)) est hors de la commune \(territoire.commune(code: code)?.nom ?? code)" + (other.map { " (il tombe dans \($0))" } ?? "") + " : vérifiez les coordonnées ou le code INSEE à la source.", at: prov, field: lieu.valeurs[.latitude]?.colonne))
            }
        } else if let code = contours.commune(longitude: lo, latitude: la), let c = territoire.commune(code: code) {
            lieu.set(.codeInsee, c.codeInsee, colonne: "coordonnées")
            let given = lieu[.commune]
            lieu.set(.commune, c.nom, colonne: "coordonnées")
            if lieu[.codePostal] == nil, let cp = c.codePostal, !cp.isEmpty { lieu.set(.codePostal, cp, colonne: "référentiel") }
            issues.append(Issue("commune-from-coordinates", .info, "Commune déterminée par les coordonnées : \(c.nom) (INSEE \(c.codeInsee))" + (given.map { ", la source indiquait « \($0) »" } ?? "") + ".", at: prov, field: lieu.valeurs[.latitude]?.colonne))
        }
    }

    /// Latitude/longitude from columns or geometry, converted to WGS84, checked for range and
    /// for swapped axes.
    func resolvePosition(_ lieu: inout Lieu, m: MappedRecord, issues: inout [Issue]) {
        let prov = m.provenance
        var lat: Double?, lon: Double?
        var colonne = "geometrie"
        if let la = m.first("latitude"), let lo = m.first("longitude") {
            func number(_ t: String) -> Double? { t.utf8.contains(0x2C) ? Double(t.replacingOccurrences(of: ",", with: ".")) : Double(t) }
            lat = number(la)
            lon = number(lo)
            colonne = (m.colonnes["latitude"] ?? "latitude") + "+" + (m.colonnes["longitude"] ?? "longitude")
            if lat == nil || lon == nil {
                issues.append(Issue("type-error", .warning, "Coordonnées « \(la) ; \(lo) » illisibles : position ignorée.", at: prov, field: m.colonnes["latitude"]))
            } else if let y = lat, let x = lon, abs(x) > 180 || abs(y) > 90, Lambert93.isPlausible(x: x, y: y) {
                // Metres in the columns: only Lambert-93 (X east, Y north) fits mainland France.
                let w = Lambert93.toWGS84(x: x, y: y)
                lon = (w.longitude * 1e6).rounded() / 1e6
                lat = (w.latitude * 1e6).rounded() / 1e6
                issues.append(Issue("crs-converted", .info, "Coordonnées X \(lo), Y \(la) en mètres (Lambert-93, EPSG:2154) converties en degrés WGS84 : \(JSONWriter.number(lat!)), \(JSONWriter.number(lon!)).", at: prov, field: colonne))
            }
        } else if (m.first("latitude") == nil) != (m.first("longitude") == nil), m.point == nil {
            // One half of the pair: the position cannot be published; say so.
            let (has, lacks) = m.first("latitude") != nil ? ("latitude", "longitude") : ("longitude", "latitude")
            issues.append(Issue("coordinates-incomplete", .warning, "\(has == "latitude" ? "Latitude" : "Longitude") « \(m.first(has)!) » sans \(lacks) : position ignorée. Renseignez les deux coordonnées.", at: prov, field: m.colonnes[lacks] ?? m.colonnes[has] ?? lacks))
        } else if let p = m.point {
            switch p.epsg {
            case 4326:
                if abs(p.x) > 180 || abs(p.y) > 90, Lambert93.isPlausible(x: p.x, y: p.y) {
                    // Metres in a layer said to be in degrees: they can only be Lambert-93.
                    let w = Lambert93.toWGS84(x: p.x, y: p.y)
                    lon = (w.longitude * 1e6).rounded() / 1e6
                    lat = (w.latitude * 1e6).rounded() / 1e6
                    issues.append(Issue("crs-unexpected", .warning, "Coordonnées (\(p.x), \(p.y)) en mètres alors que la couche est en degrés (EPSG:4326) : reconnues comme du Lambert-93 (EPSG:2154) et converties. Exportez la couche en EPSG:4326 ou déclarez son système de coordonnées.", at: prov, field: "geometry"))
                } else {
                    lon = p.x; lat = p.y
                }
            case 2154:
                if abs(p.x) <= 180 && abs(p.y) <= 90 {
                    issues.append(Issue("crs-unexpected", .warning, "Coordonnées (\(p.x), \(p.y)) en degrés alors que la couche est déclarée en Lambert-93 (EPSG:2154) : lues comme longitude/latitude WGS84. Vérifiez l'export de la couche.", at: prov, field: "geometry"))
                    lon = p.x; lat = p.y
                } else if Lambert93.isPlausible(x: p.x, y: p.y) {
                    let w = Lambert93.toWGS84(x: p.x, y: p.y)
                    lon = (w.longitude * 1e6).rounded() / 1e6
                    lat = (w.latitude * 1e6).rounded() / 1e6
                } else {
                    issues.append(Issue("crs-unexpected", .warning, "Coordonnées (\(p.x), \(p.y)) hors de la France métropolitaine en Lambert-93 : position ignorée.", at: prov, field: "geometry"))
                }
            default:
                issues.append(Issue("crs-unexpected", .warning, "Système de coordonnées EPSG:\(p.epsg) non pris en charge : position ignorée. Exportez en EPSG:4326 ou EPSG:2154.", at: prov, field: "geometry"))
            }
        } else if m.geometryMissing {
            issues.append(Issue("geometry-missing", .info, "Pas de géométrie : le lieu est publié sans coordonnées.", at: prov, field: "geometry"))
        }
        guard var la = lat, var lo = lon else { return }
        // Mainland France bounds; swapped axes are recognised and fixed with a report.
        func inFrance(_ la: Double, _ lo: Double) -> Bool { la >= 41 && la <= 51.5 && lo >= -5.5 && lo <= 10 }
        if !inFrance(la, lo) && inFrance(lo, la) {
            issues.append(Issue("coordinates-swapped", .warning, "Latitude et longitude inversées (\(la), \(lo)) : remises dans l'ordre. Corrigez-les à la source.", at: prov, field: colonne))
            swap(&la, &lo)
        }
        guard la >= -90, la <= 90, lo >= -180, lo <= 180 else {
            issues.append(Issue("constraint-error", .warning, "Coordonnées (\(la), \(lo)) hors des bornes WGS84 : position ignorée.", at: prov, field: colonne))
            return
        }
        lieu.latitude = la
        lieu.longitude = lo
        lieu.set(.latitude, JSONWriter.number(la), colonne: colonne)
        lieu.set(.longitude, JSONWriter.number(lo), colonne: colonne)
    }
}
