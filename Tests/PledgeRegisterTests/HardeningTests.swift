import Foundation
import GRDB
import PledgeExtract
import PledgeModel
import PledgePostgres
import PledgeTestSupport
import Testing

@testable import PledgeRegister

/// Exports of documents with Windows line breaks, dates from outside, secrets in addresses.
@Suite struct HardeningTests {
    /// A document with CRLF line ends whose lines try to become CSV formulas and calendar properties.
    static let crlfDocument = [
        "# Injection test", "", "## Space", "",
        "The United States will provide $5 million by December 2025.",
        "=HYPERLINK(\"https://evil.example\",\"click\") The United States will fund the lab by 2026.",
        "URL:https://evil.example/ The United States will launch the rover by 2027.",
        "ATTACH:https://evil.example/x.exe Japan will contribute ¥1 billion by March 2026.",
        "",
    ].joined(separator: "\r\n")

    func crlfArchive() async throws -> RegisterArchive {
        let register = try await SQLiteRegister.open(path: temporaryPath(), seed: false)
        let source = SourceDocument(name: "crlf.txt", text: Self.crlfDocument)
        _ = try await register.ingest(try DocumentLoader.record(source, key: "2025-01-01-crlf", date: Day(iso: "2025-01-01"), label: "crlf.txt"))
        let archive = try await register.archive()
        #expect(archive.documents.first?.items.count ?? 0 >= 3, "the document is read into items")
        #expect(archive.documents.first?.items.contains { $0.item.text.contains("\r\n") } == true, "items keep their CRLF")
        return archive
    }

    /// RFC 4180 records: quoted fields may hold commas, quotes and line breaks.
    static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = "", quoted = false
        var scalars = text.unicodeScalars.dropFirst(text.hasPrefix("\u{FEFF}") ? 1 : 0).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let s = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if s == "\"" {
                    let next = scalars.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(s)
                }
            } else if s == "\"" {
                quoted = true
            } else if s == "," {
                fields.append(field); field = ""
            } else if s == "\r" {
                continue
            } else if s == "\n" {
                fields.append(field); records.append(fields); fields = []; field = ""
            } else {
                field.unicodeScalars.append(s)
            }
        }
        return records
    }

    @Test func csvOfACRLFDocumentKeepsEveryFieldInItsCell() async throws {
        let archive = try await crlfArchive()
        let records = Self.csvRecords(CSVExport.write(archive))
        let items = archive.documents.flatMap(\.items)
        #expect(records.count == items.count + 1, "one record per item and the header")
        #expect(records.allSatisfy { $0.count == CSVExport.header.count })
        for record in records.dropFirst() {
            #expect(!record.contains { $0.first.map { "=+-@\t\r".contains($0) } ?? false }, "no cell opens as a formula: \(record)")
        }
        let texts = records.dropFirst().map { $0[4] }
        #expect(texts.contains { $0.contains("HYPERLINK") })
        #expect(CSVExport.quote("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVExport.quote("\r\n=1+1") == "\"'\r\n=1+1\"")
    }

    @Test func calendarOfACRLFDocumentAddsNoProperties() async throws {
        let archive = try await crlfArchive()
        let ics = CalendarExport.write(archive, stamp: "2025-01-01T00:00:00Z")
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        let lines = unfolded.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let known = ["BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "CATEGORIES"]
        for line in lines {
            let name = line.prefix { $0 != ":" && $0 != ";" }
            #expect(known.contains(String(name)), "an unexpected property line: \(line)")
        }
        #expect(!unfolded.contains("\nURL:") && !unfolded.contains("\nATTACH:"))
        #expect(lines.filter { $0.hasPrefix("BEGIN:VEVENT") }.count >= 3)
        #expect(CalendarExport.escape("a\r\nURL:x;y,z\\") == "a\\nURL:x\\;y\\,z\\\\")
    }

    @Test(arguments: [
        ("2024-04-10", "2024-04-10"), ("2024-4-1", "2024-04-01"), ("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-12-31"),
        ("2024-02-29", "2024-02-29"),
    ])
    func daysReadFromOutside(text: String, iso: String) {
        #expect(Day(iso: text)?.iso == iso)
    }

    @Test(arguments: [
        "9223372036854775807-12-31", "10000-01-01", "0000-12-31", "-2024-01-01", "+2024-01-01", "2023-02-29", "2024-13-01",
        "2024-00-10", "2024-01-32", "2024-1", "24-01-01", "2024-01-01T00:00", "２０２４-01-01", "not-a-date", "",
    ])
    func notDays(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func dayArithmeticStaysInTheCalendar() {
        let day = Day(iso: "2024-02-28")!
        #expect(day.adding(days: 1).iso == "2024-02-29")
        #expect(day.adding(days: 366).iso == "2025-02-28")
        #expect(day.adding(days: -365 * 30).iso == "1994-03-07")
        #expect(day.adding(days: .max).iso == "9999-12-31")
        #expect(day.adding(days: .min).iso == "0001-01-01")
        for n in stride(from: -719_162, through: 2_932_896, by: 9_973) {
            let d = Day(daysSince1970: n)
            #expect(d.daysSince1970 == n && Day(iso: d.iso) == d, "\(n)")
        }
    }

    @Test(arguments: [
        ("postgres://pledge:s3cret@db.example:5432/pledge", "postgres://pledge:…@db.example:5432/pledge"),
        ("postgresql://me:p%40ss@[::1/x", "postgresql://me:…@[::1/x"),
        ("postgres://me:a@b@host/db?sslmode=require", "postgres://me:…@host/db?sslmode=require"),
        ("postgres://host/db", "postgres://host/db"),
        ("postgres://user@host/db", "postgres://user@host/db"),
        ("register.sqlite", "register.sqlite"),
    ])
    func addressesArePrintedWithoutPasswords(address: String, shown: String) {
        #expect(PostgresLocation.redacted(address) == shown)
    }

    @Test func anAddressThatDoesNotParseIsNotEchoedWithItsPassword() throws {
        do {
            _ = try PostgresLocation("postgres://me:s3cret@[bad:host/db")
            Issue.record("a broken address was accepted")
        } catch let error as RegisterError {
            #expect(!error.description.contains("s3cret"), "\(error)")
        }
    }

    @Test func datesOnTheCommandLineAreRangeChecked() throws {
        let folder = CommandLineTool.temporaryFolder()
        let database = folder.appendingPathComponent("r.sqlite").path
        let file = folder.appendingPathComponent("doc.txt")
        try Data("The United States will fund the lab by 2026.\n".utf8).write(to: file)
        for arguments in [
            ["due", "--as-of", "9223372036854775807-12-31", "--database", database],
            ["list", "--due-before", "10000-01-01", "--database", database],
            ["extract", file.path, "--date", "9223372036854775807-12-31"],
            ["track", "2024-04-10-japan-us#3", "--status", "kept", "--on", "2024-02-30", "--database", database],
        ] {
            let result = try CommandLineTool.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.err)")
            #expect(result.err.contains("9223372036854775807") || result.err.contains("10000") || result.err.contains("2024-02-30"))
        }
        let normal = try CommandLineTool.run(["due", "--as-of", "2024-7-1", "--database", database])
        #expect(normal.status == 0 && normal.out.contains("Overdue as of 2024-07-01"), "\(normal.err)")
    }

    /// Another program's database is refused as it was found: not switched to WAL first.
    @Test func anotherProgramsDatabaseIsLeftAsItWas() async throws {
        let path = temporaryPath("notes.sqlite")
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES ('keep me')") }
        try queue.close()
        await #expect(throws: RegisterError.self) { _ = try await SQLiteRegister.open(path: path) }
        let reopened = try DatabaseQueue(path: path)
        let (mode, text) = try await reopened.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try String.fetchOne(db, sql: "SELECT text FROM notes"))
        }
        #expect(mode == "delete" && text == "keep me")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func theCommandLineNeverPrintsADatabasePassword() throws {
        let result = try CommandLineTool.run(["list", "--database", "postgres://me:s3cret@[bad:host/db"])
        #expect(result.status == 1)
        #expect(!result.err.contains("s3cret") && !result.out.contains("s3cret"), "\(result.err)")
    }
}
