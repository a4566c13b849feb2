import PledgeModel

/// Japanese: the modality comes from the cue verb that ends the sentence (the last
/// cue followed only by inflection), the actor from the topic (`Xは`, `Xもまた`) or
/// subject (`Xが`) of the main clause.
public struct JapaneseSentenceReadingRules: SentenceReadingRules {
    public init() {}

    /// A cue and the modality it gives. `passive` is the modality when the cue is
    /// followed by a passive (`期待される` is description, not welcome).
    struct Cue {
        let stem: [Unicode.Scalar]
        let modality: Modality
        let passive: Modality
        /// Completed-act verbs are `done` in the past or perfect, `commit` when still to come.
        let tensed: Bool
    }

    static let cues: [Cue] = {
        var list: [Cue] = []
        func add(_ stems: [String], _ m: Modality, passive: Modality = .other, tensed: Bool = false) {
            list += stems.map { Cue(stem: Array($0.unicodeScalars), modality: m, passive: passive, tensed: tensed) }
        }
        add(["意図を発表", "発表"], .done, passive: .done)
        add(["コミット", "誓約", "誓", "決意", "同意", "約束", "確約", "堅持", "合意"], .commit)
        add(["意図を有", "意図する", "意図している", "意向である", "意向を有", "意向だ", "意思を有", "予定である", "予定だ", "予定して", "目指"], .intend)
        add(["計画である", "計画だ", "計画して", "計画する", "計画を有"], .plan)
        add(["模索", "検討", "追求", "探求", "探る", "探って", "視野に入れ"], .explore)
        add(["期待を共有", "期待を表明", "歓迎", "称賛", "賞賛", "評価", "期待", "支持", "奨励", "祝福", "後押し", "心待ち"], .welcome)
        add(["再確認", "確認", "認識", "強調", "表明", "共有", "留意", "想起", "重視", "非難", "懸念"], .affirm)
        add(["署名", "締結", "設立", "開設", "完成", "返還", "開始", "立ち上げ", "承認", "更新", "採択", "発足", "参加", "設置", "実施"], .done, passive: .done, tensed: true)
        add(["目的と", "見込", "推定", "予想", "予測", "想定", "可能性があ", "必要があ", "必要であ"], .other)
        // Speeches and press releases: the speaker's own resolve, wishes and courtesies.
        add(["たいと考え", "たいと思", "たいと存じ", "たい考え", "所存", "考えであ", "考えです", "考えだ", "たい"], .intend)
        add(["と考え", "と思", "と存じ"], .affirm)
        // `共に…進めていこうではありませんか`: the speaker's call to act together.
        add(["うではありませんか", "うではないか", "ましょう"], .commit)
        // `改革を断行しなければなりません`: what the speaker holds must be done.
        add(["なければなりません", "ねばなりません", "なければならない", "ねばならない", "なければなら", "ねばなら"], .commit)
        add(["お願い", "感謝申し上げ", "感謝いた", "お礼申し上げ", "御礼申し上げ", "お見舞いを申し上げ", "お見舞い申し上げ", "お悔やみ申し上げ",
             "敬意を表", "哀悼の意を表"], .other)
        return list
    }()

    static let lightVerbs = ["を進め", "を行", "を続け", "を深め", "に努め"].map { Array($0.unicodeScalars) }

    public func read(_ sentence: ArraySlice<Unicode.Scalar>, context: PartyContext, previous: [Party]) -> SentenceReading {
        let s = Array(sentence)
        var end = s.count
        while end > 0, CharacterClass.isJapaneseSentenceEnd(s[end - 1]) || CharacterClass.isClosing(s[end - 1]) || s[end - 1] == " " {
            end -= 1
        }
        let body = Array(s[..<end])
        var actor = actorRange(body)
        // `XがYであると考えております`: X belongs to what the speaker thinks, not to the speaker.
        if let a = actor, let quote = trailingQuotative(body), a.upperBound < quote { actor = nil }
        // `北朝鮮が具体的な行動を取るよう強く求めます`: X is the subject of what is asked for
        // (a topic, `XはYするよう指示した`, stays the main subject).
        if let a = actor, a.upperBound < body.count, body[a.upperBound] == "が", purposeClause(body, after: a.upperBound) != nil { actor = nil }
        var parties = previous
        if let a = actor {
            parties = JapaneseParties.parties(
                of: ScalarString(body[a]), context: context, previous: previous, before: ScalarString(body[..<a.lowerBound]))
            // `領土問題の解決は容易ではありませんが、…前進していきます`: a subject that is no party,
            // in a clause the sentence then turns from, is not the main predicate's.
            if parties.isEmpty, concessiveTurn(body, after: a.upperBound) { actor = nil }
        }
        var modality = predicateModality(body)
        // In a speech, a subject that is no party belongs to what the speaker says, thinks or
        // asks (`…試みは許してはならないと考えています`, `…議論が行われることを期待いたします`):
        // the main predicate is the speaker's.
        if actor != nil, parties.isEmpty, context.speaksForIssuer, speakerPredicate(body, modality) { actor = nil }
        // An unstated subject: in a speech or a government's own release, the issuer; in a
        // joint text, the sides that issue it (`…協力を継続。` in a summary of a joint statement).
        if actor == nil, context.speaksForIssuer, let issuer = context.issuer {
            parties = modality == .other ? [] : [issuer]
        } else if actor == nil, previous.isEmpty, modality != .other {
            parties = context.documentParties
        }
        // Without a party acting, a sentence describes (FORMAT.md's `other`); a sentence
        // whose subject is left implicit keeps its verb's strength.
        let acting: Set<Modality> = [.commit, .intend, .plan, .done, .explore]
        if actor != nil, parties.isEmpty, acting.contains(modality) { modality = .other }
        return SentenceReading(modality: modality, actor: actor, parties: parties)
    }

    /// Where `と考え…`, `と思…` or `と存じ…` ends a sentence whose subject is the speaker.
    func trailingQuotative(_ s: [Unicode.Scalar]) -> Int? {
        for verb in ["と考え", "と思", "と存じ"] {
            let v = Array(verb.unicodeScalars)
            guard s.count > v.count else { continue }
            for at in stride(from: s.count - v.count, through: max(0, s.count - 16), by: -1) where s[at..<(at + v.count)].elementsEqual(v) {
                return onlyInflection(s[(at + v.count)...]) ? at : nil
            }
        }
        return nil
    }

    /// Where a `…するよう` clause ends (`取るよう求めます`, `協定となるよう交渉をリードし`):
    /// a subject before it belongs to the clause, not to the main predicate.
    func purposeClause(_ s: [Unicode.Scalar], after start: Int) -> Int? {
        var k = start
        while k + 3 < s.count {
            if s[k] == "よ", s[k + 1] == "う", CharacterClass.isHiragana(s[k - 1]), s[k - 1] != "の",
                !"なだでも".unicodeScalars.contains(s[k + 2])
            {
                return k
            }
            k += 1
        }
        return nil
    }

    /// A predicate only the speaker can hold: a stance read from a cue (考えます, 期待いたします,
    /// 目指します) or an act in the polite forms of resolve (加速します, 進めてまいります), not
    /// a description (厳しさを増しています).
    func speakerPredicate(_ s: [Unicode.Scalar], _ modality: Modality) -> Bool {
        switch modality {
        case .intend, .plan, .explore, .welcome, .affirm: return true
        case .commit:
            let tail = ScalarString(s.suffix(6))
            return Self.resolveEndings.contains { tail.hasSuffix($0) }
        default: return false
        }
    }

    /// Polite endings of acts a government takes on (not `〜ています`, `〜なります`, which describe).
    static let resolveEndings: [ScalarString] = ["まいります", "いきます", "いたします", "します", "図ります", "努めます", "進めます", "求めます"]

    /// Whether a concessive clause ends after `start` and the sentence goes on: `…ませんが、`,
    /// `…ですが、`, `…ものの、`.
    func concessiveTurn(_ s: [Unicode.Scalar], after start: Int) -> Bool {
        var k = start + 1
        while k + 2 < s.count - 4 {
            if s[k] == "が", s[k + 1] == "、" || s[k + 1] == ",", CharacterClass.isHiragana(s[k - 1]) { return true }
            if s[k] == "も", s[k + 1] == "の", s[k + 2] == "の" { return true }
            k += 1
        }
        return false
    }

    // MARK: - Predicate

    /// Cues by their first code point, so a sentence's ending is read in one pass.
    static let cuesByFirst: [Unicode.Scalar: [Cue]] = Dictionary(grouping: cues, by: { $0.stem[0] })

    func predicateModality(_ s: [Unicode.Scalar]) -> Modality {
        // The last cue that only inflection follows is the main predicate's; the main
        // predicate ends the sentence, so only its last few code points can hold it.
        var best: (position: Int, modality: Modality)?
        for at in max(0, s.count - 32)..<s.count {
            guard let cues = Self.cuesByFirst[s[at]] else { continue }
            for cue in cues {
            let stem = cue.stem
            guard at + stem.count <= s.count, s[at..<(at + stem.count)].elementsEqual(stem) else { continue }
            var after = at + stem.count
            // A light verb may carry the cue: 検討を進めている, 署名を行った.
            for light in Self.lightVerbs where s[after...].starts(with: light) {
                after += light.count
                break
            }
            guard onlyInflection(s[after...]) else { continue }
            if let b = best, b.position >= after { continue }
            let tail = ScalarString(s[after...])
            var m = cue.modality
            // `最大の返還であります`: an act's noun under a copula names it, it does not do it.
            if cue.tensed, tail.hasPrefix("であ") || tail.hasPrefix("です") || tail.hasPrefix("だ") { m = .other; best = (after, m); continue }
            if isPassive(tail) { m = cue.passive }
            if cue.tensed { m = isPast(tail) ? .done : .commit }
            best = (after, m)
            }
        }
        if let best { return best.modality }
        return plainPredicate(s)
    }

    /// Without a cue: copulas describe; past tense reports a done act; other verbs act.
    func plainPredicate(_ s: [Unicode.Scalar]) -> Modality {
        let tail = ScalarString(s.suffix(8))
        for copula in Self.copulas where tail.hasSuffix(copula) {
            if copula == "いる" || copula == "います", tail.hasSuffix(ScalarString("て\(copula)")) || tail.hasSuffix(ScalarString("で\(copula)")) { break }
            // 行います, 思います, 担います: the verb's own い, not the verb いる (`課題がいくつもいます` is rare;
            // `職員がいます`, `方もいます` are the existential ones).
            if copula == "います" || copula == "いる" || copula == "いません", tail.count > copula.count,
                !"がはもにのとや".unicodeScalars.contains(tail.scalars[tail.count - copula.count - 1])
            {
                break
            }
            return .other
        }
        if isPast(tail) { return .done }
        // A sentence that stops on a noun: a summary's `…協力を継続。` acts; a list or a
        // description (`テロ、難民、貧困、感染症。`, `…選手たち。`) does not.
        if let last = s.last, !CharacterClass.isHiragana(last) {
            var k = s.count - 1
            while k > 0, CharacterClass.isKanji(s[k - 1]) || CharacterClass.isKatakana(s[k - 1]) || s[k - 1] == "ー" { k -= 1 }
            return k > 0 && (s[k - 1] == "を" || s[k - 1] == "に") && s.count - k >= 2 ? .commit : .other
        }
        if Self.verbStems.contains(where: { tail.hasSuffix($0) }) { return .commit }
        if let last = s.last, !Self.verbEndings.unicodeScalars.contains(last) { return .other }
        return .commit
    }

    /// Verb stems a summary ends on (`北朝鮮に働きかけ。`, `…に取り組み。`).
    static let verbStems: [ScalarString] = ["かけ", "組み", "進め", "深め", "高め", "求め", "努め", "図り", "続け", "強め", "広げ", "支え", "目指し"]

    /// The last kana of a verb's dictionary, polite or volitional form (する, 行う, 進めます, 参りましょう).
    static let verbEndings = "うくぐすつぬぶむるい"

    static let copulas: [ScalarString] = [
        "である", "であった", "となる", "となった", "となっている", "となってきた", "ある", "あった", "だ", "です", "れている", "れています", "いる",
        "られる", "れる", "ない", "であります", "でありました", "でした", "ありません", "あります", "ございます", "います", "いません",
        "なりません",
    ]

    func isPast(_ tail: ScalarString) -> Bool {
        tail.hasSuffix("た") || tail.hasSuffix("だ") && !tail.hasSuffix("予定だ") || tail.hasSuffix("ました")
            || tail.hasSuffix("ている") && !tail.hasSuffix("していく") && tail.hasPrefix("して") || tail.hasSuffix("ておる")
    }

    func isPassive(_ tail: ScalarString) -> Bool {
        tail.hasPrefix("され") || tail.hasPrefix("される") || tail.hasPrefix("まれ") || tail.hasPrefix("られ")
    }

    /// Inflection and auxiliaries only: hiragana (and the long-vowel mark), no content word.
    func onlyInflection(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        s.count <= 14 && s.allSatisfy { CharacterClass.isHiragana($0) || $0 == "ー" || $0 == " " }
    }

    // MARK: - Actor

    /// Adverbs and time words that open a sentence but never belong to its subject.
    static let openers: [ScalarString] = [
        "本日", "今日", "今回", "今年", "本年", "昨年", "現在", "従来", "最近", "近年", "将来", "当面", "同日", "今後", "先般",
        "今般", "一方", "他方", "結果", "同時", "当時", "特", "更", "既",
    ]

    /// Where the topic or subject of the main clause stands; nil when it is left implicit.
    func actorRange(_ s: [Unicode.Scalar]) -> Range<Int>? {
        guard let marker = topicMarker(s) ?? subjectMarker(s) else { return nil }
        var start = clauseStart(s, before: marker)
        // Sentence adverbs stay outside: また、さらに、なお.
        while start < marker, CharacterClass.isSpace(s[start]) { start += 1 }
        var end = marker
        // `AUKUS 諸国 — 豪州、英国及び米国 — は`: an aside between dashes explains the actor.
        if let dash = s[start..<end].firstIndex(where: { $0 == "—" || $0 == "―" }) { end = dash }
        while end > start, CharacterClass.isSpace(s[end - 1]) || s[end - 1] == "—" || s[end - 1] == "－" { end -= 1 }
        return start < end ? start..<end : nil
    }

    /// The last top-level `は` (or `も`) that follows a noun: `日米両国は`, `我々はまた`,
    /// `台湾もまた`, `…することは`. `には`, `では`, `については` are not topics.
    func topicMarker(_ s: [Unicode.Scalar]) -> Int? {
        var depth = 0
        var candidates: [Int] = []
        for i in s.indices {
            let u = s[i]
            if u == "「" || u == "（" || u == "(" || u == "『" { depth += 1 }
            if u == "」" || u == "）" || u == ")" || u == "』" { depth = max(0, depth - 1) }
            guard depth == 0, i > 0, u == "は" || u == "も" else { continue }
            var p = i - 1
            while p > 0, CharacterClass.isSpace(s[p]) { p -= 1 }
            let next: Unicode.Scalar = i + 1 < s.count ? s[i + 1] : "。"
            if u == "も" {
                // Only `Xもまた` and `Xも、` mark a topic; も is too common otherwise.
                guard next == "、" || (next == "ま" && i + 2 < s.count && s[i + 2] == "た") else { continue }
            } else if p >= 0, s[p] == "又" || s[p] == "或" || p >= 1 && s[p] == "く" && s[p - 1] == "し" {
                continue  // 又は, 或いは, 若しくは: "or", not a topic
            } else if CharacterClass.isHiragana(next) {
                // はじめ, はず, はたす are words, not the particle.
                if ["じ", "ず", "た", "か", "な", "ら", "い"].contains(String(next)) { continue }
            }
            if isNounEnd(s, p) || isNominalised(s, endingAt: i) { candidates.append(i) }
        }
        // `XはYであるとの認識を共有した`: a topic inside a quoted clause yields to the one before it.
        if candidates.count >= 2, let last = candidates.last, Self.quotations.contains(where: { contains($0, in: s, after: last) }) {
            return candidates[candidates.count - 2]
        }
        return candidates.last
    }

    static let quotations = ["との", "という", "であると", "とする", "ものと"]

    func contains(_ word: String, in s: [Unicode.Scalar], after i: Int) -> Bool {
        let w = Array(word.unicodeScalars)
        guard s.count - i > w.count else { return false }
        for k in (i + 1)...(s.count - w.count) where s[k..<(k + w.count)].elementsEqual(w) { return true }
        return false
    }

    /// Whether position `p` ends a noun: anything but hiragana, or the okurigana that ends
    /// nouns such as 枠組み, 見直し, 取決め after a kanji.
    func isNounEnd(_ s: [Unicode.Scalar], _ p: Int) -> Bool {
        let u = s[p]
        if !CharacterClass.isHiragana(u) { return true }
        return p >= 1 && CharacterClass.isKanji(s[p - 1]) && ["み", "し", "り", "け", "め", "え", "き", "ち", "い"].contains(String(u))
    }

    func isNominalised(_ s: [Unicode.Scalar], endingAt i: Int) -> Bool {
        i >= 2 && s[i - 2] == "こ" && s[i - 1] == "と" || i >= 1 && s[i - 1] == "の" && i >= 2 && CharacterClass.isHiragana(s[i - 2])
    }

    /// The last top-level `が` after a noun, when the sentence has no topic.
    func subjectMarker(_ s: [Unicode.Scalar]) -> Int? {
        var depth = 0
        var found: Int?
        for i in s.indices {
            let u = s[i]
            if u == "「" || u == "（" || u == "(" || u == "『" { depth += 1 }
            if u == "」" || u == "）" || u == ")" || u == "』" { depth = max(0, depth - 1) }
            guard depth == 0, i > 0, u == "が" else { continue }
            // 我が国, わが党: the old possessive, not the subject marker.
            if s[i - 1] == "我" || s[i - 1] == "わ" && (i < 2 || !CharacterClass.isHiragana(s[i - 2])) { continue }
            if isNounEnd(s, i - 1) || isNominalised(s, endingAt: i) { found = i }
        }
        return found
    }

    /// Where the phrase ending at `marker` begins: after the last clause boundary
    /// (a comma after a verb or adverbial, a sentence opener), but across commas
    /// that only list names (`シカゴ大学、東京大学及びソウル大学`).
    func clauseStart(_ s: [Unicode.Scalar], before marker: Int) -> Int {
        var segmentStart = marker
        var i = marker - 1
        var depth = 0
        var dashes = 0
        while i >= 0 {
            let u = s[i]
            if u == "）" || u == ")" || u == "」" || u == "』" { depth += 1 }
            if u == "（" || u == "(" || u == "「" || u == "『" { depth = max(0, depth - 1) }
            if u == "—" || u == "―" { dashes += 1 }
            if depth == 0, dashes % 2 == 0, u == "、" || u == "，" || u == "," || u == "。" {
                // Is the text before this comma one more name in a list?
                var j = i - 1
                while j >= 0, !(s[j] == "、" || s[j] == "，" || s[j] == "," || s[j] == "。") { j -= 1 }
                let previous = Array(s[(j + 1)..<i])
                let inList = segmentStart < marker || isListedName(Array(s[(i + 1)..<marker]))
                if u == "、", endsList(previous) || inList && isListedName(previous) {
                    segmentStart = j + 1
                    i = j
                    continue
                }
                return i + 1 > segmentStart ? segmentStart : i + 1
            }
            i -= 1
        }
        return 0
    }

    /// `…など、` and `…等、` close a list that the phrase after the comma sums up.
    func endsList(_ s: [Unicode.Scalar]) -> Bool {
        s.count <= 60 && (s.suffix(2).elementsEqual("など".unicodeScalars) || s.last == "等")
    }

    /// A name that may stand in a list: no verb endings, no time words.
    func isListedName(_ s: [Unicode.Scalar]) -> Bool {
        guard !s.isEmpty, s.count <= 40 else { return false }
        let text = ScalarString(s)
        if Self.openers.contains(where: { text.hasPrefix($0) }) { return false }
        if s.contains(where: { CharacterClass.isDigit($0) }) { return false }
        var i = 0
        while i < s.count {
            let u = s[i]
            if CharacterClass.isHiragana(u) {
                if u == "の" || u == "と" || u == "や" { i += 1; continue }
                // 三か国, 二か所: a counter, not a verb ending.
                if u == "か" || u == "ヶ", i + 1 < s.count, s[i + 1] == "国" || s[i + 1] == "所" { i += 1; continue }
                if u == "び" && i > 0 && s[i - 1] == "及" { i += 1; continue }
                if u == "に" && i > 0 && s[i - 1] == "並" || u == "び" && i > 1 && s[i - 1] == "に" && s[i - 2] == "並" {
                    i += 1
                    continue
                }
                return false
            }
            i += 1
        }
        guard let last = s.last else { return false }
        return CharacterClass.isKanji(last) || CharacterClass.isKatakana(last) || CharacterClass.isASCIILetter(last) || CharacterClass.isClosing(last)
    }
}
