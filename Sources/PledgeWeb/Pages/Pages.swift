import Foundation
import Mustache
import PledgeModel
import PledgeRegister

/// Builds the HTML pages: gathers what a page shows from the register into plain values
/// and renders them with the page's template inside the layout.
struct Pages: Sendable {
    let register: any Register
    let library: MustacheLibrary
    let options: WebOptions

    struct UserView {
        var name: String
        var role: String
        var canRecord: Bool
    }

    struct Layout {
        var title: String
        var lang: String
        var body: String
        var user: UserView?
        var csrf: String?
        var search: String
    }

    func render(_ template: String, _ model: Any) -> String {
        library.render(model, withTemplate: template) ?? "template \(template) is missing"
    }

    /// A page inside the site's frame: navigation, search box, who is signed in.
    func framed(
        _ template: String, _ model: Any, title: String, visitor: Visitor, csrf: String?, lang: String = "en", search: String = ""
    ) -> Rendered {
        let user = visitor.user.map { UserView(name: $0.name, role: $0.role.rawValue, canRecord: $0.role.canRecord) }
        let layout = Layout(title: title, lang: lang, body: render(template, model), user: user, csrf: csrf, search: search)
        return .html(render("layout", layout))
    }

    static func errorPage(_ error: WebError) -> String {
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
        <title>\(error.status.code) · Pledge</title><link rel="stylesheet" href="/static/pledge.css"></head><body><main>\
        <h1>\(error.status.code) \(HTML.escape(error.status.reasonPhrase))</h1><p class="error">\(HTML.escape(error.message))</p>\
        <p><a href="/">Back to the register</a></p></main></body></html>
        """
    }

    // MARK: Shared pieces

    static let modalityNames: [Modality: String] = [
        .commit: "committed", .intend: "intended", .plan: "planned", .explore: "explored", .welcome: "welcomed",
        .affirm: "affirmed", .done: "done", .other: "other",
    ]

    static let statusNames: [Status: String] = Dictionary(uniqueKeysWithValues: Status.allCases.map {
        ($0, $0.rawValue.replacingOccurrences(of: "_", with: " "))
    })

    struct ItemRow {
        var id: String
        var link: String
        var number: Int
        var document: String
        var section: String
        var title: String?
        var excerpt: String
        var modality: String
        var modalityKey: String
        var parties: String
        var due: String?
        var overdue: Bool
        var status: String
        var statusKey: String
        var lang: String
    }

    func row(_ item: ItemSummary, today: String, language: Language? = nil) -> ItemRow {
        // Markdown bold around titles is part of the source, not of what a list should show.
        var excerpt = item.text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "\n", with: " ")
        if excerpt.count > 220 { excerpt = String(excerpt.prefix(219)) + "…" }
        return ItemRow(
            id: item.id, link: HTML.itemPath(item.id), number: item.number, document: item.document, section: item.section ?? "",
            title: item.title, excerpt: excerpt, modality: Self.modalityNames[item.modality] ?? item.modality.rawValue,
            modalityKey: item.modality.rawValue, parties: item.parties.map(\.rawValue).joined(separator: ", "), due: item.due,
            overdue: item.isOverdue(asOf: today), status: Self.statusNames[item.status] ?? item.status.rawValue,
            statusKey: item.status.rawValue, lang: language?.rawValue ?? (item.document.hasSuffix("-en") ? "en" : "ja"))
    }
}
