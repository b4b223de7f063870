import Dispatch
import Testing
@testable import NewsCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pipe that another thread fills with `input` in pieces of `piece`
/// bytes, then closes; `body` reads its other end. Waits for the writer.
private func throughPipe<R>(_ input: [UInt8], piece: Int, _ body: (Int32) throws -> R) throws -> R {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    let writeEnd = fds[1]
    let data = Shared(input)
    let done = DispatchSemaphore(value: 0)
    DispatchQueue(label: "writer").async {
        data.value.withUnsafeBytes { raw in
            var at = 0
            while at < raw.count {
                let n = write(writeEnd, raw.baseAddress! + at, min(piece, raw.count - at))
                if n < 0 { if errno == EINTR { continue } else { break } }
                at += n
            }
        }
        close(writeEnd)
        done.signal()
    }
    defer {
        close(fds[0])
        done.wait()
    }
    return try body(fds[0])
}

/// Reads `input` through a pipe in pieces of `piece` bytes; returns every
/// line and its line number.
private func readLines(_ input: [UInt8], piece: Int = 4093) throws -> [(line: [UInt8], number: Int)] {
    try throughPipe(input, piece: piece) { fd in
        let reader = LineReader(fd: fd)
        var lines: [([UInt8], Int)] = []
        while let line = try reader.nextLine() {
            lines.append((Array(line), reader.lineNumber))
        }
        return lines
    }
}

/// Reads `input` through a pipe in pieces of `piece` bytes with
/// `takeBlock`, keeping every block alive to the end (as --jobs does while
/// batches are in flight); returns the blocks' bytes.
private func readBlocks(_ input: [UInt8], piece: Int, limit: Int) throws -> [[UInt8]] {
    try throughPipe(input, piece: piece) { fd in
        let reader = LineReader(fd: fd)
        var blocks: [ByteBlock] = []
        while let block = try reader.takeBlock(limit: limit) { blocks.append(block) }
        return blocks.map { Array($0.bytes) }
    }
}

private func texts(_ lines: [(line: [UInt8], number: Int)]) -> [String] {
    lines.map { String(decoding: $0.line, as: UTF8.self) }
}

@Suite struct LineReaderTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Input bytes and the lines expected, worked out by hand.
    static let cases: [(name: String, input: [UInt8], lines: [String])] = [
        ("empty input", [], []),
        ("one line", Array("a\n".utf8), ["a"]),
        ("two lines", Array("a\nb\n".utf8), ["a", "b"]),
        ("no final newline", Array("a\nb".utf8), ["a", "b"]),
        ("a lone newline", Array("\n".utf8), [""]),
        ("CRLF", Array("a\r\nb\r\n".utf8), ["a", "b"]),
        ("CRLF and no final newline, last CR dropped", Array("a\r\nb\r".utf8), ["a", "b"]),
        ("one CR dropped, not two", Array("a\r\r\n".utf8), ["a\r"]),
        ("a CR inside a line stays", Array("a\rb\n".utf8), ["a\rb"]),
        ("BOM", bom + Array("a\nb\n".utf8), ["a", "b"]),
        ("BOM and CRLF", bom + Array("a\r\nb\r\n".utf8), ["a", "b"]),
        ("BOM alone on the first line", bom + Array("\nb\n".utf8), ["", "b"]),
        // The first line, unterminated, is the BOM: dropped, it leaves one
        // empty (blank, so skipped by the tools) line.
        ("BOM only", bom, [""]),
        ("a BOM after the start stays", Array("a\n".utf8) + bom + Array("b\n".utf8), ["a", "\u{FEFF}b"]),
        ("blank lines are returned (and counted)", Array("a\n\n \r\n\nb".utf8), ["a", "", " ", "", "b"]),
        ("U+2028 and U+0085 are not line ends", Array("a\u{2028}b\u{85}c\n".utf8), ["a\u{2028}b\u{85}c"]),
    ]

    @Test(arguments: cases.indices)
    func lines(_ index: Int) throws {
        let c = Self.cases[index]
        let lines = try readLines(c.input)
        #expect(texts(lines) == c.lines, "\(c.name)")
        #expect(lines.map(\.number) == Array((0..<c.lines.count).map { $0 + 1 }), "\(c.name)")
    }

    @Test(arguments: [1, 7, 4093, 65_536])
    func linesLongerThanTheBuffer(_ piece: Int) throws {
        // Lines of 1 byte to 4x the read size, written in pieces of `piece`
        // bytes so that line ends fall anywhere within a read.
        let chunk = LineReader.chunkSize
        let lengths = [1, chunk - 1, chunk, chunk + 1, 10, 4 * chunk + 3, 0, 3 * chunk / 2]
        var input: [UInt8] = []
        var expected: [[UInt8]] = []
        for (k, n) in lengths.enumerated() {
            let line = (0..<n).map { UInt8(ascii: "a") + UInt8(($0 + k) % 26) }
            expected.append(line)
            input += line + [0x0A]
        }
        // The last line without a newline, longer than the buffer.
        let last = [UInt8](repeating: UInt8(ascii: "z"), count: 2 * chunk + 5)
        expected.append(last)
        input += last
        if piece == 1 && input.count > 200_000 {
            // One byte per write() is slow; still exercise it on a shorter input.
            let short = Array(input.prefix(3_000))
            let shortLines = short.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            #expect(try readLines(short, piece: 1).map(\.line) == shortLines)
            return
        }
        let lines = try readLines(input, piece: piece)
        #expect(lines.count == expected.count)
        #expect(lines.map(\.line.count) == expected.map(\.count))
        #expect(lines.map(\.line) == expected)
    }

    @Test func readAllDropsTheBOMOnly() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let input = Self.bom + Array("a\r\nb\n\n".utf8)
        _ = input.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        let reader = LineReader(fd: fds[0])
        let all = try reader.readAll()
        close(fds[0])
        #expect(all == Array("a\r\nb\n\n".utf8))
    }

    @Test func anUnreadableDescriptorIsAnError() {
        let reader = LineReader(fd: -1)
        #expect(throws: IOError.self) { try reader.nextLine() }
    }

    @Test(.timeLimit(.minutes(1)))
    func aTwentyMegabyteLineThroughAPipe() throws {
        // The hostile set's giant record: one 20 MB line between two short ones.
        let giant = [UInt8](repeating: UInt8(ascii: "x"), count: 20_000_000)
        let input = Array("a\n".utf8) + giant + Array("\nb".utf8)
        let lines = try readLines(input, piece: 65_536)
        #expect(lines.map(\.line.count) == [1, 20_000_000, 1])
        #expect(lines.map(\.number) == [1, 2, 3])
        #expect(lines.count == 3 && lines[1].line == giant)
    }

    static let blank: [(String, Bool)] = [
        ("", true), (" ", true), ("\t \r", true), ("a", false), (" {} ", false), ("\u{A0}", false),
    ]

    @Test(arguments: blank)
    func blankLines(_ line: String, _ isBlankLine: Bool) {
        #expect(isBlank(bytes(line)) == isBlankLine)
    }
}

@Suite struct TakeBlockTests {
    /// Lines of 1 to 3,000 bytes, one of 700 KB (longer than any block or
    /// buffer), a BOM in front: blocks hold whole lines only, and together
    /// they are the input without its BOM, however the pipe cuts it.
    @Test(arguments: [(4093, 65_536), (65_536, 262_144), (1, 4_096)])
    func blocksAreWholeLinesAndAddUpToTheInput(piece: Int, limit: Int) throws {
        var body: [UInt8] = []
        for i in 0..<400 {
            let length = i == 200 ? 700_000 : 1 + (i * 7919) % 3_000
            body += Array(repeating: UInt8(ascii: "a") + UInt8(i % 26), count: length)
            body.append(0x0A)
        }
        body += Array("no newline at the end".utf8)
        let blocks = try readBlocks(LineReaderTests.bom + body, piece: piece, limit: limit)
        #expect(Array(blocks.joined()) == body)
        for block in blocks.dropLast() {
            #expect(block.last == 0x0A)
        }
        #expect(blocks.count > 2)
    }
}
