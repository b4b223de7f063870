import ArgumentParser
import NewsEntities
import NewsCore

@main
struct NewsEntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-entities",
        abstract: "Find people, organizations, places and nationalities.",
        discussion: """
            Appends `entities` to every record: each mention of a person, organization, place or nationality with its span, type and canonical form.

            Reads JSON Lines from the files named (or standard input) and writes each \
            line back unchanged but for the appended field. See news-entities(1).
            """,
        version: newsfiltersVersion
    )

    @OptionGroup var common: CommonOptions

    func run() throws {
        try Runner(tool: "news-entities", options: common).run { try EntityAnnotator() }
    }
}
