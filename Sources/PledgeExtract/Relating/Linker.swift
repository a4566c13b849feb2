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
        link(from: Prepared(from), to: Prepared(to))
    }

    /// A document cut into passages with their features, made once by a caller that compares
    /// one document with several, or keeps recent ones.
    public struct Prepared: Sendable {
        let passages: Passages
        let date: String?
        let language: Language

        public init(_ d: Document) {
            passages = Passages(d)
            date = d.extraction.document.date
            language = d.extraction.document.language
        }
    }

    public static func link(from a: Prepared, to b: Prepared) -> [ItemLink] {
        link(from: a.passages, to: b.passages, later: isLater(a.date, than: b.date), acrossLanguages: a.language != b.language)
    }

    /// `acrossLanguages`: words of one language never meet the other's, so items are compared by
    /// what survives translation alone (names, abbreviations, amounts, dates, numbers, places);
    /// counting their words would only make every item look larger than what it shares.
    static func link(from a: Passages, to b: Passages, later: Bool, acrossLanguages: Bool = false) -> [ItemLink] {
        var df: [ItemEvidence.Feature: Int] = [:]
        for p in a.passages + b.passages { for f in p.features { df[f, default: 0] += 1 } }
        let total = Double(a.passages.count + b.passages.count)
        // Each feature's weight once: rarity over both documents' passages times its kind's.
        let weights = df.mapValues { max(0, log(total / Double($0))) }
            .reduce(into: [ItemEvidence.Feature: Double]()) {
                $0[$1.key] = acrossLanguages && $1.key.kind == .word ? 0 : $1.value * kindWeight($1.key)
            }
        func weight(_ f: ItemEvidence.Feature) -> Double { weights[f] ?? 0 }
        // Which passages of the other document hold each feature: each item is compared only
        // with the passages it shares something with.
        var postings: [ItemEvidence.Feature: [Int]] = [:]
        for (n, p) in b.passages.enumerated() { for f in p.features { postings[f, default: []].append(n) } }
        let sizes = b.passages.map { $0.features.reduce(0) { $0 + weight($1) } }
        var links: [ItemLink] = []
        var shared = [Double](repeating: 0, count: b.passages.count)
        for (i, id) in a.ids.enumerated() {
            let x = a.itemFeatures[i]
            let sizeX = x.reduce(0) { $0 + weight($1) }
            guard sizeX > 0 else { continue }
            var touched: [Int] = []
            for f in x {
                let w = weight(f)
                guard w > 0, let list = postings[f] else { continue }
                for n in list {
                    if shared[n] == 0 { touched.append(n) }
                    shared[n] += w
                }
            }
            // The best passage of each item of the other document.
            var best: [Int: (score: Double, passage: Int)] = [:]
            for n in touched {
                let s = shared[n]
                shared[n] = 0
                // Shared evidence against the smaller side: a mention inside a paragraph is whole;
                // and in absolute terms, so that one shared word in two short items is not a link.
                let overlap = s / max(1, min(sizeX, sizes[n]))
                let score = overlap.squareRoot() * (1 - exp(-s / 12))
                let j = b.passages[n].item
                if score > best[j]?.score ?? 0 { best[j] = (score, n) }
            }
            var scored = best.map { (j: $0.key, score: $0.value.score, passage: $0.value.passage) }
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.j < $1.j }
            // A weaker best match still links where it stands out: twice the next one.
            if let first = scored.first, first.score < linkScore, first.score >= clearScore,
               first.score >= 2 * (scored.count > 1 ? scored[1].score : 0) {
                scored = [first]
            } else {
                scored = scored.filter { $0.score >= linkScore }
            }
            guard let top = scored.first?.score else { continue }
            // Several targets where they score alike: a summary paragraph restated in several items.
            for s in scored where s.score >= top * 0.75 {
                let relation: LinkRelation = s.score < sameScore ? .related : later ? .progress : .same
                let evidence = Self.evidence(x.intersection(b.passages[s.passage].features), weight: weight)
                links.append(ItemLink(from: id, to: b.ids[s.j], relation: relation,
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
            if f.kind == .word, !f.key.utf8.contains(32), shown.contains(f.key) { continue }
            guard !out.contains(f.key) else { continue }
            out.append(f.key)
            if f.kind == .word { for w in f.key.split(separator: " ") { shown.insert(String(w)) } }
        }
        return out
    }

    /// The names a document uses, which find the documents it may link to: the abbreviations it
    /// defines and other Latin capitals of three letters or more (IPMDA, DICAS, NASA). A few
    /// dozen a document, so that indexing them costs little beside storing it.
    public static func names(_ d: Document) -> Set<String> {
        // One pass over the items' text, without the recognisers: this runs for every document
        // stored, most of which find nothing to link to.
        var names = Set(d.extraction.terms.map { ItemEvidence.nameKey(Array($0.short.unicodeScalars)) }.filter { $0.count >= 3 })
        let parties = Set(d.extraction.document.parties.map(\.rawValue))
        let scalars = Array(d.text.unicodeScalars)
        for item in d.extraction.items {
            var word = String.UnicodeScalarView()
            var capitals = 0, letters = 0
            func endWord(_ u: Unicode.Scalar) {
                guard !word.isEmpty else { return }
                let w = String(word)
                if letters >= 3, capitals >= 2, capitals * 2 >= letters {
                    let key = ItemEvidence.nameKey(Array(w.unicodeScalars))
                    if !parties.contains(key) { names.insert(key) }
                }
                word = String.UnicodeScalarView()
                capitals = 0
                letters = 0
            }
            for u in scalars[max(0, min(item.span.start, scalars.count))..<max(0, min(item.span.end, scalars.count))] {
                let v = CharacterClass.narrow(u)
                if CharacterClass.isASCIILetter(v) || CharacterClass.isDigit(v) || v == "-" {
                    word.append(v)
                    if CharacterClass.isUpper(v) { capitals += 1 }
                    if CharacterClass.isASCIILetter(v) { letters += 1 }
                } else {
                    endWord(v)
                }
            }
            endWord(".")
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
        case .word: return f.key.utf8.contains(32) ? 1.6 : 1
        }
    }

    static func isLater(_ a: String?, than b: String?) -> Bool {
        guard let a, let b else { return false }
        // Releases of one summit week (a day or two apart) report the same moment.
        guard let x = Day(iso: a), let y = Day(iso: b) else { return a > b }
        return y.adding(days: 7) < x
    }

    /// A document's items and the sentences within them, each with its features.
    struct Passages: Sendable {
        struct Passage: Sendable {
            var item: Int
            var features: Set<ItemEvidence.Feature>
        }

        var passages: [Passage] = []
        var itemFeatures: [Set<ItemEvidence.Feature>] = []
        /// The extraction's item ids, in order.
        var ids: [String] = []
        private var byItem: [[Int]] = []

        init(_ d: Document) {
            let x = d.extraction
            let scalars = Array(d.text.unicodeScalars)
            let evidence = ItemEvidence.of(x, text: d.text, ignoring: Set(x.document.parties.map(\.rawValue)))
            let sentences = ItemEvidence.group(x.sentences, by: \.span, in: x.items)
            byItem = Array(repeating: [], count: x.items.count)
            ids = x.items.map(\.id)
            func slice(_ s: SourceSpan) -> ArraySlice<Unicode.Scalar> {
                scalars[max(0, min(s.start, scalars.count))..<max(0, min(s.end, scalars.count))]
            }
            let ownParties = ItemWords.partyWords(x.document.parties)
            func wordFeatures(_ span: SourceSpan) -> [ItemEvidence.Feature] {
                ItemWords.words(slice(span)).subtracting(ownParties).map { ItemEvidence.Feature(kind: .word, key: $0) }
            }
            for (index, item) in x.items.enumerated() {
                let words = wordFeatures(item.span)
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
                    var features = Set(wordFeatures(sentence.span))
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
