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

    /// Pages of a long list: where this one is and links to its neighbours.
    struct Paging {
        var page: Int
        var pages: Int
        var total: Int
        var previous: String?
        var next: String?

        /// Links name the page by `parameter` and end with `fragment` (`#history`).
        init(page: Int, total: Int, size: Int, path: String, parameter: String = "page", fragment: String = "") {
            self.page = page
            self.total = total
            pages = max(1, (total + size - 1) / size)
            func link(_ n: Int) -> String { (n == 1 ? path : path + "?\(parameter)=\(n)") + fragment }
            previous = page > 1 ? link(min(page - 1, pages)) : nil
            next = page < pages ? link(page + 1) : nil
        }
    }

    /// Rows of the document list and the glossary a page.
    static let listPageSize = 50

    /// `?page=N` of a list (or another `parameter`), from 1.
    static func pageNumber(_ fields: FormFields, parameter: String = "page") throws -> Int {
        guard let text = fields.text(parameter) else { return 1 }
        guard let number = Int(text), ListRequest.pages.contains(number) else {
            throw WebError(
                .badRequest, "query.number", "{name} must be a whole number from {first} to {last}, not '{value}'",
                ["name": parameter, "first": "1", "last": "\(ListRequest.pages.upperBound)", "value": text])
        }
        return number
    }

    struct DocumentList {
        var documents: [DocumentRow]
        var paging: Paging
    }

    /// The documents, newest first, a page at a time.
    func documentList(page: Int, visitor: Visitor, csrf: String?) async throws -> Rendered {
        let t = words(visitor)
        let size = Self.listPageSize
        let total = try await register.documentCount()
        let documents = try await register.documents(limit: size, offset: (page - 1) * size)
        // A document has another text when it translates one, or one of its date translates it.
        var translated = Set<String>()
        for date in Set(documents.compactMap(\.date)) {
            for other in try await register.documents(dated: date) { if let original = other.translationOf { translated.insert(original) } }
        }
        let rows = documents.map { d in
            DocumentRow(
                key: d.key, title: d.title ?? d.key, date: d.date.map(t.day) ?? "", language: d.language.rawValue, items: d.itemCount,
                link: HTML.documentPath(d.key), revision: d.revision, source: d.source,
                counterpart: d.translationOf != nil || translated.contains(d.key) ? HTML.documentPath(d.key) + "/side-by-side" : nil)
        }
        let model = DocumentList(documents: rows, paging: Paging(page: page, total: total, size: size, path: "/documents"))
        return framed("documents", model, title: page == 1 ? t["title.documents"] : t("title.documentsPage", ["page": String(page)]), visitor: visitor, csrf: csrf)
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
        let t = words(visitor)
        guard let document = try await register.document(key: key), let text = try await register.documentText(key: key) else {
            throw WebError(RegisterError.documentNotFound(key))
        }
        let parts = DocumentParts(text, length: options.documentPartLength)
        guard parts.bounds.indices.contains(part - 1) else {
            throw WebError(
                .notFound, "page.noPart", "document {key} has {count} part(s); there is no part {part}",
                ["key": key, "count": "\(parts.bounds.count)", "part": "\(part)"])
        }
        let window = parts.bounds[part - 1]
        // Only the items and amounts of the part shown are read.
        var shown = ItemQuery(document: key)
        shown.overlapping = window.start..<window.end
        let items = try await register.items(matching: shown)
        var annotator = Annotator()
        // Marks are kept to what the part shows, clipped to it and counted from its start.
        func add(_ span: SourceSpan, open: String, close: String, layer: Int) {
            guard span.end > window.start, span.start < window.end else { return }
            annotator.add(max(span.start, window.start) - window.start, min(span.end, window.end) - window.start, open: open, close: close, layer: layer)
        }
        // Layers, outermost first: items, headings and bullets, bold, amounts.
        for item in items {
            add(item.span,
                open: "<span class=\"item\" id=\"item-\(item.number)\"><a class=\"number\" href=\"\(HTML.escape(HTML.itemPath(item.id)))\">#\(item.number)</a> ",
                close: "</span>", layer: 0)
        }
        for a in try await register.amounts(matching: shown) {
            add(a.amount.span, open: "<mark class=\"amount\" title=\"\(HTML.escape(amountValue(a.amount, t)))\">", close: "</mark>", layer: 3)
        }
        let partText = String(text.unicodeScalars[window.range])
        let markup = DocumentMarkup(partText)
        // The page's own title is the h1: the document's headings start a level below, each
        // level it uses one deeper than the last, so that no level is skipped (`###` alone is 2).
        let levels = Set(markup.blocks.compactMap { if case .heading(let level) = $0.kind { level } else { nil } }).sorted()
        for block in markup.blocks {
            switch block.kind {
            case .heading(let level):
                let shown = min((levels.firstIndex(of: level) ?? 0) + 2, 6)
                annotator.add(block.range.lowerBound, block.range.upperBound,
                              open: "<span class=\"heading level-\(level)\" role=\"heading\" aria-level=\"\(shown)\">", close: "</span>", layer: 1)
            case .bullet:
                annotator.add(block.range.lowerBound, block.range.upperBound, open: "<span class=\"bullet\">", close: "</span>", layer: 1)
            case .bold:
                annotator.add(block.range.lowerBound, block.range.upperBound, open: "<strong>", close: "</strong>", layer: 2)
            }
        }
        for marker in markup.markers { annotator.hide(marker) }
        let hasOtherText = try await Translations.otherText(of: key, in: register) != nil
        let path = HTML.documentPath(key)
        let links = parts.bounds.count > 1
            ? parts.bounds.indices.map { PartLink(number: $0 + 1, link: $0 == 0 ? path : path + "?part=\($0 + 1)", current: $0 + 1 == part) }
            : []
        let model = DocumentView(
            key: key, title: document.title ?? key, date: document.date ?? "", undated: document.date == nil,
            language: document.language.rawValue, items: try await register.count(matching: ItemQuery(document: key)), text: annotator.render(partText),
            sideBySide: hasOtherText ? path + "/side-by-side" : nil,
            json: "/api/v1/documents/" + HTML.pathSegment(key),
            partLabel: links.isEmpty ? nil : words(visitor)("document.part", ["part": String(part), "parts": String(links.count)]), partLinks: links)
        return framed("document", model, title: document.title ?? key, visitor: visitor, csrf: csrf)
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

    /// Japanese and English texts of a document item by item, as the register pairs them
    /// (`Translations`): each original item beside its translated items, and the items of
    /// either text that have no counterpart on a row of their own, where they stand.
    func sideBySide(key: String, visitor: Visitor, csrf: String?) async throws -> Rendered {
        let t = words(visitor)
        guard let document = try await register.document(key: key), let other = try await Translations.otherText(of: key, in: register) else {
            throw WebError(.notFound, "page.noTranslation", "document {key} has no version in another language in this register", ["key": key])
        }
        let (original, translation) = document.translationOf == nil ? (document, other) : (other, document)
        let originalItems = try await register.items(matching: ItemQuery(document: original.key))
        let translatedItems = try await register.items(matching: ItemQuery(document: translation.key))
        let today = options.today()
        var byCounterpart: [String: [ItemSummary]] = [:]
        for item in translatedItems { if let c = item.counterpart { byCounterpart[c, default: []].append(item) } }
        // Rows in the original's order; an unpaired translated item follows the row of the
        // translated item before it.
        var rows: [(original: ItemSummary?, translated: ItemSummary?)] = []
        var rowOfTranslated: [String: Int] = [:]
        for item in originalItems {
            let texts = byCounterpart[item.id] ?? []
            if texts.isEmpty { rows.append((item, nil)) }
            for t in texts {
                rowOfTranslated[t.id] = rows.count
                rows.append((item, t))
            }
        }
        var insertions: [(at: Int, item: ItemSummary)] = []
        var after = -1
        for item in translatedItems {
            if let row = rowOfTranslated[item.id] { after = row } else { insertions.append((after + 1, item)) }
        }
        for insertion in insertions.reversed() { rows.insert((nil, insertion.item), at: insertion.at) }
        let jaOriginal = original.language == .ja
        let pairs = rows.map { r in
            let o = r.original.map { row($0, today: today, language: original.language, t) }
            let other = r.translated.map { row($0, today: today, language: translation.language, t) }
            return jaOriginal ? PairView(left: o, right: other) : PairView(left: other, right: o)
        }
        let (jaDoc, enDoc) = jaOriginal ? (original, translation) : (translation, original)
        let (jaKey, enKey) = (jaDoc.key, enDoc.key)
        let model = SideBySide(
            leftTitle: jaDoc.title ?? jaKey, rightTitle: enDoc.title ?? enKey, leftLang: "ja", rightLang: "en", pairs: pairs)
        return framed("side-by-side", model, title: t["title.sideBySide"], visitor: visitor, csrf: csrf)
    }

    struct TermView {
        var short: String
        var long: String
        var document: String
        var link: String
        var search: String
    }

    struct Glossary {
        var terms: [TermView]
        var paging: Paging
    }

    /// Every document's abbreviations by their short form, a page at a time.
    func glossaryPage(page: Int, visitor: Visitor, csrf: String?) async throws -> Rendered {
        let t = words(visitor)
        let size = Self.listPageSize
        let total = try await register.glossaryCount(document: nil)
        let terms = try await register.glossary(document: nil, limit: size, offset: (page - 1) * size).map {
            TermView(short: $0.short, long: $0.long, document: $0.document, link: HTML.documentPath($0.document),
                     search: "/items?q=" + HTML.queryValue($0.short))
        }
        let model = Glossary(terms: terms, paging: Paging(page: page, total: total, size: size, path: "/glossary"))
        return framed("glossary", model, title: page == 1 ? t["title.glossary"] : t("title.glossaryPage", ["page": String(page)]), visitor: visitor, csrf: csrf)
    }

    struct SignIn {
        var csrf: String
        var next: String
        var message: String?
    }

    func signInPage(visitor: Visitor, csrf: String, next: String, message: Explanation?) -> Rendered {
        framed("signin", SignIn(csrf: csrf, next: next, message: message.map(words(visitor).say)), title: words(visitor)["title.signIn"], visitor: visitor, csrf: nil)
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
