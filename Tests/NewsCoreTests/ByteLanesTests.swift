import Testing
@testable import NewsCore

@Suite struct ByteLanesTests {
    /// Every length from empty to past two blocks, a quote at every position
    /// (and none): the wide scan, the overlapping last block and the padded
    /// short range must all find the same first quote as a byte loop.
    @Test(arguments: 0...40)
    func firstIndexFindsTheFirstQuoteInEveryPlace(length: Int) {
        let quote = ByteLanes.splat(UInt8(ascii: "\""))
        for hitAt in [nil] + Array(0..<length) {
            for from in Set([0, 1, length / 2, max(0, length - 1), length]) where from <= length {
                var text = Array(repeating: UInt8(ascii: "x"), count: length)
                if let h = hitAt { text[h] = UInt8(ascii: "\"") }
                let expected = (from..<length).first { text[$0] == UInt8(ascii: "\"") } ?? length
                let found = text.withUnsafeBytes { raw in
                    ByteLanes.firstIndex(raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, from: from, to: length) {
                        $0 .== quote
                    }
                }
                #expect(found == expected, "length \(length), quote at \(String(describing: hitAt)), from \(from)")
            }
        }
    }

    @Test func controlOrNonASCIIFlagsExactlyTheBytesBelowSpaceAndAbove127() {
        let bytes: [UInt8] = [0x00, 0x0A, 0x1F, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0xC2, 0xE2, 0xFF, 0x61, 0x30, 0x22, 0x5C, 0x09]
        let v = bytes.withUnsafeBytes { ByteLanes.load($0.baseAddress!, 0) }
        let mask = ByteLanes.controlOrNonASCII(v)
        for (lane, b) in bytes.enumerated() {
            #expect(mask[lane] == (b < 0x20 || b >= 0x80), "byte \(b)")
        }
        #expect(ByteLanes.firstSet(mask, from: 3) == 7)
        #expect(ByteLanes.firstSet(mask, from: 11) == 15)
        #expect(ByteLanes.firstSet(ByteLanes.nonASCII(v), from: 11) == 16)
    }

    /// A byte of 0x80 or more anywhere (each place of texts of 0 to 70 bytes,
    /// past the 32- and 8-byte blocks and in the tail) makes a text not ASCII.
    @Test func isASCIISeesEveryByte() {
        for length in 0...70 {
            var text = [UInt8](repeating: UInt8(ascii: "z"), count: length)
            #expect(text.withUnsafeBufferPointer(ByteLanes.isASCII))
            for at in 0..<length {
                text[at] = 0xC3
                #expect(!text.withUnsafeBufferPointer(ByteLanes.isASCII), "0xC3 at \(at) of \(length)")
                text[at] = 0x7F
                #expect(text.withUnsafeBufferPointer(ByteLanes.isASCII), "0x7F at \(at) of \(length)")
                text[at] = UInt8(ascii: "z")
            }
        }
    }
}
