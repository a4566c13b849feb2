import ArgumentParser
import Foundation
import PledgeExtract
import PledgeModel
import PledgePostgres
import PledgeRegister

extension Modality: ExpressibleByArgument {}
extension Party: ExpressibleByArgument {
    /// A country's ISO 3166 code or a listed organisation's (`PH`, `gb`, `EU`); anything else
    /// is refused rather than matching nothing.
    public init?(argument: String) {
        guard let party = Party(rawValue: argument), PartyNames.isKnown(party) else { return nil }
        self = party
    }
}
extension Status: ExpressibleByArgument {}

/// `--database`, shared by every command that uses the register.
struct RegisterOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The register: a SQLite file path, or postgres://user:password@host:port/database for a team "
            + "(default $PLEDGE_DATABASE, else ./pledge.sqlite).",
        valueName: "path|url"))
    var database: String?

    var location: String {
        database ?? ProcessInfo.processInfo.environment["PLEDGE_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "pledge.sqlite"
    }

    /// The location as it may be printed: a PostgreSQL address without its password.
    var shownLocation: String { PostgresLocation.redacted(location) }

    /// Opens the register; a new one is loaded with the bundled documents unless `seed` is false.
    func open(seed: Bool = true, patience: Duration = RegisterPatience.answer) async throws -> any Register {
        try await openRegister(location, seed: seed, patience: patience)
    }
}

/// How long a PostgreSQL register may take to answer before it is reported unavailable.
enum RegisterPatience {
    /// One read or write of a command or page.
    static let answer: Duration = .seconds(8)
    /// Loading a whole archive, one transaction that grows with the register: a million items
    /// take minutes.
    static let restore: Duration = .seconds(3 * 3600)
}

/// Opens the register at a location: `postgres://…` (or `postgresql://…`) is a PostgreSQL
/// database, `sqlite:PATH` or any other text a SQLite file.
func openRegister(_ location: String, seed: Bool = true, patience: Duration = RegisterPatience.answer) async throws -> any Register {
    if PostgresLocation.isPostgres(location) {
        return try await failing { try await PostgresRegister.open(url: location, seed: seed, patience: patience) }
    }
    let path = location.hasPrefix("sqlite:") ? String(location.dropFirst("sqlite:".count)) : location
    return try await failing { try await SQLiteRegister.open(path: path, seed: seed) }
}

extension RegisterOptions {
}

/// Runs a register operation, turning its errors into one line on stderr and exit status 1.
func failing<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as RegisterError {
        printError(error.description)
        throw ExitCode.failure
    } catch let error as LoadError {
        printError(error.description)
        throw ExitCode.failure
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("\(error)")
        throw ExitCode.failure
    }
}

/// The name events are recorded under on the command line.
func commandLineAuthor() -> String {
    let env = ProcessInfo.processInfo.environment
    return env["PLEDGE_AUTHOR"] ?? env["USER"] ?? env["LOGNAME"] ?? "local"
}

/// Today's date where the user is.
func today() -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone.current
    let c = calendar.dateComponents([.year, .month, .day], from: Date())
    return Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1).iso
}

/// Dates on the command line: `YYYY-MM-DD` from 0001 to 9999, refused with exit status 2 otherwise.
extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
    public var defaultValueDescription: String { iso }
}

/// JSON for scripts: stable key order, slashes left alone.
func jsonString<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}
