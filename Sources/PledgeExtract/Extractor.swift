import PledgeModel

/// Choices the caller makes for one extraction.
public struct ExtractionOptions: Sendable {
    /// Overrides the date printed in the document.
    public var date: Day?
    /// Overrides language detection.
    public var language: Language?
    /// Overrides the parties read from the document; the first is taken as its issuer.
    public var parties: [Party]?

    public init(date: Day? = nil, language: Language? = nil, parties: [Party]? = nil) {
        self.date = date
        self.language = language
        self.parties = parties
    }
}

public enum ExtractionError: Error, Equatable, CustomStringConvertible {
    case unsupportedLanguage(Language)

    public var description: String {
        switch self {
        case .unsupportedLanguage(let l): return "no extraction rules for language '\(l.rawValue)' yet"
        }
    }
}

/// Runs the whole pipeline over a decoded document:
/// lines → layout → blocks → sections, items, sentences → recognised fields.
public struct Extractor: Sendable {
    public var options: ExtractionOptions

    public init(options: ExtractionOptions = ExtractionOptions()) {
        self.options = options
    }

    public func extract(_ document: SourceDocument) throws(ExtractionError) -> Extraction {
        let language = options.language ?? LanguageDetector.detect(document.text)
        guard let rules = RuleSet.rules(for: language) else { throw .unsupportedLanguage(language) }
        var text = document.text
        text.makeContiguousUTF8()
        let result = text.utf8.withContiguousStorageIfAvailable { bytes in
            var run = ExtractionRun(bytes: bytes, rules: rules, options: options, sha256: document.sha256)
            run.statedDate = document.statedDate
            return run.run()
        }
        return result!
    }
}

/// The state of one extraction while it walks the document block by block.
/// Only the current block's code points are decoded at any time, so memory
/// stays near the size of the text plus what is found.
struct ExtractionRun {
    let bytes: UnsafeBufferPointer<UInt8>
    let rules: RuleSet
    let options: ExtractionOptions
    let sha256: String
    var lines: [Line] = []
    /// Each line's kind: layout's reading, with page furniture made blank.
    var kinds: [LineKind] = []
    var out: Extraction
    var anchor: Day?
    /// The date the file states outside its text, used when the text states none.
    var statedDate: Day?
    var context = PartyContext()
    var definedTerms = Set<String>()
    var preambleIndex: Int?
    var headings = 0

    init(bytes: UnsafeBufferPointer<UInt8>, rules: RuleSet, options: ExtractionOptions, sha256: String) {
        self.bytes = bytes
        self.rules = rules
        self.options = options
        self.sha256 = sha256
        out = Extraction(document: DocumentInfo(title: nil, date: nil, language: rules.language, sha256: sha256, length: 0))
    }

    func scalars(ofLine i: Int) -> [Unicode.Scalar] {
        var s: [Unicode.Scalar] = []
        s.reserveCapacity(lines[i].end - lines[i].start)
        LineScanner.scalars(bytes, from: lines[i].byteStart, to: lines[i].byteEnd, into: &s)
        return s
    }

    /// The first `count` code points of a line: all that layout needs of most lines.
    func head(ofLine i: Int, count: Int = 256) -> [Unicode.Scalar] {
        let line = lines[i]
        guard line.end - line.start > count else { return scalars(ofLine: i) }
        var end = line.byteStart
        var seen = 0
        while end < line.byteEnd, seen <= count {
            if bytes[end] & 0xC0 != 0x80 { seen += 1 }
            if seen > count { break }
            end += 1
        }
        var s: [Unicode.Scalar] = []
        LineScanner.scalars(bytes, from: line.byteStart, to: end, into: &s)
        return s
    }

    /// The last `count` code points of a line.
    func tail(ofLine i: Int, count: Int = 8) -> [Unicode.Scalar] {
        let line = lines[i]
        var start = line.byteEnd
        var seen = 0
        while start > line.byteStart, seen < count {
            start -= 1
            if bytes[start] & 0xC0 != 0x80 { seen += 1 }
        }
        var s: [Unicode.Scalar] = []
        LineScanner.scalars(bytes, from: start, to: line.byteEnd, into: &s)
        return s
    }

    /// A line's kind, read from its opening; a long heading is read whole for its text.
    func kind(ofLine i: Int) -> LineKind {
        let opening = head(ofLine: i)
        let kind = Layout.classify(opening, rules: rules.layout)
        if opening.count < lines[i].end - lines[i].start, case .heading = kind {
            return Layout.classify(scalars(ofLine: i), rules: rules.layout)
        }
        return kind
    }

    mutating func run() -> Extraction {
        lines = LineScanner.lines(in: bytes)
        out.document.length = lineCount()
        kinds = (0..<lines.count).map { kind(ofLine: $0) }
        // Pages are looked at only in text that has them: pdftotext starts each with a form feed.
        let pageStarts = lines.indices.filter { i in lines[i].byteEnd > lines[i].byteStart && bytes[lines[i].byteStart] == 0x0C }
        if pageStarts.count >= 2 {
            let text = lines.indices.map { head(ofLine: $0, count: 121) }
            for i in PageFurniture.lines(text: text, blank: kinds.map { $0 == .blank }) { kinds[i] = .blank }
        }
        joinWrappedLines()
        // Every line with text that reading leaves out: running headers and footers, page
        // numbers, a publisher's page furniture, closing marks.
        out.furniture = lines.indices.filter { i in
            kinds[i] == .blank && lines[i].end > lines[i].start && head(ofLine: i, count: 256).contains { !CharacterClass.isSpace($0) }
        }.map { SourceSpan(lines[$0].start, lines[$0].end) }
        var (titleLine, dateLine) = headerLines(kinds)
        if dateLine == nil, let found = datedLine(kinds, excluding: titleLine) {
            dateLine = found.line
            // What signs the document under a closing date (外務省, a place) is not an item.
            for i in found.signature { kinds[i] = .blank }
        }
        if titleLine == dateLine { titleLine = nil }
        anchor = options.date
        if anchor == nil, let dateLine { anchor = dateOnLine(dateLine) }
        if anchor == nil { anchor = statedDate }
        out.document.date = anchor?.iso
        context = documentParties(titleLine: titleLine, dateLine: dateLine)
        out.document.parties = context.documentParties
        out.document.issuer = context.issuer
        let blocks = Layout.blocks(
            kinds: kinds, head: { head(ofLine: $0, count: 16) }, tail: { tail(ofLine: $0) }, title: { scalars(ofLine: $0) },
            lines: lines, rules: rules.layout, titleLine: titleLine, dateLine: dateLine)
        for block in blocks { process(block) }
        closePreamble()
        return out
    }

    /// In text wrapped to a width (a PDF's lines), a line that goes on from a full line which
    /// stops mid-sentence is part of that paragraph, whatever it opens with: Japanese wraps
    /// anywhere, so `・ラボ` or `（２）` may begin a wrapped line.
    mutating func joinWrappedLines() {
        let lengths = lines.map { $0.end - $0.start }.filter { $0 >= 20 }.sorted()
        // Only text with many lines of about one length is wrapped text.
        guard lengths.count >= 20 else { return }
        let typical = lengths[lengths.count * 9 / 10]
        let full = lines.indices.filter { lines[$0].end - lines[$0].start >= typical * 85 / 100 }
        guard full.count >= 10 else { return }
        for j in full where j + 1 < lines.count {
            // A full line read as a heading but run straight on by the next is a paragraph's first line.
            if case .heading = kinds[j], kinds[j + 1] == .text {
                let line = scalars(ofLine: j)
                var a = 0, b = line.count
                while a < b, CharacterClass.isSpace(line[a]) { a += 1 }
                while b > a, CharacterClass.isSpace(line[b - 1]) { b -= 1 }
                if case .titled(let title, let body)? = rules.layout.lead(line[a..<b]) {
                    kinds[j] = .titled(title: title, body: body + a)
                } else {
                    kinds[j] = .text
                }
            }
            switch kinds[j + 1] {
            case .bullet, .numbered, .label, .heading, .titled: break
            default: continue
            }
            switch kinds[j] {
            case .text, .bullet, .numbered, .titled: break
            default: continue
            }
            guard let end = tail(ofLine: j, count: 2).last(where: { !CharacterClass.isSpace($0) }),
                !CharacterClass.isJapaneseSentenceEnd(end), end != ".", end != "：", end != ":"
            else { continue }
            kinds[j + 1] = .text
        }
    }

    /// Length of the text in code points (lines plus the breaks between them).
    func lineCount() -> Int {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Who the document is between and who published it: read from its title, furniture,
    /// opening and closing lines, or given by the caller.
    func documentParties(titleLine: Int?, dateLine: Int?) -> PartyContext {
        // Only the lines near either end are looked at, so a long document costs no more.
        let hasText = { (i: Int) in lines[i].end > lines[i].start && head(ofLine: i, count: 8).contains { !CharacterClass.isSpace($0) } }
        let filled = lines.indices.lazy.filter(hasText)
        var evidence = DocumentPartiesReader.Evidence()
        evidence.title = titleLine.map { head(ofLine: $0, count: 300) }
        let bodyStart = max(titleLine ?? -1, dateLine ?? -1)
        evidence.header = filled.prefix(8).filter { lines[$0].end - lines[$0].start <= 80 && $0 != titleLine }.map { head(ofLine: $0, count: 80) }
        if let first = filled.first(where: { $0 > bodyStart && kinds[$0] != .blank }) {
            // The subject of the first sentence: `We, the leaders of Japan, the Philippines, and
            // the United States`, `President Biden … and Prime Minister Kishida of Japan`.
            var sentence = head(ofLine: first, count: 400)
            if let end = sentence.indices.first(where: { i in
                CharacterClass.isJapaneseSentenceEnd(sentence[i]) || sentence[i] == "." && i + 1 < sentence.count && sentence[i + 1] == " " && i > 2 && CharacterClass.isLowerLetter(sentence[i - 1]) && CharacterClass.isLowerLetter(sentence[i - 2])
            }) {
                sentence = Array(sentence[...end])
            }
            if let actor = rules.reading.read(sentence[...], context: PartyContext(), previous: []).actor {
                evidence.opening = Array(sentence[actor])
            }
        }
        let sampleEnd = lines.firstIndex { $0.byteStart > 60_000 } ?? lines.count
        let text = bytes
        let sampleBytes = sampleEnd > 0 ? (lines[0].byteStart, lines[sampleEnd - 1].byteEnd) : (0, 0)
        evidence.sample = {
            var sample: [Unicode.Scalar] = []
            LineScanner.scalars(text, from: sampleBytes.0, to: sampleBytes.1, into: &sample)
            return sample
        }
        evidence.closing = Array(lines.indices.reversed().lazy.filter(hasText).prefix(4)).reversed().filter { lines[$0].end - lines[$0].start <= 80 }.map { head(ofLine: $0, count: 80) }
        var context = DocumentPartiesReader.read(evidence, language: rules.language)
        if let given = options.parties, let first = given.first {
            context = PartyContext(documentParties: Array(Set(given)).sorted(), issuer: first, home: first)
            context.speaksForIssuer = given.count == 1
        }
        return context
    }

    /// The title (first line, short, not a sentence) and the date line under it.
    func headerLines(_ kinds: [LineKind]) -> (Int?, Int?) {
        guard let first = kinds.firstIndex(where: { $0 != .blank }) else { return (nil, nil) }
        var title: Int?
        let firstScalars = head(ofLine: first, count: 200)
        let trimmed = firstScalars.filter { !CharacterClass.isSpace($0) }
        if firstScalars.first(where: { !CharacterClass.isSpace($0) }) == "#" {
            // A Markdown document's title is its single-# heading.
            if case .heading(let level, _) = kinds[first], level <= 1 { title = first }
        } else if kinds[first] != .blank, case .bullet = kinds[first] {
            title = nil
        } else if Numbering.mark(firstScalars.drop(while: { CharacterClass.isSpace($0) })) != nil {
            // A numbered first line opens the body: the document has no title line.
            title = nil
        } else if let last = trimmed.last, trimmed.count <= 150, !CharacterClass.isJapaneseSentenceEnd(last), last != "." {
            title = first
        }
        if title != nil, firstScalars.count <= 40, dateOnLine(first) != nil { return (nil, first) }
        let next = title.map { t in kinds[(t + 1)...].firstIndex(where: { $0 != .blank }) } ?? first
        guard let candidate = next, lines[candidate].end - lines[candidate].start <= 40,
            dateOnLine(candidate) != nil
        else { return (title, nil) }
        return (title, candidate)
    }

    /// A date stated on a line of its own elsewhere than right under the title: below lines
    /// of page furniture at the top (`THE WHITE HOUSE`, `BRIEFING ROOM`), or at the end above
    /// the ministry that signs it (`令和6年4月10日` / `外務省`). Returns the date's line and
    /// the signature lines after it.
    func datedLine(_ kinds: [LineKind], excluding title: Int?) -> (line: Int, signature: [Int])? {
        let filled = kinds.indices.filter { kinds[$0] != .blank && $0 != title }
        func isDateLine(_ i: Int) -> Bool {
            lines[i].end - lines[i].start <= 40 && dateOnLine(i) != nil
                && !head(ofLine: i, count: 41).contains(where: { CharacterClass.isJapaneseSentenceEnd($0) })
        }
        // At the top: among the short lines before the text begins.
        let header = filled.prefix(6).prefix { i in
            lines[i].end - lines[i].start <= 80
                && !head(ofLine: i, count: 81).contains(where: { CharacterClass.isJapaneseSentenceEnd($0) })
        }
        if let top = header.first(where: isDateLine) { return (top, []) }
        // At the end: the date, then at most three short lines without a full stop.
        for (k, i) in filled.suffix(5).enumerated().reversed() where isDateLine(i) {
            let after = Array(filled.suffix(5).dropFirst(k + 1))
            let signature = after.allSatisfy { j in
                lines[j].end - lines[j].start <= 30
                    && !head(ofLine: j, count: 31).contains(where: { CharacterClass.isJapaneseSentenceEnd($0) || $0 == "." })
            }
            if signature && after.count <= 3 { return (i, after) }
        }
        return nil
    }

    /// The full date a short line states, if any.
    func dateOnLine(_ i: Int) -> Day? {
        var view = TextView(raw: scalars(ofLine: i), rawStart: lines[i].start)
        view.append(rawRange: 0..<view.raw.count)
        for t in rules.times.times(in: view, anchor: nil) where t.role == .point {
            if let value = t.value, let d = Day(iso: value) { return d }
        }
        return nil
    }

    // MARK: - Blocks

    mutating func process(_ block: Block) {
        let view = makeView(block)
        var found = recognise(view)
        let firstLine = lines[block.firstLine]
        switch block.kind {
        case .title(let title):
            out.document.title = title
        case .dateLine:
            break
        case .heading(let level, let text):
            closePreamble()
            headings += 1
            out.sections.append(Section(id: "s\(headings)", heading: text, level: level, span: SourceSpan(firstLine.start, firstLine.end)))
        case .paragraph, .bullet, .titled:
            let firstSentence = out.sentences.count
            addItem(block, view: view)
            for k in found.times.indices where found.times[k].value?.contains("FY") == true {
                found.times[k].fiscalYearOf = fiscalYearOwner(of: found.times[k], in: out.sentences[firstSentence...])
            }
        }
        out.amounts += found.amounts
        out.times += found.times
        out.terms += found.terms
    }

    func makeView(_ block: Block) -> TextView {
        let first = lines[block.firstLine]
        let last = lines[block.lastLine]
        var raw: [Unicode.Scalar] = []
        raw.reserveCapacity(last.end - first.start)
        LineScanner.scalars(bytes, from: first.byteStart, to: last.byteEnd, into: &raw)
        var view = TextView(raw: raw, rawStart: first.start)
        var previous: Int?
        for i in block.firstLine...block.lastLine {
            let line = lines[i]
            // Empty lines, page numbers and running headers between the halves of a paragraph.
            if line.start == line.end || kinds[i] == .blank && i != block.firstLine { continue }
            if let p = previous, rules.lineBreakIsSpace, !joinsWithoutSpace(p, i) { view.appendSpace(rawIndex: lines[p].end - first.start) }
            var a = line.start - first.start
            let b = line.end - first.start
            while a < b, block.skipped.contains(first.start + a) { a += 1 }
            view.append(rawRange: a..<b)
            previous = i
        }
        if rules.language == .en { view.words = WordIndex(view) }
        return view
    }

    /// A line that ends in the hyphen of a word wrapped after it (`U.S.-` / `Japan`) joins the
    /// next line without a space.
    func joinsWithoutSpace(_ previous: Int, _ next: Int) -> Bool {
        let end = tail(ofLine: previous, count: 2)
        guard end.count == 2, end[1] == "-", CharacterClass.isLetter(end[0]) || end[0] == "." else { return false }
        guard let first = head(ofLine: next, count: 8).first(where: { !CharacterClass.isSpace($0) }) else { return false }
        return CharacterClass.isLetter(first)
    }

    struct Found {
        var amounts: [Amount]
        var times: [TimeExpression]
        var terms: [Term]
    }

    mutating func recognise(_ view: TextView) -> Found {
        let amounts = rules.amounts.amounts(in: view)
        let times = rules.times.times(in: view, anchor: anchor)
        var terms: [Term] = []
        for term in rules.terms.terms(in: view) where definedTerms.insert(term.short).inserted {
            terms.append(term)
            let start = view.index(ofOrigin: term.span.start)
            let before = view.string(max(0, start - 8), start)
            let parties = rules.language == .ja
                ? JapaneseParties.parties(ofDefinition: term.long, before: before, context: context)
                : EnglishParties.parties(of: ScalarString(term.long), context: context, previous: [])
            if !parties.isEmpty { context.termParties[ScalarString(term.short)] = parties }
        }
        return Found(amounts: amounts, times: times, terms: terms)
    }

    mutating func addItem(_ block: Block, view: TextView) {
        if out.sections.isEmpty {
            preambleIndex = 0
            out.sections.append(Section(id: "s0", heading: nil, level: 0, span: SourceSpan(lines[block.firstLine].start, 0)))
        }
        let itemID = "i\(out.items.count + 1)"
        let bodyIndex = view.index(ofOrigin: block.bodyStart)
        let ranges = rules.sentences.sentences(in: view, range: bodyIndex..<view.count)
        var previous: [Party] = []
        for r in ranges {
            let span = view.span(r.lowerBound, r.upperBound)
            let reading = rules.reading.read(view.scalars[r], context: context, previous: previous)
            previous = reading.parties
            // The actor is quoted as written, not as normalised.
            let actor = reading.actor.map { a in
                view.source(view.span(r.lowerBound + a.lowerBound, r.lowerBound + a.upperBound)).trimmingSpaces()
            }
            out.sentences.append(
                Sentence(
                    id: "t\(out.sentences.count + 1)", item: itemID, span: span, modality: reading.modality,
                    actor: actor, parties: reading.parties))
        }
        let firstVisible = view.skipSpaces(from: 0)
        guard firstVisible < view.count else { return }
        let start = view.offset(firstVisible)
        let end = ranges.last.map { view.span($0.lowerBound, $0.upperBound).end } ?? view.span(firstVisible, view.skipSpacesBackward(from: view.count)).end
        var title: String?
        var kind = ItemKind.paragraph
        switch block.kind {
        case .titled(let t): title = t; kind = .titled
        case .bullet: kind = .bullet
        default: break
        }
        out.items.append(Item(id: itemID, section: out.sections.last!.id, kind: kind, title: title, span: SourceSpan(start, end)))
        if preambleIndex != nil { out.sections[0].span.end = end }
    }

    /// Whose fiscal year `FY2025` or `2025年度` is: the one country the sentence binds,
    /// else Japan's in a Japanese text (年度 is its year), else the publisher's.
    func fiscalYearOwner(of time: TimeExpression, in sentences: ArraySlice<Sentence>) -> Party? {
        let parties = sentences.first { $0.span.contains(time.span) }?.parties.filter(\.isCountry) ?? []
        if parties.count == 1, parties[0] != .OTHER { return parties[0] }
        if rules.language == .ja { return .JP }
        return context.issuer ?? context.home
    }

    mutating func closePreamble() {
        preambleIndex = nil
    }
}

extension TextView {
    /// The first view position at or after document offset `offset`.
    func index(ofOrigin offset: Int) -> Int {
        var lo = 0
        var hi = origin.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(origin[mid]) < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
