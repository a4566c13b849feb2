import PledgeModel

extension RegisterArchive {
    /// Checks an archive as strictly as the API checks a write, before a store reads any of
    /// it: the format, every key, id, date, span and evidence address, and each item's events
    /// in version order. The first problem found refuses the whole archive, named.
    public func validate() throws {
        try checkFormat()
        var itemVersions: [String: Int] = [:]
        var keys: Set<String> = []
        for (d, entry) in documents.enumerated() {
            let document = entry.document
            let place = "document \(d + 1) ('\(Self.shown(document.key))')"
            try Self.checkIdentifier(document.key, "\(place): its key")
            guard keys.insert(document.key).inserted else { throw invalid("\(place): the key appears twice") }
            try Self.checkDay(document.date, "\(place): its date")
            try Self.checkText(document.title, "\(place): its title")
            let length = entry.text.unicodeScalars.count
            guard !entry.text.unicodeScalars.contains("\0") else { throw invalid("\(place): its text holds a NUL character") }
            for section in entry.sections {
                try Self.checkSpan(section.span, length, "\(place), section \(Self.shown(section.id))")
            }
            for term in entry.terms { try Self.checkSpan(term.span, length, "\(place), glossary entry \(Self.shown(term.short))") }
            for archived in entry.items {
                let item = archived.item
                let here = "\(place), item '\(Self.shown(item.id))'"
                guard item.document == document.key, item.id == "\(document.key)#\(item.number)", item.number >= 1 else {
                    throw invalid("\(here): an item id is its document's key, '#' and its number")
                }
                guard itemVersions[item.id] == nil else { throw invalid("\(here): the id appears twice") }
                guard item.version >= 1 else { throw invalid("\(here): its version must be 1 or more") }
                itemVersions[item.id] = item.version
                try Self.checkSpan(item.span, length, here)
                try Self.checkDay(item.due, "\(here): its due date")
                try Self.checkText(item.title, "\(here): its title")
                try Self.checkText(item.text, "\(here): its text")
                for sentence in archived.sentences { try Self.checkSpan(sentence.span, length, "\(here), a sentence") }
                for amount in archived.amounts {
                    try Self.checkSpan(amount.span, length, "\(here), amount '\(Self.shown(amount.text))'")
                    guard amount.value.isFinite else { throw invalid("\(here), amount '\(Self.shown(amount.text))': its value is not a number") }
                }
                for time in archived.times {
                    try Self.checkSpan(time.span, length, "\(here), time '\(Self.shown(time.text))'")
                    try Self.checkDay(time.due, "\(here), time '\(Self.shown(time.text))': its due date")
                }
            }
        }
        // A translated document names a stored original, and each translated item an item of it
        // that is not itself a translation.
        let documentsByKey = Dictionary(documents.map { ($0.document.key, $0.document) }, uniquingKeysWith: { a, _ in a })
        let itemsByID = Dictionary(documents.flatMap(\.items).map { ($0.item.id, $0.item) }, uniquingKeysWith: { a, _ in a })
        let tracked = Set(events.map(\.item))
        for entry in documents {
            let place = "document '\(Self.shown(entry.document.key))'"
            if let original = entry.document.translationOf {
                guard let o = documentsByKey[original], original != entry.document.key, o.translationOf == nil else {
                    throw invalid("\(place): it translates '\(Self.shown(original))', which is not an original document in the archive")
                }
            }
            for archived in entry.items {
                guard let counterpart = archived.item.counterpart else { continue }
                guard let original = entry.document.translationOf, let o = itemsByID[counterpart], o.document == original,
                      o.counterpart == nil
                else {
                    throw invalid("\(place), item '\(Self.shown(archived.item.id))': its counterpart '\(Self.shown(counterpart))' is not an item of the document it translates")
                }
                guard !tracked.contains(archived.item.id) else {
                    throw invalid("\(place), item '\(Self.shown(archived.item.id))': a translated item's history is its counterpart's")
                }
            }
        }
        // Each item's events raise its version one at a time, in the order they were recorded.
        var lastVersion: [String: Int] = [:]
        var lastSequence: Int64 = 0
        for event in events {
            let here = "event \(event.sequence) on '\(Self.shown(event.item))'"
            guard let itemVersion = itemVersions[event.item] else { throw invalid("\(here): no item of that id in the archive") }
            guard event.sequence > lastSequence else { throw invalid("\(here): events must be in the order they were recorded") }
            lastSequence = event.sequence
            guard event.version > lastVersion[event.item, default: 0], event.version <= itemVersion else {
                throw invalid("\(here): version \(event.version) does not follow the item's earlier events (versions rise, up to the item's \(itemVersion))")
            }
            lastVersion[event.item] = event.version
            do {
                try EventValidation.check(NewEvent(
                    status: event.status, note: event.note, evidenceURL: event.evidenceURL, evidenceTitle: event.evidenceTitle,
                    date: event.date, author: event.author))
            } catch let error as RegisterError {
                throw invalid("\(here): \(error.description)")
            }
            guard Timestamp.isValid(event.recordedAt) else { throw invalid("\(here): recordedAt is not a timestamp") }
        }
        // A decision is on a commitment in the archive, once for each suggestion.
        var decided = Set<String>()
        for (n, d) in decisions.enumerated() {
            let here = "decision \(n + 1) on '\(Self.shown(d.item))'"
            guard let item = itemsByID[d.item], item.counterpart == nil else { throw invalid("\(here): no commitment of that id in the archive") }
            do { try SuggestionName.check(d.suggestion) } catch let error as RegisterError { throw invalid("\(here): \(error.description)") }
            guard decided.insert(d.item + " " + d.suggestion).inserted else { throw invalid("\(here): the suggestion is decided twice") }
            guard !d.author.trimmingCharacters(in: .whitespaces).isEmpty, !d.author.unicodeScalars.contains("\0") else {
                throw invalid("\(here): it needs an author")
            }
            guard Timestamp.isValid(d.decidedAt) else { throw invalid("\(here): decidedAt is not a timestamp") }
        }
        // A correction is of an item in the archive, in the order corrections were made.
        var lastCorrection: Int64 = 0
        for c in corrections {
            let here = "correction \(c.sequence) on '\(Self.shown(c.item))'"
            guard itemVersions[c.item] != nil else { throw invalid("\(here): no item of that id in the archive") }
            guard c.sequence > lastCorrection else { throw invalid("\(here): corrections must be in the order they were made") }
            lastCorrection = c.sequence
            guard c.version >= 1, c.field.isAmount == (c.amount.map { $0 >= 0 } ?? false) else {
                throw invalid("\(here): its version or amount is not one a correction can have")
            }
            for (name, text) in [("note", c.note), ("author", c.author)] where text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw invalid("\(here): it needs a \(name)")
            }
            for text in [c.note, c.author, c.before, c.after, c.sourceText] { try Self.checkText(text, here) }
            guard Timestamp.isValid(c.recordedAt) else { throw invalid("\(here): recordedAt is not a timestamp") }
        }
    }

    private func invalid(_ why: String) -> RegisterError { .invalid("the archive cannot be imported: \(why)") }

    static func checkIdentifier(_ text: String, _ what: String) throws {
        guard !text.isEmpty, text.count <= 200, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "#" })
        else {
            throw RegisterError.invalid("the archive cannot be imported: \(what) must be 1 to 200 characters without '#' or control characters")
        }
    }

    static func checkDay(_ text: String?, _ what: String) throws {
        guard let text else { return }
        guard let day = Day(iso: text), day.iso == text else {
            throw RegisterError.invalid("the archive cannot be imported: \(what) '\(shown(text))' is not a date from 0001-01-01 to 9999-12-31 as YYYY-MM-DD")
        }
    }

    static func checkText(_ text: String?, _ what: String) throws {
        guard let text, text.unicodeScalars.contains("\0") else { return }
        throw RegisterError.invalid("the archive cannot be imported: \(what) holds a NUL character")
    }

    static func checkSpan(_ span: SourceSpan, _ length: Int, _ what: String) throws {
        guard 0 <= span.start, span.start <= span.end, span.end <= length else {
            throw RegisterError.invalid("the archive cannot be imported: \(what): span \(span.start)–\(span.end) lies outside the document's text (\(length) characters)")
        }
    }

    /// Untrusted text in a message: control characters shown as `?`, and not too long.
    static func shown(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.prefix(80).map { $0.properties.generalCategory == .control ? "?" : $0 }))
        return text.unicodeScalars.count > 80 ? cleaned + "…" : cleaned
    }
}
