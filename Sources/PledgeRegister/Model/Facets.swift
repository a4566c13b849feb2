/// How many items of a register have each value of one field, for the facets of a list.
public struct FacetCount: Sendable, Codable, Equatable {
    /// What a filter takes (`s3`, `commit`, `JP`).
    public var value: String
    /// What a reader sees, when it differs from `value` (a section's heading).
    public var label: String?
    public var count: Int
    /// How many of them have each status (`kept`, `not_yet_rated`), for compliance by section
    /// or party.
    public var statuses: [String: Int]

    public init(value: String, label: String? = nil, count: Int, statuses: [String: Int] = [:]) {
        self.value = value
        self.label = label
        self.count = count
        self.statuses = statuses
    }
}

/// The fields an item list can be faceted by.
public enum FacetField: String, Sendable, CaseIterable {
    case document, section, modality, party, status

    /// A document facet counts the items of the newest this many documents only, so that its
    /// cost does not grow with the register.
    public static let newestDocuments = 200
}
