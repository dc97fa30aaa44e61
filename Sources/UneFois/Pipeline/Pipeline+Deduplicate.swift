import UneFoisCore
import UneFoisModel
import UneFoisConsolidate

/// The deduplication step of the nightly job: the probabilistic matcher with the officer's
/// decisions; its review pairs and issues go into the result.
extension Pipeline {
    func deduplicate(_ lieux: [Lieu], _ result: inout RunResult) -> DedupOutcome {
        var decisions = MatchDecisions()
        if let path = configuration.decisionsDoublons {
            do {
                let (d, issues) = try MatchDecisions.load(path: path, displayName: displayName(path))
                decisions = d
                result.issues += issues
            } catch {
                let message = (error as? OperationalError)?.message ?? "\(error)"
                result.issues.append(Issue(code: "decisions-illisibles", severity: .error, message: message + " Le dédoublonnage se fait sans les décisions.", source: "decisions", file: displayName(path)))
            }
        }
        let matcher = ProbabilisticDeduplicator(priorite: configuration.priorite, poids: poidsDoublons, decisions: decisions)
        let outcome = matcher.run(lieux)
        result.issues += outcome.issues
        result.paireARevoir = outcome.aRevoir
        result.poidsDoublons = poidsDoublons
        return outcome
    }
}
