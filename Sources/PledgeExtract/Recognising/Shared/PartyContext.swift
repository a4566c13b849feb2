import PledgeModel

/// Who the document is between and who published it, and what its own abbreviations
/// stand for: the context that turns `両国`, `we`, `同社`, an unstated subject or
/// `JST` into parties.
public struct PartyContext: Sendable, Equatable {
    /// The parties that issue or sign the document: what `我々`, `両国`, `we` and `the
    /// Leaders` stand for.
    public var documentParties: [Party]
    /// The government or body that published the document, when it says.
    public var issuer: Party?
    /// The side whose bodies a text names without their country: Japan's in a Japanese
    /// text (外務省), the publisher's in an English one (the Department of Energy).
    public var home: Party?
    /// A foreign company or person of unstated nationality: the one foreign side of a
    /// bilateral document, `OTHER` when there are several.
    public var foreign: Party
    /// A speech or a government's own release: a sentence with no stated subject speaks
    /// for the issuer.
    public var speaksForIssuer = false
    /// Parties of abbreviations the document defined (`日本の科学技術振興機構（JST）` → JST: JP).
    public var termParties: [ScalarString: [Party]] = [:]

    public init(documentParties: [Party] = [.JP, .US], issuer: Party? = nil, home: Party? = .JP, foreign: Party? = nil) {
        self.documentParties = documentParties
        self.issuer = issuer
        self.home = home
        let others = documentParties.filter { $0 != home && $0.isCountry }
        self.foreign = foreign ?? (others.count == 1 ? others[0] : .OTHER)
    }
}
