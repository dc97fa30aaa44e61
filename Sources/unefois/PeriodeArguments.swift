import UneFoisCore
import UneFoisReport

/// `--du`, `--au`, `--annee` → the report's period (nil: the default, last twelve full months).
enum PeriodeArguments {
    static func periode(du: String?, au: String?, annee: String?) throws -> Periode? {
        if let annee {
            guard du == nil, au == nil else {
                throw OperationalError(.configuration, "--annee ne se combine pas avec --du/--au : choisissez l'un ou l'autre.")
            }
            guard annee.count == 4, let y = Int(annee), y >= 1900 else {
                throw OperationalError(.configuration, "--annee « \(annee) » : écrivez l'année sur quatre chiffres, par exemple --annee 2025.")
            }
            return .annee(y)
        }
        guard du != nil || au != nil else { return nil }
        guard let du, let au else {
            throw OperationalError(.configuration, "--du et --au vont ensemble : par exemple --du 2025-01-01 --au 2025-06-30.")
        }
        let p = Periode(du: du, au: au)
        if let problem = p.valider() { throw OperationalError(.configuration, "Période : \(problem)") }
        return p
    }

    /// `unefois bilan` needs `--annee AAAA`.
    static func anneeBilan(_ p: Periode?) throws -> Int {
        guard let p, let y = p.anneeCivile else {
            throw OperationalError(.configuration, "unefois bilan a besoin de l'année : ajoutez --annee AAAA, par exemple --annee 2025.")
        }
        return y
    }
}
