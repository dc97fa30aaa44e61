import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois
final class SmokeTests: XCTestCase { func testHash() { XCTAssertEqual(StableHash.hex(of: "").count, 16) } }
