/// Whether a document arriving under a key the register already uses is a new version of
/// the document stored there, or another document that happens to get the same key (a joint
/// statement and a fact sheet of one day and one pair of countries).
///
/// A derived key is only a guess at identity, so a document that is recognisably different
/// is stored under the next free key (`…-2`, `…-3`) rather than withdrawing the other's items.
/// A key the user gave (`--key`) is taken at its word.
public enum DocumentIdentity {
    /// What the register holds under a key.
    public struct Stored: Sendable {
        public var title: String?
        public var sha256: String
        /// The texts of its current (not withdrawn) items.
        public var itemTexts: [String]

        public init(title: String?, sha256: String, itemTexts: [String]) {
            self.title = title
            self.sha256 = sha256
            self.itemTexts = itemTexts
        }
    }

    /// The share of items that must continue for a document to count as a new version: more
    /// where the titles differ, less where they agree.
    static let overlapWithTitle = 0.3
    static let overlapAlone = 0.6

    /// Keys to try for a document whose derived key is `key`, in order.
    public static func candidates(_ key: String) -> [String] {
        [key] + (2...99).map { "\(key)-\($0)" }
    }

    /// Whether `incoming` is the stored document itself or a version of it.
    public static func isSameDocument(_ stored: Stored, _ incoming: DocumentRecord) -> Bool {
        if stored.sha256 == incoming.info.sha256 { return true }
        let texts = incoming.items.map(\.text)
        let matches = ItemMatcher.match(
            previous: stored.itemTexts.enumerated().map { ItemMatcher.Previous(number: $0.offset + 1, text: $0.element) }, new: texts)
        let smaller = min(stored.itemTexts.count, texts.count)
        let overlap = smaller == 0 ? 0 : Double(matches.compactMap { $0 }.count) / Double(smaller)
        let titlesAgree = ItemMatcher.dice(
            ItemMatcher.bigrams(stored.title ?? ""), ItemMatcher.bigrams(incoming.info.title ?? "")) >= 0.8
        if smaller == 0 { return titlesAgree }
        return overlap >= (titlesAgree ? overlapWithTitle : overlapAlone)
    }

    /// The message an ingest gives when it stores a document under another key than its own.
    public static func note(derived: String, used: String) -> String {
        "\(derived) holds another document of that date and those countries; this one is stored as \(used)"
    }
}
