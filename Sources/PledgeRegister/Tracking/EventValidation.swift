import PledgeModel
import Foundation
import PledgeExtract

/// What every store checks before it records an event.
public enum EventValidation {
    public static func check(_ event: NewEvent) throws {
        guard Day(iso: event.date) != nil else {
            throw RegisterError.invalid(Explanation("event.date", "the event's date must be a calendar date as YYYY-MM-DD, not '{value}'", ["value": event.date]))
        }
        guard !event.author.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegisterError.invalid("an event needs an author")
        }
        if let url = event.evidenceURL { try EvidenceURL.check(url) }
        if let suggestion = event.suggestion { try SuggestionName.check(suggestion) }
        // SQLite would cut a text at NUL and PostgreSQL refuses it: both stores refuse it here.
        for (name, text) in [("note", event.note), ("evidence title", event.evidenceTitle), ("author", event.author)] {
            if let text, text.unicodeScalars.contains("\0") { throw RegisterError.invalid(Explanation("event.nul", "the event's {field} holds a NUL character", ["field": name])) }
        }
    }
}

/// Evidence links are shown to every reader, so only web addresses are accepted:
/// `javascript:`, `data:` and the like would run in a reader's browser.
public enum EvidenceURL {
    public static func check(_ text: String) throws {
        guard isWebAddress(text) else { throw RegisterError.invalid(Explanation("event.evidence", "evidence must be an http or https address, not '{value}'", ["value": text])) }
    }

    public static func isWebAddress(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty
        else { return false }
        return true
    }
}

/// A suggestion's name as `Suggestions.id` makes it: `s` and 16 hex digits.
public enum SuggestionName {
    public static func check(_ text: String) throws {
        let digits = text.utf8.dropFirst()
        guard text.utf8.first == UInt8(ascii: "s"), digits.count == 16,
              digits.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { throw RegisterError.invalid("a suggestion is named by s and 16 hex digits, not '\(text)'") }
    }
}
