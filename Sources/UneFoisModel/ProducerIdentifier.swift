/// The producer of the published data, as the national hub identifies it: a SIREN (9 digits)
/// or a SIRET (14 digits), checked with its Luhn key.
public enum ProducerIdentifier {
    /// True when `id` is 9 or 14 ASCII digits whose Luhn sum is a multiple of 10.
    public static func isValid(_ id: String) -> Bool {
        guard id.count == 9 || id.count == 14, id.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        var sum = 0
        for (i, c) in id.reversed().enumerated() {
            var d = Int(String(c))!
            if i % 2 == 1 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
        }
        return sum % 10 == 0
    }
}
