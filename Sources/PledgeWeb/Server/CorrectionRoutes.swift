import Foundation
import HTTPTypes
import Hummingbird
import PledgeRegister

/// Corrections of what was read, from the item page's form and the API.
extension WebApp {
    /// A correction as a client sends it.
    struct CorrectionRequest: Decodable {
        var field: CorrectedField?
        var value: String?
        var amount: Int?
        var note: String?
    }

    static let correctionBodyHelp = "the body must be JSON with a field (\(CorrectedField.allCases.map(\.rawValue).joined(separator: ", "))), "
        + "the value, a note saying where the right value comes from, and for an amount's value or unit the amount (from 0)"

    /// `POST /api/v1/items/{id}/corrections` with `If-Match: "VERSION"`, the item version the client saw.
    func correctFromAPI(_ request: Request, id: String) async throws -> Response {
        let visitor = try await gatekeeper.visitor(for: request)
        guard visitor.byToken else {
            throw WebError(.unauthorized, "correcting through the API needs an API token: 'Authorization: Bearer TOKEN'",
                           headers: [.wwwAuthenticate: "Bearer"])
        }
        let user = try requireEditor(visitor, to: .correct)
        let version = try Self.ifMatch(request)
        let body = try await Self.body(request, upTo: 1 << 20)
        let input: CorrectionRequest
        do {
            input = try JSONDecoder().decode(CorrectionRequest.self, from: Data(buffer: body))
        } catch {
            throw WebError(.badRequest, "\(Self.correctionBodyHelp)")
        }
        guard let field = input.field, let value = input.value else { throw WebError(.badRequest, "\(Self.correctionBodyHelp)") }
        let correction = try await register.correct(
            NewCorrection(field: field, value: value, amount: input.amount, note: input.note ?? "", author: user.name, expectedVersion: version),
            item: id)
        var response = try Reply.json(correction, status: .created)
        response.headers[.eTag] = "\"\(correction.version)\""
        response.headers[.location] = "/api/v1/items/" + HTML.pathSegment(id)
        return response
    }

    /// The version an `If-Match` header names: 428 without one, 400 for one that is not a version.
    static func ifMatch(_ request: Request) throws -> Int {
        guard let match = request.headers[.ifMatch] else {
            throw WebError(.preconditionRequired, "send the item version you saw as 'If-Match: \"VERSION\"' (the ETag of GET /api/v1/items/{id})")
        }
        guard let version = Int(match.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/"))) else {
            throw WebError(.badRequest, "If-Match must be an item version such as \"3\", not '\(match)'")
        }
        return version
    }

    /// The item page's correction form: `field` (`modality`, or `amount_value:1` for an
    /// amount), `value`, `note` and the `version` shown.
    func correctFromForm(_ request: Request, id: String) async throws -> Response {
        let visitor = try await gatekeeper.visitor(for: request)
        let form = try await Self.form(request)
        try gatekeeper.checkForm(form, visitor: visitor)
        let user = try requireEditor(visitor, to: .correct)
        return try await onItemPage(id, visitor: visitor, then: "#history") {
            let chosen = (form.text("field") ?? "").split(separator: ":", maxSplits: 1).map(String.init)
            guard let field = chosen.first.flatMap(CorrectedField.init(rawValue:)) else {
                throw WebError(.unprocessableContent, "form.field", "choose what to correct")
            }
            let amount = chosen.count > 1 ? Int(chosen[1]) : nil
            _ = try await self.register.correct(
                NewCorrection(field: field, value: form["value"] ?? "", amount: amount, note: form["note"] ?? "", author: user.name,
                              expectedVersion: form.text("version").flatMap { Int($0) }),
                item: id)
        }
    }
}
