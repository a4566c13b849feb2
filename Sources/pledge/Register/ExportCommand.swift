import PledgeModel
import ArgumentParser
import Foundation
import PledgeRegister

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the register out: json (lossless, for `pledge import`), csv, ics (due dates) or markdown.")

    enum Format: String, ExpressibleByArgument { case json, csv, ics, markdown }

    @OptionGroup var register: RegisterOptions
    @Option(help: "json, csv, ics or markdown.") var format: Format
    @Option(help: "Write to this file instead of standard output; it appears whole or not at all.") var output: String?
    @Option(name: .customLong("as-of"), help: "The day the Markdown report judges overdue items on (default today).")
    var asOf: Day?


    func run() async throws {
        let store = try await register.open()
        let archive = try await failing { try await store.archive() }
        let data: Data
        switch format {
        case .json: data = try JSONExport.encode(archive)
        case .csv: data = Data(CSVExport.write(archive).utf8)
        case .ics: data = Data(CalendarExport.write(archive, stamp: Timestamp.string()).utf8)
        case .markdown: data = Data(MarkdownReport.write(archive, asOf: asOf?.iso ?? today()).utf8)
        }
        if let output {
            do {
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                printError("\(output): cannot write (\(error.localizedDescription))")
                throw ExitCode.failure
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore a JSON export (`pledge export --format json`) into an empty register.")

    @OptionGroup var register: RegisterOptions
    @Argument(help: "The export file.") var file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("\(file): no such file, or it cannot be read")
            throw ExitCode.failure
        }
        let store = try await register.open(seed: false, patience: RegisterPatience.restore)
        try await failing {
            let archive = try JSONExport.decode(data, file: file)
            try await store.restore(archive)
            let items = archive.documents.reduce(0) { $0 + $1.items.count }
            var out = StandardOutput()
            out.write("restored \(archive.documents.count) documents, \(items) items, \(archive.events.count) events\n")
            out.flush()
        }
    }
}
