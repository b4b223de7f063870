import Testing
import PCRE2
@testable import NewsCore

@Suite struct DegradedRecordTests {
    struct HitsALimit: Annotator {
        static let field = "numbers"
        mutating func annotate(_ text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap, into out: inout JSONWriter) throws {
            out.beginArray()
            throw PCRE2.Error(code: -47)  // PCRE2_ERROR_MATCHLIMIT
        }
    }

    @Test func aPatternLimitPassesTheLineThroughUnchanged() throws {
        var processor = RecordProcessor(transform: AnnotatorTransform(HitsALimit()), field: "text", offsetUnit: .codepoint)
        let line = #"{"text":"aaaa!", "id" : 1e400}"#
        var out: [UInt8] = Array("kept\n".utf8)
        let outcome = processor.process(bytes(line), source: "test", lineNumber: 1, into: &out)
        let message = try #require(outcome.degradedMessage)
        #expect(message.contains("limit"))
        #expect(out == Array("kept\n".utf8) + Array(line.utf8) + [0x0A])
    }

    @Test func aRealRunawayPatternIsCaught() throws {
        struct Runaway: Annotator {
            static let field = "numbers"
            let pattern: PCRE2.Pattern
            mutating func annotate(_ text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap, into out: inout JSONWriter) throws {
                var matcher = PCRE2.Matcher(pattern)
                out.beginArray()
                try matcher.forEachRange(in: text) { _ in true }
                out.endArray()
            }
        }
        let annotator = Runaway(pattern: try PCRE2.Pattern("(a+)+$"))
        var processor = RecordProcessor(transform: AnnotatorTransform(annotator), field: "text", offsetUnit: .codepoint)
        let line = #"{"text":""# + String(repeating: "a", count: 3_000) + #"!"}"#
        var out: [UInt8] = []
        let outcome = processor.process(bytes(line), source: "test", lineNumber: 1, into: &out)
        #expect(outcome.degradedMessage != nil)
        #expect(out == Array(line.utf8) + [0x0A])
    }
}
