import Foundation
import Mustache
import PledgeModel
import PledgeRegister

/// The languages of the interface.
public enum InterfaceLanguage: String, Sendable, CaseIterable {
    case en, ja

    /// The language a browser asks for: the first of `Accept-Language`'s languages, by
    /// weight, that the interface speaks; English when none.
    static func preferred(_ acceptLanguage: String?) -> InterfaceLanguage {
        guard let acceptLanguage else { return .en }
        var best: (language: InterfaceLanguage, weight: Double)?
        for (position, entry) in acceptLanguage.split(separator: ",").enumerated() {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let tag = parts.first?.lowercased() ?? ""
            let primary = String(tag.split(separator: "-").first ?? "")
            var weight = 1.0
            for p in parts.dropFirst() where p.hasPrefix("q=") { weight = Double(p.dropFirst(2)) ?? 0 }
            // Earlier entries win ties, as browsers list them in order of preference.
            weight -= Double(position) * 1e-6
            guard weight > 0, let language = InterfaceLanguage(rawValue: primary) else { continue }
            if best.map({ weight > $0.weight }) ?? true { best = (language, weight) }
        }
        return best?.language ?? .en
    }
}

/// The interface's words in one language, from its catalogue (`Strings/en.json`,
/// `Strings/ja.json`): the templates' `[[key]]` markers, and the names Swift gives values
/// (statuses, strengths, facets). Both catalogues hold the same keys (`CatalogueTests`).
struct Catalogue: Sendable {
    let language: InterfaceLanguage
    let strings: [String: String]

    static func load(_ language: InterfaceLanguage) throws -> Catalogue {
        guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Strings") else {
            throw WebError(.internalServerError, "Pledge's \(language.rawValue) catalogue is missing from its installation")
        }
        let strings = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        return Catalogue(language: language, strings: strings)
    }

    /// The words for `key`; the key itself where a catalogue lacks it (a test keeps that from shipping).
    subscript(_ key: String) -> String { strings[key] ?? key }

    /// The words for `key` with `{name}` placeholders filled in.
    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        Explanation.fill(self[key], values)
    }

    /// An explanation in this language: its catalogue's words (`explain.` + its key) where
    /// it has a key, else (English only) as it was written.
    func say(_ explanation: Explanation) -> String {
        explanation.say { $0.key.flatMap { strings["explain." + $0] } }
    }

    /// An error as a page tells it, with the request id the log keeps it under.
    func say(_ error: WebError) -> String {
        say(error.explanation) + (error.requestID.map { self("error.request", ["id": $0]) } ?? "")
    }

    func modality(_ m: Modality) -> String { self["modality.\(m.rawValue)"] }
    func status(_ s: Status) -> String { self["status.\(s.rawValue)"] }

    /// A day, month or year as the language writes it: `2026-06-30` (ISO 8601, which
    /// English-speaking analysts sort and paste), `2026年6月30日`, `2026年6月`, `2026年`.
    /// Anything else (a period such as `P90D`) as it is.
    func day(_ iso: String) -> String {
        guard language == .ja else { return iso }
        if let d = Day(iso: iso) { return "\(d.year)年\(d.month)月\(d.day)日" }
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), year > 0 else { return iso }
        guard parts.count == 2 else { return "\(year)年" }
        guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return iso }
        return "\(year)年\(month)月"
    }

    /// Every `[[key]]` marker in a template.
    static func markers(in template: String) -> [String] {
        var keys: [String] = []
        var rest = template[...]
        while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
            keys.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return keys
    }

    /// A template with its `[[key]]` markers replaced by this catalogue's words; a key the
    /// catalogue lacks is an error, so a library never loads with a hole in it.
    func localize(_ template: String, named name: String) throws -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
            out += rest[..<open.lowerBound]
            let key = String(rest[open.upperBound..<close.lowerBound])
            guard let words = strings[key] else {
                throw WebError(.internalServerError, "template \(name) asks for '\(key)', which the \(language.rawValue) catalogue lacks")
            }
            out += words
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}

/// The page templates in every language of the interface, each made from the same files
/// with its catalogue's words.
struct Localized: Sendable {
    let catalogues: [InterfaceLanguage: Catalogue]
    let libraries: [InterfaceLanguage: MustacheLibrary]

    static func load() throws -> Localized {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebError(.internalServerError, "Pledge's page templates are missing from its installation")
        }
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "mustache" }
        var catalogues: [InterfaceLanguage: Catalogue] = [:]
        var libraries: [InterfaceLanguage: MustacheLibrary] = [:]
        for language in InterfaceLanguage.allCases {
            let catalogue = try Catalogue.load(language)
            var library = MustacheLibrary()
            for file in files {
                let name = file.deletingPathExtension().lastPathComponent
                try library.register(try catalogue.localize(String(contentsOf: file, encoding: .utf8), named: name), named: name)
            }
            catalogues[language] = catalogue
            libraries[language] = library
        }
        return Localized(catalogues: catalogues, libraries: libraries)
    }
}
