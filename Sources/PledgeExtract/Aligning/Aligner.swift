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

/// Pairs the items of a document with those of its translation from evidence that
/// survives translation: the amounts and dates they state (by value), the numbers and
/// Latin-script names and abbreviations they share, and their place in the document.
/// The pairing keeps document order (translations do), found by dynamic programming.
public enum Aligner {
    /// What an item says that a translation keeps.
    struct Evidence {
        var amounts: [String] = []
        var times: Set<String> = []
        var numbers: Set<String> = []
        var names: Set<String> = []
        var position: Double = 0
    }

    public static func align(_ a: Extraction, text aText: String, _ b: Extraction, text bText: String) -> [AlignedPair] {
        let ea = evidence(a, aText)
        let eb = evidence(b, bText)
        let n = ea.count, m = eb.count
        guard n > 0, m > 0 else {
            return a.items.map { AlignedPair(first: $0.id, second: nil, score: 0) } + b.items.map { AlignedPair(first: nil, second: $0.id, score: 0) }
        }
        var sim = Array(repeating: Array(repeating: 0.0, count: m), count: n)
        for i in 0..<n { for j in 0..<m { sim[i][j] = similarity(ea[i], eb[j]) } }
        // best[i][j]: the best total for the first i and j items; a pair must score above `gap`.
        let gap = 0.2
        var best = Array(repeating: Array(repeating: 0.0, count: m + 1), count: n + 1)
        var move = Array(repeating: Array(repeating: UInt8(0), count: m + 1), count: n + 1)
        for i in 0...n {
            for j in 0...m where i > 0 || j > 0 {
                var value = -Double.infinity
                var step: UInt8 = 0
                if i > 0, j > 0, best[i - 1][j - 1] + sim[i - 1][j - 1] - gap > value {
                    value = best[i - 1][j - 1] + sim[i - 1][j - 1] - gap
                    step = 1
                }
                if i > 0, best[i - 1][j] > value { value = best[i - 1][j]; step = 2 }
                if j > 0, best[i][j - 1] > value { value = best[i][j - 1]; step = 3 }
                best[i][j] = value
                move[i][j] = step
            }
        }
        var pairs: [AlignedPair] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            switch move[i][j] {
            case 1:
                pairs.append(AlignedPair(first: a.items[i - 1].id, second: b.items[j - 1].id, score: rounded(sim[i - 1][j - 1])))
                i -= 1; j -= 1
            case 2:
                pairs.append(AlignedPair(first: a.items[i - 1].id, second: nil, score: 0))
                i -= 1
            default:
                pairs.append(AlignedPair(first: nil, second: b.items[j - 1].id, score: 0))
                j -= 1
            }
        }
        return pairs.reversed()
    }

    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// How alike two items are, from 0 to 1: shared figures and names, then nearness in the document.
    static func similarity(_ x: Evidence, _ y: Evidence) -> Double {
        var shared = 0.0
        var possible = 0.0
        func add<T: Hashable>(_ a: Set<T>, _ b: Set<T>, weight: Double, bothSidesOnly: Bool) {
            // Names often stay in Latin script in one version only (NVIDIA, エヌビディア), so
            // they count only where both versions have some; figures count on either side.
            if bothSidesOnly {
                guard !a.isEmpty, !b.isEmpty else { return }
                shared += weight * Double(a.intersection(b).count)
                possible += weight * Double(min(a.count, b.count))
            } else {
                shared += weight * Double(a.intersection(b).count)
                possible += weight * Double(a.union(b).count)
            }
        }
        add(Set(x.amounts), Set(y.amounts), weight: 3, bothSidesOnly: false)
        add(x.times, y.times, weight: 2, bothSidesOnly: false)
        add(x.numbers, y.numbers, weight: 1, bothSidesOnly: false)
        add(x.names, y.names, weight: 1.5, bothSidesOnly: true)
        let content = possible == 0 ? 0 : shared / possible
        let nearness = max(0, 1 - abs(x.position - y.position) * 8)
        // Items with nothing to compare lean on their place alone.
        let weight = min(1, possible / 4) * 0.7
        return weight * content + (1 - weight) * nearness
    }

    static func evidence(_ x: Extraction, _ text: String) -> [Evidence] {
        let scalars = Array(text.unicodeScalars)
        var out: [Evidence] = []
        let count = max(1, x.items.count - 1)
        for (index, item) in x.items.enumerated() {
            var e = Evidence()
            e.position = Double(index) / Double(count)
            for a in x.amounts where item.span.contains(a.span) { e.amounts.append("\(a.unit) \(Int64(a.value))") }
            for t in x.times where item.span.contains(t.span) && t.role != .duration { if let value = t.value { e.times.insert(value) } }
            let body = Array(scalars[max(0, item.span.start)..<min(scalars.count, item.span.end)])
            scan(body, into: &e)
            out.append(e)
        }
        return out
    }

    /// Numbers written in digits and Latin-script names of two or more letters with a capital.
    static func scan(_ s: [Unicode.Scalar], into e: inout Evidence) {
        var i = 0
        while i < s.count {
            let u = CharacterClass.narrow(s[i])
            if CharacterClass.isDigit(u) {
                var j = i
                var digits = ""
                while j < s.count, CharacterClass.isDigit(CharacterClass.narrow(s[j])) || CharacterClass.narrow(s[j]) == "," && j + 1 < s.count && CharacterClass.isDigit(CharacterClass.narrow(s[j + 1])) {
                    if CharacterClass.narrow(s[j]) != "," { digits.unicodeScalars.append(CharacterClass.narrow(s[j])) }
                    j += 1
                }
                if !(digits.count == 4 && (digits.hasPrefix("19") || digits.hasPrefix("20"))) { e.numbers.insert(digits) }
                i = j
            } else if CharacterClass.isASCIILetter(u) {
                var j = i
                while j < s.count, CharacterClass.isASCIILetter(CharacterClass.narrow(s[j])) || CharacterClass.isDigit(CharacterClass.narrow(s[j])) || s[j] == "-" { j += 1 }
                let word = String(scalars: s[i..<j].map(CharacterClass.narrow))
                // Acronyms and names that stay in Latin script in a Japanese text: AUKUS, NASA, SOLAR-C.
                if word.count >= 2, word.unicodeScalars.filter(CharacterClass.isUpper).count >= 2 { e.names.insert(word.uppercased()) }
                i = j
            } else {
                i += 1
            }
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
