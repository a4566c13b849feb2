import Foundation
import PledgeExtract
import PledgeModel

/// Finds that two stored documents are one text in two languages, and pairs their items.
///
/// Two documents are versions of one text when they carry the same date, are in different
/// languages, and most items of the shorter one find a counterpart by what survives
/// translation (`Aligner.agreement`): amounts, dates, names and abbreviations agreeing. The
/// one stored first is the original; the other's paired items become texts of its
/// commitments. One implementation for every store: stores only record the pairs.
public enum Translations {
    /// The share of the shorter version's items that must find a counterpart by content.
    public static let agreement = 0.5

    /// A document found to translate another.
    public struct Pairing: Sendable, Equatable {
        public var translation: String
        public var original: String

        public init(translation: String, original: String) {
            self.translation = translation
            self.original = original
        }
    }

    /// Pairs `key` with its original or its translations after it was stored or revised.
    /// With `original`, the user says which document it translates (`--translation-of`).
    /// Of two documents found to be one text, the one stored first is the original. `reading`
    /// is the document's extraction where the caller has it, so that it is not read again.
    @discardableResult
    public static func pair(_ key: String, in register: any Register, original: String? = nil, reading: Extraction? = nil) async throws -> Pairing? {
        guard let document = try await register.document(key: key) else { throw RegisterError.documentNotFound(key) }
        if let original {
            guard original != key, var target = try await register.document(key: original) else {
                throw RegisterError.invalid("--translation-of: no other document \(original) in the register")
            }
            // A translation of a translation is a version of the same original.
            if let root = target.translationOf, let rootDocument = try await register.document(key: root) { target = rootDocument }
            guard target.language != document.language else {
                throw RegisterError.invalid(Explanation(
                    "translation.language", "{key} and {original} are both in {language}; a translation is in another language",
                    ["key": key, "original": target.key, "language": document.language.rawValue]))
            }
            try await pairItems(of: document, with: target, in: register, reading: reading)
            return Pairing(translation: key, original: target.key)
        }
        if let current = document.translationOf, let target = try await register.document(key: current) {
            try await pairItems(of: document, with: target, in: register, reading: reading)
            return Pairing(translation: key, original: target.key)
        }
        guard let date = document.date else { return nil }
        let sameDay = try await register.documents(dated: date)
        // An original revised: its translations are paired again.
        let translations = sameDay.filter { $0.translationOf == key }
        if !translations.isEmpty {
            for t in translations { try await pairItems(of: t, with: document, in: register, originalReading: reading) }
            return nil
        }
        let candidates = sameDay.filter { c in
            c.key != key && c.language != document.language && c.translationOf == nil
                && !sameDay.contains { $0.translationOf == c.key && $0.language == document.language }
        }
        guard !candidates.isEmpty, let mine = try await read(document, register, reading) else { return nil }
        var best: (document: StoredDocument, agreement: Double, read: Read)?
        for candidate in candidates {
            guard let theirs = try await read(candidate, register) else { continue }
            let agreement = Aligner.agreement(theirs.extraction, text: theirs.text, mine.extraction, text: mine.text)
            if agreement >= Self.agreement, agreement > best?.agreement ?? 0 { best = (candidate, agreement, theirs) }
        }
        guard let best else { return nil }
        let target = best.document
        if (target.ingestedAt, target.key) > (document.ingestedAt, document.key) {
            try await pairItems(of: target, with: document, in: register, reading: best.read.extraction, originalReading: mine.extraction)
            return Pairing(translation: target.key, original: key)
        }
        try await pairItems(of: document, with: target, in: register, reading: mine.extraction, originalReading: best.read.extraction)
        return Pairing(translation: key, original: target.key)
    }

    /// The other text of a document: its original, or its translation.
    public static func otherText(of key: String, in register: any Register) async throws -> StoredDocument? {
        guard let document = try await register.document(key: key) else { return nil }
        if let original = document.translationOf { return try await register.document(key: original) }
        guard let date = document.date else { return nil }
        return try await register.documents(dated: date).first { $0.translationOf == key }
    }

    /// Pairs every document stored before translations were found (`RegisterUpgrades`).
    public static func pairAll(in register: any Register) async throws -> Int {
        var paired = 0
        for document in try await register.documents() where document.translationOf == nil {
            // Only a document that is not an original already can be a translation.
            guard let current = try await register.document(key: document.key), current.translationOf == nil,
                  try await !register.documents(dated: document.date ?? "").contains(where: { $0.translationOf == document.key })
            else { continue }
            if try await pair(document.key, in: register) != nil { paired += 1 }
        }
        return paired
    }

    struct Read {
        var extraction: Extraction
        var text: String
    }

    /// A stored document read again (the register keeps items, not extractions), unless the
    /// caller has its extraction.
    static func read(_ document: StoredDocument, _ register: any Register, _ reading: Extraction? = nil) async throws -> Read? {
        guard let text = try await register.documentText(key: document.key) else { return nil }
        if let reading, reading.document.sha256 == document.sha256 { return Read(extraction: reading, text: text) }
        let options = ExtractionOptions(date: document.date.flatMap(Day.init(iso:)), language: document.language)
        guard let extraction = try? Extractor(options: options).extract(SourceDocument(name: document.key, text: text)) else { return nil }
        return Read(extraction: extraction, text: text)
    }

    /// Aligns the two texts and records the pairs, each extracted item found in the register by its span.
    static func pairItems(of translation: StoredDocument, with original: StoredDocument, in register: any Register,
                          reading: Extraction? = nil, originalReading: Extraction? = nil) async throws {
        guard let t = try await read(translation, register, reading), let o = try await read(original, register, originalReading) else { return }
        func ids(_ document: StoredDocument, _ read: Read) async throws -> [String: String] {
            var bySpan: [SourceSpan: String] = [:]
            for item in try await register.items(matching: ItemQuery(document: document.key)) { bySpan[item.span] = item.id }
            var out: [String: String] = [:]
            for item in read.extraction.items { if let id = bySpan[item.span] { out[item.id] = id } }
            return out
        }
        let originalIDs = try await ids(original, o), translationIDs = try await ids(translation, t)
        let pairs = Self.pairs(o.extraction, text: o.text, t.extraction, text: t.text, original: { originalIDs[$0] }, translation: { translationIDs[$0] })
        try await register.pairTranslation(translation.key, of: original.key, pairs: pairs)
    }

    /// The register's pairs of an original and its translation as the aligner pairs their
    /// readings, each extraction id (`i17`) given its register id by `original` and `translation`.
    static func pairs(_ o: Extraction, text oText: String, _ t: Extraction, text tText: String,
                      original: (String) -> String?, translation: (String) -> String?) -> [TranslationPair] {
        var pairs: [TranslationPair] = []
        var paired = Set<String>()
        for p in Aligner.align(o, text: oText, t, text: tText) {
            // An item of the translation states one commitment: the first it pairs with.
            guard let a = p.first.flatMap(original), let b = p.second.flatMap(translation), paired.insert(b).inserted else { continue }
            pairs.append(TranslationPair(translation: b, original: a))
        }
        return pairs
    }
}
