import ArgumentParser
import Foundation

@main
struct Pledge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turns summit documents into a register of commitments.",
        discussion: "Pledge reads fact sheets, joint statements and communiqués and finds every initiative, "
            + "its sentences with their modality and parties, amounts, time expressions and abbreviations, "
            + "and keeps them in a register where their progress is tracked.",
        subcommands: [
            Extract.self, Text.self, Align.self, Link.self, Ingest.self, List.self, Show.self, Track.self, Due.self, Summary.self,
            Export.self, Import.self, Serve.self, UserCommand.self, Migrate.self,
        ]
    )

    /// Runs the command; bad usage exits with status 2, as scripts expect of a Unix tool.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error).replacingOccurrences(of: "Error: ", with: ""))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
