import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFois
#if canImport(Glibc)
import Glibc
#endif

/// `unefois verifier [CONFIG]`: checks a configuration and its mapping files without reading the
/// data. Every problem found is listed (each section and each source is checked, a faulty one
/// does not hide the next): exit 78 if there is any error, naming the file and the key; missing
/// input files are notes (they may arrive before the night). An empty `"sources": []` is an
/// error too (78): the night would publish nothing.
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
        var (configuration, errors) = try Configuration.load(path: config, collecting: true)
        // Sources whose format needs a mapping file and have none: an error each, left out of
        // the pipeline (which refuses them all at once).
        configuration.sources.removeAll { s in
            guard s.format.requiresMapping && s.correspondance == nil else { return false }
            errors.append(OperationalError(.configuration, code: "mapping-required", location: .init(file: config, field: "correspondance"),
                "Source « \(s.nom) » : le format « \(s.format) » demande un fichier de correspondance (clé « correspondance »). Générez-en un brouillon avec « unefois inspect \(s.chemin) »."))
            return true
        }
        let (checks, sourceErrors) = try Pipeline(configuration: configuration).verifyAll()
        errors += sourceErrors
        let sourcesCount = checks.count + errors.count
        if errors.isEmpty && checks.isEmpty {
            errors.append(OperationalError(.configuration, code: "no-sources", location: .init(file: config, field: "sources"),
                "\(config) : aucune source (« sources » est vide) : la tâche de nuit ne publierait rien.", remedy: "ajoutez au moins une source à la liste « sources »."))
        }
        var lines: [String] = []
        if errors.isEmpty {
            lines.append("Configuration \(config) : valide, \(checks.count) source\(checks.count > 1 ? "s" : "") (les données ne sont pas lues).")
        } else {
            lines.append("Configuration \(config) : \(errors.count) erreur\(errors.count > 1 ? "s" : "") (les données ne sont pas lues) :")
            for e in errors { lines.append("  - \(e.message)") }
            if !checks.isEmpty { lines.append("Sources sans erreur (\(checks.count) sur \(sourcesCount)) :") }
        }
        for c in checks {
            var line = "  \(c.nom) (\(c.format)) : correspondance « \(c.correspondance) »"
            if !c.fichiersAbsents.isEmpty { line += " ; fichier absent pour l'instant : " + c.fichiersAbsents.joined(separator: ", ") }
            lines.append(line)
        }
        guard errors.isEmpty else {
            FileHandleStderr.write(lines.joined(separator: "\n") + "\n")
            exit(78)
        }
        print(lines.joined(separator: "\n"))
    }
}
