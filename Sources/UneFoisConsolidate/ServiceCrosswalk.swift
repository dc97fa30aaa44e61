#if canImport(Glibc)
import Glibc
#endif
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
    private let memo: Memo

    /// The memo, keyed by a table and a field's cell (its items joined with `|`, as the place
    /// holds them): hashed and compared on bytes, so a known list costs neither the list of its
    /// items nor the hashing of their text (non-ASCII text is hashed in its canonical form).
    final class Memo: @unchecked Sendable {
        final class Entry {
            let table: String
            let cell: [UInt8]
            let value: [String]
            init(_ table: String, _ cell: [UInt8], _ value: [String]) { self.table = table; self.cell = cell; self.value = value }
        }
        /// One entry per hash (two lists with the same 64-bit hash: the second is not memoised).
        private var entries: [UInt64: Entry] = [:]
        /// Nil for a memo read by one thread only (a writer's own): no lock taken per lookup.
        private let lock: ThreadLock?

        init(shared: Bool) { lock = shared ? ThreadLock() : nil }

        private func locked<T>(_ body: () -> T) -> T {
            guard let lock else { return body() }
            return lock.withLock(body)
        }
        /// Lists repeat (closed lists of labels); a bound keeps free text from growing the memo
        /// with the number of places.
        static let limit = 4096 * 6

        static func key(_ table: String, _ cell: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var h = StableHash()
            h.combine(table)
            h.combine(bytes: UnsafeRawBufferPointer(cell))
            return h.state
        }

        /// The translation memoised for `cell` in `table`, if any.
        func known(_ table: String, _ cell: UnsafeBufferPointer<UInt8>) -> [String]? {
            guard let e = locked({ entries[Memo.key(table, cell)] }), e.table == table, e.cell.count == cell.count,
                  e.cell.withUnsafeBufferPointer({ $0.isEmpty || memcmp($0.baseAddress!, cell.baseAddress!, cell.count) == 0 }) else { return nil }
            return e.value
        }

        func remember(_ table: String, _ cell: UnsafeBufferPointer<UInt8>, _ value: [String]) {
            let k = Memo.key(table, cell)
            locked {
                if entries.count < Memo.limit && entries[k] == nil { entries[k] = Entry(table, Array(cell), value) }
            }
        }
    }

    /// `shared: false` for a crosswalk one thread uses alone (its memo takes no lock).
    public init(crosswalks: CrosswalkStore, shared: Bool = true) {
        self.crosswalks = crosswalks
        memo = Memo(shared: shared)
    }

    /// The targets of the items of `l`'s `champ` in `table`: each term's translation, duplicates
    /// dropped, sorted (memoised by list).
    func map(_ table: String, _ l: Lieu, _ champ: Champ) -> [String] {
        guard let t = crosswalks.table(table) else { return [] }
        // (The closures given the cell capture the memo, not the place: a place captured is a
        // place copied.)
        let memo = self.memo
        switch l.valeurs.withCellBytes(champ, { memo.known(table, $0) }) {
        case nil: return []  // no such field
        case let known??: return known
        case .some(nil): break
        }
        var seen = Set<String>()
        let v = l.liste(champ).flatMap { t[TextFolding.key($0)] ?? [] }.filter { seen.insert($0).inserted }.sorted()
        l.valeurs.withCellBytes(champ) { memo.remember(table, $0, v) }
        return v
    }

    /// The service of a consolidated place (its `id` must be set).
    public func service(for l: Lieu) -> Service {
        let id = l[.id] ?? l.cle
        let services = l.liste(.services)
        let modalites = l.liste(.modalitesAccompagnement)
        let types = map("modalites-accompagnement-type", l, .modalitesAccompagnement)
        let type = ["aide-materielle", "atelier", "accompagnement"].first { types.contains($0) } ?? "accompagnement"
        let description = services.isEmpty
            ? "Accompagnement au numérique."
            : "Accompagnement au numérique : " + services.joined(separator: ", ") + "."
        var publics = map("publics", l, .publicsSpecifiquementAdresses)
        if publics.isEmpty { publics = ["tous-publics"] }
        let frais = map("frais", l, .fraisACharge)
        return Service(id: id + "--accompagnement-numerique", structureId: id, nom: "Accompagnement au numérique",
                       description: description, type: type, thematiques: map("services-thematiques", l, .services),
                       frais: frais.count == 1 ? frais[0] : nil, publics: publics,
                       modesAccueil: modalites.contains("À distance") ? ["a-distance", "en-presentiel"] : ["en-presentiel"],
                       modesMobilisation: map("modalites-acces-modes-mobilisation", l, .modalitesAcces))
    }

    /// The network labels (`reseaux_porteurs`) of a place's national programmes.
    public func reseauxPorteurs(for l: Lieu) -> [String] {
        map("dispositifs-reseaux-porteurs", l, .dispositifProgrammesNationaux)
    }
}
