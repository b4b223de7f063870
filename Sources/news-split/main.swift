import ArgumentParser
import NewsCore
import NewsSplit

@main
struct NewsSplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-split",
        abstract: "Split news articles into sentences or paragraphs.",
        discussion: """
            Writes one record per sentence (or paragraph) of each input record's text, \\
            with its offsets in that text. See news-split(1).
            """,
        version: newsfiltersVersion
    )

    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp("The unit to emit: sentence or paragraph.", valueName: "unit"))
    var unit: SplitUnit = .sentence

    @Option(help: ArgumentHelp("Fields of the input record to copy into every unit, comma-separated.", valueName: "fields"))
    var keep: String = ""

    func run() throws {
        let kept = keep.split(separator: ",").map(String.init)
        try Runner(tool: "news-split", options: common).run { try Splitter(unit: unit, keep: kept) }
    }
}

extension SplitUnit: ExpressibleByArgument {}
