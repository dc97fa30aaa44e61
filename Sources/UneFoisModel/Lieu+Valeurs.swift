extension Lieu {
    /// The values of a place, field by field. Only the fields present are stored, in the
    /// standard's column order, behind a 32-bit presence mask: a lookup is a mask test and a
    /// popcount, and iteration is in field order (deterministic).
    ///
    /// A place has two forms. While it is built and validated, its values are `Valeur`s in one
    /// array (cheap to change field by field). Once it is final, ``pack()`` folds them into one
    /// byte buffer (``Packed``): a place then costs one allocation of about the size of its text
    /// instead of one array plus one allocation per long value and per list. Reads work on both
    /// forms; a change to a packed place rewrites its buffer (rare: the consolidated `id`, the
    /// fields of merged places).
    public struct Valeurs: Sendable, Equatable, Sequence {
        @usableFromInline var mask: UInt32 = 0
        /// The values of the unpacked form, in field order (empty once packed).
        @usableFromInline var stored: ContiguousArray<Valeur> = []
        /// The packed form (empty while unpacked; a place with no value is never packed).
        @usableFromInline var packed: ContiguousArray<UInt8> = []

        public init() {}

        @inlinable var isPacked: Bool { !packed.isEmpty }

        @inlinable func slot(_ order: Int) -> Int { (mask & ((1 << UInt32(order)) &- 1)).nonzeroBitCount }

        /// The slot of a field's value (its rank among the fields present), nil when absent.
        @inlinable func index(of champ: Champ) -> Int? {
            let o = champ.order
            return mask & (1 << UInt32(o)) != 0 ? slot(o) : nil
        }

        public subscript(champ: Champ) -> Valeur? {
            get {
                guard let i = index(of: champ) else { return nil }
                return isPacked ? packed.withUnsafeBufferPointer { Packed.valeur(champ, slot: i, in: $0) } : stored[i]
            }
            set {
                if isPacked {
                    replacePacked(champ, with: newValue)
                    return
                }
                let o = champ.order, bit: UInt32 = 1 << UInt32(o), i = slot(o)
                if mask & bit != 0 {
                    if let v = newValue { stored[i] = v } else { stored.remove(at: i); mask &= ~bit }
                } else if let v = newValue {
                    stored.insert(v, at: i)
                    mask |= bit
                }
            }
        }

        /// Whether a field has a value (nothing is read).
        @inlinable public func contains(_ champ: Champ) -> Bool { mask & (1 << UInt32(champ.order)) != 0 }

        /// The first item of a field, nil when the field is absent or its first item is empty.
        /// Reads a packed value without building its `Valeur`.
        public func first(_ champ: Champ) -> String? {
            if !isPacked, let i = index(of: champ) { return stored[i].premier.isEmpty ? nil : stored[i].premier }
            return withFirstBytes(champ) { String(decoding: $0, as: UTF8.self) }
        }

        /// The source column of a field's value (nil when absent), without building its `Valeur`:
        /// the field's own name costs nothing in the packed form.
        public func colonne(_ champ: Champ) -> String? {
            guard let i = index(of: champ) else { return nil }
            if !isPacked { return stored[i].colonne }
            return packed.withUnsafeBufferPointer { Packed.Field($0, slot: i).colonne(of: champ, in: $0) }
        }

        /// Every item of a field, in order (empty when absent), without building its `Valeur`.
        public func items(_ champ: Champ) -> [String] {
            guard let i = index(of: champ) else { return [] }
            if !isPacked { return stored[i].items }
            return packed.withUnsafeBufferPointer { Packed.items(Packed.Field($0, slot: i), in: $0) }
        }

        /// The items of a field joined with `|` (the standard's cell), nil when absent. In the
        /// packed form this is the stored text itself.
        public func cell(_ champ: Champ) -> String? {
            if !isPacked, let i = index(of: champ) { return stored[i].joined(separator: "|") }
            return withCellBytes(champ) { String(decoding: $0, as: UTF8.self) }
        }

        /// Calls `body` with the UTF-8 bytes of a field's standard cell (items joined with `|`),
        /// read in place when packed; nil (and `body` not called) when the field is absent.
        @inlinable public func withCellBytes<R>(_ champ: Champ, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
            guard let i = index(of: champ) else { return nil }
            if isPacked {
                return try packed.withUnsafeBufferPointer { b in try body(UnsafeBufferPointer(rebasing: b[Packed.Field(b, slot: i).text])) }
            }
            var s = stored[i].joined(separator: "|")
            return try s.withUTF8(body)
        }

        /// Calls `body` with the UTF-8 bytes of a field's first item, read in place when packed;
        /// nil (and `body` not called) when the field is absent or its first item is empty, as
        /// ``first(_:)``.
        @inlinable public func withFirstBytes<R>(_ champ: Champ, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
            guard let i = index(of: champ) else { return nil }
            if isPacked {
                return try packed.withUnsafeBufferPointer { b in
                    let item = Packed.Field(b, slot: i).firstItem(b)
                    return item.isEmpty ? nil : try body(UnsafeBufferPointer(rebasing: b[item]))
                }
            }
            guard !stored[i].premier.isEmpty else { return nil }
            var s = stored[i].premier
            return try s.withUTF8(body)
        }

        /// Folds the values into one byte buffer (see ``Valeurs``). Call once a place is final.
        public mutating func pack() {
            guard !isPacked, mask != 0 else { return }
            // The values are read in place (no copy of their strings) and the buffer is allocated
            // once, at its exact size: grown by appends, it kept up to half its capacity unused.
            let champs = keys  // the field of each slot
            packed = stored.withUnsafeBufferPointer { vs in
                var sizes = 0
                for k in vs.indices { sizes += Packed.size(of: vs[k], champ: champs[k]) }
                return Packed.encode(count: vs.count, fieldBytes: sizes) { k, p in Packed.write(vs[k], of: champs[k], at: &p) }
            }
            stored = []
        }

        /// Copies the packed buffer into a new one allocated by the calling thread (the old one is
        /// released). A place packed on a worker thread and kept for the whole run is moved this
        /// way into the heap of the thread that keeps it: left among the worker's short-lived
        /// allocations, its bytes would keep their pages from going back to the system, and the
        /// buffers the consolidation makes in their place would not reuse them.
        public mutating func relocate() {
            guard isPacked else { return }
            packed = packed.withUnsafeBufferPointer { b in
                ContiguousArray(unsafeUninitializedCapacity: b.count) { out, n in
                    out.baseAddress!.update(from: b.baseAddress!, count: b.count)
                    n = b.count
                }
            }
        }

        /// Sets one field of a packed place: the buffer is rewritten with the field replaced,
        /// added or removed, the other fields' bytes copied as they are.
        mutating func replacePacked(_ champ: Champ, with value: Valeur?) {
            let o = champ.order, bit: UInt32 = 1 << UInt32(o), at = slot(o)
            let had = mask & bit != 0
            guard had || value != nil else { return }
            let newMask = value == nil ? mask & ~bit : mask | bit
            guard newMask != 0 else {
                self = Valeurs()
                return
            }
            let old = packed
            packed = old.withUnsafeBufferPointer { b in
                let count = newMask.nonzeroBitCount
                // The old slot of the k-th field: after the changed field, slots move by one
                // when it is added (the old ones are one lower) or removed (one higher).
                func source(_ k: Int) -> Int { k < at || (had && value != nil) ? k : had ? k + 1 : k - 1 }
                var sizes = 0
                for k in 0..<count {
                    if k == at, let value { sizes += Packed.size(of: value, champ: champ) } else { sizes += Packed.Field.region(b, slot: source(k)).count }
                }
                return Packed.encode(count: count, fieldBytes: sizes) { k, p in
                    if k == at, let value {
                        Packed.write(value, of: champ, at: &p)
                        return
                    }
                    let r = Packed.Field.region(b, slot: source(k))
                    p.update(from: b.baseAddress! + r.lowerBound, count: r.count)
                    p += r.count
                }
            }
            mask = newMask
        }

        /// Room for `n` fields without growing (a place is built field by field).
        public mutating func reserveCapacity(_ n: Int) { if !isPacked { stored.reserveCapacity(n) } }

        public var count: Int { mask.nonzeroBitCount }
        public var isEmpty: Bool { mask == 0 }
        /// The fields present, in the standard's order.
        public var keys: [Champ] {
            var out: [Champ] = []
            out.reserveCapacity(count)
            var rest = mask
            while rest != 0 {
                out.append(Champ.at(rest.trailingZeroBitCount))
                rest &= rest &- 1
            }
            return out
        }

        public static func == (a: Valeurs, b: Valeurs) -> Bool {
            guard a.mask == b.mask else { return false }
            if a.isPacked && b.isPacked { return a.packed == b.packed }
            if !a.isPacked && !b.isPacked { return a.stored == b.stored }
            return a.elementsEqual(b) { $0.key == $1.key && $0.value == $1.value }
        }

        public struct Iterator: IteratorProtocol {
            var rest: UInt32
            var index = 0
            let valeurs: Valeurs
            public mutating func next() -> (key: Champ, value: Valeur)? {
                guard rest != 0 else { return nil }
                let o = rest.trailingZeroBitCount
                rest &= rest &- 1
                defer { index += 1 }
                let c = Champ.at(o)
                if !valeurs.isPacked { return (c, valeurs.stored[index]) }
                return (c, valeurs.packed.withUnsafeBufferPointer { Packed.valeur(c, slot: index, in: $0) })
            }
        }

        public func makeIterator() -> Iterator { Iterator(rest: mask, valeurs: self) }
    }
}

extension Lieu.Valeurs {
    /// The packed form's layout, for `n` fields present:
    ///
    /// - `n + 1` little-endian `UInt32` offsets: where each field's bytes start, then the end;
    /// - per field: the source column (a LEB128 varint, 0 when it is the field's own name, else
    ///   its UTF-8 length + 1, followed by the name), the number of items (varint), each item's
    ///   length (varints, only for two items or more), then the items' text joined with `|`: the
    ///   standard's cell, readable in place. The lengths make items containing `|` exact.
    ///
    /// The encoding of given values is unique, so two packed forms are equal exactly when their
    /// bytes are.
    @usableFromInline enum Packed {
        /// Builds a buffer of `count` fields whose bytes (headers included, offsets not) add up to
        /// `fieldBytes`, allocated once at that size; `field(k, &p)` writes the bytes of the k-th
        /// at `p` and moves `p` past them.
        static func encode(count: Int, fieldBytes: Int, _ field: (Int, inout UnsafeMutablePointer<UInt8>) -> Void) -> ContiguousArray<UInt8> {
            let total = 4 * (count + 1) + fieldBytes
            precondition(total <= Int(UInt32.max), "place larger than 4 GiB")
            return ContiguousArray(unsafeUninitializedCapacity: total) { buffer, initialized in
                let base = buffer.baseAddress!
                var p = base + 4 * (count + 1)
                for k in 0...count {
                    let at = p - base
                    for j in 0..<4 { base[4 * k + j] = UInt8(truncatingIfNeeded: UInt32(at) >> (8 * UInt32(j))) }
                    if k < count { field(k, &p) }
                }
                precondition(p - base == total, "packed size mismatch")
                initialized = total
            }
        }

        /// The bytes ``write(_:of:at:)`` writes for a value.
        static func size(of v: Lieu.Valeur, champ: Champ) -> Int {
            var n = 0
            if v.colonne == champ.rawValue {
                n += 1
            } else {
                let c = v.colonne.utf8.count
                n += varintSize(c + 1) + c
            }
            let items = itemCount(v)
            n += varintSize(items)
            guard items > 0 else { return n }
            if items > 1 {
                n += varintSize(v.premier.utf8.count)
                for s in v.suite { n += varintSize(s.utf8.count) }
            }
            n += v.premier.utf8.count
            for s in v.suite { n += 1 + s.utf8.count }
            return n
        }

        /// The number of items of a value as stored.
        static func itemCount(_ v: Lieu.Valeur) -> Int {
            v.suite.isEmpty ? (v.premier.isEmpty ? 0 : 1) : 1 + v.suite.count
        }

        /// Writes a value's bytes (see the layout above) at `p` and moves `p` past them.
        static func write(_ v: Lieu.Valeur, of champ: Champ, at p: inout UnsafeMutablePointer<UInt8>) {
            if v.colonne == champ.rawValue {
                p.pointee = 0
                p += 1
            } else {
                writeVarint(v.colonne.utf8.count + 1, at: &p)
                writeUTF8(v.colonne, at: &p)
            }
            let n = itemCount(v)
            writeVarint(n, at: &p)
            guard n > 0 else { return }
            if n > 1 {
                writeVarint(v.premier.utf8.count, at: &p)
                for s in v.suite { writeVarint(s.utf8.count, at: &p) }
            }
            writeUTF8(v.premier, at: &p)
            for s in v.suite {
                p.pointee = UInt8(ascii: "|")
                p += 1
                writeUTF8(s, at: &p)
            }
        }

        static func writeUTF8(_ s: String, at p: inout UnsafeMutablePointer<UInt8>) {
            let copied: Int? = s.utf8.withContiguousStorageIfAvailable { u in
                if let from = u.baseAddress { p.update(from: from, count: u.count) }
                return u.count
            }
            if let copied {
                p += copied
                return
            }
            for byte in s.utf8 {
                p.pointee = byte
                p += 1
            }
        }

        static func varintSize(_ value: Int) -> Int {
            var v = UInt(value), n = 1
            while v >= 0x80 {
                v >>= 7
                n += 1
            }
            return n
        }

        static func writeVarint(_ value: Int, at p: inout UnsafeMutablePointer<UInt8>) {
            var v = UInt(value)
            while v >= 0x80 {
                p.pointee = UInt8(truncatingIfNeeded: v) | 0x80
                p += 1
                v >>= 7
            }
            p.pointee = UInt8(v)
            p += 1
        }

        /// A varint at `i`, and the position after it.
        @inlinable @inline(__always) static func varint(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (value: Int, next: Int) {
            let first = b[i]
            if first < 0x80 { return (Int(first), i + 1) }  // lengths under 128: one byte
            var v = 0, shift = 0, j = i
            while true {
                let x = b[j]
                v |= Int(x & 0x7F) << shift
                j += 1
                if x < 0x80 { return (v, j) }
                shift += 7
            }
        }

        @inlinable static func offset(_ b: UnsafeBufferPointer<UInt8>, _ k: Int) -> Int {
            Int(b[4 * k]) | Int(b[4 * k + 1]) << 8 | Int(b[4 * k + 2]) << 16 | Int(b[4 * k + 3]) << 24
        }

        /// One field of a packed buffer, its parts located.
        @usableFromInline struct Field {
            /// The source column's bytes (empty: the field's own name).
            @usableFromInline var colonne: Range<Int>
            @usableFromInline var itemCount: Int
            /// Where the item lengths start (two items or more).
            @usableFromInline var lengths: Int
            /// The items' text joined with `|`.
            @usableFromInline var text: Range<Int>

            /// The bytes of the field at `slot`, header included.
            @inlinable static func region(_ b: UnsafeBufferPointer<UInt8>, slot: Int) -> Range<Int> {
                Packed.offset(b, slot)..<Packed.offset(b, slot + 1)
            }

            @inlinable init(_ b: UnsafeBufferPointer<UInt8>, slot: Int) {
                let r = Field.region(b, slot: slot)
                let (c, afterColonneLength) = Packed.varint(b, r.lowerBound)
                let colonneEnd = afterColonneLength + (c == 0 ? 0 : c - 1)
                colonne = afterColonneLength..<colonneEnd
                let (n, afterCount) = Packed.varint(b, colonneEnd)
                itemCount = n
                lengths = afterCount
                var start = afterCount
                if n > 1 { for _ in 0..<n { start = Packed.varint(b, start).next } }
                text = start..<r.upperBound
            }

            /// The name of the source column (`champ`'s own name when none is stored).
            func colonne(of champ: Champ, in b: UnsafeBufferPointer<UInt8>) -> String {
                colonne.isEmpty ? champ.rawValue : Packed.string(b, colonne)
            }

            /// The first item's bytes (empty when there is no item).
            @inlinable func firstItem(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
                itemCount > 1 ? text.lowerBound..<(text.lowerBound + Packed.varint(b, lengths).value) : text
            }
        }

        /// The `Valeur` of the field at `slot`, rebuilt from its bytes.
        static func valeur(_ champ: Champ, slot: Int, in b: UnsafeBufferPointer<UInt8>) -> Lieu.Valeur {
            let f = Field(b, slot: slot)
            let colonne = f.colonne(of: champ, in: b)
            if f.itemCount <= 1 { return Lieu.Valeur(string(b, f.text), colonne: colonne) }
            return Lieu.Valeur(items(f, in: b), colonne: colonne)
        }

        /// The text of `b[r]` (bytes a `String` wrote: valid UTF-8).
        static func string(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
        }

        /// The items of a field, rebuilt from its bytes.
        static func items(_ f: Field, in b: UnsafeBufferPointer<UInt8>) -> [String] {
            if f.itemCount == 0 { return [] }
            if f.itemCount == 1 { return f.text.isEmpty ? [] : [string(b, f.text)] }
            var items: [String] = []
            items.reserveCapacity(f.itemCount)
            var at = f.lengths, start = f.text.lowerBound
            for _ in 0..<f.itemCount {
                let (len, next) = varint(b, at)
                items.append(string(b, start..<(start + len)))
                start += len + 1
                at = next
            }
            return items
        }
    }
}
