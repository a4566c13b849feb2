import ArgumentParser
import PledgeExtract
import PledgeModel

extension Language: ExpressibleByArgument {}

/// Options every command that reads a document shares.
struct DocumentOptions: ParsableArguments {
    @Argument(help: "The document to read: plain text, Markdown-like text, HTML or PDF; '-' reads standard input.")
    var file: String

    init() {}
    init(file: String) { self.file = file }

    func read() throws -> SourceDocument {
        do {
            return try DocumentReader.read(path: file)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

/// `--parties`, for commands that read a document.
struct PartiesOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Who the document is between, when its title does not say: country or organisation codes, the issuer first (JP,AU).",
        valueName: "codes"))
    var parties: String?

    var list: [Party]? {
        parties.map { text in text.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Party(rawValue: String($0)) } }
    }

    func validate() throws {
        guard let parties else { return }
        let codes = parties.split(whereSeparator: { $0 == "," || $0 == " " })
        if codes.isEmpty { throw ValidationError("--parties needs at least one code") }
        for code in codes where Party(rawValue: String(code)).map(PartyNames.isKnown) != true {
            throw ValidationError("'\(code)' is not a party: give a country's ISO 3166 code (JP, PH, GB) or an organisation's (EU, UN, NATO)")
        }
    }
}

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what a document holds, in the pledge-extraction/1 format.")

    enum Format: String, ExpressibleByArgument { case json, text }

    @OptionGroup var document: DocumentOptions

    @Option(help: "Output format: json (pledge-extraction/1) or text (a report for people).")
    var format: Format = .json

    @Option(help: "The document's date (YYYY-MM-DD), when it does not print one or prints another.")
    var date: Day?

    @Option(help: "The document's language, when detection should not decide.")
    var language: Language?

    @OptionGroup var parties: PartiesOption

    func run() throws {
        let source = try document.read()
        let extractor = Extractor(options: ExtractionOptions(date: date, language: language, parties: parties.list))
        let extraction: Extraction
        do {
            extraction = try extractor.extract(source)
        } catch {
            printError("\(document.file): \(error.description)")
            throw ExitCode.failure
        }
        if extraction.document.date == nil {
            printError("\(document.file): no document date found; relative times (本年, next year) are kept with no value (give the date with --date)")
        }
        var out = StandardOutput()
        switch format {
        case .json: ExtractionJSON.write(extraction, to: &out)
        case .text: ExtractionReport.write(extraction, text: source.text, to: &out)
        }
        out.flush()
    }
}

struct Text: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the text that extraction offsets refer to (decoded, HTML and PDF rendered).")

    @OptionGroup var document: DocumentOptions

    func run() throws {
        let source = try document.read()
        var out = StandardOutput()
        out.write(source.text)
        out.flush()
    }
}
