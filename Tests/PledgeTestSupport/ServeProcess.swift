import Foundation

/// A `pledge serve` running on a free port for a test; stopped when the test lets go of it.
public final class ServeProcess: @unchecked Sendable {
    public struct NoAddress: Error, CustomStringConvertible {
        public var log: String
        public var description: String { "pledge serve did not print its address:\n\(log)" }
    }

    let process = Process()
    /// `http://127.0.0.1:PORT`, as the server printed it.
    public let base: String

    public init(database: String, arguments: [String] = []) async throws {
        guard let tool = CommandLineTool.pledge else { throw CommandLineTool.NotBuilt() }
        let log = CommandLineTool.temporaryFolder().appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = tool
        process.arguments = ["serve", "--database", database, "--port", "0"] + arguments
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = FileHandle.nullDevice
        try process.run()
        var address: String?
        for _ in 0..<600 where address == nil && process.isRunning {
            try await Task.sleep(for: .milliseconds(100))
            address = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").firstMatch(of: /at (http:\/\/127\.0\.0\.1:\d+)/).map { String($0.1) }
        }
        guard let address else {
            process.terminate()
            throw NoAddress(log: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
        base = address
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}
