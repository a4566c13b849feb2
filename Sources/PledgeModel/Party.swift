/// A side a commitment can bind: a country by its ISO 3166-1 alpha-2 code (`JP`, `PH`,
/// `GB`) or an international organisation by a code from `Organisation.all` (`EU`,
/// `UN`, `NATO`). Companies, agencies and ministries count as their country.
///
/// `OTHER` is a foreign party whose country the text does not tell (a katakana
/// company name with no place), and what registers made before countries were read
/// hold for every party that was neither Japan nor the United States.
public struct Party: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    /// A party from its code: two capital letters (a country) or a listed organisation.
    /// Nothing else is a party, so a typo fails here rather than matching nothing later.
    public init?(rawValue: String) {
        let code = rawValue.uppercased()
        let isCountry = code.utf8.count == 2 && code.utf8.allSatisfy { (65...90).contains($0) }
        guard isCountry || code == "OTHER" || Organisation.byCode[code] != nil else { return nil }
        self.rawValue = code
    }

    /// A code known to be valid: the recognisers' own tables.
    public init(stringLiteral value: String) { rawValue = value }

    public init(from decoder: Decoder) throws {
        // Whatever a register or archive holds is kept as written: a code read back is never dropped.
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var description: String { rawValue }

    /// Codes are ASCII: byte order is their order, without String's Unicode collation.
    public static func < (a: Party, b: Party) -> Bool { a.rawValue.utf8.lexicographicallyPrecedes(b.rawValue.utf8) }

    public static let JP: Party = "JP"
    public static let US: Party = "US"
    public static let OTHER: Party = "OTHER"

    /// Whether the code names a country (two letters) rather than an organisation.
    public var isCountry: Bool { rawValue.utf8.count == 2 }

    /// The organisation this code stands for, if it is one.
    public var organisation: Organisation? { Organisation.byCode[rawValue] }

    /// Parties written as a comma- or space-separated list of codes (`JP,AU`), sorted and
    /// without repeats; nil when any code is not a party.
    public static func list(_ text: String) -> [Party]? {
        var out = Set<Party>()
        for code in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "+" }) {
            guard let p = Party(rawValue: String(code)) else { return nil }
            out.insert(p)
        }
        return out.sorted()
    }
}

/// An international organisation or summit grouping that can appear as a party.
///
/// Groupings without a secretariat of their own (`G7`, `QUAD`) stand for their members:
/// "We, the Leaders of the G7" binds each member, the way the G7 Research Group scores
/// compliance member by member. Bodies with their own secretariat (`UN`, `NATO`) act
/// for themselves.
public struct Organisation: Sendable, Hashable {
    public let code: String
    public let english: String
    public let japanese: String
    /// Other ways the texts write it, English lowercased: `world bank`, `世銀`.
    public let aliases: [String]
    /// Member codes, for groupings that bind their members.
    public let members: [Party]

    public var standsForMembers: Bool { !members.isEmpty }

    /// The parties a mention binds: its members for a grouping, itself otherwise.
    public var parties: [Party] { standsForMembers ? members : [Party(stringLiteral: code)] }

    static let g7: [Party] = ["CA", "DE", "EU", "FR", "GB", "IT", "JP", "US"]

    /// The documented list of organisation codes (README, "Parties").
    public static let all: [Organisation] = [
        Organisation(code: "EU", english: "European Union", japanese: "欧州連合", aliases: ["eu", "european commission", "欧州委員会", "ＥＵ"], members: []),
        Organisation(code: "UN", english: "United Nations", japanese: "国際連合", aliases: ["un", "国連", "u.n."], members: []),
        Organisation(code: "NATO", english: "NATO", japanese: "北大西洋条約機構", aliases: ["nato", "north atlantic treaty organization", "ＮＡＴＯ"], members: []),
        Organisation(code: "ASEAN", english: "ASEAN", japanese: "東南アジア諸国連合", aliases: ["asean", "association of southeast asian nations", "ＡＳＥＡＮ"], members: []),
        Organisation(code: "WB", english: "World Bank", japanese: "世界銀行", aliases: ["world bank", "世銀", "world bank group"], members: []),
        Organisation(code: "IMF", english: "International Monetary Fund", japanese: "国際通貨基金", aliases: ["imf", "ＩＭＦ"], members: []),
        Organisation(code: "ADB", english: "Asian Development Bank", japanese: "アジア開発銀行", aliases: ["adb", "ＡＤＢ"], members: []),
        Organisation(code: "WTO", english: "World Trade Organization", japanese: "世界貿易機関", aliases: ["wto", "ＷＴＯ"], members: []),
        // Not `who` among the lowercased English names: that is the pronoun.
        Organisation(code: "WHO", english: "World Health Organization", japanese: "世界保健機関", aliases: ["ＷＨＯ"], members: []),
        Organisation(code: "OECD", english: "OECD", japanese: "経済協力開発機構", aliases: ["oecd", "ＯＥＣＤ"], members: []),
        Organisation(code: "IAEA", english: "International Atomic Energy Agency", japanese: "国際原子力機関", aliases: ["iaea", "ＩＡＥＡ"], members: []),
        Organisation(code: "APEC", english: "APEC", japanese: "アジア太平洋経済協力", aliases: ["apec", "ＡＰＥＣ"], members: []),
        Organisation(code: "G7", english: "G7", japanese: "Ｇ７", aliases: ["g7", "group of seven", "ｇ７", "主要7か国", "主要７か国", "先進7か国", "先進７か国"], members: g7),
        Organisation(code: "G20", english: "G20", japanese: "Ｇ２０", aliases: ["g20", "group of twenty", "ｇ２０", "主要20か国・地域", "主要２０か国・地域"], members: [
            "AR", "AU", "BR", "CA", "CN", "DE", "EU", "FR", "GB", "ID", "IN", "IT", "JP", "KR", "MX", "RU", "SA", "TR", "US", "ZA",
        ]),
        Organisation(code: "QUAD", english: "Quad", japanese: "日米豪印", aliases: ["quad", "the quad", "クアッド", "日米豪印"], members: ["AU", "IN", "JP", "US"]),
        Organisation(code: "AUKUS", english: "AUKUS", japanese: "AUKUS", aliases: ["aukus", "オーカス"], members: ["AU", "GB", "US"]),
    ]

    public static let byCode: [String: Organisation] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
}

/// When each country's fiscal year ends, and which calendar year names it: Japan's
/// 2025年度 runs April 2025 – March 2026 (named by its first year), the United States'
/// FY2025 October 2024 – September 2025 (named by its last).
public struct FiscalYear: Sendable, Equatable {
    /// The month the year starts in (1 for calendar years).
    public let startMonth: Int
    /// Whether `FY2025` names the year in which it ends rather than the one it starts in.
    public let namedByEnd: Bool

    /// The documented table (README, "Fiscal years"); countries not in it use the calendar year.
    public static let byCountry: [Party: FiscalYear] = [
        "JP": FiscalYear(startMonth: 4, namedByEnd: false),
        "GB": FiscalYear(startMonth: 4, namedByEnd: false),
        "IN": FiscalYear(startMonth: 4, namedByEnd: false),
        "CA": FiscalYear(startMonth: 4, namedByEnd: false),
        "HK": FiscalYear(startMonth: 4, namedByEnd: false),
        "NZ": FiscalYear(startMonth: 7, namedByEnd: true),
        "US": FiscalYear(startMonth: 10, namedByEnd: true),
        "AU": FiscalYear(startMonth: 7, namedByEnd: true),
        "EG": FiscalYear(startMonth: 7, namedByEnd: true),
        "PK": FiscalYear(startMonth: 7, namedByEnd: true),
        "TH": FiscalYear(startMonth: 10, namedByEnd: true),
    ]

    public static let calendar = FiscalYear(startMonth: 1, namedByEnd: false)
    public static let japan = FiscalYear(startMonth: 4, namedByEnd: false)

    /// A country's fiscal year; the calendar year for one not in the table.
    public static func of(_ party: Party) -> FiscalYear { byCountry[party] ?? calendar }

    /// The last day of the fiscal year named `name`.
    public func lastDay(ofYearNamed name: Int) -> Day? {
        guard startMonth != 1 else { return Day(checkedYear: name, month: 12, day: 31) }
        let endYear = namedByEnd ? name : name + 1
        let endMonth = startMonth - 1
        return Day(checkedYear: endYear, month: endMonth, day: Day.daysIn(year: endYear, month: endMonth))
    }
}
