import XCTest
@testable import UneFoisCore

/// The block path of `StableHash` (files) gives the same hash as the generic one (strings, ids):
/// fingerprints stored in earlier states stay valid.
final class StableHashTests: XCTestCase {
    func testBlockAndGenericPathsAgree() {
        let bytes = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        var generic = StableHash()
        generic.combine(bytes: bytes)
        var block = StableHash()
        bytes.withUnsafeBytes { all in
            block.combine(bytes: UnsafeRawBufferPointer(rebasing: all[..<50_000]))
            block.combine(bytes: UnsafeRawBufferPointer(rebasing: all[50_000...]))
        }
        XCTAssertEqual(block.hex, generic.hex)
        XCTAssertEqual(StableHash.hex(of: "dora--d1"), { var h = StableHash(); h.combine(bytes: Array("dora--d1".utf8) + [0]); return h.hex }())
    }
}
