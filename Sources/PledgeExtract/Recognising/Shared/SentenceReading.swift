import PledgeModel

/// What a sentence binds: its main predicate's strength, and who it binds.
public struct SentenceReading: Equatable, Sendable {
    public var modality: Modality
    /// The actor's position in the sentence, in code points; the caller quotes it from the source.
    public var actor: Range<Int>?
    public var parties: [Party]
}

/// Reads modality, actor and parties of a sentence. One rule set per language.
public protocol SentenceReadingRules: Sendable {
    /// `previous` holds the parties of the sentence before in the same item, for 同社 and
    /// for sentences whose subject is left implicit.
    func read(_ sentence: ArraySlice<Unicode.Scalar>, context: PartyContext, previous: [Party]) -> SentenceReading
}
