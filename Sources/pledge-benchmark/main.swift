// Throughput and memory of the extraction engine over large inputs.
//
//     swift run -c release pledge-benchmark [MEGABYTES...]
//
// For each size (default 25 and 50 MB) it builds a document by repeating the bundled
// fact sheet, then times reading (encoding detection, SHA-256) and extraction on one
// core, and prints MB/s of UTF-8 input. A last run times one 80 MB line with no break.
// Peak memory of the whole command is best read with `/usr/bin/time -v pledge extract`.
import Foundation
import PledgeExtract
import PledgeSeed

func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    let kilobytes = Double(line.split(separator: " ").dropFirst().first.map(String.init) ?? "") ?? 0
    return kilobytes / 1024
}

func measure(_ label: String, bytes: [UInt8]) throws {
    let megabytes = Double(bytes.count) / 1_000_000
    let clock = ContinuousClock()
    var document: SourceDocument?
    let read = try clock.measure { document = try DocumentReader.read(bytes: bytes, name: label) }
    var counts = ""
    let extract = try clock.measure {
        let x = try Extractor().extract(document!)
        counts = "\(x.items.count) items, \(x.sentences.count) sentences, \(x.amounts.count) amounts, \(x.times.count) times"
    }
    let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    let total = seconds(read) + seconds(extract)
    print(
        String(
            format: "%@: %.1f MB in %.2f s (read %.2f s, extract %.2f s) = %.1f MB/s; %@", label, megabytes, total,
            seconds(read), seconds(extract), megabytes / total, counts))
}

let seed = try [UInt8](Data(contentsOf: Seed.japanUSFactSheetJA.url))
let english = try [UInt8](Data(contentsOf: Seed.japanUSFactSheetEN.url))
let arguments = CommandLine.arguments.dropFirst()
let sizes = arguments.compactMap(Int.init)
// `ja` or `en` among the arguments measures that language only.
let languages = [("Japanese", "ja", seed), ("English", "en", english)].filter { arguments.contains($0.1) || !arguments.contains { ["ja", "en"].contains($0) } }
for (name, _, document) in languages {
    for size in sizes.isEmpty ? [25, 50] : sizes {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size * 1_000_000 + document.count)
        while bytes.count < size * 1_000_000 { bytes += document + [0x0A] }
        try measure("\(name) seed repeated to \(size) MB", bytes: bytes)
    }
}
if languages.count < 2 { exit(0) }
// Alignment of the two versions (extraction of both included).
let clock = ContinuousClock()
let ja = try DocumentReader.read(bytes: seed, name: "ja")
let en = try DocumentReader.read(bytes: english, name: "en")
let xa = try Extractor().extract(ja)
let xb = try Extractor().extract(en)
var pairs: [AlignedPair] = []
let elapsed = clock.measure { for _ in 0..<20 { pairs = Aligner.align(xa, text: ja.text, xb, text: en.text) } }
print("alignment of the Japanese and English seeds: \(pairs.count) pairs in \(elapsed / 20) per run")
// One line, no break: the sentences of the seed's body run together.
let body = String(decoding: seed, as: UTF8.self).split(separator: "\n").filter { $0.hasSuffix("。") }.joined()
var line: [UInt8] = []
line.reserveCapacity(80_000_000 + 100_000)
let bodyBytes = Array(body.utf8)
while line.count < 80_000_000 { line += bodyBytes }
try measure("one 80 MB line", bytes: line)
print(String(format: "peak resident memory of this benchmark process: %.0f MB", peakResidentMegabytes()))
