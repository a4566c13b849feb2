import Foundation
import HTTPTypes
import HummingbirdTesting
import PledgeModel
import PledgeRegister
@testable import PledgeWeb
import Testing

/// The interface in Japanese and English: one catalogue per language, chosen by the browser
/// or by the switch in the header.
@Suite struct LanguageTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/PledgeWeb/Templates")
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/PledgeWeb")

    /// Every key the pages ask for: the templates' markers, the keys written out in Swift,
    /// and those Swift makes from the values it names.
    static func keysAsked(namespaces: Set<String>) throws -> Set<String> {
        var keys = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(at: templates, includingPropertiesForKeys: nil) where file.pathExtension == "mustache" {
            keys.formUnion(Catalogue.markers(in: try String(contentsOf: file, encoding: .utf8)))
        }
        let swift = try FileManager.default.subpathsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        // Any literal such as "title.items" in a catalogue's namespace (`title.`, `chart.`) is a key.
        let literal = try Regex(#""([a-zA-Z]+)\.([a-zA-Z0-9.]+)""#)
        for path in swift {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            for match in text.matches(of: literal) where namespaces.contains(String(match.output[1].substring ?? "")) {
                keys.insert(String(match.output[0].substring ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
            }
        }
        // Explanations' keys are a namespace of their own (`explain.`), whatever their first word.
        keys.subtract(try explanations().keys)
        keys.formUnion(Modality.allCases.map { "modality.\($0.rawValue)" })
        keys.formUnion(Status.allCases.map { "status.\($0.rawValue)" })
        keys.formUnion(Role.allCases.map { "role.\($0.rawValue)" })
        keys.formUnion((FacetField.allCases.map(\.rawValue) + ["due", "search"]).map { "facet.\($0)" })
        keys.formUnion(ListRequest.dueChoices.map { "due.\($0)" })
        keys.formUnion(Language.allCases.map { "text.\($0.rawValue)" } + Language.allCases.map { "item.single.\($0.rawValue)" })
        keys.formUnion(["added", "revised", "unchanged"].map { "outcome.\($0)" })
        keys.formUnion(["new", "changed", "withdrawn"].map { "change.\($0)" })
        keys.formUnion(CorrectedField.allCases.filter { !$0.isAmount }.map { "field.\($0.rawValue)" })
        keys.formUnion(["month", "year", "decade", "century"].map { "chart.by.\($0)" })
        keys.formUnion(["Also in", "Followed up in", "Follows up"].map { "links.\($0)" })
        keys.formUnion(["noItems", "noDate", "noTitle", "noParties"].map { "warning.\($0)" })
        keys.formUnion(Pages.namedStatuses.map { "error.status.\($0)" })
        keys.formUnion(Qualifier.allCases.map { "qualifier.\($0.rawValue)" })
        keys.formUnion(TimeRole.allCases.map { "time.\($0.rawValue)" })
        return keys
    }

    /// Every sentence Pledge explains itself with in a way pages translate, in all of its
    /// modules (`Explanation("key", "english", …)` and keyed `WebError`s), with its English.
    static func explanations() throws -> [String: String] {
        let all = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources")
        let keyed = try Regex(#"(?:Explanation\(|WebError\(|init\()\s*(?:\.[a-zA-Z]+,\s*)?"([a-zA-Z]+\.[a-zA-Z.]+)",\s*"((?:[^"\\]|\\.)*)""#)
        var found: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: all.path) where path.hasSuffix(".swift") {
            let text = try String(contentsOf: all.appendingPathComponent(path), encoding: .utf8)
            for match in text.matches(of: keyed) {
                let key = String(match.output[1].substring ?? ""), english = String(match.output[2].substring ?? "")
                #expect(found[key] == nil || found[key] == english, "\(key) is given two English sentences")
                found[key] = english
            }
        }
        return found
    }

    @Test func everyExplanationIsSaidInJapaneseWithTheSameBlanks() throws {
        let explanations = try Self.explanations()
        #expect(explanations.count > 60)
        #expect(explanations["correction.note"] == "a correction needs a note saying where the right value comes from")
        let ja = try Catalogue.load(.ja), en = try Catalogue.load(.en)
        let translated = Set(ja.strings.keys.filter { $0.hasPrefix("explain.") })
        #expect(translated.subtracting(explanations.keys.map { "explain." + $0 }).sorted() == [], "ja.json explains what nothing says")
        #expect(Set(explanations.keys.map { "explain." + $0 }).subtracting(translated).sorted() == [], "missing from ja.json")
        #expect(en.strings.keys.filter { $0.hasPrefix("explain.") } == [], "English is written beside the code that says it")
        let blanks = { (s: String) in Set(s.matches(of: /\{[a-z]+\}/).map { String($0.output) }) }
        for (key, english) in explanations {
            #expect(blanks(english) == blanks(ja["explain." + key]), "\(key)")
        }
    }

    @Test func explanationsFillTheirBlanksOnceAndSayTheirCause() throws {
        // A value that looks like a blank stays as it was written.
        #expect(Explanation.fill("no item {id} in {place}", ["id": "{place}", "place": "Tokyo"]) == "no item {place} in Tokyo")
        #expect(Explanation.fill("{missing} stays", [:]) == "{missing} stays")
        let cause = Explanation("read.binary", "binary data, not a text document")
        let upload = WebApp.unreadable(cause)
        #expect(upload.description == "the document could not be read: binary data, not a text document")
        let ja = try Catalogue.load(.ja)
        #expect(ja.say(upload) == "文書を読めませんでした: テキスト文書ではなくバイナリデータです")
        #expect(ja.say(Explanation("said only in English")) == "said only in English")
    }

    @Test(arguments: [
        (1.5e9, "USD", InterfaceLanguage.en, "$1.5 bn"), (1.5e9, "USD", .ja, "15億米ドル"),
        (2e11, "JPY", .ja, "2000億円"), (2e11, "JPY", .en, "¥200.0 bn"), (5e12, "JPY", .ja, "5兆円"),
        (12_345, "KRW", .ja, "1.2万韓国ウォン"), (12_345, "KRW", .en, "12345 KRW"), (999, "EUR", .ja, "999ユーロ"),
        (2.5e7, "AUD", .ja, "2500万オーストラリアドル"), (4.2e6, "GBP", .en, "£4.2 m"),
    ])
    func moneyIsWrittenAsTheLanguageWritesIt(value: Double, currency: String, language: InterfaceLanguage, written: String) {
        #expect(MoneySummary.formatted(value, currency, language) == written)
    }

    @Test(arguments: [
        ("2026-06-30", InterfaceLanguage.ja, "2026年6月30日"), ("2026-06", .ja, "2026年6月"), ("2026", .ja, "2026年"),
        ("P90D", .ja, "P90D"), ("2026-13", .ja, "2026-13"), ("2026-02-30", .ja, "2026-02-30"), ("26-06", .ja, "26-06"),
        ("2026-06-30", .en, "2026-06-30"), ("2026-06", .en, "2026-06"),
    ])
    func datesAreWrittenAsTheLanguageWritesThem(iso: String, language: InterfaceLanguage, written: String) throws {
        #expect(try Catalogue.load(language).day(iso) == written)
    }

    @Test func errorsAndRefusalsAreSaidInTheVisitorsLanguage() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            let wrong = try await client.get("/items?modality=perhaps", headers: [.acceptLanguage: "ja"])
            #expect(wrong.status == .badRequest && wrong.text.contains("<html lang=\"ja\">"))
            #expect(wrong.text.contains("400 不正な要求") && wrong.text.contains("強さ &#39;perhaps&#39; は使えません") && wrong.text.contains("登録簿に戻る"))
            let english = try await client.get("/items?modality=perhaps", headers: [.acceptLanguage: "en"])
            #expect(english.text.contains("400 Bad request") && english.text.contains("unknown modality &#39;perhaps&#39;"))
            // The API speaks English whatever the browser asks.
            let api = try await client.get("/api/v1/items/none%231", headers: [.acceptLanguage: "ja"])
            #expect(api.status == .notFound && api.text.contains("\"no item none#1\""))
            let missing = try await client.get("/items/none%231", headers: [.cookie: "\(Gatekeeper.languageCookie)=ja"])
            #expect(missing.status == .notFound && missing.text.contains("項目 none#1 はありません"))

            // A refusal of the register's own, on the page the editor was on.
            let (cookie, csrf) = try await client.signIn(token: site.tokens[.editor]!)
            let japanese: HTTPFields = [.cookie: cookie + "; \(Gatekeeper.languageCookie)=ja"]
            let path = "/items/2024-04-10-japan-us%238"
            let refused = try await client.post(
                path + "/corrections", form: [("csrf", csrf), ("version", "1"), ("field", "modality"), ("value", "commit"), ("note", " ")], headers: japanese)
            #expect(refused.status == .unprocessableContent && refused.text.contains("訂正には、正しい値の根拠を書いたメモが必要です"))
            let badDate = try await client.post(path + "/events", form: [("csrf", csrf), ("status", "kept"), ("date", "2026-13-01")], headers: japanese)
            #expect(badDate.status == .unprocessableContent && badDate.text.contains("記録の日付は YYYY-MM-DD の暦日です。&#39;2026-13-01&#39; ではありません"))
            let noStatus = try await client.post(path + "/events", form: [("csrf", csrf), ("note", "x")], headers: japanese)
            #expect(noStatus.status == .unprocessableContent && noStatus.text.contains("状況を選んでください") && noStatus.text.contains("<html lang=\"ja\">"))
            // Signed in as a viewer, in Japanese.
            let (viewer, viewerCSRF) = try await client.signIn(token: site.tokens[.viewer]!)
            let forbidden = try await client.post(
                path + "/events", form: [("csrf", viewerCSRF), ("status", "kept")], headers: [.cookie: viewer + "; \(Gatekeeper.languageCookie)=ja"])
            #expect(forbidden.status == .forbidden && forbidden.text.contains("は閲覧者です。進捗を記録できるのは編集者か管理者だけです"))
        }
    }

    @Test func bothCataloguesHoldEveryKeyThePagesAskFor() throws {
        let en = try Catalogue.load(.en), ja = try Catalogue.load(.ja)
        let jaKeys = Set(ja.strings.keys.filter { !$0.hasPrefix("explain.") })
        #expect(Set(en.strings.keys) == jaKeys, "keys in one catalogue only: \(Set(en.strings.keys).symmetricDifference(jaKeys).sorted())")
        let asked = try Self.keysAsked(namespaces: Set(en.strings.keys.compactMap { $0.split(separator: ".").first.map(String.init) }))
        #expect(asked.count > 150)
        #expect(asked.subtracting(en.strings.keys).sorted() == [], "missing from en.json")
        #expect(asked.subtracting(ja.strings.keys).sorted() == [], "missing from ja.json")
        #expect(Set(en.strings.keys).subtracting(asked).sorted() == [], "keys nothing asks for")
        // The words differ where they are words: a Japanese catalogue that copied the English would pass the rest.
        let same = en.strings.filter { ja.strings[$0.key] == $0.value && $0.value.contains(where: \.isLetter) }.map(\.key).sorted()
        #expect(same == [], "untranslated")
        // Every {{tag}} a catalogue entry carries into a template is in the other language's too.
        for (key, english) in en.strings {
            let tags = { (s: String) in Set(s.matches(of: /\{\{[^}]+\}\}|\{[a-z]+\}/).map { String($0.output) }) }
            #expect(tags(english) == tags(ja.strings[key] ?? ""), "\(key)")
        }
        _ = try Localized.load()
    }

    @Test func aMissingKeyStopsTheTemplatesFromLoading() throws {
        let en = try Catalogue.load(.en)
        #expect(throws: WebError.self) { try en.localize("<h1>[[no.such.key]]</h1>", named: "test") }
        #expect(try en.localize("<h1>[[documents.heading]]</h1>", named: "test") == "<h1><h1>Documents</h1></h1>")
    }

    @Test(arguments: [
        ("ja", InterfaceLanguage.ja), ("ja-JP,ja;q=0.9,en;q=0.8", .ja), ("en-GB,en;q=0.9,ja;q=0.5", .en), ("fr-FR,fr;q=0.9,ja;q=0.3", .ja),
        ("fr", .en), ("", .en), ("en;q=0.2,ja;q=0.8", .ja), ("ja;q=0", .en), ("*", .en),
    ])
    func theBrowsersLanguageIsHeard(header: String, language: InterfaceLanguage) {
        #expect(InterfaceLanguage.preferred(header) == language)
    }

    @Test func pagesSpeakTheVisitorsLanguageAndTheSwitchIsRemembered() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            let english = try await client.get("/", headers: [.acceptLanguage: "en-US,en;q=0.9"])
            #expect(english.text.contains("<html lang=\"en\">") && english.text.contains(">Items</a>") && english.text.contains("<h2>Due dates</h2>"))
            // The same address, cached for anonymous readers, in the other language.
            let japanese = try await client.get("/", headers: [.acceptLanguage: "ja,en;q=0.5"])
            #expect(japanese.status == .ok && japanese.text.contains("<html lang=\"ja\">"))
            #expect(japanese.text.contains(">項目</a>") && japanese.text.contains("<h2>期限</h2>") && japanese.text.contains("ダッシュボード · Pledge"))
            #expect(japanese.text.contains("2025年1月15日時点の約束"), "dates written the Japanese way")
            #expect(!japanese.text.contains(">Items</a>") && !japanese.text.contains("Due dates"))
            #expect(japanese.headers[.vary]?.contains("Accept-Language") == true)
            for path in ["/items", "/items?modality=commit", "/documents", "/glossary", "/items/2024-04-10-japan-us%238", "/documents/2024-04-10-japan-us", "/signin"] {
                let page = try await client.get(path, headers: [.acceptLanguage: "ja"])
                #expect(page.status == .ok && page.text.contains("<html lang=\"ja\">"), "\(path)")
                #expect(!page.text.contains("[["), "no marker left unreplaced on \(path)")
            }
            let items = try await client.get("/items?modality=commit", headers: [.acceptLanguage: "ja"]).text
            #expect(items.contains("<h2>約束の強さ</h2>") && items.contains(">約束</a>") && items.contains("件"))

            // The switch: remembered in a cookie, back to the page the visitor was on, whatever the browser says.
            let chosen = try await client.get("/language/ja", headers: [.referer: "http://localhost:8080/items?modality=commit"])
            #expect(chosen.status == .seeOther && chosen.headers[.location] == "/items?modality=commit")
            let cookie = try #require(chosen.cookies[Gatekeeper.languageCookie])
            #expect(cookie == "ja")
            let remembered = try await client.get("/documents", headers: [.acceptLanguage: "en", .cookie: "\(Gatekeeper.languageCookie)=ja"])
            #expect(remembered.text.contains("<html lang=\"ja\">") && remembered.text.contains("<h1>文書</h1>"))
            #expect(remembered.text.contains("href=\"/language/en\"") && remembered.text.contains(">English</a>"))
            // Elsewhere is never a way back.
            let away = try await client.get("/language/en", headers: [.referer: "https://evil.example//evil.example/x"])
            #expect(away.headers[.location] == "/")
            #expect(try await client.get("/language/fr").status == .notFound)
        }
    }
}
