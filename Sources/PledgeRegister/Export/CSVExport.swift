/// Items as CSV for a spreadsheet: UTF-8 with a byte-order mark (so spreadsheet programs
/// do not guess another encoding for Japanese), a header row, RFC 4180 quoting, CRLF rows.
public enum CSVExport {
    public static let header = [
        "id", "document", "section", "title", "text", "modality", "parties", "due", "status", "status_date",
        "evidence", "amounts", "times", "version", "withdrawn", "also_as", "corrected",
    ]

    /// One row per commitment: a translated item is named in its original's `also_as` column.
    public static func write(_ archive: RegisterArchive) -> String {
        let latest = Dictionary(archive.events.map { ($0.item, $0) }, uniquingKeysWith: { $0.sequence > $1.sequence ? $0 : $1 })
        let translations = archive.translations
        let corrections = Dictionary(grouping: archive.corrections, by: \.item)
        var rows = [header]
        for document in archive.documents {
            for entry in document.items.sorted(by: { ($0.item.withdrawn ? 1 : 0, $0.item.ordinal) < ($1.item.withdrawn ? 1 : 0, $1.item.ordinal) })
            where entry.item.counterpart == nil {
                let item = entry.item
                let event = latest[item.id]
                rows.append([
                    item.id, item.document, item.section ?? "", item.title ?? "", item.text, item.modality.rawValue,
                    item.parties.map(\.rawValue).joined(separator: " "), item.due ?? "", item.status.rawValue,
                    event?.date ?? "", event?.evidenceURL ?? "",
                    entry.amounts.map { "\($0.text) = \(formatValue($0.value)) \($0.unit)" }.joined(separator: "; "),
                    entry.times.map { "\($0.text) = \($0.role.rawValue) \($0.value ?? "(undated)")" }.joined(separator: "; "),
                    String(item.version), item.withdrawn ? "yes" : "", (translations[item.id] ?? []).joined(separator: " "),
                    Corrections.provenance(corrections[item.id] ?? []),
                ])
            }
        }
        return Self.rows(rows)
    }

    /// Any rows as a CSV file, the first being the header.
    public static func rows(_ rows: [[String]]) -> String { "\u{FEFF}" + rows.map(line).joined() }

    static func line(_ fields: [String]) -> String { fields.map(quote).joined(separator: ",") + "\r\n" }

    static func quote(_ field: String) -> String {
        // A leading = + - @ (or a tab or carriage return before one) would be read as a
        // formula by a spreadsheet: keep it text.
        var field = field
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { field = "'" + field }
        // Checked on scalars: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func formatValue(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
