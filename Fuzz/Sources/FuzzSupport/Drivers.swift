import CFuzzDriver
#if canImport(Glibc)
import Glibc
#endif
@testable import NewsCore

/// Hands `body` to libFuzzer as the test function and runs it with the
/// process's arguments (`-max_total_time=60 CORPUS_DIR …`).
public func runFuzzer(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    newsfiltersSetFuzzCallback(body)
    exit(LLVMFuzzerRunDriver(&argc, &argv, body))
}

/// The fuzz input split into what it drives. Byte 0 chooses: bit 0 set, the
/// rest is text (made valid UTF-8, U+FFFD for bad bytes) wrapped in a record;
/// clear, the rest up to a newline is the line itself, arbitrary bytes.
/// `(byte 0 >> 1) % 3` picks the offset unit. The empty input is an empty line.
public struct FuzzInput {
    public let line: [UInt8]
    public let unit: OffsetUnit
    public let wrapped: Bool

    /// A line given as is.
    public init(line: [UInt8], unit: OffsetUnit) {
        self.line = line
        self.unit = unit
        wrapped = false
    }

    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        guard let control = bytes.first else {
            line = []
            unit = .codepoint
            wrapped = false
            return
        }
        unit = fuzzUnit(control >> 1)
        wrapped = control & 1 == 1
        let payload = bytes[1...]
        if wrapped {
            let text = String(decoding: payload, as: UTF8.self)
            var w = JSONWriter()
            w.beginObject()
            w.key("id"); w.string("fuzz")
            w.key("text"); w.string(text)
            w.endObject()
            line = w.bytes
        } else {
            // A line as the reader gives it: up to its newline, which it never holds.
            line = Array(payload.prefix { $0 != 0x0A })
        }
    }
}

/// Caches one harness per offset unit: tools compile their patterns once.
public final class HarnessCache<T: RecordTransform> {
    private var harnesses: [OffsetUnit: LineHarness<T>] = [:]
    private let make: () -> T

    public init(_ make: @escaping () -> T) { self.make = make }

    /// Makes the harness for every unit now, before fuzzing: what a tool
    /// allocates once at start-up is then not charged to the first input by
    /// LeakSanitizer.
    public func warmUp() {
        for unit in OffsetUnit.allCases { with(unit) { _ in } }
    }

    public func with<R>(_ unit: OffsetUnit, _ body: (inout LineHarness<T>) -> R) -> R {
        var h = harnesses.removeValue(forKey: unit) ?? LineHarness(make(), unit: unit)
        defer { harnesses[unit] = h }
        return body(&h)
    }
}

/// One harness per offset unit for an annotator, wrapped as the core wraps it
/// (`AnnotatorTransform`: its value spliced into the line).
public final class AnnotatorCache<A: Annotator> {
    let inner: HarnessCache<AnnotatorTransform>

    public init(_ make: @escaping () -> A) {
        inner = HarnessCache { AnnotatorTransform(make()) }
    }

    /// See `HarnessCache.warmUp`.
    public func warmUp() { inner.warmUp() }
}

/// One fuzz input through an annotator: every shared check, then
/// `elementProblem` on each element of the annotation (nil when it is fine),
/// then the output line annotated again must come out the same. With
/// `ordered`, the elements must be in text order (by start).
public func fuzzAnnotatorOnce<A: Annotator>(
    _ input: FuzzInput, cache: AnnotatorCache<A>, ordered: Bool = true,
    elementProblem: (JSON, TextUnits) -> String?
) {
    let line = input.line
    let field = A.field
    cache.inner.with(input.unit) { h in
        // (A refused valid record already failed inside; a degraded one is fine.)
        guard let (parsed, text, out) = h.runChecked(line) else { return }
        let elements = checkAnnotated(line: line, input: parsed, out: out, field: field)
        let units = TextUnits(text, unit: input.unit)
        var previousStart = Int.min
        for e in elements {
            if let problem = elementProblem(e, units) { fuzzFail("\(field): \(problem)", line) }
            if ordered, let s = e["start"]?.int {
                if s < previousStart { fuzzFail("\(field) not in text order", line) }
                previousStart = s
            }
        }
        if out.last != 0x0A { fuzzFail("output does not end in a newline", line) }
        // Annotating twice gives what annotating once gave: the same members and
        // values, and the same bytes. (White space before the closing brace was
        // once lost on the second run: see RobustnessTests' regression test.)
        let again = Array(out.dropLast())
        let (verdict, out2) = h.run(again)
        let againBody = Array(out2.dropLast())
        guard case .done = verdict, let twice = try? parseJSONLine(againBody),
            let m1 = try? parseJSONLine(again).members, let m2 = twice.members, m1.count == m2.count,
            zip(m1, m2).allSatisfy({ $0.key.utf8.elementsEqual($1.key.utf8) && again[$0.raw] == againBody[$1.raw] })
        else {
            fuzzFail("annotating the output again changed it: \(String(decoding: out2, as: UTF8.self).debugDescription)", line)
        }
        if out2 != out {
            fuzzFail("annotating the output again changed its bytes: \(String(decoding: out2, as: UTF8.self).debugDescription)", line)
        }
    }
}

/// One fuzz input through news-split's transform: every unit is a valid JSON
/// line whose text is its slice of the input text, trimmed, in order, not
/// overlapping; a text that is not blank gives at least one unit.
public func fuzzSplitOnce<T: RecordTransform>(_ input: FuzzInput, cache: HarnessCache<T>) {
    let line = input.line
    cache.with(input.unit) { h in
        guard let (_, text, out) = h.runChecked(line) else { return }
        let units = TextUnits(text, unit: input.unit)
        var previousEnd = 0
        var count = 0
        for unitLine in out.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            count += 1
            let parsed: JSON
            do {
                parsed = try parseJSONLine(Array(unitLine))
            } catch {
                fuzzFail("unit \(count) is not valid JSON (\(error)): \(String(decoding: unitLine, as: UTF8.self).debugDescription)", line)
            }
            if let problem = spanProblem(parsed, units, textIsSlice: true) { fuzzFail("unit \(count): \(problem)", line) }
            let start = parsed["start"]!.int!, end = parsed["end"]!.int!
            if start < previousEnd { fuzzFail("unit \(count) overlaps or goes back", line) }
            if start == end { fuzzFail("unit \(count) is empty", line) }
            previousEnd = end
            let t = parsed["text"]!.string!.unicodeScalars
            if let f = t.first, isPythonSpace(f) { fuzzFail("unit \(count) starts with white space", line) }
            if let l = t.last, isPythonSpace(l) { fuzzFail("unit \(count) ends with white space", line) }
            if parsed["doc"] == nil { fuzzFail("unit \(count) has no doc", line) }
        }
        if count == 0, text.unicodeScalars.contains(where: { !isPythonSpace($0) }) {
            fuzzFail("a text that is not blank gave no unit", line)
        }
    }
}
