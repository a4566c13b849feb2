import Foundation

/// Tools some tests need that a fresh machine may lack: programs on the PATH, Python
/// modules, a PostgreSQL server. A test that needs one skips with a message naming what is
/// missing, unless `PLEDGE_REQUIRE_OPTIONAL_TOOLS=1` (which `.ci/run` sets): then it runs and
/// fails, naming it, so CI never passes by skipping.
public enum OptionalTool: Sendable, CustomStringConvertible {
    /// A program found on the PATH.
    case program(String)
    /// A module `python3` can import.
    case pythonModule(String)
    /// An environment variable naming a service, such as a test database.
    case environment(String, purpose: String)

    public var description: String {
        switch self {
        case .program(let name): "the program '\(name)'"
        case .pythonModule(let name): "Python's '\(name)' module (pip install \(name))"
        case .environment(let name, let purpose): "\(name) (\(purpose))"
        }
    }

    public static var required: Bool { ProcessInfo.processInfo.environment["PLEDGE_REQUIRE_OPTIONAL_TOOLS"] == "1" }

    public var isAvailable: Bool {
        switch self {
        case .program(let name): Self.onPath(name) != nil
        case .pythonModule(let name):
            Self.onPath("python3").map { python in
                let process = Process()
                process.executableURL = python
                process.arguments = ["-c", "import \(name)"]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                guard (try? process.run()) != nil else { return false }
                process.waitUntilExit()
                return process.terminationStatus == 0
            } ?? false
        case .environment(let name, _): !(ProcessInfo.processInfo.environment[name] ?? "").isEmpty
        }
    }

    /// The tools of `tools` this machine lacks.
    public static func missing(_ tools: [OptionalTool]) -> [OptionalTool] { tools.filter { !$0.isAvailable } }

    /// Whether a test needing `tools` should run: when all are here, or when CI requires them.
    public static func shouldRun(_ tools: [OptionalTool]) -> Bool { required || missing(tools).isEmpty }

    /// The message a skipped test shows.
    public static func skipMessage(_ tools: [OptionalTool]) -> String {
        "skipped: needs " + tools.map(\.description).joined(separator: ", ") + " (.ci/run installs them)"
    }

    /// Throws, naming what is missing, for a test that runs although a tool is missing.
    public static func require(_ tools: [OptionalTool]) throws {
        let absent = missing(tools)
        guard absent.isEmpty else { throw Missing(tools: absent) }
    }

    public struct Missing: Error, CustomStringConvertible {
        public var tools: [OptionalTool]
        public var description: String {
            "missing " + tools.map(\.description).joined(separator: ", ") + "; PLEDGE_REQUIRE_OPTIONAL_TOOLS=1 makes this a failure"
        }
    }

    static func onPath(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
