import XCTest
@testable import UneFois
final class SmokeTests: XCTestCase { func testHash() { XCTAssertEqual(StableHash.hex(of: "").count, 16) } }
