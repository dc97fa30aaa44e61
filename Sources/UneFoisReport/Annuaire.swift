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
            var blocks: [ReportDocument.Block] = []
            blocs(r, commune: doc.sections[k + 1].title, lieux: lieux, services: plan.services[k], horaires: &horaires,
                  bloc: { blocks.append($0) }, fiche: { blocks.append($0.block) })
            doc.sections[k + 1].blocks += blocks
        }
        return doc
    }

    /// Writes `annuaire.md` and `annuaire.html` as it renders them, card by card, to `markdown`
    /// and `html` (about a megabyte at a time): a national run lists 300,000 places, whose
    /// document would not fit in memory. Each card is built once, as bytes, for both files. Same
    /// bytes as `build(…).markdownBytes()` and `.htmlBytes()`.
    public static func write(_ r: RunResult, carte: CarteCommunes?, markdown: ([UInt8]) throws -> Void, html: ([UInt8]) throws -> Void) throws {
        let plan = Plan(r, carte: carte)
        var md = ReportRenderer(.markdown), ht = ReportRenderer(.html)
        var horaires: [String: String] = [:]
        func envoie() throws {
            if md.out.count >= 1 << 20 { try md.envoie(markdown) }
            if ht.out.count >= 1 << 20 { try ht.envoie(html) }
        }
        func bloc(_ b: ReportDocument.Block) throws {
            md.bloc(b)
            ht.bloc(b)
            try envoie()
        }
        func fiche(_ f: ReportRenderer.Fiche) throws {
            md.fiche(f)
            ht.fiche(f)
            try envoie()
        }
        md.debut(plan.document)
        ht.debut(plan.document)
        for (k, s) in plan.document.sections.enumerated() {
            md.section(s)
            ht.section(s)
            for b in s.blocks { try bloc(b) }
            if k > 0 {
                try blocs(r, commune: s.title, lieux: plan.lieux[k - 1], services: plan.services[k - 1], horaires: &horaires, bloc: bloc, fiche: fiche)
            }
        }
        md.fin(plan.document)
        ht.fin(plan.document)
        try md.envoie(markdown)
        try ht.envoie(html)
    }

    /// The directory without its cards: title, foot, the introduction, one (empty) section per
    /// commune in name order, the places of each, as indices in `r.publies` sorted by name then
    /// id, and its per-service table.
    struct Plan: Sendable {
        var document: ReportDocument
        /// Places of `document.sections[k + 1]`.
        var lieux: [[Int]]
        /// The rows of the « quel lieu pour quel service » table of `document.sections[k + 1]`:
        /// each service, in name order, and the names of its places, in the order of their cards.
        var services: [[[String]]]

        init(_ r: RunResult, carte: CarteCommunes?) {
            var doc = ReportDocument(title: "Annuaire des lieux de médiation numérique — \(r.configuration.territoireNom)")
            doc.piedDePage = "Annuaire pour les professionnels (action 3.3 de la feuille de route) · données au \(Francais.date(r.dateReference))"
            doc.sommaire = true
            // Each commune's places, read in one pass in memory order (a place's key and services
            // with its commune).
            var parCommune: [String: Commune] = [:]
            var noms: [String: String] = [:]
            for k in carte?.communes ?? [] { noms[k.code] = k.nom }
            // With the territory's outlines, only its communes (the places of the territory); else every commune.
            let territoire = carte != nil
            // Places are read in place (a `Lieu` taken out of the array is a copy: a dozen retains).
            r.publies.withUnsafeBufferPointer { publies in
                for i in publies.indices {
                    let code = publies[i][.codeInsee] ?? ""
                    if territoire && noms[code] == nil { continue }
                    parCommune[code, default: Commune()].ajoute(publies.baseAddress! + i, rang: i)
                    if noms[code] == nil { noms[code] = publies[i][.commune] ?? "commune inconnue" }
                }
            }
            var intro = ReportDocument.Section(title: "Comment lire cet annuaire")
            intro.blocks.append(.paragraph("Pour orienter une personne : cherchez sa commune (une page par commune), puis le service dont elle a besoin. Chaque fiche donne les horaires, le contact, la façon d'être reçu et les publics accueillis. Les informations viennent des sources consolidées par unefois ; l'identifiant en bas de fiche permet d'en retrouver l'origine (« unefois explain »)."))
            let sans = noms.filter { parCommune[$0.key] == nil }.map(\.value).sorted()
            if !sans.isEmpty {
                intro.blocks.append(.paragraph("Communes sans lieu de médiation numérique publié : \(sans.joined(separator: ", ")). Orientez vers la commune voisine ou la France Services la plus proche."))
            }
            doc.sections.append(intro)
            var parNom: [[Int]] = [], tableaux: [[[String]]] = []
            for (code, nom) in noms.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
                doc.sections.append(ReportDocument.Section(title: nom, nouvellePage: true))
                let c = parCommune.removeValue(forKey: code) ?? Commune()
                let ordre = c.cles.triees()
                parNom.append(ordre.map(c.cles.rang))
                tableaux.append(c.tableau(ordre))
            }
            document = doc
            lieux = parNom
            services = tableaux
        }
    }

    /// A commune's places as the plan reads them: their sort keys, and the places of each service.
    struct Commune {
        var cles = Cles()
        /// Each service's slot in `parService`, by name.
        private var services: [String: Int] = [:]
        /// The places of each service, as key indices in `cles`, in the order they were added.
        private var parService: [[Int]] = []
        /// The services of the place added last: their items' bytes, where each item ends, and
        /// their slots. A place listing the same reuses the slots (no `String`, no hashing).
        private var dernier: (octets: [UInt8], fins: [Int], slots: [Int]) = ([], [], [])
        private var courant: (octets: [UInt8], fins: [Int]) = ([], [])

        /// Adds a place (its rank in `r.publies`: `rang`), read where it is (passed as a value
        /// into a dictionary's element, it was copied).
        mutating func ajoute(_ lieu: UnsafePointer<Lieu>, rang: Int) {
            let k = cles.count
            cles.ajoute(rang: rang, nom: { o in _ = lieu.pointee.valeurs.withFirstBytes(.nom) { o.append(contentsOf: $0) } },
                        id: { o in _ = lieu.pointee.valeurs.withFirstBytes(.id) { o.append(contentsOf: $0) } })
            courant.octets.removeAll(keepingCapacity: true)
            courant.fins.removeAll(keepingCapacity: true)
            Annuaire.items(lieu.pointee.valeurs, .services) { b in
                courant.octets.append(contentsOf: b)
                courant.fins.append(courant.octets.count)
            }
            if courant.octets != dernier.octets || courant.fins != dernier.fins {
                swap(&courant.octets, &dernier.octets)
                swap(&courant.fins, &dernier.fins)
                var debut = 0
                dernier.slots = dernier.fins.map { fin in
                    let sv = dernier.octets.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[debut..<fin]), as: UTF8.self) }
                    debut = fin
                    if let slot = services[sv] { return slot }
                    services[sv] = parService.count
                    parService.append([])
                    return parService.count - 1
                }
            }
            for slot in dernier.slots { parService[slot].append(k) }
        }

        /// The « quel lieu pour quel service » rows, the places in `ordre` (key indices in card
        /// order): each service in name order, its places' names joined with `, `.
        func tableau(_ ordre: [Int]) -> [[String]] {
            var position = [Int](repeating: 0, count: ordre.count)
            for (p, k) in ordre.enumerated() { position[k] = p }
            return services.sorted { $0.key < $1.key }.map { sv, slot in
                [sv, cles.noms(parService[slot].sorted { position[$0] < position[$1] })]
            }
        }
    }

    /// Places' sort keys, (name, id, rank) each, in one byte buffer: sorting indices over it
    /// compares keys in place (`memcmp`), with no key moved or retained. Swift orders strings by
    /// their canonical (NFC) form, checking it on every comparison; text made only of scalars
    /// below U+0300 (no combining mark: ASCII and Latin letters with accents, « », °) and of the
    /// punctuation of French names (see ``ponctuation(_:_:)``) is already in that form, where the
    /// order is the order of the UTF-8 bytes — checked once per key here, then compared as bytes.
    /// Other keys are compared as Swift strings.
    struct Cles {
        /// Per key: the name's UTF-8 bytes, a 0 byte, the id's: for simple keys, their byte order
        /// is the order of (name, id) (a 0 sorts before any byte of a text that has none).
        private var octets: [UInt8] = []
        /// Where each key starts in `octets`, then the end.
        private var debuts: [Int] = [0]
        private var longueursNom: [Int] = []
        /// The place of each key (its publication rank: it orders equal keys).
        private var rangs: [Int] = []
        /// The texts of the keys that are not simple (a scalar from U+0300 other than that
        /// punctuation, or a 0 byte in a text), compared as Swift strings.
        private(set) var textes: [Int: (nom: String, id: String)] = [:]

        /// The number of keys.
        var count: Int { rangs.count }

        /// Adds the key of the place of rank `rang`; `nom` and `id` append the texts' UTF-8 bytes.
        mutating func ajoute(rang: Int, nom: (inout [UInt8]) -> Void, id: (inout [UInt8]) -> Void) {
            let debut = octets.count
            nom(&octets)
            let longueurNom = octets.count - debut
            octets.append(0)
            id(&octets)
            let k = rangs.count
            debuts.append(octets.count)
            longueursNom.append(longueurNom)
            rangs.append(rang)
            let simple = octets.withUnsafeBufferPointer { o in
                var j = debut
                while j < o.count {
                    if o[j] == 0 && j != debut + longueurNom { return false }
                    // A lead byte from 0xCC starts a scalar from U+0300 (continuation bytes are lower).
                    if o[j] >= 0xCC {
                        guard Cles.ponctuation(o, j) else { return false }
                        j += 3
                    } else {
                        j += 1
                    }
                }
                return true
            }
            if !simple { textes[k] = (nomTexte(k), idTexte(k)) }
        }

        /// Whether the scalar at `j` is punctuation of French names — U+2010 to U+2027 (dashes,
        /// ’ “ ” „, bullets, …), U+202F (narrow no-break space), U+20AC (€) —: each is in canonical
        /// form, has no canonical decomposition and combines with nothing before it (checked
        /// against Unicode's data), so text of it and of scalars below U+0300 is in NFC as it is.
        static func ponctuation(_ o: UnsafeBufferPointer<UInt8>, _ j: Int) -> Bool {
            guard j + 2 < o.count, o[j] == 0xE2 else { return false }
            let (b1, b2) = (o[j + 1], o[j + 2])
            return (b1 == 0x80 && ((0x90...0xA7).contains(b2) || b2 == 0xAF)) || (b1 == 0x82 && b2 == 0xAC)
        }

        /// The name of key `k`.
        func nomTexte(_ k: Int) -> String {
            octets.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[debuts[k]..<(debuts[k] + longueursNom[k])]), as: UTF8.self) }
        }

        /// The id of key `k`.
        func idTexte(_ k: Int) -> String {
            octets.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[(debuts[k] + longueursNom[k] + 1)..<debuts[k + 1]]), as: UTF8.self) }
        }

        /// Key `a` before key `b`: `(nom, id, rang) < (nom, id, rang)` as Swift compares strings.
        func avant(_ a: Int, _ b: Int) -> Bool {
            if !textes.isEmpty, textes[a] != nil || textes[b] != nil {
                let ta = textes[a] ?? (nomTexte(a), idTexte(a)), tb = textes[b] ?? (nomTexte(b), idTexte(b))
                return (ta.nom, ta.id, rangs[a]) < (tb.nom, tb.id, rangs[b])
            }
            let la = debuts[a + 1] - debuts[a], lb = debuts[b + 1] - debuts[b]
            let c = octets.withUnsafeBufferPointer { o in memcmp(o.baseAddress! + debuts[a], o.baseAddress! + debuts[b], min(la, lb)) }
            if c != 0 { return c < 0 }
            return la != lb ? la < lb : rangs[a] < rangs[b]
        }

        /// The place of key `k` (its rank in `r.publies`).
        func rang(_ k: Int) -> Int { rangs[k] }

        /// The keys (indices) in order.
        func triees() -> [Int] {
            Array(0..<count).sorted(by: avant)
        }

        /// The names of keys `ks`, joined with `, ` (a service of a national run lists 300,000
        /// places: joined from the keys' bytes).
        func noms(_ ks: [Int]) -> String {
            var o: [UInt8] = []
            octets.withUnsafeBufferPointer { b in
                for (j, k) in ks.enumerated() {
                    if j > 0 { o.append(contentsOf: ", ".utf8) }
                    o.append(contentsOf: UnsafeBufferPointer(rebasing: b[debuts[k]..<(debuts[k] + longueursNom[k])]))
                }
            }
            return String(decoding: o, as: UTF8.self)
        }
    }

    /// A commune's blocks, one at a time: which place for which service (`bloc`, from the plan's
    /// rows), then each place's card (`fiche`; the same buffers, refilled for each place).
    /// `horaires` keeps the French text of each opening hours value already seen: places of a
    /// network often share their hours.
    static func blocs(_ r: RunResult, commune nom: String, lieux: [Int], services: [[String]], horaires: inout [String: String],
                      bloc: (ReportDocument.Block) throws -> Void, fiche carte: (ReportRenderer.Fiche) throws -> Void) rethrows {
        if lieux.isEmpty {
            try bloc(.encadre("Aucun lieu de médiation numérique publié dans cette commune."))
            return
        }
        if !services.isEmpty {
            try bloc(.tableau(legende: "\(nom) : quel lieu pour quel service", entetes: ["Service", "Lieux"], lignes: services))
        }
        // Places are read in place (a `Lieu` taken out of the array is a copy: a dozen retains).
        try r.publies.withUnsafeBufferPointer { publies in
            var f = ReportRenderer.Fiche()
            // The hours of the place before, as bytes, and their French text: compared first, as
            // a place's neighbours in name order often share its hours.
            var precedentes: (octets: [UInt8], texte: String) = ([], "")
            for i in lieux {
                let texte = publies[i].valeurs.withFirstBytes(.horaires) { b -> String in
                    if b.count == precedentes.octets.count && memcmp(b.baseAddress!, precedentes.octets, b.count) == 0 { return precedentes.texte }
                    let h = String(decoding: b, as: UTF8.self)
                    let t = horaires[h] ?? HorairesFrancais.texte(h) ?? h
                    horaires[h] = t
                    precedentes = (Array(b), t)
                    return t
                }
                fiche(publies[i], horaires: texte, into: &f)
                try carte(f)
            }
        }
    }

    /// Fills `f` with a place's card, from the place's bytes; `horaires` is its opening hours in
    /// French (see ``HorairesFrancais``).
    static func fiche(_ l: Lieu, horaires: String?, into f: inout ReportRenderer.Fiche) {
        f.commence { o in
            if l.valeurs.withFirstBytes(.nom, { o.append(contentsOf: $0) }) == nil { o.append(contentsOf: "lieu sans nom".utf8) }
        }
        f.ligne("Adresse") { o in
            // The street, its complement, then « postcode commune », those present, joined with « , ».
            let debut = o.count
            func partie(_ c: Champ) {
                _ = l.valeurs.withFirstBytes(c) { b in
                    if o.count > debut { o.append(contentsOf: ", ".utf8) }
                    o.append(contentsOf: b)
                }
            }
            partie(.adresse)
            partie(.complementAdresse)
            let avant = o.count
            if o.count > debut { o.append(contentsOf: ", ".utf8) }
            let ville = o.count
            _ = l.valeurs.withFirstBytes(.codePostal) { o.append(contentsOf: $0) }
            _ = l.valeurs.withFirstBytes(.commune) { b in
                if o.count > ville { o.append(UInt8(ascii: " ")) }
                o.append(contentsOf: b)
            }
            if o.count == ville { o.removeSubrange(avant...) }
        }
        f.ligne("Horaires") { $0.append(contentsOf: (horaires ?? "non renseignés : téléphoner avant de s'y rendre").utf8) }
        f.ligne("Services") { _ = liste(l, .services, into: &$0) }
        f.ligne("Publics accueillis") { _ = liste(l, .publicsSpecifiquementAdresses, into: &$0) }
        f.ligne("Prise en charge spécifique") { _ = liste(l, .priseEnChargeSpecifique, into: &$0) }
        f.ligne("Accès") { _ = liste(l, .modalitesAcces, into: &$0) }
        f.ligne("Accompagnement") { _ = liste(l, .modalitesAccompagnement, into: &$0) }
        f.ligne("Frais") { _ = liste(l, .fraisACharge, into: &$0) }
        f.ligne("Labels et dispositifs") { o in
            // The three lists, those with items, joined with « , ».
            var une = false
            for c in [Champ.dispositifProgrammesNationaux, .formationsLabels, .autresFormationsLabels] {
                let debut = o.count
                if une { o.append(contentsOf: ", ".utf8) }
                if liste(l, c, into: &o) { une = true } else { o.removeSubrange(debut...) }
            }
        }
        f.ligne("Téléphone") { o in _ = l.valeurs.withFirstBytes(.telephone) { telephone($0, into: &o) } }
        items(l.valeurs, .courriels) { c in f.ligne("Courriel") { $0.append(contentsOf: c) } }
        items(l.valeurs, .siteWeb) { w in f.ligne("Site web", lien: true) { $0.append(contentsOf: w) } }
        f.ligne("Prendre rendez-vous", lien: true) { o in _ = l.valeurs.withFirstBytes(.priseRdv) { o.append(contentsOf: $0) } }
        f.ligne("Identifiant") { o in _ = l.valeurs.withFirstBytes(.id) { o.append(contentsOf: $0) } }
    }

    /// Appends the items of a list field joined with `, ` (`l.liste(c).joined(separator: ", ")`);
    /// whether there is any.
    static func liste(_ l: Lieu, _ c: Champ, into o: inout [UInt8]) -> Bool {
        var n = 0
        items(l.valeurs, c) { b in
            if n > 0 { o.append(contentsOf: ", ".utf8) }
            o.append(contentsOf: b)
            n += 1
        }
        return n > 0
    }

    /// Calls `body` with the UTF-8 bytes of each item of a field, in order (`v.items(c)`), read
    /// in place when the field's cell (items joined with `|`) tells them apart: a cell without `|`
    /// holds one item at most; else the first item's length says where it ends, and what follows
    /// its `|` is one item when it holds no `|` (two items, the usual list). Otherwise (three
    /// items or more, an item holding a `|`) the items come from `v.items(c)`.
    static func items(_ v: Lieu.Valeurs, _ c: Champ, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let barre = UInt8(ascii: "|")
        let seul = v.withCellBytes(c) { cellule -> Bool in
            guard !cellule.contains(barre) else { return false }
            if !cellule.isEmpty { body(cellule) }
            return true
        }
        guard seul == false else { return }
        // (The first item's length is read apart: a closure reading `v` inside another copies it.)
        let n = v.withFirstBytes(c) { $0.count }
        let enPlace = v.withCellBytes(c) { cellule -> Bool in
            guard let n else { return false }
            if n == cellule.count {
                body(cellule)
                return true
            }
            let reste = UnsafeBufferPointer(rebasing: cellule[(n + 1)...])
            guard cellule[n] == barre, !reste.contains(barre) else { return false }
            body(UnsafeBufferPointer(rebasing: cellule[..<n]))
            body(reste)
            return true
        }
        if enPlace == false {
            for var s in v.items(c) { s.withUTF8(body) }
        }
    }

    /// Appends a phone number as it is printed: `+33490297424` → `04 90 29 74 24` (no-break
    /// spaces); any other number as it is.
    static func telephone(_ b: UnsafeBufferPointer<UInt8>, into o: inout [UInt8]) {
        // The usual case (`+33` and nine ASCII digits) on bytes; the general test below otherwise.
        if b.count == 12, b.starts(with: "+33".utf8), b.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            o.append(0x30)
            o.append(b[3])
            for k in stride(from: 4, to: 12, by: 2) {
                o.append(0xC2)
                o.append(0xA0)
                o.append(b[k])
                o.append(b[k + 1])
            }
            return
        }
        let t = String(decoding: b, as: UTF8.self)
        guard t.hasPrefix("+33"), t.count == 12, t.dropFirst().allSatisfy(\.isNumber) else {
            o.append(contentsOf: b)
            return
        }
        let d = Array("0" + t.dropFirst(3))
        o.append(contentsOf: stride(from: 0, to: 10, by: 2).map { String(d[$0...$0 + 1]) }.joined(separator: "\u{A0}").utf8)
    }
}
