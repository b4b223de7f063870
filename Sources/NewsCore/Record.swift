/// One input record as a tool sees it: the line's bytes, where it came from,
/// and the decoded text field. Valid only during the call it is passed to.
public struct Record {
    /// The whole input line (without BOM, CR or LF), valid JSON.
    public let line: UnsafeBufferPointer<UInt8>
    /// The input's name for messages: a file name or `stdin`.
    public let source: String
    /// The 1-based line number in `source`, blank lines counted.
    public let lineNumber: Int
    /// The text field's value, escapes decoded: valid UTF-8.
    public let text: UnsafeBufferPointer<UInt8>
    /// The unit offsets are written in (`--offsets`).
    public let offsetUnit: OffsetUnit
    /// Top-level members of the object, in order.
    let members: UnsafeBufferPointer<JSONMember>
    /// Where the object's closing brace is in `line`.
    let closingBrace: Int
    /// Writes out what the output buffer holds and empties it, so that a giant
    /// record need not be held whole; nil when records are processed on
    /// several threads. Call it only between whole output lines, or (as
    /// `JSONWriter` does) when the record will be completed whatever happens.
    public let spill: Spill?
    /// Whether `text` is known to be all ASCII (every byte one code point,
    /// in every offset unit). False does not mean there is a non-ASCII byte.
    public let textIsASCII: Bool
    /// The text field as written in the line, when it is ASCII with only the
    /// short escapes (see `TextJSON`); else nil.
    let canonicalRawText: RawText?

    init(
        line: UnsafeBufferPointer<UInt8>, source: String, lineNumber: Int,
        text: UnsafeBufferPointer<UInt8>, offsetUnit: OffsetUnit,
        members: UnsafeBufferPointer<JSONMember>, closingBrace: Int, spill: Spill? = nil,
        textIsASCII: Bool = false, canonicalRawText: RawText? = nil
    ) {
        self.textIsASCII = textIsASCII
        self.canonicalRawText = canonicalRawText
        self.closingBrace = closingBrace
        self.spill = spill
        self.line = line
        self.source = source
        self.lineNumber = lineNumber
        self.text = text
        self.offsetUnit = offsetUnit
        self.members = members
    }

    /// The raw JSON bytes of the top-level member `key` (the last one if the
    /// key is repeated), exactly as written in the line; nil if absent.
    public func rawValue(forKey key: String) -> UnsafeBufferPointer<UInt8>? {
        var name = key
        return name.withUTF8 { wanted in
            for m in members.reversed() where m.keyEquals(wanted, in: line) {
                return UnsafeBufferPointer(rebasing: line[m.value])
            }
            return nil
        }
    }

    /// A writer of stretches of `text` as JSON strings (see `TextJSON`).
    public func textJSON() -> TextJSON { TextJSON(text: text, raw: canonicalRawText) }

    /// The raw JSON of the record's `id` member, unless it is absent or `null`.
    public var id: UnsafeBufferPointer<UInt8>? {
        guard let v = rawValue(forKey: "id"), v.first != UInt8(ascii: "n") else { return nil }
        return v
    }
}

/// Writes the bytes out and empties the buffer (see `Record.spill`).
public typealias Spill = (inout [UInt8]) -> Void

/// Output buffers larger than this are spilled when a spill is offered.
public let spillThreshold = 1 << 20

/// Thrown by a transform that failed after part of its record's output was
/// spilled: that part cannot be taken back, so the record was completed (its
/// annotation cut short) and is reported as degraded, not dropped.
public struct PartialRecordError: Error, CustomStringConvertible {
    public let underlying: any Error
    public var description: String { "\(underlying); the record's annotation was cut short" }
}

/// A tool that turns each record into zero or more output lines (`news-split`).
/// Make one per thread: it may keep matchers and scratch buffers.
public protocol RecordTransform: SendableMetatype {
    /// Appends the output lines for `record` to `out`, each ending in `\n`.
    mutating func transform(_ record: Record, into out: inout [UInt8]) throws
}
