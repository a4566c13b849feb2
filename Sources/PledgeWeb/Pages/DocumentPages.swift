import PledgeExtract
import PledgeModel
import PledgeRegister

extension Pages {
    struct DocumentRow {
        var key: String
        var title: String
        var date: String
        var language: String
        var items: Int
        var link: String
        var revision: Int
        var source: String
        var counterpart: String?
    }

    func documentList(visitor: Visitor, csrf: String?) async throws -> Rendered {
        let documents = try await register.documents()
        let keys = Set(documents.map(\.key))
        let rows = documents.map { d in
            DocumentRow(
                key: d.key, title: d.title ?? d.key, date: d.date ?? "", language: d.language.rawValue, items: d.itemCount,
                link: HTML.documentPath(d.key), revision: d.revision, source: d.source,
                counterpart: counterpart(of: d.key, in: keys).map { _ in HTML.documentPath(d.key) + "/side-by-side" })
        }
        return framed("documents", ["documents": rows], title: "Documents", visitor: visitor, csrf: csrf)
    }

    /// The other language's version of a document: keys differ by `-en` (`DocumentKey`).
    func counterpart(of key: String, in keys: Set<String>) -> String? {
        let other = key.hasSuffix("-en") ? String(key.dropLast(3)) : key + "-en"
        return keys.contains(other) ? other : nil
    }

    struct DocumentView {
        var key: String
        var title: String
        var date: String
        /// The document states no date, so relative times in it (本年, next year) were not resolved.
        var undated: Bool
        var language: String
        var items: Int
        var text: String
        var sideBySide: String?
        var json: String
        /// `Part 2 of 250`, when the document is shown in parts.
        var partLabel: String?
        var partLinks: [PartLink]
    }

    struct PartLink {
        var number: Int
        var link: String
        var current: Bool
    }

    /// The document as read, each item marked and linked, its amounts marked; a long one in
    /// parts of about `WebOptions.documentPartLength` characters, `part` counted from 1.
    func documentPage(key: String, part: Int = 1, visitor: Visitor, csrf: String?) async throws -> Rendered {
        guard let document = try await register.document(key: key), let text = try await register.documentText(key: key) else {
            throw WebError(.notFound, "no document \(key)")
        }
        let parts = DocumentParts(text, length: options.documentPartLength)
        guard parts.bounds.indices.contains(part - 1) else {
            throw WebError(.notFound, "document \(key) has \(parts.bounds.count) part\(parts.bounds.count == 1 ? "" : "s"); there is no part \(part)")
        }
        let window = parts.bounds[part - 1]
        let items = try await register.items(matching: ItemQuery(document: key))
        var annotator = Annotator()
        // Marks are kept to what the part shows, clipped to it and counted from its start.
        func add(_ span: SourceSpan, open: String, close: String, layer: Int) {
            guard span.end > window.start, span.start < window.end else { return }
            annotator.add(max(span.start, window.start) - window.start, min(span.end, window.end) - window.start, open: open, close: close, layer: layer)
        }
        for item in items {
            add(item.span,
                open: "<span class=\"item\" id=\"item-\(item.number)\"><a class=\"number\" href=\"\(HTML.escape(HTML.itemPath(item.id)))\">#\(item.number)</a> ",
                close: "</span>", layer: 0)
        }
        for a in try await register.amounts(matching: ItemQuery(document: key)) {
            add(a.amount.span, open: "<mark class=\"amount\" title=\"\(HTML.escape(amountValue(a.amount)))\">", close: "</mark>", layer: 1)
        }
        let keys = Set(try await register.documents().map(\.key))
        let path = HTML.documentPath(key)
        let links = parts.bounds.count > 1
            ? parts.bounds.indices.map { PartLink(number: $0 + 1, link: $0 == 0 ? path : path + "?part=\($0 + 1)", current: $0 + 1 == part) }
            : []
        let model = DocumentView(
            key: key, title: document.title ?? key, date: document.date ?? "", undated: document.date == nil,
            language: document.language.rawValue, items: items.count, text: annotator.render(String(text.unicodeScalars[window.range])),
            sideBySide: counterpart(of: key, in: keys).map { _ in path + "/side-by-side" },
            json: "/api/v1/documents/" + HTML.pathSegment(key),
            partLabel: links.isEmpty ? nil : "Part \(part) of \(links.count)", partLinks: links)
        return framed("document", model, title: document.title ?? key, visitor: visitor, csrf: csrf, lang: document.language.rawValue)
    }

    struct PairView {
        var left: ItemRow?
        var right: ItemRow?
    }

    struct SideBySide {
        var leftTitle: String
        var rightTitle: String
        var leftLang: String
        var rightLang: String
        var pairs: [PairView]
    }

    /// Japanese and English versions item by item, paired as `pledge align` pairs them.
    func sideBySide(key: String, visitor: Visitor, csrf: String?) async throws -> Rendered {
        let keys = Set(try await register.documents().map(\.key))
        guard keys.contains(key), let other = counterpart(of: key, in: keys) else {
            throw WebError(.notFound, "document \(key) has no version in another language in this register")
        }
        let (jaKey, enKey) = key.hasSuffix("-en") ? (other, key) : (key, other)
        guard let jaText = try await register.documentText(key: jaKey), let enText = try await register.documentText(key: enKey),
              let jaDoc = try await register.document(key: jaKey), let enDoc = try await register.document(key: enKey)
        else { throw WebError(.notFound, "no document \(key)") }
        // The register keeps items, not extractions; reading the texts again gives the
        // extractions the aligner works on, whose items are in the register's order.
        let ja = try Extractor(options: ExtractionOptions(language: .ja)).extract(SourceDocument(name: jaKey, text: jaText))
        let en = try Extractor(options: ExtractionOptions(language: .en)).extract(SourceDocument(name: enKey, text: enText))
        let jaItems = try await register.items(matching: ItemQuery(document: jaKey))
        let enItems = try await register.items(matching: ItemQuery(document: enKey))
        let today = options.today()
        func lookup(_ id: String?, _ extraction: Extraction, _ items: [ItemSummary], _ language: Language) -> ItemRow? {
            guard let id, let ordinal = extraction.items.firstIndex(where: { $0.id == id }),
                  let item = items.first(where: { $0.ordinal == ordinal })
            else { return nil }
            return row(item, today: today, language: language)
        }
        let pairs = Aligner.align(ja, text: jaText, en, text: enText).map {
            PairView(left: lookup($0.first, ja, jaItems, .ja), right: lookup($0.second, en, enItems, .en))
        }
        let model = SideBySide(
            leftTitle: jaDoc.title ?? jaKey, rightTitle: enDoc.title ?? enKey, leftLang: "ja", rightLang: "en", pairs: pairs)
        return framed("side-by-side", model, title: "Side by side", visitor: visitor, csrf: csrf)
    }

    struct TermView {
        var short: String
        var long: String
        var document: String
        var link: String
        var search: String
    }

    func glossaryPage(visitor: Visitor, csrf: String?) async throws -> Rendered {
        let terms = try await register.glossary(document: nil).map {
            TermView(short: $0.short, long: $0.long, document: $0.document, link: HTML.documentPath($0.document),
                     search: "/items?q=" + HTML.queryValue($0.short))
        }
        return framed("glossary", ["terms": terms], title: "Glossary", visitor: visitor, csrf: csrf)
    }

    struct SignIn {
        var csrf: String
        var next: String
        var message: String?
    }

    func signInPage(visitor: Visitor, csrf: String, next: String, message: String?) -> Rendered {
        framed("signin", SignIn(csrf: csrf, next: next, message: message), title: "Sign in", visitor: visitor, csrf: nil)
    }
}

/// A document's text cut into parts of about `length` code points, each ending at a line end
/// where one comes within a quarter more (a single long paragraph is cut where it must).
struct DocumentParts {
    var bounds: [(start: Int, end: Int, range: Range<String.UnicodeScalarView.Index>)] = []

    init(_ text: String, length: Int) {
        let scalars = text.unicodeScalars
        let length = max(1, length)
        var partStart = scalars.startIndex
        var startOffset = 0
        var offset = 0
        var i = scalars.startIndex
        while i != scalars.endIndex {
            let u = scalars[i]
            i = scalars.index(after: i)
            offset += 1
            let size = offset - startOffset
            if size >= length && u == "\n" || size >= length + length / 4 {
                bounds.append((startOffset, offset, partStart..<i))
                partStart = i
                startOffset = offset
            }
        }
        if offset > startOffset || bounds.isEmpty { bounds.append((startOffset, offset, partStart..<scalars.endIndex)) }
    }
}
