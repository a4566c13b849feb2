/// Decides which items of a new version of a document are items the register already
/// holds, so that a corrected document keeps every surviving item's id and history.
///
/// Items are matched by content, never by position: an inserted or removed paragraph
/// shifts every later position but leaves their wording alone. Identical text matches
/// first; then edited wording matches its closest earlier version by the overlap of
/// character pairs (Dice coefficient), which works the same for Japanese and English.
public enum ItemMatcher {
    /// The least similarity at which an edited item still counts as the same item.
    public static let threshold = 0.5

    public struct Previous: Sendable {
        public var number: Int
        public var text: String
        public init(number: Int, text: String) {
            self.number = number
            self.text = text
        }
    }

    /// For each new text, the number of the earlier item it continues, or `nil` for a new item.
    public static func match(previous: [Previous], new texts: [String]) -> [Int?] {
        var result = [Int?](repeating: nil, count: texts.count)
        guard !previous.isEmpty else { return result }
        var taken = Set<Int>()

        var byText: [String: [Int]] = [:]
        for (i, p) in previous.enumerated() { byText[normalised(p.text), default: []].append(i) }
        for (j, t) in texts.enumerated() {
            let key = normalised(t)
            guard var candidates = byText[key], !candidates.isEmpty else { continue }
            let i = candidates.removeFirst()
            byText[key] = candidates
            result[j] = previous[i].number
            taken.insert(i)
        }

        let openOld = previous.indices.filter { !taken.contains($0) }
        let openNew = texts.indices.filter { result[$0] == nil }
        guard !openOld.isEmpty, !openNew.isEmpty else { return result }
        let oldPairs = openOld.map { bigrams(previous[$0].text) }
        let newPairs = openNew.map { bigrams(texts[$0]) }
        var scored: [(score: Double, distance: Int, old: Int, new: Int)] = []
        for (a, i) in openOld.enumerated() {
            for (b, j) in openNew.enumerated() {
                let s = dice(oldPairs[a], newPairs[b])
                if s >= threshold { scored.append((s, abs(i - j), i, j)) }
            }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.distance < $1.distance }
        var usedNew = Set<Int>()
        for c in scored where !taken.contains(c.old) && !usedNew.contains(c.new) {
            result[c.new] = previous[c.old].number
            taken.insert(c.old)
            usedNew.insert(c.new)
        }
        return result
    }

    static func normalised(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    static func bigrams(_ text: String) -> [UInt64: Int] {
        var counts: [UInt64: Int] = [:]
        var previous: UInt32?
        for s in text.unicodeScalars where !s.properties.isWhitespace {
            let v = s.properties.lowercaseMapping.unicodeScalars.first?.value ?? s.value
            if let p = previous { counts[UInt64(p) << 32 | UInt64(v), default: 0] += 1 }
            previous = v
        }
        return counts
    }

    static func dice(_ a: [UInt64: Int], _ b: [UInt64: Int]) -> Double {
        let total = a.values.reduce(0, +) + b.values.reduce(0, +)
        guard total > 0 else { return 1 }
        var shared = 0
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        for (k, n) in small { shared += min(n, large[k] ?? 0) }
        return 2 * Double(shared) / Double(total)
    }
}
