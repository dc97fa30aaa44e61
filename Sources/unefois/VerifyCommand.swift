import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFois

/// `unefois verifier [CONFIG]`: checks a configuration and its mapping files without reading the
/// data. Exit 0, or 78 with the file and the key named.
enum VerifyCommand {
    static func run(_ args: [String]) throws {
        var path: String?
        for a in args {
            if a == "--help" || a == "-h" { print(Aide.text(for: "verifier")!); return }
            guard !a.hasPrefix("-"), path == nil else {
                throw OperationalError(.configuration, "verifier : argument « \(a) » inattendu. Utilisation : unefois verifier [CONFIGURATION].")
            }
            path = a
        }
        guard let config = path ?? SamplesLocator.configuration() else {
            throw OperationalError(.configuration, "verifier : indiquez le fichier de configuration (unefois verifier unefois.json).")
        }
        let configuration = try Configuration.load(path: config)
        let checks = try Pipeline(configuration: configuration).verify()
        var lines = ["Configuration \(config) : valide, \(checks.count) source\(checks.count > 1 ? "s" : "") (les données ne sont pas lues)."]
        for c in checks {
            var line = "  \(c.nom) (\(c.format)) : correspondance « \(c.correspondance) »"
            if !c.fichiersAbsents.isEmpty { line += " ; fichier absent pour l'instant : " + c.fichiersAbsents.joined(separator: ", ") }
            lines.append(line)
        }
        print(lines.joined(separator: "\n"))
    }
}
