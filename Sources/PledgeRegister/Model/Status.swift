/// Where a commitment stands, on the scale promise trackers use.
public enum Status: String, Sendable, Codable, CaseIterable {
    case not_yet_rated, in_the_works, stalled, kept, compromise, broken

    /// The G7 Research Group's compliance score: +1 kept, 0 compromise or in the
    /// works, −1 stalled or broken. Unrated items have no score and are left out of averages.
    public var compliance: Int? {
        switch self {
        case .kept: return 1
        case .compromise, .in_the_works: return 0
        case .stalled, .broken: return -1
        case .not_yet_rated: return nil
        }
    }

    /// Kept and broken are final: such an item can no longer be overdue.
    public var isSettled: Bool { self == .kept || self == .broken }
}
