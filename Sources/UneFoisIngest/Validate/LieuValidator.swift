import UneFoisCore
import UneFoisModel
/// Validates a normalised ``Lieu`` against the standard's Table Schema before publishing:
/// a bad optional value is dropped (warning), a missing or bad required value rejects the place.
/// What is published therefore always passes `frictionless validate`.
public struct LieuValidator: Sendable {
    public let schema: TableSchema
    /// The schema's fields with their ``Champ`` (resolved once, not per place); `id` is not
    /// checked here (its uniqueness is the ingestion's).
    let champs: [Check]

    /// A schema field and its ``Champ``. The field is not retained (``schema`` keeps it): the
    /// threads that validate places share it, and a retain per field and place is an atomic count
    /// the cores take from each other.
    struct Check: @unchecked Sendable {
        unowned(unsafe) let field: TableSchema.Field
        let champ: Champ
        init(_ field: TableSchema.Field, _ champ: Champ) { self.field = field; self.champ = champ }
    }

    public init(schema: TableSchema) {
        self.schema = schema
        // A field that is optional, of type string and without constraint accepts every value:
        // its values are not even read (eleven of the standard's fields).
        champs = schema.fields.compactMap { f in
            guard !f.acceptsAnything else { return nil }
            return Champ(rawValue: f.name).flatMap { $0 == .id ? nil : Check(f, $0) }
        }
    }

    /// Returns false (with an error issue) when the place must be rejected.
    public func validate(_ lieu: inout Lieu, issues: inout [Issue]) -> Bool {
        var ok = true
        // Safe values first: URL schemes, control characters, length, formula-like cells.
        SafeValues.apply(&lieu, issues: &issues)
        for check in champs {
            let champ = check.champ
            let value = lieu.valeurs.cell(champ)
            guard let err = schema.check(check.field, value) else { continue }
            let colonne = lieu.valeurs[champ]?.colonne ?? check.field.name
            if check.field.required {
                ok = false
                let what = value == nil ? "champ obligatoire « \(check.field.name) » absent" : err.message
                issues.append(Issue(value == nil ? "missing-cell" : err.code, .error,
                                    "Lieu rejeté : \(what). Complétez-le à la source, ou indiquez dans le fichier de correspondance la colonne (ou la valeur par défaut) qui le donne.",
                                    at: lieu.provenance, field: colonne))
            } else if champ.isList, let items = lieu.valeurs[champ]?.items, items.count > 1 {
                // Keep the items that pass on their own.
                let good = items.filter { schema.check(check.field, $0) == nil }
                let bad = items.filter { schema.check(check.field, $0) != nil }
                lieu.set(champ, good, colonne: colonne)
                issues.append(Issue(err.code, .warning, "Valeur(s) « \(bad.joined(separator: " | ")) » non reconnue(s) par le standard pour « \(check.field.name) » : ignorée(s).", at: lieu.provenance, field: colonne))
            } else {
                lieu.remove(champ)
                issues.append(Issue(err.code, .warning, "Valeur ignorée : \(err.message)", at: lieu.provenance, field: colonne))
            }
        }
        return ok
    }
}
