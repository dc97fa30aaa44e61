import UneFoisCore
import UneFoisModel
/// Derives the data·inclusion v1 service of a published place from its standard fields, as the
/// national hub does: services → thematiques, modalités d'accompagnement → type (aide-materielle >
/// atelier > accompagnement), modalités d'accès → modes_mobilisation, publics, frais. Every
/// translation is a crosswalk table under `schemas/correspondances/tables/`.
public struct ServiceCrosswalk: Sendable {
    let crosswalks: CrosswalkStore
    /// Translations already worked out, by table then list of source terms: places repeat the
    /// same few lists, and the services are derived each time a writer reads them.
    private let memo = Memo()

    final class Memo: @unchecked Sendable {
        private var byTable: [String: [[String]: [String]]] = [:]
        private let lock = ThreadLock()
        static let limit = 4096

        func value(_ table: String, _ terms: [String], _ compute: () -> [String]) -> [String] {
            if let v = lock.withLock({ byTable[table]?[terms] }) { return v }
            let v = compute()
            // Lists repeat (closed lists of labels); a bound keeps free text from growing it
            // with the number of places.
            lock.withLock {
                if byTable[table] == nil { byTable[table] = [:] }
                if byTable[table]!.count < Memo.limit { byTable[table]![terms] = v }
            }
            return v
        }
    }

    public init(crosswalks: CrosswalkStore) {
        self.crosswalks = crosswalks
    }

    /// The targets of `values` in `table`: each term's translation, duplicates dropped, sorted
    /// (memoised by list).
    func map(_ table: String, _ values: [String]) -> [String] {
        guard !values.isEmpty, let t = crosswalks.table(table) else { return [] }
        return memo.value(table, values) {
            var seen = Set<String>()
            return values.flatMap { t[TextFolding.key($0)] ?? [] }.filter { seen.insert($0).inserted }.sorted()
        }
    }

    /// The service of a consolidated place (its `id` must be set).
    public func service(for l: Lieu) -> Service {
        let id = l[.id] ?? l.cle
        let services = l.liste(.services)
        let modalites = l.liste(.modalitesAccompagnement)
        let types = map("modalites-accompagnement-type", modalites)
        let type = ["aide-materielle", "atelier", "accompagnement"].first { types.contains($0) } ?? "accompagnement"
        let description = services.isEmpty
            ? "Accompagnement au numérique."
            : "Accompagnement au numérique : " + services.joined(separator: ", ") + "."
        var publics = map("publics", l.liste(.publicsSpecifiquementAdresses))
        if publics.isEmpty { publics = ["tous-publics"] }
        let frais = map("frais", l.liste(.fraisACharge))
        return Service(id: id + "--accompagnement-numerique", structureId: id, nom: "Accompagnement au numérique",
                       description: description, type: type, thematiques: map("services-thematiques", services),
                       frais: frais.count == 1 ? frais[0] : nil, publics: publics,
                       modesAccueil: modalites.contains("À distance") ? ["a-distance", "en-presentiel"] : ["en-presentiel"],
                       modesMobilisation: map("modalites-acces-modes-mobilisation", l.liste(.modalitesAcces)))
    }

    /// The network labels (`reseaux_porteurs`) of a place's national programmes.
    public func reseauxPorteurs(for l: Lieu) -> [String] {
        map("dispositifs-reseaux-porteurs", l.liste(.dispositifProgrammesNationaux))
    }
}
