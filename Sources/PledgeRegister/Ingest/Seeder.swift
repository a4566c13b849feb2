import PledgeExtract
import PledgeSeed

/// The bundled documents as records ready to ingest into a new register.
public enum Seeder {
    /// Loads the bundled documents into a new register, paired and linked as an ingest pairs
    /// and links them. A new register has nothing stored before these, so the upgrades that
    /// pair and link older registers' documents are done.
    public static func seed(_ register: any Register, documents: Bool) async throws {
        if documents {
            let reading = try reading.get()
            let cache = DocumentLinks.Cache()
            for record in reading.records { _ = try await register.ingest(record) }
            for (translation, original, pairs) in reading.translations {
                try await register.pairTranslation(translation, of: original, pairs: pairs)
            }
            for record in reading.records { try await DocumentLinks.link(record, in: register, cache: cache, fresh: true) }
        }
        let pending = try await register.pendingUpgrades()
        for upgrade in ["translations", "links"] where pending.contains(upgrade) { try await register.finishUpgrade(upgrade) }
    }

    public static func records() throws -> [DocumentRecord] { try reading.get().records }

    /// The bundled documents read, and each translation's items paired with its original's.
    struct Reading: Sendable {
        var records: [DocumentRecord]
        var translations: [(translation: String, original: String, pairs: [TranslationPair])]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Read once for every register a process seeds (a server's tests open hundreds): the
    /// bundled texts never change, and a new register numbers a document's items as its
    /// reading does (`i17` is `KEY#17`), so the pairs hold for every one of them.
    static let reading: Result<Reading, Failure> = {
        do {
            let records = try Seed.all.map { seed in
                let source = try DocumentReader.read(path: seed.url.path)
                return try DocumentLoader.record(source, key: seed.key, label: seed.fileName)
            }
            var translations: [(String, String, [TranslationPair])] = []
            // The first of each date is the original, as `Translations.pair` decides for documents stored in turn.
            for (n, t) in records.enumerated() {
                guard let o = records[..<n].first(where: { $0.info.date == t.info.date && $0.info.language != t.info.language })
                else { continue }
                func registerID(_ key: String) -> (String) -> String? {
                    { id in Int(id.dropFirst()).map { ItemID.make(document: key, number: $0) } }
                }
                let pairs = Translations.pairs(o.extraction, text: o.text, t.extraction, text: t.text,
                                               original: registerID(o.key), translation: registerID(t.key))
                translations.append((t.key, o.key, pairs))
            }
            return .success(Reading(records: records, translations: translations))
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }()
}
