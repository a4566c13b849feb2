import PledgeModel
import PledgeRegister

extension Pages {
    struct SentenceView {
        var text: String
        var modality: String
        var modalityKey: String
        var actor: String?
        var parties: String?
    }

    struct AmountView {
        var text: String
        var value: String
    }

    struct TimeView {
        var text: String
        var role: String
        var value: String
        var due: String?
    }

    struct EventView {
        var status: String
        var statusKey: String
        var date: String
        var author: String
        var note: String?
        var evidenceURL: String?
        var evidenceTitle: String
        var version: Int
        var recordedAt: String
    }

    struct StatusChoice {
        var value: String
        var label: String
        var selected: Bool
    }

    struct ItemView {
        var id: String
        var number: Int
        var title: String?
        var lang: String
        var document: String
        var documentTitle: String
        var documentLink: String
        var section: String?
        var sectionLink: String
        var paragraph: String
        /// Said when the item is too long to show whole: how much is shown, and where the rest is.
        var shortened: String?
        var modality: String
        var modalityKey: String
        var parties: String
        var due: String?
        var overdue: Bool
        var status: String
        var statusKey: String
        var version: Int
        var withdrawn: Bool
        var sentences: [SentenceView]
        var amounts: [AmountView]
        var times: [TimeView]
        var history: [EventView]
        var canRecord: Bool
        var csrf: String?
        var today: String
        var statuses: [StatusChoice]
        var message: String?
        var json: String
        var action: String
    }

    /// One item: its paragraph with amounts, times and abbreviations marked, its sentences,
    /// its due date, its history and, for editors, the form that records progress.
    func itemPage(id: String, visitor: Visitor, csrf: String?, message: String? = nil) async throws -> Rendered {
        guard let detail = try await register.item(id: id) else { throw WebError(.notFound, "no item \(id)") }
        let item = detail.item
        let document = try await register.document(key: item.document)
        let glossary = try await register.glossary(document: item.document)
        let today = options.today()
        let base = item.span.start
        // A very long item (a document that is one paragraph) is shown in its first part, with
        // its lists cut short, so the page stays bounded; the document page has it all in parts.
        let limit = options.documentPartLength
        let length = item.text.unicodeScalars.count
        let shown = length > limit ? String(item.text.unicodeScalars.prefix(limit)) : item.text
        let listLimit = 200
        let sentences = detail.sentences.prefix(listLimit), amounts = detail.amounts.prefix(listLimit), times = detail.times.prefix(listLimit)
        var shortened: String?
        if length > limit || detail.sentences.count > listLimit || detail.amounts.count > listLimit || detail.times.count > listLimit {
            shortened = "This item runs to \(length) characters: the first \(min(length, limit)) are shown, with at most \(listLimit) of its "
                + "\(detail.sentences.count) sentences, \(detail.amounts.count) amounts and \(detail.times.count) times. "
                + "The document page shows all of it in parts, and the JSON holds everything."
        }
        var annotator = Annotator()
        for a in amounts where a.span.end - base <= limit {
            annotator.add(a.span.start - base, a.span.end - base,
                          open: "<mark class=\"amount\" title=\"\(HTML.escape(amountValue(a)))\">", close: "</mark>")
        }
        for t in times where t.span.end - base <= limit {
            let value = t.value ?? "undated"
            let title = t.due.map { "\(t.role.rawValue) \(value), due \($0)" } ?? "\(t.role.rawValue) \(value)"
            annotator.add(t.span.start - base, t.span.end - base, open: "<mark class=\"time\" title=\"\(HTML.escape(title))\">", close: "</mark>")
        }
        var seen = Set<String>()
        for term in glossary where seen.insert(term.short).inserted {
            for range in Annotator.occurrences(of: term.short, in: shown) {
                annotator.add(range.lowerBound, range.upperBound, open: "<abbr title=\"\(HTML.escape(term.long))\">", close: "</abbr>", layer: 2)
            }
        }
        let canRecord = visitor.user?.role.canRecord == true && !visitor.byToken
        let model = ItemView(
            id: item.id, number: item.number, title: item.title, lang: document?.language.rawValue ?? "ja", document: item.document,
            documentTitle: document?.title ?? item.document, documentLink: HTML.documentPath(item.document), section: item.section,
            sectionLink: "/items?document=\(HTML.queryValue(item.document))&section=\(HTML.queryValue(item.sectionID))",
            paragraph: annotator.render(shown), shortened: shortened, modality: Self.modalityNames[item.modality] ?? item.modality.rawValue,
            modalityKey: item.modality.rawValue, parties: item.parties.map { "\(Self.partyName($0)) (\($0.rawValue))" }.joined(separator: ", "), due: item.due,
            overdue: item.isOverdue(asOf: today), status: Self.statusNames[item.status] ?? item.status.rawValue,
            statusKey: item.status.rawValue, version: item.version, withdrawn: item.withdrawn,
            sentences: sentences.map {
                SentenceView(text: $0.text, modality: Self.modalityNames[$0.modality] ?? $0.modality.rawValue,
                             modalityKey: $0.modality.rawValue, actor: $0.actor,
                             parties: $0.parties.isEmpty ? nil : $0.parties.map(\.rawValue).joined(separator: ", "))
            },
            amounts: amounts.map { AmountView(text: $0.text, value: amountValue($0)) },
            times: times.map { TimeView(text: $0.text, role: $0.role.rawValue, value: $0.value ?? "(no document date to place it)", due: $0.due) },
            history: detail.history.reversed().map {
                EventView(status: Self.statusNames[$0.status] ?? $0.status.rawValue, statusKey: $0.status.rawValue, date: $0.date,
                          author: $0.author, note: $0.note, evidenceURL: $0.evidenceURL,
                          evidenceTitle: $0.evidenceTitle ?? $0.evidenceURL ?? "", version: $0.version, recordedAt: $0.recordedAt)
            },
            canRecord: canRecord, csrf: canRecord ? csrf : nil, today: today,
            statuses: Status.allCases.map { StatusChoice(value: $0.rawValue, label: Self.statusNames[$0]!, selected: $0 == item.status) },
            message: message, json: "/api/v1/items/" + HTML.pathSegment(item.id), action: HTML.itemPath(item.id) + "/events")
        return framed("item", model, title: "\(item.id)", visitor: visitor, csrf: csrf)
    }

    func amountValue(_ a: StoredAmount) -> String {
        let qualifier = a.qualifier.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") + " " } ?? ""
        return qualifier + (a.kind == .money ? MoneySummary.formatted(a.value, a.unit) : "\(Int(a.value)) \(a.unit)")
    }
}
