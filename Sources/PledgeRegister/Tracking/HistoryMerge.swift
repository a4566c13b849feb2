/// How two histories become one when an item turns out to state the same commitment as
/// another (a translation paired with its original): every event moves to the original's
/// item, in the order they were recorded, and is numbered again after both items' current
/// versions, so no version is used twice and none goes back. Worked out here once; each
/// store only writes the result.
public struct HistoryMerge: Sendable, Equatable {
    /// An event's new item and version, by its sequence.
    public struct Move: Sendable, Equatable {
        public var sequence: Int64
        public var item: String
        public var version: Int
    }

    public var moves: [Move] = []
    /// The commitment's version and status after the merge (nil when neither had events).
    public var version: Int
    public var status: Status?

    /// - Parameters:
    ///   - original: the item that keeps the commitment, its current version and events.
    ///   - translation: the paired item's current version and events.
    public init(original: (id: String, version: Int, events: [TrackingEvent]), translation: (version: Int, events: [TrackingEvent])) {
        version = max(original.version, translation.version)
        guard !translation.events.isEmpty else {
            status = original.events.last?.status
            return
        }
        let all = (original.events + translation.events).sorted {
            ($0.recordedAt, $0.sequence) < ($1.recordedAt, $1.sequence)
        }
        for event in all {
            version += 1
            moves.append(Move(sequence: event.sequence, item: original.id, version: version))
        }
        status = all.last?.status
    }
}
