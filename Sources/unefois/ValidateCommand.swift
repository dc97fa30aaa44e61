import UneFois

/// `unefois validate`: not available yet in this version.
enum ValidateCommand {
    static func run(_ args: [String]) throws {
        throw OperationalError(.configuration, "La commande « validate » n'est pas encore disponible dans cette version d'unefois.")
    }
}
