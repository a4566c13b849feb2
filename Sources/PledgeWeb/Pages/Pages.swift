import Foundation
import Mustache
import PledgeModel
import PledgeRegister

/// Builds the HTML pages: gathers what a page shows from the register into plain values
/// and renders them with the page's template inside the layout.
struct Pages: Sendable {
    let register: any Register
    let localized: Localized
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
        /// The other languages of the interface, for the switch in the header.
        var languages: [LanguageChoice]
    }

    struct LanguageChoice {
        var code: String
        var name: String
        var link: String
    }

    /// The words of the visitor's language.
    func words(_ visitor: Visitor) -> Catalogue { localized.catalogues[visitor.language]! }

    func render(_ template: String, _ model: Any, _ language: InterfaceLanguage) -> String {
        localized.libraries[language]?.render(model, withTemplate: template) ?? "template \(template) is missing"
    }

    /// A page inside the site's frame, in the visitor's language: navigation, search box, who
    /// is signed in, and the switch to the other language.
    func framed(_ template: String, _ model: Any, title: String, visitor: Visitor, csrf: String?, search: String = "") -> Rendered {
        let user = visitor.user.map { UserView(name: $0.name, role: words(visitor)("role.\($0.role.rawValue)"), canRecord: $0.role.canRecord) }
        let languages = InterfaceLanguage.allCases.filter { $0 != visitor.language }.map {
            LanguageChoice(code: $0.rawValue, name: localized.catalogues[$0]!["language.name"], link: "/language/\($0.rawValue)")
        }
        let layout = Layout(
            title: title, lang: visitor.language.rawValue, body: render(template, model, visitor.language), user: user, csrf: csrf,
            search: search, languages: languages)
        var page = Rendered.html(render("layout", layout, visitor.language))
        page.headers[.vary] = "Accept-Language, Cookie"
        return page
    }

    /// The statuses an error page names in the visitor's language (`error.status.` + code);
    /// others keep HTTP's English reason phrase.
    static let namedStatuses = [400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 428, 500, 503]

    /// A page saying what went wrong, in the visitor's language. It stands alone (no
    /// navigation or register reads), so it can be sent whatever failed.
    static func errorPage(_ error: WebError, _ t: Catalogue) -> String {
        let code = Int(error.status.code)
        let name = namedStatuses.contains(code) ? t("error.status.\(code)") : error.status.reasonPhrase
        return """
            <!doctype html><html lang="\(t.language.rawValue)"><head><meta charset="utf-8">\
            <meta name="viewport" content="width=device-width, initial-scale=1">\
            <title>\(code) · Pledge</title><link rel="stylesheet" href="/static/pledge.css"></head><body><main>\
            <h1>\(code) \(HTML.escape(name))</h1><p class="error">\(HTML.escape(t.say(error)))</p>\
            <p><a href="/">\(HTML.escape(t("error.back")))</a></p></main></body></html>
            """
    }

    // MARK: Shared pieces

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

    func row(_ item: ItemSummary, today: String, language: Language? = nil, _ t: Catalogue) -> ItemRow {
        // Markdown bold around titles is part of the source, not of what a list should show.
        var excerpt = item.text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "\n", with: " ")
        if excerpt.count > 220 { excerpt = String(excerpt.prefix(219)) + "…" }
        return ItemRow(
            id: item.id, link: HTML.itemPath(item.id), number: item.number, document: item.document, section: item.section ?? "",
            title: item.title, excerpt: excerpt, modality: t.modality(item.modality),
            modalityKey: item.modality.rawValue, parties: item.parties.map(\.rawValue).joined(separator: ", "), due: item.due.map(t.day),
            overdue: item.isOverdue(asOf: today), status: t.status(item.status),
            statusKey: item.status.rawValue, lang: language?.rawValue ?? (item.document.hasSuffix("-en") ? "en" : "ja"))
    }
}
