import ArgumentParser
import NewsEntities
import NewsCore

@main
struct NewsEntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-entities",
        abstract: "Find people, organizations, places and nationalities.",
        discussion: """
            Appends `entities` to every record: one element per mention, in text order, \
            with its span (start, end, text), its type (PERSON, ORG, GPE, LOC, FAC, NORP, \
            EVENT or MISC) and, when the record holds a fuller form of the same entity, \
            its canonical form ("Zelensky" -> "Volodymyr Zelensky"). A mention is the \
            name alone: no leading article, possessive or title.

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
