/// What storing a document does to the items a register already holds for it, worked out
/// the same way for every store: items matched by content (`ItemMatcher`) continue under
/// their numbers, new ones get the next numbers, and those the document no longer holds
/// are withdrawn, never deleted.
public struct IngestPlan: Sendable {
    /// An item of the document as the register holds it.
    public struct Previous: Sendable {
        public var number: Int
        public var text: String
        public var fingerprint: String
        public var withdrawn: Bool
        public var version: Int

        public init(number: Int, text: String, fingerprint: String, withdrawn: Bool, version: Int) {
            self.number = number
            self.text = text
            self.fingerprint = fingerprint
            self.withdrawn = withdrawn
            self.version = version
        }
    }

    public enum Step: Sendable {
        /// A new item, numbered `number`, at `ordinal` in the document.
        case insert(ItemRecord, number: Int, ordinal: Int)
        /// A continuing item rewritten in place; `version` moves only if what it says changed.
        case update(ItemRecord, number: Int, ordinal: Int, version: Int)
        /// An item the new version no longer holds.
        case withdraw(number: Int)
    }

    public var steps: [Step] = []
    public var outcome: IngestOutcome

    /// - Parameters:
    ///   - previous: the document's items in the register, withdrawn ones last, each group in
    ///     document order.
    ///   - corrections: what editors corrected of those items, by number, oldest first: a
    ///     continuing item keeps its corrected values, and a correction made on other words
    ///     is kept too, for an editor to review (`Correction.needsReview`).
    public init(_ document: DocumentRecord, previous: [Previous], isNew: Bool, corrections: [Int: [Correction]] = [:]) {
        outcome = IngestOutcome(document: document.key, change: isNew ? .added : .revised)
        let matches = ItemMatcher.match(
            previous: previous.map { ItemMatcher.Previous(number: $0.number, text: $0.text) }, new: document.items.map(\.text))
        let byNumber = Dictionary(uniqueKeysWithValues: previous.map { ($0.number, $0) })
        var nextNumber = (previous.map(\.number).max() ?? 0) + 1
        var continued = Set<Int>()
        for (ordinal, read) in document.items.enumerated() {
            if let number = matches[ordinal], let old = byNumber[number] {
                let item = corrections[number].map { Corrections.applying($0, to: read) } ?? read
                continued.insert(number)
                let unchanged = old.fingerprint == item.fingerprint && !old.withdrawn
                steps.append(.update(item, number: number, ordinal: ordinal, version: old.version + (unchanged ? 0 : 1)))
                if unchanged { outcome.kept += 1 } else { outcome.changed += 1 }
                if !unchanged && !isNew { outcome.changes.append(ItemChange(kind: .changed, number: number, before: old.text, after: item.text)) }
            } else {
                steps.append(.insert(read, number: nextNumber, ordinal: ordinal))
                if !isNew { outcome.changes.append(ItemChange(kind: .new, number: nextNumber, after: read.text)) }
                nextNumber += 1
                outcome.added += 1
            }
        }
        for old in previous where !continued.contains(old.number) && !old.withdrawn {
            steps.append(.withdraw(number: old.number))
            outcome.changes.append(ItemChange(kind: .withdrawn, number: old.number, before: old.text))
            outcome.withdrawn += 1
        }
    }
}
