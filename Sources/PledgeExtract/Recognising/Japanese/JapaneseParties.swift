import PledgeModel

/// Reads which countries and organisations a Japanese actor phrase stands for. Country
/// and organisation names come from `PartyNames` (CLDR plus aliases); small tables here
/// hold agencies, places, people and companies these documents name without their
/// country. The rules (an unmarked ministry is the home government's, a katakana `〜社`
/// is foreign) do the rest.
public enum JapaneseParties {
    /// Countries and organisations, then agencies known by their own names.
    static let countries = PartyNames.japanese
    static let agencies = Gazetteer<Party>([
        ("NASA", "US"), ("JAXA", "JP"), ("JICA", "JP"), ("JBIC", "JP"), ("JETRO", "JP"), ("ジェトロ", "JP"), ("USAID", "US"),
        ("DFC", "US"), ("NEXI", "JP"), ("JOGMEC", "JP"), ("NEDO", "JP"), ("ホワイトハウス", "US"), ("国防総省", "US"),
        ("国務省", "US"), ("首相官邸", "JP"), ("官邸", "JP"), ("国会", "JP"), ("ペンタゴン", "US"),
    ])
    /// One-character names that stand in compounds such as 日米豪, 日英, 米比.
    static let abbreviations = PartyNames.abbreviations
    /// The abbreviations' code points as bits, tested before the table is: most code points are none.
    static let abbreviationBits = CodePointBits(abbreviations.keys)

    @inline(__always) static func abbreviation(_ u: Unicode.Scalar) -> Party? {
        abbreviationBits.excludes(u) ? nil : abbreviations[u]
    }
    /// Places whose names stand in institutions' names (シカゴ大学, 東京大学).
    static let places = Gazetteer<Party>([
        ("東京", "JP"), ("大阪", "JP"), ("京都", "JP"), ("名古屋", "JP"), ("横浜", "JP"), ("福岡", "JP"), ("札幌", "JP"),
        ("神戸", "JP"), ("広島", "JP"), ("福島", "JP"), ("沖縄", "JP"), ("北海道", "JP"), ("筑波", "JP"), ("東北", "JP"),
        ("九州", "JP"), ("慶應", "JP"), ("早稲田", "JP"), ("仙台", "JP"), ("長崎", "JP"),
        ("ワシントン", "US"), ("ニューヨーク", "US"), ("シカゴ", "US"), ("カリフォルニア", "US"), ("テキサス", "US"),
        ("ハワイ", "US"), ("アラスカ", "US"), ("グアム", "US"), ("ボストン", "US"), ("ハーバード", "US"), ("スタンフォード", "US"),
        ("マサチューセッツ", "US"), ("カーネギーメロン", "US"), ("ジョージタウン", "US"), ("コロンビア大学", "US"),
        ("プリンストン", "US"), ("イェール", "US"), ("サンフランシスコ", "US"), ("ロサンゼルス", "US"), ("シアトル", "US"),
        ("ソウル", "KR"), ("北京", "CN"), ("上海", "CN"), ("ロンドン", "GB"), ("パリ", "FR"), ("シドニー", "AU"),
        ("メルボルン", "AU"), ("マニラ", "PH"), ("ジャカルタ", "ID"), ("ニューデリー", "IN"), ("ベルリン", "DE"),
        ("オックスフォード", "GB"), ("ケンブリッジ", "GB"), ("トロント", "CA"), ("台北", "TW"), ("ハノイ", "VN"),
        ("バンコク", "TH"), ("キーウ", "UA"), ("モスクワ", "RU"), ("ブリュッセル", "EU"),
    ])
    /// People who stand for their country in these documents.
    static let people = Gazetteer<Party>([
        ("バイデン", "US"), ("ハリス", "US"), ("トランプ", "US"), ("オバマ", "US"), ("ブリンケン", "US"), ("オースティン", "US"),
        ("ルビオ", "US"), ("ヘグセス", "US"), ("レモンド", "US"), ("イエレン", "US"), ("エマニュエル", "US"), ("サリバン", "US"),
        ("岸田", "JP"), ("石破", "JP"), ("高市", "JP"), ("菅", "JP"), ("安倍", "JP"), ("上川", "JP"), ("林", "JP"), ("茂木", "JP"),
        ("岩屋", "JP"), ("木原", "JP"), ("中谷", "JP"), ("齋藤", "JP"), ("武藤", "JP"), ("天皇", "JP"), ("小泉", "JP"), ("野田", "JP"),
        ("アルバニージー", "AU"), ("モリソン", "AU"), ("マルコス", "PH"), ("尹", "KR"), ("李在明", "KR"), ("スナク", "GB"),
        ("スターマー", "GB"), ("モディ", "IN"), ("マクロン", "FR"), ("ショルツ", "DE"), ("メルツ", "DE"), ("メローニ", "IT"),
        ("トルドー", "CA"), ("カーニー", "CA"), ("ゼレンスキー", "UA"), ("習近平", "CN"), ("プーチン", "RU"), ("ジョコ", "ID"),
        ("プラボウォ", "ID"), ("ラクソン", "NZ"), ("フォン・デア・ライエン", "EU"), ("ミシェル", "EU"), ("グテーレス", "UN"),
        // Leaders the speeches and statements of earlier years name.
        ("クリントン", "US"), ("ブッシュ", "US"), ("ブレア", "GB"), ("シラク", "FR"), ("シュレーダー", "DE"), ("エリツィン", "RU"),
        ("メドヴェージェフ", "RU"), ("メドベージェフ", "RU"), ("金大中", "KR"), ("盧武鉉", "KR"), ("李明博", "KR"), ("朴槿恵", "KR"),
        ("文在寅", "KR"), ("江沢民", "CN"), ("胡錦濤", "CN"), ("朱鎔基", "CN"), ("温家宝", "CN"), ("李克強", "CN"), ("金正日", "KP"),
        ("金正恩", "KP"), ("グエン・フー・チョン", "VN"), ("ルラ", "BR"), ("エルドアン", "TR"), ("ラマポーザ", "ZA"),
        ("リー・シェンロン", "SG"), ("アンワル", "MY"), ("アナン", "UN"),
    ])
    /// Companies whose names carry no nationality mark.
    static let companies = Gazetteer<Party>([
        ("トヨタ", "JP"), ("ホンダ", "JP"), ("本田技研", "JP"), ("日産", "JP"), ("ソニー", "JP"), ("パナソニック", "JP"),
        ("日立", "JP"), ("東芝", "JP"), ("三菱", "JP"), ("三井", "JP"), ("住友", "JP"), ("伊藤忠", "JP"), ("丸紅", "JP"),
        ("第一三共", "JP"), ("武田薬品", "JP"), ("アステラス", "JP"), ("ソフトバンク", "JP"), ("楽天", "JP"), ("富士通", "JP"),
        ("NEC", "JP"), ("NTT", "JP"), ("KDDI", "JP"), ("キヤノン", "JP"), ("富士フイルム", "JP"), ("富士フィルム", "JP"),
        ("安川電機", "JP"), ("デンソー", "JP"), ("スバル", "JP"), ("マツダ", "JP"), ("日本製鉄", "JP"), ("JERA", "JP"),
        ("東京電力", "JP"), ("関西電力", "JP"), ("ラピダス", "JP"), ("Rapidus", "JP"), ("UBE", "JP"), ("IHI", "JP"), ("川崎重工", "JP"),
        ("セブン", "JP"), ("ファーストリテイリング", "JP"), ("ユニクロ", "JP"), ("任天堂", "JP"), ("ANA", "JP"), ("JAL", "JP"),
        ("マイクロソフト", "US"), ("Microsoft", "US"), ("グーグル", "US"), ("Google", "US"), ("アマゾン", "US"), ("Amazon", "US"),
        ("アップル", "US"), ("Apple", "US"), ("メタ", "US"), ("エヌビディア", "US"), ("NVIDIA", "US"), ("インテル", "US"),
        ("IBM", "US"), ("ボーイング", "US"), ("ロッキード", "US"), ("レイセオン", "US"), ("ゼネラル・モーターズ", "US"),
        ("フォード", "US"), ("テスラ", "US"), ("ファイザー", "US"), ("モデルナ", "US"), ("エクソン", "US"), ("シェブロン", "US"),
        ("オープンAI", "US"), ("OpenAI", "US"), ("Airbnb", "US"), ("ウーバー", "US"), ("マイクロン", "US"), ("クアルコム", "US"),
        ("アーム", "GB"), ("サムスン", "KR"), ("TSMC", "TW"), ("台湾積体電路", "TW"), ("ヒュンダイ", "KR"),
        ("現代自動車", "KR"), ("LG", "KR"), ("SK", "KR"), ("シーメンス", "DE"), ("BHP", "AU"), ("エアバス", "EU"),
    ])
    /// Words meaning "both sides" of the document.
    static let bothSides: [ScalarString] = [
        "我々", "われわれ", "我ら", "両国", "両首脳", "両政府", "両者", "双方", "両機関", "両大臣", "両外相", "両国首脳", "両閣僚",
        "三か国", "三カ国", "三ヶ国", "3か国", "３か国", "三国", "3国", "各首脳", "三首脳", "首脳たち", "首脳ら", "我々首脳",
        "両大統領", "両首相", "両外相", "両国政府", "両国外相", "両国首相", "四か国", "4か国", "４か国", "各国首脳",
    ]
    /// Words that refer back to the last actor named: 同社, 同国, 同機関.
    static let anaphora: [ScalarString] = ["同社", "同国", "同機関", "同省", "同庁", "同行", "同大学", "同政府", "同グループ", "同公社"]

    /// Head nouns of actors that act: governments, bodies, companies, people in office.
    static let agentHeads: [ScalarString] = [
        "国", "政府", "省", "庁", "局", "府", "軍", "隊", "機構", "機関", "公社", "銀行", "会社", "企業", "大学", "研究所",
        "財団", "協会", "委員会", "議会", "首脳", "大統領", "首相", "総理大臣", "総理", "大臣", "長官", "大使", "議員", "当局",
        "センター", "組織", "部門", "グループ", "連合", "カンパニー", "コーポレーション", "社", "株式会社", "自動車", "電機",
        "製作所", "工業", "商事", "物産", "重工", "製薬", "ホールディングス", "研究機構", "事務局", "連盟", "評議会", "議連",
        "議員連盟", "国々", "諸国", "同盟国", "パートナー", "ネット", "労働省", "民間部門", "企業群", "産業界", "経済界",
        "閣僚", "室", "市", "県", "都", "町", "村", "州", "事務所", "チーム", "政権",
    ]
    /// Bodies that, unmarked in a Japanese text, are Japan's own (外務省, 国際協力銀行).
    static let japaneseBodyHeads: [ScalarString] = [
        "省", "庁", "機構", "公社", "銀行", "研究所", "委員会", "局", "府", "大学", "財団", "協会", "センター", "会議", "自衛隊",
        "政府", "室", "市", "県", "町", "村", "政権",
    ]

    /// The parties an actor phrase stands for; empty when it is not an acting party.
    /// `before` is the sentence text before the actor, where 同社 may find its company.
    public static func parties(of actor: String, context: PartyContext, previous: [Party], before: String = "") -> [Party] {
        parties(of: ScalarString(actor), context: context, previous: previous, before: ScalarString(before))
    }

    /// The speaker of a speech, who speaks for the issuing government.
    static let speakers: [ScalarString] = ["私", "わたくし", "私たち", "私ども", "わたし", "我々", "われわれ", "政府", "内閣", "私自身"]

    static let plurals: [ScalarString] = ["等", "ら", "など", "たち"]

    static let adverbs: [ScalarString] = ["また", "さらに", "更に", "なお", "共に", "も"]

    static func parties(of actor: ScalarString, context: PartyContext, previous: [Party], before: ScalarString) -> [Party] {
        var core = actor
        for word in adverbs where core.hasSuffix(word) && core.count > word.count {
            core = core.dropLast(word.count)
        }
        core = core.trimmingSpaces()
        // `主要な閣僚等`, `首脳ら`: the plural mark is not the head.
        for plural in plurals where core.hasSuffix(plural) && core.count > plural.count { core = core.dropLast(plural.count) }
        if core.isEmpty { return [] }
        if let issuer = context.issuer, context.speaksForIssuer, speakers.contains(core) { return [issuer] }
        if anaphora.contains(where: { core.hasPrefix($0) }) {
            if !previous.isEmpty { return previous }
            return marked(before, context: context).sorted()
        }
        if isNominalisedOrThing(core) { return [] }
        var found = PartySet()
        for conjunct in conjuncts(of: core) where isAgent(conjunct, context: context) {
            found.formUnion(parties(ofConjunct: conjunct, context: context))
        }
        return found.sorted()
    }

    static let things: [ScalarString] = ["こと", "もの", "の", "ため", "これ", "それ"]

    static func isNominalisedOrThing(_ phrase: ScalarString) -> Bool {
        things.contains { phrase.hasSuffix($0) }
    }

    /// Whether the phrase names something that can act: a country, government, body, company or leader.
    static func isAgent(_ phrase: ScalarString, context: PartyContext) -> Bool {
        if isNominalisedOrThing(phrase) { return false }
        let head = phrase.removingTrailingParenthetical()
        if bothSides.contains(where: { head.hasSuffix($0) }) { return true }
        if agentHeads.contains(where: { head.hasSuffix($0) }) || titles.contains(where: { head.hasSuffix($0) }) { return true }
        if countries.containsSuffix(of: head) { return true }
        if companies.prefixValue(of: head) != nil || people.prefixValue(of: head) != nil || agencies.containsSuffix(of: head) { return true }
        if context.termParties[head] != nil { return true }
        // Compounds of one-character country names: 日米, 日米豪, 米英.
        if head.count >= 2, head.scalars.allSatisfy({ abbreviation($0) != nil || $0 == "・" }) { return true }
        return false
    }

    /// Offices held by people; the name before the title tells the country when nothing else does.
    static let titles: [ScalarString] = [
        "大統領", "副大統領", "首相", "副首相", "総理大臣", "総理", "大臣", "副大臣", "外相", "防衛相", "国防相", "財務相",
        "経済相", "貿易相", "開発相", "長官", "副長官", "大使", "議長", "委員長", "知事", "市長", "事務総長", "総裁", "代表",
        "国王", "首席", "主席", "議員", "閣僚", "官房長官",
    ]

    /// Splits `国土交通省及び米運輸省`, `バイデン大統領と岸田総理大臣`, `シカゴ大学、東京大学及びソウル大学`.
    static let conjunctions: [ScalarString] = ["及び", "並びに", "、", "と", "や"]

    static func conjuncts(of phrase: ScalarString) -> [ScalarString] {
        // `ロシアとの関係改善` is the improvement, not Russia: what follows との is the head.
        var phrase = phrase
        while let k = phrase.firstIndex(of: "との") { phrase = ScalarString(Array(phrase.scalars[(k + 2)...])) }
        return phrase.split(by: conjunctions)
    }

    /// The parties a phrase names outright: countries, compounds, places, people, companies, defined terms.
    static func marked(_ c: ScalarString, context: PartyContext) -> PartySet {
        var found = PartySet()
        if let word = bothSides.first(where: { c.contains($0) }) {
            found.formUnion(context.documentParties)
            // 三か国 in a bilateral text takes in a third party it does not name here.
            if word.scalars.contains(where: { "三3３".unicodeScalars.contains($0) }), context.documentParties.count < 3 { found.insert(.OTHER) }
        }
        for parties in countries.values(in: c) { found.formUnion(parties) }
        for party in agencies.values(in: c) { found.insert(party) }
        for (short, parties) in context.termParties where c.contains(short) { found.formUnion(parties) }
        for party in people.values(in: c) { found.insert(party) }
        for party in places.values(in: c) { found.insert(party) }
        if let party = companies.prefixValue(of: c) { found.insert(party) }
        found.formUnion(compoundParties(c))
        // 日 before another country's name: 日EU, 日ASEAN, 日豪州.
        if c.hasPrefix("日"), !found.isEmpty, !c.hasPrefix("日本") { found.insert(.JP) }
        // 我が国 is the speaker's country whichever it is.
        if let issuer = context.issuer, c.hasPrefix("我が国") || c.hasPrefix("わが国") { found = [issuer] }
        return found
    }

    /// Offices that, named without a country or a person, stand for the document's sides.
    static let collectiveOffices: Set<ScalarString> = ["閣僚", "首脳", "代表", "当局"]

    static func parties(ofConjunct c: ScalarString, context: PartyContext) -> PartySet {
        var found = marked(c, context: context)
        if !found.isEmpty { return found }

        // Unmarked: a Japanese text names foreign bodies with their country (米運輸省),
        // so a bare ministry, agency or bank is Japan's; a katakana or Latin 〜社 is foreign.
        let head = c.removingTrailingParenthetical()
        if head.hasSuffix("社") || head.hasSuffix("カンパニー") || head.hasSuffix("コーポレーション") {
            let name = head.scalars.dropLast(head.hasSuffix("社") ? 1 : 0)
            let foreign = name.contains { CharacterClass.isKatakana($0) || CharacterClass.isASCIILetter($0) }
                && !head.contains("株式会社")
            if foreign { found.insert(context.foreign) } else { found.insert(.JP) }
        } else if let title = titles.first(where: { head.hasSuffix($0) }), collectiveOffices.contains(title),
            head.count == title.count || head.scalars[head.count - title.count - 1].properties.isAlphabetic == false
                || CharacterClass.isHiragana(head.scalars[head.count - title.count - 1])
        {
            // `主要な閣僚`, `首脳`: officials of no stated country are the document's own sides.
            found.formUnion(context.documentParties)
        } else if let title = titles.first(where: { head.hasSuffix($0) }) {
            // A person by name and office: a katakana name is foreign (ギラード首相, マナロ外務大臣),
            // a kanji name Japanese (林外務大臣); 総理 is Japan's own office.
            let name = head.scalars.dropLast(title.count)
            if title == "総理大臣" || title == "総理" || name.isEmpty && title == "首相" {
                found.insert(.JP)
            } else if let first = name.first {
                if CharacterClass.isKatakana(first) || CharacterClass.isASCIILetter(first) { found.insert(context.foreign) } else { found.insert(.JP) }
            }
        } else if japaneseBodyHeads.contains(where: { head.hasSuffix($0) }) || isJapaneseCompanyName(head) {
            // A Japanese text names its own government's bodies bare; a translation of another
            // government's release names that government's so (国務省 is in `agencies`).
            found.insert(context.home ?? .JP)
        }
        return found
    }

    static let japaneseCompanySuffixes: [ScalarString] = [
        "株式会社", "自動車", "電機", "製作所", "工業", "商事", "物産", "重工", "製薬", "ホールディングス", "電力", "ガス", "証券", "生命",
    ]

    static func isJapaneseCompanyName(_ s: ScalarString) -> Bool {
        s.hasPrefix("株式会社") || japaneseCompanySuffixes.contains { s.hasSuffix($0) }
    }

    /// Parties named by a run of one-character abbreviations: 日米 → JP, US; 日米豪 → AU, JP, US.
    /// Only runs of two or more count, so 米 in 米国 is left to the country table and 中 in 中旬 never counts.
    static func compoundParties(_ s: ScalarString) -> PartySet {
        var found = PartySet()
        let scalars = s.scalars
        var i = 0
        while i < scalars.count {
            var j = i
            var run = PartySet()
            while j < scalars.count, let p = abbreviation(scalars[j]) {
                run.insert(p)
                j += 1
                if j < scalars.count, scalars[j] == "・", j + 1 < scalars.count, abbreviation(scalars[j + 1]) != nil { j += 1 }
            }
            let length = j - i
            if length >= 2 && (scalars[i] == "日" || scalars[i] == "米" || scalars.indices.contains(i + 1) && (scalars[i + 1] == "米" || scalars[i + 1] == "日")) {
                found.formUnion(run)
            } else if length == 1, scalars[i] == "米", i + 1 < scalars.count, i == 0 || !"北南中".unicodeScalars.contains(scalars[i - 1]),
                CharacterClass.isKanji(scalars[i + 1]) || CharacterClass.isKatakana(scalars[i + 1]),
                !"価粉作飯食穀".unicodeScalars.contains(scalars[i + 1])
            {
                found.insert(.US)  // 米海軍, 米運輸省, 米疾病予防管理センター
            }
            i = max(j, i + 1)
        }
        return found
    }

    /// Reads the parties of an abbreviation's long form at its definition:
    /// `日本の科学技術振興機構（JST）` → JP; `米国の食品医薬品局（FDA）` → US. `before` is the
    /// text just before the long form, where a possessor names the country.
    public static func parties(ofDefinition longText: String, before beforeText: String, context: PartyContext) -> [Party] {
        let long = ScalarString(longText)
        let before = ScalarString(beforeText)
        guard isAgent(long, context: context) else { return [] }
        if before.hasSuffix("の") {
            let possessor = marked(before.dropLast(1).suffix(6), context: context)
            if !possessor.isEmpty { return possessor.sorted() }
        }
        var found = PartySet()
        for c in conjuncts(of: long) { found.formUnion(parties(ofConjunct: c, context: context)) }
        return found.sorted()
    }
}

extension String {
    func trimmingSpaces() -> String { ScalarString(self).trimmingSpaces().description }
}

