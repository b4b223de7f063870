import ArgumentParser
import NewsNumbers
import NewsCore

@main
struct NewsNumbersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-numbers",
        abstract: "Find numeric expressions and normalize them.",
        discussion: """
            Appends `numbers` to every record: each numeric expression with its span, value, kind and, where present, its upper end, unit, qualifier and what it counts.

            Kinds: cardinal, ordinal, fraction, percent, money (unit: ISO 4217 code), range (value low, high), \
            quantity (unit as written). Qualifiers: at-least, at-most, more-than, less-than, about, multiples. \
            Dates, times, years, identifiers and the pronoun "one" are left out.

            Reads JSON Lines from the files named (or standard input) and writes each \
            line back unchanged but for the appended field. See news-numbers(1).
            """,
        version: newsfiltersVersion
    )

    @OptionGroup var common: CommonOptions

    func run() throws {
        try Runner(tool: "news-numbers", options: common).run { try NumberAnnotator() }
    }
}
