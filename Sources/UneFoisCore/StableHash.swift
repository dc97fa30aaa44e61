/// A 64-bit FNV-1a hash: stable across runs, machines and Swift versions (unlike `Hasher`).
///
/// Used to derive identifiers and fingerprints, never for security.
public struct StableHash: Sendable {
    /// The hash so far.
    public private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Feeds a block of bytes (whole files: a tight loop on a local state, not the generic one).
    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        var h = state
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        state = h
    }

    /// Feeds bytes.
    public mutating func combine<S: Sequence>(bytes: S) where S.Element == UInt8 {
        for b in bytes {
            state ^= UInt64(b)
            state &*= 0x0000_0100_0000_01b3
        }
    }

    /// Feeds a string's UTF-8 bytes followed by a 0 separator.
    public mutating func combine(_ text: String) {
        combine(bytes: text.utf8)
        combine(bytes: CollectionOfOne(0))
    }

    /// The hash so far as 16 lowercase hex digits.
    public var hex: String {
        let s = String(state, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// Hash of one string, as hex.
    public static func hex(of text: String) -> String {
        var h = StableHash()
        h.combine(text)
        return h.hex
    }

    /// The fingerprint of a source from the hashes (hex) of its files, in order: a single file's
    /// own hash, else the hash of the files' hashes. The kept copy of a source is checked against
    /// the fingerprint of its reading with it.
    public static func hex(ofFileHashes hashes: [String]) -> String {
        if hashes.count == 1 { return hashes[0] }
        var h = StableHash()
        hashes.forEach { h.combine($0) }
        return h.hex
    }

    /// Hash of raw bytes, as hex.
    public static func hex(ofBytes bytes: UnsafeRawBufferPointer) -> String {
        var h = StableHash()
        h.combine(bytes: bytes)
        return h.hex
    }
}
