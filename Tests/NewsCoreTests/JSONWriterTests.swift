import Testing
@testable import NewsCore

private func written(_ build: (inout JSONWriter) -> Void) -> String {
    var w = JSONWriter()
    build(&w)
    return String(decoding: w.bytes, as: UTF8.self)
}

private func escaped(_ text: String) -> String {
    var out: [UInt8] = []
    JSONWriter.appendEscaped(bytes(text), to: &out)
    return String(decoding: out, as: UTF8.self)
}

@Suite struct JSONWriterTests {
    /// A string and its JSON form as RFC 8259 writes it: `"` and `\` escaped,
    /// the control characters U+0000–U+001F escaped (short forms where JSON has one).
    static let escapes: [(String, String)] = [
        ("", #""""#),
        ("plain", #""plain""#),
        ("a\"b", #""a\"b""#),
        ("a\\b", #""a\\b""#),
        ("\\\"", #""\\\"""#),
        ("/", #""/""#),
        ("\n\r\t", #""\n\r\t""#),
        ("\u{8}\u{C}", #""\b\f""#),
        ("\u{0}", #""\u0000""#),
        ("\u{1}\u{1F}", #""\u0001\u001f""#),
        ("\u{B}", #""\u000b""#),
        ("\u{1B}[0m", #""\u001b[0m""#),
        // DEL and other non-ASCII characters are not escaped, not even
        // neighbours of the line separators (U+0084, U+2027, U+202A).
        ("\u{7F}", "\"\u{7F}\""),
        ("é東😀 e\u{301}", "\"é東😀 e\u{301}\""),
        ("\u{84}\u{2027}\u{202A}", "\"\u{84}\u{2027}\u{202A}\""),
        // NEL, U+2028 and U+2029 end lines for JavaScript and Python's
        // str.splitlines(): escaped so that a record stays on its line.
        ("\u{85}", #""\u0085""#),
        ("a\u{2028}b\u{2029}", #""a\u2028b\u2029""#),
        ("1234567\u{2028}", #""1234567\u2028""#),
        ("12345678\u{85}x", #""12345678\u0085x""#),
        ("a\"\n" + String(repeating: "x", count: 300) + "\u{1}", "\"a\\\"\\n" + String(repeating: "x", count: 300) + "\\u0001\""),
    ]

    @Test(arguments: escapes)
    func escaping(_ text: String, _ json: String) {
        #expect(escaped(text) == json)
        #expect(written { $0.string(text) } == json)
        #expect(written { $0.string(bytes(text)) } == json)
    }

    @Test func lineSeparatorsRoundTrip() {
        for scalar in ["\u{85}", "\u{2028}", "\u{2029}"] {
            let out = escaped("a" + scalar + "b")
            var decoded: [UInt8] = []
            JSONStringDecoder.decode(bytes(Array(out.utf8.dropFirst().dropLast())), into: &decoded)
            #expect(decoded == Array(("a" + scalar + "b").utf8))
            #expect(!out.unicodeScalars.contains { ["\u{85}", "\u{2028}", "\u{2029}", "\n", "\r"].contains($0) })
        }
    }

    @Test func everyASCIIByteRoundTrips() throws {
        // Each of the 128 ASCII characters alone and in a run: the writer's
        // string is valid JSON (the strict scanner accepts it), holds no raw
        // control byte, and decodes back to the same bytes.
        var all = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        all.append(all.joined())
        for s in all {
            let json = escaped(s)
            #expect(!json.utf8.contains { $0 < 0x20 }, "\(show(Array(s.utf8)))")
            let line = Array(#"{"s":"#.utf8) + Array(json.utf8) + [UInt8(ascii: "}")]
            var scanner = JSONLineScanner()
            try scanner.scan(bytes(line))
            let value = scanner.members[0].value
            var decoded: [UInt8] = []
            JSONStringDecoder.decode(bytes(Array(line[(value.lowerBound + 1)..<(value.upperBound - 1)])), into: &decoded)
            #expect(decoded == Array(s.utf8))
        }
    }

    @Test func commasAreInsertedWhereNeeded() {
        let out = written { w in
            w.beginArray()
            w.beginObject(); w.key("a"); w.int(1); w.key("b"); w.string("x"); w.endObject()
            w.beginObject(); w.key("c"); w.beginArray(); w.endArray(); w.key("d"); w.null(); w.endObject()
            w.beginArray(); w.int(1); w.int(2); w.beginArray(); w.endArray(); w.endArray()
            w.bool(true); w.bool(false)
            w.endArray()
        }
        #expect(out == #"[{"a":1,"b":"x"},{"c":[],"d":null},[1,2,[]],true,false]"#)
    }

    @Test func keysKnownAtRunTimeAreEscaped() {
        #expect(written { w in w.beginObject(); w.key(named: "a\"b"); w.int(1); w.key("c"); w.int(2); w.endObject() }
            == #"{"a\"b":1,"c":2}"#)
    }

    @Test func rawValuesAreCopied() {
        let out = written { w in
            w.beginArray(); w.rawValue(bytes("1e400")); w.rawValue(bytes(#"{"k":"\u00e9"}"#)); w.endArray()
        }
        #expect(out == #"[1e400,{"k":"\u00e9"}]"#)
    }

    static let ints: [(Int, String)] = [
        (0, "0"), (7, "7"), (-7, "-7"), (10, "10"), (1_000_000, "1000000"),
        (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808"),
    ]

    @Test(arguments: ints)
    func integers(_ value: Int, _ json: String) {
        #expect(written { $0.int(value) } == json)
    }

    static let doubleCases: [(Double, String)] = [
        (3.0, "3"), (-2.0, "-2"), (0.5, "0.5"), (-2.5, "-2.5"), (1.5e9, "1500000000"), (0.1, "0.1"),
        (.nan, "null"), (.infinity, "null"), (-.infinity, "null"),
    ]

    @Test(arguments: doubleCases)
    func doubles(_ value: Double, _ json: String) {
        #expect(written { $0.double(value) } == json)
    }

    @Test func bigAndSmallDoublesAreValidJSONThatReadsBack() throws {
        for value in [1e15, 1e20, -3.25e300, 1e-7, 123456789.125, 2.0.squareRoot()] {
            let json = written { $0.double(value) }
            var scanner = JSONLineScanner()
            try scanner.scan(bytes(#"{"n":"# + json + "}"))
            #expect(Double(json) == value, "\(json)")
        }
    }

    @Test func resetKeepsNothing() {
        var w = JSONWriter()
        w.beginArray(); w.int(1)
        w.reset()
        w.int(2)
        #expect(w.bytes == Array("2".utf8), "no comma left over from before the reset")
    }

    @Test func spanWritesStartEndAndText() {
        let text = bytes("😀 ab")
        var offsets = OffsetMap(text)
        let out = written { w in w.beginObject(); w.span(5..<7, of: text, offsets: &offsets); w.endObject() }
        #expect(out == #"{"start":2,"end":4,"text":"ab"}"#)
    }
}
