import Foundation
import UneFoisCore
import UneFoisModel

/// The professionals' directory (`annuaire.html`, `annuaire.md`, action 3.3): every published
/// place of the territory, commune by commune (one printed page each, communes without any place
/// included), then by service, with opening hours in plain French, contacts, access and
/// accompaniment modes, publics, labels and the appointment link.
public enum Annuaire {
    public static func build(_ r: RunResult, carte: CarteCommunes?) -> ReportDocument {
        var doc = ReportDocument(title: "Annuaire des lieux de médiation numérique — \(r.configuration.territoireNom)")
        doc.piedDePage = "Annuaire pour les professionnels (action 3.3 de la feuille de route) · données au \(Francais.date(r.dateReference))"
        doc.sommaire = true
        var parCommune: [String: [Lieu]] = [:]
        var noms: [String: String] = [:]
        for k in carte?.communes ?? [] { noms[k.code] = k.nom }
        // With the territory's outlines, only its communes (the places of the territory); else every commune.
        let territoire = carte != nil
        for l in r.publies {
            let code = l[.codeInsee] ?? ""
            if territoire && noms[code] == nil { continue }
            parCommune[code, default: []].append(l)
            if noms[code] == nil { noms[code] = l[.commune] ?? "commune inconnue" }
        }
        var intro = ReportDocument.Section(title: "Comment lire cet annuaire")
        intro.blocks.append(.paragraph("Pour orienter une personne : cherchez sa commune (une page par commune), puis le service dont elle a besoin. Chaque fiche donne les horaires, le contact, la façon d'être reçu et les publics accueillis. Les informations viennent des sources consolidées par unefois ; l'identifiant en bas de fiche permet d'en retrouver l'origine (« unefois explain »)."))
        let sans = noms.filter { (parCommune[$0.key] ?? []).isEmpty }.map(\.value).sorted()
        if !sans.isEmpty {
            intro.blocks.append(.paragraph("Communes sans lieu de médiation numérique publié : \(sans.joined(separator: ", ")). Orientez vers la commune voisine ou la France Services la plus proche."))
        }
        doc.sections.append(intro)
        for (code, nom) in noms.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            var s = ReportDocument.Section(title: nom, nouvellePage: true)
            let lieux = (parCommune[code] ?? []).sorted { ($0[.nom] ?? "", $0[.id] ?? "") < ($1[.nom] ?? "", $1[.id] ?? "") }
            if lieux.isEmpty {
                s.blocks.append(.encadre("Aucun lieu de médiation numérique publié dans cette commune."))
                doc.sections.append(s)
                continue
            }
            var parService: [String: [String]] = [:]
            for l in lieux { for sv in l.liste(.services) { parService[sv, default: []].append(l[.nom] ?? "") } }
            if !parService.isEmpty {
                s.blocks.append(.tableau(legende: "\(nom) : quel lieu pour quel service", entetes: ["Service", "Lieux"],
                                         lignes: parService.sorted { $0.key < $1.key }.map { [$0.key, $0.value.joined(separator: ", ")] }))
            }
            for l in lieux { s.blocks.append(fiche(l)) }
            doc.sections.append(s)
        }
        return doc
    }

    static func fiche(_ l: Lieu) -> ReportDocument.Block {
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
        if let h = l[.horaires] {
            add("Horaires", HorairesFrancais.texte(h) ?? h)
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
        guard t.hasPrefix("+33"), t.count == 12, t.dropFirst().allSatisfy(\.isNumber) else { return t }
        let d = Array("0" + t.dropFirst(3))
        return stride(from: 0, to: 10, by: 2).map { String(d[$0...$0 + 1]) }.joined(separator: "\u{A0}")
    }
}
