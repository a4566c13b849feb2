import PledgeModel
import PledgeExtract

/// One all-day iCalendar event (RFC 5545) per item with a due date, for a calendar program.
public enum CalendarExport {
    public static func write(_ archive: RegisterArchive, stamp: String) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Pledge//Commitment register//EN", "CALSCALE:GREGORIAN"]
        let dtstamp = stamp.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        let corrections = Dictionary(grouping: archive.corrections, by: \.item)
        for document in archive.documents {
            // A commitment in two texts is one event, under its original's id.
            for entry in document.items where !entry.item.withdrawn && entry.item.counterpart == nil {
                let item = entry.item
                guard let due = item.due, let day = Day(iso: due) else { continue }
                let title = item.title ?? String(item.text.prefix(60))
                lines += [
                    "BEGIN:VEVENT",
                    "UID:\(escape(item.id.replacingOccurrences(of: "#", with: "-")))@pledge",
                    "DTSTAMP:\(dtstamp)",
                    "DTSTART;VALUE=DATE:\(compact(day))",
                    "DTEND;VALUE=DATE:\(compact(day.adding(days: 1)))",
                    "SUMMARY:\(escape("Due: \(title)"))",
                    "DESCRIPTION:" + escape("\(item.id) · \(item.status.rawValue) · \(item.modality.rawValue)\n\(item.text)\n"
                        + Corrections.provenance(corrections[item.id] ?? [])),
                    "CATEGORIES:\(escape(item.section ?? item.document))",
                    "END:VEVENT",
                ]
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func compact(_ day: Day) -> String { day.iso.replacingOccurrences(of: "-", with: "") }

    /// TEXT values (RFC 5545 §3.3.11), escaped scalar by scalar: "\r\n" is one Character,
    /// equal to neither "\r" nor "\n", so a Windows line break would otherwise start a new
    /// property line. Other control characters are not allowed in TEXT and are dropped.
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case ";": out.append(contentsOf: "\\;".unicodeScalars)
            case ",": out.append(contentsOf: "\\,".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\t": out.append(s)
            default:
                if s.properties.generalCategory == .control || s == "\u{2028}" || s == "\u{2029}" { continue }
                out.append(s)
            }
        }
        return String(out)
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a character.
    static func fold(_ line: String) -> String {
        var out = "", width = 0
        for s in line.unicodeScalars {
            let n = String(s).utf8.count
            if width + n > 75 {
                out += "\r\n "
                width = 1
            }
            out.unicodeScalars.append(s)
            width += n
        }
        return out
    }
}

