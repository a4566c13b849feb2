import PledgeExtract
import PledgeModel

/// A later document's report that an earlier commitment was begun or done, offered to an
/// editor on the commitment's page: the status it suggests, a note quoting the report, and the
/// later document as evidence. Nothing is recorded until an editor accepts it (an event that
/// names it) or dismisses it.
public struct Suggestion: Sendable, Codable, Equatable {
    /// Stable for one report of one commitment (`Suggestions.id`).
    public var id: String
    /// The commitment it is for: the id that holds its history.
    public var item: String
    /// `in_the_works` or `kept`.
    public var status: Status
    /// What an accepted suggestion records as its note: the report, quoted.
    public var note: String
    /// The later document's address when it was read from one.
    public var evidenceURL: String?
    public var evidenceTitle: String
    /// The later document's date, when the report was made.
    public var date: String?
    /// The later item that reports it, its document and the sentence that says so.
    public var reportItem: String
    public var reportDocument: String
    public var sentence: String
    /// The words of the sentence that report it (`signed`, `開催された`).
    public var cue: String

    public init(id: String, item: String, status: Status, note: String, evidenceURL: String?, evidenceTitle: String, date: String?,
                reportItem: String, reportDocument: String, sentence: String, cue: String) {
        self.id = id
        self.item = item
        self.status = status
        self.note = note
        self.evidenceURL = evidenceURL
        self.evidenceTitle = evidenceTitle
        self.date = date
        self.reportItem = reportItem
        self.reportDocument = reportDocument
        self.sentence = sentence
        self.cue = cue
    }

    /// The event an editor records by accepting it, on the version of the commitment they saw.
    public func event(author: String, expectedVersion: Int?, today: String) -> NewEvent {
        NewEvent(status: status, note: note, evidenceURL: evidenceURL, evidenceTitle: evidenceTitle, date: date ?? today,
                 author: author, expectedVersion: expectedVersion, suggestion: id)
    }
}

/// What an editor did with a suggestion: accepted (with the event it became) or dismissed.
/// Kept like events, so a dismissed suggestion is not offered again.
public struct SuggestionDecision: Sendable, Codable, Equatable {
    public enum Decision: String, Sendable, Codable { case accepted, dismissed }

    /// The commitment, by the id that holds its history.
    public var item: String
    public var suggestion: String
    public var decision: Decision
    public var author: String
    public var decidedAt: String

    public init(item: String, suggestion: String, decision: Decision, author: String, decidedAt: String) {
        self.item = item
        self.suggestion = suggestion
        self.decision = decision
        self.author = author
        self.decidedAt = decidedAt
    }
}

/// Finds suggestions for a commitment among the later documents linked to it (`DocumentLinks`),
/// one implementation for every store.
public enum Suggestions {
    /// The suggestions on offer for the commitment `id` (either of its texts' ids): one for each
    /// later item linked to it whose sentences report it begun or done (`ProgressCue`), leaving
    /// out those an editor decided and those that would not move its status on.
    public static func of(_ id: String, in register: any Register) async throws -> [Suggestion] {
        guard let detail = try await register.item(id: id) else { throw RegisterError.itemNotFound(id) }
        let commitment = detail.item.commitment
        // A kept commitment has nowhere to go; a decided suggestion is not offered again.
        guard detail.item.status != .kept else { return [] }
        let decided = Set(try await register.suggestionDecisions(item: commitment).map(\.suggestion))
        var documents: [String: StoredDocument] = [:]
        func document(_ key: String) async throws -> StoredDocument? {
            if let known = documents[key] { return known }
            documents[key] = try await register.document(key: key)
            return documents[key]
        }
        var texts: [(text: String, language: Language)] = []
        for t in [detail.item] + detail.versions.map(\.item) {
            if let d = try await document(t.document) { texts.append((t.text, d.language)) }
        }
        var out: [Suggestion] = []
        var seen = Set<String>()
        for link in detail.followUps {
            // Both texts of a later document may link: one suggestion a reported commitment.
            guard let report = try await register.item(id: link.from), seen.insert(report.item.commitment).inserted,
                  let later = try await document(report.item.document)
            else { continue }
            let suggestionID = Self.id(report: report.item.commitment, commitment: commitment)
            guard !decided.contains(suggestionID) else { continue }
            guard let (sentence, cue) = report.sentences.lazy.compactMap({ s in
                ProgressCue.find(in: s.text, language: later.language).map { (s.text, $0) }
            }).first else { continue }
            // The commitment in the report's language where it has that text.
            let promise = texts.first { $0.language == later.language } ?? texts.first ?? (detail.item.text, later.language)
            let status: Status = cue.stage(promise: promise.text, language: promise.language) == .done ? .kept : .in_the_works
            guard status != detail.item.status else { continue }
            let title = later.title ?? later.key
            out.append(Suggestion(
                id: suggestionID, item: commitment, status: status,
                note: "Reported in \(title)\(later.date.map { " (\($0))" } ?? ""): “\(sentence)”",
                evidenceURL: EvidenceURL.isWebAddress(later.source) ? later.source : nil,
                evidenceTitle: title, date: later.date, reportItem: report.item.id, reportDocument: later.key,
                sentence: sentence, cue: cue.text))
        }
        return out
    }

    /// The suggestion a commitment has from one later item: a short stable name, the same on
    /// every server and after an export, made from the two ids (64-bit FNV-1a).
    public static func id(report: String, commitment: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (report + ">" + commitment).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "s" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
