import UneFoisCore
/// A place's quality score, in the spirit of data·inclusion's: the mean of criteria in [0, 1].
///
/// Criteria: freshness of `date_maj` (1 up to 6 months before the reference date, falling
/// linearly to 0 at 2 years), a way to get in touch (phone or e-mail), opening hours, a position,
/// a description, at least one service, a known SIRET/RNA, how to access the place. The reference
/// date is given (never the clock), so the same inputs give the same scores.
public struct QualityScore: Sendable, Equatable {
    /// One criterion and its value.
    public struct Critere: Sendable, Equatable {
        public var nom: String
        public var valeur: Double
    }

    /// The criteria's names, in their order.
    public static let noms = ["fraîcheur", "contact", "horaires", "position", "description", "services", "identifiant", "modalités d'accès"]

    /// Each criterion's value in hundredths (every value is a multiple of 0.01), one byte each in
    /// the order of ``noms``: a score is 8 bytes, with no allocation per place.
    private var centiemes: UInt64 = 0

    /// Scores from the criteria's values, in the order of ``noms``.
    init(_ valeurs: [Double]) {
        precondition(valeurs.count == Self.noms.count)
        for (k, v) in valeurs.enumerated() { centiemes |= UInt64(UInt8((v * 100).rounded())) << (8 * UInt64(k)) }
    }

    /// The value of the k-th criterion.
    public func valeur(_ k: Int) -> Double { Double((centiemes >> (8 * UInt64(k))) & 0xFF) / 100 }

    public var criteres: [Critere] { Self.noms.enumerated().map { Critere(nom: $1, valeur: valeur($0)) } }

    /// Mean of the criteria, rounded to 2 decimals.
    public var score: Double {
        var sum = 0.0
        for k in Self.noms.indices { sum += valeur(k) }
        return (sum / Double(Self.noms.count) * 100).rounded() / 100
    }

    /// Names of the criteria below 1, for the report.
    public var manques: [String] { Self.noms.indices.filter { valeur($0) < 1 }.map { Self.noms[$0] } }

    /// Freshness of a `yyyy-mm-dd` date against the reference date.
    public static func fraicheur(_ date: String?, reference: String) -> Double {
        guard let date, let d = CivilDate.days(iso: date), let r = CivilDate.days(iso: reference) else { return 0 }
        let age = Double(r - d)
        let sixMonths = 182.5, twoYears = 730.0
        if age <= sixMonths { return 1 }
        if age >= twoYears { return 0 }
        return ((twoYears - age) / (twoYears - sixMonths) * 100).rounded() / 100
    }

    /// Scores a published place.
    public static func evaluate(_ l: Lieu, reference: String) -> QualityScore {
        func has(_ c: Champ) -> Double { l.valeurs.contains(c) ? 1 : 0 }
        let description = (l[.presentationDetail] ?? l[.presentationResume] ?? "").count >= 20 ? 1.0 : 0.0
        // In the order of `noms`.
        return QualityScore([
            fraicheur(l[.dateMaj], reference: reference),
            max(has(.telephone), has(.courriels)),
            has(.horaires),
            l.latitude != nil && l.longitude != nil ? 1 : 0,
            description,
            has(.services),
            l.siret != nil || (l[.pivot].map { $0 != "00000000000000" } ?? false) ? 1 : 0,
            has(.modalitesAcces),
        ])
    }
}
