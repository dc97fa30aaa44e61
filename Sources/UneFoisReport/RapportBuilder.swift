import Foundation
import UneFoisCore
import UneFoisModel

/// Writes the indicator report, section by section, and the dashboard rows beside it. Every count
/// of people goes through ``Publication`` (masked in the public report, exact in the internal one).
struct RapportBuilder {
    let d: Donnees
    let pub: Publication
    var csv: [Indicateur] = []
    var bilan: ReportDocument?

    init(_ d: Donnees, _ pub: Publication) {
        self.d = d
        self.pub = pub
    }

    var periode: Periode { d.c.periode }
    var interne: Bool { pub.mode == .interne }

    mutating func construire() -> (ReportDocument, [Indicateur]) {
        let r = d.r
        let territoire = r.configuration.territoireNom
        var doc = ReportDocument(title: "Rapport d'indicateurs de la feuille de route de l'inclusion numérique — \(territoire), \(periode.libelle)")
        doc.piedDePage = "\(territoire) · période : \(periode.libelle) (du \(Francais.date(periode.du)) au \(Francais.date(periode.au))) · données arrêtées au \(Francais.date(r.dateReference))"
        if interne { doc.bandeau = "Document interne — chiffres exacts non soumis au secret statistique, ne pas diffuser" }
        doc.sommaire = true
        doc.sections.append(chiffresCles())
        doc.sections.append(vueEnsemble())
        for axe in d.f.axes { doc.sections.append(sectionAxe(axe)) }
        doc.sections.append(territoireSection())
        doc.sections.append(methode())
        mensuel()
        if d.c.bilan { bilan = construireBilan() }
        return (doc, csv)
    }

    // MARK: Helpers

    func personnes(_ idx: [Int], _ tableau: String) -> (texte: String, valeur: Int?) {
        pub.personnes(d.atomes(idx), tableau: tableau)
    }

    func personnesSuivis(_ idx: [Int], _ tableau: String) -> (texte: String, valeur: Int?) {
        pub.personnes(d.atomesSuivis(idx), tableau: tableau)
    }

    mutating func ligne(_ periode: String, _ action: FeuilleDeRoute.Action?, _ indicateur: String, _ libelle: String,
                        commune: String = "", valeur: (texte: String, valeur: Int?), unite: String) {
        let statut = valeur.valeur != nil ? "publie" : valeur.texte == "secret" ? "secret" : "masque"
        csv.append(Indicateur(periode: periode, axe: action?.axe ?? "", action: action?.numero ?? "", actionLibelle: action?.libelle ?? "ensemble",
                              indicateur: indicateur, indicateurLibelle: libelle, codeInsee: commune, commune: commune.isEmpty ? "" : d.nomCommune[commune] ?? commune,
                              valeur: valeur.valeur.map(String.init) ?? "", unite: unite, statut: statut))
    }

    func comparaison(_ courant: Int?, _ avant: (texte: String, valeur: Int?)?) -> String? {
        guard let avant else { return "un an plus tôt : pas de données" }
        guard let a = avant.valeur else { return "un an plus tôt : \(avant.texte)" }
        guard let c = courant, a > 0 else { return "un an plus tôt : \(avant.texte)" }
        let delta = Int((Double(c - a) * 100 / Double(a)).rounded())
        return "un an plus tôt : \(avant.texte) (\(delta >= 0 ? "+" : "−")\(abs(delta))\u{A0}%)"
    }

    // MARK: Key figures

    mutating func chiffresCles() -> ReportDocument.Section {
        var s = ReportDocument.Section(title: "Chiffres clés")
        let prev = periode.anneePrecedente
        let hasPrev = d.aDesDonnees(prev)
        let a11 = "1:1.1"
        let ind = d.activites(periode, action: a11, nature: .individuel)
        let coll = d.activites(periode, nature: .collectif)
        let dem = d.activites(periode, nature: .demarche)
        let tous = d.activites(periode)
        let form = d.suivis(periode, type: "formation_aidants")
        for src in d.r.sources {
            if let e = src.echec {
                s.blocks.append(.encadre("Attention : la source « \(src.spec.nom) » n'a pas pu être lue cette nuit (mise en quarantaine : \(e.message)). Les chiffres qui en dépendent sont incomplets ; voir le journal."))
            }
        }
        var cs: [ReportDocument.Chiffre] = []
        cs.append(.init(libelle: "lieux de médiation numérique publiés", valeur: Francais.n(d.lieux.territoire), comparaison: "état au \(Francais.date(d.r.dateReference))"))
        cs.append(.init(libelle: "communes sur \(d.communes.count) ont au moins un lieu", valeur: Francais.n(d.lieux.communesCouvertes), comparaison: nil))
        let pInd = personnes(ind, "cles")
        let pIndAvant = hasPrev ? personnes(d.activites(prev, action: a11, nature: .individuel), "cles-avant") : nil
        cs.append(.init(libelle: "personnes accompagnées individuellement (action 1.1)", valeur: pInd.texte, comparaison: comparaison(pInd.valeur, pIndAvant)))
        let demAvant = hasPrev ? d.nombre(d.activites(prev, nature: .demarche)) : nil
        cs.append(.init(libelle: "démarches accompagnées en France Services", valeur: Francais.n(d.nombre(dem)),
                        comparaison: comparaison(d.nombre(dem), demAvant.map { (Francais.n($0), $0) })))
        let collAvant = hasPrev ? d.activites(prev, nature: .collectif).count : nil
        cs.append(.init(libelle: "séances d'ateliers collectifs", valeur: Francais.n(coll.count), comparaison: comparaison(coll.count, collAvant.map { (Francais.n($0), $0) })))
        let pColl = personnes(coll, "cles")
        let pCollAvant = hasPrev ? personnes(d.activites(prev, nature: .collectif), "cles-avant") : nil
        cs.append(.init(libelle: "participations aux ateliers", valeur: pColl.texte, comparaison: comparaison(pColl.valeur, pCollAvant)))
        let h = d.minutes(tous) / 60
        let hAvant = hasPrev ? d.minutes(d.activites(prev)) / 60 : nil
        cs.append(.init(libelle: "heures d'accompagnement, d'ateliers et de démarches", valeur: Francais.n(h), comparaison: comparaison(h, hAvant.map { (Francais.n($0), $0) })))
        let pForm = personnesSuivis(form, "cles")
        let pFormAvant = hasPrev ? personnesSuivis(d.suivis(prev, type: "formation_aidants"), "cles-avant") : nil
        cs.append(.init(libelle: "aidants numériques formés (participations)", valeur: pForm.texte, comparaison: comparaison(pForm.valeur, pFormAvant)))
        s.blocks.append(.chiffres(cs))
        if !hasPrev {
            s.blocks.append(.paragraph("Les données ne remontent pas à la même période un an plus tôt (\(periode.anneePrecedente.libelle)) : pas de comparaison possible."))
        }
        s.blocks.append(.paragraph("Ce rapport couvre la période \(periode.libelle), du \(Francais.date(periode.du)) au \(Francais.date(periode.au)). Il suit la structure de la feuille de route : axe 1 (accompagner), axe 2 (sensibiliser), axe 3 (animer le réseau), puis le territoire commune par commune."))
        var liens: [(texte: String, cible: String)] = [
            ("Journal technique de l'exécution (sources lues, détections, réparations, fusions, problèmes)", "journal.html"),
            ("Annuaire des lieux pour les professionnels (action 3.3)", "annuaire.html"),
            ("Tableau de bord : tous les indicateurs mois par mois (indicateurs.csv, indicateurs.xlsx)", "indicateurs.csv"),
        ]
        if interne { liens.insert(("Rapport public (chiffres soumis au secret statistique)", "rapport.html"), at: 0) }
        s.blocks.append(.liens(liens))
        return s
    }

    // MARK: Overview

    mutating func vueEnsemble() -> ReportDocument.Section {
        var s = ReportDocument.Section(title: "Vue d'ensemble par action")
        var rows: [[String]] = []
        for a in d.f.actions {
            let ind = d.activites(periode, action: a.id, nature: .individuel)
            let coll = d.activites(periode, action: a.id, nature: .collectif)
            let dem = d.activites(periode, action: a.id, nature: .demarche)
            let sv = d.suivis(periode, action: a.id)
            let pInd = ind.isEmpty ? "—" : personnes(ind, "ensemble-ind").texte
            let pColl = coll.isEmpty ? "—" : personnes(coll, "ensemble-coll").texte
            let pSuivi = sv.isEmpty ? "—" : personnesSuivis(sv, "ensemble-suivi").texte
            let h = d.minutes(ind + coll + dem) + Int(sv.reduce(0.0) { $0 + (d.r.suivis[$1].dureeHeures ?? 0) } * 60)
            rows.append([a.titre, pInd, coll.isEmpty ? "—" : Francais.n(coll.count), pColl, dem.isEmpty ? "—" : Francais.n(d.nombre(dem)),
                         sv.isEmpty ? "—" : Francais.n(sv.count), pSuivi, h == 0 ? "—" : Francais.heures(minutes: h)])
        }
        s.blocks.append(.tableau(legende: "Réalisations par action de la feuille de route, \(periode.libelle)",
                                 entetes: ["Action", "Personnes accompagnées individuellement", "Séances d'ateliers", "Participations aux ateliers", "Démarches", "Actions du suivi (formations, réunions, événements)", "Participants aux actions du suivi", "Heures"],
                                 lignes: rows))
        let hors = d.r.activites.indices.filter { periode.contient(d.r.activites[$0].date) && d.actionActivite[$0] == nil }.count
            + d.r.suivis.indices.filter { periode.contient(d.r.suivis[$0].date) && d.actionSuivi[$0] == nil }.count
        if hors > 0 {
            s.blocks.append(.paragraph("\(Francais.n(hors)) enregistrement(s) de la période ne relèvent d'aucune action de la feuille de route : ils ne sont pas comptés ici (voir le journal)."))
        }
        return s
    }

    // MARK: Axes

    mutating func sectionAxe(_ axe: FeuilleDeRoute.Axe) -> ReportDocument.Section {
        var s = ReportDocument.Section(title: "Axe \(axe.axe) — \(axe.titre)", nouvellePage: true)
        // The axe's ateliers month by month, one series per action (sessions: not counts of people).
        let avecAteliers = axe.actions.filter { !d.activites(periode, action: $0.id, nature: .collectif).isEmpty }
        if avecAteliers.count > 1 {
            let mois = periode.mois
            let couleurs = [Graphiques.bleu, Graphiques.orange, Graphiques.vert, Graphiques.rouge, Graphiques.gris]
            let series = avecAteliers.enumerated().map { k, a in
                (nom: "action \(a.numero)", valeurs: parMois(d.activites(periode, action: a.id, nature: .collectif)) { _ in 1 }, couleur: couleurs[k % couleurs.count])
            }
            s.blocks.append(.figure(svg: Graphiques.barres(id: "axe\(axe.axe)", titre: "Séances d'ateliers par mois, axe \(axe.axe)", categories: mois.map(Francais.moisCourt),
                                                           series: series.map { ($0.nom, $0.valeurs.map { Optional($0) }, $0.couleur) }),
                                    legende: "Figure — séances d'ateliers de l'axe \(axe.axe) par mois et par action, \(periode.libelle)",
                                    alternative: "Diagramme en barres groupées ; les valeurs sont dans le tableau qui suit."))
            s.blocks.append(.tableau(legende: "Séances d'ateliers de l'axe \(axe.axe) par mois", entetes: ["Mois"] + avecAteliers.map { "Action \($0.numero) — \($0.libelle)" },
                                     lignes: mois.indices.map { k in [Francais.mois(mois[k])] + series.map { Francais.n($0.valeurs[k]) } }))
        }
        for a in axe.actions {
            s.blocks.append(.titre(a.titre))
            if !a.objectif.isEmpty { s.blocks.append(.encadre("Objectif de la feuille de route : \(a.objectif)")) }
            switch (a.axe, a.numero) {
            case ("1", "1.1"): action11(a, &s)
            case ("1", "1.2"): action12(a, &s)
            case ("3", "3.1"): action31(a, &s)
            case ("3", "3.2"): action32(a, &s)
            case ("3", "3.3"): action33(a, &s)
            case ("3", "3.4"): action34(a, &s)
            default: actionAteliers(a, &s)
            }
        }
        return s
    }

    /// Monthly chart values for some activities: count per month.
    func parMois(_ idx: [Int], _ valeur: (Int) -> Int) -> [Int] {
        let mois = periode.mois
        var v = Array(repeating: 0, count: mois.count)
        for i in idx {
            if let k = mois.firstIndex(of: String(d.r.activites[i].date.prefix(7))) { v[k] += valeur(i) }
        }
        return v
    }

    func idxParMois(_ idx: [Int]) -> [[Int]] {
        let mois = periode.mois
        var out = Array(repeating: [Int](), count: mois.count)
        for i in idx { if let k = mois.firstIndex(of: String(d.r.activites[i].date.prefix(7))) { out[k].append(i) } }
        return out
    }

    mutating func action11(_ a: FeuilleDeRoute.Action, _ s: inout ReportDocument.Section) {
        let ind = d.activites(periode, action: a.id, nature: .individuel)
        let coll = d.activites(periode, action: a.id, nature: .collectif)
        let collMed = d.activites(periode, nature: .collectif).filter { d.lieu(d.r.activites[$0]).map(TypeLieu.init) == .mediatheque }
        let total = personnes(ind, "1.1-total")
        let rdv = ind.filter { d.r.activites[$0].avecRdv == true }, sansRdv = ind.filter { d.r.activites[$0].avecRdv == false }
        let inconnu = ind.count - rdv.count - sansRdv.count
        var items = ["\(total.texte) personnes accompagnées individuellement (un accompagnement individuel compte une personne), \(Francais.heures(minutes: d.minutes(ind))) d'accompagnement."]
        if inconnu == ind.count {
            items.append("Avec ou sans rendez-vous : non renseigné par la source (l'export de La Coop ne le dit pas).")
        } else {
            items.append("Sur rendez-vous : \(personnes(rdv, "1.1-rdv").texte) ; sans rendez-vous : \(personnes(sansRdv, "1.1-rdv").texte) ; non renseigné : \(personnes(ind.filter { d.r.activites[$0].avecRdv == nil }, "1.1-rdv").texte).")
        }
        items.append("Ateliers collectifs en médiathèque : \(Francais.n(collMed.count)) séances (détaillées par thème à l'axe 2)" + (coll.isEmpty ? "." : " dont \(Francais.n(coll.count)) rattachées à l'action 1.1."))
        s.blocks.append(.list(items))
        // Month by month.
        let mois = periode.mois
        let parMoisIdx = idxParMois(ind)
        let cells = parMoisIdx.map { personnes($0, "1.1-mois") }
        let collParMois = parMois(collMed) { _ in 1 }
        s.blocks.append(.figure(svg: Graphiques.barres(id: "g11", titre: "Accompagnements individuels et ateliers en médiathèque par mois",
                                                       categories: mois.map(Francais.moisCourt),
                                                       series: [("Personnes accompagnées individuellement", cells.map(\.valeur), Graphiques.bleu),
                                                                ("Séances d'ateliers en médiathèque", collParMois.map { Optional($0) }, Graphiques.orange)]),
                                legende: "Figure — action 1.1 mois par mois, \(periode.libelle)",
                                alternative: "Diagramme en barres ; les valeurs sont dans le tableau qui suit." + (cells.contains { $0.valeur == nil } ? " Les mois dont le nombre est masqué ne sont pas dessinés." : "")))
        s.blocks.append(.tableau(legende: "Action 1.1 par mois", entetes: ["Mois", "Personnes accompagnées individuellement", "Séances d'ateliers en médiathèque"],
                                 lignes: mois.indices.map { [Francais.mois(mois[$0]), cells[$0].texte, Francais.n(collParMois[$0])] }))
        // Per médiathèque.
        var parLieu: [String: [Int]] = [:]
        for i in ind { parLieu[d.nomLieu(d.r.activites[i]), default: []].append(i) }
        var collLieu: [String: Int] = [:]
        for i in collMed { collLieu[d.nomLieu(d.r.activites[i]), default: 0] += 1 }
        let lieux = Set(parLieu.keys).union(collLieu.keys).sorted()
        s.blocks.append(.tableau(legende: "Action 1.1 par lieu", entetes: ["Lieu", "Personnes accompagnées individuellement", "Heures d'accompagnement", "Séances d'ateliers"],
                                 lignes: lieux.map { k in [k, personnes(parLieu[k] ?? [], "1.1-lieu").texte, Francais.heures(minutes: d.minutes(parLieu[k] ?? [])), Francais.n(collLieu[k] ?? 0)] }))
        // Themes (an accompaniment can have several).
        var parTheme: [String: [Int]] = [:]
        for i in ind { for t in Set(d.r.activites[i].thematiques) { parTheme[t, default: []].append(i) } }
        let themes = parTheme.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        s.blocks.append(.tableau(legende: "Thèmes des accompagnements individuels (un accompagnement peut en avoir plusieurs)",
                                 entetes: ["Thème", "Accompagnements"], lignes: themes.map { [$0.key, personnes($0.value, "1.1-theme").texte] }))
    }

    mutating func action12(_ a: FeuilleDeRoute.Action, _ s: inout ReportDocument.Section) {
        let dem = d.activites(periode, action: a.id, nature: .demarche)
        let rdv = dem.filter { d.r.activites[$0].avecRdv == true }
        s.blocks.append(.list(["\(Francais.n(d.nombre(dem))) démarches accompagnées, dont \(Francais.n(d.nombre(rdv))) sur rendez-vous (\(Francais.pourcent(d.nombre(rdv), d.nombre(dem)))), \(Francais.heures(minutes: d.minutes(dem)))."]))
        var fs: [String] = []
        var parts: [String] = []
        var m: [String: [String: Int]] = [:]
        for i in dem {
            let act = d.r.activites[i]
            let k = d.nomLieu(act), p = act.partenaire ?? "partenaire non reconnu"
            if !fs.contains(k) { fs.append(k) }
            if !parts.contains(p) { parts.append(p) }
            m[k, default: [:]][p, default: 0] += max(0, act.nombre)
        }
        fs.sort(); parts.sort()
        let totaux = parts.map { p in fs.reduce(0) { $0 + (m[$1]?[p] ?? 0) } }
        s.blocks.append(.figure(svg: Graphiques.barresHorizontales(id: "g12", titre: "Démarches par partenaire", libelles: parts, valeurs: totaux.map { Optional($0) }),
                                legende: "Figure — démarches accompagnées par partenaire, \(periode.libelle)",
                                alternative: parts.indices.map { "\(parts[$0]) : \(Francais.n(totaux[$0]))" }.joined(separator: " ; ") + "."))
        s.blocks.append(.tableau(legende: "Démarches accompagnées par partenaire et par France Services", entetes: ["Partenaire"] + fs + ["Total"],
                                 lignes: parts.indices.map { j in [parts[j]] + fs.map { Francais.n(m[$0]?[parts[j]] ?? 0) } + [Francais.n(totaux[j])] }
                                    + [["Total"] + fs.map { k in Francais.n(m[k]?.values.reduce(0, +) ?? 0) } + [Francais.n(d.nombre(dem))]]))
    }

    /// Collective workshops (Axe 1 · 2.2 and Axe 2).
    mutating func actionAteliers(_ a: FeuilleDeRoute.Action, _ s: inout ReportDocument.Section) {
        let coll = d.activites(periode, action: a.id, nature: .collectif)
        let sv = d.suivis(periode, action: a.id)
        let tag = a.id
        s.blocks.append(.list(["\(Francais.n(coll.count)) séances d'ateliers, \(personnes(coll, "\(tag)-total").texte) participations, \(Francais.heures(minutes: d.minutes(coll)))."]))
        if coll.isEmpty && sv.isEmpty { return }
        var parLieu: [String: [Int]] = [:]
        for i in coll { parLieu[d.nomLieu(d.r.activites[i]), default: []].append(i) }
        s.blocks.append(.tableau(legende: "\(a.titre) : par lieu", entetes: ["Lieu", "Séances", "Participations", "Heures"],
                                 lignes: parLieu.keys.sorted().map { k in [k, Francais.n(parLieu[k]!.count), personnes(parLieu[k]!, "\(tag)-lieu").texte, Francais.heures(minutes: d.minutes(parLieu[k]!))] }))
        var parTheme: [String: [Int]] = [:]
        for i in coll { parTheme[d.r.activites[i].atelier ?? "atelier sans nom", default: []].append(i) }
        if parTheme.count > 1 {
            s.blocks.append(.tableau(legende: "\(a.titre) : par atelier", entetes: ["Atelier", "Séances", "Participations"],
                                     lignes: parTheme.keys.sorted().map { k in [k, Francais.n(parTheme[k]!.count), personnes(parTheme[k]!, "\(tag)-atelier").texte] }))
        }
        if let tf = a.tempsFort {
            let jour = coll.filter { (d.r.activites[$0].atelier ?? "").localizedCaseInsensitiveContains(tf) }
            let ev = sv.filter { d.r.suivis[$0].libelle.localizedCaseInsensitiveContains(tf) }
            var txt = "Temps fort de l'année, \(tf) : "
            if jour.isEmpty && ev.isEmpty { txt += "aucune activité enregistrée sur la période." } else {
                let dates = Set(jour.map { d.r.activites[$0].date } + ev.map { d.r.suivis[$0].date }).sorted().map(Francais.date)
                txt += "le \(dates.joined(separator: ", ")) : \(Francais.n(jour.count)) séance(s) d'ateliers (\(personnes(jour, "\(tag)-tempsfort").texte) participations)"
                if !ev.isEmpty { txt += " et \(Francais.n(ev.count)) événement(s) (\(personnesSuivis(ev, "\(tag)-tempsfort-ev").texte) participants)" }
                txt += "."
            }
            s.blocks.append(.paragraph(txt))
        }
        if a.axe == "2" && a.numero == "2.3" {
            s.blocks.append(.paragraph("Publics : les niveaux scolaires des groupes ne sont pas renseignés dans les sources actuelles (à ajouter à l'export des ateliers)."))
        }
        let mois = periode.mois
        let cells = idxParMois(coll).map { personnes($0, "\(tag)-mois") }
        let seances = parMois(coll) { _ in 1 }
        s.blocks.append(.tableau(legende: "\(a.titre) : par mois", entetes: ["Mois", "Séances", "Participations"],
                                 lignes: mois.indices.map { [Francais.mois(mois[$0]), Francais.n(seances[$0]), cells[$0].texte] }))
    }

    mutating func action31(_ a: FeuilleDeRoute.Action, _ s: inout ReportDocument.Section) {
        let form = d.suivis(periode, action: a.id, type: "formation_aidants")
        let imm = d.suivis(periode, action: a.id).filter { d.r.suivis[$0].type == "immersion" || d.r.suivis[$0].libelle.localizedCaseInsensitiveContains("Vis mon job") }
        let autres = d.suivis(periode, action: a.id).filter { !form.contains($0) && !imm.contains($0) }
        s.blocks.append(.list(["\(Francais.n(form.count)) sessions de formation d'aidants numériques, \(personnesSuivis(form, "3.1-total").texte) participations, \(Francais.decimal(form.reduce(0.0) { $0 + (d.r.suivis[$1].dureeHeures ?? 0) })) h de formation.",
                               "\(Francais.n(imm.count)) immersions « Vis mon job »."]))
        s.blocks.append(.tableau(legende: "Formations d'aidants numériques", entetes: ["Date", "Formation", "Commune", "Participants", "Durée"],
                                 lignes: (form + autres).map { i in let x = d.r.suivis[i]
                                     return [Francais.date(x.date), x.libelle, x.commune ?? "hors territoire", personnesSuivis([i], "3.1-formation").texte, Francais.decimal(x.dureeHeures ?? 0) + "\u{A0}h"] }))
        var trimestres: [String: [Int]] = [:]
        for i in imm { trimestres[Francais.trimestre(d.r.suivis[i].date), default: []].append(i) }
        let ordre = trimestres.keys.sorted { (trimestres[$0]!.map { d.r.suivis[$0].date }.min() ?? "") < (trimestres[$1]!.map { d.r.suivis[$0].date }.min() ?? "") }
        s.blocks.append(.tableau(legende: "Immersions « Vis mon job » par trimestre", entetes: ["Trimestre", "Immersions", "Structures d'accueil"],
                                 lignes: ordre.map { q in [q, Francais.n(trimestres[q]!.count), trimestres[q]!.map { d.r.suivis[$0].partenaire ?? d.r.suivis[$0].libelle }.joined(separator: ", ")] }))
    }

    mutating func action32(_ a: FeuilleDeRoute.Action, _ s: inout ReportDocument.Section) {
        let gt = d.suivis(periode, action: a.id, type: "groupe_travail")
        let ch = d.suivis(periode, action: a.id, type: "signature_charte")
        s.blocks.append(.list(["\(Francais.n(gt.count)) réunions de groupes de travail, \(personnesSuivis(gt, "3.2-gt").texte) participations, \(Francais.decimal(gt.reduce(0.0) { $0 + (d.r.suivis[$1].dureeHeures ?? 0) })) h.",
                               "\(Francais.n(ch.count)) signatures de la charte du réseau."]))
        s.blocks.append(.tableau(legende: "Structures signataires de la charte du réseau", entetes: ["Structure", "Date de signature", "Commune"],
                                 lignes: ch.map { i in let x = d.r.suivis[i]; return [x.partenaire ?? "structure non renseignée", Francais.date(x.date), x.commune ?? "hors territoire"] }))
        s.blocks.append(.tableau(legende: "Réunions des groupes de travail", entetes: ["Date", "Groupe", "Commune", "Participants"],
                                 lignes: gt.map { i in let x = d.r.suivis[i]; return [Francais.date(x.date), x.libelle, x.commune ?? "hors territoire", personnesSuivis([i], "3.2-reunion").texte] }))
    }

    mutating func action33(_ a: FeuilleDeRoute.Action, _ s: inout ReportDocument.Section) {
        let total = d.r.publies.count
        s.blocks.append(.list(["\(Francais.n(total)) lieux dans l'annuaire (état au \(Francais.date(d.r.dateReference))) ; complétude moyenne des fiches : \(Francais.decimal(d.lieux.scoreMoyen * 100, decimales: 0))\u{A0}%."]))
        s.blocks.append(.tableau(legende: "Complétude des fiches de l'annuaire", entetes: ["Information", "Lieux qui la donnent"],
                                 lignes: zip(AgregatsLieux.completude, d.lieux.completude).map { info, n in
                                     [info.libelle, "\(Francais.n(n)) (\(Francais.pourcent(n, total)))"]
                                 }))
        s.blocks.append(.liens([("Annuaire des lieux, commune par commune", "annuaire.html")]))
    }

    mutating func action34(_ a: FeuilleDeRoute.Action, _ s: inout ReportDocument.Section) {
        let ev = d.suivis(periode, action: a.id)
        s.blocks.append(.list(["\(Francais.n(ev.count)) événements et rencontres, \(personnesSuivis(ev, "3.4-total").texte) participants."]))
        s.blocks.append(.tableau(legende: "Événements et rencontres", entetes: ["Date", "Événement", "Lieu", "Participants"],
                                 lignes: ev.map { i in let x = d.r.suivis[i]; return [Francais.date(x.date), x.libelle, x.commune ?? "hors territoire", personnesSuivis([i], "3.4-evenement").texte] }))
    }

    // MARK: Territory

    mutating func territoireSection() -> ReportDocument.Section {
        var s = ReportDocument.Section(title: "Le territoire, commune par commune", nouvellePage: true)
        let parCommune = d.lieux.parCommune
        let sans = d.communes.filter { parCommune[$0.code] == nil }.map(\.nom)
        if let carte = d.lieux.carte {
            s.blocks.append(.figure(svg: carte,
                                    legende: "Carte — les \(Francais.n(d.communes.count)) communes et leurs \(Francais.n(d.lieux.nombrePoints)) lieux de médiation numérique",
                                    alternative: "Carte des communes ; " + (sans.isEmpty ? "toutes ont au moins un lieu." : "sans aucun lieu : \(sans.joined(separator: ", ")).") + " Le tableau qui suit donne les mêmes informations."))
        }
        var rows: [[String]] = []
        let ind = d.activites(periode, action: "1:1.1", nature: .individuel)
        let coll = d.activites(periode, nature: .collectif)
        let dem = d.activites(periode, nature: .demarche)
        for c in d.communes {
            let ls = parCommune[c.code] ?? (0, TypeLieu.allCases.map { _ in 0 })
            let enC = { (i: Int) in d.codeCommune(d.r.activites[i]) == c.code }
            let p = personnes(ind.filter(enC), "commune-ind")
            let collC = coll.filter(enC)
            ligne(periode.iso, d.f.action("1:1.1"), "personnes_accompagnees", "Personnes accompagnées individuellement", commune: c.code, valeur: p, unite: "personnes")
            rows.append([c.nom, Francais.n(ls.total)] + ls.parType.map(Francais.n)
                        + [p.texte, Francais.n(collC.count), Francais.n(d.nombre(dem.filter(enC)))])
            ligne(periode.iso, nil, "lieux", "Lieux de médiation numérique publiés", commune: c.code, valeur: (Francais.n(ls.total), ls.total), unite: "lieux")
        }
        s.blocks.append(.tableau(legende: "Lieux et activité par commune (toutes les communes, y compris sans lieu), \(periode.libelle)",
                                 entetes: ["Commune", "Lieux"] + TypeLieu.allCases.map(\.libelle) + ["Personnes accompagnées individuellement", "Séances d'ateliers", "Démarches France Services"],
                                 lignes: rows))
        s.blocks.append(.paragraph(sans.isEmpty ? "Toutes les communes ont au moins un lieu de médiation numérique." : "Communes sans aucun lieu de médiation numérique publié : \(sans.joined(separator: ", "))."))
        return s
    }

    // MARK: Method

    func methode() -> ReportDocument.Section {
        var s = ReportDocument.Section(title: "Méthode et secret statistique")
        var items = [
            "Chaque activité est rattachée à une action de la feuille de route par les règles du fichier schemas/referentiels/feuille-de-route.json (les ateliers tenus en France Services relèvent de l'axe 1, action 2.2 ; le Safer Internet Day de l'action 2.1 ; les immersions « Vis mon job » de l'action 3.1).",
            "Un accompagnement individuel compte une personne ; un atelier compte ses participants (une même personne venue à deux ateliers compte deux participations).",
        ]
        if interne {
            items.append("Document interne : tous les nombres sont exacts. Ne le transmettez pas hors des services : le rapport public applique le secret statistique.")
        } else {
            items.append("Secret statistique : les nombres de personnes de 1 à 10 sont remplacés par « ≤ 10 » ; « secret » masque un autre nombre pour qu'aucune combinaison des tableaux publiés (totaux, communes, lieux, mois, tableau de bord) ne permette de retrouver un nombre masqué. \(Francais.n(pub.primaires.count)) nombre(s) masqué(s) et \(Francais.n(pub.secondaires.count)) masqué(s) en complément.")
        }
        s.blocks.append(.list(items))
        return s
    }

    // MARK: Annual review

    /// What an action did in a period, in one line (counts of people through the secrecy).
    func realise(_ a: FeuilleDeRoute.Action, _ p: Periode) -> String {
        let ind = d.activites(p, action: a.id, nature: .individuel)
        let coll = d.activites(p, action: a.id, nature: .collectif)
        let dem = d.activites(p, action: a.id, nature: .demarche)
        let sv = d.suivis(p, action: a.id)
        var parts: [String] = []
        if !ind.isEmpty { parts.append("\(personnes(ind, "bilan-ind").texte) personnes accompagnées individuellement") }
        if !coll.isEmpty { parts.append("\(Francais.n(coll.count)) séances d'ateliers, \(personnes(coll, "bilan-coll").texte) participations") }
        if !dem.isEmpty { parts.append("\(Francais.n(d.nombre(dem))) démarches") }
        var parType: [String: [Int]] = [:]
        for i in sv { parType[d.r.suivis[i].type, default: []].append(i) }
        for (t, idx) in parType.sorted(by: { $0.key < $1.key }) {
            parts.append("\(Francais.n(idx.count)) × \(d.f.typeSuivi(t)) (\(personnesSuivis(idx, "bilan-suivi").texte) participants)")
        }
        let minutes = d.minutes(ind + coll + dem)
        if minutes > 0 { parts.append(Francais.heures(minutes: minutes)) }
        if a.axe == "3" && a.numero == "3.3" && p == periode { parts.append("\(Francais.n(d.r.publies.count)) lieux dans l'annuaire") }
        return parts.isEmpty ? "rien d'enregistré" : parts.joined(separator: " ; ")
    }

    mutating func construireBilan() -> ReportDocument {
        let annee = periode.anneeCivile.map(String.init) ?? periode.libelle
        let prev = periode.anneePrecedente
        let hasPrev = d.aDesDonnees(prev)
        let anneePrev = prev.anneeCivile.map(String.init) ?? prev.libelle
        var doc = ReportDocument(title: "Bilan annuel \(annee) de la feuille de route de l'inclusion numérique — \(d.r.configuration.territoireNom)")
        doc.piedDePage = "Bilan \(annee) (du \(Francais.date(periode.du)) au \(Francais.date(periode.au))) · comité de pilotage · données arrêtées au \(Francais.date(d.r.dateReference))"
        if interne { doc.bandeau = "Document interne — chiffres exacts, ne pas diffuser" }
        doc.sommaire = true
        var cles = chiffresCles()
        cles.title = "L'année \(annee) en chiffres"
        doc.sections.append(cles)
        for axe in d.f.axes {
            var s = ReportDocument.Section(title: "Axe \(axe.axe) — \(axe.titre)", nouvellePage: true)
            for a in axe.actions {
                s.blocks.append(.titre(a.titre))
                if !a.objectif.isEmpty { s.blocks.append(.encadre("Objectif de la feuille de route : \(a.objectif)")) }
                let cur = realise(a, periode)
                let avant = hasPrev ? realise(a, prev) : "pas de données"
                s.blocks.append(.tableau(legende: "\(a.titre) : \(annee) et \(anneePrev)", entetes: ["Année", "Réalisé"], lignes: [[annee, cur], [anneePrev, avant]]))
                if let tf = a.tempsFort {
                    let jours = Set(d.activites(periode, action: a.id).filter { (d.r.activites[$0].atelier ?? "").localizedCaseInsensitiveContains(tf) }.map { d.r.activites[$0].date }
                        + d.suivis(periode, action: a.id).filter { d.r.suivis[$0].libelle.localizedCaseInsensitiveContains(tf) }.map { d.r.suivis[$0].date }).sorted()
                    s.blocks.append(.paragraph(jours.isEmpty ? "Temps fort \(tf) : rien d'enregistré en \(annee)." : "Temps fort \(tf) : le \(jours.map(Francais.date).joined(separator: ", "))."))
                }
                if a.axe == "3" && a.numero == "3.2" {
                    let ch = d.suivis(periode, action: a.id, type: "signature_charte")
                    if !ch.isEmpty {
                        s.blocks.append(.paragraph("Signataires de la charte en \(annee) : " + ch.map { d.r.suivis[$0].partenaire ?? "structure non renseignée" }.joined(separator: ", ") + "."))
                    }
                }
                if a.axe == "3" && a.numero == "3.4" {
                    let ev = d.suivis(periode, action: a.id)
                    if !ev.isEmpty {
                        s.blocks.append(.list(ev.map { "\(Francais.dateCourte(d.r.suivis[$0].date)) : \(d.r.suivis[$0].libelle) (\(d.r.suivis[$0].commune ?? "hors territoire"))" }))
                    }
                }
            }
            doc.sections.append(s)
        }
        var fin = ReportDocument.Section(title: "Pour aller plus loin")
        fin.blocks.append(.liens([("Rapport d'indicateurs détaillé", "rapport.html"), ("Annuaire des lieux", "annuaire.html"), ("Tableau de bord (indicateurs.csv)", "indicateurs.csv")]))
        fin.blocks.append(.paragraph(interne ? "Document interne : chiffres exacts." : "Les nombres de personnes de 1 à 10 sont masqués (« ≤ 10 ») au titre du secret statistique, avec les mêmes masques que le rapport d'indicateurs."))
        doc.sections.append(fin)
        return doc
    }

    // MARK: Dashboard rows (month by month)

    mutating func mensuel() {
        for a in d.f.actions {
            for (k, mois) in periode.mois.enumerated() {
                let p = Periode(du: mois + "-01", au: mois + "-\(Periode.two(Periode.daysIn(Int(mois.prefix(4)) ?? 2000, Int(mois.suffix(2)) ?? 1)))")
                _ = k
                let ind = d.activites(p, action: a.id, nature: .individuel)
                let coll = d.activites(p, action: a.id, nature: .collectif)
                let dem = d.activites(p, action: a.id, nature: .demarche)
                let sv = d.suivis(p, action: a.id)
                if !ind.isEmpty || a.id == "1:1.1" {
                    ligne(mois, a, "personnes_accompagnees", "Personnes accompagnées individuellement", valeur: personnes(ind, "csv-ind-\(a.id)"), unite: "personnes")
                }
                if !coll.isEmpty {
                    ligne(mois, a, "seances_ateliers", "Séances d'ateliers collectifs", valeur: (Francais.n(coll.count), coll.count), unite: "séances")
                    ligne(mois, a, "participations_ateliers", "Participations aux ateliers", valeur: personnes(coll, "csv-coll-\(a.id)"), unite: "participations")
                }
                if !dem.isEmpty {
                    ligne(mois, a, "demarches", "Démarches accompagnées", valeur: (Francais.n(d.nombre(dem)), d.nombre(dem)), unite: "démarches")
                    var parCommune: [String: [Int]] = [:]
                    for i in dem { parCommune[d.codeCommune(d.r.activites[i]) ?? "", default: []].append(i) }
                    for (c, idx) in parCommune.sorted(by: { $0.key < $1.key }) where !c.isEmpty {
                        ligne(mois, a, "demarches", "Démarches accompagnées", commune: c, valeur: (Francais.n(d.nombre(idx)), d.nombre(idx)), unite: "démarches")
                    }
                }
                let minutes = d.minutes(ind + coll + dem)
                if minutes > 0 { ligne(mois, a, "heures", "Heures d'accompagnement", valeur: (Francais.n(minutes / 60), minutes / 60), unite: "heures") }
                if !sv.isEmpty {
                    ligne(mois, a, "actions_suivi", "Actions du suivi (formations, réunions, événements, immersions)", valeur: (Francais.n(sv.count), sv.count), unite: "actions")
                    ligne(mois, a, "participants_suivi", "Participants aux actions du suivi", valeur: personnesSuivis(sv, "csv-suivi-\(a.id)"), unite: "personnes")
                }
            }
        }
    }
}
