/// A tool that appends one field to every record: `news-quotes`,
/// `news-numbers`, `news-entities`.
///
/// The core reads and validates each line, decodes the text field, and calls
/// `annotate` with its UTF-8 bytes; the annotator writes the field's value (a
/// JSON array) with `out`, turning byte offsets into output offsets with
/// `offsets`. The core then splices `,"FIELD":VALUE` into the line's own bytes.
/// Make one annotator per thread: it may keep matchers and scratch buffers.
public protocol Annotator: SendableMetatype {
    /// The field this annotator appends, e.g. `"quotes"`.
    static var field: String { get }

    /// Writes the field's JSON value for `text` to `out`.
    ///
    /// - Parameters:
    ///   - text: the record's text, valid UTF-8 (escapes decoded).
    ///   - offsets: maps a byte offset in `text` to the unit the user asked for.
    ///   - out: the writer; write exactly one JSON value (normally an array).
    mutating func annotate(
        _ text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap, into out: inout JSONWriter
    ) throws
}

extension JSONWriter {
    /// Writes `"start":S,"end":E,"text":"…"` for the byte range `range` of
    /// `text`: the members every span object shares.
    public mutating func span(_ range: Range<Int>, of text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap) {
        key("start"); int(offsets(range.lowerBound))
        key("end"); int(offsets(range.upperBound))
        key("text"); string(text, range)
    }
}
