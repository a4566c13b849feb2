import Foundation
import PledgeModel

/// One document's item and its counterpart in the translation (or none).
public struct AlignedPair: Equatable, Sendable {
    public var first: String?
    public var second: String?
    public var score: Double
}

/// A figure that one version states and its counterpart states differently or not at all.
public struct Discrepancy: Equatable, Sendable {
    public enum Kind: String, Sendable { case amount, time }
    public var kind: Kind
    public var first: String?
    public var second: String?
    /// What the first document says, or nil where it says nothing.
    public var firstText: String?
    public var secondText: String?
    public var message: String
}

/// Pairs the items of a document with those of its translation by what they say, not where
/// they stand: amounts and dates by value, numbers, Latin-script names and abbreviations
/// (long forms read as their abbreviation), and the countries and organisations they name in
/// either language, each weighed by how rare it is in the two texts.
///
/// 1. Items whose evidence agrees strongly are paired first, wherever they stand, so a section
///    moved to the end or items dropped on one side do not disturb the rest.
/// 2. Items between two such pairs are paired in order within the gap, on what evidence they
///    have and on their lengths (a translation keeps a steady ratio of lengths).
/// 3. An item left over next to a pair whose counterpart covers it too (a paragraph split in
///    two, or two merged into one) joins that pair: one item pairs with two.
public enum Aligner {
    public static func align(_ a: Extraction, text aText: String, _ b: Extraction, text bText: String) -> [AlignedPair] {
        let table = Table(a, text: aText, b, text: bText)
        let matched = table.pairs()
        var pairs: [AlignedPair] = []
        var pairedB = Set<Int>()
        var byA = Array(repeating: [Int](), count: a.items.count)
        for (i, j) in matched { byA[i].append(j); pairedB.insert(j) }
        // Unpaired items of the second document follow the pair before them in its order.
        var after = Array(repeating: [Int](), count: a.items.count + 1)
        var lastA = -1
        var partnerOfB = Array(repeating: -1, count: b.items.count)
        for (i, j) in matched { partnerOfB[j] = max(partnerOfB[j], i) }
        for j in 0..<b.items.count {
            if partnerOfB[j] >= 0 { lastA = partnerOfB[j] } else { after[lastA + 1].append(j) }
        }
        for j in after[0] { pairs.append(AlignedPair(first: nil, second: b.items[j].id, score: 0)) }
        for i in 0..<a.items.count {
            if byA[i].isEmpty { pairs.append(AlignedPair(first: a.items[i].id, second: nil, score: 0)) }
            for j in byA[i].sorted() {
                pairs.append(AlignedPair(first: a.items[i].id, second: b.items[j].id, score: rounded(table.score(i, j))))
            }
            for j in after[i + 1] { pairs.append(AlignedPair(first: nil, second: b.items[j].id, score: 0)) }
        }
        return pairs
    }

    /// The share of items of the shorter version that found a counterpart by their content:
    /// near 1 for a translation, low for two different documents of the same day.
    public static func agreement(_ a: Extraction, text aText: String, _ b: Extraction, text bText: String) -> Double {
        let table = Table(a, text: aText, b, text: bText)
        let anchors = table.anchors()
        let smaller = min(a.items.count, b.items.count)
        return smaller == 0 ? 0 : Double(anchors.count) / Double(smaller)
    }

    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// Every pairwise comparison of two documents' items.
    struct Table {
        let a: [ItemEvidence]
        let b: [ItemEvidence]
        /// How rare each feature is over both documents' items.
        let idf: [ItemEvidence.Feature: Double]
        /// Length of the second version per unit of the first, from the strongest pairs.
        var ratio = 1.0
        /// The rarity of a feature found in one item of each version.
        let uniqueIDF: Double

        /// How much a feature of this kind tells, before its rarity: a one-digit number little.
        static func weight(_ f: ItemEvidence.Feature) -> Double {
            switch f.kind {
            case .amount: return 3
            case .time: return 2
            case .number: return f.key.utf8.count == 1 ? 0.3 : f.key.utf8.count == 2 ? 0.7 : 1
            case .name: return 1.5
            case .place, .word: return 1
            }
        }

        func weight(_ f: ItemEvidence.Feature) -> Double { Self.weight(f) * (idf[f] ?? 0) }

        init(_ x: Extraction, text: String, _ y: Extraction, text yText: String) {
            let parties = Set((x.document.parties + y.document.parties).map(\.rawValue))
            self.init(ItemEvidence.of(x, text: text, ignoring: parties), ItemEvidence.of(y, text: yText, ignoring: parties))
        }

        init(_ a: [ItemEvidence], _ b: [ItemEvidence]) {
            self.a = a
            self.b = b
            var df: [ItemEvidence.Feature: Int] = [:]
            for e in a + b { for f in e.features { df[f, default: 0] += 1 } }
            let n = Double(a.count + b.count)
            idf = df.mapValues { log(1 + n / Double($0)) }
            uniqueIDF = log(1 + n / 2) - 1e-9
            let la = a.reduce(0) { $0 + $1.length }, lb = b.reduce(0) { $0 + $1.length }
            ratio = la > 0 && lb > 0 ? Double(lb) / Double(la) : 1
        }

        /// Shared evidence (weighted), the share of the pair's evidence it is, and whether one
        /// shared feature is found in these two items only. Names count little where only one
        /// item has some: one version may write NVIDIA in katakana.
        func content(_ i: Int, _ j: Int) -> (shared: Double, share: Double, possible: Double, unique: Bool, count: Int) {
            let x = a[i].features, y = b[j].features
            var shared = 0.0, count = 0
            var unique = false
            var sums = [Double](repeating: 0, count: 2 * ItemEvidence.Kind.allCases.count)
            for f in x {
                let w = weight(f)
                sums[2 * Int(f.kind.rawValue)] += w
                if y.contains(f) {
                    shared += w
                    count += 1
                    if Self.weight(f) >= 1, (idf[f] ?? 0) >= uniqueIDF { unique = true }
                }
            }
            for f in y { sums[2 * Int(f.kind.rawValue) + 1] += weight(f) }
            var possible = 0.0
            for kind in ItemEvidence.Kind.allCases {
                let sx = sums[2 * Int(kind.rawValue)], sy = sums[2 * Int(kind.rawValue) + 1]
                possible += (sx + sy) / 2 * (kind == .name && (sx == 0 || sy == 0) ? 0.3 : 1)
            }
            return (shared, possible > 0 ? min(1, shared / possible) : 0, possible, unique, count)
        }



        /// How well two lengths fit the ratio of a translation, from 0 to 1.
        func lengthFit(_ i: Int, _ j: Int) -> Double {
            let x = Double(a[i].length) * ratio + 20, y = Double(b[j].length) + 20
            return exp(-abs(log(x / y)) * 1.5)
        }

        /// A pair's score from 0 to 1: its content where it has evidence, else neutral, and its lengths.
        func score(_ i: Int, _ j: Int) -> Double {
            let c = content(i, j)
            let confidence = min(1, c.possible / 6)
            let content = confidence * c.share + (1 - confidence) * 0.5
            return 0.6 * content + 0.4 * lengthFit(i, j)
        }

        /// Pairs whose evidence agrees strongly, each item in at most one, strongest first.
        func anchors() -> [(Int, Int)] {
            var candidates: [(i: Int, j: Int, strength: Double)] = []
            let n = Double(max(1, a.count - 1)), m = Double(max(1, b.count - 1))
            for i in a.indices {
                for j in b.indices {
                    let c = content(i, j)
                    // Strong: most of what both say agrees, and either one thing found in these two
                    // items only or several things. Place breaks ties, and only ties.
                    guard c.share >= 0.5, c.unique || c.count >= 2 && c.shared >= 6 else { continue }
                    let nearness = 1 - abs(Double(i) / n - Double(j) / m)
                    candidates.append((i, j, c.share * min(1, c.shared / 8) * (0.95 + 0.05 * nearness)))
                }
            }
            candidates.sort { $0.strength != $1.strength ? $0.strength > $1.strength : ($0.i, $0.j) < ($1.i, $1.j) }
            var usedA = Set<Int>(), usedB = Set<Int>()
            var out: [(Int, Int)] = []
            for c in candidates where !usedA.contains(c.i) && !usedB.contains(c.j) {
                usedA.insert(c.i)
                usedB.insert(c.j)
                out.append((c.i, c.j))
            }
            return out.sorted { $0.0 < $1.0 }
        }

        func pairs() -> [(Int, Int)] {
            var table = self
            let anchors = anchors()
            // The ratio of lengths from the anchors, which are right: a version with items
            // dropped has a different ratio of totals.
            let ratios = anchors.map { Double(b[$0.1].length + 20) / Double(a[$0.0].length + 20) }.sorted()
            if ratios.count >= 3 { table.ratio = ratios[ratios.count / 2] }
            var partnerA = [Int?](repeating: nil, count: a.count)
            var partnerB = [Int?](repeating: nil, count: b.count)
            for (i, j) in anchors { partnerA[i] = j; partnerB[j] = i }
            // Each run of unpaired items of the first version lies between two anchored items;
            // its candidates are the unpaired items that follow the first anchor's counterpart
            // and those that precede the second's (the same run unless a section moved).
            var i = 0
            while i < a.count {
                guard partnerA[i] == nil else { i += 1; continue }
                var end = i
                while end < a.count, partnerA[end] == nil { end += 1 }
                let before = i > 0 ? partnerA[i - 1] : nil
                let next = end < a.count ? partnerA[end] : nil
                var candidates: [Int] = []
                var j = before.map { $0 + 1 } ?? (next == nil ? 0 : b.count)
                while j < b.count, partnerB[j] == nil { candidates.append(j); j += 1 }
                if let next {
                    var k = next - 1
                    var run: [Int] = []
                    while k >= 0, partnerB[k] == nil, !candidates.contains(k) { run.append(k); k -= 1 }
                    candidates += run.reversed()
                } else if before == nil {
                    candidates = b.indices.filter { partnerB[$0] == nil }
                }
                // One item left on each side between the same two pairs is most likely a pair.
                let sandwiched = end - i == 1 && candidates.count == 1 && before != nil && next != nil
                for (x, y) in table.inOrder(Array(i..<end), candidates, gap: sandwiched ? 0.3 : 0.4) { partnerA[x] = y; partnerB[y] = x }
                i = end
            }
            var out = a.indices.compactMap { i in partnerA[i].map { (i, $0) } }
            out += table.splits(partnerA, partnerB)
            return out.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        }

        /// The best order-keeping pairing of two runs of items (dynamic programming): a pair
        /// must score above `gap` to be worth making.
        func inOrder(_ xs: [Int], _ ys: [Int], gap: Double) -> [(Int, Int)] {
            let n = xs.count, m = ys.count
            guard n > 0, m > 0 else { return [] }
            var best = Array(repeating: Array(repeating: 0.0, count: m + 1), count: n + 1)
            var move = Array(repeating: Array(repeating: UInt8(0), count: m + 1), count: n + 1)
            for p in 0...n {
                for q in 0...m where p > 0 || q > 0 {
                    var value = -Double.infinity
                    var step: UInt8 = 0
                    if p > 0, q > 0 {
                        let s = score(xs[p - 1], ys[q - 1])
                        if s > gap, best[p - 1][q - 1] + s - gap > value { value = best[p - 1][q - 1] + s - gap; step = 1 }
                    }
                    if p > 0, best[p - 1][q] > value { value = best[p - 1][q]; step = 2 }
                    if q > 0, best[p][q - 1] > value { value = best[p][q - 1]; step = 3 }
                    best[p][q] = value
                    move[p][q] = step
                }
            }
            var out: [(Int, Int)] = []
            var p = n, q = m
            while p > 0 || q > 0 {
                switch move[p][q] {
                case 1: out.append((xs[p - 1], ys[q - 1])); p -= 1; q -= 1
                case 2: p -= 1
                default: q -= 1
                }
            }
            return out.reversed()
        }

        /// Leftover items next to a pair whose counterpart also covers them: the second half of a
        /// paragraph the other version splits in two (or writes as one where this one has two).
        func splits(_ partnerA: [Int?], _ partnerB: [Int?]) -> [(Int, Int)] {
            var out: [(Int, Int)] = []
            for j in b.indices where partnerB[j] == nil {
                for k in [j - 1, j + 1] where b.indices.contains(k) {
                    guard let i = partnerB[k], covers(a[i], b[j], with: b[k], scale: 1 / ratio) else { continue }
                    out.append((i, j))
                    break
                }
            }
            for i in a.indices where partnerA[i] == nil {
                for k in [i - 1, i + 1] where a.indices.contains(k) {
                    guard let j = partnerA[k], covers(b[j], a[i], with: a[k], scale: ratio) else { continue }
                    out.append((i, j))
                    break
                }
            }
            return out
        }

        /// Whether `whole` says what `part` says (its rare evidence), and is as long as `part`
        /// and `sibling` together rather than as `sibling` alone. `scale` turns the part's
        /// lengths into the whole's version's.
        func covers(_ whole: ItemEvidence, _ part: ItemEvidence, with sibling: ItemEvidence, scale: Double) -> Bool {
            let own = part.features.subtracting(sibling.features)
            let total = own.reduce(0.0) { $0 + weight($1) }
            let found = own.intersection(whole.features).reduce(0.0) { $0 + weight($1) }
            guard total == 0 || found / total >= 0.6 else { return false }
            let length = Double(whole.length) + 20
            let together = Double(part.length + sibling.length) * scale + 20
            let alone = Double(sibling.length) * scale + 20
            return abs(log(length / together)) < abs(log(length / alone))
        }
    }

    /// Amounts and dates that a pair of items does not state alike: a translation error detector.
    public static func check(_ pairs: [AlignedPair], _ a: Extraction, _ b: Extraction) -> [Discrepancy] {
        let itemsA = Dictionary(uniqueKeysWithValues: a.items.map { ($0.id, $0) })
        let itemsB = Dictionary(uniqueKeysWithValues: b.items.map { ($0.id, $0) })
        var found: [Discrepancy] = []
        for pair in pairs {
            guard let ia = pair.first.flatMap({ itemsA[$0] }), let ib = pair.second.flatMap({ itemsB[$0] }) else { continue }
            let amountsA = a.amounts.filter { ia.span.contains($0.span) }
            let amountsB = b.amounts.filter { ib.span.contains($0.span) }
            for x in amountsA where !amountsB.contains(where: { sameAmount($0, x) }) {
                found.append(Discrepancy(kind: .amount, first: ia.id, second: ib.id, firstText: x.text, secondText: nil,
                    message: "\(x.text) (\(x.unit) \(ExtractionJSON.number(x.value))) has no counterpart in \(ib.id)"))
            }
            for y in amountsB where !amountsA.contains(where: { sameAmount($0, y) }) {
                found.append(Discrepancy(kind: .amount, first: ia.id, second: ib.id, firstText: nil, secondText: y.text,
                    message: "\(y.text) (\(y.unit) \(ExtractionJSON.number(y.value))) has no counterpart in \(ia.id)"))
            }
            let timesA = a.times.filter { ia.span.contains($0.span) && $0.role != .duration }
            let timesB = b.times.filter { ib.span.contains($0.span) && $0.role != .duration }
            for x in timesA where !timesB.contains(where: { $0.value == x.value }) {
                found.append(Discrepancy(kind: .time, first: ia.id, second: ib.id, firstText: x.text, secondText: nil,
                    message: "\(x.text) (\(x.value ?? "undated")) has no counterpart in \(ib.id)"))
            }
            for y in timesB where !timesA.contains(where: { $0.value == y.value }) {
                found.append(Discrepancy(kind: .time, first: ia.id, second: ib.id, firstText: nil, secondText: y.text,
                    message: "\(y.text) (\(y.value ?? "undated")) has no counterpart in \(ia.id)"))
            }
        }
        return found
    }

    static func sameAmount(_ x: Amount, _ y: Amount) -> Bool {
        x.unit == y.unit && abs(x.value - y.value) <= 0.001 * max(abs(x.value), abs(y.value), 1)
    }
}
