import PledgeModel

/// Derives a document's key from its date and the countries its title names:
/// `2024-04-10-japan-us`. Countries are sorted, so the Japanese and English versions
/// of one document get the same stem; English versions end in `-en`.
public enum DocumentKey {
    /// (written form, key word). Latin forms match whole words only.
    static let names: [(String, String)] = [
        ("日本", "japan"), ("米国", "us"), ("アメリカ", "us"), ("合衆国", "us"), ("豪州", "australia"),
        ("オーストラリア", "australia"), ("インド", "india"), ("フィリピン", "philippines"), ("韓国", "korea"),
        ("英国", "uk"), ("イギリス", "uk"), ("フランス", "france"), ("ドイツ", "germany"), ("カナダ", "canada"),
        ("イタリア", "italy"), ("中国", "china"), ("ベトナム", "vietnam"), ("インドネシア", "indonesia"),
        ("欧州連合", "eu"), ("クアッド", "quad"),
        ("Japan", "japan"), ("Japanese", "japan"), ("United States", "us"), ("U.S.", "us"), ("US", "us"),
        ("America", "us"), ("American", "us"), ("Australia", "australia"), ("Australian", "australia"),
        ("India", "india"), ("Philippines", "philippines"), ("Philippine", "philippines"), ("Korea", "korea"),
        ("ROK", "korea"), ("United Kingdom", "uk"), ("UK", "uk"), ("Britain", "uk"), ("France", "france"),
        ("Germany", "germany"), ("Canada", "canada"), ("Italy", "italy"), ("China", "china"), ("Vietnam", "vietnam"),
        ("Indonesia", "indonesia"), ("ASEAN", "asean"), ("G7", "g7"), ("G20", "g20"), ("European Union", "eu"),
        ("EU", "eu"), ("NATO", "nato"), ("Quad", "quad"),
    ]

    /// One-character names used in Japanese compounds: 日米, 日米豪印, 日米比.
    static let compoundNames: [Character: String] = [
        "日": "japan", "米": "us", "豪": "australia", "印": "india", "比": "philippines", "韓": "korea",
        "英": "uk", "仏": "france", "独": "germany", "加": "canada", "伊": "italy", "中": "china", "越": "vietnam",
    ]

    public static func derive(info: DocumentInfo, fileName: String) -> String {
        var countries = Set<String>()
        let title = info.title ?? ""
        for (name, key) in names where contains(title, name) { countries.insert(key) }
        // Two or more one-character names in a row are a compound; one alone is just a character.
        var run: [String] = []
        for c in title + " " {
            if let key = compoundNames[c] { run.append(key); continue }
            if run.count >= 2 { countries.formUnion(run) }
            run = []
        }
        // A Japanese government document speaks for Japan even when its title names only the other side.
        if info.language == .ja && !countries.isEmpty { countries.insert("japan") }

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
