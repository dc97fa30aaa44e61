import Foundation

/// The score of one pair of source records, feature by feature.
public struct ScoredPair: Sendable, Equatable {
    public enum Statut: String, Sendable {
        /// Joined (score at or above the fusion threshold, or the officer said so).
        case fusionnee
        /// Uncertain: between the review and fusion thresholds, kept apart.
        case incertaine
        /// Score high enough but kept apart: another member of one group clearly differs from
        /// the other group, or the officer said « differents ».
        case refusee
    }

    /// Member keys, a < b.
    public var a: String
    public var b: String
    public var score: Float
    /// Level of each ``MatchFeature``.
    public var niveaux: [UInt8]
    public var statut: Statut
    public var decision: MatchDecisions.Decision?
    /// For a refused pair: why (the pair that clearly differs).
    public var motif: String = ""

    public init(a: String, b: String, score: Float, niveaux: [UInt8], statut: Statut, decision: MatchDecisions.Decision? = nil, motif: String = "") {
        self.a = a
        self.b = b
        self.score = score
        self.niveaux = niveaux
        self.statut = statut
        self.decision = decision
        self.motif = motif
    }

    /// « nom proche (+6.4), même adresse (+7.4), … » with the weights of `poids`.
    public func detail(_ poids: MatchWeights) -> String {
        var parts: [String] = []
        for f in MatchFeature.allCases {
            let n = niveaux[f.rawValue]
            let w = poids.poids(f, n)
            if n == f.niveaux.count - 1 && w == 0 { continue }  // missing data says nothing
            parts.append("\(f.libelle(Int(n))) (\(ScoredPair.format(w, signed: true)))")
        }
        return parts.joined(separator: ", ")
    }

    /// One decimal, « . » as separator (« 14.2 », « -5.3 », with `signed` « +7.4 »).
    public static func format(_ x: Float, signed: Bool = false) -> String {
        guard x.isFinite else { return x > 0 ? "∞" : "-∞" }
        let r = Int((x * 10).rounded())
        let body = "\(abs(r) / 10).\(abs(r) % 10)"
        return r < 0 ? "-" + body : (signed ? "+" + body : body)
    }
}

