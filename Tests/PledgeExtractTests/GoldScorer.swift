import Foundation
import PledgeModel

@testable import PledgeExtract

/// Scores an extraction against a hand-made gold annotation with the matching rules
/// of the shared scorer (`score.py`): greedy one-to-one matches per field.
struct GoldScorer {
    struct Gold: Decodable {
        struct Section: Decodable { var heading: String? }
        struct Item: Decodable { var start: Int; var end: Int; var kind: String; var title: String? }
        struct Sentence: Decodable {
            var start: Int; var end: Int; var modality: String; var parties: [String]; var confident: Bool?
        }
        struct Amount: Decodable { var start: Int; var end: Int; var value: Double; var unit: String; var qualifier: String? }
        struct Time: Decodable { var start: Int; var end: Int; var role: String; var value: String }
        struct Term: Decodable { var short: String; var long: String }
        var sections: [Section]
        var items: [Item]
        var sentences: [Sentence]
        var amounts: [Amount]
        var times: [Time]
        var terms: [Term]
    }

    struct Figures {
        var sections = 0.0, itemsStrict = 0.0, sentences = 0.0, amountsStrict = 0.0, timesStrict = 0.0, terms = 0.0
        var modality = 0.0, parties = 0.0
        /// Share of matched gold items with a title whose title the extraction reads the same.
        var titles = 1.0
    }

    static func f1(_ tp: Int, _ system: Int, _ gold: Int) -> Double {
        let p = system == 0 ? (gold == 0 ? 1 : 0) : Double(tp) / Double(system)
        let r = gold == 0 ? 1 : Double(tp) / Double(gold)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    /// Each gold record takes the first unused system record that fits.
    static func greedy<S, G>(_ system: [S], _ gold: [G], _ fits: (S, G) -> Bool) -> [(S, G)] {
        var used = Set<Int>()
        var pairs: [(S, G)] = []
        for g in gold {
            if let i = system.indices.first(where: { !used.contains($0) && fits(system[$0], g) }) {
                used.insert(i)
                pairs.append((system[i], g))
            }
        }
        return pairs
    }

    static func norm(_ s: String?) -> String? {
        s.map { String($0.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace && $0 != "*" && $0 != "#" }) }
    }

    static func overlap(_ a: SourceSpan, _ s: Int, _ e: Int) -> Int { max(0, min(a.end, e) - max(a.start, s)) }

    static func score(_ x: Extraction, _ gold: Gold) -> Figures {
        var f = Figures()
        f.sections = f1(greedy(x.sections, gold.sections) { norm($0.heading) == norm($1.heading) }.count, x.sections.count, gold.sections.count)
        let items = greedy(x.items, gold.items) { a, b in
            Double(overlap(a.span, b.start, b.end)) >= 0.9 * Double(max(a.span.length, b.end - b.start, 1))
        }
        f.itemsStrict = f1(items.filter { $0.0.kind.rawValue == $0.1.kind }.count, x.items.count, gold.items.count)
        let titled = items.filter { $0.1.title != nil }
        if !titled.isEmpty { f.titles = Double(titled.filter { norm($0.0.title) == norm($0.1.title) }.count) / Double(titled.count) }
        let sentences = greedy(x.sentences, gold.sentences) { a, b in abs(a.span.start - b.start) <= 2 && abs(a.span.end - b.end) <= 2 }
        f.sentences = f1(sentences.count, x.sentences.count, gold.sentences.count)
        let confident = sentences.filter { $0.1.confident ?? true }
        f.modality = Double(confident.filter { $0.0.modality.rawValue == $0.1.modality }.count) / Double(max(confident.count, 1))
        f.parties = Double(confident.filter { $0.0.parties.map(\.rawValue).sorted() == $0.1.parties.sorted() }.count) / Double(max(confident.count, 1))
        let amounts = greedy(x.amounts, gold.amounts) { a, b in
            overlap(a.span, b.start, b.end) > 0 && a.unit == b.unit && abs(a.value - b.value) <= 0.001 * max(abs(a.value), abs(b.value), 1)
                && a.qualifier?.rawValue == b.qualifier
        }
        f.amountsStrict = f1(amounts.count, x.amounts.count, gold.amounts.count)
        let times = greedy(x.times, gold.times) { a, b in overlap(a.span, b.start, b.end) > 0 && a.value == b.value && a.role.rawValue == b.role }
        f.timesStrict = f1(times.count, x.times.count, gold.times.count)
        let goldTerms = Set(gold.terms.map { "\(norm($0.short)!)|\(norm($0.long)!)" })
        let systemTerms = Set(x.terms.map { "\(norm($0.short)!)|\(norm($0.long)!)" })
        f.terms = f1(goldTerms.intersection(systemTerms).count, systemTerms.count, goldTerms.count)
        return f
    }
}
