/// The runs of ASCII letters in a view, read once for all English recognisers that
/// look words up: where each starts and ends, what its packed key (`EnglishTimeRules.key`)
/// makes of it, and what follows it. The time and amount rules walk this list instead
/// of reading every word's letters again, and look ahead word by word.
struct WordIndex: Sendable {
    struct Word: Sendable {
        var start: Int32
        var end: Int32
        /// `Class` bits.
        var classes: UInt8
        /// What stands after the word (`Gap`).
        var gap: UInt8
    }

    var words: [Word] = []

    enum Class {
        /// A word a time expression can open with (`EnglishTimeRules.openerKeys`).
        static let timeOpener: UInt8 = 1
        /// A unit, month, season or day word (`EnglishTimeRules.coreWords`).
        static let timeCore: UInt8 = 2
        /// A number word (`EnglishNumber.unitKeys`).
        static let number: UInt8 = 4
        /// A common word that opens a time only just before one (`EnglishTimeRules.nearOpenerKeys`).
        static let nearOpener: UInt8 = 8
    }

    enum Gap {
        /// Only spaces, hyphens and commas, then the next word.
        static let word: UInt8 = 0
        /// Spaces, hyphens and commas, then a digit.
        static let digit: UInt8 = 1
        /// Any other mark, or the end of the view.
        static let stop: UInt8 = 2
    }

    /// Packed keys of the words with a class, and their classes.
    static let table: (keys: KeyMap, classes: [UInt8]) = {
        var byKey: [UInt64: UInt8] = [:]
        for k in EnglishTimeRules.openerKeys { byKey[k, default: 0] |= Class.timeOpener }
        for k in EnglishTimeRules.nearOpenerKeys { byKey[k, default: 0] |= Class.nearOpener }
        for k in EnglishTimeRules.coreKeys { byKey[k, default: 0] |= Class.timeCore }
        for k in EnglishNumber.unitKeyList { byKey[k, default: 0] |= Class.number }
        let sorted = byKey.sorted { $0.key < $1.key }
        return (KeyMap(sorted.map(\.key)), sorted.map(\.value))
    }()

    var count: Int { words.count }

    /// No word with a class is shorter than two letters or longer than twelve (`thanksgiving`).
    static let classLengths = 2...12

    init() {}

    init(_ v: TextView) {
        let n = v.count
        let table = Self.table
        words.reserveCapacity(n / 6 + 4)
        v.scalars.withUnsafeBufferPointer { s in
            var i = 0
            while i < n {
                guard CharacterClass.isASCIILetter(s[i]) else { i += 1; continue }
                var j = i
                var key: UInt64 = 0
                while j < n, CharacterClass.isASCIILetter(s[j]) {
                    key = key << 5 | UInt64((s[j].value | 0x20) - 0x60)
                    j += 1
                }
                var c: UInt8 = 0
                if Self.classLengths.contains(j - i), let e = table.keys.index(of: key) { c = table.classes[e] }
                // What follows: separators, then a word, a digit or anything else.
                var k = j
                // An apostrophe too: `Women's Day` reads on to its day.
                while k < n, s[k] == " " || s[k] == "-" || s[k] == "," || s[k] == "'" || s[k] == "’" { k += 1 }
                let gap: UInt8
                if k < n, CharacterClass.isASCIILetter(s[k]) {
                    gap = Gap.word
                } else if k < n, CharacterClass.isDigit(s[k]) {
                    gap = Gap.digit
                } else {
                    gap = Gap.stop
                }
                words.append(Word(start: Int32(truncatingIfNeeded: i), end: Int32(truncatingIfNeeded: j), classes: c, gap: gap))
                i = k
            }
        }
    }

    @inline(__always) func start(_ w: Int) -> Int { Int(words[w].start) }
    @inline(__always) func end(_ w: Int) -> Int { Int(words[w].end) }
    @inline(__always) func has(_ w: Int, _ c: UInt8) -> Bool { words[w].classes & c != 0 }
    @inline(__always) func gap(_ w: Int) -> UInt8 { words[w].gap }
}
