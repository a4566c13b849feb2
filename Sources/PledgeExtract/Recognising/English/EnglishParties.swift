import PledgeModel

/// Reads the parties an English actor phrase stands for. Country and organisation names
/// and adjectives come from `PartyNames` (CLDR plus aliases); this table holds the people,
/// agencies and companies these documents name without their country.
enum EnglishParties {
    static let countries = PartyNames.english
    static let entities = Gazetteer<Party>([
        ("biden", "US"), ("harris", "US"), ("kamala", "US"), ("trump", "US"), ("obama", "US"), ("blinken", "US"),
        ("austin", "US"), ("raimondo", "US"), ("yellen", "US"), ("rubio", "US"), ("hegseth", "US"), ("sullivan", "US"),
        ("emanuel", "US"), ("nasa", "US"), ("usaid", "US"), ("dfc", "US"), ("nist", "US"), ("nsf", "US"), ("fda", "US"),
        ("cdc", "US"), ("pentagon", "US"), ("congress", "US"), ("white house", "US"), ("exim", "US"), ("netflix", "US"),
        ("astranis", "US"), ("ford", "US"), ("johns hopkins", "US"), ("amtrak", "US"), ("chicago", "US"), ("new york", "US"),
        ("california", "US"), ("texas", "US"), ("hawaii", "US"), ("alaska", "US"), ("boston", "US"), ("harvard", "US"),
        ("stanford", "US"), ("princeton", "US"), ("yale", "US"), ("seattle", "US"), ("north carolina", "US"), ("guam", "US"),
        ("kishida", "JP"), ("ishiba", "JP"), ("takaichi", "JP"), ("suga", "JP"), ("abe", "JP"), ("kamikawa", "JP"),
        ("hayashi", "JP"), ("motegi", "JP"), ("iwaya", "JP"), ("kihara", "JP"), ("nakatani", "JP"), ("keidanren", "JP"),
        ("jica", "JP"), ("jbic", "JP"), ("jaxa", "JP"), ("jst", "JP"), ("meti", "JP"), ("mext", "JP"), ("mofa", "JP"),
        ("pmda", "JP"), ("nedo", "JP"), ("jogmec", "JP"), ("nexi", "JP"), ("kantei", "JP"),
        ("marcos", "PH"), ("yoon", "KR"), ("lee jae-myung", "KR"), ("albanese", "AU"), ("morrison", "AU"), ("sunak", "GB"),
        ("starmer", "GB"), ("modi", "IN"), ("macron", "FR"), ("scholz", "DE"), ("merz", "DE"), ("meloni", "IT"),
        ("trudeau", "CA"), ("carney", "CA"), ("zelenskyy", "UA"), ("zelensky", "UA"), ("xi jinping", "CN"), ("putin", "RU"),
        ("widodo", "ID"), ("prabowo", "ID"), ("luxon", "NZ"), ("von der leyen", "EU"), ("guterres", "UN"),
        ("ruto", "KE"), ("nguyen phu trong", "VN"), ("lula", "BR"), ("erdogan", "TR"), ("ramaphosa", "ZA"), ("hipkins", "NZ"),
        ("lee hsien loong", "SG"), ("anwar ibrahim", "MY"), ("clinton", "US"), ("bush", "US"), ("blair", "GB"), ("chirac", "FR"),
        ("jiang zemin", "CN"), ("hu jintao", "CN"), ("li keqiang", "CN"), ("kim jong un", "KP"), ("kim jong il", "KP"),
        ("kim dae-jung", "KR"), ("roh moo-hyun", "KR"), ("moon jae-in", "KR"), ("park geun-hye", "KR"), ("lee myung-bak", "KR"),
        ("yeltsin", "RU"), ("medvedev", "RU"),
        ("csiro", "AU"), ("msit", "KR"), ("hanwha", "KR"), ("sk ", "KR"), ("lg ", "KR"), ("samsung", "KR"), ("hyundai", "KR"),
        ("tsmc", "TW"), ("arm", "GB"), ("siemens", "DE"), ("airbus", "EU"),
        ("microsoft", "US"), ("google", "US"), ("amazon", "US"), ("aws", "US"), ("apple", "US"), ("nvidia", "US"), ("ibm", "US"),
        ("boeing", "US"), ("lockheed", "US"), ("general atomics", "US"), ("quantinuum", "US"), ("ionq", "US"), ("airbnb", "US"),
        ("intel", "US"), ("micron", "US"), ("pfizer", "US"), ("tesla", "US"), ("meta", "US"), ("openai", "US"),
        ("toyota", "JP"), ("honda", "JP"), ("nissan", "JP"), ("sony", "JP"), ("panasonic", "JP"), ("hitachi", "JP"), ("toshiba", "JP"),
        ("mitsubishi", "JP"), ("mitsui", "JP"), ("sumitomo", "JP"), ("daiichi sankyo", "JP"), ("takeda", "JP"), ("softbank", "JP"),
        ("fujifilm", "JP"), ("fujitsu", "JP"), ("yaskawa", "JP"), ("ube", "JP"), ("nec", "JP"), ("ntt", "JP"), ("tepco", "JP"),
        ("rapidus", "JP"),
    ], wholeWords: true)
    /// Words for both sides of the document.
    static let bothSides: [ScalarString] = [
        "we", "our two countries", "the two countries", "both countries", "the two leaders", "the leaders", "both leaders",
        "the two governments", "both governments", "our governments", "both sides", "the two sides", "our two governments",
        "the two nations", "our two nations", "they", "the two", "both", "our three nations", "our three countries",
        "the three leaders", "the three countries", "our three governments", "the three nations", "the three sides",
        "our nations", "our countries", "our four nations", "our four countries", "the four leaders", "the four countries",
        "leaders", "the participants", "the signatories", "all leaders", "we the leaders", "the countries",
        "both of our countries", "both of our governments", "both of our nations", "all of our countries",
        "the two presidents", "both presidents", "the presidents", "the two prime ministers", "the prime ministers",
        "the two ministers", "the ministers", "both ministers", "the two foreign ministers", "the foreign ministers",
        "the two heads of state", "the heads of state", "the delegations", "both delegations", "the two delegations",
        "the two allies", "both allies",
    ]
    /// How many sides a collective phrase counts: `our three countries` in a bilateral text
    /// takes in a third party the text does not name.
    static let counts: [(word: ScalarString, n: Int)] = [("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7)]
    /// Heads of phrases that name an acting body.
    static let agentHeads: [ScalarString] = [
        "department", "ministry", "agency", "administration", "government", "governments", "navy", "army", "air force",
        "forces", "institute", "laboratory", "university", "universities", "council", "commission", "foundation", "bank",
        "corporation", "company", "companies", "inc.", "corp.", "co.", "ltd.", "group", "partners", "countries", "nations",
        "leaders", "president", "minister", "secretary", "ambassador", "office", "center", "centre", "organization",
        "sector", "industry", "firms", "businesses", "congress", "parliament", "diet", "states", "japan", "side", "sides",
        "authority", "authorities", "service", "team", "delegation", "association", "society", "institute", "survey",
        "agencies", "ministries", "departments",
    ]
    /// Heads that act though they are no body: people in office and members.
    static let officeHeads: Set<String> = [
        "governor", "mayor", "chair", "chairman", "chairperson", "director", "head", "heads", "administrator", "commissioner",
        "representative", "representatives", "envoy", "spokesperson", "official", "officials", "member", "members", "leader",
        "ministers", "presidents", "secretaries", "chancellor", "king", "queen", "emperor", "premier",
        "advisor", "advisors", "adviser", "advisers", "militaries", "guards", "experts", "negotiators", "envoys",
    ]
    static let agentHeadsOf: [ScalarString] = agentHeads.map { ScalarString($0.description + " of") }

    /// Heads of phrases that name a thing, which acts for no one (`A new Memorandum of Understanding between …`).
    static let thingHeads: Set<String> = [
        "partnership", "agreement", "initiative", "investment", "investments", "project", "program", "programme", "plan",
        "visit", "alliance", "cooperation", "effort", "efforts", "collaboration", "dialogue", "exchange", "fund", "facility",
        "fellowship", "memorandum", "framework", "goal", "commitment", "relationship", "ties", "statement", "sheet",
        "chapter", "development", "construction", "forum", "plant", "hub", "center", "centre", "mechanism", "network",
        "challenges", "project", "compact", "study", "summit", "meeting", "event", "agenda", "roadmap", "strategy", "this",
        "it", "these", "corridor", "peoples", "people", "war", "aggression", "invasion", "attack", "attacks", "cap", "crisis",
        "conflict", "sanctions", "measures", "support", "assistance", "economy", "situation", "commitments", "actions",
        "funding", "financing", "aid", "grant", "grants", "loan", "loans", "contribution", "package", "event", "visit",
        "students", "nationals", "tourists", "visitors", "travelers", "residents", "communities", "families", "children", "youth",
    ]
    static let prepositions: Set<String> = ["of", "between", "in", "for", "with", "around", "on", "at", "from", "to", "among", "under", "across"]
    /// The same, by packed key (all are short ASCII words, so a word with no key is none of them).
    static let prepositionKeys = KeySet(prepositions.compactMap { EnglishTimeRules.key(Array($0.unicodeScalars)[...]) })

    /// The head noun of a phrase: its last word before the first preposition.
    static func head(_ phrase: ScalarString) -> String {
        // Word ranges over the code points, read in one pass; only the chosen head becomes a string.
        // A lone word is the head; otherwise the last word from the second on before a preposition.
        var i = 0
        let s = phrase.scalars
        var count = 0
        var head = 0..<0
        var stopped = false
        while i < s.count {
            while i < s.count, s[i] == " " || s[i] == "," { i += 1 }
            var j = i
            while j < s.count, s[j] != " ", s[j] != "," { j += 1 }
            if j > i {
                let w = i..<j
                count += 1
                if count == 1 {
                    head = w
                } else if count == 2 {
                    head = w
                    if let key = EnglishTimeRules.key(s[w]), prepositionKeys.contains(key), s[w].allSatisfy({ !CharacterClass.isUpper($0) }) { stopped = true }
                } else if !stopped {
                    if let key = EnglishTimeRules.key(s[w]), prepositionKeys.contains(key), s[w].allSatisfy({ !CharacterClass.isUpper($0) }) {
                        stopped = true
                    } else {
                        head = w
                    }
                }
            }
            i = j
        }
        guard count > 0 else { return "" }
        // A possessive ending is dropped before the head becomes a string.
        var end = head.upperBound
        if head.count >= 2, s[end - 1] == "s", s[end - 2] == "’" || s[end - 2] == "'" { end -= 2 }
        return String(scalars: s[head.lowerBound..<end])
    }

    static let it: ScalarString = "it"
    static let theCompany: ScalarString = "the company"
    static let theFirm: ScalarString = "the firm"
    static let thisInvestment: ScalarString = "this investment"
    static let theCompan: ScalarString = "the compan"
    static let weComma: ScalarString = "we,"
    static let i: ScalarString = "i"
    static let weSpace: ScalarString = "we "
    static let ourSpace: ScalarString = "our "
    static let we: ScalarString = "we"
    static let myGovernment: ScalarString = "my government"
    static let spacedOf: ScalarString = " of "

    /// Words that open an introductory phrase before the subject: `Through its AI Research
    /// Center in India, Google …`, `Together, we …`.
    static let introductions: Set<String> = [
        "through", "in", "with", "as", "on", "under", "by", "for", "since", "after", "following", "building", "to", "at",
        "together", "today", "additionally", "furthermore", "moreover", "also", "separately", "finally", "thanks", "recognizing",
        "recognising", "consistent", "addition",
    ]

    /// The document's sides, and a third party it does not name when the phrase counts more
    /// sides than it has (`our three countries` in a bilateral text).
    static func collective(_ phrase: ScalarString, _ context: PartyContext) -> PartySet {
        var found = PartySet(context.documentParties)
        if let n = counts.first(where: { phrase.contains($0.word) })?.n, n > context.documentParties.count { found.insert(.OTHER) }
        return found
    }

    static func parties(of actor: ScalarString, context: PartyContext, previous: [Party]) -> [Party] {
        var phrase = PartyNames.lowercasedForNames(actor)
        // `Supporting Independent Civil Society: President Ruto …`: a lead title is no subject.
        if let colon = phrase.scalars.lastIndex(of: ":"), colon + 2 < phrase.count, phrase.scalars[colon + 1] == " " {
            phrase = ScalarString(Array(phrase.scalars[(colon + 2)...]))
        }
        if let comma = phrase.scalars.firstIndex(of: ","), comma + 2 < phrase.count,
            let space = phrase.scalars.firstIndex(where: { $0 == " " || $0 == "," }),
            introductions.contains(String(scalars: phrase.scalars[..<space]))
        {
            phrase = ScalarString(Array(phrase.scalars[(comma + 1)...])).trimmingSpaces()
        }
        // `We reconfirm … and will …`: a subject that opens with `we` is the document's voice.
        if phrase.hasPrefix(weSpace), !phrase.hasPrefix(weComma) {
            return context.speaksForIssuer ? context.issuer.map { [$0] } ?? context.documentParties : context.documentParties
        }
        if phrase == it || phrase == theCompany || phrase == theFirm || phrase.hasPrefix(thisInvestment) {
            return phrase == it || phrase.hasPrefix(theCompan) || phrase.hasPrefix(theFirm) ? previous : []
        }
        if let issuer = context.issuer, context.speaksForIssuer, phrase == i || phrase == we || phrase == myGovernment { return [issuer] }
        // A thing as subject acts for no one: `This partnership`, `A new Memorandum of Understanding between …`.
        let headWord = head(phrase)
        if thingHeads.contains(headWord) { return [] }
        // `our foreign ministers`, `our national security advisors`: the document's own sides.
        if phrase.hasPrefix(ourSpace), officeHeads.contains(headWord) || agentHeads.contains(where: { $0.description == headWord }) {
            if context.speaksForIssuer, let issuer = context.issuer { return [issuer] }
            return collective(phrase, context).sorted()
        }
        // Nor does what belongs to a party: `The occasion of the Quad summit`. Bodies and offices
        // of a country act for it (`the Government of India`, `the Governor of Tokyo`).
        if let k = phrase.firstIndex(of: spacedOf), !officeHeads.contains(headWord),
            !agentHeads.contains(where: { $0.description == headWord }),
            countries.values(in: ScalarString(Array(phrase.scalars[..<k]))).isEmpty,
            entities.values(in: ScalarString(Array(phrase.scalars[..<k]))).isEmpty,
            !phrase.hasPrefix(weComma), !bothSides.contains(where: { phrase.hasPrefix($0) })
        {
            return []
        }
        var found = PartySet()
        let named = countries.values(in: phrase)
        let people = entities.values(in: phrase)
        if bothSides.contains(phrase) || phrase.hasPrefix(weComma) && named.isEmpty && people.isEmpty {
            found.formUnion(collective(phrase, context))
        }
        for p in named { found.formUnion(p) }
        for p in people { found.insert(p) }
        // The ASCII code points of the actor, so that most defined terms are ruled out by their first.
        var present: (UInt64, UInt64) = (0, 0)
        for u in actor.scalars where u.value < 128 {
            if u.value < 64 { present.0 |= 1 << UInt64(u.value) } else { present.1 |= 1 << UInt64(u.value - 64) }
        }
        for (short, parties) in context.termParties {
            if let f = short.first, f.value < 128 {
                let bit = f.value < 64 ? present.0 & (1 << UInt64(f.value)) : present.1 & (1 << UInt64(f.value - 64))
                if bit == 0 { continue }
            }
            if actor.contains(short) { found.formUnion(parties) }
        }
        if !found.isEmpty { return found.sorted() }
        // Unmarked bodies in an English release are the releasing government's (`The Department of Energy`).
        if let home = context.home,
            agentHeads.contains(where: { $0.last == phrase.last && phrase.hasSuffix($0) }) || phrase.contains(spacedOf) && agentHeadsOf.contains(where: { phrase.contains($0) })
        {
            return [home]
        }
        return []
    }
}
