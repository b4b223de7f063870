import Testing
@testable import NewsCore

/// Splices `,"numbers":VALUE` into `line` (Splice.append on the scanner's members).
private func splice(_ line: String, value: String = "[]", field: String = "numbers") throws -> String {
    let input = bytes(line)
    var scanner = JSONLineScanner()
    try scanner.scan(input)
    var out: [UInt8] = []
    scanner.members.array.withUnsafeBufferPointer { members in
        Splice.append(
            line: input, members: members, closingBrace: scanner.closingBrace, field: bytes(field),
            value: Array(value.utf8), into: &out)
    }
    return String(decoding: out, as: UTF8.self)
}

/// Annotates `line` with the `DigitRuns` annotator; the output line without its newline.
private func annotate(_ line: String) throws -> String {
    let (outcome, output) = process(line)
    try #require(outcome.isDone, "\(outcome)")
    try #require(output.last == 0x0A)
    return String(decoding: output.dropLast(), as: UTF8.self)
}

@Suite struct SpliceTests {
    /// An input line and the line expected out. Every input's text holds no
    /// digit, so the value spliced in is `[]`: the expected line is the input up
    /// to its last `}`, then `,"numbers":[]`, then the `}`.
    static let kept: [(String, String)] = [
        (#"{"text":"none"}"#, #"{"text":"none","numbers":[]}"#),
        // Key order and odd spacing stay as they are.
        (#"{ "b" : 2 ,  "text" : "x" , "a":1 }"#, #"{ "b" : 2 ,  "text" : "x" , "a":1 ,"numbers":[]}"#),
        ("{\t\"text\":\"x\"\t}", "{\t\"text\":\"x\"\t,\"numbers\":[]}"),
        // Big numbers are copied, never parsed and reprinted.
        (#"{"n":1e400,"m":1234567890123456789012345678901234567890,"text":"x","f":-0.0E-0,"g":1.10}"#,
         #"{"n":1e400,"m":1234567890123456789012345678901234567890,"text":"x","f":-0.0E-0,"g":1.10,"numbers":[]}"#),
        // Escapes stay escaped (\u00e9 is not rewritten as é, \/ not as /).
        (#"{"text":"caf\u00e9 \"q\" \/ \ud83d\ude00","k\u0065y":"\n","t":"\u0000"}"#,
         #"{"text":"caf\u00e9 \"q\" \/ \ud83d\ude00","k\u0065y":"\n","t":"\u0000","numbers":[]}"#),
        // Raw non-ASCII, U+2028 and U+0085 stay raw.
        ("{\"text\":\"東京 \u{2028} \u{85} e\u{301}\"}", "{\"text\":\"東京 \u{2028} \u{85} e\u{301}\",\"numbers\":[]}"),
        // Nested values and a nested "numbers" are other fields: untouched.
        (#"{"meta":{"numbers":[1]},"list":[{"numbers":2}],"text":"x"}"#,
         #"{"meta":{"numbers":[1]},"list":[{"numbers":2}],"text":"x","numbers":[]}"#),
        // White space after the closing brace stays after it.
        (#"{"text":"x"}  "#, #"{"text":"x","numbers":[]}  "#),
    ]

    @Test(arguments: kept)
    func inputBytesAreKept(_ input: String, _ expected: String) throws {
        #expect(try annotate(input) == expected)
    }

    @Test func emptyObjects() throws {
        #expect(try splice("{}") == #"{"numbers":[]}"#)
        #expect(try splice("{ }") == #"{ "numbers":[]}"#)
        #expect(try splice("{}", value: #"[{"start":0}]"#) == #"{"numbers":[{"start":0}]}"#)
    }

    @Test func theValueAndFieldNameAreWrittenAsGiven() throws {
        #expect(try splice(#"{"a":1}"#, value: "[1,2]", field: "quotes") == #"{"a":1,"quotes":[1,2]}"#)
        // A field name that needs escaping is escaped.
        #expect(try splice(#"{"a":1}"#, field: "we\"ird") == #"{"a":1,"we\"ird":[]}"#)
    }

    /// Lines that already hold the field: it is replaced (its old value and
    /// the comma before or after it dropped), never doubled.
    static let replaced: [(String, String)] = [
        (#"{"text":"a 1","numbers":[{"old":true}],"z":0}"#, #"{"text":"a 1","z":0,"numbers":[{"start":2,"end":3,"text":"1"}]}"#),
        (#"{"numbers":null,"text":"x"}"#, #"{"text":"x","numbers":[]}"#),
        (#"{"text":"x","numbers":5}"#, #"{"text":"x","numbers":[]}"#),
        // The old field written with an escape in its key is the same field.
        (#"{"text":"x","num\u0062ers":5}"#, #"{"text":"x","numbers":[]}"#),
        // Twice in the input: both go.
        (#"{"numbers":1,"text":"x","numbers":2}"#, #"{"text":"x","numbers":[]}"#),
        // A big old value with nested "numbers" inside.
        (#"{"numbers":[{"numbers":[1,2]},"}"],"text":"x","id":7}"#, #"{"text":"x","id":7,"numbers":[]}"#),
    ]

    @Test(arguments: replaced)
    func anExistingFieldIsReplaced(_ input: String, _ expected: String) throws {
        #expect(try annotate(input) == expected)
    }

    @Test func onlyTheFieldItselfIsReplaced() throws {
        #expect(try splice(#"{"numbers":1}"#) == #"{"numbers":[]}"#)
        #expect(try splice(#"{"numbersx":1,"Numbers":2}"#) == #"{"numbersx":1,"Numbers":2,"numbers":[]}"#)
    }

    /// Lines annotated once, then the output annotated again: the same bytes.
    static let twice: [String] = [
        #"{"text":"none"}"#,
        #"{"text":"a 12 b 345","id":"x"}"#,
        #"{"id":1,"numbers":[],"text":"7"}"#,
        #"{"n":1e400,"text":"caf\u00e9 9","k\u0065y":"\n"}"#,
        #"{"text":"x","numbers":5}"#,
        "{\"text\":\"東京 2 \u{2028}\"}",
    ]

    @Test(arguments: twice)
    func annotatingTwiceIsAnnotatingOnce(_ input: String) throws {
        let once = try annotate(input)
        #expect(try annotate(once) == once)
    }

    /// The same with white space before the closing brace: the first pass
    /// keeps it before the new field, and so must the second.
    static let spacedBeforeBrace: [String] = [
        #"{ "text": "a" }"#,
        #"{"text":"x" , "a":1 }"#,
        "{\"text\":\"x\"\t}",
        "{ \"numbers\" : 1 , \"text\" : \"4\" \r\n }",
    ]

    @Test(arguments: spacedBeforeBrace)
    func annotatingTwiceKeepsSpaceBeforeTheBrace(_ input: String) throws {
        let once = try annotate(input)
        #expect(try annotate(once) == once)
    }
}

@Suite struct RecordProcessorTests {
    @Test func aCustomField() throws {
        let (outcome, output) = process(#"{"text":"1","body":"ab 22"}"#, field: "body")
        #expect(outcome.isDone)
        #expect(output == utf8(#"{"text":"1","body":"ab 22","numbers":[{"start":3,"end":5,"text":"22"}]}"# + "\n"))
    }

    @Test func theKeyMayBeEscaped() {
        let (outcome, output) = process(#"{"te\u0078t":"5"}"#)
        #expect(outcome.isDone)
        #expect(output == utf8(#"{"te\u0078t":"5","numbers":[{"start":0,"end":1,"text":"5"}]}"# + "\n"))
    }

    @Test func theLastOfDuplicateTextKeysCounts() {
        let (outcome, output) = process(#"{"text":"1","text":"abc 22"}"#)
        #expect(outcome.isDone)
        #expect(output == utf8(#"{"text":"1","text":"abc 22","numbers":[{"start":4,"end":6,"text":"22"}]}"# + "\n"))
    }

    @Test func escapesInTheTextAreDecodedBeforeTheAnnotatorSeesThem() {
        // \u00e9 is one code point, \n one, \ud83d\ude00 one: "é\n😀 42" has 42 at 4..<6.
        let (outcome, output) = process(#"{"text":"\u00e9\n\ud83d\ude00 42"}"#)
        #expect(outcome.isDone)
        #expect(output == utf8(#"{"text":"\u00e9\n\ud83d\ude00 42","numbers":[{"start":4,"end":6,"text":"42"}]}"# + "\n"))
    }

    static let badRecords: [(line: String, says: String)] = [
        (#"{"id":1}"#, "text"),
        ("{}", "text"),
        (#"{"text":5}"#, "string"),
        (#"{"text":null}"#, "string"),
        (#"{"text":["a"]}"#, "string"),
        (#"{"text":{"text":"a"}}"#, "string"),
        (#"{"text":true}"#, "string"),
        (#"{"o":{"text":"nested only"}}"#, "text"),
        (#"{"text":"x",}"#, "invalid JSON"),
        ("[1]", "invalid JSON"),
    ]

    @Test(arguments: badRecords)
    func badRecordsWriteNothing(_ line: String, _ says: String) throws {
        var processor = RecordProcessor(transform: AnnotatorTransform(DigitRuns()), field: "text", offsetUnit: .codepoint)
        var out: [UInt8] = Array("kept\n".utf8)
        let outcome = processor.process(bytes(line), source: "test", lineNumber: 1, into: &out)
        let message = try #require(outcome.badMessage)
        #expect(message.contains(says))
        #expect(out == Array("kept\n".utf8), "nothing appended for a bad line")
    }

    @Test func invalidJSONMessageNamesTheByte() throws {
        let message = try #require(process(#"{"text":"x",}"#).outcome.badMessage)
        // The '}' at offset 12 is byte 13, counting from 1.
        #expect(message == "invalid JSON: unexpected '}', expected a string key at byte 13")
    }

    struct Throwing: Annotator {
        static let field = "numbers"
        let error: any Error
        mutating func annotate(_ text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap, into out: inout JSONWriter) throws {
            out.beginArray()
            throw error
        }
    }

    struct Oops: Error, CustomStringConvertible { var description: String { "oops" } }

    @Test func anAnnotatorErrorIsABadLine() throws {
        var processor = RecordProcessor(transform: AnnotatorTransform(Throwing(error: Oops())), field: "text", offsetUnit: .codepoint)
        var out: [UInt8] = Array("kept\n".utf8)
        let outcome = processor.process(bytes(#"{"text":"x"}"#), source: "test", lineNumber: 1, into: &out)
        #expect(outcome.badMessage == "oops")
        #expect(out == Array("kept\n".utf8))
    }
}
