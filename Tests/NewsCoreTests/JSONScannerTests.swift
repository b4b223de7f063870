import Testing
@testable import NewsCore

/// Scans `line`; the error if it is rejected.
private func scanError(_ line: [UInt8]) -> JSONSyntaxError? {
    var scanner = JSONLineScanner()
    do {
        try scanner.scan(bytes(line))
        return nil
    } catch {
        return error
    }
}

/// Scans `line`, which must be accepted; the scanner afterwards.
private func scanned(_ line: [UInt8]) throws -> JSONLineScanner {
    var scanner = JSONLineScanner()
    try scanner.scan(bytes(line))
    return scanner
}

/// The top-level keys and value texts the scanner recorded, as written.
private func membersOf(_ line: [UInt8]) throws -> [(key: String, value: String)] {
    let scanner = try scanned(line)
    return scanner.members.array.map {
        (String(decoding: line[$0.key], as: UTF8.self), String(decoding: line[$0.value], as: UTF8.self))
    }
}

/// A line the scanner must reject, and the 0-based byte offset it must blame.
struct Rejected: Sendable, CustomStringConvertible {
    let line: [UInt8]
    let offset: Int
    /// A word the message must contain, if any.
    let says: String?
    let why: String

    init(_ line: String, _ offset: Int, says: String? = nil, _ why: String) {
        self.init(bytes: Array(line.utf8), offset, says: says, why)
    }

    init(bytes: [UInt8], _ offset: Int, says: String? = nil, _ why: String) {
        self.line = bytes
        self.offset = offset
        self.says = says
        self.why = why
    }

    var description: String { "\(why): \(show(line))" }
}

/// `{"a":"` + bytes + `"}`: the bytes land at offset 6.
private func inString(_ b: [UInt8]) -> [UInt8] { Array(#"{"a":""#.utf8) + b + Array(#""}"#.utf8) }

@Suite struct JSONScannerRejects {
    static let notAnObject: [Rejected] = [
        Rejected("", 0, "empty line"),
        Rejected("   ", 3, "white space only"),
        Rejected("[]", 0, "an array"),
        Rejected(#"[{"a":1}]"#, 0, "an object in an array"),
        Rejected(#""text""#, 0, "a string"),
        Rejected("42", 0, "a number"),
        Rejected("-1", 0, "a negative number"),
        Rejected("null", 0, "null"),
        Rejected("true", 0, "true"),
        Rejected("x", 0, "not JSON"),
        Rejected("}", 0, "a closing brace"),
        Rejected("{", 1, "an opening brace alone"),
        Rejected(bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"a":1}"#.utf8), 0, "a BOM (the reader drops it, not the scanner)"),
    ]

    static let syntax: [Rejected] = [
        Rejected(#"{"a":1,}"#, 7, "trailing comma in an object"),
        Rejected(#"{"a":[1,]}"#, 8, "trailing comma in an array"),
        Rejected(#"{"a":1 , }"#, 9, "trailing comma with spaces"),
        Rejected(#"{,"a":1}"#, 1, "leading comma"),
        Rejected(#"{"a":1,,"b":2}"#, 7, "double comma"),
        Rejected(#"{"a":[1 2]}"#, 8, "missing comma in an array"),
        Rejected(#"{"a":1 "b":2}"#, 7, "missing comma in an object"),
        Rejected(#"{"a" 1}"#, 5, "missing colon"),
        Rejected(#"{"a"}"#, 4, "key without a value"),
        Rejected(#"{"a":}"#, 5, "colon without a value"),
        Rejected(#"{'a':1}"#, 1, "single-quoted key"),
        Rejected(#"{"a":'x'}"#, 5, "single-quoted value"),
        Rejected(#"{a:1}"#, 1, "bare key"),
        Rejected(#"{1:1}"#, 1, "number as key"),
        Rejected(#"{"a":1]"#, 6, "object closed by a bracket"),
        Rejected(#"{"a":[1}"#, 7, "array closed by a brace"),
        Rejected(#"{"a":1"#, 6, "truncated after a value"),
        Rejected(#"{"a":{"b":1}"#, 12, "inner object closed, outer not"),
        Rejected(#"{"a":"x"#, 5, says: "unterminated", "unterminated string value"),
        Rejected(#"{"a"#, 1, says: "unterminated", "unterminated key"),
        Rejected(#"{"a":"x\"#, 5, says: "unterminated", "backslash at the end of the line"),
        Rejected(#"{"a":1}x"#, 7, "junk after the object"),
        Rejected(#"{"a":1} x"#, 8, "junk after spaces after the object"),
        Rejected(#"{"a":1},"#, 7, "comma after the object"),
        Rejected(#"{"a":1}}"#, 7, "extra closing brace"),
        Rejected(#"{"a":1}{"b":2}"#, 7, "two objects"),
        Rejected(#"{"a":1} {"b":2}"#, 8, "two objects with a space"),
        Rejected("{\"a\":1}\r{\"b\":2}", 8, "two objects joined by a bare CR"),
        Rejected(#"{"a":True}"#, 5, "True"),
        Rejected(#"{"a":tru}"#, 5, "truncated true"),
        Rejected(#"{"a":nul}"#, 5, "truncated null"),
        Rejected(#"{"a":nulll}"#, 9, "null plus a letter"),
        Rejected(#"{"a":falsey}"#, 10, "false plus a letter"),
        Rejected(#"{"a":undefined}"#, 5, "undefined"),
        Rejected(#"{"a":NaN}"#, 5, "NaN"),
        Rejected(#"{"a":Infinity}"#, 5, "Infinity"),
        Rejected(#"{"a":-Infinity}"#, 6, "-Infinity"),
    ]

    static let numbers: [Rejected] = [
        Rejected(#"{"a":01}"#, 6, "leading zero"),
        Rejected(#"{"a":00}"#, 6, "two zeros"),
        Rejected(#"{"a":-01}"#, 7, "negative leading zero"),
        Rejected(#"{"a":1.}"#, 7, "no digit after the point"),
        Rejected(#"{"a":1.e5}"#, 7, "exponent right after the point"),
        Rejected(#"{"a":.5}"#, 5, "no digit before the point"),
        Rejected(#"{"a":-}"#, 6, "a minus alone"),
        Rejected(#"{"a":--1}"#, 6, "two minus signs"),
        Rejected(#"{"a":+1}"#, 5, "a plus sign"),
        Rejected(#"{"a":1e}"#, 7, "exponent without digits"),
        Rejected(#"{"a":1e+}"#, 8, "signed exponent without digits"),
        Rejected(#"{"a":1E-}"#, 8, "capital E, minus, no digits"),
        Rejected(#"{"a":1.5.2}"#, 8, "two points"),
        Rejected(#"{"a":0x1F}"#, 6, "hexadecimal"),
        Rejected(#"{"a":1_000}"#, 6, "digit separator"),
        Rejected(#"{"a":1,5}"#, 7, "decimal comma"),
    ]

    static let strings: [Rejected] = [
        Rejected(bytes: inString([0x00]), 6, says: "control", "raw NUL"),
        Rejected(bytes: inString([0x01]), 6, says: "control", "raw U+0001"),
        Rejected(bytes: inString([0x09]), 6, says: "control", "raw tab"),
        Rejected(bytes: inString([0x0A]), 6, says: "control", "raw line feed"),
        Rejected(bytes: inString([0x0D]), 6, says: "control", "raw carriage return"),
        Rejected(bytes: inString([0x1F]), 6, says: "control", "raw U+001F"),
        Rejected(bytes: inString(Array("plain text long enough for eight-byte steps".utf8) + [0x0C]), 6 + 43, says: "control",
                 "raw form feed after a long ASCII run"),
        Rejected(bytes: Array(#"{""#.utf8) + [0x01] + Array(#"":1}"#.utf8), 2, says: "control", "raw control character in a key"),
        Rejected(#"{"a":"\x"}"#, 6, says: "escape", "\\x"),
        Rejected(#"{"a":"\'"}"#, 6, says: "escape", "\\'"),
        Rejected(#"{"a":"\a"}"#, 6, says: "escape", "\\a"),
        Rejected(#"{"a":"\0"}"#, 6, says: "escape", "\\0"),
        Rejected(#"{"a":"\ "}"#, 6, says: "escape", "backslash space"),
        Rejected(#"{"a":"\U0041"}"#, 6, says: "escape", "\\U"),
        Rejected(#"{"a":"\u12"}"#, 6, says: "escape", "\\u with two digits"),
        Rejected(#"{"a":"\u12G4"}"#, 6, says: "escape", "\\u with a non-hex digit"),
        Rejected(#"{"a":"\u"#, 6, says: "escape", "\\u at the end of the line"),
        Rejected(#"{"a":"ok\u00e9 \uD83D\u"}"#, 21, says: "escape", "a bad \\u after good ones"),
        Rejected(#"{"\q":1}"#, 2, says: "escape", "bad escape in a key"),
    ]

    static let badUTF8: [Rejected] = [
        Rejected(bytes: inString([0xFF]), 6, says: "UTF-8", "0xFF"),
        Rejected(bytes: inString([0xFE]), 6, says: "UTF-8", "0xFE"),
        Rejected(bytes: inString([0x80]), 6, says: "UTF-8", "a stray continuation byte"),
        Rejected(bytes: inString([0x61, 0xBF]), 7, says: "UTF-8", "a stray continuation byte after ASCII"),
        Rejected(bytes: inString([0xC0, 0x80]), 6, says: "UTF-8", "overlong NUL"),
        Rejected(bytes: inString([0xC1, 0xBF]), 6, says: "UTF-8", "overlong 2-byte U+007F"),
        Rejected(bytes: inString([0xE0, 0x80, 0xAF]), 6, says: "UTF-8", "overlong 3-byte"),
        Rejected(bytes: inString([0xE0, 0x9F, 0xBF]), 6, says: "UTF-8", "overlong 3-byte U+07FF"),
        Rejected(bytes: inString([0xF0, 0x80, 0x80, 0xAF]), 6, says: "UTF-8", "overlong 4-byte"),
        Rejected(bytes: inString([0xF0, 0x8F, 0xBF, 0xBF]), 6, says: "UTF-8", "overlong 4-byte U+FFFF"),
        Rejected(bytes: inString([0xED, 0xA0, 0x80]), 6, says: "UTF-8", "CESU-8 surrogate U+D800"),
        Rejected(bytes: inString([0xED, 0xBF, 0xBF]), 6, says: "UTF-8", "surrogate U+DFFF"),
        Rejected(bytes: inString([0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]), 6, says: "UTF-8", "CESU-8 pair for U+1F600"),
        Rejected(bytes: inString([0xF4, 0x90, 0x80, 0x80]), 6, says: "UTF-8", "U+110000, above U+10FFFF"),
        Rejected(bytes: inString([0xF5, 0x80, 0x80, 0x80]), 6, says: "UTF-8", "lead byte 0xF5"),
        Rejected(bytes: inString([0xF8, 0x88, 0x80, 0x80, 0x80]), 6, says: "UTF-8", "5-byte form"),
        Rejected(bytes: inString([0xC3]), 6, says: "UTF-8", "truncated 2-byte before the quote"),
        Rejected(bytes: inString([0xE2, 0x82]), 6, says: "UTF-8", "truncated 3-byte"),
        Rejected(bytes: inString([0xF0, 0x9F, 0x98]), 6, says: "UTF-8", "truncated 4-byte"),
        Rejected(bytes: inString([0xE2, 0x41, 0x82]), 6, says: "UTF-8", "3-byte lead, ASCII, continuation"),
        Rejected(bytes: inString(Array("caf".utf8) + [0xE9] + Array(" au lait".utf8)), 9, says: "UTF-8", "Latin-1 é"),
        Rejected(bytes: Array(#"{"a":""#.utf8) + [0xC3], 6, says: "UTF-8", "a lead byte at the end of the line"),
        Rejected(bytes: Array(#"{""#.utf8) + [0xFF] + Array(#"":1}"#.utf8), 2, says: "UTF-8", "in a key"),
        Rejected(bytes: Array(#"{"a":1}"#.utf8) + [0xFF], 7, says: "UTF-8", "after the object"),
        Rejected(bytes: Array(#"{"a":"#.utf8) + [0xC3, 0xA9] + Array("}".utf8), 5, "valid UTF-8 outside a string"),
        Rejected(bytes: Array(#"{"a":"#.utf8) + [0xFF] + Array("}".utf8), 5, says: "UTF-8", "invalid UTF-8 outside a string"),
    ]

    @Test(arguments: notAnObject + syntax)
    func notJSONObjects(_ c: Rejected) {
        check(c)
    }

    @Test(arguments: numbers)
    func badNumbers(_ c: Rejected) {
        check(c)
    }

    @Test(arguments: strings)
    func badStrings(_ c: Rejected) {
        check(c)
    }

    @Test(arguments: badUTF8)
    func invalidUTF8(_ c: Rejected) {
        check(c)
    }

    private func check(_ c: Rejected) {
        guard let error = scanError(c.line) else {
            Issue.record("accepted \(c)")
            return
        }
        #expect(error.offset == c.offset, "\(error)")
        #expect(!error.message.isEmpty)
        if let word = c.says { #expect(error.message.contains(word), "\(error)") }
        // Messages count bytes from 1, as editors count columns.
        #expect(error.description.hasSuffix("at byte \(c.offset + 1)"), "\(error)")
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        // The record object counts as one level: maxDepth - 1 arrays inside it.
        let inner = JSONLineScanner.maxDepth - 1
        let line = #"{"a":"# + String(repeating: "[", count: inner) + String(repeating: "]", count: inner) + "}"
        let members = try membersOf(utf8(line))
        #expect(members.count == 1)
        // maxDepth objects, the record's own included.
        let depth = JSONLineScanner.maxDepth
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(scanError(utf8(objects)) == nil)
    }

    @Test func nestingBeyondTheLimitIsRejected() throws {
        let depth = JSONLineScanner.maxDepth
        let line = #"{"a":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        let error = try #require(scanError(utf8(line)))
        // The '[' that would make depth + 1 levels: after `{"a":` (5 bytes) and depth - 1 brackets.
        #expect(error.offset == 5 + depth - 1)
        #expect(error.message.contains("nesting"))
    }

    @Test func nesting100000DeepIsRejectedWithoutRecursion() throws {
        let line = #"{"a":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let error = try #require(scanError(utf8(line)))
        #expect(error.message.contains("nesting"))
        let objects = String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        #expect(scanError(utf8(objects)) != nil)
    }

    @Test func nesting100DeepIsAccepted() {
        let line = #"{"a":"# + String(repeating: #"{"b":["#, count: 50) + "0" + String(repeating: "]}", count: 50) + "}"
        #expect(scanError(utf8(line)) == nil)
    }
}

@Suite struct JSONScannerAccepts {
    @Test func everyKindOfValue() throws {
        let line = #"{"s":"x","n":-0.5e+10,"t":true,"f":false,"z":null,"o":{"k":[1,{"d":[]}]},"a":[],"e":{}}"#
        let members = try membersOf(utf8(line))
        #expect(members.map(\.key) == ["s", "n", "t", "f", "z", "o", "a", "e"])
        #expect(members.map(\.value) == [#""x""#, "-0.5e+10", "true", "false", "null", #"{"k":[1,{"d":[]}]}"#, "[]", "{}"])
        #expect(try scanned(utf8(line)).closingBrace == line.utf8.count - 1)
    }

    @Test func emptyObjects() throws {
        #expect(try membersOf(utf8("{}")).isEmpty)
        #expect(try membersOf(utf8("  {  }  ")).isEmpty)
        #expect(try scanned(utf8("  {  }  ")).closingBrace == 5)
    }

    @Test func whiteSpaceEverywhere() throws {
        // JSON white space is space, tab, CR and LF, before and after every token.
        let line = " \t{ \"a\" \t:\r\n 1 ,\n\"b\" : [ ] , \"c\":{ } }\r\t "
        let members = try membersOf(utf8(line))
        #expect(members.map(\.key) == ["a", "b", "c"])
        #expect(members.map(\.value) == ["1", "[ ]", "{ }"])
        #expect(try scanned(utf8(line)).closingBrace == byteOffset(of: "}\r", in: line))
    }

    @Test func onlyTopLevelMembersAreRecorded() throws {
        // "text" decoys nested in an object, an array and a string.
        let line = #"{"o":{"text":"no"},"l":[{"text":"no"}],"s":"\"text\":\"no\"","text":"yes"}"#
        let members = try membersOf(utf8(line))
        #expect(members.map(\.key) == ["o", "l", "s", "text"])
        #expect(members.last?.value == #""yes""#)
    }

    @Test func duplicateKeysAreAllRecorded() throws {
        let members = try membersOf(utf8(#"{"text":"a","text":"b"}"#))
        #expect(members.map(\.value) == [#""a""#, #""b""#])
    }

    @Test func escapeFlags() throws {
        let line = utf8(#"{"plain":"x","te\u0078t":"a\nb","k":"\\"}"#)
        let members = try scanned(line).members.array
        #expect(members.map(\.keyHasEscapes) == [false, true, false])
        #expect(members.map(\.valueHasEscapes) == [false, true, true])
        let wanted = bytes("text")
        #expect(members.map { $0.keyEquals(wanted, in: bytes(line)) } == [false, true, false])
    }

    static let numbers = [
        "0", "-0", "1", "-1", "10", "1.5", "-0.0", "0e0", "0E+0", "1e-5", "1E5", "123.456e-789",
        "1e400", "-1e400", "1234567890123456789012345678901234567890", "-0.000001", "9007199254740993",
    ]

    @Test(arguments: numbers)
    func validNumbers(_ n: String) throws {
        let members = try membersOf(utf8(#"{"n":"# + n + #","m":["# + n + "]}"))
        #expect(members.map(\.value) == [n, "[" + n + "]"])
    }

    @Test func everyEscapeIsAccepted() throws {
        let value = #""\"\\\/\b\f\n\r\t\u0041\u00e9\u00E9\ud83d\ude00\uD83D\uDE00\u0000\ud800\udc00x\uDBFF""#
        let members = try membersOf(utf8(#"{"e":"# + value + "}"))
        #expect(members.map(\.value) == [value])
    }

    static let validUTF8: [[UInt8]] = [
        [0x7F],  // DEL is not a control character in JSON
        [0xC2, 0x80], [0xDF, 0xBF],  // U+0080, U+07FF
        [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF],  // U+0800, U+D7FF, U+E000, U+FFFF
        [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],  // U+10000, U+10FFFF
        Array("e\u{301} 東京 👨‍👩‍👧‍👦 🇫🇷 \u{2028}\u{2029}\u{85}".utf8),
    ]

    @Test(arguments: validUTF8)
    func validUTF8InStrings(_ b: [UInt8]) throws {
        #expect(scanError(inString(b)) == nil)
        // The same bytes as a key.
        #expect(scanError(Array(#"{""#.utf8) + b + Array(#"":1}"#.utf8)) == nil)
        // And after a long ASCII run, where the scanner skips eight bytes at a time.
        #expect(scanError(inString(Array("0123456789abcdef0123".utf8) + b + Array("tail".utf8))) == nil)
    }

    @Test func aScannerIsReusable() throws {
        var scanner = JSONLineScanner()
        try scanner.scan(bytes(#"{"a":1,"b":2,"c":3}"#))
        #expect(scanner.members.count == 3)
        #expect(throws: JSONSyntaxError.self) { try scanner.scan(bytes("{")) }
        try scanner.scan(bytes(#"{"z":[]}"#))
        #expect(scanner.members.count == 1)
        #expect(scanner.closingBrace == 7)
    }
}

@Suite struct FirstInvalidUTF8Tests {
    static let cases: [([UInt8], Int?)] = [
        ([], nil),
        (Array("plain ASCII text, long enough".utf8), nil),
        (Array("é東😀".utf8), nil),
        (Array("abcdefghijklmnop".utf8) + [0xFF], 16),
        ([0x61, 0xC3], 1),
        ([0xED, 0xA0, 0x80], 0),
        (Array("東京".utf8) + [0x80], 6),
        ([0xF4, 0x90, 0x80, 0x80], 0),
    ]

    @Test(arguments: cases)
    func firstInvalid(_ input: [UInt8], _ expected: Int?) {
        #expect(firstInvalidUTF8(bytes(input)) == expected)
    }
}

@Suite struct JSONStringDecoderTests {
    /// The inside of a JSON string as written, and the text it stands for.
    static let cases: [(raw: String, text: String)] = [
        ("", ""),
        ("plain", "plain"),
        (#"\""#, "\""),
        (#"\\"#, "\\"),
        (#"\/"#, "/"),
        (#"\b\f\n\r\t"#, "\u{8}\u{C}\n\r\t"),
        (#"\u0041\u00e9\u00E9\u20ac"#, "Aéé€"),
        (#"\ud83d\ude00"#, "😀"),
        (#"\uD83D\uDE00"#, "😀"),
        (#"\u0000"#, "\u{0}"),
        (#"\u001f\u007f"#, "\u{1F}\u{7F}"),
        (#"\u2028\u2029"#, "\u{2028}\u{2029}"),
        (#"\\u0041"#, "\\u0041"),
        (#"é\té"#, "é\té"),
        (#"a\"b\\c"#, "a\"b\\c"),
        (#"\"text\": \"x\""#, "\"text\": \"x\""),
        // Lone or reversed surrogates become U+FFFD: one code point each, as
        // Python keeps one (lone) code point for each, so offsets agree.
        (#"\ud800"#, "\u{FFFD}"),
        (#"\udc00"#, "\u{FFFD}"),
        (#"\udc00\ud800"#, "\u{FFFD}\u{FFFD}"),
        (#"\ud800\u0041"#, "\u{FFFD}A"),
        (#"\ud800x"#, "\u{FFFD}x"),
        (#"\ud800\n"#, "\u{FFFD}\n"),
        (#"\ud800\ud83d\ude00"#, "\u{FFFD}😀"),
        (#"\ud83d"#, "\u{FFFD}"),
        (#"x\uDBFF\uDFFFy"#, "x\u{10FFFF}y"),
        (String(repeating: "x", count: 5_000) + #"\n"#, String(repeating: "x", count: 5_000) + "\n"),
        (#"\n"# + String(repeating: "é", count: 3_000), "\n" + String(repeating: "é", count: 3_000)),
    ]

    @Test(arguments: cases)
    func decodes(_ raw: String, _ text: String) {
        var out: [UInt8] = [0x2A]  // decoding appends
        JSONStringDecoder.decode(bytes(raw), into: &out)
        #expect(out == [0x2A] + Array(text.utf8))
    }

    @Test(arguments: cases)
    func decodedTextIsWhatTheAnnotatorSees(_ raw: String, _ text: String) {
        // A digit after the text: its code-point offset is the text's length in code points.
        let (outcome, output) = process(#"{"text":""# + raw + #"7"}"#)
        #expect(outcome.isDone)
        let n = text.unicodeScalars.count
        let expected = #","numbers":[{"start":\#(n),"end":\#(n + 1),"text":"7"}]}"#
        #expect(String(decoding: output, as: UTF8.self).hasSuffix(expected + "\n") || text.contains(where: \.isNumber))
    }
}
