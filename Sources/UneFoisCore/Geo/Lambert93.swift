import Foundation

/// Lambert-93 (EPSG:2154) ↔ WGS84 longitude/latitude, for coordinates of French sources.
///
/// Lambert conformal conic with two standard parallels (44°, 49°) on the GRS80 ellipsoid,
/// origin 3°E 46.5°N at (700 000, 6 600 000) m, with IGN's published constants (IGN NTG 71,
/// "Projection cartographique conique conforme de Lambert"; see `FORMATS.md`, section
/// Lambert-93). RGF93 is treated as WGS84 (difference under 1 m). Units: metres and decimal
/// degrees. No datum grid, no altitude.
public enum Lambert93 {
    /// First eccentricity of GRS80.
    static let e = 0.0818191910428158
    /// Cone constant n.
    static let n = 0.7256077650532670
    /// Projection constant C (metres).
    static let c = 11_754_255.426096
    /// Pole coordinates in the projection (metres).
    static let xs = 700_000.0
    static let ys = 12_655_612.049876
    /// Central meridian λ0 (radians): 3°E.
    static let lambda0 = 3.0 * Double.pi / 180

    /// Converts Lambert-93 metres to WGS84 decimal degrees.
    ///
    /// Inverse projection: latitude by fixed-point iteration until it moves less than 1e-11 rad
    /// (at most 30 steps). Meaningful for points in or near metropolitan France; check
    /// ``isPlausible(x:y:)`` first for values read from a file.
    public static func toWGS84(x: Double, y: Double) -> (longitude: Double, latitude: Double) {
        let dx = x - xs, dy = ys - y
        let r = (dx * dx + dy * dy).squareRoot()
        let gamma = atan2(dx, dy)
        let lambda = lambda0 + gamma / n
        let isometric = -log(abs(r / c)) / n
        let expL = exp(isometric)
        var phi = 2 * atan(expL) - Double.pi / 2
        for _ in 0..<30 {
            let es = e * sin(phi)
            let next = 2 * atan(pow((1 + es) / (1 - es), e / 2) * expL) - Double.pi / 2
            if abs(next - phi) < 1e-11 { phi = next; break }
            phi = next
        }
        return (longitude: lambda * 180 / Double.pi, latitude: phi * 180 / Double.pi)
    }

    /// Converts WGS84 decimal degrees to Lambert-93 metres (forward projection).
    public static func fromWGS84(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
        let phi = latitude * Double.pi / 180
        let lambda = longitude * Double.pi / 180
        let es = e * sin(phi)
        let isometric = log(tan(Double.pi / 4 + phi / 2) * pow((1 - es) / (1 + es), e / 2))
        let r = c * exp(-n * isometric)
        let gamma = n * (lambda - lambda0)
        return (x: xs + r * sin(gamma), y: ys - r * cos(gamma))
    }

    /// True when (x, y) falls in the box of metropolitan France and Corsica in Lambert-93
    /// (X 0…1 300 000 m, Y 6 000 000…7 200 000 m). Degrees left in a file that claims
    /// EPSG:2154 fail this test.
    public static func isPlausible(x: Double, y: Double) -> Bool {
        x.isFinite && y.isFinite && (0...1_300_000).contains(x) && (6_000_000...7_200_000).contains(y)
    }
}
