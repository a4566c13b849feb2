import Foundation

/// Runs the built `pledge` executable the way a user would, for tests of the command line.
public enum CommandLineTool {
    public struct Result: Sendable {
        public var status: Int32
        public var out: String
        public var err: String
    }

    /// The `pledge` executable built next to the test bundle.
    public static var pledge: URL? {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [here.appendingPathComponent("pledge"), here.deletingLastPathComponent().appendingPathComponent("pledge")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String { "the pledge executable is built next to the tests (swift build --build-tests)" }
    }

    /// Starts `pledge` and returns the running process, for tests that interrupt it.
    public static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        guard let tool = pledge else { throw NotBuilt() }
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    public static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        guard let tool = pledge else { throw NotBuilt() }
        return try run(executable: tool, arguments: arguments, stdin: stdin, environment: environment)
    }

    public static func run(
        executable: URL, arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Standard error goes to a file, so a chatty tool never blocks on a full pipe.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("pledge-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let e = (try? Data(contentsOf: errURL)) ?? Data()
        return Result(status: process.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// A new empty folder under the system's temporary folder.
    public static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pledge-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
