/// A string held as code points, for the many small substring tests the
/// recognisers make per sentence: plain array comparisons, no grapheme breaking,
/// no Foundation bridging.
public struct ScalarString: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var scalars: [Unicode.Scalar]

    public init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }
    public init<S: Sequence<Unicode.Scalar>>(_ scalars: S) { self.scalars = Array(scalars) }
    public init(_ string: String) { scalars = Array(string.unicodeScalars) }
    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { String(scalars: scalars) }
    public var count: Int { scalars.count }
    /// As `String.unicodeScalars`, so word lists read the same held either way.
    public var unicodeScalars: [Unicode.Scalar] { scalars }
    public var isEmpty: Bool { scalars.isEmpty }
    public var first: Unicode.Scalar? { scalars.first }
    public var last: Unicode.Scalar? { scalars.last }

    public func hasPrefix(_ p: ScalarString) -> Bool {
        p.count <= count && scalars[..<p.count].elementsEqual(p.scalars)
    }

    public func hasSuffix(_ p: ScalarString) -> Bool {
        p.count <= count && scalars[(count - p.count)...].elementsEqual(p.scalars)
    }

    public func contains(_ p: ScalarString) -> Bool { firstIndex(of: p) != nil }

    public func firstIndex(of p: ScalarString, from start: Int = 0) -> Int? {
        guard let head = p.first else { return start }
        var i = start
        while i + p.count <= count {
            if scalars[i] == head, scalars[i..<(i + p.count)].elementsEqual(p.scalars) { return i }
            i += 1
        }
        return nil
    }

    public func dropLast(_ n: Int) -> ScalarString { ScalarString(Array(scalars.dropLast(n))) }
    public func suffix(_ n: Int) -> ScalarString { ScalarString(Array(scalars.suffix(n))) }

    /// Pieces between any of the separators, trimmed, empty ones dropped.
    public func split(by separators: [ScalarString]) -> [ScalarString] {
        var parts: [ScalarString] = []
        var current: [Unicode.Scalar] = []
        var i = 0
        outer: while i < count {
            for sep in separators where sep.count > 0 && i + sep.count <= count && scalars[i..<(i + sep.count)].elementsEqual(sep.scalars) {
                parts.append(ScalarString(current).trimmingSpaces())
                current = []
                i += sep.count
                continue outer
            }
            current.append(scalars[i])
            i += 1
        }
        parts.append(ScalarString(current).trimmingSpaces())
        return parts.filter { !$0.isEmpty }
    }

    public func trimmingSpaces() -> ScalarString {
        var a = 0
        var b = count
        while a < b, CharacterClass.isSpace(scalars[a]) || scalars[a] == "\n" { a += 1 }
        while b > a, CharacterClass.isSpace(scalars[b - 1]) || scalars[b - 1] == "\n" { b -= 1 }
        return ScalarString(Array(scalars[a..<b]))
    }

    /// `米国国立標準技術研究所（NIST）` → `米国国立標準技術研究所`.
    public func removingTrailingParenthetical() -> ScalarString {
        let s = trimmingSpaces()
        guard s.last == "）" || s.last == ")" else { return s }
        guard let open = s.scalars.lastIndex(where: { $0 == "（" || $0 == "(" }) else { return s }
        return ScalarString(Array(s.scalars[..<open])).trimmingSpaces()
    }
}

/// A list of names with what each stands for, indexed by first code point so
/// that finding every name inside a phrase costs a pass over the phrase, not a
/// pass per name.
struct Gazetteer<Value: Sendable>: Sendable {
    let entries: [(name: ScalarString, value: Value)]
    private let byFirst: [Unicode.Scalar: [Int]]
    /// The same index for ASCII first letters, looked up without hashing.
    private let byFirstASCII: [[Int]]
    /// Names of two or more code points opening with two ASCII ones, by that pair: an
    /// English text's words are looked up here, among a handful of names rather than dozens.
    private let byFirstPair: [[Int]]
    private let hasShortASCIINames: Bool
    /// One bit per code point below U+10000 that opens a name: most code points of a
    /// Japanese phrase open none, and a bit test costs less than hashing them.
    private let opensName: CodePointBits
    private let byLast: [Unicode.Scalar: [Int]]
    /// Whether names must stand as whole words (English: `nist` is not in `minister`).
    var wholeWords = false

    init(_ entries: [(ScalarString, Value)], wholeWords: Bool = false) {
        self.wholeWords = wholeWords
        self.entries = entries.map { (name: $0.0, value: $0.1) }
        var index: [Unicode.Scalar: [Int]] = [:]
        var ascii = Array(repeating: [Int](), count: 128)
        for (i, e) in entries.enumerated() where !e.0.isEmpty {
            let first = e.0.scalars[0]
            if first.value < 128 { ascii[Int(first.value)].append(i) } else { index[first, default: []].append(i) }
        }
        byFirst = index
        byFirstASCII = ascii
        opensName = CodePointBits(index.keys)
        var pairs = Array(repeating: [Int](), count: 128 * 128)
        for (i, e) in entries.enumerated() where e.0.count >= 2 && e.0.scalars[0].value < 128 && e.0.scalars[1].value < 128 {
            pairs[Int(e.0.scalars[0].value) * 128 + Int(e.0.scalars[1].value)].append(i)
        }
        byFirstPair = pairs
        hasShortASCIINames = entries.contains { $0.0.count == 1 && $0.0.scalars[0].value < 128 }
        var last: [Unicode.Scalar: [Int]] = [:]
        for (i, e) in entries.enumerated() where !e.0.isEmpty { last[e.0.scalars[e.0.count - 1], default: []].append(i) }
        byLast = last
    }

    /// The values of the names that occur in `s`, the longest name at each place:
    /// `インドネシア` is Indonesia and not India too, `papua new guinea` not Guinea.
    func values(in s: ScalarString) -> [Value] {
        var found: [Value] = []
        let text = s.scalars
        var i = 0
        while i < text.count {
            let u = text[i]
            // A whole word starts after no letter: one test passes over the rest of a word.
            if wholeWords, i > 0, CharacterClass.isLetter(text[i - 1]) { i += 1; continue }
            let candidates: [Int]
            if u.value < 128 {
                // Two ASCII code points: only names opening with both (a one-letter or a
                // non-ASCII second code point leaves the first letter's list).
                if i + 1 < text.count, text[i + 1].value < 128, !hasShortASCIINames {
                    candidates = byFirstPair[Int(u.value) * 128 + Int(text[i + 1].value)]
                } else {
                    candidates = byFirstASCII[Int(u.value)]
                }
            } else if opensName.excludes(u) {
                i += 1
                continue
            } else {
                candidates = byFirst[u] ?? []
            }
            var best: Int?
            for c in candidates {
                let name = entries[c].name.scalars
                if let b = best, entries[b].name.count >= name.count { continue }
                guard i + name.count <= text.count, text[i..<(i + name.count)].elementsEqual(name) else { continue }
                if wholeWords, i + name.count < text.count && CharacterClass.isLetter(text[i + name.count]) && CharacterClass.isLetter(name[name.count - 1]) {
                    continue
                }
                best = c
            }
            if let best {
                found.append(entries[best].value)
                i += entries[best].name.count
            } else {
                i += 1
            }
        }
        return found
    }

    /// The value of the first name `s` starts with.
    func prefixValue(of s: ScalarString) -> Value? {
        guard let first = s.first else { return nil }
        let candidates = first.value < 128 ? byFirstASCII[Int(first.value)] : (byFirst[first] ?? [])
        return candidates.first { s.hasPrefix(entries[$0].name) }.map { entries[$0].value }
    }

    /// Whether `s` ends with one of the names.
    func containsSuffix(of s: ScalarString) -> Bool {
        guard let last = s.last else { return false }
        return (byLast[last] ?? []).contains { s.hasSuffix(entries[$0].name) }
    }
}

/// A set of code points below U+10000 as bits: whether a code point may be one of them
/// costs a shift and a mask, where a `Set` would hash it.
struct CodePointBits: Sendable {
    private var bits = Array(repeating: UInt64(0), count: 1024)

    init<S: Sequence<Unicode.Scalar>>(_ scalars: S) {
        for u in scalars where u.value < 0x10000 { bits[Int(u.value >> 6)] |= 1 << UInt64(u.value & 63) }
    }

    /// True when `u` is surely not in the set; code points above the BMP are never excluded.
    @inline(__always) func excludes(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x10000 && bits[Int(u.value >> 6)] & (1 << UInt64(u.value & 63)) == 0
    }
}

/// A fixed set of packed word keys (see `EnglishTimeRules.key`), looked up with a
/// multiplicative hash and linear probing: `Set`'s seeded hashing costs more than
/// the rest of the test for the many words of an English text.
struct KeySet: Sendable {
    private let slots: [UInt64]
    private let shift: UInt64

    init<S: Sequence<UInt64>>(_ keys: S) {
        let unique = Array(Set(keys))
        var bits: UInt64 = 4
        while (1 << bits) < unique.count * 4 { bits += 1 }
        var slots = Array(repeating: UInt64(0), count: 1 << bits)
        let shift = 64 - bits
        for key in unique where key != 0 {
            var i = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[i] != 0 { i = (i + 1) & (slots.count - 1) }
            slots[i] = key
        }
        self.slots = slots
        self.shift = shift
    }

    @inline(__always) func contains(_ key: UInt64) -> Bool {
        var i = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = slots[i]
            if k == key { return key != 0 }
            if k == 0 { return false }
            i = (i + 1) & (slots.count - 1)
        }
    }
}

/// A fixed map from packed word keys (see `EnglishTimeRules.key`) to their position in
/// the list it was built from, hashed like `KeySet`.
struct KeyMap: Sendable {
    private let slots: [UInt64]
    private let values: [Int32]
    private let shift: UInt64

    init(_ keys: [UInt64]) {
        // Half full at most: a small table stays in the nearest cache.
        var bits: UInt64 = 4
        while (1 << bits) < keys.count * 2 { bits += 1 }
        var slots = Array(repeating: UInt64(0), count: 1 << bits)
        var values = Array(repeating: Int32(-1), count: 1 << bits)
        let shift = 64 - bits
        for (n, key) in keys.enumerated() where key != 0 {
            var i = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & (slots.count - 1) }
            if slots[i] == key { continue }  // the first position wins
            slots[i] = key
            values[i] = Int32(n)
        }
        self.slots = slots
        self.values = values
        self.shift = shift
    }

    /// The position of `key` in the list, or nil.
    @inline(__always) func index(of key: UInt64) -> Int? {
        var i = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = slots[i]
            if k == key { return key != 0 ? Int(values[i]) : nil }
            if k == 0 { return nil }
            i = (i + 1) & (slots.count - 1)
        }
    }
}
