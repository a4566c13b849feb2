import PledgeModel
/// A stretch of document text prepared for the recognisers: its code points with
/// full-width ASCII narrowed and page-break damage removed, each mapped back to
/// its offset in the original document.
///
/// Recognisers match on `scalars` and report positions in it; `span(_:_:)` turns
/// those into document offsets and `source(_:)` into the original wording, so no
/// recogniser ever needs to know how the text was cleaned.
public struct TextView: Sendable {
    /// Normalised code points the recognisers read.
    public private(set) var scalars: [Unicode.Scalar] = []
    /// `origin[i]` is the document offset of `scalars[i]` (32 bits: half the memory
    /// of `Int` on a paragraph that runs for megabytes).
    private(set) var origin: [Int32] = []
    /// The original code points from `rawStart`, for quoting spans as written.
    let raw: [Unicode.Scalar]
    let rawStart: Int
    /// The view's words, when the extraction has read them for the English rules.
    var words: WordIndex?

    init(raw: [Unicode.Scalar], rawStart: Int) {
        self.raw = raw
        self.rawStart = rawStart
    }

    /// A view of a whole string, offsets counted from its first code point.
    public init(_ text: String) {
        self.init(raw: Array(text.unicodeScalars), rawStart: 0)
        append(rawRange: 0..<raw.count)
    }

    /// Adds original code points `range` (relative to `raw`) to the view, narrowed.
    mutating func append(rawRange range: Range<Int>) {
        // The code points are copied whole, then narrowed and numbered in place.
        let first = scalars.count
        let base = rawStart + range.lowerBound
        raw.withUnsafeBufferPointer { r in scalars.append(contentsOf: UnsafeBufferPointer(rebasing: r[range])) }
        origin.append(contentsOf: repeatElement(0, count: range.count))
        scalars.withUnsafeMutableBufferPointer { s in
            for k in first..<s.count { s[k] = CharacterClass.narrow(s[k]) }
        }
        origin.withUnsafeMutableBufferPointer { o in
            for k in 0..<range.count { o[first + k] = Int32(truncatingIfNeeded: base + k) }
        }
    }

    /// Adds a space standing for the line break at `rawIndex` (English joins wrapped lines with one).
    mutating func appendSpace(rawIndex: Int) {
        scalars.append(" ")
        origin.append(Int32(truncatingIfNeeded: rawStart + rawIndex))
    }

    public var count: Int { scalars.count }

    public subscript(_ i: Int) -> Unicode.Scalar { scalars[i] }

    /// The scalar at `i`, or NUL outside the view: lets matchers look around freely.
    @inline(__always)
    public func at(_ i: Int) -> Unicode.Scalar {
        i >= 0 && i < scalars.count ? scalars[i] : "\u{0}"
    }

    /// Document span of view positions `[from, to)`.
    public func span(_ from: Int, _ to: Int) -> SourceSpan {
        SourceSpan(offset(from), offset(to - 1) + 1)
    }

    /// The document offset of view position `i`.
    public func offset(_ i: Int) -> Int { Int(origin[i]) }

    /// The original text of a document span lying inside this view.
    public func source(_ span: SourceSpan) -> String {
        String(scalars: raw[(span.start - rawStart)..<(span.end - rawStart)])
    }

    /// Normalised text of view positions `[from, to)`.
    public func string(_ from: Int, _ to: Int) -> String {
        String(scalars: scalars[from..<to])
    }

    /// Lower-cased normalised text of view positions `[from, to)`: `string(from, to).lowercased()`.
    public func lowercasedString(_ from: Int, _ to: Int) -> String {
        String(lowercasedScalars: scalars[from..<to])
    }

    /// True when the normalised text at `i` starts with `word`.
    public func matches(_ word: String, at i: Int) -> Bool {
        guard i >= 0 else { return false }
        var j = i
        for u in word.unicodeScalars {
            guard j < scalars.count, scalars[j] == u else { return false }
            j += 1
        }
        return true
    }

    /// True when the normalised text ending just before `i` ends with `word`.
    public func matches(_ word: String, endingAt i: Int) -> Bool {
        // Compared backwards from `i`: no count of the word's code points first.
        var j = i
        for u in word.unicodeScalars.reversed() {
            j -= 1
            guard j >= 0, j < scalars.count, scalars[j] == u else { return false }
        }
        return true
    }

    /// The first of `words` found at `i`, longest listed first by the caller.
    public func firstMatch(_ words: [String], at i: Int) -> String? {
        words.first { matches($0, at: i) }
    }

    /// `matches` for a word already held as code points: the rules' hot word lists are
    /// compared without decoding a string each time.
    @inline(__always) public func matches(_ word: ScalarString, at i: Int) -> Bool {
        let n = word.scalars.count
        guard i >= 0, i + n <= scalars.count else { return false }
        var k = 0
        while k < n {
            if scalars[i + k] != word.scalars[k] { return false }
            k += 1
        }
        return true
    }

    public func firstMatch(_ words: [ScalarString], at i: Int) -> ScalarString? {
        words.first { matches($0, at: i) }
    }

    /// Index of the next non-space position at or after `i` (or `i` itself when none skipped).
    public func skipSpaces(from i: Int) -> Int {
        var j = i
        while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
        return j
    }

    /// Index just after the last non-space position before `i`.
    public func skipSpacesBackward(from i: Int) -> Int {
        var j = i
        while j > 0, scalars[j - 1] == " " || scalars[j - 1] == "\t" { j -= 1 }
        return j
    }
}

extension String {
    /// Builds a string from code points by encoding them to UTF-8 in one buffer,
    /// much faster than appending them to a `UnicodeScalarView` one by one.
    init<C: Collection<Unicode.Scalar>>(scalars: C) {
        // The UTF-8 length first, then the bytes straight into the string's own storage
        // (a short string is built inline, with no allocation at all).
        var length = 0
        for u in scalars {
            let v = u.value
            length += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        self = String(unsafeUninitializedCapacity: length) { out in
            var n = 0
            for u in scalars {
                let v = u.value
                if v < 0x80 {
                    out[n] = UInt8(v); n += 1
                } else if v < 0x800 {
                    out[n] = UInt8(0xC0 | v >> 6); out[n + 1] = UInt8(0x80 | v & 0x3F); n += 2
                } else if v < 0x10000 {
                    out[n] = UInt8(0xE0 | v >> 12); out[n + 1] = UInt8(0x80 | v >> 6 & 0x3F); out[n + 2] = UInt8(0x80 | v & 0x3F); n += 3
                } else {
                    out[n] = UInt8(0xF0 | v >> 18); out[n + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                    out[n + 2] = UInt8(0x80 | v >> 6 & 0x3F); out[n + 3] = UInt8(0x80 | v & 0x3F); n += 4
                }
            }
            return n
        }
    }

    /// The lower-cased text of code points: ASCII is lowered byte by byte with no
    /// intermediate string; anything else goes through `lowercased()`.
    init<C: Collection<Unicode.Scalar>>(lowercasedScalars scalars: C) {
        var length = 0
        for u in scalars {
            guard u.value < 0x80 else {
                self = String(scalars: scalars).lowercased()
                return
            }
            length += 1
        }
        self = String(unsafeUninitializedCapacity: length) { out in
            var n = 0
            for u in scalars {
                let v = u.value
                out[n] = UInt8(v &- 0x41 < 26 ? v + 0x20 : v)
                n += 1
            }
            return n
        }
    }
}
