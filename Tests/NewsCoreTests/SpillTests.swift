import Foundation
import Testing
@testable import NewsCore

/// Giant records: output written out as it is made (single-threaded runs).
@Suite struct SpillTests {
    /// Writes one span object per character of the text, then optionally fails.
    struct EveryByte: Annotator {
        static let field = "spans"
        var failAtEnd = false
        mutating func annotate(_ text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap, into out: inout JSONWriter) throws {
            out.beginArray()
            for i in 0..<text.count {
                out.beginObject()
                out.key("start"); out.int(offsets(i))
                out.key("kind")
                if failAtEnd && i == text.count - 1 { throw CancellationError() }  // after a key: the value is missing
                out.string("x")
                out.endObject()
            }
            out.endArray()
        }
    }

    /// Runs `annotator` on a record whose text is `n` letters, collecting what is spilled.
    func run(_ annotator: any Annotator, letters n: Int) -> (Outcome, spilled: [UInt8], rest: [UInt8]) {
        let line = #"{"id":7,"text":""# + String(repeating: "a", count: n) + #"" }"#
        var processor = RecordProcessor(transform: AnnotatorTransform(annotator), field: "text", offsetUnit: .codepoint)
        var written: [UInt8] = []
        processor.spill = { bytes in
            written += bytes
            bytes.removeAll(keepingCapacity: true)
        }
        var out: [UInt8] = Array("{\"before\":1}\n".utf8)
        let outcome = processor.process(bytes(line), source: "t", lineNumber: 2, into: &out)
        return (outcome, written, out)
    }

    @Test func aGiantValueIsWrittenOutInPiecesThatJoinIntoTheSameLine() throws {
        // 60,000 spans of about 30 bytes: past the 1 MiB threshold.
        let (outcome, spilled, rest) = run(EveryByte(), letters: 60_000)
        #expect(outcome.isDone)
        #expect(!spilled.isEmpty, "nothing was spilled")
        #expect(spilled.starts(with: Array("{\"before\":1}\n".utf8)), "the buffered record goes out first")
        let lines = (spilled + rest).split(separator: 0x0A)
        #expect(lines.count == 2)
        let record = try #require(JSONSerialization.jsonObject(with: Data(lines[1])) as? [String: Any])
        #expect((record["spans"] as? [Any])?.count == 60_000)
        #expect(record["id"] as? Int == 7)
    }

    @Test func aFailureAfterASpillCompletesTheLineAndReportsIt() throws {
        let (outcome, spilled, rest) = run(EveryByte(failAtEnd: true), letters: 60_000)
        let message = try #require(outcome.degradedMessage)
        #expect(message.contains("cut short"))
        #expect(!spilled.isEmpty)
        let lines = (spilled + rest).split(separator: 0x0A)
        #expect(lines.count == 2)
        // Still one valid record: the dangling key got null, the containers were closed.
        let record = try #require(JSONSerialization.jsonObject(with: Data(lines[1])) as? [String: Any])
        let spans = try #require(record["spans"] as? [[String: Any]])
        #expect(spans.count == 60_000)
        #expect(spans.last?["kind"] is NSNull)
    }

    @Test func aFailureWithoutASpillLeavesTheOutputAsItWas() throws {
        let (outcome, spilled, rest) = run(EveryByte(failAtEnd: true), letters: 10)
        #expect(spilled.isEmpty)
        if case .bad = outcome {} else { Issue.record("expected a bad outcome, got \(outcome)") }
        #expect(rest == Array("{\"before\":1}\n".utf8))
    }

    /// Writes its elements a thousand at a time as one raw value, as an
    /// annotator with its own byte writer does (news-numbers).
    struct RawChunks: Annotator {
        static let field = "spans"
        mutating func annotate(_ text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap, into out: inout JSONWriter) throws {
            out.beginArray()
            var i = 0
            while i < text.count {
                let chunk = (i..<min(text.count, i + 1000)).map { #"{"start":\#($0)}"# }.joined(separator: ",")
                Array(chunk.utf8).withUnsafeBufferPointer { out.rawValue($0) }
                i += 1000
            }
            out.endArray()
        }
    }

    @Test func elementsWrittenAsRawValuesAreSpilledToo() throws {
        // 100,000 elements of about 15 bytes: past the 1 MiB threshold.
        let (outcome, spilled, rest) = run(RawChunks(), letters: 100_000)
        #expect(outcome.isDone)
        #expect(!spilled.isEmpty, "nothing was spilled")
        let lines = (spilled + rest).split(separator: 0x0A)
        #expect(lines.count == 2)
        let record = try #require(JSONSerialization.jsonObject(with: Data(lines[1])) as? [String: Any])
        let spans = try #require(record["spans"] as? [[String: Int]])
        #expect(spans.count == 100_000)
        #expect(spans.last?["start"] == 99_999)
    }
}
