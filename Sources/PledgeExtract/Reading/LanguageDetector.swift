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

/// Works out who a document is between from how it names the sides, so that
/// `両国` and `我々` resolve to Japan and the counterpart it speaks with most.
enum PartyContextReader {
    static func read(bytes: UnsafeBufferPointer<UInt8>, language: Language) -> PartyContext {
        if language == .en {
            // An English release speaks for its own government (here, in the register's
            // Japan–US documents, the United States) with Japan as its counterpart.
            var context = PartyContext(documentParties: [.JP, .US], counterpart: .JP)
            context.home = .US
            return context
        }
        // Count 米 (the United States in 日米, 米国, 米側) against other one-character
        // country names in compounds with 日, over the opening of the document.
        let limit = min(bytes.count, 400_000)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<limit]), as: UTF8.self)
        var us = 0
        var other = 0
        var previous: Unicode.Scalar = " "
        for u in text.unicodeScalars {
            if previous == "日" {
                if u == "米" { us += 1 } else if let p = JapaneseParties.abbreviations[u], p == .OTHER, u != "中" { other += 1 }
            }
            // 米国 and アメリカ name the United States outright.
            if previous == "米" && u == "国" || previous == "メ" && u == "リ" { us += 1 }
            previous = u
        }
        let counterpart: Party = us >= other ? .US : .OTHER
        return PartyContext(documentParties: [.JP, counterpart].sorted(), counterpart: counterpart)
    }
}

