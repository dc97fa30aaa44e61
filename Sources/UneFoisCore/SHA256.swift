import CSHA256

/// SHA-256 (FIPS 180-4) over bytes, for the `hash` of each file in `datapackage.json`
/// (`sha256:<hex>`, as the Data Package spec writes it). Foundation on Linux has no digest API
/// and the project takes no package dependency, so it is written here; checked against the
/// FIPS test vectors in the tests. Blocks are compressed by the processor's SHA instructions
/// when it has them (`CSHA256`, about 4x faster), else by the portable code below.
public struct SHA256: Sendable {
    // The eight working words, kept as plain stored properties (no array: no bounds or
    // uniqueness checks in the block loop).
    private var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85, h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
    private var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c, h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0
    /// Compress with the SHA instructions (false in tests, to check the portable code).
    var usesHardware = SHA256.hardware

    /// True when this processor has the SHA instructions `CSHA256` uses.
    static let hardware = unefois_sha256_hardware() != 0

    static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    public init() {}

    /// Feeds bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        length &+= UInt64(bytes.count)
        var i = 0
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, bytes.count)
            buffer.append(contentsOf: UnsafeRawBufferPointer(start: start, count: take))
            i = take
            if buffer.count == 64 {
                buffer.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let blocks = (bytes.count - i) / 64
        if blocks > 0 {
            compress(start + i, blocks: blocks)
            i += blocks * 64
        }
        if i < bytes.count { buffer.append(contentsOf: UnsafeRawBufferPointer(start: start + i, count: bytes.count - i)) }
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest as 64 lowercase hex digits (the hasher is consumed).
    public mutating func finalizeHex() -> String {
        let bits = length &* 8
        var tail: [UInt8] = [0x80]
        while (buffer.count + tail.count) % 64 != 56 { tail.append(0) }
        for s in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(s))) }
        let saved = length
        update(tail)
        length = saved
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
            for s in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((word >> UInt32(s)) & 0xF)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hex digest of `bytes`.
    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        var s = SHA256()
        s.update(bytes)
        return s.finalizeHex()
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex($0) }
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    /// Compresses `blocks` consecutive 64-byte blocks at `p`. The state stays in locals across
    /// blocks; the message schedule (a 16-word ring, extended as the rounds go) and the constants
    /// are read through raw pointers: no allocation, no bounds check per round.
    private mutating func compress(_ p: UnsafeRawPointer, blocks: Int) {
        if usesHardware {
            var state = (h0, h1, h2, h3, h4, h5, h6, h7)
            withUnsafeMutableBytes(of: &state) {
                unefois_sha256_blocks($0.baseAddress!.assumingMemoryBound(to: UInt32.self), p.assumingMemoryBound(to: UInt8.self), blocks)
            }
            (h0, h1, h2, h3, h4, h5, h6, h7) = state
            return
        }
        var s0 = h0, s1 = h1, s2 = h2, s3 = h3, s4 = h4, s5 = h5, s6 = h6, s7 = h7
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { wb in
            let w = wb.baseAddress!
            SHA256.k.withUnsafeBufferPointer { kb in
                let k = kb.baseAddress!
                for block in 0..<blocks {
                    let base = p + block &* 64
                    var a = s0, b = s1, c = s2, d = s3, e = s4, f = s5, g = s6, h = s7
                    @inline(__always) func round(_ t: Int, _ wt: UInt32) {
                        let t1 = h &+ (SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[t] &+ wt
                        let t2 = (SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                        h = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
                    }
                    for t in 0..<16 {
                        let wt = UInt32(bigEndian: base.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
                        w[t] = wt
                        round(t, wt)
                    }
                    for t in 16..<64 {
                        let w15 = w[(t &- 15) & 15], w2 = w[(t &- 2) & 15]
                        let sigma0 = SHA256.rotr(w15, 7) ^ SHA256.rotr(w15, 18) ^ (w15 >> 3)
                        let sigma1 = SHA256.rotr(w2, 17) ^ SHA256.rotr(w2, 19) ^ (w2 >> 10)
                        let wt = w[t & 15] &+ sigma0 &+ w[(t &- 7) & 15] &+ sigma1
                        w[t & 15] = wt
                        round(t, wt)
                    }
                    s0 &+= a; s1 &+= b; s2 &+= c; s3 &+= d; s4 &+= e; s5 &+= f; s6 &+= g; s7 &+= h
                }
            }
        }
        h0 = s0; h1 = s1; h2 = s2; h3 = s3; h4 = s4; h5 = s5; h6 = s6; h7 = s7
    }
}
