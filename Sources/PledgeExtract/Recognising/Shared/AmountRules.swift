import PledgeModel

/// Finds sums of money and counts of people in a stretch of text.
/// One rule set per language; the extractor picks the document's.
public protocol AmountRules: Sendable {
    func amounts(in view: TextView) -> [Amount]
}
