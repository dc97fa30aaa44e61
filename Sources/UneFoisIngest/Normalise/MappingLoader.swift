import UneFoisCore
import UneFoisModel
import Foundation

/// Loads and checks mapping files, with French errors that name the key at fault.
public enum MappingLoader {
    /// Target fields a mapping may fill, per kind of record.
    public static let champsActivite: Set<String> = ["id", "date", "nature", "action", "lieu_nom", "code_insee", "commune", "code_postal", "duree_min", "participants", "nombre", "thematiques", "services", "partenaire", "atelier", "avec_rdv"]
    public static let champsSuivi: Set<String> = ["date", "action", "type", "libelle", "commune", "participants", "duree_heures", "partenaire"]
    public static let champsLieuExtra: Set<String> = ["siret", "rna"]

    /// Loads a mapping from a file path; `crosswalks` resolves `"@nom"` references.
    public static func load(path: String, crosswalks: CrosswalkStore) throws -> Mapping {
        let doc = try OfficerFile.parse(path: path, label: "Fichier de correspondance")
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(doc, name: name, where: path, crosswalks: crosswalks)
    }

    /// Builds a mapping from its JSON document.
    public static func parse(_ doc: JSONValue, name: String, where path: String, crosswalks: CrosswalkStore) throws -> Mapping {
        func fail(_ key: String, _ what: String) -> OperationalError {
            OfficerFile.keyError(path: path, label: "Fichier de correspondance", key: key, what)
        }
        guard let root = doc.objectValue else { throw fail("(racine)", "un objet JSON { … } est attendu.") }
        let known: Set<String> = ["type", "description", "lecture", "ignorer", "identifiant", "champs", "version"]
        for m in root.members where !known.contains(m.key) {
            throw fail(m.key, "clé inconnue. Clés possibles : \(known.sorted().joined(separator: ", ")).")
        }
        let cibleText = root["type"]?.stringValue ?? "lieu"
        guard let cible = Mapping.Cible(rawValue: cibleText) else {
            throw fail("type", "« \(cibleText) » inconnu ; valeurs possibles : lieu, activite, suivi, service.")
        }
        var mapping = Mapping(nom: name, cible: cible)
        if let lecture = root["lecture"]?.objectValue {
            for m in lecture.members {
                switch m.key {
                case "encodage":
                    guard let t = m.value.stringValue else { throw fail("lecture.encodage", "texte attendu.") }
                    if t != "auto" {
                        guard let e = TextEncoding(declared: t) else { throw fail("lecture.encodage", "« \(t) » inconnu ; utilisez utf-8, windows-1252, utf-16 ou auto.") }
                        mapping.lecture.encoding = e
                    }
                case "separateur":
                    guard let t = m.value.stringValue else { throw fail("lecture.separateur", "texte attendu.") }
                    if t != "auto" {
                        guard let s = CSVDialect.separator(declared: t) else { throw fail("lecture.separateur", "« \(t) » inconnu ; utilisez ; , | tab ou auto.") }
                        mapping.lecture.separator = s
                    }
                case "ligne_entete":
                    guard let n = m.value.scalarText.flatMap({ Int($0) }), n >= 1 else { throw fail("lecture.ligne_entete", "un numéro de ligne (1 ou plus) est attendu.") }
                    mapping.lecture.headerRecord = n
                default:
                    throw fail("lecture.\(m.key)", "clé inconnue ; clés possibles : encodage, separateur, ligne_entete.")
                }
            }
        }
        if let ignorer = root["ignorer"]?.arrayValue {
            for (i, item) in ignorer.enumerated() {
                guard let col = item["colonne"]?.stringValue, let vals = item["valeurs"]?.arrayValue else {
                    throw fail("ignorer[\(i)]", "objet { \"colonne\": …, \"valeurs\": [ … ] } attendu.")
                }
                mapping.ignorer.append((col, Set(vals.compactMap { $0.scalarText.map(TextFolding.key) })))
            }
        }
        if let id = root["identifiant"] {
            if let c = id["colonne"]?.stringValue { mapping.identifiant = [c] }
            else if let cs = id["colonnes"]?.arrayValue { mapping.identifiant = cs.compactMap { $0.stringValue } }
            else if let e = id["empreinte"] {
                guard let cs = strings(e), !cs.isEmpty else { throw fail("identifiant.empreinte", "liste de noms de colonnes attendue, ex. [\"Nom\", \"Adresse\", \"Commune\"].") }
                mapping.empreinte = cs
            }
            else { throw fail("identifiant", "{ \"colonne\": … }, { \"colonnes\": [ … ] } ou { \"empreinte\": [ … ] } attendu.") }
        }
        guard let champs = root["champs"]?.objectValue else {
            throw fail("champs", "objet attendu, qui associe chaque champ cible à sa règle.")
        }
        let allowed: Set<String>
        switch cible {
        case .lieu: allowed = Set(Champ.allCases.map(\.rawValue)).union(champsLieuExtra)
        case .activite: allowed = champsActivite
        case .suivi: allowed = champsSuivi
        case .service: allowed = Set(Champ.allCases.filter(\.isList).map(\.rawValue)).union(["structure_id"])
        }
        for m in champs.members {
            guard allowed.contains(m.key) else {
                throw fail("champs.\(m.key)", "champ cible inconnu pour le type « \(cible.rawValue) ». Champs possibles : \(allowed.sorted().joined(separator: ", ")).")
            }
            mapping.champs.append((m.key, try regle(m.value, key: "champs.\(m.key)", fail: fail, crosswalks: crosswalks)))
        }
        return mapping
    }

    static func strings(_ v: JSONValue?) -> [String]? {
        guard let v else { return nil }
        if let s = v.scalarText { return [s] }
        if let a = v.arrayValue { return a.compactMap { $0.scalarText } }
        return nil
    }

    static func regle(_ v: JSONValue, key: String, fail: (String, String) -> OperationalError, crosswalks: CrosswalkStore) throws -> Mapping.Regle {
        var r = Mapping.Regle()
        if let s = v.stringValue {  // shorthand: "champ": "colonne"
            r.colonnes = [s]
            return r
        }
        guard let o = v.objectValue else { throw fail(key, "une règle { … } ou un nom de colonne est attendu.") }
        let known: Set<String> = ["colonne", "colonnes", "joindre", "valeur", "separateur", "valeurs", "inconnu", "regles", "jours", "format", "defaut", "partie"]
        for m in o.members where !known.contains(m.key) {
            throw fail("\(key).\(m.key)", "clé inconnue ; clés possibles : \(known.sorted().joined(separator: ", ")).")
        }
        if let c = o["colonne"]?.stringValue { r.colonnes = [c] }
        if let cs = o["colonnes"] {
            guard let list = strings(cs) else { throw fail("\(key).colonnes", "liste de noms de colonnes attendue.") }
            r.colonnes = list
        }
        if let j = o["joindre"]?.stringValue { r.joindre = j }
        if let c = o["valeur"] {
            guard let list = strings(c) else { throw fail("\(key).valeur", "texte ou liste de textes attendu.") }
            r.constante = list
        }
        if let s = o["separateur"]?.stringValue { r.separateur = s }
        if let vals = o["valeurs"] {
            if let ref = vals.stringValue {
                guard ref.hasPrefix("@") else { throw fail("\(key).valeurs", "objet { \"terme source\": \"valeur cible\" } ou référence « @nom » à une table de correspondance attendu.") }
                guard let table = crosswalks.table(String(ref.dropFirst())) else {
                    throw fail("\(key).valeurs", "table de correspondance « \(ref.dropFirst()) » introuvable (tables disponibles : \(crosswalks.names.joined(separator: ", "))).")
                }
                r.valeurs = table
            } else if let obj = vals.objectValue {
                var table: [String: [String]] = [:]
                for m in obj.members {
                    guard let targets = strings(m.value) else { throw fail("\(key).valeurs.\(m.key)", "texte ou liste de textes attendu.") }
                    table[TextFolding.key(m.key), default: []].append(contentsOf: targets)
                }
                r.valeurs = table
            } else {
                throw fail("\(key).valeurs", "objet { \"terme source\": \"valeur cible\" } attendu.")
            }
        }
        if let i = o["inconnu"]?.stringValue {
            guard let x = Mapping.Inconnu(rawValue: i) else { throw fail("\(key).inconnu", "« \(i) » inconnu ; valeurs possibles : signaler, garder, ignorer.") }
            r.inconnu = x
        }
        if let regles = o["regles"] {
            guard let arr = regles.arrayValue else { throw fail("\(key).regles", "liste de règles attendue.") }
            for (n, item) in arr.enumerated() {
                let k = "\(key).regles[\(n)]"
                guard let alors = strings(item["alors"]) else { throw fail(k, "« alors » (valeur à produire) manquant.") }
                var cols = strings(item["colonnes"]) ?? []
                if let c = item["colonne"]?.stringValue { cols.append(c) }
                let contient = strings(item["contient"])
                let egal = strings(item["egal"])
                if !cols.isEmpty && contient == nil && egal == nil {
                    throw fail(k, "« contient » ou « egal » (termes à chercher) manquant.")
                }
                r.conditions.append(.init(colonnes: cols, termes: (contient ?? egal ?? []).map(TextFolding.key), egal: egal != nil, alors: alors))
            }
        }
        if let jours = o["jours"] {
            guard let obj = jours.objectValue else { throw fail("\(key).jours", "objet { \"Mo\": \"colonne du lundi\", … } attendu.") }
            let days = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
            for m in obj.members {
                guard days.contains(m.key) else { throw fail("\(key).jours.\(m.key)", "jour inconnu ; utilisez Mo Tu We Th Fr Sa Su.") }
                guard let c = m.value.stringValue else { throw fail("\(key).jours.\(m.key)", "nom de colonne attendu.") }
                r.jours.append((m.key, c))
            }
        }
        if let f = o["format"]?.stringValue {
            let formats = ["jj/mm/aaaa", "aaaa-mm-jj", "iso", "excel", "nombre", "nombre_virgule", "oui_non"]
            guard formats.contains(f) else { throw fail("\(key).format", "« \(f) » inconnu ; formats possibles : \(formats.joined(separator: ", ")).") }
            r.format = f
        }
        if let d = o["defaut"] {
            guard let list = strings(d) else { throw fail("\(key).defaut", "texte ou liste de textes attendu.") }
            r.defaut = list
        }
        if let p = o["partie"] {
            guard let n = p.scalarText.flatMap({ Int($0) }), n == 1 || n == 2 else {
                throw fail("\(key).partie", "1 ou 2 attendu : le premier ou le second nombre d'une cellule qui porte les deux coordonnées (« 43.83, 5.04 »).")
            }
            r.partie = n
        }
        if r.colonnes.isEmpty && r.constante == nil && r.conditions.isEmpty && r.jours.isEmpty && r.defaut == nil {
            throw fail(key, "la règle ne dit d'où vient la valeur : ajoutez « colonne », « colonnes », « valeur », « regles » ou « jours ».")
        }
        return r
    }
}
