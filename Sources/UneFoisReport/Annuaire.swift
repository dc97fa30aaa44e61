import Foundation
import UneFoisCore
import UneFoisModel

/// The professionals' directory (`annuaire.html`, `annuaire.md`, action 3.3): every published
/// place of the territory, commune by commune (one printed page each, communes without any place
/// included), then by service, with opening hours in plain French, contacts, access and
/// accompaniment modes, publics, labels and the appointment link.
public enum Annuaire {
    /// The whole directory as a document (small runs, tests).
    public static func build(_ r: RunResult, carte: CarteCommunes?) -> ReportDocument {
        let plan = Plan(r, carte: carte)
        var doc = plan.document
        var horaires: [String: String] = [:]
        for (k, lieux) in plan.lieux.enumerated() {
            blocs(r, commune: doc.sections[k + 1].title, lieux: lieux, horaires: &horaires) { doc.sections[k + 1].blocks.append($0) }
        }
        return doc
    }

    /// Writes `annuaire.md` and `annuaire.html` as it renders them, card by card, to `markdown`
    /// and `html` (about a megabyte at a time): a national run lists 300,000 places, whose
    /// document would not fit in memory. Each card is built once for both files. Same bytes as
    /// `build(…).markdownBytes()` and `.htmlBytes()`.
    public static func write(_ r: RunResult, carte: CarteCommunes?, markdown: ([UInt8]) throws -> Void, html: ([UInt8]) throws -> Void) throws {
        let plan = Plan(r, carte: carte)
        var md = ReportRenderer(.markdown), ht = ReportRenderer(.html)
        var horaires: [String: String] = [:]
        func bloc(_ b: ReportDocument.Block) throws {
            md.bloc(b)
            ht.bloc(b)
            if md.out.count >= 1 << 20 { try markdown(md.take()) }
            if ht.out.count >= 1 << 20 { try html(ht.take()) }
        }
        md.debut(plan.document)
        ht.debut(plan.document)
        for (k, s) in plan.document.sections.enumerated() {
            md.section(s)
            ht.section(s)
            for b in s.blocks { try bloc(b) }
            if k > 0 { try blocs(r, commune: s.title, lieux: plan.lieux[k - 1], horaires: &horaires, bloc) }
        }
        md.fin(plan.document)
        ht.fin(plan.document)
        try markdown(md.take())
        try html(ht.take())
    }

    /// The directory without its cards: title, foot, the introduction, one (empty) section per
    /// commune in name order, and the places of each, as indices in `r.publies` sorted by name
    /// then id.
    struct Plan: Sendable {
        var document: ReportDocument
        /// Places of `document.sections[k + 1]`.
        var lieux: [[Int]]

        init(_ r: RunResult, carte: CarteCommunes?) {
            var doc = ReportDocument(title: "Annuaire des lieux de médiation numérique — \(r.configuration.territoireNom)")
            doc.piedDePage = "Annuaire pour les professionnels (action 3.3 de la feuille de route) · données au \(Francais.date(r.dateReference))"
            doc.sommaire = true
            var parCommune: [String: [Int]] = [:]
            var noms: [String: String] = [:]
            for k in carte?.communes ?? [] { noms[k.code] = k.nom }
            // With the territory's outlines, only its communes (the places of the territory); else every commune.
            let territoire = carte != nil
            for (i, l) in r.publies.enumerated() {
                let code = l[.codeInsee] ?? ""
                if territoire && noms[code] == nil { continue }
                parCommune[code, default: []].append(i)
                if noms[code] == nil { noms[code] = l[.commune] ?? "commune inconnue" }
            }
            var intro = ReportDocument.Section(title: "Comment lire cet annuaire")
            intro.blocks.append(.paragraph("Pour orienter une personne : cherchez sa commune (une page par commune), puis le service dont elle a besoin. Chaque fiche donne les horaires, le contact, la façon d'être reçu et les publics accueillis. Les informations viennent des sources consolidées par unefois ; l'identifiant en bas de fiche permet d'en retrouver l'origine (« unefois explain »)."))
            let sans = noms.filter { parCommune[$0.key] == nil }.map(\.value).sorted()
            if !sans.isEmpty {
                intro.blocks.append(.paragraph("Communes sans lieu de médiation numérique publié : \(sans.joined(separator: ", ")). Orientez vers la commune voisine ou la France Services la plus proche."))
            }
            doc.sections.append(intro)
            var parNom: [[Int]] = []
            for (code, nom) in noms.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
                doc.sections.append(ReportDocument.Section(title: nom, nouvellePage: true))
                // Sorted on (name, id) read once per place; the rank keeps equals in publication order.
                let cles = (parCommune[code] ?? []).map { Cle(nom: r.publies[$0][.nom] ?? "", id: r.publies[$0][.id] ?? "", rang: $0) }
                parNom.append(cles.sorted(by: Cle.avant).map(\.rang))
            }
            document = doc
            lieux = parNom
        }
    }

    /// A place's sort key. Swift orders strings by their canonical (NFC) form, checking it on
    /// every comparison; text made only of scalars below U+0300 (no combining mark: ASCII and
    /// Latin letters with accents, « », °) is already in that form, where the order is the
    /// order of the UTF-8 bytes — checked once per place here, then compared as bytes.
    struct Cle {
        /// The name's UTF-8 bytes, a 0 byte, the id's: for simple keys, their byte order is the
        /// order of (name, id) (a 0 sorts before any byte of a text that has none).
        let octets: [UInt8]
        let longueurNom: Int
        /// Both texts are in canonical form (no byte from 0xCC: no scalar from U+0300) and hold
        /// no 0 byte.
        let simple: Bool
        let rang: Int
        /// The texts, kept only for a key that is not simple (compared as Swift strings).
        let textes: (nom: String, id: String)?

        init(nom: String, id: String, rang: Int) {
            var octets = Array(nom.utf8)
            longueurNom = octets.count
            octets.append(0)
            octets.append(contentsOf: id.utf8)
            var simple = true
            for (k, b) in octets.enumerated() where b >= 0xCC || (b == 0 && k != longueurNom) { simple = false; break }
            self.octets = octets
            self.simple = simple
            self.rang = rang
            textes = simple ? nil : (nom, id)
        }

        var nomTexte: String { textes?.nom ?? String(decoding: octets[..<longueurNom], as: UTF8.self) }
        var idTexte: String { textes?.id ?? String(decoding: octets[(longueurNom + 1)...], as: UTF8.self) }

        /// `(nom, id, rang) < (nom, id, rang)` as Swift compares strings.
        static func avant(_ a: Cle, _ b: Cle) -> Bool {
            guard a.simple && b.simple else { return (a.nomTexte, a.idTexte, a.rang) < (b.nomTexte, b.idTexte, b.rang) }
            if a.octets != b.octets { return a.octets.lexicographicallyPrecedes(b.octets) }
            return a.rang < b.rang
        }
    }

    /// A commune's blocks, one at a time: which place for which service, then each place's card.
    /// `horaires` keeps the French text of each opening hours value already seen: places of a
    /// network often share their hours.
    static func blocs(_ r: RunResult, commune nom: String, lieux: [Int], horaires: inout [String: String], _ bloc: (ReportDocument.Block) throws -> Void) rethrows {
        if lieux.isEmpty {
            try bloc(.encadre("Aucun lieu de médiation numérique publié dans cette commune."))
            return
        }
        var parService: [String: [String]] = [:]
        for i in lieux {
            let l = r.publies[i]
            for sv in l.liste(.services) { parService[sv, default: []].append(l[.nom] ?? "") }
        }
        if !parService.isEmpty {
            try bloc(.tableau(legende: "\(nom) : quel lieu pour quel service", entetes: ["Service", "Lieux"],
                          lignes: parService.sorted { $0.key < $1.key }.map { [$0.key, $0.value.joined(separator: ", ")] }))
        }
        for i in lieux {
            let l = r.publies[i]
            let texte = l[.horaires].map { h in
                if let t = horaires[h] { return t }
                let t = HorairesFrancais.texte(h) ?? h
                horaires[h] = t
                return t
            }
            try bloc(fiche(l, horaires: texte))
        }
    }

    /// A place's card; `horaires` is its opening hours in French (see ``HorairesFrancais``).
    static func fiche(_ l: Lieu, horaires: String?) -> ReportDocument.Block {
        var lignes: [(libelle: String, valeur: String, lien: String?)] = []
        func add(_ libelle: String, _ v: String?, lien: String? = nil) {
            if let v, !v.isEmpty { lignes.append((libelle, v, lien)) }
        }
        func liste(_ c: Champ) -> String? {
            let v = l.liste(c)
            return v.isEmpty ? nil : v.joined(separator: ", ")
        }
        let adresse = [l[.adresse], l[.complementAdresse], [l[.codePostal], l[.commune]].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }.filter { !$0.isEmpty }
        add("Adresse", adresse.joined(separator: ", "))
        if let horaires {
            add("Horaires", horaires)
        } else {
            add("Horaires", "non renseignés : téléphoner avant de s'y rendre")
        }
        add("Services", liste(.services))
        add("Publics accueillis", liste(.publicsSpecifiquementAdresses))
        add("Prise en charge spécifique", liste(.priseEnChargeSpecifique))
        add("Accès", liste(.modalitesAcces))
        add("Accompagnement", liste(.modalitesAccompagnement))
        add("Frais", liste(.fraisACharge))
        add("Labels et dispositifs", [liste(.dispositifProgrammesNationaux), liste(.formationsLabels), liste(.autresFormationsLabels)].compactMap { $0 }.joined(separator: ", "))
        add("Téléphone", l[.telephone].map(telephone))
        for c in l.liste(.courriels) { add("Courriel", c) }
        for w in l.liste(.siteWeb) { add("Site web", w, lien: w) }
        if let rdv = l[.priseRdv] { add("Prendre rendez-vous", rdv, lien: rdv) }
        add("Identifiant", l[.id])
        return .fiche(titre: l[.nom] ?? "lieu sans nom", lignes: lignes)
    }

    /// `+33490297424` → `04 90 29 74 24`.
    static func telephone(_ t: String) -> String {
        // The usual case (`+33` and nine ASCII digits) on bytes; the general test below otherwise.
        let b = Array(t.utf8)
        if b.count == 12, b.starts(with: "+33".utf8), b.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            var out: [UInt8] = [0x30, b[3]]
            for k in stride(from: 4, to: 12, by: 2) { out += [0xC2, 0xA0, b[k], b[k + 1]] }
            return String(decoding: out, as: UTF8.self)
        }
        guard t.hasPrefix("+33"), t.count == 12, t.dropFirst().allSatisfy(\.isNumber) else { return t }
        let d = Array("0" + t.dropFirst(3))
        return stride(from: 0, to: 10, by: 2).map { String(d[$0...$0 + 1]) }.joined(separator: "\u{A0}")
    }
}
