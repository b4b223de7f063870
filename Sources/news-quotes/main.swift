import ArgumentParser
import NewsQuotes
import NewsCore

@main
struct NewsQuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-quotes",
        abstract: "Find direct quotations and their speakers.",
        discussion: """
            Appends `quotes` to every record: each direct quotation, in text order, \
            with `start` and `end` (its quotation marks included), `text` (the quoted \
            words), `speaker` (`start`, `end`, `text`, and `name` for a pronoun: the \
            person it stands for; or null) and `cue` (the reporting verb or phrase, \
            or null). Titles, names, scare quotes and fragments of fewer than four \
            words are left out. Works best on whole articles.

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
