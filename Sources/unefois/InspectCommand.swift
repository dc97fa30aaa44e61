import UneFois

/// `unefois inspect`: not available yet in this version.
enum InspectCommand {
    static func run(_ args: [String]) throws {
        throw OperationalError(.configuration, "La commande « inspect » n'est pas encore disponible dans cette version d'unefois.")
    }
}
