import Foundation

/// Text made safe to put between tags or inside a quoted attribute. Every string that comes
/// from a document, a user or a request goes through here (or through a template's `{{ }}`,
/// which escapes the same characters) before it reaches a page.
enum HTML {
    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars { append(c, to: &out) }
        return out
    }

    static func append(_ c: Unicode.Scalar, to out: inout String) {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(c)
        }
    }

    /// A path segment for a link: item ids hold `#`, which a browser would read as a fragment.
    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? text
    }

    static let segmentCharacters: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "/#?%")
        return set
    }()

    /// A value for a query string.
    static func queryValue(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: queryValueCharacters) ?? value
    }

    static let queryValueCharacters: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func itemPath(_ id: String) -> String { "/items/" + pathSegment(id) }
    static func documentPath(_ key: String) -> String { "/documents/" + pathSegment(key) }
}

/// Marks spans of a text with tags: amounts, times and abbreviations in a paragraph, items in
/// a whole document. Offsets are Unicode scalars, as in every extraction.
struct Annotator {
    struct Mark {
        var start: Int
        var end: Int
        /// Escaped HTML that opens the mark; `close` ends it.
        var open: String
        var close: String
        /// Marks of a lower layer enclose those of higher ones (an item its amounts).
        var layer: Int
    }

    var marks: [Mark] = []
    /// Characters left out of the output (markup the marks stand for).
    var hidden: [Range<Int>] = []

    mutating func add(_ start: Int, _ end: Int, open: String, close: String, layer: Int = 1) {
        guard end > start else { return }
        marks.append(Mark(start: start, end: end, open: open, close: close, layer: layer))
    }

    mutating func hide(_ range: Range<Int>) { hidden.append(range) }

    /// The text, escaped, with the marks that fit: within a layer a mark that overlaps an
    /// earlier one is left out, and a mark must lie inside any lower-layer mark it touches.
    func render(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var kept: [Mark] = []
        for mark in marks.sorted(by: { ($0.layer, $0.start, $1.end) < ($1.layer, $1.start, $0.end) }) {
            guard mark.start >= 0, mark.end <= scalars.count else { continue }
            let clashes = kept.contains { other in
                let overlaps = mark.start < other.end && other.start < mark.end
                if !overlaps { return false }
                if other.layer == mark.layer { return true }
                return !(other.start <= mark.start && mark.end <= other.end)
            }
            if !clashes { kept.append(mark) }
        }
        var opens: [Int: [Mark]] = [:]
        var closes: [Int: [Mark]] = [:]
        for mark in kept {
            opens[mark.start, default: []].append(mark)
            closes[mark.end, default: []].append(mark)
        }
        var shown = [Bool](repeating: true, count: scalars.count)
        for range in hidden { for i in range where shown.indices.contains(i) { shown[i] = false } }
        var out = ""
        out.reserveCapacity(scalars.count * 4)
        for i in 0...scalars.count {
            if let ending = closes[i] {
                for mark in ending.sorted(by: { ($0.layer, $0.start) > ($1.layer, $1.start) }) { out += mark.close }
            }
            if let starting = opens[i] {
                for mark in starting.sorted(by: { ($0.layer, $1.end) < ($1.layer, $0.end) }) { out += mark.open }
            }
            if i < scalars.count, shown[i] { HTML.append(scalars[i], to: &out) }
        }
        return out
    }

    /// Where each abbreviation occurs in `text` as a whole word, for `<abbr>` marks.
    static func occurrences(of short: String, in text: String) -> [Range<Int>] {
        let needle = Array(short.unicodeScalars)
        let hay = Array(text.unicodeScalars)
        guard !needle.isEmpty, needle.count <= hay.count else { return [] }
        func isWordScalar(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || ("0"..."9").contains(s) }
        var found: [Range<Int>] = []
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle {
                let before = i == 0 || !isWordScalar(hay[i - 1]) || !hay[i - 1].isASCII
                let after = i + needle.count == hay.count || !isWordScalar(hay[i + needle.count]) || !hay[i + needle.count].isASCII
                // Latin abbreviations need word bounds (`AI` is not in `said`); inside Japanese there are none.
                if before && after || !needle[0].isASCII {
                    found.append(i..<(i + needle.count))
                    i += needle.count
                    continue
                }
            }
            i += 1
        }
        return found
    }
}
