/// Finds the first byte of a buffer that belongs to a small set (up to five given bytes, and
/// optionally every byte below a bound), eight bytes at a time. The writers use it to copy the
/// runs of bytes that need no escape or quote in one go, and to stop only where one does.
///
/// Each word of eight bytes is tested with the "has a zero byte" bit trick
/// (`(x - 0x0101…) & ~x & 0x8080…`, and its "has a byte below n" form for n ≤ 128): a flag can be
/// wrong only above a true hit, so the lowest flagged byte is exact.
public struct ByteFinder: Sendable {
    /// The set's bytes repeated in every byte of a word (unused places repeat the first byte).
    @usableFromInline let t0, t1, t2, t3, t4: UInt64
    /// `below` repeated in every byte of a word (0: no bound).
    @usableFromInline let belowWord: UInt64
    /// The set's bytes and bound, for the last bytes of a buffer (fewer than eight).
    @usableFromInline let b0, b1, b2, b3, b4, below: UInt8

    /// A finder of the bytes in `bytes` (one to five of them) and, when `below` > 0, of every
    /// byte under `below` (at most 128).
    public init(_ bytes: [UInt8], below: UInt8 = 0) {
        precondition((1...5).contains(bytes.count) && below <= 0x80, "one to five bytes, a bound of at most 128")
        let b = bytes + Array(repeating: bytes[0], count: 5 - bytes.count)
        (b0, b1, b2, b3, b4) = (b[0], b[1], b[2], b[3], b[4])
        func word(_ x: UInt8) -> UInt64 { UInt64(x) &* 0x0101_0101_0101_0101 }
        (t0, t1, t2, t3, t4) = (word(b[0]), word(b[1]), word(b[2]), word(b[3]), word(b[4]))
        self.below = below
        belowWord = word(below)
    }

    /// Whether `x` is in the set.
    @inlinable @inline(__always) public func matches(_ x: UInt8) -> Bool {
        x == b0 || x == b1 || x == b2 || x == b3 || x == b4 || x < below
    }

    /// The index of the first byte of `buffer` at or after `start` that is in the set;
    /// `buffer.count` when there is none.
    @inlinable public func firstIndex(in buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let n = buffer.count
        var i = start
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zero(_ y: UInt64) -> UInt64 { (y &- ones) & ~y }
        while i + 8 <= n {
            let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let hits = ((x &- belowWord) & ~x | zero(x ^ t0) | zero(x ^ t1) | zero(x ^ t2) | zero(x ^ t3) | zero(x ^ t4)) & highs
            if hits != 0 { return i + hits.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < n {
            if matches(base[i]) { return i }
            i += 1
        }
        return n
    }
}
