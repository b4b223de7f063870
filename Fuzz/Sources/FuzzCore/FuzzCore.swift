// Fuzzes the core alone: the line reader (read(2) buffer, BOM, CR, lines of
// any length), the strict scanner against our own parser, text decoding, the
// offset map in all three units, the JSON writer and the splice, with a probe
// annotator whose spans cover words, the whole text and runs backwards.
import FuzzSupport
#if canImport(Glibc)
import Glibc
#endif
@testable import NewsCore

/// Marks a span on every word, the whole text, and the words again from the
/// last to the first (the offset map must go backwards too).
struct Probe: Annotator {
    static let field = "probe"

    mutating func annotate(
        _ text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap, into out: inout JSONWriter
    ) throws {
        var words: [Range<Int>] = []
        var i = 0
        while i < text.count && words.count < 64 {
            while i < text.count && text[i] == 0x20 { i += 1 }
            let start = i
            while i < text.count && text[i] != 0x20 { i += 1 }
            if start < i { words.append(start..<i) }
        }
        out.beginArray()
        for r in words + [0..<text.count] + words.reversed() {
            out.beginObject()
            out.span(r, of: text, offsets: &offsets)
            out.endObject()
        }
        out.endArray()
    }
}

nonisolated(unsafe) let cache = AnnotatorCache { Probe() }

/// The lines LineReader should return for `data`: split at LF, a BOM dropped
/// from the first, a CR dropped from each end, no empty last line after a final LF.
/// An unlinked temporary file the input is written to, for LineReader to read.
let scratch: Int32 = {
    var name = Array("/tmp/fuzzcore-XXXXXX".utf8CString)
    let fd = mkstemp(&name)
    unlink(name)
    return fd
}()

func expectedLines(_ data: [UInt8]) -> [[UInt8]] {
    var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    if data.last == 0x0A || data.isEmpty { lines.removeLast() }
    if !lines.isEmpty, lines[0].starts(with: [0xEF, 0xBB, 0xBF]) { lines[0].removeFirst(3) }
    return lines.map { $0.last == 0x0D ? Array($0.dropLast()) : $0 }
}

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let unit = fuzzUnit(bytes.first ?? 0)
    // The whole input through LineReader, from a memory file.
    ftruncate(scratch, 0)
    lseek(scratch, 0, SEEK_SET)
    bytes.withUnsafeBytes { _ = write(scratch, $0.baseAddress, $0.count) }
    lseek(scratch, 0, SEEK_SET)
    // A duplicate, so that the reader's own offset starts at 0 and closing it is harmless.
    let fd = dup(scratch)
    defer { close(fd) }
    let reader = LineReader(fd: fd)
    var got: [[UInt8]] = []
    do {
        while let line = try reader.nextLine() { got.append(Array(line)) }
    } catch {
        fuzzFail("read error \(error)", bytes)
    }
    if got != expectedLines(bytes) { fuzzFail("LineReader split the input wrongly", bytes) }
    for line in got where line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
        fuzzAnnotatorOnce(FuzzInput(line: line, unit: unit), cache: cache, ordered: false) { e, units in
            spanProblem(e, units, textIsSlice: true)
        }
    }
    // The same bytes as a text of their own, wrapped in a record.
    fuzzAnnotatorOnce(FuzzInput(data, size), cache: cache, ordered: false) { e, units in
        spanProblem(e, units, textIsSlice: true)
    }
    return 0
}

@main enum Main {
    static func main() {
        cache.warmUp()
        runFuzzer(fuzzOne)
    }
}
