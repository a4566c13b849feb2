import Foundation
import HTTPTypes
import Hummingbird
import MultipartKit
import NIOCore
import PledgeRegister

/// The add-document pages: a form that sends a file or a pasted text, a preview of what was
/// read, and the editor's decision to store it or set it aside.
extension WebApp {
    func addUploadPages(to book: inout RouteBook) {
        let app = self
        book.get("/documents/new") { request, _ in
            let visitor = try await app.gatekeeper.visitor(for: request)
            guard visitor.user != nil else { return Reply.redirect("/signin?next=%2Fdocuments%2Fnew") }
            _ = try app.requireEditor(visitor, to: .addDocuments)
            return app.pages.addDocumentForm(visitor: visitor, csrf: visitor.nonce.map(app.gatekeeper.csrfToken)).response
        }
        book.post("/documents/new") { request, _ in try await app.uploadFromForm(request) }
        book.post("/documents/new/{upload}") { request, context in try await app.decideUpload(request, id: try context.parameter("upload")) }
    }

    /// A file field of a form, whole: its headers name the file.
    struct FilePart: Decodable, MultipartPartConvertible {
        var part: MultipartPart
        var multipart: MultipartPart? { part }
        init?(multipart: MultipartPart) { part = multipart }
        /// Only ever made from a part (`FormDataDecoder` asks `init(multipart:)` first).
        init(from decoder: any Decoder) throws {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a file field is a part of a form"))
        }
    }

    /// The add-document form's fields, as a browser sends them (multipart/form-data).
    struct UploadFormFields: Decodable {
        var csrf: String?
        var file: FilePart?
        var text: String?
        var key: String?
        var date: String?
        var translation_of: String?
    }

    /// Reads the document a form sends and shows the preview, or the form again saying what is wrong.
    func uploadFromForm(_ request: Request) async throws -> Response {
        let visitor = try await gatekeeper.visitor(for: request)
        let user = try requireEditor(visitor, to: .addDocuments)
        let csrf = visitor.nonce.map(gatekeeper.csrfToken)
        guard let boundary = Self.boundary(request.headers[.contentType]) else {
            throw WebError(.unsupportedMediaType, "form.multipart", "the form must be sent as multipart/form-data")
        }
        let body: ByteBuffer
        do {
            // The file, and room for the other fields.
            body = try await Self.body(request, upTo: options.uploadLimit + (1 << 20))
        } catch let error as WebError where error.status == .contentTooLarge {
            throw Self.tooLarge(options.uploadLimit)
        }
        let fields: UploadFormFields
        do {
            fields = try FormDataDecoder().decode(UploadFormFields.self, from: body, boundary: boundary)
        } catch {
            throw WebError(.badRequest, "form.unreadable", "the form could not be read")
        }
        try gatekeeper.checkFormToken(fields.csrf, visitor: visitor)
        func clean(_ text: String?) -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        var upload = UploadOptions()
        func again(_ error: WebError) -> Response {
            var response = pages.addDocumentForm(visitor: visitor, csrf: csrf, message: pages.words(visitor).say(error), options: upload).response
            response.status = error.status
            return response
        }
        do {
            upload = try UploadOptions(key: clean(fields.key), date: clean(fields.date), translationOf: clean(fields.translation_of))
            let bytes: [UInt8], name: String
            if let file = fields.file?.part, file.body.readableBytes > 0 {
                bytes = Array(buffer: file.body)
                name = Self.fileName(file.headers.first(name: "Content-Disposition"))
                    ?? "upload.\(UploadFormat(sniffing: bytes).fileExtension)"
            } else if let text = clean(fields.text) {
                bytes = Array(text.utf8)
                name = "pasted text"
            } else {
                throw WebError(.unprocessableContent, "form.file", "choose a file, or paste the document's text")
            }
            if bytes.count > options.uploadLimit { throw Self.tooLarge(options.uploadLimit) }
            let record = try await readUpload(bytes, name: name, options: upload)
            let outcome = try await register.preview(record)
            let id = await pendingUploads.keep(record, options: upload, owner: user.name, now: options.now())
            return pages.uploadPreview(record, outcome: outcome, pending: id, visitor: visitor, csrf: csrf).response
        } catch let error as WebError where error.isClientError {
            return again(error)
        } catch let error as RegisterError where WebError(error).isClientError {
            return again(WebError(error))
        }
    }

    /// Stores a previewed upload, or sets it aside.
    func decideUpload(_ request: Request, id: String) async throws -> Response {
        let visitor = try await gatekeeper.visitor(for: request)
        let form = try await Self.form(request)
        try gatekeeper.checkForm(form, visitor: visitor)
        let user = try requireEditor(visitor, to: .addDocuments)
        guard let upload = await pendingUploads.take(id, owner: user.name, now: options.now()) else {
            throw WebError(
                .gone, "upload.gone",
                "this preview is no longer kept (previews last an hour, and a restart forgets them); add the document again")
        }
        guard form.text("decision") == "store" else { return Reply.redirect("/documents/new") }
        let outcome = try await ingester(upload.options).store(upload.record)
        return Reply.redirect(HTML.documentPath(outcome.document))
    }

    /// The boundary of a `multipart/form-data` content type.
    static func boundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }
}
