/// Splits an item's body into sentences. One rule set per language.
public protocol SentenceRules: Sendable {
    /// Sentence ranges `[start, end)` in view positions within `range`, trimmed of spaces.
    func sentences(in view: TextView, range: Range<Int>) -> [Range<Int>]
}

/// Japanese sentences end at `。！？`; closing brackets after the mark stay with
/// the sentence, and a mark inside brackets (`（以下「本協定」という。）`) or a quoted
/// sentence followed by a particle (`「…。」と述べた`) ends nothing.
public struct JapaneseSentenceRules: SentenceRules {
    public init() {}

    public func sentences(in v: TextView, range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        var depth = 0
        var depthSince = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            let u = v[i]
            switch u {
            case "「", "『", "（", "(", "【", "〔", "“":
                if depth == 0 { depthSince = i }
                depth += 1
            case "」", "』", "）", ")", "】", "〕", "”":
                depth = max(0, depth - 1)
            default:
                break
            }
            // Unbalanced brackets (PDF damage) must not swallow the rest of the item.
            if depth > 0, i - depthSince > 200 { depth = 0 }
            if depth == 0, CharacterClass.isJapaneseSentenceEnd(u) {
                var end = i + 1
                while end < range.upperBound, CharacterClass.isClosing(v[end]) { end += 1 }
                let next = v.at(end)
                if end > i + 1, next == "と" || next == "の" || next == "を" || next == "が" || next == "は" {
                    i = end
                    continue
                }
                append(&result, v, start, end)
                start = end
                i = end
                continue
            }
            i += 1
        }
        append(&result, v, start, range.upperBound)
        return result
    }

    func append(_ result: inout [Range<Int>], _ v: TextView, _ from: Int, _ to: Int) {
        let a = v.skipSpaces(from: from)
        let b = v.skipSpacesBackward(from: to)
        if a < b { result.append(a..<b) }
    }
}
