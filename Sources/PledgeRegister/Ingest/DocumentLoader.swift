import PledgeExtract
import PledgeModel

/// A file that could not be turned into a record, named for the message a user sees.
public struct LoadError: Error, CustomStringConvertible {
    public var file: String
    public var problem: Explanation
    public var description: String { "\(file): \(problem)" }
}

/// Reads a file and runs the extraction: everything an ingest needs before it touches the store.
public enum DocumentLoader {
    public static func load(path: String, key: String? = nil, date: Day? = nil, language: Language? = nil, parties: [Party]? = nil) throws -> DocumentRecord {
        let source: SourceDocument
        do {
            source = try DocumentReader.read(path: path)
        } catch {
            throw LoadError(file: path, problem: error.problem)
        }
        return try record(source, key: key, date: date, language: language, parties: parties, label: path)
    }

    /// Reads a document sent whole, such as an upload, named `name` in messages and as its source.
    public static func load(bytes: [UInt8], name: String, key: String? = nil, date: Day? = nil, language: Language? = nil, parties: [Party]? = nil) throws -> DocumentRecord {
        let source: SourceDocument
        do {
            source = try DocumentReader.read(bytes: bytes, name: name)
        } catch {
            throw LoadError(file: name, problem: error.problem)
        }
        return try record(source, key: key, date: date, language: language, parties: parties, label: name)
    }

    public static func record(
        _ source: SourceDocument, key: String?, date: Day? = nil, language: Language? = nil, parties: [Party]? = nil, label: String
    ) throws -> DocumentRecord {
        let extraction: Extraction
        do {
            extraction = try Extractor(options: ExtractionOptions(date: date, language: language, parties: parties)).extract(source)
        } catch .unsupportedLanguage(let language) {
            throw LoadError(file: label, problem: Explanation(
                "read.language", "no extraction rules for language '{language}' yet", ["language": language.rawValue]))
        }
        let name = label.split(separator: "/").last.map(String.init) ?? label
        var record = DocumentRecord(
            key: key ?? DocumentKey.derive(info: extraction.document, fileName: name), source: name, text: source.text,
            extraction: extraction)
        record.keyIsChosen = key != nil
        return record
    }
}
