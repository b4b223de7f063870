/// A record's text field as written in its line, between the quotes.
struct RawText {
    let bytes: UnsafeBufferPointer<UInt8>
    /// In increasing order: where each escape's character is in the decoded text.
    let escapesAt: UnsafeBufferPointer<Int>
}

/// Writes stretches of a record's text as JSON strings, for tools that copy
/// pieces of the text into their output (news-split's units).
///
/// When the input wrote the text field in ASCII with only the short escapes
/// (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`), its raw bytes are exactly what
/// `JSONWriter.appendEscaped` would make of the decoded text, so each stretch
/// is copied from the input line in one go instead of being escaped again:
/// a stretch starting at decoded offset d starts at raw offset d plus the
/// number of escapes before d (each is two raw bytes for one decoded byte),
/// counted from the escape offsets the decoder recorded. Otherwise every
/// stretch goes through the escaper. Stretches asked for in increasing order
/// cost one walk over the escapes in all.
public struct TextJSON {
    private let text: UnsafeBufferPointer<UInt8>
    private let raw: RawText?
    /// The number of escapes before the last offset looked up.
    private var escapesBefore = 0

    init(text: UnsafeBufferPointer<UInt8>, raw: RawText?) {
        self.text = text
        self.raw = raw
    }

    /// Appends `text[range]` as a quoted JSON string to `out`.
    public mutating func append(_ range: Range<Int>, to out: inout [UInt8]) {
        guard let raw else {
            JSONWriter.appendEscaped(UnsafeBufferPointer(rebasing: text[range]), to: &out)
            return
        }
        let start = rawOffset(of: range.lowerBound, raw.escapesAt)
        let end = rawOffset(of: range.upperBound, raw.escapesAt)
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(rebasing: raw.bytes[start..<end]))
        out.append(UInt8(ascii: "\""))
    }

    /// The most bytes `write(_:to:)` writes for `range`.
    public func maxLength(_ range: Range<Int>) -> Int {
        guard let raw else { return range.count * 6 + 2 }
        // At most every byte of the stretch was escaped in the input.
        return min(range.count * 2, raw.bytes.count) + 2
    }

    /// Writes `text[range]` as a quoted JSON string at `cursor`, which has
    /// room for `maxLength(range)` bytes.
    public mutating func write(_ range: Range<Int>, to cursor: inout ByteCursor) {
        guard let raw else {
            cursor.string(UnsafeBufferPointer(rebasing: text[range]))
            return
        }
        let start = rawOffset(of: range.lowerBound, raw.escapesAt)
        let end = rawOffset(of: range.upperBound, raw.escapesAt)
        cursor.byte(UInt8(ascii: "\""))
        cursor.bytes(UnsafeBufferPointer(rebasing: raw.bytes[start..<end]))
        cursor.byte(UInt8(ascii: "\""))
    }

    private mutating func rawOffset(of decoded: Int, _ escapes: UnsafeBufferPointer<Int>) -> Int {
        var k = escapesBefore
        while k > 0 && escapes[k - 1] >= decoded { k -= 1 }
        while k < escapes.count && escapes[k] < decoded { k += 1 }
        escapesBefore = k
        return decoded + k
    }
}
