import ArgumentParser
import Foundation
import PledgeExtract
import PledgeModel

struct Link: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Link the items of one document to the items of another that concern the same initiative.",
        discussion: "Prints pledge-links/1. Item ids are those `pledge extract` gives each file. A link is `same` "
            + "(the same initiative or commitment, even a one-line mention of a full paragraph), `progress` (the "
            + "later document, a week or more after the other, reports on it) or `related` (the same specific topic, "
            + "a weaker match). Its evidence is what the two items share: names and abbreviations, amounts, dates and "
            + "rare words. A shared theme alone is not a link.")

    enum Format: String, ExpressibleByArgument { case json, text }

    @Argument(help: "The document whose items are linked (usually the later one).") var from: String
    @Argument(help: "The document they are linked to.") var to: String
    @Option(help: "Output format: json or text.") var format: Format = .json

    func run() throws {
        let a = try DocumentOptions(file: from).read()
        let b = try DocumentOptions(file: to).read()
        let xa: Extraction, xb: Extraction
        do {
            xa = try Extractor().extract(a)
            xb = try Extractor().extract(b)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        let links = Linker.link(from: .init(xa, text: a.text), to: .init(xb, text: b.text))
        var out = StandardOutput()
        func q(_ s: String?) -> String { ExtractionJSON.quoted(s) }
        switch format {
        case .json:
            out.write("{\"format\": \"pledge-links/1\",\n")
            out.write(" \"from\": {\"file\": \(q(fileName(from))), \"sha256\": \(q(xa.document.sha256))},\n")
            out.write(" \"to\": {\"file\": \(q(fileName(to))), \"sha256\": \(q(xb.document.sha256))},\n")
            out.write(" \"links\": [")
            for (n, l) in links.enumerated() {
                out.write(n == 0 ? "\n  " : ",\n  ")
                out.write("{\"from\": \(q(l.from)), \"to\": \(q(l.to)), \"relation\": \(q(l.relation.rawValue)), ")
                out.write("\"score\": \(l.score), \"evidence\": [\(l.evidence.map(q).joined(separator: ", "))]}")
            }
            out.write(links.isEmpty ? "]}\n" : "\n ]}\n")
        case .text:
            let titlesA = Dictionary(uniqueKeysWithValues: xa.items.map { ($0.id, $0.title ?? "") })
            let titlesB = Dictionary(uniqueKeysWithValues: xb.items.map { ($0.id, $0.title ?? "") })
            for l in links {
                out.write("\(l.from.padding(5)) \(l.to.padding(5)) \(l.relation.rawValue.padding(8)) \(String(format: "%.2f", l.score))  ")
                out.write("\(titlesA[l.from] ?? "") | \(titlesB[l.to] ?? "")\n      \(l.evidence.joined(separator: ", "))\n")
            }
            out.write("\(links.count) links\n")
        }
        out.flush()
    }

    func fileName(_ path: String) -> String { path == "-" ? "-" : URL(fileURLWithPath: path).lastPathComponent }
}
