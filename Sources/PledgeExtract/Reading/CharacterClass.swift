/// Code-point classes the segmenters and recognisers test, by Unicode block.
/// Plain range checks: they run on every code point of every document.
public enum CharacterClass {
    /// Full-width ASCII forms (`１２３`, `ＡＢＣ`, `，`) and the ideographic space become
    /// their ASCII counterparts. Katakana is left alone (`.fullwidthToHalfwidth`
    /// would narrow it too), and the mapping is one code point to one, so offsets hold.
    @inline(__always)
    public static func narrow(_ u: Unicode.Scalar) -> Unicode.Scalar {
        let v = u.value
        if v >= 0xFF01 && v <= 0xFF5E { return Unicode.Scalar(v - 0xFEE0)! }
        if v == 0x3000 || v == 0x00A0 { return " " }
        return u
    }

    @inline(__always) public static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value &- 0x30 < 10 }

    @inline(__always) public static func isASCIILetter(_ u: Unicode.Scalar) -> Bool {
        let v = u.value | 0x20
        return v >= 0x61 && v <= 0x7A
    }

    @inline(__always) public static func isUpper(_ u: Unicode.Scalar) -> Bool { u.value &- 0x41 < 26 }

    /// Letters of any script, with an ASCII fast path (Unicode property lookups are slow).
    @inline(__always) public static func isLetter(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? isASCIILetter(u) : u.properties.isAlphabetic
    }

    @inline(__always) public static func isUpperLetter(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? isUpper(u) : u.properties.isUppercase
    }

    @inline(__always) public static func isLowerLetter(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? u.value &- 0x61 < 26 : u.properties.isLowercase
    }

    @inline(__always) public static func isHiragana(_ u: Unicode.Scalar) -> Bool {
        u.value >= 0x3041 && u.value <= 0x309F
    }

    /// Katakana including the long-vowel mark and the middle dot used inside names.
    @inline(__always) public static func isKatakana(_ u: Unicode.Scalar) -> Bool {
        (u.value >= 0x30A0 && u.value <= 0x30FF) || (u.value >= 0x31F0 && u.value <= 0x31FF)
            || (u.value >= 0xFF66 && u.value <= 0xFF9F)
    }

    @inline(__always) public static func isKanji(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0xF900 && v <= 0xFAFF)
            || v == 0x3005 /* 々 */ || v == 0x3006 || v == 0x30F6 /* ヶ */ || (v >= 0x20000 && v <= 0x2FFFF)
    }

    /// Any character of Japanese script, or CJK punctuation.
    @inline(__always) public static func isJapanese(_ u: Unicode.Scalar) -> Bool {
        isKanji(u) || isHiragana(u) || isKatakana(u) || (u.value >= 0x3000 && u.value <= 0x303F)
    }

    @inline(__always) public static func isSpace(_ u: Unicode.Scalar) -> Bool {
        // The form feed is where pdftotext starts a page.
        u == " " || u == "\t" || u == "\u{3000}" || u == "\u{00A0}" || u == "\u{0C}"
    }

    /// Sentence-final punctuation in either language (the English period is
    /// decided by the English splitter, which knows abbreviations).
    @inline(__always) public static func isJapaneseSentenceEnd(_ u: Unicode.Scalar) -> Bool {
        u == "。" || u == "！" || u == "？" || u == "!" || u == "?"
    }

    /// Closing brackets and quotes that stay with the sentence they close.
    @inline(__always) public static func isClosing(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "」", "』", "）", ")", "】", "〕", "〉", "》", "”", "’", "\"", "'", "］", "]": return true
        default: return false
        }
    }

    /// Kanji digits, with the formal forms of contracts and cheques (壱, 弐, 参, 肆 … 玖).
    @inline(__always) public static func kanjiDigit(_ u: Unicode.Scalar) -> Int? {
        switch u {
        case "〇", "零": return 0
        case "一", "壱", "壹": return 1
        case "二", "弐", "貳", "貮": return 2
        case "三", "参", "參": return 3
        case "四", "肆": return 4
        case "五", "伍": return 5
        case "六", "陸": return 6
        case "七", "漆", "柒": return 7
        case "八", "捌": return 8
        case "九", "玖": return 9
        default: return nil
        }
    }
}
