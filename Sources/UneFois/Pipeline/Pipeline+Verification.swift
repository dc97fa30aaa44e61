import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
extension Pipeline {
    /// What `unefois verifier` found about one source, without reading its data.
    public struct SourceCheck: Sendable {
        public var nom: String
        public var format: String
        /// Name of the mapping that will be used (its own file, a built-in, or the format's default).
        public var correspondance: String
        /// Files of the source that do not exist now (they may arrive before the night).
        public var fichiersAbsents: [String]
    }

    /// Checks every source's mapping file (loaded and validated like a run does) and notes the
    /// input files that are missing, without reading any data. Configuration and mapping errors
    /// throw ``OperationalError`` `.configuration` naming the file and the key (exit 78); the
    /// configuration itself was checked by ``Configuration/load(path:)`` and ``init(configuration:schemasPath:)``.
    public func verify() throws -> [SourceCheck] {
        try configuration.sources.map(check)
    }

    /// Like ``verify()``, but every source is checked: the sources whose mapping is wrong give
    /// their error (in the configuration's order) instead of stopping at the first one.
    public func verifyAll() -> (checks: [SourceCheck], errors: [OperationalError]) {
        var checks: [SourceCheck] = [], errors: [OperationalError] = []
        for spec in configuration.sources {
            do { checks.append(try check(spec)) } catch let e as OperationalError { errors.append(e) } catch {
                errors.append(OperationalError(.configuration, "Source « \(spec.nom) » : \(error)"))
            }
        }
        return (checks, errors)
    }

    private func check(_ spec: SourceSpec) throws -> SourceCheck {
        let mapping = try mapping(for: spec)
        return SourceCheck(nom: spec.nom, format: spec.format.rawValue, correspondance: mapping.nom,
                           fichiersAbsents: spec.chemins.filter { !FileManagerShim.exists($0) }.map(displayName))
    }
}
