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
        /// What the rules' word lists say of the word (`Flags`), looked up once.
        var flags: UInt16 = 0
        /// The modality the word gives as a main verb.
        var verb: Modality?

        @inline(__always) func has(_ f: UInt16) -> Bool { flags & f != 0 }
    }

    /// Word classes, one bit each.
    enum Flags {
        static let opener: UInt16 = 1
        static let adverb: UInt16 = 2
        static let asideOpener: UInt16 = 4
        static let timeWord: UInt16 = 8
        /// A word after which a verb form is a noun or an infinitive: `to`, `the`, `our`.
        static let noVerbAfter: UInt16 = 16
        /// `which`, `who`, `whose`.
        static let relative: UInt16 = 32
        static let endsING: UInt16 = 64
        static let endsED: UInt16 = 128
        static let endsS: UInt16 = 256
        static let endsSS: UInt16 = 512
        /// The word `and`.
        static let and: UInt16 = 1024
    }

    public func read(_ sentence: ArraySlice<Unicode.Scalar>, context: PartyContext, previous: [Party]) -> SentenceReading {
        let s = Array(sentence)
        let words = tokenize(s)
        guard var (verbIndex, modality) = mainVerb(words, s) else {
            // `We stand for the rule of law`: no cue verb, but the document's own voice.
            let we = words.first.map { $0.text == "we" || $0.text == "together" && words.count > 1 && words[1].text == "we" } ?? false
            // `This visit marks …`, `Pursuing these efforts … impacts …`: a thing or an activity is the subject.
            let thing = words.first.map { Self.determiners.contains($0.text) || $0.has(Flags.endsING) } ?? false
            return SentenceReading(modality: .other, actor: nil, parties: we ? context.documentParties : thing ? [] : previous)
        }
        var subject = subjectRange(words, s, verb: verbIndex)
        // The last main predicate decides: `welcomed … and reaffirmed`, `…, and the two sides commit to …`.
        if let (later, laterModality, laterSubject) = laterPredicate(words, s, after: verbIndex) {
            verbIndex = later
            modality = laterModality
            if let laterSubject { subject = laterSubject }
        }
        var actor: Range<Int>?
        var partyPhrase: Range<Int>?
        if let (first, last) = subject {
            var end = words[last].end
            if end < s.count, s[end] == ")" { end += 1 }
            partyPhrase = words[first].start..<end
            actor = partyPhrase
            // `We, the leaders of Japan, the Philippines, and the United States, met`: the actor is
            // `We`; the apposition tells whom it stands for.
            if words[first].text == "we" || words[first].text == "they", last > first, endsClause(s, before: words[first + 1].start, after: words[first].end) {
                actor = words[first].start..<words[first].end
            }
        }
        var parties = previous
        if let partyPhrase {
            parties = EnglishParties.parties(of: ScalarString(s[partyPhrase]), context: context, previous: previous)
        }
        // `welcomed President Marcos`: receiving a visitor is a done act.
        if modality == .welcome, words[verbIndex].text == "welcomed", verbIndex + 1 < words.count,
            ["president", "prime", "king", "queen", "chancellor", "secretary", "his", "her", "emperor"].contains(words[verbIndex + 1].text)
        {
            modality = .done
        }
        let acting: Bool
        switch modality {
        case .commit, .intend, .plan, .done, .explore: acting = true
        default: acting = false
        }
        if actor != nil, parties.isEmpty, acting { modality = .other }
        return SentenceReading(modality: modality, actor: actor, parties: parties)
    }


    /// The subject's first and last word: the noun phrase before the verb, over a list of names
    /// (`Japan, the ROK, and the United States`), past asides between commas.
    func subjectRange(_ words: [Word], _ s: [Unicode.Scalar], verb: Int) -> (Int, Int)? {
        var end = verb
        while end > 0, words[end - 1].has(Flags.adverb) { end -= 1 }
        guard end > 0 else { return nil }
        // Comma-separated segments before the verb, as word ranges.
        var segments: [Range<Int>] = []
        var start = 0
        // Parentheses do not cut a subject: `the Ministry of Science and ICT (MSIT)`.
        // Nor does a name's suffix: `President Joseph R. Biden, Jr. of the United States`.
        for n in 1..<max(1, end) where s[words[n - 1].end..<words[n].start].contains(where: { $0 == "," || $0 == ";" || $0 == "–" || $0 == "—" })
            && !Self.nameSuffixes.contains(String(lowercasedScalars: s[words[n].start..<words[n].end]))
        {
            segments.append(start..<n)
            start = n
        }
        segments.append(start..<end)
        var k = segments.count - 1
        // Asides: `, which builds satellites,` `, under the … Program,`.
        while k > 0, let first = segments[k].first, words[first].has(Flags.asideOpener) { k -= 1 }
        func nameLike(_ r: Range<Int>) -> Bool {
            guard let f = r.first, r.count <= 10 else { return false }
            if r.contains(where: { words[$0].has(Flags.timeWord) || words[$0].verb != nil && words[$0].text != "share" }) { return false }
            if words[f].has(Flags.opener | Flags.endsING) { return false }
            return words[f].capitalised || ["the", "our", "their", "and", "we", "both"].contains(words[f].text)
        }
        if let f = segments[k].first, words[f].text == "and", segments[k].count == 2, ["we", "they", "it"].contains(words[f + 1].text) {
            return (f + 1, f + 1)  // `…, and we reaffirm`: a new clause, not a list
        }
        if k >= 1, segments[k].count == 1, words[segments[k].lowerBound].capitalised, let p = segments[k - 1].last, words[p].capitalised,
            p >= 1, words[p - 1].text == "in"
        {
            // `… plant in Bryan, Georgia, is …`: a place and its state.
            let merged = segments[k - 1].lowerBound..<segments[k].upperBound
            segments[k - 1] = merged
            segments.remove(at: k)
            k -= 1
        }
        var first = segments[k].lowerBound
        let last = segments[k].upperBound - 1
        if let f = segments[k].first, words[f].text == "and" || words[f].text == "or" {
            // A list: take the names before it.
            var j = k - 1
            while j >= 0, nameLike(segments[j]) { first = segments[j].lowerBound; j -= 1 }
        } else if k >= 1, ["we", "they"].contains(words[segments[k - 1].lowerBound].text), segments[k - 1].count == 1 {
            first = segments[k - 1].lowerBound  // We, the leaders of …, met
        } else if k >= 1, nameLike(segments[k - 1]), segments[k - 1].lowerBound == 0 || !nameLike(segments[k - 2]), words[segments[k].lowerBound].capitalised {
            // `The company’s partner, Orbits Corp, plans`: the subject is named first.
            first = segments[k - 1].lowerBound
            return (first, segments[k - 1].upperBound - 1)
        }
        // `We, the leaders of Japan, the Philippines, and the United States,` keeps the whole apposition for its parties.
        if first == segments[k].lowerBound, k >= 1 {
            var j = k - 1
            var reachedWe = false
            while j >= 0, nameLike(segments[j]) {
                if ["we", "they"].contains(words[segments[j].lowerBound].text) { reachedWe = true; first = segments[j].lowerBound; break }
                j -= 1
            }
            if !reachedWe { first = segments[k].lowerBound }
        }
        // Leading adverbs and conjunctions stay outside: `and we reaffirm`.
        while first < last, ["and", "but", "so", "also", "additionally", "furthermore", "moreover"].contains(words[first].text) { first += 1 }
        return (first, last)
    }

    /// A later coordinated predicate of the same sentence: `… and reaffirmed …` or `…, and the two sides commit …`,
    /// `… and, today, Italy committed …`.
    func laterPredicate(_ words: [Word], _ s: [Unicode.Scalar], after verb: Int) -> (Int, Modality, (Int, Int)?)? {
        var found: (Int, Modality, (Int, Int)?)?
        var n = verb + 1
        while n < words.count {
            guard words[n].has(Flags.and), n + 1 < words.count else { n += 1; continue }
            var v = n + 1
            while v < words.count, words[v].has(Flags.adverb) && words[v].text != "will" { v += 1 }
            // The same verb form, in the past or third person: `welcomed … and reaffirmed`.
            if v < words.count, let m = words[v].verb, m != .other, sameForm(words[verb], words[v]) {
                found = (v, modality(of: words, at: v, base: m), nil)
                n = v + 1
                continue
            }
            // A new clause with its own subject: `, and Japanese companies employ`, `and, today, Italy committed`;
            // without a comma the `and` joins names inside a clause (`both Japan and the ROK are …`).
            let subjectStart = v
            let commaNear = endsClause(s, before: words[n].start, after: words[n - 1].end)
                || (n + 1 < words.count && endsClause(s, before: words[n + 1].start, after: words[n].end))
            if commaNear, subjectStart < words.count, ["the", "we", "our", "both", "they", "it"].contains(words[subjectStart].text) || words[subjectStart].capitalised {
                var w = subjectStart + 1
                while w < min(words.count, subjectStart + 6), words[w].verb == nil {
                    if endsClause(s, before: words[w].start, after: words[w - 1].end) || ["that", "which", "who"].contains(words[w].text) { w = words.count; break }
                    w += 1
                }
                if w < words.count, let m = words[w].verb, !["to", "the", "a", "an", "of"].contains(words[w - 1].text) {
                    found = (w, modality(of: words, at: w, base: m), (subjectStart, w - 1))
                    n = w + 1
                    continue
                }
            }
            n += 1
        }
        return found
    }

    /// Two finite verbs in the same tense: `welcomed … and reaffirmed`, `commit … and pledge`.
    func sameForm(_ a: Word, _ b: Word) -> Bool {
        a.has(Flags.endsED) && b.has(Flags.endsED) || a.has(Flags.endsS) && b.has(Flags.endsS) && !a.has(Flags.endsSS) && !b.has(Flags.endsSS)
    }

    /// True when a comma, dash or semicolon stands between two words.
    func endsClause(_ s: [Unicode.Scalar], before start: Int, after end: Int) -> Bool {
        s[end..<start].contains { $0 == "," || $0 == ";" || $0 == ":" || $0 == "–" || $0 == "—" || $0 == "(" || $0 == ")" }
    }

    /// The main verb's word index and the modality its phrase gives.
    func mainVerb(_ words: [Word], _ s: [Unicode.Scalar]) -> (Int, Modality)? {
        let leading = words.first.map { $0.has(Flags.opener | Flags.endsING) } ?? false
        var clauseSeen = !leading
        for (n, w) in words.enumerated() {
            if n > 0, endsClause(s, before: w.start, after: words[n - 1].end) { clauseSeen = true }
            guard n > 0, clauseSeen, let base = w.verb else { continue }
            // An infinitive or a noun use is no main verb: `to support`, `the plan`, `our commitment`.
            if words[n - 1].has(Flags.noVerbAfter) { continue }
            // Inside an aside (`, which builds …,`) the verb is not the sentence's.
            if isInAside(words, s, n) { continue }
            return (n, modality(of: words, at: n, base: base))
        }
        // A past-tense verb after the subject reports a done act: `Japan joined …`.
        for (n, w) in words.enumerated() where n > 0 && clauseSeen && w.has(Flags.endsED) && !isInAside(words, s, n) {
            return (n, .done)
        }
        return nil
    }

    /// Whether word `n` stands in a comma-delimited aside opened by `which`, `who` or `whose`.
    func isInAside(_ words: [Word], _ s: [Unicode.Scalar], _ n: Int) -> Bool {
        var k = n
        while k > 0 {
            if endsClause(s, before: words[k].start, after: words[k - 1].end) {
                return words[k].has(Flags.relative)
            }
            k -= 1
        }
        return false
    }

    /// The modality of the verb phrase at `n`: auxiliaries and chains read through
    /// (`will continue to seek` → explore, `is investing` → commit, `remains unwavering in its commitment` → commit).
    func modality(of words: [Word], at n: Int, base: Modality) -> Modality {
        func word(_ i: Int) -> String { i < words.count ? words[i].text : "" }
        var next = n + 1
        while next < words.count, words[next].has(Flags.adverb) && !["will", "continue", "continues", "to", "is", "are", "have", "has", "had"].contains(words[next].text) { next += 1 }
        let w = words[n].text
        if w == "will" || w == "shall" || w == "continue" || w == "continues" {
            var k = next
            if ["continue", "to"].contains(word(k)) { k += 1 }
            if word(k) == "to" { k += 1 }
            if word(k) == "look", word(k + 1) == "forward" { return .welcome }
            if word(k) == "be", ["exploring", "considering", "seeking"].contains(word(k + 1)) { return .explore }
            if let m = Self.verbs[word(k)], [.explore, .welcome, .intend, .plan].contains(m) { return m }
            return .commit
        }
        if w == "look" || w == "looks" { return word(next) == "forward" ? .welcome : .commit }
        if base == .other {
            let participle = word(next)
            // `are committed to`, `remain unwavering in its commitment`, `are exploring`, `is planning to`, `is investing`.
            if ["committed", "dedicated", "determined", "resolved", "unwavering", "steadfast"].contains(participle) { return .commit }
            if ["exploring", "considering", "seeking", "pursuing"].contains(participle) { return .explore }
            if participle == "looking", word(next + 1) == "forward" { return .welcome }
            if participle == "planning" { return .plan }
            if ["intending", "aiming"].contains(participle) { return .intend }
            if next < words.count, words[next].has(Flags.endsING), ["is", "are"].contains(w) { return .commit }
        }
        if (w == "has" || w == "have"), next < words.count && words[next].has(Flags.endsED) || ["begun", "taken", "made", "given", "built", "grown"].contains(word(next)) {
            if let m = Self.verbs[word(next)], m != .other, m != .done { return m == .commit && word(next) != "committed" ? .done : m }
            return .done
        }
        return base
    }
}
