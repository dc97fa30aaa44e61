import UneFoisCore
/// A data·inclusion v1 service attached to a published place: what is offered there, to whom,
/// how, at what cost. The hub publishes one « accompagnement au numérique » service per
/// mediation place; values use the data·inclusion v1 vocabularies.
/// See `schemas/data-inclusion/v1/service.json`.
public struct Service: Sendable, Equatable {
    public var id: String
    /// Consolidated id of the place (the data·inclusion structure).
    public var structureId: String
    public var nom: String
    public var description: String
    /// `accompagnement`, `atelier`, `aide-materielle`...
    public var type: String
    public var thematiques: [String]
    /// `gratuit` or `payant`; nil when unknown or mixed.
    public var frais: String?
    public var publics: [String]
    public var modesAccueil: [String]
    public var modesMobilisation: [String]

    public init(id: String, structureId: String, nom: String, description: String, type: String, thematiques: [String],
                frais: String?, publics: [String], modesAccueil: [String], modesMobilisation: [String]) {
        self.id = id
        self.structureId = structureId
        self.nom = nom
        self.description = description
        self.type = type
        self.thematiques = thematiques
        self.frais = frais
        self.publics = publics
        self.modesAccueil = modesAccueil
        self.modesMobilisation = modesMobilisation
    }
}
