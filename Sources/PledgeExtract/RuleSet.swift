import PledgeModel

/// The rules of one language, one per dimension. A second language is a second
/// `RuleSet` beside the first; the pipeline does not change.
public struct RuleSet: Sendable {
    public var language: Language
    var layout: LayoutRules
    /// Whether a line break inside a paragraph reads as a space (English) or as nothing (Japanese).
    var lineBreakIsSpace: Bool
    public var sentences: any SentenceRules
    public var amounts: any AmountRules
    public var times: any TimeRules
    public var terms: any TermRules
    public var reading: any SentenceReadingRules

    public static let japanese = RuleSet(
        language: .ja, layout: .japanese, lineBreakIsSpace: false, sentences: JapaneseSentenceRules(),
        amounts: JapaneseAmountRules(), times: JapaneseTimeRules(), terms: JapaneseTermRules(),
        reading: JapaneseSentenceReadingRules())

    public static let english = RuleSet(
        language: .en, layout: .english, lineBreakIsSpace: true, sentences: EnglishSentenceRules(),
        amounts: EnglishAmountRules(), times: EnglishTimeRules(), terms: EnglishTermRules(),
        reading: EnglishSentenceReadingRules())

    /// The rules for a language, or nil where Pledge has none yet.
    public static func rules(for language: Language) -> RuleSet? {
        switch language {
        case .ja: return .japanese
        case .en: return .english
        }
    }
}
