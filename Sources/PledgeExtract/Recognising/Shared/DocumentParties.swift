import PledgeModel

/// Reads who a document is between and who published it, from what it says of itself:
/// its title (`United States–Japan Joint Leaders' Statement`, `日豪首脳共同声明`,
/// `G7 Leaders' Statement`), the page furniture and closing lines of its publisher
/// (`THE WHITE HOUSE`, `外務省`); when the title names fewer than two sides, the subject
/// of its first sentence (`We, the leaders of Japan, the Philippines, and the United
/// States`), then the countries the text names most.
enum DocumentPartiesReader {
    /// What the reader is given: the title line, the short lines around it (furniture,
    /// dateline), the opening paragraph and the last lines of the document.
    struct Evidence {
        var title: [Unicode.Scalar]?
        var header: [[Unicode.Scalar]] = []
        /// The subject of the first sentence of the text.
        var opening: [Unicode.Scalar] = []
        var closing: [[Unicode.Scalar]] = []
        /// The opening stretch of the text, where the sides a text names most are its own;
        /// read only when the title and the first sentence do not say.
        var sample: () -> [Unicode.Scalar] = { [] }
    }

    /// Who a document is between when it says nothing of it (a pasted paragraph): the pair
    /// Pledge's register was made for. `--parties` says otherwise.
    static let defaultParties: [Party] = [.JP, .US]

    /// Publishers known by the words on their pages, lowercased for English.
    static let publishers: [(mark: ScalarString, party: Party)] = [
        ("the white house", "US"), ("whitehouse.gov", "US"), ("office of the press secretary", "US"),
        ("office of the spokesperson", "US"), ("state.gov", "US"), ("u.s. department of state", "US"), ("u.s. embassy", "US"),
        ("ministry of foreign affairs of japan", "JP"), ("mofa.go.jp", "JP"), ("prime minister's office of japan", "JP"),
        ("kantei.go.jp", "JP"), ("prime minister of japan and his cabinet", "JP"),
        ("外務省", "JP"), ("首相官邸", "JP"), ("内閣官房", "JP"), ("内閣府", "JP"), ("在日米国大使館", "US"), ("米国大使館", "US"),
        ("gov.uk", "GB"), ("10 downing street", "GB"), ("foreign, commonwealth", "GB"),
        ("prime minister of australia", "AU"), ("pm.gov.au", "AU"), ("department of foreign affairs and trade", "AU"), ("dfat.gov.au", "AU"),
        ("ministry of external affairs", "IN"), ("mea.gov.in", "IN"), ("pib.gov.in", "IN"),
        ("presidential communications office", "PH"), ("department of foreign affairs, philippines", "PH"), ("dfa.gov.ph", "PH"),
        ("president.go.kr", "KR"), ("mofa.go.kr", "KR"), ("élysée", "FR"), ("elysee.fr", "FR"), ("bundesregierung", "DE"),
        ("pm.gc.ca", "CA"), ("prime minister of canada", "CA"), ("european council", "EU"), ("consilium.europa.eu", "EU"),
    ]

    /// Words in a title that make the document one government's voice.
    static let speechMarks: [ScalarString] = [
        "演説", "所信表明", "施政方針", "談話", "挨拶", "あいさつ", "スピーチ", "記者会見", "報道発表", "メッセージ",
        "remarks by", "remarks of", "address by", "speech by", "policy speech", "statement by the press secretary",
        "statement by president", "statement by prime minister", "statement by the president", "statement by secretary",
        "press release", "readout",
    ]

    /// Offices whose holder speaks for a country when a title names no country: 内閣総理大臣, 外務大臣.
    static let japaneseOffices: [ScalarString] = ["内閣総理大臣", "総理大臣", "総理", "外務大臣", "官房長官", "防衛大臣", "外務報道官"]

    static func read(_ e: Evidence, language: Language) -> PartyContext {
        var read: [Unicode.Scalar]?
        func sample() -> [Unicode.Scalar] {
            if let read { return read }
            read = e.sample()
            return read!
        }
        let title = e.title.map { ScalarString($0) } ?? ScalarString("")
        let lowerTitle = lowered(title)
        var issuer = publisher(in: e.header + e.closing + (e.title.map { [$0] } ?? []))
        var isSpeech = speechMarks.contains { lowerTitle.contains($0) }
        // Japanese in the polite style (〜ます, 〜です) is a government speaking for itself: a
        // speech or a ministry's release. Joint statements are written in the plain style.
        if language == .ja, !isSpeech, named(in: title, language: language).count < 2, isPolite(sample()) {
            isSpeech = true
            if issuer == nil { issuer = .JP }
        }
        if lowerTitle.hasPrefix("fact sheet"), issuer == nil { issuer = .US }  // the White House's and State's form

        var parties = named(in: withoutTopic(title, language: language), language: language)
        // A speech's speaker: 小渕内閣総理大臣, Prime Minister Kishida, President Biden.
        if isSpeech, issuer == nil {
            if language == .ja, japaneseOffices.contains(where: { title.contains($0) }) {
                issuer = .JP
            } else if parties.count == 1 {
                issuer = parties.members.first
            }
        }
        if isSpeech, let issuer, parties.count <= 1 { parties = [issuer] }
        if parties.count < 2, !isSpeech {
            let opening = named(in: ScalarString(e.opening), language: language)
            if opening.count >= 2 { parties.formUnion(opening) }
        }
        if parties.count < 2, !isSpeech {
            // The sides the text names most: Japan and its partner in a Japanese text.
            var counts: [Party: Int] = [:]
            for p in named(all: ScalarString(sample()), language: language) where p.isCountry { counts[p, default: 0] += 1 }
            if language == .ja, parties.isEmpty { counts[.JP, default: 0] += 1_000 }
            for p in parties.members { counts[p, default: 0] += 1_000 }
            let ranked = counts.filter { $0.value >= 2 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            if ranked.count >= 2 { parties = PartySet(ranked.prefix(2).map(\.key)) }
        }
        if parties.isEmpty, let issuer { parties.insert(issuer) }
        var unknownPartner = false
        if parties.isEmpty || parties.count == 1 && !isSpeech && issuer == nil {
            parties.formUnion(defaultParties)
            unknownPartner = true
        }

        // A Japanese text names Japan's bodies bare; an English one its publisher's, or in a
        // joint text with the United States (the documents these readers first came from), America's.
        let home: Party? = issuer
            ?? (language == .ja ? Party.JP : nil)
            ?? (parties.contains(.US) ? .US : nil)
            ?? (parties.count == 1 ? parties.members.first : nil)
        // A foreign body of unstated country is the partner's only when the text says who that is.
        var context = PartyContext(documentParties: parties.sorted(), issuer: issuer, home: home, foreign: unknownPartner ? .OTHER : nil)
        context.speaksForIssuer = issuer != nil && (isSpeech || parties.sorted() == [issuer!])
        return context
    }

    /// The parties a title or opening names: countries, organisations (a grouping by its
    /// members), leaders, compounds such as 日豪 or 日米比.
    static func named(in text: ScalarString, language: Language) -> PartySet {
        var found = PartySet()
        if language == .ja {
            for p in JapaneseParties.countries.values(in: text) { found.formUnion(p) }
            for p in JapaneseParties.people.values(in: text) { found.insert(p) }
            found.formUnion(JapaneseParties.compoundParties(text))
            if text.hasPrefix("日"), !found.isEmpty, !text.hasPrefix("日本") { found.insert(.JP) }
        } else {
            let lower = lowered(text)
            for p in EnglishParties.countries.values(in: lower) { found.formUnion(p) }
            for p in EnglishParties.entities.values(in: lower) { found.insert(p) }
        }
        return found
    }

    /// A title without what it is about: `G7 Leaders' Statement on Ukraine` is the G7's,
    /// `ウクライナに関するG7首脳声明` too. The topic is cut only when what is left names a party.
    static func withoutTopic(_ title: ScalarString, language: Language) -> ScalarString {
        if language == .ja {
            for mark in japaneseTopicMarks {
                guard let k = title.firstIndex(of: mark) else { continue }
                let rest = ScalarString(Array(title.scalars[(k + mark.count)...]))
                if !named(in: rest, language: language).isEmpty { return rest }
            }
            return title
        }
        // Lowercased code point for code point, so that positions carry over to the title.
        let lower = ScalarString(title.scalars.map { CharacterClass.isUpper($0) ? Unicode.Scalar($0.value + 32)! : $0 })
        for mark in englishTopicMarks {
            guard let k = lower.firstIndex(of: mark), k > 0 else { continue }
            let head = ScalarString(Array(title.scalars[..<k]))
            if !named(in: head, language: language).isEmpty { return head }
        }
        return title
    }

    static let japaneseTopicMarks: [ScalarString] = ["に関する", "についての", "に係る", "をめぐる", "に対する"]
    static let englishTopicMarks: [ScalarString] = [" on ", " regarding ", " concerning ", " about ", " in support of "]

    /// Whether most sentences end in the polite style: `ます。`, `です。`, `ません。`.
    static func isPolite(_ text: [Unicode.Scalar]) -> Bool {
        var sentences = 0, polite = 0
        for (i, u) in text.enumerated() where u == "。" && i >= 2 {
            sentences += 1
            let a = text[i - 2], b = text[i - 1]
            if b == "す" && (a == "ま" || a == "で") || b == "ん" && a == "せ" || b == "た" && a == "し" && i >= 3 && text[i - 3] == "ま" { polite += 1 }
        }
        return sentences > 0 && polite * 2 > sentences
    }

    /// Every mention of a country in a stretch of text, once per mention.
    static func named(all text: ScalarString, language: Language) -> [Party] {
        var out: [Party] = []
        if language == .ja {
            for p in JapaneseParties.countries.values(in: text) where p.count == 1 { out += p.members }
            let compounds = JapaneseParties.compoundParties(text)
            out += compounds.members
        } else {
            for p in EnglishParties.countries.values(in: lowered(text)) where p.count == 1 { out += p.members }
        }
        return out
    }

    static func publisher(in lines: [[Unicode.Scalar]]) -> Party? {
        for line in lines {
            let l = lowered(ScalarString(line))
            if let hit = publishers.first(where: { l.contains($0.mark) }) { return hit.party }
        }
        return nil
    }

    static func lowered(_ s: ScalarString) -> ScalarString { PartyNames.lowercasedForNames(s) }
}
