import UneFoisCore
/// One countable fact of the roadmap kept by the data officer: a training of aidants (3.1), a
/// charter signature or working-group meeting (3.2), an immersion (3.3), an event attended (3.4).
public struct SuiviAction: Sendable, Equatable {
    public var date: String
    public var action: String
    public var type: String
    public var libelle: String
    public var commune: String?
    public var participants: Int?
    public var dureeHeures: Double?
    public var partenaire: String?
    public var provenance: Provenance

    public init(date: String, action: String, type: String, libelle: String, commune: String? = nil,
                participants: Int? = nil, dureeHeures: Double? = nil, partenaire: String? = nil,
                provenance: Provenance) {
        self.date = date
        self.action = action
        self.type = type
        self.libelle = libelle
        self.commune = commune
        self.participants = participants
        self.dureeHeures = dureeHeures
        self.partenaire = partenaire
        self.provenance = provenance
    }
}
