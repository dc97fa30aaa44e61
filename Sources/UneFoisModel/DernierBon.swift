/// A source's last good read, kept from night to night so that a source that cannot be read
/// tonight (missing, truncated, quarantined) is published again from it, marked stale, instead
/// of vanishing: the fingerprint of its inputs, the run that read them, how many places they
/// gave, and the copies of the files kept in the output folder.
public struct DernierBon: Sendable, Equatable {
    public var source: String
    /// Fingerprint of the source's files (``SourceRun/empreinte``).
    public var empreinte: String
    /// Rank of the run (journal) that read them.
    public var rang: Int
    /// That run's reference date.
    public var dateReference: String
    /// Places the source gave (before deduplication).
    public var lieux: Int
    /// Copies of the files, relative to the output folder, in the source's file order.
    public var copies: [String]
    /// The files' names as the source's records cite them (provenance), same order.
    public var fichiers: [String]

    public init(source: String, empreinte: String, rang: Int, dateReference: String, lieux: Int, copies: [String], fichiers: [String]) {
        self.source = source
        self.empreinte = empreinte
        self.rang = rang
        self.dateReference = dateReference
        self.lieux = lieux
        self.copies = copies
        self.fichiers = fichiers
    }
}

/// One accepted mass change (the journal keeps it): what dropped and from how much to how much.
public struct BaisseAcceptee: Sendable, Equatable {
    /// A source name, or `(publication)` for the whole set.
    public var perimetre: String
    public var avant: Int
    public var apres: Int

    public init(perimetre: String, avant: Int, apres: Int) {
        self.perimetre = perimetre
        self.avant = avant
        self.apres = apres
    }
}
