import Foundation
import PledgeModel
import PledgeTestSupport
import Testing

@testable import PledgeExtract

/// SplitMix64: repeatable pseudo-random bytes, so a failing case can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Damaged, hostile and odd input never crashes the extractor, and every span it
/// reports lies inside the text it read.
@Suite struct RobustnessTests {
    func checkSpans(_ x: Extraction, _ document: SourceDocument) {
        let length = document.text.unicodeScalars.count
        #expect(x.document.length == length)
        var spans = x.sections.map(\.span) + x.items.map(\.span) + x.sentences.map(\.span)
        spans += x.amounts.map(\.span) + x.times.map(\.span) + x.terms.map(\.span)
        for s in spans {
            #expect(s.start >= 0 && s.start <= s.end && s.end <= length, "span \(s) outside 0..<\(length)")
        }
        for sentence in x.sentences {
            let item = x.items.first { $0.id == sentence.item }
            #expect(item.map { $0.span.contains(sentence.span) } ?? false, "sentence \(sentence.id) outside its item")
        }
    }

    func run(_ bytes: [UInt8], language: Language = .ja) {
        guard let document = try? DocumentReader.read(bytes: bytes, name: "fuzz") else { return }
        guard let x = try? Extractor(options: ExtractionOptions(language: language)).extract(document) else { return }
        checkSpans(x, document)
    }

    /// Mutations of a text: markup and tokens of its kind sprinkled in, code points removed,
    /// random ones inserted, stretches repeated.
    func mutate(_ text: [Unicode.Scalar], inserts: [String], rounds: Int, seed: UInt64, language: Language) async {
        var rng = SplitMix(state: seed)
        for _ in 0..<rounds {
            var t = text
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                let at = Int.random(in: 0...t.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: t.insert(contentsOf: inserts.randomElement(using: &rng)!.unicodeScalars, at: at)
                case 1: if at < t.count { t.remove(at: at) }
                case 2: t.insert(Unicode.Scalar(UInt32.random(in: 0x20...0x9FFF, using: &rng)) ?? "?", at: at)
                default:
                    let end = min(t.count, at + Int.random(in: 0...200, using: &rng))
                    t.insert(contentsOf: t[at..<end], at: at)
                }
            }
            run(Array(String(String.UnicodeScalarView(t)).utf8), language: language)
            // Long CPU-bound loops give way between rounds, so that tests waiting on the
            // cooperative threads (a poll of a child process) are not starved.
            await Task.yield()
        }
    }

    static let englishInserts = [
        "$", "US$", "NT$", "Rs ", "€", "1.", "(a) ", "Q3 ", "2021/3/25", "3/25/2021", " ago", " from now", "\n\n", "- ", "###",
        ": ", "FY", "by the end of ", "billion", " dollars and 43 cents", "\u{0C}", "- 3 -\n", "\r\n", "-\n", "THE WHITE HOUSE\n",
    ]

    /// The English reader under the same damage as the Japanese one.
    @Test func survivesMutationsOfTheEnglishSeed() async throws {
        let seed = try String(contentsOf: fixtureURL("2024-04-10-japan-us-fact-sheet.en.txt"), encoding: .utf8)
        await mutate(Array(seed.unicodeScalars), inserts: Self.englishInserts, rounds: 30, seed: 11, language: .en)
    }

    /// HTML: tags, entities and attributes cut and sprinkled, dates in its markup.
    @Test func survivesMutationsOfHTML() async throws {
        let seed = try String(contentsOf: fixtureURL("2024-04-10-japan-us-fact-sheet.en.txt"), encoding: .utf8)
        let body = seed.split(separator: "\n").prefix(40).map { "<p>\($0)</p>" }.joined(separator: "\n")
        let page = "<html><head><meta property=\"article:published_time\" content=\"2024-04-10\"><title>Fact</title></head><body>\(body)</body></html>"
        let inserts = ["<", ">", "</p>", "<p>", "&amp;", "&NotEqualTilde;", "&#x110000;", "&#", "<script>", "<!--", "-->", "\"", "<meta name=\"date\" content=\"", "<time datetime=\"9999-99-99\">"]
        await mutate(Array(page.unicodeScalars), inserts: inserts, rounds: 25, seed: 12, language: .en)
    }

    /// Text as pdftotext gives it: pages started by form feeds, running headers, page numbers,
    /// wrapped lines, in both languages.
    @Test func survivesMutationsOfPagedText() async throws {
        for (name, language, seed) in [("2024-04-10-japan-us-fact-sheet.en.txt", Language.en, UInt64(13)), ("2024-04-10-japan-us-fact-sheet.ja.txt", .ja, 14)] {
            let text = try String(contentsOf: fixtureURL(name), encoding: .utf8)
            var paged = ""
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                // Wrap at 60 code points, and start a page every 40 lines.
                var rest = Substring(line)
                while rest.count > 60 { paged += rest.prefix(60) + "\n"; rest = rest.dropFirst(60) }
                paged += rest + "\n"
                if n % 40 == 39 { paged += "\n          - \(n / 40 + 1) -\n\u{0C}Running Header\n\n" }
            }
            let inserts = ["\u{0C}", "Running Header\n", "- 7 -\n", "\n\n", "（１）", "１．", "・", "-\n", "（了）"]
            await mutate(Array(paged.unicodeScalars), inserts: inserts, rounds: 15, seed: seed, language: language)
        }
    }

    /// Mutations of the seed: bytes flipped, cut, duplicated, markup and brackets sprinkled in.
    @Test func survivesMutationsOfTheSeed() async throws {
        let seed = EncodingEquivalenceTests.seedBytes
        let text = Array(String(decoding: seed, as: UTF8.self).unicodeScalars)
        let inserts: [String] = ["（", "）", "「", "」", "**", "\n\n", "#", "- ", "。", "億", "円", "年", "から", "までに", "\r\n", "1,", "令和", "（A"]
        await mutate(text, inserts: inserts, rounds: 120, seed: 2024, language: .ja)
        var rng = SplitMix(state: 2025)
        // Raw byte damage: the decoder must reject or decode, never trap.
        for _ in 0..<60 {
            var b = seed
            for _ in 0..<Int.random(in: 1...20, using: &rng) {
                b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            run(b)
        }
    }

    @Test func survivesRandomBytesAndText() {
        var rng = SplitMix(state: 7)
        for n in 0..<200 {
            let count = Int.random(in: 0...2000, using: &rng)
            if n % 2 == 0 {
                run((0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) })
            } else {
                // Random Japanese-looking text with digits, brackets and line breaks.
                let alphabet = Array("日米両国は、2024年4月10日約150億ドル３，０００人（ABC）「」。\n#*- 令和元年度末までに万億兆三千".unicodeScalars)
                let s = String(String.UnicodeScalarView((0..<count).map { _ in alphabet.randomElement(using: &rng)! }))
                run(Array(s.utf8))
            }
        }
    }

    @Test func emptyInputIsAnEmptyExtraction() throws {
        let x = try Extractor().extract(DocumentReader.read(bytes: [], name: "empty"))
        #expect(x.items.isEmpty && x.sentences.isEmpty && x.amounts.isEmpty && x.times.isEmpty && x.sections.isEmpty)
        #expect(x.document.length == 0)
    }

    /// A very long line with no break is read in one pass (the benchmark measures the time).
    @Test func longLineWithoutBreaks() throws {
        let sentence = "日米両国は、2026年3月までに約150億ドルを投資する意図を有する。"
        let text = String(repeating: sentence, count: 20_000)
        let x = try Extractor(options: ExtractionOptions(language: .ja)).extract(SourceDocument(name: "long", text: text))
        #expect(x.sentences.count == 20_000)
        #expect(x.amounts.count == 20_000)
        #expect(x.items.count == 1)
    }

    /// Rules that look back before a phrase (`the end of` before `the year`, `time` before
    /// `in 50 years`) meet the start of the text; each row lists the times read.
    @Test(arguments: [
        ("The year ahead will be decisive.", [String]()),
        ("In three months, the office opens.", ["In three months=2024-07"]),
        ("in 50 years", ["in 50 years=2074"]),
        ("A week ago, talks began.", ["A week ago=2024-04-03"]),
        ("10 dollars", []),
        ("from 2024 to", ["from 2024=2024"]),
        ("They pledged ten euros", []),
    ])
    func phrasesAtTheStartOfTheText(_ text: String, _ times: [String]) throws {
        let x = try extract(text, date: "2024-04-10", language: .en)
        #expect(x.times.map { "\($0.text)=\($0.value ?? "null")" } == times)
    }

    /// A Japanese phrase that stops right after a range's first half.
    @Test(arguments: [("6月から", ["6月から=start 2024-06"]), ("2021.3.25から", ["2021.3.25から=start 2021-03-25"]), ("4月3日から", ["4月3日から=start 2024-04-03"])])
    func japanesePhrasesThatStopAtARangesStart(_ text: String, _ times: [String]) throws {
        let x = try extract(text, date: "2024-04-10", language: .ja)
        #expect(x.times.map { "\($0.text)=\($0.role.rawValue) \($0.value ?? "null")" } == times)
    }

    @Test func oneLineInputYieldsItsAmountAndTimes() throws {
        let x = try extract("約1,200億円を2026年3月までに拠出する。", date: "2024-04-10")
        #expect(x.amounts.map(\.value) == [120_000_000_000])
        #expect(x.times.map(\.value) == ["2026-03"])
        #expect(x.sentences.count == 1)
    }
}

/// The command line as a user meets it: clear one-line errors and exit status 1 on bad input.
@Suite struct CommandLineTests {
    func run(_ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, out: String, err: String) {
        let r = try CommandLineTool.run(arguments, stdin: stdin)
        return (r.status, r.out, r.err)
    }

    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pledge-test-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func missingFile() throws {
        let r = try run(["extract", "/nonexistent/fact-sheet.txt"])
        #expect(r.status == 1)
        #expect(r.err == "pledge: /nonexistent/fact-sheet.txt: no such file\n")
        #expect(r.out.isEmpty)
    }

    @Test func folder() throws {
        let r = try run(["extract", FileManager.default.temporaryDirectory.path])
        #expect(r.status == 1)
        #expect(r.err.contains("is a directory"))
    }

    @Test func binaryData() throws {
        let path = try temporaryFile([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52] + Array(repeating: 0, count: 64))
        let r = try run(["extract", path])
        #expect(r.status == 1)
        #expect(r.err == "pledge: \(path): binary data, not a text document\n")
    }

    @Test func undecodableBytes() throws {
        let path = try temporaryFile(Array(repeating: [0xFF, 0xFE, 0xFD, 0x80], count: 50).flatMap { $0 }.dropFirst(2).map { $0 })
        let r = try run(["extract", path])
        #expect(r.status == 1)
        #expect(r.err.contains(path))
        #expect(r.out.isEmpty)
    }

    @Test func badDateIsUsageError() throws {
        let r = try run(["extract", "-", "--date", "2024-13-40"], stdin: Data())
        #expect(r.status == 2)
        #expect(r.err.contains("--date"))
    }

    @Test func readsStandardInputAsJSON() throws {
        let r = try run(["extract", "-", "--format", "json", "--date", "2024-04-10"], stdin: Data("約1,200億円を拠出する。".utf8))
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        #expect(json?["format"] as? String == "pledge-extraction/1")
        let amounts = json?["amounts"] as? [[String: Any]]
        #expect(amounts?.first?["value"] as? Int == 120_000_000_000)
        #expect(amounts?.first?["text"] as? String == "約1,200億円")
    }

    @Test func emptyFileGivesEmptyExtraction() throws {
        let r = try run(["extract", try temporaryFile([]), "--format", "json"])
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        #expect((json?["items"] as? [Any])?.isEmpty == true)
    }

    @Test func textCommandPrintsTheOffsetText() throws {
        let html = "<html><body><h1>題</h1><p>日米両国は&amp;協力する。</p></body></html>"
        let r = try run(["text", try temporaryFile(Array(html.utf8))])
        #expect(r.status == 0)
        #expect(r.out.contains("日米両国は&協力する。"))
    }
}
