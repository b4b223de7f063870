import Testing
@testable import NewsCore

/// A text, a piece of it, and where that piece starts in code points (as
/// Python's `str` indexes) and in UTF-16 units, worked out by hand below.
struct OffsetCase: Sendable, CustomStringConvertible {
    let text: String
    let needle: String
    let codepoint: Int
    let utf16: Int
    var description: String { "\(needle) in \(text)" }
}

@Suite struct OffsetTests {
    static let cases: [OffsetCase] = [
        // A ZWJ family: 4 people (1 code point, 2 UTF-16 units, 4 bytes each)
        // joined by 3 ZWJs (1, 1, 3): 7 code points, 11 units, 25 bytes; then " family ".
        OffsetCase(text: "👨‍👩‍👧‍👦 family 7", needle: "7", codepoint: 7 + 8, utf16: 11 + 8),
        // Flags: 2 regional indicators each (1 code point, 2 units, 4 bytes).
        OffsetCase(text: "🇫🇷 and 🇩🇪 9", needle: "9", codepoint: 2 + 5 + 2 + 1, utf16: 4 + 5 + 4 + 1),
        // A skin-tone modifier is a code point of its own: 👍 + 🏽.
        OffsetCase(text: "👍🏽 1", needle: "1", codepoint: 3, utf16: 5),
        // Combining acute accents (U+0301, 2 bytes) count as code points of their own.
        OffsetCase(text: "e\u{301}te\u{301} 3", needle: "3", codepoint: 6, utf16: 6),
        OffsetCase(text: "Ελλάδα 10", needle: "10", codepoint: 7, utf16: 7),
        // CJK: 3 bytes, 1 code point, 1 unit each.
        OffsetCase(text: "東京で5人", needle: "5", codepoint: 3, utf16: 3),
        OffsetCase(text: "東京で5人", needle: "人", codepoint: 4, utf16: 4),
        // ü (2 bytes) 😀 (4) 中 (3) space: 4 code points, 5 units.
        OffsetCase(text: "ü😀中 12", needle: "12", codepoint: 4, utf16: 5),
        // Devanagari: न म स ् त े, six code points (a virama and a vowel sign among them).
        OffsetCase(text: "नमस्ते 4", needle: "4", codepoint: 7, utf16: 7),
        // A character outside the BMP that is not an emoji: 𝔸 (U+1D538).
        OffsetCase(text: "𝔸𝔸 x", needle: "x", codepoint: 3, utf16: 5),
        OffsetCase(text: "plain ascii", needle: "ascii", codepoint: 6, utf16: 6),
    ]

    @Test(arguments: cases)
    func offsetsAgreeWithPython(_ c: OffsetCase) throws {
        let start = try #require(byteOffset(of: c.needle, in: c.text))
        let end = start + c.needle.utf8.count
        let text = bytes(c.text)
        let needleCodepoints = c.needle.unicodeScalars.count
        let needleUnits = c.needle.utf16.count

        var cp = OffsetMap(text)
        #expect(cp.unit == .codepoint, "code points are the default")
        #expect(cp(start) == c.codepoint)
        #expect(cp(end) == c.codepoint + needleCodepoints)

        var u16 = OffsetMap(text, unit: .utf16)
        #expect(u16(start) == c.utf16)
        #expect(u16(end) == c.utf16 + needleUnits)

        var u8 = OffsetMap(text, unit: .utf8)
        #expect(u8(start) == start)
        #expect(u8(end) == end)
    }

    @Test(arguments: cases, OffsetUnit.allCases)
    func offsetsThroughTheRecordProcessor(_ c: OffsetCase, _ unit: OffsetUnit) throws {
        // Only the cases whose needle is the text's one digit run.
        guard c.needle.allSatisfy(\.isASCII), c.needle.allSatisfy(\.isNumber),
              c.text.filter({ $0.isASCII && $0.isNumber }) == c.needle else { return }
        let start: Int
        switch unit {
        case .codepoint: start = c.codepoint
        case .utf16: start = c.utf16
        case .utf8: start = try #require(byteOffset(of: c.needle, in: c.text))
        }
        let (outcome, output) = process(#"{"text":""# + c.text + #""}"#, unit: unit)
        #expect(outcome.isDone)
        let field = #""numbers":[{"start":\#(start),"end":\#(start + c.needle.count),"text":"\#(c.needle)"}]"#
        #expect(String(decoding: output, as: UTF8.self).hasSuffix(field + "}\n"))
    }

    @Test func textsOfEveryLengthCountedEightBytesAtATime() {
        // Every prefix length 0...40 of a text mixing 1- to 4-byte characters,
        // so that the eight-byte steps and the byte-by-byte tail meet at
        // every alignment. Expected: the scalars of the prefix, counted by Swift.
        let text = "a😀bé中cd𝔸e\u{301}ü東f🇫🇷g"
        let utf8 = Array(text.utf8)
        var boundaries: [Int] = []  // byte offsets where a scalar starts, and the end
        var b = 0
        for s in text.unicodeScalars {
            boundaries.append(b)
            b += String(s).utf8.count
        }
        boundaries.append(b)
        for (k, byte) in boundaries.enumerated() {
            var cp = OffsetMap(bytes(utf8))
            #expect(cp(byte) == k, "byte \(byte)")
            let prefix = String(decoding: utf8[..<byte], as: UTF8.self)
            var u16 = OffsetMap(bytes(utf8), unit: .utf16)
            #expect(u16(byte) == prefix.utf16.count, "byte \(byte)")
        }
    }
}

@Suite struct OffsetMapOrderTests {
    /// "aé中😀" is 1 + 2 + 3 + 4 = 10 bytes, 4 code points, 1 + 1 + 1 + 2 = 5
    /// UTF-16 units. Repeated 2,000 times: 20,000 bytes, past four 4 KiB checkpoints.
    static let unit = "aé中😀"
    static let repeats = 2_000
    nonisolated(unsafe) static let text = bytes(String(repeating: unit, count: repeats))

    /// Character boundaries and the offsets they must map to: after k whole
    /// repeats and r more characters of the unit.
    static let boundaries: [(byte: Int, codepoint: Int, utf16: Int)] = {
        let within = [(0, 0, 0), (1, 1, 1), (3, 2, 2), (6, 3, 3)]
        var all: [(Int, Int, Int)] = []
        for k in 0..<repeats {
            for (b, c, u) in within { all.append((10 * k + b, 4 * k + c, 5 * k + u)) }
        }
        all.append((10 * repeats, 4 * repeats, 5 * repeats))
        return all
    }()

    static let orders: [String] = ["ascending", "descending", "zigzag across checkpoints", "random"]

    @Test(arguments: orders, [OffsetUnit.codepoint, .utf16])
    func anyOrderGivesTheSameOffsets(_ order: String, _ unit: OffsetUnit) {
        var queries = Array(Self.boundaries.indices)
        switch order {
        case "descending":
            queries.reverse()
        case "zigzag across checkpoints":
            // Around 4096 (a boundary: 409 repeats + "aé中"), 8192, 12288, 16384, back and forth.
            let near = Self.boundaries.indices.filter { i in
                let b = Self.boundaries[i].byte
                return [4096, 8192, 12288, 16384].contains { abs(b - $0) <= 12 }
            }
            queries = []
            for i in near.reversed() { queries.append(i); queries.append(near[0]); queries.append(near[near.count - 1]) }
            queries += [Self.boundaries.count - 1, 0, Self.boundaries.count / 2, 1]
        case "random":
            var rng = SplitMix(seed: 2026)
            queries.shuffle(using: &rng)
        default:
            break
        }
        var map = OffsetMap(Self.text, unit: unit)
        var wrong = 0
        for i in queries {
            let (byte, codepoint, utf16) = Self.boundaries[i]
            let expected = unit == .codepoint ? codepoint : utf16
            let got = map(byte)
            if got != expected {
                wrong += 1
                if wrong <= 5 { Issue.record("\(order) \(unit): byte \(byte) gave \(got), expected \(expected)") }
            }
        }
        #expect(wrong == 0)
    }

    @Test func theCheckpointBoundaryItself() {
        // Byte 4096 ends the 410th "aé中" (409 * 10 + 6): 409 * 4 + 3 code points.
        var map = OffsetMap(Self.text)
        #expect(map(20_000) == 8_000)
        #expect(map(4096) == 409 * 4 + 3)
        #expect(map(4090) == 409 * 4)
        #expect(map(4100) == 410 * 4)
        #expect(map(0) == 0)
        #expect(map(4096) == 409 * 4 + 3)
    }

    @Test(.timeLimit(.minutes(2)))
    func goingBackwardsStaysLinear() {
        // Ask for every 997th byte of a 10 MB text from the end to the start.
        // With checkpoints each answer walks at most 4 KiB, about three
        // forward passes in all; without them each answer would walk from the
        // start, some 5,000 passes. Compared with one forward pass over the
        // same text (the best of five runs each, interleaved), the ratio is
        // immune to cache sizes and to bursts of load on a shared machine.
        let n = 10_000_000
        let text = bytes([UInt8](repeating: UInt8(ascii: "a"), count: n))
        var forward = Duration.seconds(1_000), backward = Duration.seconds(1_000)
        for _ in 0..<5 {
            forward = min(forward, ContinuousClock().measure {
                var map = OffsetMap(text)
                #expect(map(n) == n)
            })
            backward = min(backward, ContinuousClock().measure {
                var map = OffsetMap(text)
                var sum = 0
                for byte in stride(from: n, through: 0, by: -997) { sum &+= map(byte) }
                #expect(sum > 0)
            })
        }
        #expect(backward <= forward * 30, "one forward pass: \(forward), backwards queries: \(backward)")
    }
}

/// A small deterministic generator, so a failing order can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct OffsetMapASCIITests {
    /// Told the text is ASCII, the map skips its walk; the offsets must be
    /// the ones the walk gives, in every unit.
    @Test(arguments: OffsetUnit.allCases)
    func anASCIITextCountsBytesInEveryUnit(_ unit: OffsetUnit) {
        let text = bytes("Officials said 1,200 people left on Tuesday. \"Enough,\" she said.\n\nMore later.")
        var walked = OffsetMap(text, unit: unit)
        var told = OffsetMap(text, unit: unit, ascii: true)
        #expect(told.countsBytes)
        #expect(walked.countsBytes == (unit == .utf8))
        for target in [0, 9, 44, 45, text.count - 1, text.count, 3] {
            #expect(told(target) == walked(target))
            #expect(told(target) == target)
        }
    }
}
