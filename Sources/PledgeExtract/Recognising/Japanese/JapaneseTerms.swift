import PledgeModel

/// Japanese definitions: `日米共同情報分析組織 (BIAC)`, `日本の科学技術振興機構（JST）` (long
/// form without the possessor), `IoT（Internet of Things）`, `「ミネタ・アンバサダー・プログラム (MAP)」`,
/// `ハイチ多国籍治安支援（Multinational Security Support: MSS）`.
public struct JapaneseTermRules: TermRules {
    public init() {}

    public func terms(in v: TextView) -> [Term] {
        var found: [Term] = []
        var i = 0
        while i < v.count {
            guard v[i] == "（" || v[i] == "(" else { i += 1; continue }
            guard let close = closing(v, from: i) else { i += 1; continue }
            if let term = definition(v, open: i, close: close) { found.append(term) }
            i += 1
        }
        return found
    }

    func closing(_ v: TextView, from open: Int) -> Int? {
        var depth = 0
        var j = open
        while j < v.count, j - open < 120 {
            if v[j] == "（" || v[j] == "(" { depth += 1 }
            if v[j] == "）" || v[j] == ")" {
                depth -= 1
                if depth == 0 { return j }
            }
            j += 1
        }
        return nil
    }

    func definition(_ v: TextView, open: Int, close: Int) -> Term? {
        guard let (inner, beforeEnd) = Abbreviation.parenthesis(v, open: open, close: close) else { return nil }

        // `Long Name: SHORT`, `SHORT: Long Name` or `Long Name, SHORT` inside, after a Japanese
        // name: the English long form is the definition.
        if let colon = inner.lastIndex(where: { $0 == ":" || $0 == "：" || $0 == "," || $0 == "，" }) {
            var short = Array(inner[(colon + 1)...].drop { $0 == " " })
            var long = Array(inner[..<colon])
            if !Abbreviation.isShortForm(short), Abbreviation.isShortForm(long), inner[colon] == ":" || inner[colon] == "：" {
                swap(&short, &long)
            }
            if Abbreviation.isShortForm(short), long.count > short.count, long.contains(where: CharacterClass.isASCIILetter) {
                let start = japaneseLongFormStart(v, end: beforeEnd, short: short) ?? open
                return make(v, short: short, long: long, from: start, to: close + 1)
            }
        }
        if Abbreviation.isShortForm(inner) {
            // `…Technologies (PACT)`: an English long form inside Japanese text.
            if CharacterClass.isASCIILetter(v[beforeEnd - 1]) {
                guard let start = Abbreviation.latinLongFormStart(v, end: beforeEnd, short: inner) else { return nil }
                return make(v, short: inner, long: Array(v.scalars[start..<beforeEnd]), from: start, to: close + 1)
            }
            guard let start = japaneseLongFormStart(v, end: beforeEnd, short: inner) else { return nil }
            let quoted = v[beforeEnd - 1] == "」" || v[beforeEnd - 1] == "』"
            let long = Array(v.scalars[start..<(quoted ? beforeEnd - 1 : beforeEnd)])
            if isTransliteration(long, of: inner) { return nil }
            return make(v, short: inner, long: long, from: start, to: close + 1)
        }
        // `IoT（Internet of Things）`: the abbreviation stands before its expansion.
        guard let (s, short) = Abbreviation.shortForm(v, endingAt: beforeEnd), inner.count > short.count else { return nil }
        if initialsMatch(inner, short) { return make(v, short: short, long: inner, from: s, to: close + 1) }
        // `JETRO（日本貿易振興機構）`, `AI（人工知能）`: a Japanese name glossing the abbreviation.
        if isJapaneseName(inner), !isTransliteration(inner, of: short) {
            return make(v, short: short, long: inner, from: s, to: close + 1)
        }
        return nil
    }

    /// A whole Japanese name: kanji and katakana with their joining marks, no sentence.
    func isJapaneseName(_ s: [Unicode.Scalar]) -> Bool {
        s.count >= 2 && s.count <= 40 && (CharacterClass.isKanji(s[0]) || CharacterClass.isKatakana(s[0]))
            && s.allSatisfy { CharacterClass.isKanji($0) || CharacterClass.isKatakana($0) || $0 == "・" || $0 == "ー" || "のなみしりけめ".unicodeScalars.contains($0) }
            && !s.contains("、") && !s.contains("。")
    }

    /// True when the Latin words of `long` begin with the short form's letters in order.
    func initialsMatch(_ long: [Unicode.Scalar], _ short: [Unicode.Scalar]) -> Bool {
        guard long.contains(where: CharacterClass.isASCIILetter) else { return false }
        let initials = String(scalars: long).split(whereSeparator: { $0 == " " || $0 == "-" })
            .compactMap { $0.first?.lowercased() }.joined()
        var letters = short.filter(CharacterClass.isUpper).map { Character($0).lowercased() }[...]
        for c in initials where letters.first == String(c) { letters = letters.dropFirst() }
        return letters.isEmpty
    }

    /// A single katakana word about as long as the letters is the name's reading, not
    /// an expansion: `アイオン（IOWN）`, `ジェカミン社（GECAMINES）`. Expansions are longer:
    /// `グリーントランスフォーメーション（GX）`, `アマゾン・ウェブ・サービス（AWS）`.
    func isTransliteration(_ long: [Unicode.Scalar], of short: [Unicode.Scalar]) -> Bool {
        var word = long
        if word.last == "社" { word.removeLast() }
        guard !word.isEmpty, word.allSatisfy({ CharacterClass.isKatakana($0) && $0 != "・" }) else { return false }
        return short.count >= 4 && word.count <= 2 * short.count
    }

    /// Where a Japanese long form ending at `end` begins. It runs back over name
    /// characters (kanji, katakana, Latin, digits, ・, ー, ／, an adjectival な between
    /// kanji) and a parenthesised aside without Latin letters (`（研究・工学担当）`);
    /// it stops at punctuation, spaces, markup and particles, so possessors such as
    /// `日本の` stay outside. A name quoted in 「」 starts at the quote.
    func japaneseLongFormStart(_ v: TextView, end: Int, short: [Unicode.Scalar]) -> Int? {
        // A quoted name just before the parenthesis: 「学生リーダーのためのアメリカ教育機関研究」（SUSIs）.
        if end >= 2, v[end - 1] == "」" || v[end - 1] == "』" {
            var k = end - 2
            while k >= 0, end - k <= 60, v[k] != "「", v[k] != "『" { k -= 1 }
            return k >= 0 && v[k] == "「" || k >= 0 && v[k] == "『" ? k + 1 : nil
        }
        // Quoted names are whole: 「適応作物と土壌のためのビジョン (VACS)」.
        var q = end - 1
        while q >= 0, end - q <= 60 {
            let u = v[q]
            if u == "「" || u == "『" { return q + 1 < end ? q + 1 : nil }
            if u == "」" || u == "』" || u == "。" || u == "\n" { break }
            q -= 1
        }
        let joinsCoordination = short.contains("/") || short.contains("&")
        var i = end
        while i > 0 {
            let u = v[i - 1]
            if CharacterClass.isKanji(u) || CharacterClass.isKatakana(u) || CharacterClass.isDigit(u)
                || CharacterClass.isASCIILetter(u) || u == "・" || u == "ー" || u == "／" || u == "-" || u == "&"
            {
                i -= 1
                continue
            }
            // An aside in parentheses inside the name: 防衛装備庁・米国防省（研究・工学担当）定期協議.
            if u == "）" || u == ")" {
                var j = i - 1
                var depth = 0
                var latin = false
                while j >= 0 {
                    if v[j] == "）" || v[j] == ")" { depth += 1 }
                    if v[j] == "（" || v[j] == "(" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    if CharacterClass.isASCIILetter(v[j]) { latin = true }
                    j -= 1
                }
                if j > 0, !latin, CharacterClass.isKanji(v[j - 1]) || CharacterClass.isKatakana(v[j - 1]) {
                    i = j
                    continue
                }
                break
            }
            // 持続可能な価値創造: an adjectival な between kanji, but not after 的 (画期的な…協定),
            // which describes the name rather than belonging to it.
            if u == "な", i >= 2, CharacterClass.isKanji(v[i - 2]), v[i - 2] != "的",
                CharacterClass.isKanji(v.at(i)) || CharacterClass.isKatakana(v.at(i))
            {
                i -= 1
                continue
            }
            // Okurigana inside a compound: 見直し, 枠組み, 取決め.
            if "しみりけめ".unicodeScalars.contains(u), i >= 2, CharacterClass.isKanji(v[i - 2]),
                i == end || CharacterClass.isKanji(v.at(i)) || CharacterClass.isKatakana(v.at(i))
            {
                i -= 1
                continue
            }
            // Names joined by のための / のある: 海洋状況把握のためのインド太平洋パートナーシップ.
            if let joint = ["のための", "のある"].first(where: { v.matches($0, endingAt: i) }) {
                let n = joint.unicodeScalars.count
                if i - n >= 1, CharacterClass.isKanji(v[i - n - 1]) || CharacterClass.isKatakana(v[i - n - 1]) {
                    i -= n
                    continue
                }
            }
            // 革新炉及び小型モジュール炉（A/SMR）: a short form naming two things joins them.
            if joinsCoordination, u == "び", i >= 2, v[i - 2] == "及" {
                i -= 2
                continue
            }
            break
        }
        // Leading katakana of a Latin-named product is kept; leading digits are not a name.
        while i < end, CharacterClass.isDigit(v[i]) || v[i] == "・" || v[i] == "ー" && !CharacterClass.isKatakana(v.at(i - 1)) {
            i += 1
        }
        return i < end ? i : nil
    }

    func make(_ v: TextView, short: [Unicode.Scalar], long: [Unicode.Scalar], from: Int, to: Int) -> Term {
        var l = long
        while l.last == " " { l.removeLast() }
        while l.first == " " { l.removeFirst() }
        return Term(
            short: String(scalars: short), long: String(scalars: l),
            span: v.span(from, to))
    }
}
