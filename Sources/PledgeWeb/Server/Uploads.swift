import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PledgeExtract
import PledgeModel
import PledgeRegister

/// What an upload asks besides its file: the options `pledge ingest` takes.
struct UploadOptions: Sendable {
    var key: String?
    var date: Day?
    var translationOf: String?

    /// From the fields `key`, `date` and `translation_of` of a query or a form; 400 for a bad one.
    init(key: String?, date: String?, translationOf: String?) throws {
        if let key, let problem = DocumentKey.problem(key) { throw WebError(.badRequest, problem) }
        if let date, Day(iso: date)?.iso != date {
            throw WebError(.badRequest, "upload.badDate", "date must be a date from 0001-01-01 to 9999-12-31 as YYYY-MM-DD, not '{value}'", ["value": date])
        }
        self.key = key
        self.date = date.flatMap(Day.init(iso:))
        self.translationOf = translationOf
    }

    init() {}
}

/// The kinds of file an upload may be: what `DocumentReader` reads.
enum UploadFormat: String, Sendable {
    case text = "text/plain"
    case html = "text/html"
    case pdf = "application/pdf"

    /// The format a `Content-Type` names, parameters aside; 415 for any other.
    init(contentType: String?) throws {
        let media = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        switch media {
        case "text/plain", "text/markdown": self = .text
        case "text/html", "application/xhtml+xml": self = .html
        case "application/pdf": self = .pdf
        default:
            throw WebError(.unsupportedMediaType, "send the document as text/plain, text/html or application/pdf, not '\(media.isEmpty ? "no type" : media)'")
        }
    }

    /// The format a file's first bytes show, for a form's file, whose type browsers guess.
    init(sniffing bytes: some Collection<UInt8>) {
        if bytes.starts(with: "%PDF-".utf8) {
            self = .pdf
        } else {
            let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
            self = head.contains("<html") || head.contains("<!doctype html") ? .html : .text
        }
    }

    var fileExtension: String {
        switch self {
        case .text: "txt"
        case .html: "html"
        case .pdf: "pdf"
        }
    }
}

/// Uploads read for a preview, waiting for the editor who sent them to confirm or cancel:
/// kept in this server's memory for `lifetime`, no more than `capacity` bytes of text in all,
/// the oldest forgotten first. A server that restarts forgets them; the editor uploads again.
actor PendingUploads {
    struct Upload: Sendable {
        var record: DocumentRecord
        var options: UploadOptions
        var owner: String
        var kept: Date
    }

    let lifetime: TimeInterval
    let capacity: Int
    private var uploads: [String: Upload] = [:]
    private var order: [String] = []

    init(lifetime: TimeInterval = 3600, capacity: Int = 128 << 20) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Keeps an upload and returns the id that finds it again.
    func keep(_ record: DocumentRecord, options: UploadOptions, owner: String, now: Date) -> String {
        forgetOld(now: now)
        let id = Gatekeeper.newNonce()
        uploads[id] = Upload(record: record, options: options, owner: owner, kept: now)
        order.append(id)
        while order.count > 1, order.map({ uploads[$0]?.record.text.utf8.count ?? 0 }).reduce(0, +) > capacity {
            uploads[order.removeFirst()] = nil
        }
        return id
    }

    /// The upload `id` of `owner`, removed: it is confirmed or cancelled once.
    func take(_ id: String, owner: String, now: Date) -> Upload? {
        forgetOld(now: now)
        guard let upload = uploads[id], upload.owner == owner else { return nil }
        uploads[id] = nil
        order.removeAll { $0 == id }
        return upload
    }

    private func forgetOld(now: Date) {
        while let first = order.first, let upload = uploads[first], now.timeIntervalSince(upload.kept) > lifetime {
            uploads[first] = nil
            order.removeFirst()
        }
    }
}

/// At most `count` uploads are read at once; the others wait their turn.
actor ReadingSlots {
    let count: Int
    private var busy = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { self.count = count }

    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        if busy < count {
            busy += 1
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
        defer { if waiting.isEmpty { busy -= 1 } else { waiting.removeFirst().resume() } }
        return try await work()
    }
}

/// What the register does with an upload, as the API answers it and the preview shows it.
struct UploadResult: Encodable, Sendable {
    /// The key it is (or would be) stored under.
    var key: String
    /// `new`, `revised` or `unchanged`.
    var change: String
    /// The commitments and other items the document holds.
    var items: Int
    var added: Int
    var changed: Int
    var withdrawn: Int
    /// Something to know, such as another key taken because the derived one held another document.
    var note: String?
    /// What the reading could not find and the editor may want to give.
    var warnings: [String]
    var dryRun: Bool
    /// What was read, item by item, and what a revision changes: a dry run's answer.
    var preview: UploadPreview?

    init(_ record: DocumentRecord, _ outcome: IngestOutcome, dryRun: Bool) {
        key = outcome.document
        change = Self.name(outcome.change)
        items = record.items.count
        added = outcome.added
        changed = outcome.changed
        withdrawn = outcome.withdrawn
        note = outcome.note
        warnings = Self.warningKeys(record).map { Self.englishWarnings[$0] ?? $0 }
        self.dryRun = dryRun
        preview = dryRun ? UploadPreview(record, outcome) : nil
    }

    static func name(_ change: IngestOutcome.Change) -> String {
        switch change {
        case .added: "new"
        case .revised: "revised"
        case .unchanged: "unchanged"
        }
    }

    /// What a reading that finds less than a document usually holds should tell its editor,
    /// as catalogue keys (`warning.…`): the preview page says it in the editor's language.
    static func warningKeys(_ record: DocumentRecord) -> [String] {
        var keys: [String] = []
        if record.items.isEmpty { keys.append("warning.noItems") }
        if record.info.date == nil { keys.append("warning.noDate") }
        if record.info.title == nil { keys.append("warning.noTitle") }
        if record.info.parties.isEmpty && record.items.allSatisfy({ $0.parties.isEmpty }) { keys.append("warning.noParties") }
        return keys
    }

    /// The API speaks English: the English catalogue's warnings, read once.
    static let englishWarnings: [String: String] = (try? Catalogue.load(.en).strings.filter { $0.key.hasPrefix("warning.") }) ?? [:]
}

/// What was read from an upload: the document, its sections and items with the values
/// they will be filtered on, and what a revision changes.
struct UploadPreview: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var section: String?
        var title: String?
        var text: String
        var modality: Modality
        var parties: [Party]
        var due: String?
        var amounts: [String]
    }

    var title: String?
    var date: String?
    var language: Language
    var parties: [Party]
    var sections: [String]
    var items: [Item]
    var changes: [ItemChange]

    init(_ record: DocumentRecord, _ outcome: IngestOutcome) {
        title = record.info.title
        date = record.info.date
        language = record.info.language
        parties = record.info.parties
        sections = record.sections.compactMap(\.heading)
        items = record.items.map {
            Item(section: $0.section, title: $0.title, text: $0.text, modality: $0.modality, parties: $0.parties, due: $0.due,
                 amounts: $0.amounts.map(\.text))
        }
        changes = outcome.changes
    }
}

extension WebApp {
    /// Reads an upload into a record, off the request's thread and a few at a time; 422 with
    /// the reason when it cannot be read.
    func readUpload(_ bytes: [UInt8], name: String, options upload: UploadOptions) async throws -> DocumentRecord {
        if let original = upload.translationOf, try await register.document(key: original) == nil {
            throw WebError(.unprocessableContent, "upload.original", "translation_of: no document {key} in the register", ["key": original])
        }
        let ingester = self.ingester(upload)
        return try await readingSlots.run {
            do {
                return try await ingester.read(bytes: bytes, name: name)
            } catch let error as LoadError {
                throw WebError(.unprocessableContent, Self.unreadable(error.problem))
            }
        }
    }

    func ingester(_ upload: UploadOptions) -> Ingester {
        Ingester(register: register, options: .init(key: upload.key, date: upload.date, translationOf: upload.translationOf))
    }

    /// `POST /api/v1/documents`: the body is the document; `?key=`, `?date=`,
    /// `?translation_of=` as `pledge ingest` takes them, and `?dry_run=1` to see what would
    /// be stored without storing it.
    func uploadFromAPI(_ request: Request) async throws -> Response {
        let visitor = try await gatekeeper.visitor(for: request)
        guard visitor.byToken else {
            throw WebError(.unauthorized, "adding documents through the API needs an API token: 'Authorization: Bearer TOKEN'",
                           headers: [.wwwAuthenticate: "Bearer"])
        }
        _ = try requireEditor(visitor, to: .addDocuments)
        let format = try UploadFormat(contentType: request.headers[.contentType])
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > options.uploadLimit {
            throw Self.tooLarge(options.uploadLimit)
        }
        let fields = FormFields(request.uri.query ?? "")
        let upload = try UploadOptions(key: fields.text("key"), date: fields.text("date"), translationOf: fields.text("translation_of"))
        let dryRun = ["1", "true", "yes"].contains(fields.text("dry_run")?.lowercased() ?? "0")
        let body: ByteBuffer
        do {
            body = try await Self.body(request, upTo: options.uploadLimit)
        } catch let error as WebError where error.status == .contentTooLarge {
            throw Self.tooLarge(options.uploadLimit)
        }
        guard body.readableBytes > 0 else { throw WebError(.unprocessableContent, "the request's body is empty: send the document") }
        let bytes = Array(buffer: body)
        if format == .pdf, !bytes.starts(with: "%PDF-".utf8) {
            throw WebError(.unprocessableContent, Self.unreadable(Explanation("upload.notPDF", "it is sent as application/pdf but is not a PDF")))
        }
        let name = Self.fileName(request.headers[.contentDisposition]) ?? "upload.\(format.fileExtension)"
        let record = try await readUpload(bytes, name: name, options: upload)
        if dryRun {
            return try Reply.json(UploadResult(record, try await register.preview(record), dryRun: true))
        }
        let outcome = try await ingester(upload).store(record)
        var response = try Reply.json(UploadResult(record, outcome, dryRun: false), status: outcome.change == .unchanged ? .ok : .created)
        response.headers[.location] = "/api/v1/documents/" + HTML.pathSegment(outcome.document)
        return response
    }

    static func tooLarge(_ limit: Int) -> WebError {
        WebError(
            .contentTooLarge, "upload.large", "the document is larger than this server accepts ({limit} MB; `pledge serve --upload-limit` sets it)",
            ["limit": "\(limit >> 20)"])
    }

    /// Why an upload could not be read. The reader's own reason is said in the visitor's
    /// language where it has a key, and in English otherwise.
    static func unreadable(_ problem: Explanation) -> Explanation {
        Explanation("upload.unreadable", "the document could not be read: {reason}", because: problem)
    }

    /// The file name a `Content-Disposition` gives, its last path component, or `nil`.
    static func fileName(_ disposition: String?) -> String? {
        guard let disposition, let range = disposition.range(of: "filename=") else { return nil }
        var name = disposition[range.upperBound...].prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { !$0.properties.generalCategory.isControl }.prefix(200).map(Character.init))
        return clean.isEmpty ? nil : clean
    }
}

extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format || self == .lineSeparator || self == .paragraphSeparator }
}
