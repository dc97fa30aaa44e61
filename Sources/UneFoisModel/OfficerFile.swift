import UneFoisCore

/// A JSON file the data officer writes (run configuration, mapping, deduplication weights): read
/// once, every error naming the file and the line (invalid JSON, `json-invalid`) or the key
/// (`config-key`), with exit code 78.
package enum OfficerFile {
    /// Parses the JSON document at `path`. `label` names the kind of file in messages
    /// (« Configuration », « Fichier de correspondance »...).
    package static func parse(path: String, label: String) throws -> JSONValue {
        let file = try MappedFile(path: path)
        do {
            return try JSONParser.parse(file.bytes)
        } catch let e as JSONParser.Failure {
            throw OperationalError(.configuration, code: "json-invalid", location: .init(file: path, line: e.line),
                                   "\(label) \(path), ligne \(e.line) : JSON invalide (\(e.message)).")
        }
    }

    /// The error for a wrong or missing key of such a file.
    package static func keyError(path: String, label: String, key: String, _ what: String) -> OperationalError {
        OperationalError(.configuration, code: "config-key", location: .init(file: path, field: key), "\(label) \(path) : clé « \(key) » : \(what)")
    }
}
