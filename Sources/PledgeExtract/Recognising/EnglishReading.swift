import PledgeModel

/// English sentences: the main verb is the first verb cue that follows a subject in
/// the main clause (a leading `Recognizing …,` or `Building on …,` is passed over);
/// the actor is the noun phrase before it.
public struct EnglishSentenceReadingRules: SentenceReadingRules {
    public init() {}

    struct Word {
        var start: Int
        var end: Int
        var text: String  // lower-cased
        var capitalised: Bool
    }

    /// Finite verb forms that can be a sentence's main verb, with the modality they give.
    static let verbs: [String: Modality] = {
        var m: [String: Modality] = [:]
        func add(_ words: String, _ modality: Modality) { for w in words.split(separator: " ") { m[String(w)] = modality } }
        add("intend intends aim aims", .intend)
        add("plan plans", .plan)
        add("commit commits pledge pledges resolve resolves agree agrees agreed vow vows will shall", .commit)
        add("explore explores seek seeks consider considers pursue pursues", .explore)
        add("welcome welcomes welcomed applaud applauds applauded commend commends commended celebrate celebrates celebrated praise praises praised appreciate appreciates", .welcome)
        add("affirm affirms affirmed reaffirm reaffirms reaffirmed recognize recognizes recognized recognise recognises recognised underscore underscores underscored emphasize emphasizes emphasized stress stresses stressed acknowledge acknowledges acknowledged note notes noted reiterate reiterates reiterated confirm confirms confirmed express expresses expressed highlight highlights highlighted share shares shared", .affirm)
        add("announce announces announced signed launched completed established opened joined concluded released began started initiated renewed approved created formed held hosted provided contributed invested unveiled adopted endorsed finalized updated achieved reached convened introduced delivered awarded granted selected", .done)
        add("continue continues support supports strengthen strengthens deepen deepens expand expands promote promotes work works cooperate cooperates collaborate collaborates advance advances enhance enhances build builds provide provides invest invests participate participates lead leads host hosts convene convenes establish establishes launch launches", .commit)
        add("is are was were remains remain represents represent includes include aims", .other)
        return m
    }()

    /// Words that open a leading phrase, after which the main clause follows a comma.
    static let openers: Set<String> = [
        "to", "in", "as", "building", "following", "through", "with", "under", "since", "recognizing", "recognising", "consistent",
        "given", "beyond", "today", "also", "additionally", "moreover", "furthermore", "together", "at", "on", "for", "by", "after",
        "before", "during", "over", "among", "while", "although", "because", "if", "when", "amid", "further", "finally",
        "separately", "specifically", "notably", "likewise", "similarly", "meanwhile", "earlier", "later", "beginning",
        "starting", "noting", "acknowledging", "reaffirming", "welcoming", "highlighting", "underscoring", "leveraging",
        "based", "aligned", "in", "this", "last", "next", "from", "alongside", "furthermore", "importantly", "where",
    ]

    public func read(_ sentence: ArraySlice<Unicode.Scalar>, context: PartyContext, previous: [Party]) -> SentenceReading {
        let s = Array(sentence)
        let words = tokenize(s)
        guard let (verbIndex, modalityFromVerb) = mainVerb(words, s) else {
            return SentenceReading(modality: .other, actor: nil, parties: previous)
        }
        // The subject: from the clause start to the verb, without adverbs in between.
        var subjectEnd = verbIndex
        while subjectEnd > 0, ["also", "further", "jointly", "together", "now", "each", "both", "all", "additionally", "likewise", "hereby", "today", "will", "continue", "continues", "to", "further", "strongly", "fully", "firmly", "have", "has", "had", "are", "is"].contains(words[subjectEnd - 1].text) {
            subjectEnd -= 1
        }
        var subjectStart = subjectEnd
        while subjectStart > 0, !endsClause(s, before: words[subjectStart].start, after: words[subjectStart - 1].end) {
            subjectStart -= 1
        }
        var actor: Range<Int>?
        if subjectStart < subjectEnd {
            actor = words[subjectStart].start..<words[subjectEnd - 1].end
        }
        var modality = modalityFromVerb
        var parties = previous
        if let actor {
            parties = EnglishParties.parties(of: ScalarString(s[actor]), context: context, previous: previous)
        }
        let acting: Set<Modality> = [.commit, .intend, .plan, .done, .explore]
        if actor != nil, parties.isEmpty, acting.contains(modality) { modality = .other }
        return SentenceReading(modality: modality, actor: actor, parties: parties)
    }

    /// True when a comma, dash or semicolon stands between two words.
    func endsClause(_ s: [Unicode.Scalar], before start: Int, after end: Int) -> Bool {
        s[end..<start].contains { $0 == "," || $0 == ";" || $0 == ":" || $0 == "–" || $0 == "—" || $0 == "(" || $0 == ")" }
    }

    func tokenize(_ s: [Unicode.Scalar]) -> [Word] {
        var words: [Word] = []
        // One scratch buffer per sentence: a short lower-cased ASCII word then becomes a
        // small string with no allocation of its own.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(32)
        var i = 0
        while i < s.count {
            guard CharacterClass.isLetter(s[i]) || CharacterClass.isDigit(s[i]) else { i += 1; continue }
            var j = i
            while j < s.count, CharacterClass.isLetter(s[j]) || CharacterClass.isDigit(s[j]) || s[j] == "-" || s[j] == "’" || s[j] == "'" || s[j] == "&"
                || (s[j] == "." && j + 1 < s.count && CharacterClass.isLetter(s[j + 1]))
            {
                j += 1
            }
            if j < s.count, s[j] == ".", j - i <= 4, s[i..<j].contains(".") { j += 1 }  // U.S.
            var text: String
            if s[i..<j].allSatisfy({ $0.value < 0x80 }) {
                buffer.removeAll(keepingCapacity: true)
                for u in s[i..<j] { buffer.append(UInt8(CharacterClass.isUpper(u) ? u.value + 32 : u.value)) }
                text = String(decoding: buffer, as: UTF8.self)
            } else {
                text = String(scalars: s[i..<j]).lowercased()
            }
            words.append(Word(start: i, end: j, text: text, capitalised: CharacterClass.isUpperLetter(s[i])))
            i = j
        }
        return words
    }

    /// The main verb's word index and the modality its phrase gives.
    func mainVerb(_ words: [Word], _ s: [Unicode.Scalar]) -> (Int, Modality)? {
        let leading = words.first.map { Self.openers.contains($0.text) || $0.text.hasSuffix("ing") } ?? false
        var clauseSeen = !leading
        for (n, w) in words.enumerated() {
            if n > 0, endsClause(s, before: w.start, after: words[n - 1].end) { clauseSeen = true }
            guard n > 0, clauseSeen, let base = Self.verbs[w.text] else { continue }
            let before = words[n - 1].text
            // An infinitive or a noun use is no main verb: `to support`, `the plan`, `our commitment`.
            if before == "to" || before == "the" || before == "a" || before == "an" || before == "our" || before == "their" || before == "its" || before == "this" || before == "of" { continue }
            if w.text == "will" || w.text == "shall" {
                let next = n + 1 < words.count ? words[n + 1].text : ""
                let after = n + 2 < words.count ? words[n + 2].text : ""
                if ["explore", "seek", "consider", "pursue", "look"].contains(next) { return (n, .explore) }
                if next == "welcome" { return (n, .welcome) }
                if next == "be", ["exploring", "considering"].contains(after) { return (n, .explore) }
                return (n, .commit)
            }
            if base == .other, n + 1 < words.count {
                let next = words[n + 1].text
                // `are committed to`, `remain committed`, `are exploring`, `is planning to`.
                if ["committed", "dedicated", "determined", "resolved"].contains(next) { return (n, .commit) }
                if ["exploring", "considering", "seeking", "pursuing", "looking"].contains(next) { return (n, .explore) }
                if ["planning"].contains(next) { return (n, .plan) }
                if ["intending", "aiming"].contains(next) { return (n, .intend) }
            }
            if w.text == "look" || w.text == "looks", n + 1 < words.count, words[n + 1].text == "forward" { return (n, .welcome) }
            return (n, base)
        }
        // A past-tense verb after the subject reports a done act: `Japan joined …`.
        for (n, w) in words.enumerated() where n > 0 && clauseSeen && w.text.hasSuffix("ed") {
            return (n, .done)
        }
        return nil
    }
}

/// Reads the parties an English actor phrase stands for.
enum EnglishParties {
    static let names = Gazetteer<PartySet>([
        ("united states", .US), ("u.s.", .US), ("america", .US), ("american", .US), ("washington", .US), ("biden", .US),
        ("harris", .US), ("blinken", .US), ("austin", .US), ("trump", .US), ("nasa", .US), ("usaid", .US), ("dfc", .US),
        ("nist", .US), ("nsf", .US), ("fda", .US), ("cdc", .US), ("pentagon", .US), ("congress", .US),
        ("japan", .JP), ("japanese", .JP), ("tokyo", .JP), ("kishida", .JP), ("ishiba", .JP), ("jica", .JP), ("jbic", .JP),
        ("jaxa", .JP), ("jst", .JP), ("meti", .JP), ("mext", .JP), ("mofa", .JP), ("pmda", .JP), ("nedo", .JP), ("jogmec", .JP),
        ("australia", .OTHER), ("australian", .OTHER), ("philippines", .OTHER), ("philippine", .OTHER), ("korea", .OTHER),
        ("korean", .OTHER), ("united kingdom", .OTHER), ("u.k.", .OTHER), ("british", .OTHER), ("india", .OTHER),
        ("indian", .OTHER), ("france", .OTHER), ("germany", .OTHER), ("italy", .OTHER), ("canada", .OTHER), ("china", .OTHER),
        ("taiwan", .OTHER), ("ukraine", .OTHER), ("european union", .OTHER), ("eu", .OTHER), ("asean", .OTHER),
        ("united nations", .OTHER), ("world bank", .OTHER), ("imf", .OTHER), ("seoul", .OTHER), ("vietnam", .OTHER),
        ("indonesia", .OTHER), ("singapore", .OTHER), ("new zealand", .OTHER), ("aukus", [.US, .OTHER]), ("nato", [.US, .OTHER]),
        ("g7", [.JP, .US, .OTHER]), ("g20", [.JP, .US, .OTHER]), ("quad", [.JP, .US, .OTHER]),
        ("microsoft", .US), ("google", .US), ("amazon", .US), ("aws", .US), ("apple", .US), ("nvidia", .US), ("ibm", .US),
        ("boeing", .US), ("lockheed", .US), ("general atomics", .US), ("quantinuum", .US), ("ionq", .US), ("airbnb", .US),
        ("intel", .US), ("micron", .US), ("pfizer", .US), ("tesla", .US), ("meta", .US), ("openai", .US), ("amtrak", .US),
        ("toyota", .JP), ("honda", .JP), ("nissan", .JP), ("sony", .JP), ("panasonic", .JP), ("hitachi", .JP), ("toshiba", .JP),
        ("mitsubishi", .JP), ("mitsui", .JP), ("sumitomo", .JP), ("daiichi sankyo", .JP), ("takeda", .JP), ("softbank", .JP),
        ("fujifilm", .JP), ("fujitsu", .JP), ("yaskawa", .JP), ("ube", .JP), ("nec", .JP), ("ntt", .JP), ("tepco", .JP),
        ("rapidus", .JP), ("samsung", .OTHER), ("tsmc", .OTHER), ("hyundai", .OTHER), ("arm", .OTHER),
    ])
    /// Words for both sides of the document.
    static let bothSides: [ScalarString] = [
        "we", "our two countries", "the two countries", "both countries", "the two leaders", "the leaders", "both leaders",
        "the two governments", "both governments", "our governments", "both sides", "the two sides", "our two governments",
        "the two nations", "our two nations", "they", "the two", "both",
    ]
    /// Heads of phrases that name an acting body.
    static let agentHeads: [ScalarString] = [
        "department", "ministry", "agency", "administration", "government", "governments", "navy", "army", "air force",
        "forces", "institute", "laboratory", "university", "universities", "council", "commission", "foundation", "bank",
        "corporation", "company", "companies", "inc.", "corp.", "co.", "ltd.", "group", "partners", "countries", "nations",
        "leaders", "president", "minister", "secretary", "ambassador", "office", "center", "centre", "organization",
        "sector", "industry", "firms", "businesses", "congress", "parliament", "diet", "states", "japan", "side", "sides",
        "authority", "authorities", "service", "fund", "program", "team", "delegation", "association", "society", "network",
    ]

    static func parties(of actor: ScalarString, context: PartyContext, previous: [Party]) -> [Party] {
        let phrase = ScalarString(actor.scalars.map { CharacterClass.isUpper($0) ? Unicode.Scalar($0.value + 32)! : $0 })
        if phrase == "it" || phrase == "the company" || phrase == "the firm" || phrase.hasPrefix("this investment") {
            return phrase == "it" || phrase.hasPrefix("the compan") || phrase.hasPrefix("the firm") ? previous : []
        }
        var found = PartySet()
        if bothSides.contains(phrase) || phrase.hasPrefix("we,") { found.formUnion(context.documentParties) }
        for p in names.values(in: phrase) { found.formUnion(p) }
        for (short, parties) in context.termParties where actor.contains(short) { found.formUnion(parties) }
        // A thing as subject acts for no one: `This partnership`, `The agreement`.
        if !found.isEmpty {
            let head = phrase.scalars.split(separator: " ").last.map { ScalarString(Array($0)) } ?? phrase
            if ["partnership", "agreement", "initiative", "investment", "project", "program", "plan", "visit", "alliance", "cooperation", "effort", "efforts", "collaboration", "dialogue", "exchange", "fund", "facility", "fellowship", "memorandum", "framework", "goal", "commitment", "relationship", "ties", "statement", "sheet"].contains(head.description), !phrase.hasSuffix("states") {
                return []
            }
            return found.sorted()
        }
        // Unmarked bodies in an English release are the releasing government's (`The Department of Energy`).
        if agentHeads.contains(where: { phrase.hasSuffix($0) || phrase.contains(ScalarString($0.description + " of")) }) {
            return [context.home]
        }
        return []
    }
}
