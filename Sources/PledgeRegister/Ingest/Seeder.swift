import PledgeExtract
import PledgeSeed

/// The bundled documents as records ready to ingest into a new register.
public enum Seeder {
    public static func records() throws -> [DocumentRecord] {
        try Seed.all.map { seed in
            let source = try DocumentReader.read(path: seed.url.path)
            return try DocumentLoader.record(source, key: seed.key, label: seed.fileName)
        }
    }
}
