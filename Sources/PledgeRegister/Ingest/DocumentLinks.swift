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
    /// A name more documents than this use is not looked up: it names a theme or a body
    /// every statement mentions, not an initiative.
    public static let commonName = 20
    /// Documents compared with each new one.
    public static let candidates = 3
    /// How many documents a store keeps for one name: enough to find every user of a name
    /// that is not common, and to see that one is (more than `commonName` others). Beyond
    /// that, a common name's rows would only cost every ingest a write in a large index.
    /// (When a document keeping a common name is revised without it, the name may look less
    /// common than it is; it still finds only documents that use it.)
    public static let usersKept = commonName + 2

    /// Documents recently read for linking, so that a run of ingests does not read the same
    /// stored documents again for each new one.
    public actor Cache {
        private var entries: [(key: String, sha256: String, prepared: Linker.Prepared)] = []
        private let capacity: Int
        /// Names found common: more documents use them with each ingest, never fewer but for
        /// a removal, so a run of ingests need not look them up again.
        private(set) var common = Set<String>()

        func addCommon(_ names: [String]) { common.formUnion(names) }

        public init(capacity: Int = 32) { self.capacity = capacity }

        func get(_ key: String, sha256: String) -> Linker.Prepared? {
            entries.first { $0.key == key && $0.sha256 == sha256 }?.prepared
        }

        func put(_ key: String, sha256: String, _ prepared: Linker.Prepared) {
            entries.removeAll { $0.key == key }
            entries.append((key, sha256, prepared))
            if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        }
    }

    /// Links `record`, just stored, and returns how many links it has.
    @discardableResult
    /// `fresh`: the document was just added, so no link can involve it yet. `namesStored`: its
    /// names were stored with it, as an ingest stores them; not so for documents stored before.
    public static func link(_ record: DocumentRecord, in register: any Register, cache: Cache = Cache(), fresh: Bool = false,
                            namesStored: Bool = true) async throws -> Int {
        let key = record.key
        guard let stored = try await register.document(key: key) else { return 0 }
        if !namesStored { try await register.recordNames(record.linkNames, of: key) }
        let known = await cache.common
        let lookUp = record.linkNames.filter { !known.contains($0) }
        // Once every name it uses is known to be common, nothing is left to find it a match.
        let found = lookUp.isEmpty
            ? LinkCandidates(documents: [], common: [])
            : try await register.linkCandidates(for: key, lookUp: lookUp, common: commonName, limit: candidates + 2)
        await cache.addCommon(found.common)
        // A document's own translation states the same items: those are pairs, not links.
        let other = found.documents.isEmpty ? nil : try await Translations.otherText(of: key, in: register)?.key
        let compared = found.documents.filter { $0 != other && $0 != key }
        guard !compared.isEmpty else {
            if !fresh { try await register.replaceLinks(of: key, with: []) }
            return 0
        }
        let minePrepared = Linker.Prepared(Linker.Document(record.extraction, text: record.text))
        await cache.put(key, sha256: record.info.sha256, minePrepared)
        let myIDs = try await registerIDs(of: key, register)
        var links: [StoredLink] = []
        for candidateKey in compared.prefix(candidates) {
            guard let candidate = try await register.document(key: candidateKey) else { continue }
            let document: Linker.Prepared
            if let cached = await cache.get(candidateKey, sha256: candidate.sha256) {
                document = cached
            } else {
                guard let theirs = try await Translations.read(candidate, register) else { continue }
                document = Linker.Prepared(Linker.Document(theirs.extraction, text: theirs.text))
                await cache.put(candidateKey, sha256: candidate.sha256, document)
            }
            let theirIDs = try await registerIDs(of: candidateKey, register)
            // Links run from the later document, so that progress points back at the commitment.
            let laterFirst = (stored.date ?? "") >= (candidate.date ?? "")
            let found = laterFirst ? Linker.link(from: minePrepared, to: document) : Linker.link(from: document, to: minePrepared)
            for l in found {
                let (fromIDs, toIDs) = laterFirst ? (myIDs, theirIDs) : (theirIDs, myIDs)
                guard let from = fromIDs[l.from], let to = toIDs[l.to] else { continue }
                links.append(StoredLink(from: from, to: to, relation: l.relation.rawValue, score: l.score, evidence: l.evidence))
            }
        }
        try await register.replaceLinks(of: key, with: links)
        return links.count
    }

    /// The register's id of each item by the id its extraction gives it (`i17`), which the
    /// register keeps for the current version of its document.
    static func registerIDs(of key: String, _ register: any Register) async throws -> [String: String] {
        var out: [String: String] = [:]
        for item in try await register.items(matching: ItemQuery(document: key)) { out["i\(item.ordinal + 1)"] = item.id }
        return out
    }
}
