import Foundation
import PledgeModel

/// Names of countries and organisations in English and Japanese.
///
/// Country names come from Foundation's copy of CLDR (`Locale.localizedString(forRegionCode:)`:
/// `PH` → Philippines, フィリピン), for every ISO 3166-1 region; on top of them sit the names
/// the documents use besides (米国, 豪州, the U.S., ROK), adjectives (Japanese, Philippine,
/// Australian) and the organisations of `Organisation.all`. Built once per process.
public enum PartyNames {
    /// CLDR codes that are not countries: groupings, pseudo-regions, unknown.
    static let notCountries: Set<String> = ["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "QU"]

    /// Every ISO 3166-1 alpha-2 country and territory code Foundation knows.
    public static let countryCodes: [String] = Locale.Region.isoRegions.map(\.identifier)
        .filter { $0.utf8.count == 2 && $0.utf8.allSatisfy { (65...90).contains($0) } && !notCountries.contains($0) }
        .sorted()

    static let countrySet = Set(countryCodes)

    /// Whether a code names a known country or a listed organisation (or `OTHER`).
    public static func isKnown(_ party: Party) -> Bool {
        party == .OTHER || party.organisation != nil || countrySet.contains(party.rawValue)
    }

    /// Display names where CLDR's short form is not what these texts call the country.
    static let displayOverrides: [Language: [String: String]] = [
        .en: ["CN": "China", "MM": "Myanmar"],
        .ja: ["CN": "中国", "US": "米国", "GB": "英国", "AU": "豪州", "MM": "ミャンマー"],
    ]

    /// The countries and organisations a title names (a grouping by its members, 日豪 as
    /// both): the rule that reads a document's own parties, for keys and labels.
    public static func parties(inTitle title: String, language: Language) -> [Party] {
        DocumentPartiesReader.named(in: ScalarString(title), language: language).sorted()
    }

    /// A party's name for people to read: フィリピン, Philippines, 欧州連合, NATO.
    public static func name(of party: Party, in language: Language) -> String {
        if party == .OTHER { return language == .ja ? "その他" : "others" }
        if let org = party.organisation { return language == .ja ? org.japanese : org.english }
        if let name = displayOverrides[language]?[party.rawValue] { return name }
        let locale = Locale(identifier: language.rawValue)
        guard countrySet.contains(party.rawValue), let name = locale.localizedString(forRegionCode: party.rawValue) else { return party.rawValue }
        return removingParenthetical(name)
    }

    /// `Myanmar (Burma)` → `Myanmar`; `コンゴ民主共和国（キンシャサ）` → `コンゴ民主共和国`.
    static func removingParenthetical(_ name: String) -> String {
        guard let open = name.firstIndex(where: { $0 == "(" || $0 == "（" }) else { return name }
        return name[..<open].trimmingCharacters(in: .whitespaces)
    }

    /// English names besides CLDR's, lowercased. Each is what the documents write.
    static let englishAliases: [String: String] = [
        "united states of america": "US", "u.s.": "US", "u.s.a.": "US", "usa": "US", "america": "US",
        "washington": "US", "the united states": "US", "united kingdom": "GB", "u.k.": "GB", "uk": "GB", "britain": "GB",
        "great britain": "GB", "london": "GB", "korea": "KR", "republic of korea": "KR", "rok": "KR", "seoul": "KR",
        "dprk": "KP", "democratic people's republic of korea": "KP", "pyongyang": "KP", "prc": "CN", "people's republic of china": "CN",
        "beijing": "CN", "china": "CN", "tokyo": "JP", "new delhi": "IN", "canberra": "AU", "manila": "PH", "ottawa": "CA",
        "paris": "FR", "berlin": "DE", "rome": "IT", "kyiv": "UA", "moscow": "RU", "hanoi": "VN", "jakarta": "ID",
        "taipei": "TW", "turkey": "TR", "czech republic": "CZ", "burma": "MM", "myanmar": "MM", "vatican": "VA", "holy see": "VA",
        "democratic republic of the congo": "CD", "drc": "CD", "republic of the congo": "CG", "ivory coast": "CI",
        "uae": "AE", "viet nam": "VN", "russian federation": "RU", "the netherlands": "NL", "timor-leste": "TL", "east timor": "TL",
        "federated states of micronesia": "FM", "palestine": "PS", "laos": "LA", "lao pdr": "LA", "brunei darussalam": "BN",
    ]

    /// Adjectives CLDR's names do not give by rule (`Japan` → `Japanese`, `France` → `French`).
    static let englishAdjectives: [String: String] = [
        "japanese": "JP", "american": "US", "british": "GB", "french": "FR", "german": "DE", "dutch": "NL", "swiss": "CH",
        "chinese": "CN", "filipino": "PH", "philippine": "PH", "thai": "TH", "vietnamese": "VN", "lao": "LA", "burmese": "MM",
        "bangladeshi": "BD", "pakistani": "PK", "nepali": "NP", "nepalese": "NP", "afghan": "AF", "israeli": "IL", "iraqi": "IQ",
        "iranian": "IR", "saudi": "SA", "emirati": "AE", "qatari": "QA", "kuwaiti": "KW", "omani": "OM", "yemeni": "YE",
        "turkish": "TR", "greek": "GR", "polish": "PL", "czech": "CZ", "slovak": "SK", "danish": "DK", "swedish": "SE",
        "norwegian": "NO", "finnish": "FI", "irish": "IE", "icelandic": "IS", "spanish": "ES", "portuguese": "PT",
        "ukrainian": "UA", "taiwanese": "TW", "singaporean": "SG", "argentine": "AR", "argentinian": "AR", "brazilian": "BR",
        "peruvian": "PE", "ecuadorian": "EC", "sudanese": "SD", "lebanese": "LB", "maltese": "MT", "cypriot": "CY",
        "ghanaian": "GH", "senegalese": "SN", "ivorian": "CI", "congolese": "CD", "egyptian": "EG", "kazakh": "KZ",
        "uzbek": "UZ", "kyrgyz": "KG", "tajik": "TJ", "turkmen": "TM", "azerbaijani": "AZ", "timorese": "TL",
        "canadian": "CA", "new zealand": "NZ", "korean": "KR", "south korean": "KR", "north korean": "KP", "scottish": "GB",
        "welsh": "GB", "european": "EU", "luxembourgish": "LU", "belgian": "BE", "estonian": "EE", "latvian": "LV",
        "lithuanian": "LT", "romanian": "RO", "bulgarian": "BG", "slovenian": "SI", "croatian": "HR", "serbian": "RS",
        "hungarian": "HU", "austrian": "AT", "italian": "IT", "mexican": "MX", "chilean": "CL", "colombian": "CO",
        "indonesian": "ID", "malaysian": "MY", "cambodian": "KH", "mongolian": "MN", "russian": "RU", "australian": "AU",
        "indian": "IN", "kenyan": "KE", "nigerian": "NG", "fijian": "FJ", "bruneian": "BN", "sri lankan": "LK",
    ]

    /// Phrases that contain a country's name but name no party: a sea, a region, a peninsula.
    static let englishNonParties: [String] = [
        "south china sea", "east china sea", "korean peninsula", "latin america", "latin american", "north america",
        "north american", "south america", "central america", "indo-pacific", "new mexico", "new jersey", "american samoa",
        "indian ocean", "pacific islands", "french polynesia", "british columbia", "us$", "u.s.$",
    ]

    /// Japanese names besides CLDR's.
    static let japaneseAliases: [String: String] = [
        "米国": "US", "アメリカ": "US", "合衆国": "US", "米側": "US", "日本国": "JP", "我が国": "JP", "わが国": "JP", "自衛隊": "JP",
        "英国": "GB", "連合王国": "GB", "豪州": "AU", "豪": "AU", "中国": "CN", "中華人民共和国": "CN", "北京": "CN",
        "大韓民国": "KR", "韓国": "KR", "北朝鮮": "KP", "朝鮮民主主義人民共和国": "KP", "ロシア連邦": "RU", "インド共和国": "IN",
        "フィリピン共和国": "PH", "比国": "PH", "ドイツ連邦共和国": "DE", "フランス共和国": "FR", "イタリア共和国": "IT",
        "ベトナム社会主義共和国": "VN", "インドネシア共和国": "ID", "シンガポール共和国": "SG", "台湾": "TW", "欧州": "EU",
        "ワシントン": "US", "東京": "JP", "ソウル": "KR", "ロンドン": "GB", "パリ": "FR", "マニラ": "PH", "キーウ": "UA",
        "キエフ": "UA", "ニューデリー": "IN", "キャンベラ": "AU", "ジャカルタ": "ID", "ハノイ": "VN", "台北": "TW",
        "トルコ": "TR", "チェコ": "CZ", "ミャンマー": "MM", "ビルマ": "MM", "ラオス": "LA", "ブルネイ": "BN",
        "東ティモール": "TL", "パレスチナ": "PS", "JAPAN": "JP", "Japan": "JP", "United States": "US", "U.S.": "US", "USA": "US",
        "EU": "EU",
    ]

    /// Japanese phrases that contain a country's name but name no party.
    static let japaneseNonParties: [String] = [
        "インド太平洋", "南シナ海", "東シナ海", "朝鮮半島", "中南米", "北米", "南米", "中米", "インド洋", "太平洋島嶼国",
        "中東", "中央アジア", "欧州大西洋", "米ドル", "豪ドル", "中国語", "英語", "韓国語", "米州",
    ]

    /// One-character names used in compounds: 日米, 日豪, 日米比, 日中韓, 米英. Characters common
    /// in other words next to 米 or 日 are left out (宇 of 米宇宙軍, 西 of 米西海岸, 以 of 米以外).
    public static let abbreviations: [Unicode.Scalar: Party] = [
        "日": "JP", "米": "US", "豪": "AU", "英": "GB", "韓": "KR", "印": "IN", "仏": "FR", "独": "DE", "中": "CN", "露": "RU",
        "加": "CA", "伊": "IT", "比": "PH", "越": "VN", "尼": "ID", "泰": "TH", "欧": "EU", "台": "TW", "星": "SG", "馬": "MY",
        "蘭": "NL", "墨": "MX", "伯": "BR", "土": "TR", "葡": "PT", "朝": "KP", "蒙": "MN", "緬": "MM", "柬": "KH",
    ]

    /// The English adjective a country's name gives by rule: Australia → Australian,
    /// Mexico → Mexican, Italy → Italian, Fiji → Fijian, Chile → Chilean. Irregular ones
    /// are in `englishAdjectives`; a wrong guess (`Canadan`) is a word no text uses.
    static func adjective(of name: String) -> String? {
        guard let last = name.last, !name.contains(" and ") else { return nil }
        switch last {
        case "a": return name + "n"
        case "i", "u", "e": return name + "an"
        case "o": return name.dropLast() + "an"
        case "y": return name.dropLast() + "ian"
        default: return nil
        }
    }

    /// Lowercased English names of countries and organisations, for whole-word search.
    static let english: Gazetteer<PartySet> = {
        var names: [String: PartySet] = [:]
        let en = Locale(identifier: "en")
        for code in countryCodes {
            guard let cldr = en.localizedString(forRegionCode: code)?.lowercased() else { continue }
            let party = Party(stringLiteral: code)
            var forms = [removingParenthetical(cldr)]
            if let open = cldr.firstIndex(of: "("), let close = cldr.firstIndex(of: ")") {
                forms.append(String(cldr[cldr.index(after: open)..<close]))
            }
            forms = forms.flatMap { [$0, $0.replacingOccurrences(of: " & ", with: " and ")] }
            for form in forms where !form.contains(" - ") && form.count >= 3 {
                names[form, default: []].insert(party)
                if let adjective = adjective(of: form), names[adjective] == nil { names[adjective] = [party] }
            }
        }
        for (name, code) in englishAliases { names[name] = [Party(stringLiteral: code)] }
        for (name, code) in englishAdjectives { names[name] = [Party(stringLiteral: code)] }
        for org in Organisation.all {
            for name in [org.english.lowercased()] + org.aliases where name.unicodeScalars.allSatisfy({ $0.isASCII }) {
                names[name] = PartySet(org.parties)
            }
        }
        for phrase in englishNonParties { names[phrase] = [] }
        return Gazetteer(names.map { (ScalarString($0.key), $0.value) }, wholeWords: true)
    }()

    /// Japanese names of countries and organisations.
    static let japanese: Gazetteer<PartySet> = {
        var names: [String: PartySet] = [:]
        let ja = Locale(identifier: "ja")
        for code in countryCodes {
            guard let cldr = ja.localizedString(forRegionCode: code) else { continue }
            let name = removingParenthetical(cldr)
            // One-character names (日, 米 as in 米ドル) are compounds' business, not the gazetteer's.
            guard name.unicodeScalars.count >= 2 else { continue }
            names[name, default: []].insert(Party(stringLiteral: code))
        }
        for (name, code) in japaneseAliases where name.unicodeScalars.count >= 2 { names[name] = [Party(stringLiteral: code)] }
        for org in Organisation.all {
            // Japanese texts write organisations in kana and kanji, or by their Latin names as capitals.
            for name in [org.japanese, org.english, org.code] + org.aliases.filter({ !$0.unicodeScalars.allSatisfy(\.isASCII) }) {
                names[name] = PartySet(org.parties)
            }
        }
        for phrase in japaneseNonParties { names[phrase] = [] }
        return Gazetteer(names.map { (ScalarString($0.key), $0.value) })
    }()
}

extension PartyNames {
    /// English text lowercased for the name tables, with the capital `US` kept apart from
    /// the pronoun `us` (written `u.s.`, which the tables know).
    static func lowercasedForNames(_ s: ScalarString) -> ScalarString {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        let t = s.scalars
        var i = 0
        while i < t.count {
            if t[i] == "U", i + 1 < t.count, t[i + 1] == "S", i == 0 || !CharacterClass.isLetter(t[i - 1]),
                i + 2 == t.count || !CharacterClass.isLetter(t[i + 2])
            {
                out += ["u", ".", "s", "."]
                i += 2
                continue
            }
            out.append(CharacterClass.isUpper(t[i]) ? Unicode.Scalar(t[i].value + 32)! : t[i])
            i += 1
        }
        return ScalarString(out)
    }
}

/// A set of parties, kept sorted: built and merged for every sentence, and written
/// out in `Party`'s order, as the format wants.
public struct PartySet: Sendable, Equatable, ExpressibleByArrayLiteral {
    public private(set) var members: [Party] = []

    public init() {}
    public init(arrayLiteral elements: Party...) { formUnion(elements) }
    public init<S: Sequence<Party>>(_ parties: S) { formUnion(parties) }

    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }
    public func contains(_ p: Party) -> Bool { members.contains(p) }

    public mutating func insert(_ p: Party) {
        var i = 0
        while i < members.count, members[i] < p { i += 1 }
        if i < members.count, members[i] == p { return }
        members.insert(p, at: i)
    }

    public mutating func formUnion<S: Sequence<Party>>(_ parties: S) { for p in parties { insert(p) } }
    public mutating func formUnion(_ other: PartySet) { for p in other.members { insert(p) } }

    /// The parties in order, without repeats.
    public func sorted() -> [Party] { members }
}
