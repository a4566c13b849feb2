import Foundation
import PledgeTestSupport
import Testing

/// Headless Chromium through the site: dashboard charts, a Japanese search, signing in,
/// recording progress, accepting and dismissing a later document's suggestions
/// (Browser/browser_test.py). Needs Debian's chromium and
/// chromium-driver and Python's selenium, which `.ci/run` installs.
@Suite struct BrowserTests {
    static let tools: [OptionalTool] = [.program("chromium"), .program("chromedriver"), .pythonModule("selenium")]

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
        let result = try CommandLineTool.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", script.path, base, token, shots])
        #expect(result.status == 0, "browser test failed:\n\(result.out)\n\(result.err)")
        #expect(result.out.contains("browser test passed"))
    }
}
