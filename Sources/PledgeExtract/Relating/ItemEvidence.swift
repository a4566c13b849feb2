import Foundation
import PledgeModel

/// What an item says that survives translation and restatement: the amounts and dates it
/// states (by value), the numbers it writes in digits, the Latin-script names and
/// abbreviations it uses (with long forms read as their abbreviation), and the countries and
/// organisations it names in either language. The aligner and the linker compare items by it.
struct ItemEvidence: Sendable {
    enum Kind: UInt8, CaseIterable, Sendable {
        case amount, time, number, name, place
        /// A word or pair of words, compared within one language only (the linker's).
        case word
    }

    struct Feature: Hashable, Sendable {
        var kind: Kind
        var key: String
    }

    var features: Set<Feature> = []
    /// Letters, digits and ideographs: the item's length with spaces and marks left out.
    var length = 0

    /// The evidence of every item of `x`, in order. The parties of both documents (`ignoring`)
    /// are named everywhere and tell items apart no better than "we" does, so they are left out.
    static func of(_ x: Extraction, text: String, ignoring parties: Set<String> = []) -> [ItemEvidence] {
        let scalars = Array(text.unicodeScalars)
        // Long forms of the abbreviations either version defines, to be read as the abbreviation.
        let longForms: [(long: ScalarString, short: String)] = x.terms.compactMap { term in
            let long = ScalarString(PartyNames.lowercasedForNames(ScalarString(term.long)).description.trimmingSpaces())
            return long.count >= 6 ? (long, nameKey(Array(term.short.unicodeScalars))) : nil
        }
        // What each abbreviation's long form names, for items that use the abbreviation alone (RMI).
        var placesOfShort: [String: [String]] = [:]
        for term in x.terms {
            let long = ScalarString(term.long)
            let places = BilingualNames.english.keys(in: PartyNames.lowercasedForNames(long)) + BilingualNames.japanese.keys(in: long)
            if !places.isEmpty { placesOfShort[nameKey(Array(term.short.unicodeScalars)), default: []] += places }
        }
        let amountsByItem = group(x.amounts, by: \.span, in: x.items)
        let timesByItem = group(x.times.filter { $0.role != .duration }, by: \.span, in: x.items)
        return x.items.enumerated().map { index, item in
            var e = ItemEvidence()
            for a in amountsByItem[index] {
                e.features.insert(Feature(kind: .amount, key: "\(a.unit) \(ExtractionJSON.number(a.value))"))
            }
            for t in timesByItem[index] { if let value = t.value { e.features.insert(Feature(kind: .time, key: value)) } }
            let body = Array(scalars[max(0, min(item.span.start, scalars.count))..<max(0, min(item.span.end, scalars.count))])
            e.scan(body)
            let lowered = PartyNames.lowercasedForNames(ScalarString(body.map(CharacterClass.narrow)))
            for (long, short) in longForms where lowered.contains(long) { e.features.insert(Feature(kind: .name, key: short)) }
            for place in BilingualNames.english.keys(in: lowered) + BilingualNames.japanese.keys(in: ScalarString(body)) {
                if !parties.contains(place) { e.features.insert(Feature(kind: .place, key: place)) }
            }
            for f in e.features where f.kind == .name {
                for place in placesOfShort[f.key] ?? [] where !parties.contains(place) { e.features.insert(Feature(kind: .place, key: place)) }
            }
            return e
        }
    }

    /// An abbreviation as one key whatever its number: `SMRs` is `SMR`.
    static func nameKey(_ word: [Unicode.Scalar]) -> String {
        var w = word
        if w.count >= 3, w.last == "s", w.dropLast().allSatisfy({ !CharacterClass.isLowerLetter($0) }) { w.removeLast() }
        return String(String.UnicodeScalarView(w)).uppercased()
    }

    /// The elements of `all` that fall in each item, found in one pass over both (both are in text order).
    static func group<T>(_ all: [T], by span: KeyPath<T, SourceSpan>, in items: [Item]) -> [[T]] {
        var out = Array(repeating: [T](), count: items.count)
        var index = 0
        for element in all.sorted(by: { $0[keyPath: span].start < $1[keyPath: span].start }) {
            let s = element[keyPath: span]
            while index < items.count, items[index].span.end <= s.start { index += 1 }
            guard index < items.count else { break }
            if items[index].span.contains(s) { out[index].append(element) }
        }
        return out
    }

    /// Numbers written in digits (not years, which dates carry), and Latin-script names of two
    /// or more capitals: AUKUS, NASA, SOLAR-C stay in Latin script in a Japanese text.
    mutating func scan(_ s: [Unicode.Scalar]) {
        var i = 0
        while i < s.count {
            let u = CharacterClass.narrow(s[i])
            if CharacterClass.isLetter(u) || CharacterClass.isDigit(u) { length += 1 }
            if CharacterClass.isDigit(u) {
                var j = i
                var digits = ""
                while j < s.count {
                    let v = CharacterClass.narrow(s[j])
                    if CharacterClass.isDigit(v) { digits.unicodeScalars.append(v) }
                    else if !(v == "," && j + 1 < s.count && CharacterClass.isDigit(CharacterClass.narrow(s[j + 1]))) { break }
                    j += 1
                }
                length += j - i - 1
                if !(digits.count == 4 && (digits.hasPrefix("19") || digits.hasPrefix("20"))) {
                    features.insert(Feature(kind: .number, key: digits))
                }
                i = j
            } else if CharacterClass.isASCIILetter(u) {
                var j = i
                var capitals = 0, letters = 0
                while j < s.count {
                    let v = CharacterClass.narrow(s[j])
                    guard CharacterClass.isASCIILetter(v) || CharacterClass.isDigit(v) || v == "-" else { break }
                    if CharacterClass.isUpper(v) { capitals += 1 }
                    if CharacterClass.isASCIILetter(v) { letters += 1 }
                    j += 1
                }
                length += j - i - 1
                // Mostly capitals (AUKUS, SOLAR-C, SMRs), not a capitalised compound (Gender-Based).
                if j - i >= 2, capitals >= 2, capitals * 2 >= letters {
                    features.insert(Feature(kind: .name, key: Self.nameKey(s[i..<j].map(CharacterClass.narrow))))
                }
                i = j
            } else {
                i += 1
            }
        }
    }
}

/// Countries and organisations by their names in English and Japanese, each read as one key
/// (`JP`, `G7`), so that `Philippines` and `フィリピン` agree.
enum BilingualNames {
    static let english: Gazetteer<String> = {
        var names: [String: String] = [:]
        let en = Locale(identifier: "en")
        for code in PartyNames.countryCodes {
            guard let name = en.localizedString(forRegionCode: code)?.lowercased() else { continue }
            names[PartyNames.removingParenthetical(name)] = code
        }
        for (name, code) in PartyNames.englishAliases { names[name] = code }
        for (name, code) in PartyNames.englishAdjectives { names[name] = code }
        for org in Organisation.all {
            for name in [org.english.lowercased()] + org.aliases where name.unicodeScalars.allSatisfy(\.isASCII) { names[name] = org.code }
        }
        for phrase in PartyNames.englishNonParties { names[phrase] = "" }
        return Gazetteer(names.map { (ScalarString($0.key), $0.value) }, wholeWords: true)
    }()

    static let japanese: Gazetteer<String> = {
        var names: [String: String] = [:]
        let ja = Locale(identifier: "ja")
        for code in PartyNames.countryCodes {
            guard let name = ja.localizedString(forRegionCode: code).map(PartyNames.removingParenthetical), name.unicodeScalars.count >= 2 else { continue }
            names[name] = code
        }
        for (name, code) in PartyNames.japaneseAliases where name.unicodeScalars.count >= 2 { names[name] = code }
        for org in Organisation.all {
            for name in [org.japanese] + org.aliases where !name.unicodeScalars.allSatisfy(\.isASCII) { names[name] = org.code }
        }
        for phrase in PartyNames.japaneseNonParties { names[phrase] = "" }
        return Gazetteer(names.map { (ScalarString($0.key), $0.value) })
    }()
}

extension Gazetteer where Value == String {
    /// The keys named in `s`, without the empty key of phrases that name no one.
    func keys(in s: ScalarString) -> [String] { values(in: s).filter { !$0.isEmpty } }
}
