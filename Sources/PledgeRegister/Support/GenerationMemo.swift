import Synchronization

/// The register's generation as last read from the database, trusted for a short while: a
/// server answering thousands of cached pages a second then asks the database a few times a
/// second rather than once per answer.
///
/// Every write of this process forgets it when the write ends, and a read that began before
/// a write is not kept, so a user never sees a page from before their own write. Another
/// process's writes (a second server, `pledge ingest` beside a server) are seen within
/// `freshness`. Both stores keep one.
package final class GenerationMemo: Sendable {
    struct State {
        var value: Int?
        var readAt = ContinuousClock.now
        /// Writes ended so far: a read that saw fewer may have read too early to be kept.
        var writes = 0
        /// The generation at which the tallies were last looked at for folding.
        var compacted: Int?
    }

    package let freshness: Duration
    private let state = Mutex(State())

    package init(freshness: Duration) { self.freshness = freshness }

    /// The generation if it was read recently enough, and the count of writes a read started
    /// now would report to `keep`.
    package func recall() -> (value: Int?, writes: Int) {
        state.withLock { s in
            let fresh = s.value != nil && ContinuousClock.now - s.readAt < freshness
            return (fresh ? s.value : nil, s.writes)
        }
    }

    /// Keeps a generation read when `writes` writes had ended, unless another has ended since.
    package func keep(_ value: Int, readAfter writes: Int, at instant: ContinuousClock.Instant) {
        state.withLock { s in
            guard s.writes == writes else { return }
            s.value = value
            s.readAt = instant
        }
    }

    /// The generation remembered, or `read` from the store and kept.
    package func generation(read: () async throws -> Int) async throws -> Int {
        let (known, writes) = recall()
        if let known { return known }
        let started = ContinuousClock.now
        let value = try await read()
        keep(value, readAfter: writes, at: started)
        return value
    }

    /// A write of this process has ended.
    package func forget() {
        state.withLock { s in
            s.writes += 1
            s.value = nil
        }
    }

    /// Whether the tallies need looking at for `generation`, noting that they have been.
    package func compacting(at generation: Int) -> Bool {
        state.withLock { s in
            guard s.compacted != generation else { return false }
            s.compacted = generation
            return true
        }
    }
}
