import PledgeModel

/// Finds time expressions, gives each its role and an ISO value resolved
/// against the document date. One rule set per language.
public protocol TimeRules: Sendable {
    func times(in view: TextView, anchor: Day?) -> [TimeExpression]
}
