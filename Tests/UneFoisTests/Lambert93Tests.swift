import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// Check values from FORMATS.md, section Lambert-93.
final class Lambert93Tests: XCTestCase {
    func testOriginForward() {
        let p = Lambert93.fromWGS84(longitude: 3, latitude: 46.5)
        XCTAssertEqual(p.x, 700_000, accuracy: 0.001)
        XCTAssertEqual(p.y, 6_600_000, accuracy: 0.001)
    }

    func testOriginInverse() {
        let g = Lambert93.toWGS84(x: 700_000, y: 6_600_000)
        XCTAssertEqual(g.longitude, 3, accuracy: 1e-9)
        XCTAssertEqual(g.latitude, 46.5, accuracy: 1e-9)
    }

    func testCavaillonForward() {
        let p = Lambert93.fromWGS84(longitude: 5.0386, latitude: 43.8377)
        XCTAssertEqual(p.x, 863_955.730, accuracy: 0.01)
        XCTAssertEqual(p.y, 6_306_415.329, accuracy: 0.01)
    }

    func testCavaillonInverse() {
        let g = Lambert93.toWGS84(x: 863_955.730, y: 6_306_415.329)
        XCTAssertEqual(g.longitude, 5.0386, accuracy: 1e-7)
        XCTAssertEqual(g.latitude, 43.8377, accuracy: 1e-7)
    }

    func testRoundTripAcrossFrance() {
        for (lon, lat) in [(-4.5, 48.4), (8.2, 49.0), (9.4, 42.1), (1.4, 43.6), (2.35, 48.85)] {
            let p = Lambert93.fromWGS84(longitude: lon, latitude: lat)
            let g = Lambert93.toWGS84(x: p.x, y: p.y)
            XCTAssertEqual(g.longitude, lon, accuracy: 1e-9)
            XCTAssertEqual(g.latitude, lat, accuracy: 1e-9)
            XCTAssertTrue(Lambert93.isPlausible(x: p.x, y: p.y), "\(lon) \(lat)")
        }
    }

    func testPlausibility() {
        XCTAssertTrue(Lambert93.isPlausible(x: 863_955.73, y: 6_306_415.33))
        // Degrees left in a file that claims EPSG:2154.
        XCTAssertFalse(Lambert93.isPlausible(x: 5.0386, y: 43.8377))
        // Swapped X and Y.
        XCTAssertFalse(Lambert93.isPlausible(x: 6_306_415.33, y: 863_955.73))
        XCTAssertFalse(Lambert93.isPlausible(x: .nan, y: 6_300_000))
    }
}
