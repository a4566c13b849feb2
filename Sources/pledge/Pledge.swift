import ArgumentParser

@main
struct Pledge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turns summit documents into a register of commitments.",
        discussion: "Pledge reads fact sheets, joint statements and communiqués and finds every initiative, "
            + "its sentences with their modality and parties, amounts, time expressions and abbreviations.",
        subcommands: [
            Extract.self, Text.self, Align.self, Ingest.self, List.self, Show.self, Track.self, Due.self, Summary.self,
            Export.self, Import.self,
        ]
    )
}
