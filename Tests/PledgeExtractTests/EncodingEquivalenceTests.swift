import Foundation
import PledgeModel
import Testing

@testable import PledgeExtract

/// The same document in another encoding, with other line ends or as a web page
/// yields the same items, sentences, amounts and times as the UTF-8 file.
@Suite struct EncodingEquivalenceTests {
    /// What must not change: each record by the text it quotes and what was read from it.
    struct Summary: Equatable {
        var items: [String]
        var sentences: [String]
        var amounts: [String]
        var times: [String]

        init(_ x: Extraction, text: String) {
            let scalars = Array(text.unicodeScalars)
            // Line ends and page-break blank lines are layout, not content.
            func quote(_ s: SourceSpan) -> String {
                String(String.UnicodeScalarView(scalars[s.start..<s.end])).filter { $0 != "\r" && $0 != "\n" && $0 != "\r\n" }
            }
            items = x.items.map { "\($0.kind.rawValue)|\($0.title ?? "")|\(quote($0.span).hasPrefix("- ") ? String(quote($0.span).dropFirst(2)) : quote($0.span))" }
            sentences = x.sentences.map { "\(quote($0.span))|\($0.modality.rawValue)|\($0.parties.map(\.rawValue))" }
            amounts = x.amounts.map { "\($0.text)|\($0.value)|\($0.unit)|\($0.qualifier?.rawValue ?? "")" }
            times = x.times.map { "\($0.text)|\($0.role.rawValue)|\($0.value ?? "null")" }
        }
    }

    static let seedBytes: [UInt8] = (try? [UInt8](Data(contentsOf: fixtureURL(seedName + ".txt")))) ?? []
    static var seedText: String { String(decoding: seedBytes, as: UTF8.self) }

    func summary(of bytes: [UInt8]) throws -> (Summary, SourceDocument) {
        let document = try DocumentReader.read(bytes: bytes, name: "variant")
        return (Summary(try Extractor().extract(document), text: document.text), document)
    }

    var reference: Summary {
        get throws { try summary(of: Self.seedBytes).0 }
    }

    @Test func utf8WithBOMAndCRLF() throws {
        let crlf = Self.seedText.replacingOccurrences(of: "\n", with: "\r\n")
        let (s, document) = try summary(of: [0xEF, 0xBB, 0xBF] + Array(crlf.utf8))
        #expect(document.encoding == .utf8BOM)
        #expect(s == (try reference))
    }

    @Test(arguments: [false, true])
    func utf16(bigEndian: Bool) throws {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in Self.seedText.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        #expect(try summary(of: bytes).0 == (try reference))
    }

    /// Shift_JIS and EUC-JP have no em dash, so the fixtures write the seed's `—` as `―`;
    /// the reference is the UTF-8 text with the same substitution.
    @Test(arguments: [("cp932", TextEncoding.shiftJIS), ("eucjp", TextEncoding.eucJP)])
    func legacyJapaneseEncodings(fileExtension: String, encoding: TextEncoding) throws {
        let bytes = try [UInt8](Data(contentsOf: fixtureURL("encodings/\(seedName).\(fileExtension)")))
        let (s, document) = try summary(of: bytes)
        #expect(document.encoding == encoding)
        let substituted = Array(Self.seedText.replacingOccurrences(of: "\u{2014}", with: "\u{2015}").utf8)
        #expect(s == (try summary(of: substituted).0))
    }

    /// The seed as a web page: headings, bold leads in paragraphs, a list, page chrome to drop.
    @Test func htmlPage() throws {
        var body = ""
        var inList = false
        var titled = false
        for line in Self.seedText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("- ") {
                if !inList { body += "<ul>\n"; inList = true }
                body += "<li>\(escape(String(line.dropFirst(2))))</li>\n"
                continue
            }
            if inList, !line.isEmpty { body += "</ul>\n"; inList = false }
            if line.isEmpty { continue }
            if !titled {
                body += "<h1>\(escape(line.trimmingCharacters(in: .whitespaces)))</h1>\n"
                titled = true
            } else if line.hasPrefix("#") {
                let level = line.prefix { $0 == "#" }.count
                let text = line.drop { $0 == "#" || $0 == " " }.replacingOccurrences(of: "**", with: "")
                body += "<h\(level)>\(escape(text))</h\(level)>\n"
            } else if line.hasPrefix("**"), let close = line.dropFirst(2).range(of: "**") {
                let title = String(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound])
                let rest = String(line[close.upperBound...])
                body += "<p><strong>\(escape(title))</strong>\(escape(rest))</p>\n"
            } else {
                body += "<p>\(escape(line.trimmingCharacters(in: .whitespaces)))</p>\n"
            }
        }
        if inList { body += "</ul>\n" }
        let html = """
            <!DOCTYPE html>
            <html lang="ja"><head><meta charset="utf-8"><title>ファクトシート</title>
            <style>p { color: #333 }</style><script>var x = "<p>not text</p>";</script></head>
            <body><nav><ul><li>ホーム</li><li>会見</li></ul></nav>
            <main>
            \(body)</main>
            <footer>Copyright &copy; Ministry of Foreign Affairs of Japan</footer></body></html>
            """
        let (s, document) = try summary(of: Array(html.utf8))
        #expect(document.format == .html)
        let reference = try reference
        #expect(s.items == reference.items)
        #expect(s.sentences == reference.sentences)
        #expect(s.amounts == reference.amounts)
        #expect(s.times == reference.times)
    }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
