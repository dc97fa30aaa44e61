import Foundation
import UneFoisCore
import UneFoisModel

/// The roadmap as data (`schemas/referentiels/feuille-de-route.json`): axes, actions with their
/// official number, label and objective, and the rules that file each activity and each line of
/// the follow-up log under one action.
///
/// An action is identified by its axe *and* its number (`1:2.2` and `2:2.2` are two different
/// actions that the roadmap both numbers « 2.2 »).
public struct FeuilleDeRoute: Sendable {
    /// One action of the roadmap.
    public struct Action: Sendable, Hashable {
        /// `axe:numero`, e.g. `1:2.2`.
        public var id: String { axe + ":" + numero }
        public var axe: String
        public var numero: String
        public var libelle: String
        public var objectif: String
        public var tempsFort: String?
        /// « Axe 1 · action 2.2 — ateliers France Services ».
        public var titre: String { "Axe \(axe) · action \(numero) — \(libelle)" }
    }

    /// One axe and its actions, in the roadmap's order.
    public struct Axe: Sendable {
        public var axe: String
        public var titre: String
        public var actions: [Action]
    }

    /// A filing rule: every condition given must hold; the first rule that matches wins.
    struct Regle: Sendable {
        var nature: String?
        var type: String?
        var actionSource: String?
        var lieuDispositif: String?
        var atelierContient: [String] = []
        var libelleContient: [String] = []
        var action: String
    }

    public var titre: String
    public var axes: [Axe]
    /// French labels of the follow-up types (`formation_aidants` → « formation d'aidants numériques »).
    public var typesSuivi: [String: String]
    var reglesActivites: [Regle]
    var reglesSuivis: [Regle]

    /// Every action, axe by axe.
    public var actions: [Action] { axes.flatMap(\.actions) }

    /// The action with this id (`1:2.2`).
    public func action(_ id: String) -> Action? { actions.first { $0.id == id } }

    /// Reads the roadmap file. Throws a French message naming the key when the file is malformed.
    public init(json bytes: [UInt8]) throws {
        let root = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
        func fail(_ what: String) -> OperationalError {
            OperationalError(.configuration, "feuille-de-route.json : \(what)")
        }
        guard let axes = root["axes"]?.arrayValue else { throw fail("clé « axes » (liste) absente.") }
        titre = root["titre"]?.stringValue ?? "Feuille de route"
        self.axes = try axes.map { a in
            guard let n = a["axe"]?.scalarText, let t = a["titre"]?.stringValue, let list = a["actions"]?.arrayValue else {
                throw fail("chaque axe a besoin de « axe », « titre » et « actions ».")
            }
            return Axe(axe: n, titre: t, actions: try list.map { x in
                guard let num = x["numero"]?.scalarText, let lib = x["libelle"]?.stringValue else {
                    throw fail("l'axe \(n) a une action sans « numero » ou « libelle ».")
                }
                return Action(axe: n, numero: num, libelle: lib, objectif: x["objectif"]?.stringValue ?? "", tempsFort: x["temps_fort"]?.stringValue)
            })
        }
        var types: [String: String] = [:]
        for m in root["types_suivi"]?.objectValue?.members ?? [] { types[m.key] = m.value.stringValue ?? m.key }
        typesSuivi = types
        func regles(_ key: String) throws -> [Regle] {
            try (root["classement"]?[key]?.arrayValue ?? []).map { r in
                guard let a = r["action"]?.stringValue else { throw fail("règle de classement « \(key) » sans « action ».") }
                return Regle(nature: r["nature"]?.stringValue, type: r["type"]?.stringValue, actionSource: r["action_source"]?.scalarText,
                             lieuDispositif: r["lieu_dispositif"]?.stringValue,
                             atelierContient: (r["atelier_contient"]?.arrayValue ?? []).compactMap(\.stringValue),
                             libelleContient: (r["libelle_contient"]?.arrayValue ?? []).compactMap(\.stringValue), action: a)
            }
        }
        reglesActivites = try regles("activites")
        reglesSuivis = try regles("suivis")
        let ids = Set(actions.map(\.id))
        for r in reglesActivites + reglesSuivis where !ids.contains(r.action) {
            throw fail("une règle de classement renvoie à l'action « \(r.action) » qui n'existe pas (actions : \(actions.map(\.id).joined(separator: ", "))).")
        }
    }

    /// Loads `referentiels/feuille-de-route.json` under `schemasPath`.
    public static func load(schemasPath: String) throws -> FeuilleDeRoute {
        let path = schemasPath + "/referentiels/feuille-de-route.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OperationalError(.configuration, "Feuille de route introuvable : \(path).")
        }
        return try FeuilleDeRoute(json: [UInt8](data))
    }

    /// The action an activity falls under, given the national schemes (`dispositif`) of its place;
    /// nil when no rule matches (outside the roadmap).
    public func action(of a: Activite, dispositifsDuLieu: [String]) -> String? {
        reglesActivites.first { r in
            (r.nature == nil || r.nature == a.nature.rawValue)
                && (r.actionSource == nil || r.actionSource == a.action)
                && (r.lieuDispositif == nil || dispositifsDuLieu.contains(r.lieuDispositif!))
                && (r.atelierContient.isEmpty || r.atelierContient.contains { (a.atelier ?? "").localizedCaseInsensitiveContains($0) })
                && r.type == nil && r.libelleContient.isEmpty
        }?.action
    }

    /// The action a line of the follow-up log falls under; nil outside the roadmap.
    public func action(of s: SuiviAction) -> String? {
        reglesSuivis.first { r in
            (r.type == nil || r.type == s.type)
                && (r.actionSource == nil || r.actionSource == s.action)
                && (r.libelleContient.isEmpty || r.libelleContient.contains { s.libelle.localizedCaseInsensitiveContains($0) })
                && r.nature == nil && r.lieuDispositif == nil && r.atelierContient.isEmpty
        }?.action
    }

    /// French label of a follow-up type, never the raw code.
    public func typeSuivi(_ code: String) -> String {
        typesSuivi[code] ?? code.replacingOccurrences(of: "_", with: " ")
    }
}
