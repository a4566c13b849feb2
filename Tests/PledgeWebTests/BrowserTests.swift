import Foundation
import PledgeTestSupport
import Testing

/// Headless Chromium through the site: dashboard charts, a Japanese search, signing in,
/// recording progress, accepting and dismissing a later document's suggestions, adding a
/// document and a new version of it, correcting what was read, axe-core on the main pages
/// in English and Japanese, and the keyboard (Browser/browser_test.py). Needs Debian's
/// chromium and chromium-driver and Python's selenium and axe-selenium-python, which
/// `.ci/run` installs.
@Suite struct BrowserTests {
    static let tools: [OptionalTool] = [
        .program("chromium"), .program("chromedriver"), .pythonModule("selenium"), .pythonModule("axe_selenium_python"),
    ]

    @Test(.enabled(if: OptionalTool.shouldRun(tools), Comment(rawValue: OptionalTool.skipMessage(tools))))
    func readerAndEditorInChromium() async throws {
        try OptionalTool.require(Self.tools)
        let folder = CommandLineTool.temporaryFolder()
        let database = folder.appendingPathComponent("browser.sqlite").path
        let added = try CommandLineTool.run(["user", "add", "Browser Editor", "--role", "editor", "--database", database])
        try #require(added.status == 0, "\(added.err)")
        let token = added.out.trimmingCharacters(in: .whitespacesAndNewlines)
        // A later statement that reports two of the fact sheet's commitments, for the suggestions.
        let later = folder.appendingPathComponent("2025-03-20-space.txt")
        try SuggestionTests.later.write(to: later, atomically: true, encoding: .utf8)
        let ingested = try CommandLineTool.run(["ingest", later.path, "--database", database])
        try #require(ingested.status == 0, "\(ingested.err)")

        let server = try await ServeProcess(database: database)
        let base = server.base

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Browser/browser_test.py")
        let shots = ProcessInfo.processInfo.environment["PLEDGE_SCREENSHOTS"] ?? folder.path
        // The statement an editor uploads, and its next version.
        let statement = folder.appendingPathComponent("jp-au.txt"), revision = folder.appendingPathComponent("jp-au-revised.txt")
        try UploadTests.statement.write(to: statement, atomically: true, encoding: .utf8)
        try (UploadTests.statement + "\n**宇宙**：日豪両国は、2027年までに月面探査で協力する意図を有する。\n")
            .write(to: revision, atomically: true, encoding: .utf8)
        let result = try CommandLineTool.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["python3", script.path, base, token, shots, statement.path, revision.path])
        #expect(result.status == 0, "browser test failed:\n\(result.out)\n\(result.err)")
        #expect(result.out.contains("browser test passed"))
    }
}
