/// A report for people: each document, its sections with status counts, and every item
/// with its modality, parties, due date and status; then compliance averages.
public enum MarkdownReport {
    public static func write(_ archive: RegisterArchive, asOf: String) -> String {
        var out = "# Commitment register\n\nAs of \(asOf).\n"
        var all: [ItemSummary] = []
        let translated = Dictionary(archive.documents.compactMap { d in d.document.translationOf.map { ($0, d.document) } }, uniquingKeysWith: { a, _ in a })
        for document in archive.documents {
            // A commitment in two texts is reported once, in its original's.
            let items = document.items.map(\.item).filter { !$0.withdrawn && $0.counterpart == nil }.sorted { $0.ordinal < $1.ordinal }
            if items.isEmpty && document.document.translationOf != nil { continue }
            all += items
            out += "\n## \(inline(document.document.title ?? document.document.key))\n\n"
            out += "`\(document.document.key)` · \(document.document.date ?? "undated") · \(items.count) items"
            if let other = translated[document.document.key] {
                out += " · also in \(other.language == .en ? "English" : "Japanese") as `\(other.key)`"
            } else if let original = document.document.translationOf {
                out += " · items in one text only; the rest are reported under `\(original)`"
            }
            out += "\n"
            var order: [String] = []
            var bySection: [String: [ItemSummary]] = [:]
            for item in items {
                let name = item.section ?? "(no heading)"
                if bySection[name] == nil { order.append(name) }
                bySection[name, default: []].append(item)
            }
            for name in order {
                let members = bySection[name]!
                out += "\n### \(inline(name))\n\n"
                out += statusCounts(members) + "\n\n"
                for item in members {
                    var facts = [item.modality.rawValue]
                    if !item.parties.isEmpty { facts.append(item.parties.map(\.rawValue).joined(separator: "+")) }
                    if let due = item.due { facts.append("due \(due)" + (item.isOverdue(asOf: asOf) ? " **overdue**" : "")) }
                    facts.append(item.status.rawValue.replacingOccurrences(of: "_", with: " "))
                    let label = item.title ?? String(item.text.prefix(80)) + (item.text.count > 80 ? "…" : "")
                    out += "- `\(item.id)` \(inline(label)) — \(facts.joined(separator: " · "))\n"
                }
            }
        }
        let summary = ComplianceSummary(items: all)
        out += "\n## Compliance\n\n+1 kept, 0 compromise or in the works, −1 stalled or broken; unrated items are left out.\n\n"
        out += "| group | items | rated | average |\n|---|---:|---:|---:|\n"
        for group in [summary.overall] + summary.byParty + summary.bySection {
            let average = group.average.map { String(Int(($0 * 100).rounded())) + "%" } ?? "–"
            out += "| \(inline(group.name).replacingOccurrences(of: "|", with: "\\|")) | \(group.items) | \(group.rated) | \(average) |\n"
        }
        return out
    }

    static func statusCounts(_ items: [ItemSummary]) -> String {
        var counts: [Status: Int] = [:]
        for item in items { counts[item.status, default: 0] += 1 }
        return Status.allCases.compactMap { s in counts[s].map { "\(s.rawValue.replacingOccurrences(of: "_", with: " ")): \($0)" } }
            .joined(separator: " · ")
    }

    /// Document text must not turn into Markdown structure or links.
    static func inline(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\`*_[]<>#|".contains(c) { out.append("\\") }
            out.append(c == "\n" ? " " : c)
        }
        return out
    }
}
