import ArgumentParser
import Foundation
import PledgeExtract
import PledgeModel
import PledgeRegister

struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Store documents in the register.",
        discussion: "Each document is stored in one transaction. Ingesting the same file again changes nothing; "
            + "a corrected version keeps every surviving item's id and tracking history.")

    @OptionGroup var register: RegisterOptions

    @Argument(help: "Documents to read (text, HTML or PDF).")
    var files: [String]

    @Option(help: "The document key, instead of one derived from its date and the countries its title names.")
    var key: String?

    @Option(help: "The document's date (YYYY-MM-DD), when it does not print one or prints another.")
    var date: Day?

    @Option(help: "The document's language, when detection should not decide.")
    var language: Language?

    @OptionGroup var parties: PartiesOption

    @Option(name: .customLong("translation-of"),
            help: "The key of the document this one translates: paired items become one commitment. Without it, a translation is recognised by its date and content.")
    var translationOf: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to ingest") }
    }

    func run() async throws {
        let store = try await register.open()
        if let translationOf, try await failing({ try await store.document(key: translationOf) }) == nil {
            printError("--translation-of: no document \(translationOf) in the register")
            throw ExitCode(2)
        }
        let ingester = Ingester(
            register: store,
            options: .init(key: key, date: date, language: language, parties: parties.list, translationOf: translationOf,
                           parallelism: ProcessInfo.processInfo.activeProcessorCount))
        let bar = ProgressBar(total: files.count)
        let results = try await failing {
            try await ingester.ingest(paths: files) { done, file, _ in bar.update(done: done, label: file) }
        }
        bar.finish()
        var out = StandardOutput()
        var failed = 0
        for (file, result) in zip(files, results) {
            switch result {
            case .stored(let outcome):
                out.write("\(outcome.document): \(describe(outcome))  (\(file))\n")
                if let note = outcome.note { printError(note) }
            case .failed(let problem):
                printError(problem)
                failed += 1
            }
        }
        out.flush()
        if failed > 0 { throw ExitCode.failure }
    }

    func describe(_ outcome: IngestOutcome) -> String {
        switch outcome.change {
        case .unchanged: return "unchanged, \(outcome.kept) items"
        case .added: return "added, \(outcome.added) items"
        case .revised:
            return "revised: \(outcome.kept) items unchanged, \(outcome.changed) changed, \(outcome.added) new, "
                + "\(outcome.withdrawn) withdrawn"
        }
    }
}

/// A progress bar on standard error, drawn only when standard error is a terminal
/// and the run is long enough to need one.
final class ProgressBar: @unchecked Sendable {
    let total: Int
    let enabled: Bool
    private var lastDraw = 0.0
    private let lock = NSLock()

    init(total: Int, isTerminal: Bool = isatty(2) == 1) {
        self.total = total
        enabled = isTerminal && total > 1
    }

    func update(done: Int, label: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date().timeIntervalSince1970
        guard done == total || now - lastDraw > 0.1 else { return }
        lastDraw = now
        printRaw("\r" + Self.line(done: done, total: total, label: label) + "\u{1B}[K")
    }

    func finish() {
        if enabled { printRaw("\n") }
    }

    static func line(done: Int, total: Int, label: String, width: Int = 30) -> String {
        let filled = total == 0 ? width : done * width / total
        let name = label.split(separator: "/").last.map(String.init) ?? label
        return "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "] "
            + "\(done)/\(total) \(name.prefix(40))"
    }

    private func printRaw(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(2, $0.baseAddress!, $0.count) }
    }
}
