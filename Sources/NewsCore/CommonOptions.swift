import ArgumentParser

/// The version every tool reports with `--version`.
public let newsfiltersVersion = "0.1.0"

/// What a tool does with a line it cannot process (`--on-error`).
public enum ErrorPolicy: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Report the line and stop; exit status 1.
    case fail
    /// Report the line, drop it, go on; exit status 1 at the end.
    case skip
    /// Report the line, copy it to the output unchanged, go on; exit status 1 at the end.
    case pass
}

extension OffsetUnit: ExpressibleByArgument {}

/// The options every tool shares, used through `@OptionGroup`.
public struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The string field that holds the text.", valueName: "name"))
    public var field: String = "text"

    @Option(name: .long, help: ArgumentHelp(
        "The unit of start and end offsets: codepoint (as Python counts), utf16 or utf8 (bytes).",
        valueName: "unit"))
    public var offsets: OffsetUnit = .codepoint

    @Flag(name: .long, help: "Read each file (or all of standard input) as one plain-text document, not JSON Lines.")
    public var raw = false

    @Flag(name: [.customLong("line-buffered"), .customLong("unbuffered")],
          help: "Write each record as soon as it is done (automatic when standard output is a terminal).")
    public var lineBuffered = false

    @Option(name: .customLong("on-error"), help: ArgumentHelp(
        "What to do with a line that is not a JSON object with a string text field: fail (stop), skip (drop it) or pass (copy it unchanged). Each is reported on standard error.",
        valueName: "policy"))
    public var onError: ErrorPolicy = .fail

    @Option(name: .long, help: ArgumentHelp(
        "Process records on this many threads (0: one per core); the output order and bytes stay the same.",
        valueName: "n"))
    public var jobs: Int = 1

    @Argument(help: ArgumentHelp("Input files; - or none is standard input.", valueName: "file"))
    public var files: [String] = []

    public init() {}

    public func validate() throws {
        if field.isEmpty { throw ValidationError("--field needs a name.") }
        if jobs < 0 { throw ValidationError("--jobs must be 0 (all cores) or more.") }
    }
}
