import Foundation
import UneFoisCore
import UneFoisModel

/// How counts of people are written while a report is built: exactly (internal report), or with
/// statistical secrecy (public report and dashboard file).
///
/// The public report is built twice by the same deterministic code: the first pass registers
/// every published count of people in a ``SecretStatistique``; the masks are computed across all
/// of them at once; the second pass writes « ≤ 10 » (primary) or « secret » (secondary) in their
/// place.
final class Publication {
    enum Mode { case enregistrement, publication, interne }

    let mode: Mode
    var secret = SecretStatistique()
    var primaires: Set<Int> = []
    var secondaires: Set<Int> = []
    private var compteur = 0

    init(mode: Mode) { self.mode = mode }

    /// Continues from a registration pass: masks computed, counter reset.
    init(masques source: Publication) {
        mode = .publication
        secret = source.secret
        (primaires, secondaires) = source.secret.masquer()
    }

    /// A count of people over records (atom id, people it counts): its text and, when published,
    /// its value.
    func personnes(_ atomes: [(Int, Int)], tableau: String) -> (texte: String, valeur: Int?) {
        let total = atomes.reduce(0) { $0 + $1.1 }
        switch mode {
        case .interne:
            return (Francais.n(total), total)
        case .enregistrement:
            secret.ajouter(atomes: atomes, tableau: tableau)
            return (Francais.n(total), total)
        case .publication:
            let i = compteur
            compteur += 1
            if primaires.contains(i) { return ("≤\u{A0}10", nil) }
            if secondaires.contains(i) { return ("secret", nil) }
            return (Francais.n(total), total)
        }
    }

    var masquees: Int { primaires.count + secondaires.count }
}
