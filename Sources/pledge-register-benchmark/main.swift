// Scale of the register: ingest many documents, then time searches over them.
//
//     swift run -c release pledge-register-benchmark [DOCUMENTS] [FOLDER]
//
// Writes DOCUMENTS variants of the bundled fact sheets (default 10,000, alternating
// Japanese and English, each with its own date and amounts) into FOLDER, ingests them
// into a new SQLite register there the way `pledge ingest` does, printing time and
// resident memory as it goes (RELATE=0: without pairing and linking), then runs each search of a fixed set 40 times, as
// `pledge list --search TERM --limit 50` does, and prints the percentiles.
import Foundation
import PledgeRegister
import PledgeSeed

func memory(_ field: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") })
    else { return 0 }
    return (Double(line.split(separator: " ").dropFirst().first.map(String.init) ?? "") ?? 0) / 1024
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

let arguments = CommandLine.arguments.dropFirst()
let count = arguments.first.flatMap(Int.init) ?? 10_000
let folder = URL(fileURLWithPath: arguments.dropFirst().first ?? NSTemporaryDirectory() + "pledge-scale-\(count)")
let documents = folder.appendingPathComponent("documents")
let database = folder.appendingPathComponent("register.sqlite").path
for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }

let clock = ContinuousClock()
var paths: [String] = []
// Variants written by an earlier run with the same count are reused.
let existing = ((try? FileManager.default.contentsOfDirectory(atPath: documents.path)) ?? []).filter { $0.hasPrefix("variant-") }.sorted()
let writing = try clock.measure {
    paths = existing.count == count
        ? existing.map { documents.appendingPathComponent($0).path } : try SeedVariants.write(count: count, to: documents)
}
let bytes = paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
print(String(format: "wrote %d documents, %.0f MB, in %.1f s", count, Double(bytes) / 1e6, seconds(writing)))

let register = try await SQLiteRegister.open(path: database, seed: false)
let parallelism = ProcessInfo.processInfo.environment["PARALLELISM"].flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
var options = Ingester.Options(parallelism: parallelism)
// RELATE=0 leaves out pairing translations and linking documents, to measure what they cost.
options.relates = ProcessInfo.processInfo.environment["RELATE"] != "0"
let ingester = Ingester(register: register, options: options)
let start = clock.now
let step = max(1, count / 10)
let results = try await ingester.ingest(paths: paths) { done, _, _ in
    if done % step == 0 {
        print(String(format: "  %6d documents  %6.1f s  resident %5.0f MB", done, seconds(clock.now - start), memory("VmRSS")))
    }
}
let ingestTime = seconds(clock.now - start)
let failed = results.filter { if case .failed = $0 { return true } else { return false } }.count
let items = try await register.count(matching: ItemQuery())
print(String(format: "ingested %d documents (%d failed), %d items, in %.1f s = %.0f documents/s; peak resident %.0f MB",
             count, failed, items, ingestTime, Double(count) / ingestTime, memory("VmHWM")))
let size = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
print(String(format: "register file %.0f MB", Double(size) / 1e6))

// Searches a reader would type: two-character Japanese words (below trigrams), longer
// Japanese and English terms, several words, and words that occur nowhere.
let searches = ["量子", "月面", "AI", "半導体", "宇宙飛行士", "クリーンエネルギー", "quantum", "semiconductor",
                "critical minerals", "Artemis", "日本 宇宙", "lunar rover", "存在しない語", "zyxwv"]
var all: [Double] = []
print("search (limit 50)          hits   p50 ms   p95 ms")
for term in searches {
    var times: [Double] = []
    var hits = 0
    for _ in 0..<40 {
        let t0 = clock.now
        hits = try await register.items(matching: ItemQuery(search: term, limit: 50)).count
        times.append(seconds(clock.now - t0) * 1000)
    }
    times.sort()
    all += times
    print(String(format: "%-24@ %6d %8.2f %8.2f", term as NSString, hits, times[times.count / 2], times[times.count * 95 / 100]))
}
all.sort()
print(String(format: "all searches: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms",
             all[all.count / 2], all[all.count * 95 / 100], all[all.count * 99 / 100], all.last!))
