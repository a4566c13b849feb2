import Foundation
import Testing
@testable import PledgeExtract

/// Fixture bytes, found next to this file so the tests need no bundle lookup.
private func fixture(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: fixtureURL(path)))
}

private let seedPath = "2024-04-10-japan-us-fact-sheet.ja.txt"

private func utf16Bytes(_ text: String, bigEndian: Bool) -> [UInt8] {
    var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    for unit in text.utf16 {
        let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        bytes += bigEndian ? pair : pair.reversed()
    }
    return bytes
}

@Suite struct ReadingTests {
    // MARK: - TextDecoder

    @Test func decodesPlainUTF8() throws {
        let bytes = try fixture(seedPath)
        let (text, encoding) = try TextDecoder.decode(bytes)
        #expect(encoding == .utf8)
        #expect(text == String(decoding: bytes, as: UTF8.self))
        #expect(text.contains("ファクトシート：岸田総理大臣"))
    }

    @Test func stripsTheUTF8BOM() throws {
        let bytes = try fixture(seedPath)
        let (text, encoding) = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + bytes)
        #expect(encoding == .utf8BOM)
        #expect(text == String(decoding: bytes, as: UTF8.self))
        #expect(text.unicodeScalars.first != "\u{FEFF}")
    }

    @Test(arguments: [false, true]) func decodesUTF16WithBOM(bigEndian: Bool) throws {
        let original = String(decoding: try fixture(seedPath), as: UTF8.self) + " 😀 surrogate pair"
        let (text, encoding) = try TextDecoder.decode(utf16Bytes(original, bigEndian: bigEndian))
        #expect(encoding == (bigEndian ? .utf16BE : .utf16LE))
        #expect(text == original)
    }

    /// The fixtures are the seed re-encoded with the `iconv` command. The seed's one
    /// em dash (U+2014) exists in neither encoding; they hold the horizontal bar
    /// U+2015 (CP932 0x815C) there instead, so that is what decoding must give back.
    @Test(arguments: [("cp932", TextEncoding.shiftJIS), ("eucjp", TextEncoding.eucJP)])
    func decodesLegacyJapanese(fileExtension: String, expected: TextEncoding) throws {
        let original = String(decoding: try fixture(seedPath), as: UTF8.self).replacingOccurrences(of: "—", with: "―")
        let bytes = try fixture("encodings/2024-04-10-japan-us-fact-sheet.ja.\(fileExtension)")
        let (text, encoding) = try TextDecoder.decode(bytes)
        #expect(encoding == expected)
        #expect(text == original)
    }

    /// Short inputs that are valid in both encodings: plausibility decides.
    @Test func choosesThePlausibleLegacyEncoding() throws {
        // こんにちは in EUC-JP; read as CP932 it is half-width katakana and private-use characters.
        let euc: [UInt8] = [0xA4, 0xB3, 0xA4, 0xF3, 0xA4, 0xCB, 0xA4, 0xC1, 0xA4, 0xCF]
        #expect(try TextDecoder.decode(euc) == ("こんにちは", .eucJP))
        // テスト in CP932; read as EUC-JP it is C1 controls between ASCII letters.
        let sjis: [UInt8] = [0x83, 0x65, 0x83, 0x58, 0x83, 0x67]
        #expect(try TextDecoder.decode(sjis) == ("テスト", .shiftJIS))
    }

    @Test func emptyInputIsEmptyUTF8() throws {
        #expect(try TextDecoder.decode([]) == ("", .utf8))
    }

    @Test func toleratesOccasionalControlCharacters() throws {
        // Form feeds and a DOS end-of-file mark are text.
        let bytes = Array("第一章\u{0C}\r\n本文です。\t終わり\n".utf8) + [0x1A]
        #expect(try TextDecoder.decode(bytes).encoding == .utf8)
    }

    @Test func rejectsBinary() {
        var random = SplitMix(state: 42)
        let header: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let png = header + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }
        #expect(throws: DecodeFailure.binary) { try TextDecoder.decode(png) }
        #expect(throws: DecodeFailure.binary) { try TextDecoder.decode(Array("text\0with\0NULs".utf8)) }
        #expect(throws: DecodeFailure.binary) { try TextDecoder.decode([0xEF, 0xBB, 0xBF, 0x41, 0x00]) }
        // No NUL, but dense C0 controls.
        let controls: [UInt8] = (0..<400).map { (i: Int) -> UInt8 in i % 4 == 0 ? UInt8(1 + i % 7) : 0x61 }
        #expect(throws: DecodeFailure.binary) { try TextDecoder.decode(controls) }
        // UTF-16 is checked on its decoded scalars.
        #expect(throws: DecodeFailure.binary) { try TextDecoder.decode(utf16Bytes("\u{1}\u{2}\u{3}ab", bigEndian: false)) }
    }

    @Test func rejectsBytesNoEncodingDecodes() {
        // 0xFF is invalid in UTF-8, CP932 and EUC-JP alike.
        #expect(throws: DecodeFailure.undecodable) { try TextDecoder.decode([0x41, 0xFF, 0xFE, 0x42]) }
        // A truncated double-byte character.
        #expect(throws: DecodeFailure.undecodable) { try TextDecoder.decode(Array("abc".utf8) + [0xFF, 0x82]) }
        // A lone surrogate, and an odd byte count, in UTF-16.
        #expect(throws: DecodeFailure.undecodable) { try TextDecoder.decode([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]) }
        #expect(throws: DecodeFailure.undecodable) { try TextDecoder.decode([0xFE, 0xFF, 0x00, 0x41, 0x00]) }
        // A UTF-8 BOM followed by something else.
        #expect(throws: DecodeFailure.undecodable) { try TextDecoder.decode([0xEF, 0xBB, 0xBF, 0x83, 0x65, 0xC0]) }
    }

    // MARK: - HTMLText

    private static let page = """
        <!DOCTYPE html>
        <html lang="ja">
        <head>
        <meta charset="utf-8">
        <title>日米首脳会談 | 外務省</title>
        <style>
          body { font-family: sans-serif; } p > b { color: red; }
        </style>
        <script>
          if (a < b && c > d) { document.write("<p>not text</p>"); }
        </script>
        </head>
        <BODY>
        <header class="site-header"><a href="/">外務省</a><form action="/search"><input type="text" name="q"></form></header>
        <nav id="menu"><ul><li><a href="/">ホーム</a></li><li><a href="/press">報道発表</a></li></ul></nav>
        <main>
        <h1 class="title">ファクトシート：岸田総理大臣の国賓待遇での
        米国公式訪問</h1>
        <p class="date">2024年4月10日</p>
        <!-- 本文ここから <p>hidden</p> -->
        <h2>防衛・安全保障協力</h2>
        <p>日米防衛・安全保障関係は、日米同盟の中核をなし、
          地域の平和と安全の礎である。</p>
        <h3 data-note="a > b">宇宙</h3>
        <p><strong>宇宙協力：</strong>日米両国は、<a href="/space">月面探査</a>を含む
        宇宙分野での協力を強化する。</p>
        <p><b>Space Cooperation:</b> The United States &amp; Japan
           welcome the signing of the Framework Agreement&nbsp;&mdash; a &ldquo;historic&rdquo; step.</p>
        <ul>
          <li>日本人宇宙飛行士を2名
              月面に着陸させる。</li>
          <li>総額&#12288;約1億&#x30C9;ル&hellip;
          <li>R&D &unknown; 5 &lt; 7</li>
        </ul>
        <div class="note">注：<br>詳細は別紙を参照。</div>
        </main>
        <aside>関連リンク</aside>
        <footer><p>Copyright &copy; 2024 Ministry of Foreign Affairs of Japan</p></footer>
        </BODY>
        </html>
        """

    @Test func rendersARealisticPage() {
        let expected = """
            # ファクトシート：岸田総理大臣の国賓待遇での米国公式訪問

            2024年4月10日

            ## 防衛・安全保障協力

            日米防衛・安全保障関係は、日米同盟の中核をなし、地域の平和と安全の礎である。

            ### 宇宙

            **宇宙協力：**日米両国は、月面探査を含む宇宙分野での協力を強化する。

            **Space Cooperation:** The United States & Japan welcome the signing of the Framework Agreement — a “historic” step.

            - 日本人宇宙飛行士を2名月面に着陸させる。
            - 総額　約1億ドル…
            - R&D &unknown; 5 < 7

            注：
            詳細は別紙を参照。

            """
        #expect(HTMLText.markdown(from: Self.page) == expected)
        #expect(HTMLText.looksLikeHTML(Self.page))
    }

    @Test func usesTheTitleOnlyWithoutAnH1() {
        let html = "<html><head><title> Joint\n Statement &amp; Annex </title></head><body><h2>Space</h2><p>Text.</p></body></html>"
        #expect(HTMLText.markdown(from: html) == "Joint Statement & Annex\n\n## Space\n\nText.\n")
        // An unclosed <head> ends where the body content starts.
        #expect(HTMLText.markdown(from: "<head><title>T</title><p>Body") == "T\n\nBody\n")
    }

    @Test func rendersTablesListsAndLineBreaks() {
        let html = """
            <table><caption>予算</caption><tr><th>項目</th><th>金額</th></tr>
            <tr><td><p>宇宙</p></td><td>1億ドル</td></tr></table>
            <ol><li><p>First</p></li><li>Second<ul><li>Nested</li></ul></li></ol>
            <dl><dt>Term</dt><dd>Definition</dd></dl>
            <h4>A<br>heading</h4>
            """
        #expect(HTMLText.markdown(from: html) == """
            予算
            項目
            金額
            宇宙
            1億ドル

            - First
            - Second
            - Nested

            Term
            Definition

            #### A heading

            """)
    }

    @Test func decodesEntities() {
        let html = "<p>&#12354;&#x3042;&#X3044; &#150; &#0; &#x110000; &yen;100 &euro; &trade; &times; &copy &amp;amp; &#38 a&b;</p>"
        #expect(HTMLText.markdown(from: html) == "ああい – \u{FFFD} \u{FFFD} ¥100 € ™ × &copy &amp; & a&b;\n")
    }

    /// Every HTML5 name is known, including those of two code points and the longest.
    @Test(arguments: [
        ("&Zcaron;", "Ž"), ("&hearts;", "♥"), ("&fjlig;", "fj"), ("&NotEqualTilde;", "\u{2242}\u{338}"),
        ("&CounterClockwiseContourIntegral;", "∳"), ("&rarr;", "→"), ("&nosuchname;", "&nosuchname;"),
    ])
    func decodesEveryHTML5Name(reference: String, text: String) {
        #expect(HTMLText.markdown(from: "<p>a\(reference)b</p>").unicodeScalars.elementsEqual("a\(text)b\n".unicodeScalars))
    }

    @Test func collapsesWhitespaceButNotAroundLatinText() {
        let html = "<p>  日本\n 国 と\tthe\n\n United  States、\n米国 。 2024年\n 4月 </p><p>&nbsp;</p><p>日本&nbsp;国</p>"
        #expect(HTMLText.markdown(from: html) == "日本国と the United States、米国。 2024年 4月\n\n日本 国\n")
    }

    @Test func rendersBoldOnlyAsALead() {
        #expect(HTMLText.markdown(from: "<p><strong></strong>Plain</p>") == "Plain\n")
        #expect(HTMLText.markdown(from: "<p>Some <b>bold</b> words</p>") == "Some bold words\n")
        #expect(HTMLText.markdown(from: "<li><B>Lead.</B> Rest") == "- **Lead.** Rest\n")
        #expect(HTMLText.markdown(from: "<p><strong>Unclosed lead<p>Next") == "**Unclosed lead**\n\nNext\n")
        #expect(HTMLText.markdown(from: "<h2><strong>見出し</strong></h2>") == "## 見出し\n")
    }

    @Test func toleratesBrokenHTML() {
        let cases: [(String, String)] = [
            ("<P CLASS=x>one<p>two<DIV>three", "one\n\ntwo\n\nthree\n"),
            ("<ul><li>a<li>b</ul>after", "- a\n- b\n\nafter\n"),
            ("<p>x < y and y > z</p>", "x < y and y > z\n"),
            ("<p title=\"a > b\" data-x='c > d'>quoted</p>", "quoted\n"),
            ("<p title=\"unterminated>text</p>", "text\n"),
            ("a <!-- unterminated comment", "a\n"),
            ("<![CDATA[ dropped ]]>kept<!-->also kept", "keptalso kept\n"),
            ("</>x</ junk>y</p>", "xy\n"),
            ("<script>never closed <p>no", ""),
            ("<p>tag at the end <a href=", "tag at the end\n"),
            ("<nav><script>if (a</nav>b)</script>still nav</nav><p>Body</p>", "Body\n"),
            ("<svg/><p>after self-closing svg</p>", "after self-closing svg\n"),
            ("&", "&\n"),
            ("<", "<\n"),
            ("", ""),
        ]
        for (html, expected) in cases {
            #expect(HTMLText.markdown(from: html) == expected, "\(html)")
        }
    }

    @Test func keepsPagesWrappedInAForm() {
        // ASP.NET pages put the whole body inside one <form>.
        let html = "<body><form id=\"aspnetForm\"><h1>Title</h1><p>Body</p></form></body>"
        #expect(HTMLText.markdown(from: html) == "# Title\n\nBody\n")
    }

    @Test func recognisesHTML() throws {
        #expect(HTMLText.looksLikeHTML("  <!doctype HTML><p>x"))
        #expect(HTMLText.looksLikeHTML("<HTML>"))
        #expect(HTMLText.looksLikeHTML("<h1>T</h1>\n<p>One.</p>"))
        #expect(HTMLText.looksLikeHTML("<div>\n<p>a\n<p>b\n<li>c"))
        #expect(!HTMLText.looksLikeHTML("# Heading\n\n**Bold：**text with a <br> inside\n- item"))
        #expect(!HTMLText.looksLikeHTML("if a <p then b > c"))
        #expect(!HTMLText.looksLikeHTML(""))
        #expect(!HTMLText.looksLikeHTML(String(decoding: try fixture(seedPath), as: UTF8.self)))
    }

    @Test func neverCrashesOnRandomInput() {
        var random = SplitMix(state: 7)
        let alphabet = Array("<<>>/!--&&#;x;\"'= \n\tapbrliuhdvs1234日本、。ｱ😀".unicodeScalars)
        for length in [0, 1, 2, 3, 5, 8, 13, 50, 200, 1000] {
            for _ in 0..<60 {
                var s = String.UnicodeScalarView()
                for _ in 0..<length { s.append(alphabet[Int.random(in: 0..<alphabet.count, using: &random)]) }
                let html = String(s)
                let text = HTMLText.markdown(from: html)
                _ = HTMLText.looksLikeHTML(html)
                #expect(!text.contains("\n\n\n") && !text.hasPrefix("\n") && !text.hasPrefix(" "), "\(html)")
            }
        }
    }

    /// Pathological inputs that a backtracking or restarting scanner would make quadratic.
    @Test func staysLinearOnPathologicalInput() {
        let inputs = [
            String(repeating: "<a b=\"", count: 40_000),
            String(repeating: "<a b='x", count: 40_000),
            "<script>" + String(repeating: "</scrip", count: 40_000),
            String(repeating: "<!-", count: 40_000),
            String(repeating: "&#1234567", count: 40_000),
            String(repeating: "<p>日本\n", count: 40_000),
        ]
        let clock = ContinuousClock()
        for html in inputs {
            let elapsed = clock.measure { _ = HTMLText.markdown(from: html) }
            #expect(elapsed < .seconds(5), "\(html.prefix(12))…")
        }
    }
}
