import UneFoisCore

/// One run in the journal (a rerun on identical inputs adds none).
public struct Execution: Sendable, Equatable {
    public var rang: Int
    public var empreinte: String
    public var dateReference: String
    public var lieuxPublies: Int
    public var changements: Int

    public init(rang: Int, empreinte: String, dateReference: String, lieuxPublies: Int, changements: Int) {
        self.rang = rang
        self.empreinte = empreinte
        self.dateReference = dateReference
        self.lieuxPublies = lieuxPublies
        self.changements = changements
    }
}

/// One change of a published value between two runs; `champ` is `(lieu)` when a place
/// appears (`avant` nil) or disappears (`apres` nil).
public struct Changement: Sendable, Equatable {
    public var rangExecution: Int
    public var lieuId: String
    public var champ: String
    public var avant: String?
    public var apres: String?

    public init(rangExecution: Int, lieuId: String, champ: String, avant: String?, apres: String?) {
        self.rangExecution = rangExecution
        self.lieuId = lieuId
        self.champ = champ
        self.avant = avant
        self.apres = apres
    }
}

