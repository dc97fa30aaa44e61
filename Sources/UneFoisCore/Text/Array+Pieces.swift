extension Array where Element == UInt8 {
    /// Appends the bytes `write` puts at a pointer (at most `capacity`; it returns how many), in
    /// one copy from a stack buffer: ``JSONWriter`` assembles a member's separator, line break,
    /// key and colon this way, where appending the pieces one by one would check the array's
    /// uniqueness and capacity once per piece.
    @inline(__always) mutating func appendPieces(capacity: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { t in
            let n = write(t.baseAddress!)
            append(contentsOf: UnsafeBufferPointer(start: t.baseAddress!, count: n))
        }
    }
}

extension UnsafeMutablePointer<UInt8> {
    /// Copies `bytes` here and returns the position after them.
    @inline(__always) func put(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if let base = bytes.baseAddress { update(from: base, count: bytes.count) }
        return self + bytes.count
    }

    /// Writes `byte` here and returns the next position.
    @inline(__always) func put(_ byte: UInt8) -> UnsafeMutablePointer<UInt8> {
        pointee = byte
        return self + 1
    }
}
