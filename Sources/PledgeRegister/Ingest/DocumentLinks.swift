import Foundation
import PledgeExtract
import PledgeModel

/// Links a stored document's items to the items of the documents already stored that
/// concern the same initiatives (`Linker`), one implementation for every store.
///
/// The documents to compare with are found by the names the document uses (abbreviations
/// and other Latin capitals: FMCT, IPMDA, DICAS), through an index of each document's names
/// kept by the store: the few documents that share the most of them, leaving out names so
/// common they identify nothing. Comparing with a handful of documents, not all, keeps an
/// ingest into a 10,000-document register as fast as into an empty one.
public enum DocumentLinks {
    /// A name more documents than this use is not looked up.
    public static let commonName = 100
    /// Documents compared with each new one.
    public static let candidates = 4

    /// Links `record`, just stored, and returns how many links it has.
    @discardableResult
    public static func link(_ record: DocumentRecord, in register: any Register) async throws -> Int {
        let key = record.key
        guard let stored = try await register.document(key: key) else { return 0 }
        let mine = Linker.Document(record.extraction, text: record.text)
        let found = try await register.linkCandidates(for: key, names: Linker.names(mine).sorted(), common: commonName, limit: candidates + 2)
        // A document's own translation states the same items: those are pairs, not links.
        let other = try await Translations.otherText(of: key, in: register)?.key
        let myIDs = try await registerIDs(of: key, record.extraction, register)
        var links: [StoredLink] = []
        for candidateKey in found.filter({ $0 != other && $0 != key }).prefix(candidates) {
            guard let candidate = try await register.document(key: candidateKey),
                  let theirs = try await Translations.read(candidate, register) else { continue }
            let theirIDs = try await registerIDs(of: candidateKey, theirs.extraction, register)
            let document = Linker.Document(theirs.extraction, text: theirs.text)
            // Links run from the later document, so that progress points back at the commitment.
            let laterFirst = (stored.date ?? "") >= (candidate.date ?? "")
            let found = laterFirst ? Linker.link(from: mine, to: document) : Linker.link(from: document, to: mine)
            for l in found {
                let (fromIDs, toIDs) = laterFirst ? (myIDs, theirIDs) : (theirIDs, myIDs)
                guard let from = fromIDs[l.from], let to = toIDs[l.to] else { continue }
                links.append(StoredLink(from: from, to: to, relation: l.relation.rawValue, score: l.score, evidence: l.evidence))
            }
        }
        try await register.replaceLinks(of: key, with: links)
        return links.count
    }

    /// The register's id of each extracted item, found by its span.
    static func registerIDs(of key: String, _ x: Extraction, _ register: any Register) async throws -> [String: String] {
        var bySpan: [SourceSpan: String] = [:]
        for item in try await register.items(matching: ItemQuery(document: key)) { bySpan[item.span] = item.id }
        var out: [String: String] = [:]
        for item in x.items { if let id = bySpan[item.span] { out[item.id] = id } }
        return out
    }
}
