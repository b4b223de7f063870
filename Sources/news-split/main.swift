import ArgumentParser
import NewsCore
import NewsSplit

@main
struct NewsSplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-split",
        abstract: "Split news articles into sentences or paragraphs.",
        discussion: """
            Writes one record per sentence (or paragraph) of each input record's text: \
            {"id","doc","para","sent","start","end","text"}, with the unit's offsets in that \
            text. The unit id is the document id, ":" and the unit's index. Blank lines \
            (no-break spaces included) separate paragraphs; in text with one paragraph per \
            line each line is one, in hard-wrapped text lines join. See news-split(1).
            """,
        version: newsfiltersVersion
    )

    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp("The unit to emit: sentence or paragraph.", valueName: "unit"))
    var unit: SplitUnit = .sentence

    @Option(help: ArgumentHelp(
        "Fields of the input record to copy, as written, into every unit, comma-separated.",
        valueName: "fields"))
    var keep: String = ""

    var keptFields: [String] {
        keep.split(separator: ",").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
    }

    func validate() throws {
        for name in keptFields where Splitter.reservedFields.contains(name) {
            throw ValidationError("--keep cannot copy \"\(name)\": every unit has its own.")
        }
    }

    func run() throws {
        let kept = keptFields
        try Runner(tool: "news-split", options: common).run { try Splitter(unit: unit, keep: kept) }
    }
}

extension SplitUnit: ExpressibleByArgument {}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
