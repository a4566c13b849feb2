import ArgumentParser
import Foundation
import PledgePostgres
import PledgeRegister

/// `pledge migrate`: copies a whole register into another, empty one, typically a laptop's
/// SQLite file to the team's PostgreSQL server.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy a register, with every item, id and tracking event, into an empty one.",
        discussion: """
            pledge migrate --from sqlite:pledge.sqlite --to postgres://desk@db.example:5432/pledge

            The copy is checked against the original before the command reports success.
            Users are not copied: add them on the new register with `pledge user add`.
            """)

    @Option(help: ArgumentHelp("The register to copy: sqlite:PATH, a path, or postgres://…", valueName: "location"))
    var from: String
    @Option(help: ArgumentHelp("An empty register to copy into: sqlite:PATH, a path, or postgres://…", valueName: "location"))
    var to: String

    func run() async throws {
        let source = try await openRegister(from, seed: false)
        let target = try await openRegister(to, seed: false, patience: RegisterPatience.restore)
        try await failing {
            let archive = try await source.archive()
            try await target.restore(archive)
            // Lossless means the target gives back exactly what the source held.
            guard try await target.archive() == archive else {
                throw RegisterError.invalid("\(PostgresLocation.redacted(to)): the copy differs from \(PostgresLocation.redacted(from)); nothing else was changed in \(PostgresLocation.redacted(from))")
            }
            let items = archive.documents.reduce(0) { $0 + $1.items.count }
            var out = StandardOutput()
            out.write("copied \(archive.documents.count) documents, \(items) items, \(archive.events.count) events\n")
            out.flush()
        }
    }
}
