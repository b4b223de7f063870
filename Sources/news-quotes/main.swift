import ArgumentParser
import NewsQuotes
import NewsCore

@main
struct NewsQuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-quotes",
        abstract: "Find direct quotations and their speakers.",
        discussion: """
            Appends `quotes` to every record: each direct quotation with its span (marks included), the quoted words, the speaker and the attribution cue.

            Reads JSON Lines from the files named (or standard input) and writes each \
            line back unchanged but for the appended field. See news-quotes(1).
            """,
        version: newsfiltersVersion
    )

    @OptionGroup var common: CommonOptions

    func run() throws {
        try Runner(tool: "news-quotes", options: common).run { try QuoteAnnotator() }
    }
}
