import Testing
@testable import NewsCore

@Suite struct TextJSONTests {
    /// Writes, for every word of the text and for the whole text, the stretch
    /// through `TextJSON` and through the escaper, one pair per line.
    struct BothWays: RecordTransform {
        var copied = false

        mutating func transform(_ record: Record, into out: inout [UInt8]) throws {
            copied = record.canonicalRawText != nil
            var ranges: [Range<Int>] = []
            var start = 0
            for i in 0...record.text.count where i == record.text.count || record.text[i] == 0x20 {
                ranges.append(start..<i)
                start = i + 1
            }
            // Forwards, then the whole text (back to 0), then backwards.
            ranges.append(0..<record.text.count)
            ranges += ranges.dropLast().reversed()
            var writer = record.textJSON()
            for r in ranges {
                writer.append(r, to: &out)
                out.append(0x01)  // never unescaped inside a JSON string
                JSONWriter.appendEscaped(UnsafeBufferPointer(rebasing: record.text[r]), to: &out)
                out.append(0x0A)
            }
        }
    }

    /// Each pair of strings the transform wrote for `line`, and whether the raw bytes were used.
    func pairs(_ line: String) throws -> (pairs: [(String, String)], copied: Bool) {
        var processor = RecordProcessor(transform: BothWays(), field: "text", offsetUnit: .codepoint)
        var out: [UInt8] = []
        let outcome = processor.process(bytes(line), source: "test", lineNumber: 1, into: &out)
        guard case .done = outcome else { throw TestFailure(description: "not processed: \(outcome)") }
        let lines = String(decoding: out, as: UTF8.self).split(separator: "\n")
        return (lines.map { l in
            let halves = l.split(separator: "\u{01}", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(halves[0]), String(halves.count > 1 ? halves[1] : ""))
        }, (processor.transform as! BothWays).copied)
    }

    @Test(arguments: [
        #"{"text":"He said \"no\".\nThen\tleft: C:\\temp."}"#,
        #"{"text":"Plain words only"}"#,
        #"{"id":7,"text":"\"Quoted\" \\\\ ends\\"}"#,
    ])
    func asciiWithShortEscapesIsCopiedAsTheEscaperWouldWriteIt(line: String) throws {
        let (pairs, copied) = try pairs(line)
        #expect(copied)
        for (a, b) in pairs { #expect(a == b) }
    }

    @Test(arguments: [
        #"{"text":"Caf\u00e9 \"open\"\nnow"}"#,
        #"{"text":"a\/b and c"}"#,
        "{\"text\":\"na\u{EF}ve \\\"x\\\" \u{2028}line\"}",
    ])
    func otherTextGoesThroughTheEscaper(line: String) throws {
        let (pairs, copied) = try pairs(line)
        #expect(!copied)
        for (a, b) in pairs { #expect(a == b) }
    }
}

struct TestFailure: Error, CustomStringConvertible { let description: String }
