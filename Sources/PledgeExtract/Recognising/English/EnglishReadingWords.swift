import PledgeModel

/// The word lists English sentence reading consults, and the flags each word gets from them.
extension EnglishSentenceReadingRules {
    /// Listed words longer than twelve letters (the packed key holds twelve).
    static let longListed: Set<String> = {
        var all = Set(verbs.keys).union(openers).union(adverbs).union(asideOpeners).union(timeWords).union(noVerbAfterWords)
        all = all.filter { $0.unicodeScalars.count > 12 }
        return all
    }()
    static let noVerbAfterWords: Set<String> = ["to", "the", "a", "an", "our", "their", "its", "this", "of", "his", "her", "these", "new"]

    /// The list flags of a lower-cased word (suffix flags aside).
    static func listFlags(_ text: String) -> UInt16 {
        var f: UInt16 = 0
        if openers.contains(text) { f |= Flags.opener }
        if adverbs.contains(text) { f |= Flags.adverb }
        if asideOpeners.contains(text) { f |= Flags.asideOpener }
        if timeWords.contains(text) { f |= Flags.timeWord }
        if noVerbAfterWords.contains(text) { f |= Flags.noVerbAfter }
        if text == "which" || text == "who" || text == "whose" { f |= Flags.relative }
        if text == "and" { f |= Flags.and }
        return f
    }

    /// The suffix flags of a lower-cased word.
    static func suffixFlags(_ text: String) -> UInt16 {
        var f: UInt16 = 0
        if text.hasSuffix("ing") { f |= Flags.endsING }
        if text.hasSuffix("ed") { f |= Flags.endsED }
        if text.hasSuffix("s") { f |= Flags.endsS }
        if text.hasSuffix("ss") { f |= Flags.endsSS }
        return f
    }

    /// The words the rules name, by packed key: the shared string, its list flags and verb modality.
    static let vocabulary: (keys: KeyMap, entries: [(text: String, flags: UInt16, verb: Modality?)]) = {
        var keys: [UInt64] = []
        var entries: [(text: String, flags: UInt16, verb: Modality?)] = []
        for (k, w) in interned.sorted(by: { $0.key < $1.key }) {
            keys.append(k)
            entries.append((w, listFlags(w), verbs[w]))
        }
        return (KeyMap(keys), entries)
    }()

    /// Finite verb forms that can be a sentence's main verb, with the modality they give.
    static let verbs: [String: Modality] = {
        var m: [String: Modality] = [:]
        func add(_ words: String, _ modality: Modality) { for w in words.split(separator: " ") { m[String(w)] = modality } }
        add("intend intends aim aims", .intend)
        add("plan plans", .plan)
        add("commit commits committed recommit recommits recommitted pledge pledges pledged resolve resolves resolved agree agrees agreed vow vows vowed will shall", .commit)
        add("explore explores seek seeks consider considers pursue pursues", .explore)
        add("welcome welcomes welcomed applaud applauds applauded commend commends commended celebrate celebrates celebrated praise praises praised appreciate appreciates appreciated encourage encourages encouraged look looks", .welcome)
        add("call calls called affirm affirms affirmed reaffirm reaffirms reaffirmed recognize recognizes recognized recognise recognises recognised underscore underscores underscored emphasize emphasizes emphasized stress stresses stressed acknowledge acknowledges acknowledged note notes noted reiterate reiterates reiterated confirm confirms confirmed express expresses expressed highlight highlights highlighted share shares shared reconfirm reconfirms reconfirmed condemn condemns condemned urge urges urged deplore deplores deplored stand stands", .affirm)
        add("announce announces announced met decided inaugurated signed launched completed established opened joined concluded released began started initiated renewed approved created formed held hosted provided contributed invested unveiled adopted endorsed finalized updated achieved reached convened introduced delivered awarded granted selected", .done)
        add("continue continues support supports strengthen strengthens deepen deepens expand expands promote promotes work works cooperate cooperates collaborate collaborates advance advances enhance enhances build builds provide provides invest invests participate participates lead leads host hosts convene convenes establish establishes launch launches", .commit)
        add("is are was were remains remain represents represent includes include estimates estimate expects expect anticipates anticipate employ employs serve serves form forms demonstrate demonstrates transcend transcends begins begin has have", .other)
        return m
    }()

    /// Every word the rules compare with, by its packed key.
    static let interned: [UInt64: String] = {
        var words = Set(verbs.keys).union(openers).union(adverbs).union(asideOpeners).union(timeWords)
        words.formUnion(literals)
        var map: [UInt64: String] = [:]
        for w in words { if let k = EnglishTimeRules.key(Array(w.unicodeScalars)[...]) { map[k] = w } }
        return map
    }()
    static let literals: Set<String> = ["a", "acknowledging", "across", "actively", "addition", "additionally", "administration", "after", "again", "agencies", "agency", "agenda", "agreement", "aiming", "airbnb", "albanese", "aligned", "all", "alliance", "along", "alongside", "already", "also", "although", "amazon", "ambassador", "america", "american", "amid", "among", "amtrak", "an", "and", "angola", "apple", "are", "argentina", "arm", "army", "around", "as", "asean", "association", "astranis", "at", "aukus", "austin", "australia", "australian", "authorities", "authority", "aws", "bangladesh", "bank", "based", "be", "because", "before", "beginning", "begun", "between", "beyond", "biden", "blinken", "boeing", "both", "brazil", "british", "building", "built", "businesses", "but", "by", "cambodia", "canada", "canadian", "cdc", "center", "centre", "challenges", "chancellor", "chapter", "chile", "china", "collaboration", "collectively", "colombia", "commission", "commitment", "committed", "compact", "companies", "company", "congo", "congress", "considering", "consistent", "construction", "continue", "continues", "cooperation", "corporation", "corridor", "council", "countries", "csiro", "currently", "dedicated", "deeply", "delegation", "denmark", "department", "departments", "determined", "development", "dfc", "dialogue", "diet", "dprk", "during", "each", "earlier", "ed", "effort", "efforts", "egypt", "emanuel", "emperor", "enthusiastically", "ethiopia", "eu", "event", "exchange", "exploring", "facility", "fda", "fellowship", "fiji", "finally", "finland", "firmly", "firms", "following", "for", "forces", "ford", "formally", "forum", "forward", "foundation", "framework", "france", "french", "from", "fujifilm", "fujitsu", "fully", "fund", "further", "furthermore", "german", "germany", "ghana", "given", "goal", "google", "government", "governments", "group", "grown", "had", "hanwha", "harris", "has", "have", "hayashi", "hegseth", "her", "hereby", "highlighting", "his", "hitachi", "honda", "hub", "hyundai", "ibm", "if", "imf", "importantly", "in", "including", "india", "indian", "indonesia", "industry", "ing", "initiative", "institute", "intel", "intending", "investment", "investments", "ionq", "is", "ishiba", "israel", "it", "italian", "italy", "its", "iwaya", "japan", "japanese", "jaxa", "jbic", "jica", "jogmec", "jointly", "jst", "kamala", "kamikawa", "keidanren", "kenya", "kihara", "king", "kishida", "korea", "korean", "laboratory", "laos", "later", "leaders", "leveraging", "like", "likewise", "lockheed", "look", "looking", "looks", "made", "malaysia", "marcos", "meanwhile", "mechanism", "meeting", "memorandum", "meta", "meti", "mexico", "mext", "micron", "micronesia", "microsoft", "minister", "ministries", "ministry", "mitsubishi", "mitsui", "modi", "mofa", "mongolia", "month", "moreover", "motegi", "msit", "myanmar", "nakatani", "nasa", "nations", "nato", "navy", "nec", "nedo", "netflix", "netherlands", "network", "new", "nigeria", "nissan", "nist", "norway", "notably", "noting", "now", "nsf", "ntt", "nvidia", "of", "office", "officially", "on", "once", "openai", "or", "organization", "our", "over", "pakistan", "palau", "panasonic", "parliament", "part", "particular", "partners", "partnership", "pentagon", "people", "peoples", "peru", "pfizer", "philippine", "philippines", "plan", "planning", "plant", "pmda", "poland", "prc", "president", "prime", "program", "programme", "project", "pursuing", "quad", "quantinuum", "queen", "raimondo", "rapidus", "reaffirming", "recently", "recognising", "recognizing", "relationship", "resolved", "roadmap", "rok", "rubio", "russia", "s", "samsung", "secretary", "sector", "seeking", "seoul", "separately", "seriously", "service", "shall", "share", "sheet", "side", "sides", "similarly", "since", "singapore", "so", "society", "softbank", "sony", "spain", "specifically", "ss", "starting", "statement", "states", "steadfast", "still", "strategy", "strongly", "study", "sullivan", "sumitomo", "summit", "sunak", "survey", "sweden", "switzerland", "taiwan", "takeda", "taken", "team", "tepco", "tesla", "thailand", "that", "the", "their", "these", "they", "this", "through", "ties", "to", "today", "together", "tokyo", "tomorrow", "toshiba", "toyota", "trump", "tsmc", "turkey", "tuvalu", "ube", "uk", "ukraine", "under", "underscoring", "unequivocally", "universities", "university", "unwavering", "usaid", "via", "vietnam", "visit", "warmly", "washington", "we", "week", "welcomed", "welcoming", "when", "where", "which", "while", "who", "whose", "will", "with", "yaskawa", "year", "yellen", "yesterday", "yoon", "zambia"]

    /// The ending of a word no rule names, as a marker no rule word equals.
    static func ending(_ w: ArraySlice<Unicode.Scalar>) -> String {
        @inline(__always) func lower(_ u: Unicode.Scalar) -> UInt32 { u.value | 0x20 }
        let n = w.count
        let e = w.endIndex
        if n > 3, lower(w[e - 3]) == 0x69, lower(w[e - 2]) == 0x6E, lower(w[e - 1]) == 0x67 { return "~ing" }  // ing
        if n > 2, lower(w[e - 2]) == 0x65, lower(w[e - 1]) == 0x64 { return "~ed" }
        if n > 2, lower(w[e - 2]) == 0x73, lower(w[e - 1]) == 0x73 { return "~ss" }
        if n > 1, lower(w[e - 1]) == 0x73 { return "~s" }
        return "~"
    }

    /// The suffix flags of an ASCII word, read from its letters.
    @inline(__always) static func asciiSuffixFlags(_ w: ArraySlice<Unicode.Scalar>) -> UInt16 {
        @inline(__always) func lower(_ u: Unicode.Scalar) -> UInt32 { u.value | 0x20 }
        let n = w.count
        let e = w.endIndex
        var f: UInt16 = 0
        if n >= 3, lower(w[e - 3]) == 0x69, lower(w[e - 2]) == 0x6E, lower(w[e - 1]) == 0x67 { f |= Flags.endsING }
        if n >= 2, lower(w[e - 2]) == 0x65, lower(w[e - 1]) == 0x64 { f |= Flags.endsED }
        if n >= 1, lower(w[e - 1]) == 0x73 {
            f |= Flags.endsS
            if n >= 2, lower(w[e - 2]) == 0x73 { f |= Flags.endsSS }
        }
        return f
    }

    /// Words that open a leading phrase, after which the main clause follows a comma.
    static let openers: Set<String> = [
        "to", "in", "as", "building", "following", "through", "with", "under", "since", "recognizing", "recognising", "consistent",
        "given", "beyond", "today", "also", "additionally", "moreover", "furthermore", "together", "at", "on", "for", "by", "after",
        "before", "during", "over", "among", "while", "although", "because", "if", "when", "amid", "further", "finally",
        "separately", "specifically", "notably", "likewise", "similarly", "meanwhile", "earlier", "later", "beginning",
        "starting", "noting", "acknowledging", "reaffirming", "welcoming", "highlighting", "underscoring", "leveraging",
        "based", "aligned", "from", "alongside", "importantly", "where",
    ]

    static let adverbs: Set<String> = [
        "also", "further", "jointly", "together", "now", "each", "both", "all", "additionally", "likewise", "hereby", "today",
        "strongly", "fully", "firmly", "unequivocally", "seriously", "actively", "again", "once", "still", "already", "currently",
        "recently", "formally", "officially", "collectively", "continue", "continues", "to", "will", "have", "has", "had",
        "are", "is", "warmly", "enthusiastically", "deeply",
    ]
    /// Words that open an aside between commas, not a subject: `Astranis, which builds …, plans`.
    static let asideOpeners: Set<String> = [
        "which", "who", "whose", "under", "in", "with", "through", "as", "including", "part", "like", "along", "alongside",
        "together", "on", "at", "for", "by", "from", "among", "via", "following", "after", "during",
    ]
    static let determiners: Set<String> = ["this", "these", "that", "those", "such", "a", "an", "the"]
    static let nameSuffixes: Set<String> = ["jr", "jr.", "sr", "sr."]
    static let timeWords: Set<String> = ["today", "year", "month", "week", "tomorrow", "yesterday", "recently", "addition", "particular"]
}
