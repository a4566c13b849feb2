import Foundation
import PledgeModel

/// How an item of one document stands to an item of another.
public enum LinkRelation: String, Sendable, Codable, CaseIterable {
    /// Both state the same initiative or commitment, even if one only mentions it.
    case same
    /// The later item reports progress, completion or a next step of the earlier one.
    case progress
    /// Same specific topic and actors, not the same initiative.
    case related
}

/// A link from an item of one document to an item of another, with what matched.
public struct ItemLink: Equatable, Sendable {
    public var from: String
    public var to: String
    public var relation: LinkRelation
    /// From 0 to 1.
    public var score: Double
    /// What the two items share, rarest first: programme names, abbreviations, amounts, dates, rare words.
    public var evidence: [String]

    public init(from: String, to: String, relation: LinkRelation, score: Double, evidence: [String]) {
        self.from = from
        self.to = to
        self.relation = relation
        self.score = score
        self.evidence = evidence
    }
}

/// Links the items of one document to the items of another that concern the same initiative.
///
/// Two items are compared by what identifies an initiative: abbreviations and names, amounts
/// and dates by value, and the rare words and word pairs they share (in one language), each
/// weighed by its rarity over both documents' passages. A shared theme alone ("climate") is
/// common in both and weighs little. Each item is compared with every sentence of the other
/// document's item as well as the item as a whole, so that a one-line mention finds its place
/// in a long paragraph without the paragraph's other topics counting against it.
public enum Linker {
    /// What a linker needs of a document.
    public struct Document {
        public var extraction: Extraction
        public var text: String

        public init(_ extraction: Extraction, text: String) {
            self.extraction = extraction
            self.text = text
        }
    }

    /// The least score that makes a link; the least for an item's one clear best match; and
    /// the least that makes a link more than `related`.
    static let linkScore = 0.45
    static let clearScore = 0.3
    static let sameScore = 0.45

    public static func link(from: Document, to: Document) -> [ItemLink] {
        let a = Passages(from), b = Passages(to)
        var df: [ItemEvidence.Feature: Int] = [:]
        for p in a.passages + b.passages { for f in p.features { df[f, default: 0] += 1 } }
        let total = Double(a.passages.count + b.passages.count)
        func weight(_ f: ItemEvidence.Feature) -> Double {
            let rarity = log(total / Double(df[f] ?? 1))
            return max(0, rarity) * kindWeight(f)
        }
        let later = isLater(from.extraction.document.date, than: to.extraction.document.date)
        var links: [ItemLink] = []
        for (i, item) in from.extraction.items.enumerated() {
            let x = a.itemFeatures[i]
            let sizeX = x.reduce(0) { $0 + weight($1) }
            guard sizeX > 0 else { continue }
            var scored: [(j: Int, score: Double, shared: Set<ItemEvidence.Feature>)] = []
            for j in to.extraction.items.indices {
                var best = (score: 0.0, shared: Set<ItemEvidence.Feature>())
                for p in b.passages(of: j) {
                    let shared = x.intersection(p.features)
                    let s = shared.reduce(0) { $0 + weight($1) }
                    guard s > 0 else { continue }
                    let sizeY = p.features.reduce(0) { $0 + weight($1) }
                    // Shared evidence against the smaller side: a mention inside a paragraph is whole.
                    let overlap = s / max(1, min(sizeX, sizeY))
                    // And in absolute terms, so that one shared word in two short items is not a link.
                    let score = overlap.squareRoot() * (1 - exp(-s / 12))
                    if score > best.score { best = (score, shared) }
                }
                if best.score > 0 { scored.append((j, best.score, best.shared)) }
            }
            scored.sort { $0.score > $1.score }
            // A weaker best match still links where it stands out: twice the next one.
            if let first = scored.first, first.score < linkScore, first.score >= clearScore,
               first.score >= 2 * (scored.count > 1 ? scored[1].score : 0) {
                scored = [first]
            } else {
                scored = scored.filter { $0.score >= linkScore }
            }
            guard let top = scored.map(\.score).max() else { continue }
            // Several targets where they score alike: a summary paragraph restated in several items.
            for s in scored where s.score >= top * 0.75 {
                let relation: LinkRelation = s.score < sameScore ? .related : later ? .progress : .same
                let evidence = Self.evidence(s.shared, weight: weight)
                links.append(ItemLink(from: item.id, to: to.extraction.items[s.j].id, relation: relation,
                                      score: (min(1, s.score) * 100).rounded() / 100, evidence: evidence))
            }
        }
        return links
    }

    /// What two items share, weightiest first, at most ten; a word shown within a pair of words is not shown again.
    static func evidence(_ shared: Set<ItemEvidence.Feature>, weight: (ItemEvidence.Feature) -> Double) -> [String] {
        let ordered = shared.map { ($0, weight($0)) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.key < $1.0.key }
        var out: [String] = []
        var shown = Set<String>()
        for (f, _) in ordered where out.count < 10 {
            if f.kind == .word, !f.key.contains(" "), shown.contains(f.key) { continue }
            guard !out.contains(f.key) else { continue }
            out.append(f.key)
            if f.kind == .word { for w in f.key.split(separator: " ") { shown.insert(String(w)) } }
        }
        return out
    }

    /// The names a document uses, which find the documents it may link to: abbreviations and
    /// other Latin capitals of three letters or more (long forms read as their abbreviation),
    /// pairs of capitalised words that name programmes and places (`Luzon Economic`, `Camp
    /// David`), and katakana words of four or more (`アルテミス`).
    public static func names(_ d: Document) -> Set<String> {
        var names = Set<String>()
        for e in ItemEvidence.of(d.extraction, text: d.text, ignoring: Set(d.extraction.document.parties.map(\.rawValue))) {
            for f in e.features where f.kind == .name && f.key.count >= 3 { names.insert(f.key) }
        }
        let scalars = Array(d.text.unicodeScalars)
        for item in d.extraction.items {
            var previous: String?
            var word = String.UnicodeScalarView(), katakana = String.UnicodeScalarView()
            func endWord(_ u: Unicode.Scalar) {
                guard !word.isEmpty else {
                    if u != " " { previous = nil }
                    return
                }
                let w = String(word)
                let capitalised = w.unicodeScalars.count >= 3 && w.unicodeScalars.first.map(CharacterClass.isUpper) == true
                    && w.unicodeScalars.dropFirst().contains(where: { CharacterClass.isLowerLetter($0) })
                if capitalised, let p = previous { names.insert(p + " " + w) }
                previous = capitalised && u == " " ? w : nil
                word = String.UnicodeScalarView()
            }
            for u in scalars[max(0, min(item.span.start, scalars.count))..<max(0, min(item.span.end, scalars.count))] {
                if CharacterClass.isKatakana(u) && u != "・" { katakana.append(u) } else {
                    if katakana.count >= 4 { names.insert(String(katakana)) }
                    katakana = String.UnicodeScalarView()
                }
                if CharacterClass.isASCIILetter(u) || u == "-" { word.append(u) } else { endWord(u) }
            }
            endWord(".")
            if katakana.count >= 4 { names.insert(String(katakana)) }
        }
        return names
    }

    static func kindWeight(_ f: ItemEvidence.Feature) -> Double {
        switch f.kind {
        case .amount: return 3
        case .time: return 0.5
        case .number: return f.key.utf8.count >= 3 ? 1 : 0.3
        case .name: return 2.5
        case .place: return 0.7
        case .word: return f.key.contains(" ") ? 1.6 : 1
        }
    }

    static func isLater(_ a: String?, than b: String?) -> Bool {
        guard let a, let b else { return false }
        // Releases of one summit week (a day or two apart) report the same moment.
        guard let x = Day(iso: a), let y = Day(iso: b) else { return a > b }
        return y.adding(days: 7) < x
    }

    /// A document's items and the sentences within them, each with its features.
    struct Passages {
        struct Passage {
            var item: Int
            var features: Set<ItemEvidence.Feature>
        }

        var passages: [Passage] = []
        var itemFeatures: [Set<ItemEvidence.Feature>] = []
        private var byItem: [[Int]] = []

        init(_ d: Document) {
            let x = d.extraction
            let scalars = Array(d.text.unicodeScalars)
            let evidence = ItemEvidence.of(x, text: d.text, ignoring: Set(x.document.parties.map(\.rawValue)))
            let sentences = ItemEvidence.group(x.sentences, by: \.span, in: x.items)
            byItem = Array(repeating: [], count: x.items.count)
            func slice(_ s: SourceSpan) -> ArraySlice<Unicode.Scalar> {
                scalars[max(0, min(s.start, scalars.count))..<max(0, min(s.end, scalars.count))]
            }
            for (index, item) in x.items.enumerated() {
                let words = ItemWords.words(slice(item.span)).map { ItemEvidence.Feature(kind: .word, key: $0) }
                var whole = evidence[index].features.union(words)
                // A bullet is about what its lead-in says: the names of the paragraph it hangs from.
                if item.kind == .bullet, let lead = x.items[..<index].last(where: { $0.kind != .bullet && $0.section == item.section }),
                   let leadIndex = x.items.firstIndex(where: { $0.id == lead.id }) {
                    for f in evidence[leadIndex].features where f.kind == .name { whole.insert(f) }
                }
                // And every item is about its section's heading.
                if let heading = x.sections.first(where: { $0.id == item.section })?.heading {
                    for w in ItemWords.words(heading.unicodeScalars) { whole.insert(ItemEvidence.Feature(kind: .word, key: w)) }
                }
                itemFeatures.append(whole)
                byItem[index].append(passages.count)
                passages.append(Passage(item: index, features: whole))
                guard sentences[index].count > 1 else { continue }
                for sentence in sentences[index] {
                    var features = Set(ItemWords.words(slice(sentence.span)).map { ItemEvidence.Feature(kind: .word, key: $0) })
                    var e = ItemEvidence()
                    e.scan(Array(slice(sentence.span)))
                    features.formUnion(e.features)
                    byItem[index].append(passages.count)
                    passages.append(Passage(item: index, features: features))
                }
            }
        }

        func passages(of item: Int) -> [Passage] { byItem[item].map { passages[$0] } }
    }
}
