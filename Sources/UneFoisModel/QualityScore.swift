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

    public var criteres: [Critere]

    /// Mean of the criteria, rounded to 2 decimals.
    public var score: Double {
        guard !criteres.isEmpty else { return 0 }
        return (criteres.map(\.valeur).reduce(0, +) / Double(criteres.count) * 100).rounded() / 100
    }

    /// Names of the criteria below 1, for the report.
    public var manques: [String] { criteres.filter { $0.valeur < 1 }.map(\.nom) }

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
        func has(_ c: Champ) -> Double { l.valeurs[c] == nil ? 0 : 1 }
        let description = (l[.presentationDetail] ?? l[.presentationResume] ?? "").count >= 20 ? 1.0 : 0.0
        return QualityScore(criteres: [
            Critere(nom: "fraîcheur", valeur: fraicheur(l[.dateMaj], reference: reference)),
            Critere(nom: "contact", valeur: max(has(.telephone), has(.courriels))),
            Critere(nom: "horaires", valeur: has(.horaires)),
            Critere(nom: "position", valeur: l.latitude != nil && l.longitude != nil ? 1 : 0),
            Critere(nom: "description", valeur: description),
            Critere(nom: "services", valeur: has(.services)),
            Critere(nom: "identifiant", valeur: l.siret != nil || (l[.pivot].map { $0 != "00000000000000" } ?? false) ? 1 : 0),
            Critere(nom: "modalités d'accès", valeur: has(.modalitesAcces)),
        ])
    }
}
