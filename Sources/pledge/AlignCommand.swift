import ArgumentParser
import Foundation
import PledgeExtract
import PledgeModel

struct Align: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pair each item of a Japanese document with its counterpart in the English version.",
        discussion: "Pairs rest on evidence that survives translation: amounts and dates by value, numbers, "
            + "Latin-script names and abbreviations, and the countries and organisations named; order only settles "
            + "what that evidence leaves open, so moved sections and dropped items are found. An item may pair with "
            + "two where one version splits a paragraph. Items with no counterpart are listed as unpaired. With --check, lists every amount or "
            + "date that one version states and its counterpart does not (a translation error detector).")

    enum Format: String, ExpressibleByArgument { case json, text }

    @Argument(help: "The Japanese document.") var japanese: String
    @Argument(help: "The English document.") var english: String
    @Option(help: "Output format: json or text.") var format: Format = .json
    @Flag(help: "List amounts and dates that differ between the two versions.") var check = false

    func run() throws {
        let ja = try DocumentOptions(file: japanese).read()
        let en = try DocumentOptions(file: english).read()
        let xa: Extraction, xb: Extraction
        do {
            xa = try Extractor(options: ExtractionOptions(language: .ja)).extract(ja)
            xb = try Extractor(options: ExtractionOptions(language: .en)).extract(en)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        let pairs = Aligner.align(xa, text: ja.text, xb, text: en.text)
        let problems = check ? Aligner.check(pairs, xa, xb) : []
        // Items that found no counterpart: dropped by, or added to, one version.
        let unpairedJa = xa.items.map(\.id).filter { id in !pairs.contains { $0.first == id && $0.second != nil } }
        let unpairedEn = xb.items.map(\.id).filter { id in !pairs.contains { $0.second == id && $0.first != nil } }
        var out = StandardOutput()
        switch format {
        case .json:
            out.write("{\"pairs\": [")
            for (n, p) in pairs.enumerated() {
                out.write(n == 0 ? "\n  " : ",\n  ")
                out.write("{\"ja\": \(json(p.first)), \"en\": \(json(p.second)), \"score\": \(p.score)}")
            }
            out.write("\n],\n\"unpaired\": {\"ja\": [\(unpairedJa.map(json).joined(separator: ", "))], ")
            out.write("\"en\": [\(unpairedEn.map(json).joined(separator: ", "))]}")
            if check {
                out.write(",\n\"differences\": [")
                for (n, d) in problems.enumerated() {
                    out.write(n == 0 ? "\n  " : ",\n  ")
                    out.write("{\"kind\": \(json(d.kind.rawValue)), \"ja\": \(json(d.first)), \"en\": \(json(d.second)), ")
                    out.write("\"ja_text\": \(json(d.firstText)), \"en_text\": \(json(d.secondText)), \"message\": \(json(d.message))}")
                }
                out.write("\n]")
            }
            out.write("}\n")
        case .text:
            let titlesA = Dictionary(uniqueKeysWithValues: xa.items.map { ($0.id, $0.title ?? "") })
            let titlesB = Dictionary(uniqueKeysWithValues: xb.items.map { ($0.id, $0.title ?? "") })
            for p in pairs {
                let a = p.first ?? "-", b = p.second ?? "-"
                out.write("\(a.padding(5)) \(b.padding(5)) \(String(format: "%.2f", p.score))  \(titlesA[a] ?? "") | \(titlesB[b] ?? "")\n")
            }
            out.write("\n\(pairs.filter { $0.first != nil && $0.second != nil }.count) pairs; ")
            out.write("unpaired in Japanese: \(unpairedJa.isEmpty ? "none" : unpairedJa.joined(separator: " ")); ")
            out.write("unpaired in English: \(unpairedEn.isEmpty ? "none" : unpairedEn.joined(separator: " "))\n")
            if check {
                out.write(problems.isEmpty ? "\nNo differences in amounts or dates.\n" : "\nDifferences\n")
                for d in problems { out.write("  \(d.first ?? "-")/\(d.second ?? "-") \(d.kind.rawValue): \(d.message)\n") }
            }
        }
        out.flush()
    }

    func json(_ s: String?) -> String { ExtractionJSON.quoted(s) }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
