import PledgeExtract
import PledgeSeed

/// The bundled documents as records ready to ingest into a new register.
public enum Seeder {
    /// Loads the bundled documents into a new register, paired and linked as an ingest pairs
    /// and links them, from the readings in hand. A new register has nothing stored before
    /// these, so the upgrades that pair and link older registers' documents are done.
    public static func seed(_ register: any Register, documents: Bool) async throws {
        if documents {
            let records = try records()
            let cache = DocumentLinks.Cache()
            for record in records { _ = try await register.ingest(record) }
            for record in records {
                try await Translations.pair(record.key, in: register, reading: record.extraction)
                try await DocumentLinks.link(record, in: register, cache: cache)
            }
        }
        let pending = try await register.pendingUpgrades()
        for upgrade in ["translations", "links"] where pending.contains(upgrade) { try await register.finishUpgrade(upgrade) }
    }

    public static func records() throws -> [DocumentRecord] {
        try Seed.all.map { seed in
            let source = try DocumentReader.read(path: seed.url.path)
            return try DocumentLoader.record(source, key: seed.key, label: seed.fileName)
        }
    }
}
