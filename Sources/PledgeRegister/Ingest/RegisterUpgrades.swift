import Foundation
import PledgeExtract
import PledgeModel

/// Upgrades that read stored documents again with this version's extractor, run when a
/// register is opened after the schema migration that asked for them. One implementation
/// for every store: the stores only keep the list of pending upgrades and apply readings.
public enum RegisterUpgrades {
    /// What an upgrade changed, for the person who opened the register.
    public struct Report: Sendable, Equatable {
        public var documents = 0
        public var items = 0
        /// Items left as they were because their text no longer reads the same way (their
        /// document was read with an older segmentation).
        public var unmatched = 0
    }

    /// `parties`: registers made before parties were countries hold `OTHER` for every party
    /// that was neither Japan nor the United States, and their fiscal-year due dates assume
    /// Japan's year. Every document is read again from its stored text; items whose span and
    /// text are unchanged take the new parties and due dates. Tracking is untouched.
    public static func run(_ register: any Register) async throws -> Report? {
        guard try await register.pendingUpgrades().contains("parties") else { return nil }
        var report = Report()
        for document in try await register.documents() {
            guard let text = try await register.documentText(key: document.key) else { continue }
            let options = ExtractionOptions(date: document.date.flatMap(Day.init(iso:)), language: document.language)
            guard let extraction = try? Extractor(options: options).extract(SourceDocument(name: document.key, text: text)) else { continue }
            let record = DocumentRecord(key: document.key, source: document.source, text: text, extraction: extraction)
            var fresh: [SpanKey: ItemRecord] = [:]
            for item in record.items { fresh[SpanKey(item.span)] = item }
            var readings: [ItemReading] = []
            for stored in try await register.items(matching: ItemQuery(document: document.key, includeWithdrawn: true)) {
                guard let item = fresh[SpanKey(stored.span)], item.text == stored.text, let detail = try await register.item(id: stored.id) else {
                    report.unmatched += 1
                    continue
                }
                let reading = ItemReading(
                    id: stored.id, parties: item.parties, sentences: item.sentences.map { ($0.span, $0.parties) }, due: item.due,
                    times: item.times.map { ($0.span, $0.due) })
                let current = ItemReading(
                    id: stored.id, parties: stored.parties, sentences: detail.sentences.map { ($0.span, $0.parties) }, due: stored.due,
                    times: detail.times.map { ($0.span, $0.due) })
                if reading != current { readings.append(reading) }
            }
            if !readings.isEmpty {
                try await register.reread(readings)
                report.documents += 1
                report.items += readings.count
            }
        }
        try await register.finishUpgrade("parties")
        return report
    }

    struct SpanKey: Hashable {
        let start: Int, end: Int
        init(_ span: SourceSpan) { start = span.start; end = span.end }
    }
}

extension RegisterUpgrades {
    /// `translations`: registers made before translations were recognised hold a document and
    /// its translation as two documents. Each pair found is joined, and where both texts of a
    /// commitment had tracking, their histories merge in time order.
    public static func runTranslations(_ register: any Register) async throws -> Int? {
        guard try await register.pendingUpgrades().contains("translations") else { return nil }
        let paired = try await Translations.pairAll(in: register)
        try await register.finishUpgrade("translations")
        return paired
    }
}

extension RegisterUpgrades {
    /// `links`: documents stored before items were linked across documents (or by a path that
    /// does not link, such as the bundled seed) are read again, oldest first, and linked as an
    /// ingest links them (`DocumentLinks`).
    public static func runLinks(_ register: any Register) async throws -> Int? {
        guard try await register.pendingUpgrades().contains("links") else { return nil }
        var linked = 0
        let cache = DocumentLinks.Cache()
        for document in try await register.documents() {
            guard let read = try await Translations.read(document, register) else { continue }
            let record = DocumentRecord(key: document.key, source: document.source, text: read.text, extraction: read.extraction)
            linked += try await DocumentLinks.link(record, in: register, cache: cache, namesStored: false)
        }
        try await register.finishUpgrade("links")
        return linked
    }
}

extension Register {
    /// Runs the pending upgrades, saying on stderr what one changed: the person who opened
    /// the register should know that parties were read again.
    public func upgrade() async throws {
        let paired = try await RegisterUpgrades.runTranslations(self)
        _ = try await RegisterUpgrades.runLinks(self)
        if let paired, paired > 0, try await !events().isEmpty {
            FileHandle.standardError.write(Data(
                "pledge: \(paired) documents found to be translations of others; each paired item is now one commitment with one history\n".utf8))
        }
        guard let report = try await RegisterUpgrades.run(self), report.items > 0 || report.unmatched > 0 else { return }
        var note = "pledge: parties read again as countries: \(report.items) items in \(report.documents) documents updated, tracking kept"
        if report.unmatched > 0 { note += "; \(report.unmatched) items read differently now were left as they were" }
        FileHandle.standardError.write(Data((note + "\n").utf8))
    }
}
