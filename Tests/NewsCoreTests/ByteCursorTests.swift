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

    @Test(arguments: [
        0, 7, 9, 10, 99, 100, 999, 1_000, 9_999, 10_000, 10_001, 99_999, 100_000, 123_456, 999_999,
        1_000_000, 9_999_999, 10_000_000, 20_050_301, 99_999_999, 100_000_000, 123_456_789, -5, -10, Int.max, Int.min,
    ])
    func decimalsAsSwiftPrintsThem(_ n: Int) {
        #expect(written(40) { $0.literal(#""x":"#); $0.decimal(n) } == #">"x":"# + String(n))
    }

    /// A decimal may store past its digits; what follows overwrites that.
    @Test func piecesAfterADecimalFollowItsLastDigit() {
        let got = written(100) { c in
            for n in [3, 40, 500, 6_000, 0] { c.decimal(n); c.byte(UInt8(ascii: ",")) }
            c.decimal(7)
        }
        #expect(got == ">3,40,500,6000,0,7")
    }

    @Test func aShortPieceIsWrittenAgain() {
        let got = written(60) { c in
            let digits = c.position
            c.decimal(4_096)
            let count = c.written(from: digits)
            c.literal(#","again":"#)
            c.short(digits, count: count)
            c.byte(UInt8(ascii: "}"))
        }
        #expect(got == #">4096,"again":4096}"#)
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
