import ArgumentParser
import NewsCore

/// Appends an empty `null` field: every byte of the core's work, none of a tool's.
struct NullAnnotator: Annotator {
    static let field = "null"
    mutating func annotate(
        _ text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap, into out: inout JSONWriter
    ) throws {
        out.beginArray()
        out.endArray()
    }
}

@main
struct NullAnnotatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "null-annotator",
        abstract: "Run the shared record loop with an annotator that finds nothing (a benchmark).")

    @OptionGroup var common: CommonOptions

    func run() throws {
        try Runner(tool: "null-annotator", options: common).run(annotator: { NullAnnotator() })
    }
}
