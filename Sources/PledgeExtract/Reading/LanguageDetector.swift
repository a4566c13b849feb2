import PledgeModel

/// Tells Japanese from English by script: a text with kana is Japanese.
/// Looks at the opening stretch only, which is enough and keeps it constant-time.
public enum LanguageDetector {
    public static func detect(_ text: String) -> Language {
        var kana = 0
        var latin = 0
        for u in text.unicodeScalars.prefix(20_000) {
            if CharacterClass.isHiragana(u) || CharacterClass.isKatakana(u) { kana += 1 } else if CharacterClass.isASCIILetter(u) { latin += 1 }
        }
        // Japanese text quotes English names; English text rarely holds kana at all.
        return kana * 20 >= latin && kana > 0 ? .ja : (latin > 0 ? .en : .ja)
    }
}
