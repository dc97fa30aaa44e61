import UneFoisCore
import UneFoisModel

/// One record after its mapping: target field → values, and the source column of each.
///
/// The values sit in slots, one per target field of the mapping: the ``Layout`` of the slots is
/// made once per file and shared by its records. A record thus builds no dictionary, and hashes
/// no field name, per value; a builder reads a field of the standard by its ``Champ`` directly
/// (``items(_:)``), other targets by name (``values``, ``first(_:)``).
public struct MappedRecord: Sendable {
    /// The target fields, in slot order; shared by the records of one file.
    public final class Layout: @unchecked Sendable {
        public let names: [String]
        let slots: [String: Int]
        /// The slot of each ``Champ`` (at `Champ.order`), -1 when the mapping has no such target.
        let parChamp: [Int]

        /// Slots for `names` (a name given twice has one slot).
        public init(names: [String]) {
            var slots: [String: Int] = [:]
            var ordered: [String] = []
            for n in names where slots[n] == nil {
                slots[n] = ordered.count
                ordered.append(n)
            }
            self.names = ordered
            self.slots = slots
            parChamp = (0..<Champ.count).map { slots[Champ.at($0).rawValue] ?? -1 }
        }

        public static let empty = Layout(names: [])
    }

    public private(set) var layout: Layout
    /// The values of each slot (empty: none).
    private var slotValues: [[String]]
    /// The source column of each slot's values.
    private var slotColonnes: [String?]
    public var issues: [Issue] = []
    public var provenance: Provenance
    public var idSource: String
    public var point: RawPoint?
    public var geometryMissing = false

    public init(layout: Layout = .empty, provenance: Provenance, idSource: String) {
        self.layout = layout
        slotValues = Array(repeating: [], count: layout.names.count)
        slotColonnes = Array(repeating: nil, count: layout.names.count)
        self.provenance = provenance
        self.idSource = idSource
    }

    /// A record with these values and columns (tests, small callers).
    public init(values: [String: [String]], colonnes: [String: String], provenance: Provenance, idSource: String) {
        self.init(layout: Layout(names: (Array(values.keys) + Array(colonnes.keys)).sorted()), provenance: provenance, idSource: idSource)
        for (name, items) in values { slotValues[layout.slots[name]!] = items }
        for (name, colonne) in colonnes { slotColonnes[layout.slots[name]!] = colonne }
    }

    /// Sets the values of a target field and their source column (nil: none recorded). A name
    /// the layout lacks gets a slot of its own (the layout is copied for this record).
    public mutating func set(_ name: String, _ items: [String], colonne: String?) {
        let slot: Int
        if let k = layout.slots[name] {
            slot = k
        } else {
            layout = Layout(names: layout.names + [name])
            slotValues.append([])
            slotColonnes.append(nil)
            slot = slotValues.count - 1
        }
        set(slot: slot, items, colonne: colonne)
    }

    /// Sets the values of a slot of the layout (the applier knows each rule's slot).
    mutating func set(slot: Int, _ items: [String], colonne: String?) {
        slotValues[slot] = items
        slotColonnes[slot] = colonne
    }

    /// The values of a field of the standard, nil when it has none.
    public func items(_ champ: Champ) -> [String]? {
        let k = layout.parChamp[champ.order]
        return k < 0 || slotValues[k].isEmpty ? nil : slotValues[k]
    }

    /// The source column of a field of the standard's values.
    public func colonne(_ champ: Champ) -> String? {
        let k = layout.parChamp[champ.order]
        return k < 0 ? nil : slotColonnes[k]
    }

    /// The first value of a target field, if any.
    public func first(_ champ: String) -> String? { values[champ]?.first }

    /// The values by target name, for the targets that have some (in slot order when iterated).
    public var values: Values { Values(record: self) }
    /// The source column of each target's values, by target name.
    public var colonnes: Colonnes { Colonnes(record: self) }

    public struct Values: Sequence {
        let record: MappedRecord

        public subscript(name: String) -> [String]? {
            guard let k = record.layout.slots[name], !record.slotValues[k].isEmpty else { return nil }
            return record.slotValues[k]
        }

        /// How many targets have values.
        public var count: Int { record.slotValues.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } }

        public func makeIterator() -> AnyIterator<(key: String, value: [String])> {
            var k = 0
            return AnyIterator {
                while k < record.slotValues.count {
                    defer { k += 1 }
                    if !record.slotValues[k].isEmpty { return (record.layout.names[k], record.slotValues[k]) }
                }
                return nil
            }
        }
    }

    public struct Colonnes {
        let record: MappedRecord

        public subscript(name: String) -> String? {
            record.layout.slots[name].flatMap { record.slotColonnes[$0] }
        }
    }
}
