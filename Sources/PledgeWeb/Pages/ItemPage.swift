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

    /// One entry of an item's history: a tracking event, or a correction of what was read.
    struct EventView {
        var correction: CorrectionView? = nil
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

    struct CorrectionView {
        /// `modality: intended → committed`.
        var change: String
        var day: String
        var author: String
        var note: String
        var version: Int
        /// The item's words changed since: the correction stands, for an editor to check.
        var review: Bool
    }

    /// Where a field's value comes from: the machine's reading, or an editor's correction.
    struct Provenance {
        var text: String
        var corrected: Bool
        var review: Bool
    }

    /// A field the correction form offers: `amount_value:1` names an amount.
    struct CorrectableField {
        var value: String
        var label: String
    }

    struct OtherText {
        var id: String
        var link: String
        var lang: String
        var language: String
        var paragraph: String
        var role: String
    }

    struct LinkView {
        var id: String
        var link: String
        var document: String
        var text: String
        var relation: String
        var evidence: String
    }

    struct LinkGroup {
        var heading: String
        var links: [LinkView]
    }

    /// A later document's report offered as an event (`Suggestions`).
    struct SuggestionView {
        var id: String
        var status: String
        var statusKey: String
        var sentence: String
        var lang: String
        var cue: String
        var reportID: String
        var reportLink: String
        var document: String
        var date: String?
        var dismissAction: String
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
        var languageName: String
        /// The commitment's texts in other languages, shown beside this one.
        var others: [OtherText]
        /// Said when the document has another text but this item has no counterpart in it.
        var single: String?
        /// Items of other documents about the same initiative: "Also in", "Followed up in", "Follows up".
        var linkGroups: [LinkGroup]
        /// Later documents' reports of progress, for an editor to accept or dismiss.
        var suggestions: [SuggestionView]
        var hasSuggestions: Bool
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
        var modalitySource: Provenance
        var partiesSource: Provenance
        var dueSource: Provenance
        var titleSource: Provenance
        var correctable: [CorrectableField]
        var correctAction: String
        /// Pages of a long history, newest first; nil when it fits on one.
        var historyPaging: Paging?
        /// The number of the newest event shown, counting the oldest as 1.
        var historyStart: Int
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
    func itemPage(id: String, historyPage: Int = 1, visitor: Visitor, csrf: String?, message: String? = nil) async throws -> Rendered {
        let t = words(visitor)
        let window = EventWindow(limit: Self.historyPageSize, offset: (historyPage - 1) * Self.historyPageSize)
        guard let detail = try await register.item(id: id, events: window) else { throw WebError(RegisterError.itemNotFound(id)) }
        guard historyPage == 1 || window.offset < detail.historyCount else {
            throw WebError(
                .notFound, "page.noHistory", "item {id} has {count} events; there is no history page {page}",
                ["id": id, "count": "\(detail.historyCount)", "page": "\(historyPage)"])
        }
        let item = detail.item
        let document = try await register.document(key: item.document)
        let glossary = try await register.glossary(document: item.document)
        let today = options.today()
        let (paragraph, shortened) = annotated(detail, glossary: glossary, t)
        let sentences = detail.sentences.prefix(Self.listLimit), amounts = detail.amounts.prefix(Self.listLimit)
        let times = detail.times.prefix(Self.listLimit)
        // The commitment's other texts beside this one, each marked the same way.
        var others: [OtherText] = []
        for version in detail.versions {
            let glossary = version.item.document == item.document ? glossary : try await register.glossary(document: version.item.document)
            let language = try await register.document(key: version.item.document)?.language ?? .en
            others.append(OtherText(
                id: version.item.id, link: HTML.itemPath(version.item.id), lang: language.rawValue,
                language: t["text.\(language.rawValue)"], paragraph: annotated(version, glossary: glossary, t).html,
                role: t[version.item.id == item.commitment ? "text.original" : "text.translation"]))
        }
        var linkGroups: [LinkGroup] = []
        for (heading, links) in detail.linkGroups {
            var views: [LinkView] = []
            for l in links.prefix(Self.listLimit) {
                guard let other = l.other else { continue }
                var title: String?
                if let key = l.otherDocument { title = try await register.document(key: key)?.title }
                views.append(LinkView(
                    id: other, link: HTML.itemPath(other), document: title ?? l.otherDocument ?? "",
                    text: l.otherText.map { $0.count > 300 ? String($0.prefix(300)) + "…" : $0 } ?? "",
                    relation: l.relation, evidence: l.evidence.prefix(6).joined(separator: ", ")))
            }
            linkGroups.append(LinkGroup(heading: t["links.\(heading)"], links: views))
        }
        var suggestions: [SuggestionView] = []
        for offer in try await Suggestions.of(item.id, in: register).prefix(Self.listLimit) {
            let report = try await register.document(key: offer.reportDocument)
            suggestions.append(SuggestionView(
                id: offer.id, status: t.status(offer.status), statusKey: offer.status.rawValue,
                sentence: offer.sentence, lang: report?.language.rawValue ?? "en", cue: offer.cue, reportID: offer.reportItem,
                reportLink: HTML.itemPath(offer.reportItem), document: offer.evidenceTitle, date: offer.date,
                dismissAction: HTML.itemPath(item.id) + "/suggestions/" + HTML.pathSegment(offer.id) + "/dismiss"))
        }
        var single: String?
        if others.isEmpty, let other = try await Translations.otherText(of: item.document, in: register) {
            single = t["item.single.\(other.language.rawValue)"]
        }
        let canRecord = visitor.user?.role.canRecord == true && !visitor.byToken
        let model = ItemView(
            id: item.id, number: item.number, title: item.title, lang: document?.language.rawValue ?? "ja", document: item.document,
            documentTitle: document?.title ?? item.document, documentLink: HTML.documentPath(item.document), section: item.section,
            sectionLink: "/items?document=\(HTML.queryValue(item.document))&section=\(HTML.queryValue(item.sectionID))",
            paragraph: paragraph, shortened: shortened, languageName: t["text.\((document?.language ?? .ja).rawValue)"],
            others: others, single: single, linkGroups: linkGroups, suggestions: suggestions, hasSuggestions: !suggestions.isEmpty, modality: t.modality(item.modality),
            modalityKey: item.modality.rawValue, parties: item.parties.map { "\(Self.partyName($0)) (\($0.rawValue))" }.joined(separator: ", "), due: item.due.map(t.day),
            overdue: item.isOverdue(asOf: today), status: t.status(item.status),
            statusKey: item.status.rawValue, version: item.version, withdrawn: item.withdrawn,
            sentences: sentences.map {
                SentenceView(text: $0.text, modality: t.modality($0.modality),
                             modalityKey: $0.modality.rawValue, actor: $0.actor,
                             parties: $0.parties.isEmpty ? nil : $0.parties.map(\.rawValue).joined(separator: ", "))
            },
            amounts: amounts.map { AmountView(text: $0.text, value: amountValue($0, t)) },
            times: times.map {
                TimeView(text: $0.text, role: t("time.\($0.role.rawValue)"), value: $0.value.map(t.day) ?? t("time.unplaced"), due: $0.due.map(t.day))
            },
            history: history(detail, page: historyPage, t),
            modalitySource: provenance(.modality, detail, t), partiesSource: provenance(.parties, detail, t),
            dueSource: provenance(.due, detail, t), titleSource: provenance(.title, detail, t),
            correctable: [
                CorrectableField(value: "modality", label: t("correct.modality", ["choices": Modality.allCases.map(\.rawValue).joined(separator: ", ")])),
                CorrectableField(value: "parties", label: t["correct.parties"]),
                CorrectableField(value: "due", label: t["correct.due"]),
                CorrectableField(value: "title", label: t["correct.title"]),
            ] + detail.amounts.prefix(Self.listLimit).enumerated().flatMap { n, a in [
                CorrectableField(value: "amount_value:\(n)", label: t("correct.amountValue", ["n": String(n + 1), "text": a.text])),
                CorrectableField(value: "amount_unit:\(n)", label: t("correct.amountUnit", ["n": String(n + 1), "text": a.text])),
            ] },
            correctAction: HTML.itemPath(item.id) + "/corrections",
            historyPaging: detail.historyCount > Self.historyPageSize || historyPage > 1
                ? Paging(page: historyPage, total: detail.historyCount, size: Self.historyPageSize, path: HTML.itemPath(item.id),
                         parameter: "history", fragment: "#history")
                : nil,
            historyStart: detail.historyCount - window.offset,
            canRecord: canRecord, csrf: canRecord ? csrf : nil, today: today,
            statuses: Status.allCases.map { StatusChoice(value: $0.rawValue, label: t.status($0), selected: $0 == item.status) },
            message: message, json: "/api/v1/items/" + HTML.pathSegment(item.id), action: HTML.itemPath(item.id) + "/events")
        return framed("item", model, title: "\(item.id)", visitor: visitor, csrf: csrf)
    }

    /// Events of an item's history a page, newest first.
    static let historyPageSize = 50

    /// A page of the history, newest first; the first page also holds the item's corrections,
    /// in time among its events (an item has few).
    func history(_ detail: ItemDetail, page: Int, _ t: Catalogue) -> [EventView] {
        var entries: [(at: String, view: EventView)] = detail.history.map {
            ($0.recordedAt, EventView(
                status: t.status($0.status), statusKey: $0.status.rawValue, date: t.day($0.date),
                author: $0.author, note: $0.note, evidenceURL: $0.evidenceURL,
                evidenceTitle: $0.evidenceTitle ?? $0.evidenceURL ?? "", version: $0.version, recordedAt: $0.recordedAt))
        }
        if page == 1 {
            for c in detail.corrections {
                let change = "\(fieldName(c, t)): \(shown(c.field, c.before, t)) → \(shown(c.field, c.after, t))"
                let view = CorrectionView(
                    change: change, day: c.day, author: c.author, note: c.note, version: c.version,
                    review: c.needsReview(currentText: detail.item.text))
                entries.append((c.recordedAt, EventView(
                    correction: view, status: "", statusKey: "", date: c.day, author: c.author, note: nil, evidenceURL: nil,
                    evidenceTitle: "", version: c.version, recordedAt: c.recordedAt)))
            }
        }
        return entries.sorted { ($0.at, $0.view.version) > ($1.at, $1.view.version) }.map(\.view)
    }

    /// A corrected field as a reader names it.
    func fieldName(_ c: Correction, _ t: Catalogue) -> String {
        switch c.field {
        case .amountValue: t("field.amountValue", ["n": String((c.amount ?? 0) + 1)])
        case .amountUnit: t("field.amountUnit", ["n": String((c.amount ?? 0) + 1)])
        default: t["field.\(c.field.rawValue)"]
        }
    }

    /// A corrected value as a reader knows it.
    func shown(_ field: CorrectedField, _ value: String?, _ t: Catalogue) -> String {
        guard let value else { return t["value.none"] }
        if field == .modality, let m = Modality(rawValue: value) { return t.modality(m) }
        return value
    }

    /// Where the item's value of `field` comes from.
    func provenance(_ field: CorrectedField, _ detail: ItemDetail, _ t: Catalogue) -> Provenance {
        guard let last = detail.corrections.last(where: { $0.field == field }) else {
            return Provenance(text: t["provenance.machine"], corrected: false, review: false)
        }
        let review = last.needsReview(currentText: detail.item.text)
        return Provenance(text: t("provenance.corrected", ["author": last.author, "day": last.day]), corrected: true, review: review)
    }

    /// At most this many sentences, amounts and times of a very long item are listed.
    static let listLimit = 200

    /// An item's text with its amounts, times and abbreviations marked, as HTML. A very long
    /// item (a document that is one paragraph) is shown in its first part, with its lists cut
    /// short, so the page stays bounded; the document page has it all in parts.
    func annotated(_ detail: ItemDetail, glossary: [GlossaryEntry], _ t: Catalogue) -> (html: String, shortened: String?) {
        let item = detail.item
        let base = item.span.start
        let limit = options.documentPartLength
        let length = item.text.unicodeScalars.count
        let shown = length > limit ? String(item.text.unicodeScalars.prefix(limit)) : item.text
        let listLimit = Self.listLimit
        var shortened: String?
        if length > limit || detail.sentences.count > listLimit || detail.amounts.count > listLimit || detail.times.count > listLimit {
            shortened = t("item.shortened", [
                "length": String(length), "shown": String(min(length, limit)), "limit": String(listLimit),
                "sentences": String(detail.sentences.count), "amounts": String(detail.amounts.count), "times": String(detail.times.count),
            ])
        }
        var annotator = Annotator()
        for a in detail.amounts.prefix(listLimit) where a.span.end - base <= limit {
            annotator.add(a.span.start - base, a.span.end - base,
                          open: "<mark class=\"amount\" title=\"\(HTML.escape(amountValue(a, t)))\">", close: "</mark>")
        }
        for t in detail.times.prefix(listLimit) where t.span.end - base <= limit {
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
        return (annotator.render(shown), shortened)
    }

    /// An amount's value as read, with its qualifier ("up to", "at least"), in the visitor's language.
    func amountValue(_ a: StoredAmount, _ t: Catalogue) -> String {
        let value = a.kind == .money ? MoneySummary.formatted(a.value, a.unit, t.language) : "\(Int(a.value)) \(a.unit)"
        return a.qualifier.map { t("qualifier.\($0.rawValue)", ["amount": value]) } ?? value
    }
}

