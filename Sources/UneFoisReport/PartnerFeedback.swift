import UneFoisCore
import UneFoisModel

/// What to send back to each partner (« dites-le-nous une fois »): per source,
/// `retours/<source>.csv` and `retours/<source>.html`, in plain French for someone who is not a
/// data specialist. The problems are grouped by kind (phones, addresses, hours…), each with the
/// line, the column, the value received and what would be accepted; then the repairs made on
/// the partner's behalf, so the export can be fixed once at the source.
///
/// Deterministic: the same issues give the same bytes (fixed kind order, then line, column,
/// code, message; no date in the files).
public enum PartnerFeedback {
    /// A kind of problem as a partner understands it.
    public struct Kind: Sendable, Equatable {
        /// Stable slug (`telephone`, `position`…), also the CSV's `rubrique_code`.
        public var code: String
        /// Heading (French).
        public var titre: String
        /// What would be accepted (French).
        public var attendu: String
    }

    /// The kinds in the order they are listed.
    public static let kinds: [Kind] = [
        Kind(code: "obligatoire", titre: "Informations obligatoires manquantes (ligne non publiée)", attendu: "pour chaque lieu : son nom, son adresse, sa commune, son code postal et la date de la dernière mise à jour de la fiche ; pour chaque activité : sa date, son lieu, sa nature et ses nombres."),
        Kind(code: "identifiant", titre: "Identifiants des lieux", attendu: "un identifiant propre à chaque lieu, qui ne change pas d'un export à l'autre."),
        Kind(code: "fichier", titre: "Forme du fichier", attendu: "le même fichier que d'habitude : les mêmes colonnes, une ligne par lieu, une seule ligne d'en-tête."),
        Kind(code: "telephone", titre: "Numéros de téléphone", attendu: "10 chiffres, par exemple 04 90 12 34 56, saisis comme du texte dans le tableur (sinon le 0 initial se perd)."),
        Kind(code: "courriel", titre: "Adresses électroniques", attendu: "une adresse de la forme nom@domaine.fr ; plusieurs adresses séparées par « ; »."),
        Kind(code: "site-web", titre: "Sites web", attendu: "une adresse complète, par exemple https://www.exemple.fr."),
        Kind(code: "siret", titre: "Numéros SIRET", attendu: "les 14 chiffres du SIRET de l'établissement, à vérifier sur annuaire-entreprises.data.gouv.fr."),
        Kind(code: "code-postal", titre: "Codes postaux", attendu: "5 chiffres, par exemple 84300, saisis comme du texte dans le tableur."),
        Kind(code: "commune", titre: "Communes et codes INSEE", attendu: "le nom officiel de la commune et, si vous l'avez, son code INSEE à 5 chiffres (84035 pour Cavaillon)."),
        Kind(code: "position", titre: "Coordonnées géographiques", attendu: "la latitude et la longitude en degrés décimaux (par exemple 43.8376 et 5.0386), dans deux colonnes ou dans une seule « 43.8376, 5.0386 »."),
        Kind(code: "horaires", titre: "Horaires d'ouverture", attendu: "les jours et les heures, par exemple « du lundi au vendredi de 9h à 12h et de 14h à 17h » ou « mardi 9h-12h » ; les précisions (vacances scolaires…) à part."),
        Kind(code: "date", titre: "Dates", attendu: "une date au format jj/mm/aaaa, par exemple 03/11/2025, saisie comme une date dans le tableur."),
        Kind(code: "nombre", titre: "Nombres", attendu: "un nombre entier positif, sans texte ni unité (par exemple 12)."),
        Kind(code: "vocabulaire", titre: "Valeurs hors de la liste admise (services, publics, labels, partenaires…)", attendu: "une des valeurs de la liste admise, écrite comme dans la liste (l'explication de chaque ligne la rappelle ou la désigne)."),
        Kind(code: "formule", titre: "Cellules qui ressemblent à des formules", attendu: "un texte qui ne commence pas par « = », « + », « - » ou « @ »."),
        Kind(code: "autre", titre: "Autres remarques", attendu: "voir l'explication de chaque ligne."),
    ]

    /// Codes that are about the run or the officer's settings, not the partner's export.
    static let notForPartners: Set<String> = ["hors-territoire", "ignored-row", "blank-row", "state-unreadable", "decision-cle-inconnue", "decision-illisible", "decision-inconnue", "decisions-illisibles", "xml-complex-property", "geometry-not-point", "commune-from-coordinates", "missing-label", "coordinate-pair-incomplete", "crs-converted"]
    /// Codes of repairs made on the partner's behalf (the value is published, corrected).
    static let repairs: Set<String> = ["opening-hours-converted", "leading-zero-lost", "leading-zero-restored", "commune-corrected", "postal-code-from-reference", "coordinates-swapped", "code-insee-replaced", "duplicate-row", "excel-serial-date"]

    /// The kind of an issue: by its code, then by what its message is about.
    public static func kind(of i: Issue) -> Kind {
        func k(_ code: String) -> Kind { kinds.first { $0.code == code }! }
        let m = i.message
        switch i.code {
        case "missing-cell" where !m.hasPrefix("La ligne a") && !m.hasPrefix("Cellule"): return k("obligatoire")
        case "missing-id", "unique-error", "duplicate-row": return k("identifiant")
        case "missing-label", "extra-cell", "missing-cell", "duplicate-label", "blank-label", "encoding-error": return k("fichier")
        case "excel-number-format": return k("telephone")
        case "opening-hours-converted", "opening-hours-unparsed": return k("horaires")
        case "commune-corrected", "commune-mismatch", "code-insee-replaced": return k("commune")
        case "coordinates-swapped", "coordinates-incomplete", "coordinates-unreadable", "crs-unexpected", "crs-missing", "point-outside-commune", "geometry-missing", "geometry-unreadable": return k("position")
        case "postal-code-from-reference": return k("code-postal")
        case "excel-serial-date": return k("date")
        case "vocabulary-unknown": return k("vocabulaire")
        case "formula-injection": return k("formule")
        default: break
        }
        if m.hasPrefix("Lieu rejeté") { return k("obligatoire") }
        if m.hasPrefix("Téléphone") { return k("telephone") }
        if m.hasPrefix("Courriel") { return k("courriel") }
        if m.hasPrefix("Site web") { return k("site-web") }
        if m.hasPrefix("SIRET") { return k("siret") }
        if m.hasPrefix("Code postal") { return k("code-postal") }
        if m.hasPrefix("Code INSEE") || m.hasPrefix("La commune") { return k("commune") }
        if m.hasPrefix("Coordonnées") || m.hasPrefix("Latitude") || m.hasPrefix("Longitude") { return k("position") }
        if m.hasPrefix("Date") || m.contains("date aaaa-mm-jj") || m.contains("jj/mm/aaaa") || m.contains("pour le champ « date") { return k("date") }
        if m.contains("n'est pas un nombre") || m.contains("n'est pas un entier") || m.contains("nombre attendu") { return k("nombre") }
        if m.hasPrefix("Horaires") { return k("horaires") }
        if m.contains("non reconnue(s) par le standard") || m.contains("n'est pas une valeur autorisée") || m.contains("ne respecte pas le format attendu") || m.contains("inconnu") { return k("vocabulaire") }
        return k("autre")
    }

    /// The value the message quotes first (« … »), for issues located on a line.
    /// Empty when the first quotation names a column or a field rather than a value.
    static func valeur(_ i: Issue) -> String {
        guard i.line != nil, !["missing-cell", "extra-cell", "missing-label", "missing-id"].contains(i.code) else { return "" }
        // On the message's UTF-8 bytes (a national run has hundreds of thousands of issues):
        // « is C2 AB and » is C2 BB; the words looked for before it are ASCII.
        var message = i.message
        return message.withUTF8 { b in
            guard let open = first([0xC2, 0xAB, 0x20], in: b, from: 0),
                  let close = first([0x20, 0xC2, 0xBB], in: b, from: open + 3) else { return "" }
            if first(Array("champ".utf8), in: b, from: 0, before: open) != nil || first(Array("colonne".utf8), in: b, from: 0, before: open) != nil { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: b[(open + 3)..<close]), as: UTF8.self)
        }
    }

    /// Where `needle` first starts in `b` at or after `from`, ending at or before `end`.
    private static func first(_ needle: [UInt8], in b: UnsafeBufferPointer<UInt8>, from: Int, before end: Int? = nil) -> Int? {
        let last = (end ?? b.count) - needle.count
        guard from <= last else { return nil }
        for k in from...last where b[k] == needle[0] {
            var j = 1
            while j < needle.count && b[k + j] == needle[j] { j += 1 }
            if j == needle.count { return k }
        }
        return nil
    }

    /// One row of the feedback.
    struct Row {
        var repair: Bool
        var kind: Kind
        var issue: Issue
        var valeur: String
    }

    static func rows(_ issues: [Issue]) -> [Row] {
        let order = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1.code, $0) })
        let rows = issues.filter { !notForPartners.contains($0.code) }.map { i in
            Row(repair: repairs.contains(i.code) && (i.severity == .info || ["coordinates-swapped", "code-insee-replaced"].contains(i.code)),
                kind: kind(of: i), issue: i, valeur: valeur(i))
        }
        // The kind's rank looked up once per row, not at every comparison.
        let rank = rows.map { order[$0.kind.code]! }
        return rows.indices.sorted { x, y in
            let a = rows[x], b = rows[y]
            if a.repair != b.repair { return !a.repair }
            if rank[x] != rank[y] { return rank[x] < rank[y] }
            if a.issue.file != b.issue.file { return a.issue.file < b.issue.file }
            if (a.issue.line ?? 0) != (b.issue.line ?? 0) { return (a.issue.line ?? 0) < (b.issue.line ?? 0) }
            if (a.issue.field ?? "") != (b.issue.field ?? "") { return (a.issue.field ?? "") < (b.issue.field ?? "") }
            if a.issue.code != b.issue.code { return a.issue.code < b.issue.code }
            return a.issue.message < b.issue.message
        }.map { rows[$0] }
    }

    /// File name for a source: its name with anything but letters, digits, `-`, `_` and `.` replaced.
    public static func fileName(_ source: String) -> String {
        let safe = String(source.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
        return safe.isEmpty || safe.hasPrefix(".") ? "source-" + safe : safe
    }

    /// The CSV for one source (`;`-separated with a UTF-8 BOM, so a French spreadsheet opens it
    /// as is): nature, rubrique, fichier, ligne, colonne, valeur reçue, ce qui est attendu, explication.
    public static func csv(source: String, issues: [Issue]) -> [UInt8] {
        csv(rows(issues.filter { $0.source == source }))
    }

    static func csv(_ rows: [Row]) -> [UInt8] {
        var w = CSVWriter(protectFormulas: true, separator: UInt8(ascii: ";"))
        w.row(["nature", "rubrique", "rubrique_code", "fichier", "ligne", "colonne", "valeur_recue", "ce_qui_est_attendu", "explication", "code"])
        for r in rows {
            w.row([r.repair ? "réparé pour vous" : "à corriger", r.kind.titre, r.kind.code, r.issue.file, r.issue.line.map(String.init) ?? "",
                   r.issue.field ?? "", r.valeur, r.repair ? "" : r.kind.attendu, r.issue.message, r.issue.code])
        }
        return [0xEF, 0xBB, 0xBF] + w.bytes
    }

    /// The HTML page for one source, built from a ``ReportDocument``.
    public static func document(run: SourceRun, issues: [Issue]) -> ReportDocument {
        document(run: run, rows: rows(issues.filter { $0.source == run.spec.nom }))
    }

    static func document(run: SourceRun, rows all: [Row]) -> ReportDocument {
        let source = run.spec.nom
        let problems = all.filter { !$0.repair }, repaired = all.filter(\.repair)
        var doc = ReportDocument(title: "Retours pour la source « \(source) »")
        var bref = ReportDocument.Section(title: "En bref")
        let files = run.spec.chemins.map { FileManagerShim.fileName($0) }.joined(separator: ", ")
        bref.blocks.append(.paragraph("Fichier reçu : \(files). Lignes lues : \(run.enregistrementsLus) ; lieux publiés : \(run.lieux) ; lignes non publiées : \(run.rejets)."))
        if let e = run.echec {
            bref.blocks.append(.paragraph("Le fichier n'a pas pu être lu cette nuit : \(e.message)"))
        }
        if problems.isEmpty && repaired.isEmpty && run.echec == nil {
            bref.blocks.append(.paragraph("Rien à corriger : merci ! Vos données sont publiées telles quelles."))
        } else {
            bref.blocks.append(.paragraph("\(problems.count) point(s) à corriger dans votre fichier, \(repaired.count) réparation(s) faite(s) pour vous. Corriger ces points dans votre fichier d'origine évite qu'ils reviennent à chaque export : « dites-le-nous une fois »."))
        }
        doc.sections.append(bref)
        func sections(_ rows: [Row], repair: Bool) {
            var i = 0
            while i < rows.count {
                let kind = rows[i].kind
                var j = i
                while j < rows.count, rows[j].kind == kind { j += 1 }
                var s = ReportDocument.Section(title: (repair ? "Réparé pour vous : " : "À corriger : ") + kind.titre + " (\(j - i))")
                if !repair { s.blocks.append(.paragraph("Ce qui est attendu : " + kind.attendu)) }
                s.blocks.append(.table(header: ["Ligne", "Colonne", "Valeur reçue", repair ? "Ce qui a été fait" : "Ce qui ne va pas"],
                                       rows: rows[i..<j].map { [$0.issue.line.map(String.init) ?? "", $0.issue.field ?? "", $0.valeur, $0.issue.message] }))
                doc.sections.append(s)
                i = j
            }
        }
        sections(problems, repair: false)
        sections(repaired, repair: true)
        return doc
    }

    /// Every file of `retours/` for a run: `<source>.csv` and `<source>.html` for each source.
    public static func files(_ result: RunResult) -> [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        for run in result.sources {
            let base = fileName(run.spec.nom)
            let rows = rows(result.issues.filter { $0.source == run.spec.nom })
            out.append((base + ".csv", csv(rows)))
            out.append((base + ".html", Array(document(run: run, rows: rows).html().utf8)))
        }
        return out
    }
}
