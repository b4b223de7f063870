import Testing
@testable import NewsCore

@Suite struct ByteCursorTests {
    /// Writes through a cursor into room reserved on an array, as the tools do.
    func written(_ bound: Int, _ body: (inout ByteCursor) -> Void) -> String {
        var out: [UInt8] = Array(">".utf8)
        out.append(addingCapacity: bound) { span in
            span.withUnsafeMutableBufferPointer { buffer, count in
                let from = buffer.baseAddress! + count
                var c = ByteCursor(from)
                body(&c)
                count += c.written(from: from)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: [0, 7, 10, 99, 100, 123_456, -5, -10, Int.max, Int.min])
    func decimalsAsSwiftPrintsThem(_ n: Int) {
        #expect(written(40) { $0.literal(#""x":"#); $0.decimal(n) } == #">"x":"# + String(n))
    }

    @Test func stringsAreEscapedAsTheWriterEscapesThem() {
        let text = "Tab\there, \"quoted\", back\\slash, bell\u{7}, line\u{2028}end, café"
        var expected: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { JSONWriter.appendEscaped($0, to: &expected) }
        let got = Array(text.utf8).withUnsafeBufferPointer { utf8 in
            written(utf8.count * 6 + 2) { $0.string(utf8) }
        }
        #expect(got == ">" + String(decoding: expected, as: UTF8.self))
        #expect(got == #">"Tab\there, \"quoted\", back\\slash, bell\u0007, line\u2028end, café""#)
    }
}
