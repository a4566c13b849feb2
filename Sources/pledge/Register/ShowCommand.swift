import PledgeModel
import ArgumentParser
import PledgeRegister

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one item: its text, sentences with modality and parties, amounts, due date and history.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var register: RegisterOptions
    @Argument(help: "The item's id, as DOCKEY#N.") var id: String
    @Option(help: "Output: text (for people) or json.") var format: Format = .text

    func run() async throws {
        let store = try await register.open()
        guard let detail = try await failing({ try await store.item(id: id) }) else {
            printError("no item \(id) (ids look like 2024-04-10-japan-us#17; `pledge list` shows them)")
            throw ExitCode.failure
        }
        var out = StandardOutput()
        if format == .json {
            out.write(try jsonString(detail))
        } else {
            let other = try await failing { try await Translations.otherText(of: detail.item.document, in: store) }
            out.write(Self.report(detail, otherText: other))
        }
        out.flush()
    }

    /// - Parameter otherText: the document's version in another language, if it has one.
    static func report(_ d: ItemDetail, otherText: StoredDocument? = nil) -> String {
        let i = d.item
        var out = "\(i.id)\(i.withdrawn ? "  (withdrawn: a later version of the document no longer holds it)" : "")\n"
        if let title = i.title { out += "\(title)\n" }
        out += "document  \(i.document)\n"
        out += "section   \(i.section ?? "(none)")\n"
        out += "modality  \(i.modality.rawValue)\n"
        out += "parties   \(i.parties.isEmpty ? "(none)" : i.parties.map(\.rawValue).joined(separator: ", "))\n"
        out += "due       \(i.due ?? "(no deadline)")\n"
        out += "status    \(i.status.rawValue)   version \(i.version)\n"
        out += "\n\(i.text)\n"
        if !d.sentences.isEmpty {
            out += "\nSentences\n"
            for (n, s) in d.sentences.enumerated() {
                let who = s.parties.map(\.rawValue).joined(separator: "+")
                out += "  \(n + 1). [\(s.modality.rawValue)\(who.isEmpty ? "" : " · " + who)\(s.actor.map { " · " + $0 } ?? "")] \(s.text)\n"
            }
        }
        if !d.amounts.isEmpty {
            out += "\nAmounts\n"
            for a in d.amounts {
                out += "  \(a.text)  = \(CSVExport.formatValue(a.value)) \(a.unit)\(a.qualifier.map { " (\($0.rawValue))" } ?? "")\n"
            }
        }
        if !d.times.isEmpty {
            out += "\nTimes\n"
            for t in d.times { out += "  \(t.text)  = \(t.role.rawValue) \(t.value ?? "(undated)")\(t.due.map { " → due \($0)" } ?? "")\n" }
        }
        for v in d.versions {
            let role = v.item.id == i.commitment ? "original" : "translation"
            out += "\nAlso as \(v.item.id) (\(role), same commitment)\n\(v.item.title.map { $0 + "\n" } ?? "")\(v.item.text)\n"
        }
        if d.versions.isEmpty, let other = otherText {
            out += "\nNo counterpart in \(other.key) (\(other.language.rawValue)): this item is in one text only.\n"
        }
        for (heading, links) in d.linkGroups {
            out += "\n\(heading)\n"
            for l in links {
                out += "  \(l.other ?? "")  (\(l.relation), \(String(format: "%.2f", l.score)): \(l.evidence.prefix(5).joined(separator: ", ")))\n"
                if let text = l.otherText { out += "      \(text.count > 160 ? String(text.prefix(160)) + "…" : text)\n" }
            }
        }
        out += "\nHistory\n"
        if d.history.isEmpty { out += "  (nothing recorded yet)\n" }
        for e in d.history {
            out += "  \(e.date)  \(e.status.rawValue)  by \(e.author), recorded \(e.recordedAt) (version \(e.version))\n"
            if let note = e.note { out += "      \(note)\n" }
            if let url = e.evidenceURL { out += "      evidence: \(e.evidenceTitle.map { $0 + " " } ?? "")\(url)\n" }
        }
        return out
    }
}

struct Track: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record progress on an item: a new status with a note and evidence.",
        discussion: "Events are appended, never changed. Pass --expect-version with the version `pledge show` "
            + "printed to have the write refused if someone recorded in between.")

    @OptionGroup var register: RegisterOptions
    @Argument(help: "The item's id, as DOCKEY#N.") var id: String
    @Option(help: "not_yet_rated, in_the_works, stalled, kept, compromise or broken.") var status: Status
    @Option(help: "What happened.") var note: String?
    @Option(help: "A web address that shows it (http or https).") var evidence: String?
    @Option(name: .customLong("evidence-title"), help: "The evidence's title.") var evidenceTitle: String?
    @Option(help: "The day it happened (YYYY-MM-DD, default today).") var on: Day?
    @Option(name: .customLong("expect-version"), help: "The item version you saw; a newer one refuses the write.")
    var expectVersion: Int?
    @Option(help: "Who records it (default $PLEDGE_AUTHOR, else the login name).") var author: String?

    func validate() throws {
        if let evidence { do { try EvidenceURL.check(evidence) } catch { throw ValidationError("\(error)") } }
    }

    func run() async throws {
        let store = try await register.open()
        let event = NewEvent(
            status: status, note: note, evidenceURL: evidence, evidenceTitle: evidenceTitle, date: on?.iso ?? today(),
            author: author ?? commandLineAuthor(), expectedVersion: expectVersion)
        let recorded = try await failing { try await store.record(event, item: id) }
        var out = StandardOutput()
        out.write("\(id): \(recorded.status.rawValue) on \(recorded.date) (now version \(recorded.version))\n")
        out.flush()
    }
}
