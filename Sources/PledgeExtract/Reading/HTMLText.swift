import Foundation
import PledgeModel

/// HTML pages rendered as the Markdown-like plain text the rest of Pledge reads
/// (`#` headings, `**bold lead：**` paragraphs, `- ` bullets, blank lines between blocks).
///
/// One forward scanner over the UTF-8 bytes: every search only moves forward (or is
/// memoised when it fails), so the work is linear in the input, and every byte
/// access is bounds-checked, so no input can crash it.
public enum HTMLText {
    /// True when the text looks like an HTML document or fragment (<!DOCTYPE html, <html, or several block tags like <p>, <h1>, <li>, <div>).
    public static func looksLikeHTML(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(looksLikeHTML(bytes:))
    }

    /// Renders HTML as the Markdown-like plain text the rest of Pledge reads:
    /// blocks separated by one blank line, `#` headings, `**bold leads**`, `- ` list
    /// items, one line per table cell, page chrome (nav, header, footer, scripts, ...)
    /// dropped, entities decoded, whitespace collapsed. Ends with a newline unless empty.
    /// The publication date an HTML page states in its markup: `<meta>` properties that
    /// publishers use (`article:published_time`, `date`, `dc.date`, `dcterms.issued`, …)
    /// or the first `<time datetime>`, read as `YYYY-MM-DD`.
    public static func publicationDate(in html: String) -> Day? {
        let names: Set<String> = [
            "article:published_time", "og:published_time", "date", "dc.date", "dc.date.issued", "dcterms.date",
            "dcterms.issued", "dcterms.created", "pubdate", "publish-date", "publication_date", "citation_publication_date",
            "datepublished", "sailthru.date", "parsely-pub-date",
        ]
        let lower = html.lowercased()
        var candidates: [String] = []
        var search = lower.startIndex
        while let open = lower.range(of: "<meta", range: search..<lower.endIndex) {
            let close = lower.range(of: ">", range: open.upperBound..<lower.endIndex)?.lowerBound ?? lower.endIndex
            let tag = String(lower[open.upperBound..<close])
            search = close
            let key = attribute("property", in: tag) ?? attribute("name", in: tag) ?? attribute("itemprop", in: tag)
            if let key, names.contains(key), let content = attribute("content", in: tag) { candidates.append(content) }
        }
        if let time = lower.range(of: "<time"), let close = lower.range(of: ">", range: time.upperBound..<lower.endIndex),
            let value = attribute("datetime", in: String(lower[time.upperBound..<close.lowerBound]))
        {
            candidates.append(value)
        }
        for value in candidates {
            if let day = Day(iso: value.prefix(10)) { return day }
        }
        return nil
    }

    /// The value of `name="…"` (or with single quotes) in a tag's text, lower-cased.
    static func attribute(_ name: String, in tag: String) -> String? {
        for quote in ["\"", "'"] {
            guard let start = tag.range(of: name + "=" + quote) else { continue }
            // The name must stand alone: `data-name=` is not `name=`.
            if start.lowerBound > tag.startIndex, !tag[tag.index(before: start.lowerBound)].isWhitespace { continue }
            guard let end = tag.range(of: quote, range: start.upperBound..<tag.endIndex) else { continue }
            return String(tag[start.upperBound..<end.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    public static func markdown(from html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            var scanner = HTMLScanner(src: bytes, dropForms: true)
            let text = scanner.render()
            // ASP.NET-style pages wrap the whole body in one <form>; dropping it would drop the page.
            guard text.isEmpty && scanner.droppedFormText else { return text }
            var again = HTMLScanner(src: bytes, dropForms: false)
            return again.render()
        }
    }

    /// The doctype or `<html` at the start, an `<html`/`<body` tag anywhere in the first
    /// 64 KiB, or at least four block tags (opening or closing: two closed paragraphs) there.
    private static func looksLikeHTML(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let limit = min(bytes.count, 1 << 16)
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < limit, isHTMLSpace(bytes[i]) { i += 1 }
        if hasPrefix("<!doctype html", in: bytes, at: i) { return true }
        var tags = 0
        while i < limit {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            var j = i + 1
            if j < limit, bytes[j] == UInt8(ascii: "/") { j += 1 }
            let nameStart = j
            while j < limit, j - nameStart < 10, isASCIIAlphanumeric(bytes[j]) { j += 1 }
            if j < limit, j > nameStart, bytes[j] == UInt8(ascii: ">") || bytes[j] == UInt8(ascii: "/") || isHTMLSpace(bytes[j]) {
                let name = lowercasedName(bytes, nameStart..<j)
                if name == "html" || name == "body" { return true }
                if htmlBlockTags.contains(name) { tags += 1 }
                if tags >= 4 { return true }
            }
            i = j
        }
        return false
    }
}

// MARK: - Tag tables

private let htmlBlockTags: Set<String> = [
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th", "section", "article",
]

/// Dropped with everything inside: scripts, page chrome and other non-prose.
private let droppedTags: Set<String> = [
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg", "head",
    "iframe", "object", "select", "textarea", "math",
]

/// Elements whose content is raw text, not markup: the scanner jumps to their end tag.
private let rawTextTags: Set<String> = ["script", "style", "textarea", "title", "iframe", "noscript", "noembed", "noframes", "xmp"]

/// What may appear inside <head>; any other start tag closes an unclosed head, as browsers do.
private let headTags: Set<String> = ["title", "meta", "link", "style", "script", "base", "noscript", "template"]

/// Paragraph-like blocks: a blank line before and after (a line break inside lists and tables).
private let paragraphTags: Set<String> = [
    "p", "div", "section", "article", "main", "blockquote", "address", "figure", "figcaption", "pre", "hr",
    "center", "details", "summary", "dl", "hgroup", "fieldset", "legend",
]

/// Blocks rendered one per line: table rows and cells, definition terms.
private let lineTags: Set<String> = ["tr", "td", "th", "caption", "dt", "dd"]

/// Named character references (all of HTML5's, `HTMLEntities.swift`); unknown names stay as
/// written. The layout spaces are read like a no-break space, which layout treats as a space.
private let namedEntities: [String: (UInt32, UInt32?)] = {
    var table: [String: (UInt32, UInt32?)] = [:]
    for line in htmlEntityTable.split(separator: "\n") {
        let fields = line.split(separator: " ")
        guard fields.count >= 2, let first = UInt32(fields[1], radix: 16) else { continue }
        table[String(fields[0])] = (first, fields.count > 2 ? UInt32(fields[2], radix: 16) : nil)
    }
    for space in ["ensp", "emsp", "thinsp", "emsp13", "emsp14", "numsp", "puncsp", "hairsp", "MediumSpace", "ThinSpace"] {
        table[space] = (0xA0, nil)
    }
    return table
}()

/// Browsers read numeric references 0x80–0x9F as Windows-1252 (`&#150;` is an en dash).
private let windows1252: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
]

// MARK: - Byte helpers

@inline(__always) private func isHTMLSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C
}

@inline(__always) private func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }

@inline(__always) private func isASCIIAlphanumeric(_ b: UInt8) -> Bool { isASCIILetter(b) || b &- 0x30 < 10 }

/// ASCII-lowercased tag name; tag names are ASCII, so this is all the case folding HTML needs.
private func lowercasedName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    String(decoding: bytes[range].lazy.map { isASCIILetter($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
}

/// Case-insensitive ASCII prefix test; `prefix` must be lowercase.
private func hasPrefix(_ prefix: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    let p = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
    guard index >= 0, bytes.count - index >= p.count else { return false }
    for k in 0..<p.count where bytes[index + k] | (isASCIILetter(bytes[index + k]) ? 0x20 : 0) != p[k] { return false }
    return true
}

/// Kana, kanji, CJK and full-width punctuation: scripts whose HTML source wraps
/// lines without meaning a space, so a collapsed space between two of them is dropped.
@inline(__always) private func isCJK(_ v: UInt32) -> Bool {
    switch v {
    case 0x2E80...0x2FDF, 0x3000...0x30FF, 0x31F0...0x31FF, 0x3200...0x33FF, 0x3400...0x4DBF,
         0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
        return true
    default:
        return false
    }
}

// MARK: - Output

/// Collects rendered text. Breaks and spaces are kept pending and only written
/// when more text follows, so blocks never end in whitespace or stray blank lines.
private struct BlockWriter {
    enum Break: Int { case none, line, block }
    enum Space: Int { case none, soft, hard }
    enum BoldLead { case none, pending, open }

    private(set) var bytes: [UInt8] = []
    private var pendingBreak = Break.none
    private var space = Space.none
    /// False until the current line has text: leading spaces are dropped, a bold lead may open.
    private(set) var lineStarted = false
    /// The last text scalar written on this line (markup like `**` does not count), for the CJK space rule.
    private var last: UInt32 = 0
    /// Written before the next line's text: `## ` for headings, `- ` for list items.
    var prefix = ""
    private var bold = BoldLead.none
    /// A level-1 heading has been written (then <title> is not needed).
    private(set) var wroteH1 = false

    /// Rendered text is rarely longer than its HTML, so reserving that avoids regrowing a huge buffer.
    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func requestBreak(_ kind: Break) {
        closeBold()
        if kind.rawValue > pendingBreak.rawValue { pendingBreak = kind }
        lineStarted = false
        space = .none
        last = 0
    }

    /// A `<strong>`/`<b>` that opens a line becomes `**…**`; anywhere else bold is plain text.
    mutating func startBold() {
        if !lineStarted && bold == .none { bold = .pending }
    }

    /// Closes the lead right after its text; a space pending inside it goes after the `**`.
    mutating func closeBold() {
        if bold == .open { bytes.append(contentsOf: [0x2A, 0x2A]) }
        bold = .none
    }

    /// Writes one scalar of text, applying whitespace collapsing.
    mutating func put(_ s: UInt32) {
        switch s {
        case 0x20, 0x0A, 0x09, 0x0D, 0x0C:
            if lineStarted && space == .none { space = .soft }
            return
        case 0xA0:
            if lineStarted { space = .hard }
            return
        case 0..<0x20, 0x7F, 0xAD: // controls and the invisible soft hyphen
            return
        default:
            break
        }
        if !lineStarted {
            if !bytes.isEmpty { bytes.append(contentsOf: pendingBreak == .block ? [0x0A, 0x0A] : [0x0A]) }
            if prefix == "# " { wroteH1 = true }
            bytes.append(contentsOf: prefix.utf8)
            prefix = ""
            if bold == .pending {
                bytes.append(contentsOf: [0x2A, 0x2A])
                bold = .open
            }
            pendingBreak = .none
            lineStarted = true
        } else if space == .hard || (space == .soft && !(isCJK(last) && isCJK(s))) {
            bytes.append(0x20)
        }
        space = .none
        last = s
        appendUTF8(s)
    }

    /// Byte by byte: an array literal here would allocate once per character.
    private mutating func appendUTF8(_ s: UInt32) {
        if s < 0x80 {
            bytes.append(UInt8(s))
        } else if s < 0x800 {
            bytes.append(UInt8(0xC0 | s >> 6))
            bytes.append(UInt8(0x80 | s & 0x3F))
        } else if s < 0x10000 {
            bytes.append(UInt8(0xE0 | s >> 12))
            bytes.append(UInt8(0x80 | s >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | s & 0x3F))
        } else {
            bytes.append(UInt8(0xF0 | s >> 18))
            bytes.append(UInt8(0x80 | s >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | s >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | s & 0x3F))
        }
    }
}

// MARK: - Scanner

private struct HTMLScanner {
    let src: UnsafeBufferPointer<UInt8>
    let dropForms: Bool
    private var pos = 0
    private var out: BlockWriter
    private var title: String?
    /// Open dropped elements by name, and their total: counts rather than a stack keep
    /// mis-nested or unclosed markup O(1) per tag.
    private var dropOpen: [String: Int] = [:]
    private var dropped = 0
    private var listDepth = 0, tableDepth = 0, headingLevel = 0
    /// Text was skipped inside a <form> (see `markdown(from:)`).
    private(set) var droppedFormText = false
    /// Positions from which no `"` / `'` remains: a failed quote search is never repeated,
    /// which keeps unterminated attribute values linear.
    private var noDoubleQuoteFrom = Int.max, noSingleQuoteFrom = Int.max

    init(src: UnsafeBufferPointer<UInt8>, dropForms: Bool) {
        self.src = src
        self.dropForms = dropForms
        out = BlockWriter(capacity: src.count)
    }

    mutating func render() -> String {
        while pos < src.count {
            if src[pos] == UInt8(ascii: "<") { markup() } else { text() }
        }
        out.closeBold()
        var body = String(decoding: out.bytes, as: UTF8.self)
        if !out.wroteH1, let title, !title.isEmpty {
            body = body.isEmpty ? title : title + "\n\n" + body
        }
        return body.isEmpty ? "" : body + "\n"
    }

    // MARK: Text

    private mutating func text() {
        var end = pos
        while end < src.count, src[end] != UInt8(ascii: "<") { end += 1 }
        if dropped == 0 {
            Self.feed(src, pos..<end, into: &out)
        } else if dropOpen["form", default: 0] > 0 && !droppedFormText {
            droppedFormText = src[pos..<end].contains { !isHTMLSpace($0) }
        }
        pos = end
    }

    /// Writes a run of character data, decoding entities.
    private static func feed(_ src: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout BlockWriter) {
        var i = range.lowerBound
        while i < range.upperBound {
            let b = src[i]
            if b == UInt8(ascii: "&"), let (scalar, second, next) = entity(src, at: i, end: range.upperBound) {
                out.put(scalar)
                if let second { out.put(second) }
                i = next
            } else if b < 0x80 {
                out.put(UInt32(b))
                i += 1
            } else {
                // The input came from a Swift String, so it is valid UTF-8; the guard only keeps malformed tails safe.
                let length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                guard i + length <= range.upperBound else { break }
                var s = UInt32(b) & (0xFF >> UInt32(length + 1))
                for k in 1..<length { s = s << 6 | UInt32(src[i + k] & 0x3F) }
                out.put(s)
                i += length
            }
        }
    }

    /// A character reference at `i` (which holds `&`): its scalar and the index after it,
    /// or nil when it is not one (then the `&` is literal text).
    private static func entity(_ src: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (UInt32, UInt32?, Int)? {
        var j = i + 1
        guard j < end else { return nil }
        if src[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < end && src[j] | 0x20 == UInt8(ascii: "x")
            if hex { j += 1 }
            let digitsStart = j
            var value: UInt32 = 0
            while j < end {
                let b = src[j]
                let digit: UInt32
                if b &- 0x30 < 10 { digit = UInt32(b - 0x30) }
                else if hex, (b | 0x20) &- 0x61 < 6 { digit = UInt32((b | 0x20) - 0x61 + 10) }
                else { break }
                // Saturate instead of overflowing: anything past U+10FFFF becomes U+FFFD anyway.
                value = value > 0x10FFFF ? value : value * (hex ? 16 : 10) + digit
                j += 1
            }
            guard j > digitsStart else { return nil }
            if j < end, src[j] == UInt8(ascii: ";") { j += 1 }
            switch value {
            case 0, 0xD800...0xDFFF, 0x110000...: value = 0xFFFD
            case 0x80...0x9F: value = windows1252[Int(value - 0x80)]
            default: break
            }
            return (value, nil, j)
        }
        let nameStart = j
        while j < end, j - nameStart < 32, isASCIIAlphanumeric(src[j]) { j += 1 }
        guard j > nameStart, j < end, src[j] == UInt8(ascii: ";"),
              let value = namedEntities[String(decoding: src[nameStart..<j], as: UTF8.self)]
        else { return nil }
        return (value.0, value.1, j + 1)
    }

    // MARK: Markup

    private mutating func markup() {
        let next = pos + 1 < src.count ? src[pos + 1] : 0
        if isASCIILetter(next) {
            startTag()
        } else if next == UInt8(ascii: "/") {
            endTag()
        } else if next == UInt8(ascii: "!") {
            // Comments (`<!-->` and `<!--->` included), CDATA, doctype: all dropped.
            if hasPrefix("<!--", in: src, at: pos) {
                pos = find("-->", from: pos + 2).map { $0 + 3 } ?? src.count
            } else if hasPrefix("<![cdata[", in: src, at: pos) {
                pos = find("]]>", from: pos + 9).map { $0 + 3 } ?? src.count
            } else {
                pos = find(">", from: pos + 2).map { $0 + 1 } ?? src.count
            }
        } else if next == UInt8(ascii: "?") {
            pos = find(">", from: pos + 2).map { $0 + 1 } ?? src.count
        } else {
            // A stray `<` (as in `a < b`) is text.
            if dropped == 0 { out.put(UInt32(UInt8(ascii: "<"))) }
            pos += 1
        }
    }

    private mutating func startTag() {
        let nameStart = pos + 1
        var j = nameStart
        while j < src.count, isASCIIAlphanumeric(src[j]) || src[j] == UInt8(ascii: "-") || src[j] == UInt8(ascii: ":") { j += 1 }
        let name = lowercasedName(src, nameStart..<j)
        let (close, selfClosing) = tagEnd(from: j)
        pos = min(close + 1, src.count)

        if rawTextTags.contains(name) && !selfClosing {
            let contentEnd = findEndTag(name, from: pos)
            if name == "title", title == nil, dropOpen["svg", default: 0] == 0 {
                var writer = BlockWriter()
                Self.feed(src, pos..<contentEnd, into: &writer)
                title = String(decoding: writer.bytes, as: UTF8.self)
            }
            pos = contentEnd // the end tag is read as an ordinary one next
            return
        }
        // <head> may be left unclosed: body content closes it, as in browsers.
        if let open = dropOpen["head"], open > 0, !headTags.contains(name) {
            dropOpen["head"] = nil
            dropped -= open
        }
        if droppedTags.contains(name) && (dropForms || name != "form") {
            if !selfClosing {
                dropOpen[name, default: 0] += 1
                dropped += 1
            }
            return
        }
        guard dropped == 0 else { return }

        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            requestBlock()
            headingLevel = Int(name.utf8.last! - 0x30)
            out.prefix = String(repeating: "#", count: headingLevel) + " "
        case "ul", "ol", "menu":
            requestBlock()
            listDepth += 1
        case "li":
            out.requestBreak(.line)
            out.prefix = "- "
        case "table":
            requestBlock()
            tableDepth += 1
        case "br":
            // A heading stays on one line.
            if headingLevel > 0 { out.put(0x20) } else { out.requestBreak(.line) }
        case "strong", "b":
            if headingLevel == 0 { out.startBold() }
        default:
            if paragraphTags.contains(name) { requestBlock() } else if lineTags.contains(name) { out.requestBreak(.line) }
        }
    }

    private mutating func endTag() {
        let nameStart = pos + 2
        var j = nameStart
        while j < src.count, isASCIIAlphanumeric(src[j]) || src[j] == UInt8(ascii: "-") || src[j] == UInt8(ascii: ":") { j += 1 }
        let name = lowercasedName(src, nameStart..<j)
        // `</>` and `</ junk>` (no name) are skipped like browsers skip them.
        pos = min(tagEnd(from: j).close + 1, src.count)

        if let open = dropOpen[name], open > 0 {
            dropOpen[name] = open - 1
            dropped -= 1
            return
        }
        guard dropped == 0, !name.isEmpty else { return }

        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            requestBlock()
            headingLevel = 0
            out.prefix = ""
        case "ul", "ol", "menu":
            listDepth = max(listDepth - 1, 0)
            requestBlock()
        case "li":
            out.requestBreak(.line)
            out.prefix = ""
        case "table":
            tableDepth = max(tableDepth - 1, 0)
            requestBlock()
        case "strong", "b":
            out.closeBold()
        default:
            if paragraphTags.contains(name) { requestBlock() } else if lineTags.contains(name) { out.requestBreak(.line) }
        }
    }

    /// Inside lists and tables, paragraphs are lines, so a list stays one block.
    private mutating func requestBlock() {
        out.requestBreak(listDepth > 0 || tableDepth > 0 ? .line : .block)
    }

    // MARK: Searching

    /// The `>` closing a tag whose attributes start at `from`, skipping quoted attribute
    /// values (`title="a > b"`). An unterminated quote is read as an ordinary character.
    private mutating func tagEnd(from start: Int) -> (close: Int, selfClosing: Bool) {
        var i = start
        var lastNonSpace: UInt8 = 0
        while i < src.count {
            let b = src[i]
            if b == UInt8(ascii: ">") { return (i, lastNonSpace == UInt8(ascii: "/")) }
            if (b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")) && lastNonSpace == UInt8(ascii: "="),
               let quoteEnd = findQuote(b, from: i + 1) {
                i = quoteEnd + 1
                lastNonSpace = b
                continue
            }
            if !isHTMLSpace(b) { lastNonSpace = b }
            i += 1
        }
        return (src.count, false)
    }

    private mutating func findQuote(_ quote: UInt8, from start: Int) -> Int? {
        let double = quote == UInt8(ascii: "\"")
        if start >= (double ? noDoubleQuoteFrom : noSingleQuoteFrom) { return nil }
        var i = start
        while i < src.count {
            if src[i] == quote { return i }
            i += 1
        }
        if double { noDoubleQuoteFrom = start } else { noSingleQuoteFrom = start }
        return nil
    }

    /// The first occurrence of an ASCII `needle` at or after `start`.
    private func find(_ needle: StaticString, from start: Int) -> Int? {
        let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        var i = max(start, 0)
        while i + n.count <= src.count {
            if src[i] == n[0] && (1..<n.count).allSatisfy({ src[i + $0] == n[$0] }) { return i }
            i += 1
        }
        return nil
    }

    /// Where the raw-text element `name` ends: its `</name` end tag, or the end of input.
    private func findEndTag(_ name: String, from start: Int) -> Int {
        let nameBytes = Array(name.utf8)
        var i = start
        while i + 1 < src.count {
            if src[i] == UInt8(ascii: "<"), src[i + 1] == UInt8(ascii: "/") {
                let after = i + 2 + nameBytes.count
                if after <= src.count,
                   nameBytes.indices.allSatisfy({ src[i + 2 + $0] | 0x20 == nameBytes[$0] }),
                   after == src.count || isHTMLSpace(src[after]) || src[after] == UInt8(ascii: ">") || src[after] == UInt8(ascii: "/") {
                    return i
                }
            }
            i += 1
        }
        return src.count
    }
}
