import PledgeExtract
import PledgeModel

/// Derives a document's key from its date and the countries its title names:
/// `2024-04-10-japan-us`. Countries are sorted, so the Japanese and English versions
/// of one document get the same stem; English versions end in `-en`. The countries are
/// read by the extractor's own rule (`PartyNames.parties(inTitle:language:)`).
public enum DocumentKey {
    /// Key words where the English name is long or not what people call the country.
    static let words: [Party: String] = [
        "US": "us", "GB": "uk", "KR": "korea", "KP": "north-korea", "CN": "china", "RU": "russia", "AE": "uae",
        "CD": "drc", "TW": "taiwan", "VN": "vietnam", "MM": "myanmar", "LA": "laos",
    ]

    /// A party's word in a key: `japan`, `us`, `philippines`, `eu`, `nato`.
    static func word(_ party: Party) -> String {
        if let word = words[party] { return word }
        if party.organisation != nil { return party.rawValue.lowercased() }
        return slug(PartyNames.name(of: party, in: .en))
    }

    public static func derive(info: DocumentInfo, fileName: String) -> String {
        var parties = Set(PartyNames.parties(inTitle: info.title ?? "", language: info.language))
        // A Japanese government document speaks for Japan even when its title names only the other side.
        if info.language == .ja && !parties.isEmpty { parties.insert(.JP) }
        var countries = Set(parties.map(word))
        // A summit the title names is one word: `g7`, not eight countries (`日米豪印` still lists its four).
        let title = (info.title ?? "").lowercased()
        for grouping in Organisation.all where grouping.standsForMembers && Set(grouping.members) == parties
            && ([grouping.code, grouping.english] + grouping.aliases).contains(where: { $0.unicodeScalars.allSatisfy(\.isASCII) && contains(title, $0.lowercased()) })
        {
            countries = [grouping.code.lowercased()]
        }

        var parts: [String] = []
        if let date = info.date { parts.append(date) }
        if countries.isEmpty {
            parts.append(slug(stem(fileName)))
        } else {
            parts.append(contentsOf: countries.sorted())
        }
        if info.language != .ja { parts.append(info.language.rawValue) }
        let key = parts.filter { !$0.isEmpty }.joined(separator: "-")
        return key.isEmpty ? "document" : key
    }

    static func contains(_ text: String, _ name: String) -> Bool {
        let text = Array(text.utf8), name = Array(name.utf8)
        let isLatin = name.allSatisfy { $0 < 0x80 }
        // Latin names stand as whole words: US in "US-Japan", not in "USB".
        return ByteSearch.offsets(of: name, in: text).contains {
            !isLatin || (!isWordByte(text, before: $0) && !isWordByte(text, at: $0 + name.count))
        }
    }

    /// Whether the code point ending at byte `before`, or starting at byte `at`, is a letter or digit.
    static func isWordByte(_ bytes: [UInt8], before: Int) -> Bool {
        var start = before - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start >= 0 && isWordByte(bytes, at: start)
    }

    static func isWordByte(_ bytes: [UInt8], at: Int) -> Bool {
        guard at < bytes.count else { return false }
        var end = at + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        guard let c = String(decoding: bytes[at..<end], as: UTF8.self).unicodeScalars.first else { return false }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }

    static func stem(_ fileName: String) -> String {
        var name = fileName.split(separator: "/").last.map(String.init) ?? fileName
        while let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return name
    }

    /// Why `key` cannot name a document, or `nil` when it can: keys go into addresses and item
    /// ids (`key#12`), so they hold ASCII letters, digits, `-`, `_` and `.`, at most 100.
    public static func problem(_ key: String) -> Explanation? {
        let allowed = key.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
        }
        guard allowed, (1...100).contains(key.count), key.first != "." else {
            return Explanation("document.key", "a document key holds 1 to 100 ASCII letters, digits, '-', '_' and '.', not '{value}'", ["value": key])
        }
        return nil
    }

    /// Lower-case ASCII letters and digits joined by single hyphens.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for s in text.unicodeScalars {
            if s.isASCII, s.properties.isAlphabetic || ("0"..."9").contains(s) {
                if pendingHyphen && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(s.properties.lowercaseMapping.unicodeScalars.first ?? s)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return out
    }
}
