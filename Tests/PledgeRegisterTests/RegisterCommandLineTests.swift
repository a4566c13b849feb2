import Foundation
import GRDB
import PledgeRegister
import PledgeSeed
import PledgeTestSupport
import Testing

/// The register as a user meets it: through `pledge` commands on a file of their own.
@Suite struct RegisterCommandLineTests {
    let folder = CommandLineTool.temporaryFolder()
    var database: String { folder.appendingPathComponent("register.sqlite").path }
    let ja = Seed.japanUSFactSheetJA
    let en = Seed.japanUSFactSheetEN

    func pledge(_ arguments: String..., stdin: Data? = nil) throws -> CommandLineTool.Result {
        try CommandLineTool.run(arguments + ["--database", database], stdin: stdin)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aFreshRegisterListsTheFactSheet() throws {
        let r = try pledge("list", "--document", ja.key, "--format", "json")
        #expect(r.status == 0, "\(r.err)")
        let items = try #require(try json(r.out)["items"] as? [[String: Any]])
        #expect(items.count == 97)
        #expect(items.first?["id"] as? String == "\(ja.key)#1")
        for key in ["id", "document", "section", "title", "text", "modality", "parties", "due", "status", "version"] {
            #expect(items.allSatisfy { $0[key] != nil }, "every item has \(key), null where it has no value")
        }
        let table = try pledge("list", "--search", "量子")
        #expect(table.status == 0 && table.out.contains("量子") && table.out.contains("\(ja.key)#"))
        #expect(try pledge("list", "--document", "no-such-document").out.hasSuffix("0 items\n"))
    }

    /// A US–Philippines release: its items are found by `--party PH`, compliance is scored
    /// per country code, and a code that is no party is refused with exit status 2.
    @Test func partiesAreCountriesOnTheCommandLine() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let ingest = try pledge("ingest", fixtures.appendingPathComponent("us-ph.txt").path)
        #expect(ingest.status == 0, "\(ingest.err)")
        let key = "2024-04-30-philippines-us-en"
        let list = try pledge("list", "--document", key, "--party", "PH", "--format", "json")
        let items = try #require(try json(list.out)["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == ["\(key)#1", "\(key)#2", "\(key)#4"])
        #expect(items.allSatisfy { ($0["parties"] as? [String])?.contains("PH") == true })
        #expect(try pledge("track", "\(key)#2", "--status", "kept", "--on", "2024-12-01").status == 0)
        let summary = try json(try pledge("summary", "--document", key, "--format", "json").out)
        let byParty = try #require(summary["byParty"] as? [[String: Any]])
        #expect(byParty.map { $0["name"] as? String } == ["JP", "PH", "US"])
        let ph = try #require(byParty.first { $0["name"] as? String == "PH" })
        #expect(ph["items"] as? Int == 3 && ph["rated"] as? Int == 1 && ph["average"] as? Double == 1)
        #expect(try pledge("summary", "--document", key).out.contains("PH Philippines"))
        let unknown = try pledge("list", "--party", "XX")
        #expect(unknown.status == 2 && unknown.err.contains("ISO 3166"))
        let extract = try CommandLineTool.run(["extract", "--parties", "PH,US", fixtures.appendingPathComponent("jp-au.txt").path])
        #expect(extract.status == 0)
        let document = try #require(try json(extract.out)["document"] as? [String: Any])
        #expect(document["parties"] as? [String] == ["PH", "US"] && document["issuer"] as? String == "PH")
        #expect(try CommandLineTool.run(["extract", "--parties", "Philippines", fixtures.appendingPathComponent("jp-au.txt").path]).status == 2)
    }

    @Test func ingestingTheSameFileTwiceChangesNothingAndShowsNoProgressWhenPiped() throws {
        let first = try pledge("ingest", ja.url.path, en.url.path)
        #expect(first.status == 0)
        #expect(first.out.contains("\(ja.key): unchanged, 97 items") && first.out.contains("\(en.key): unchanged"))
        #expect(first.err.isEmpty, "no progress bar when output is not a terminal: \(first.err)")
        let variants = try SeedVariants.write(count: 2, to: folder.appendingPathComponent("docs"))
        let added = try pledge("ingest", variants[0], variants[1])
        #expect(added.status == 0 && added.out.components(separatedBy: "added, 97 items").count == 3, "\(added.out)")
        #expect(try pledge("ingest", variants[0]).out.contains("unchanged"))
    }

    @Test(.enabled(if: OptionalTool.shouldRun([.program("script")]), Comment(rawValue: OptionalTool.skipMessage([.program("script")]))))
    func aProgressBarOnATerminal() throws {
        try OptionalTool.require([.program("script")])
        let variants = try SeedVariants.write(count: 3, to: folder.appendingPathComponent("docs"))
        let tool = try #require(CommandLineTool.pledge)
        // `script` gives the tool a terminal, as a person at a shell would.
        let command = ([tool.path, "ingest", "--database", database] + variants).joined(separator: " ")
        let r = try CommandLineTool.run(executable: URL(fileURLWithPath: "/usr/bin/script"), arguments: ["-qec", command, "/dev/null"])
        #expect(r.status == 0)
        #expect(r.out.contains("3/3") && r.out.contains("█"), "\(r.out)")
    }

    @Test func badFilesAreNamedAndNothingIsHalfWritten() throws {
        let binary = folder.appendingPathComponent("image.txt")
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0, 0xFF]).write(to: binary)
        let r = try pledge("ingest", binary.path, "/no/such/file.txt", ja.url.path)
        #expect(r.status == 1)
        #expect(r.err.contains("pledge: \(binary.path): binary data"))
        #expect(r.err.contains("pledge: /no/such/file.txt: no such file"))
        #expect(r.out.contains("\(ja.key): unchanged"), "good files are still stored")
        // The fact sheet in two languages is 97 commitments, each listed once.
        #expect(try pledge("list", "--format", "json").out.components(separatedBy: "\"id\"").count - 1 == 97)

        let notes = folder.appendingPathComponent("notes.txt")
        try Data("not a database".utf8).write(to: notes)
        let corrupt = try CommandLineTool.run(["list", "--database", notes.path])
        #expect(corrupt.status == 1)
        #expect(corrupt.err == "pledge: \(notes.path): not a Pledge register (the file is not a SQLite database)\n")
        let dir = try CommandLineTool.run(["list", "--database", folder.path])
        #expect(dir.status == 1 && dir.err.contains("not a Pledge register (it is a folder)"))
        #expect(try pledge("show", "\(ja.key)#999").status == 1)
    }

    @Test func trackingRefusesStaleVersionsAndUnsafeEvidence() throws {
        let id = "\(ja.key)#8"
        let first = try pledge("track", id, "--status", "in_the_works", "--note", "budget passed", "--evidence",
                               "https://example.org/budget", "--on", "2024-05-02", "--expect-version", "1")
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("now version 2"))
        let stale = try pledge("track", id, "--status", "kept", "--expect-version", "1")
        #expect(stale.status == 1)
        #expect(stale.err.contains("\(id) has changed since version 1"))
        let script = try pledge("track", id, "--status", "kept", "--evidence", "javascript:alert(1)")
        #expect(script.status == 2 && script.err.contains("http or https"))
        let shown = try json(try pledge("show", id, "--format", "json").out)
        let history = try #require(shown["history"] as? [[String: Any]])
        #expect(history.count == 1 && history[0]["note"] as? String == "budget passed")
        #expect(shown["status"] as? String == "in_the_works" && shown["version"] as? Int == 2)
        #expect((shown["sentences"] as? [Any])?.isEmpty == false && shown["due"] as? String == "2024-06-30")
        let text = try pledge("show", id)
        #expect(text.out.contains("2024-05-02  in_the_works") && text.out.contains("evidence: https://example.org/budget"))
    }

    @Test func dueListsOverdueAndUpcoming() throws {
        let r = try pledge("due", "--as-of", "2024-07-01", "--within", "200")
        #expect(r.status == 0)
        let parts = r.out.components(separatedBy: "Due in the next 200 days")
        // One commitment in two texts is overdue once.
        #expect(parts[0].contains("\(ja.key)#8 ") && parts[0].contains("Overdue as of 2024-07-01: 1"))
        #expect(!parts[0].contains("\(ja.key)-en#8 "))
        #expect(parts[1].contains("\(ja.key)#37 ") && !parts[1].contains("\(ja.key)#8 "))
        // Kept as recorded on the English text: no longer overdue in either.
        _ = try pledge("track", "\(ja.key)-en#8", "--status", "kept")
        let after = try pledge("due", "--as-of", "2024-07-01").out
        #expect(!after.contains("#8 ") && !after.contains("Overdue as of 2024-07-01: 1"))
        let summary = try pledge("summary", "--format", "json")
        #expect(summary.status == 0 && summary.out.contains("\"average\" : 1"))
    }

    static let exportReaders: [OptionalTool] = [.program("python3"), .pythonModule("icalendar")]

    @Test(.enabled(if: OptionalTool.shouldRun(exportReaders), Comment(rawValue: OptionalTool.skipMessage(exportReaders))))
    func exportsOpenInTheirPrograms() throws {
        try OptionalTool.require(Self.exportReaders)
        _ = try pledge("track", "\(ja.key)#21", "--status", "stalled", "--note", "遅延, \"予算\"\n次年度へ")
        let csv = folder.appendingPathComponent("items.csv").path
        #expect(try pledge("export", "--format", "csv", "--output", csv).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csv))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark, so spreadsheets read UTF-8")
        let rows = try python("""
            import csv, sys
            rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
            print(len(rows), rows[0][0], rows[0][8], sum(1 for r in rows if r[0] == '\(ja.key)#21' and r[8] == 'stalled'))
            """, csv)
        #expect(rows == "98 id status 1\n", "a header and each of the 97 commitments once")

        let ics = folder.appendingPathComponent("due.ics").path
        #expect(try pledge("export", "--format", "ics", "--output", ics).status == 0)
        let dated = try #require(try json(try pledge("list", "--due-before", "9999-12-31", "--format", "json").out)["items"] as? [Any]).count
        let events = try python("""
            import icalendar, sys
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            events = [e for e in cal.walk('VEVENT')]
            e8 = [e for e in events if e['UID'].startswith('\(ja.key)-8@')][0]
            print(len(events), e8.decoded('DTSTART').isoformat(), e8.decoded('DTEND').isoformat())
            """, ics)
        #expect(events == "\(dated) 2024-06-30 2024-07-01\n")

        let md = try pledge("export", "--format", "markdown", "--as-of", "2024-07-01")
        #expect(md.out.contains("### 宇宙協力") && md.out.contains("stalled: 1") && md.out.contains("**overdue**"))
    }

    @Test func jsonExportRestoresLosslessly() throws {
        _ = try pledge("track", "\(ja.key)#17", "--status", "kept", "--note", "<script>alert(1)</script>")
        let export = folder.appendingPathComponent("register.json").path
        #expect(try pledge("export", "--format", "json", "--output", export).status == 0)
        let copy = folder.appendingPathComponent("copy.sqlite").path
        let restored = try CommandLineTool.run(["import", export, "--database", copy])
        #expect(restored.status == 0, "\(restored.err)")
        #expect(restored.out == "restored 2 documents, 194 items, 1 events\n")
        let again = try CommandLineTool.run(["export", "--format", "json", "--database", copy])
        #expect(again.out == (try String(contentsOfFile: export, encoding: .utf8)))
        // Import wants an empty register: the seeded one is not.
        let refused = try pledge("import", export)
        #expect(refused.status == 1 && refused.err.contains("not empty"))
        let garbage = folder.appendingPathComponent("garbage.json")
        try Data("{\"documents\": 3}".utf8).write(to: garbage)
        let bad = try CommandLineTool.run(["import", garbage.path, "--database", folder.appendingPathComponent("x.sqlite").path])
        #expect(bad.status == 1 && bad.err.contains("garbage.json: not a Pledge register export"))
    }

    @Test func aKilledIngestLeavesAConsistentRegister() async throws {
        _ = try pledge("list")
        let variants = try SeedVariants.write(count: 400, to: folder.appendingPathComponent("docs"))
        let process = try CommandLineTool.start(["ingest", "--database", database] + variants)
        let register = try await SQLiteRegister.open(path: database)
        let reader = try DatabaseQueue(path: database)
        // Kill it once some, not all, documents are in.
        var stored = 0
        for _ in 0..<3000 where stored < 5 {
            try await Task.sleep(for: .milliseconds(10))
            stored = try await reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM document") ?? 0 } - 2
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let afterKill = try await register.documents()
        #expect(afterKill.count > 2 && afterKill.count < 402, "killed mid-run")
        #expect(afterKill.allSatisfy { $0.itemCount == 97 }, "every stored document is whole")
        let check = try await reader.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        #expect(check == ["ok"])
        let rerun = try pledge(["ingest"] + variants)
        #expect(rerun.status == 0)
        let documents = try await register.documents()
        #expect(documents.count == 402 && documents.allSatisfy { $0.itemCount == 97 && $0.revision == 1 })
    }

    @Test func twoProcessesTrackingAtOnceLoseNothing() async throws {
        _ = try pledge("list")
        let id = "\(ja.key)#30"
        let tool = try #require(CommandLineTool.pledge)
        let loop = "for i in $(seq 1 15); do \(tool.path) track '\(id)' --status in_the_works --note \"$0-$i\" --database \(database) || exit 1; done"
        let writers = try ["a", "b"].map { name in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", loop, name]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            return p
        }
        for w in writers { w.waitUntilExit() }
        #expect(writers.allSatisfy { $0.terminationStatus == 0 })
        let history = try #require(try json(try pledge("show", id, "--format", "json").out)["history"] as? [[String: Any]])
        #expect(history.count == 30)
        #expect(Set(history.compactMap { $0["note"] as? String }).count == 30)
    }

    func pledge(_ arguments: [String]) throws -> CommandLineTool.Result {
        try CommandLineTool.run(arguments + ["--database", database])
    }

    func python(_ program: String, _ argument: String) throws -> String {
        let r = try CommandLineTool.run(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", "-c", program, argument])
        #expect(r.status == 0, "\(r.err)")
        return r.out
    }
}
