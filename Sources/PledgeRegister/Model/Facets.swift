/// How many items of a register have each value of one field, for the facets of a list.
public struct FacetCount: Sendable, Codable, Equatable {
    /// What a filter takes (`s3`, `commit`, `JP`).
    public var value: String
    /// What a reader sees, when it differs from `value` (a section's heading).
    public var label: String?
    public var count: Int

    public init(value: String, label: String? = nil, count: Int) {
        self.value = value
        self.label = label
        self.count = count
    }
}

/// The fields an item list can be faceted by.
public enum FacetField: String, Sendable, CaseIterable {
    case document, section, modality, party, status
}
