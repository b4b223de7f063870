#if canImport(Glibc)
import Glibc
#endif
@testable import NewsCore

/// Stops the fuzzer with a message and the input as Swift would print it:
/// libFuzzer then saves the input as a crash file.
public func fuzzFail(_ message: String, _ input: [UInt8]) -> Never {
    let shown = input.count <= 600 ? String(decoding: input, as: UTF8.self).debugDescription
        : String(decoding: input.prefix(600), as: UTF8.self).debugDescription + "…"
    let text = "INVARIANT FAILED: \(message)\ninput (\(input.count) bytes): \(shown)\n"
    var copy = text
    copy.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    abort()
}

/// The offset unit picked by a fuzz byte.
public func fuzzUnit(_ b: UInt8) -> OffsetUnit {
    switch b % 3 {
    case 0: return .codepoint
    case 1: return .utf8
    default: return .utf16
    }
}

/// A text seen by unit: how many units it has, which offsets are character
/// boundaries, and the slice between two offsets. Built from the text our own
/// parser decoded, not from anything the core computed.
public struct TextUnits {
    public let text: String
    public let unit: OffsetUnit
    /// scalarAt[k] = index of the scalar that starts at unit offset k, or -1
    /// inside a scalar; scalarAt[count] = number of scalars.
    private var scalarAt: [Int] = []
    private let scalars: [Unicode.Scalar]

    public init(_ text: String, unit: OffsetUnit) {
        self.text = text
        self.unit = unit
        scalars = Array(text.unicodeScalars)
        for (k, s) in scalars.enumerated() {
            let width: Int
            switch unit {
            case .codepoint: width = 1
            case .utf8: width = UTF8.width(s)
            case .utf16: width = UTF16.width(s)
            }
            scalarAt.append(k)
            for _ in 1..<max(width, 1) { scalarAt.append(-1) }
        }
        scalarAt.append(scalars.count)
    }

    /// The number of units in the text.
    public var count: Int { scalarAt.count - 1 }

    /// Whether `offset` lies inside the text on a code-point boundary.
    public func isBoundary(_ offset: Int) -> Bool {
        offset >= 0 && offset < scalarAt.count && scalarAt[offset] >= 0
    }

    /// The text between two boundary offsets.
    public func slice(_ start: Int, _ end: Int) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[scalarAt[start]..<scalarAt[end]])
        return String(v)
    }
}

/// Python's `str.isspace()`, which `check-hostile.py` uses for "no leading or
/// trailing white space": Unicode White_Space plus the separators U+001C–U+001F.
public func isPythonSpace(_ s: Unicode.Scalar) -> Bool {
    s.properties.isWhitespace || (0x1C...0x1F).contains(s.value)
}

/// Checks one `{"start","end",…}` span object against the text: both offsets
/// on boundaries inside the text, start ≤ end, and (when `textIsSlice`) its
/// `text` equal to the slice. Returns what is wrong, or nil.
public func spanProblem(_ object: JSON, _ units: TextUnits, textIsSlice: Bool) -> String? {
    guard let start = object["start"]?.int, let end = object["end"]?.int else {
        return "span without integer start/end: \(object)"
    }
    guard units.isBoundary(start), units.isBoundary(end) else {
        return "offset \(start)..<\(end) outside the text (\(units.count) \(units.unit) units) or inside a character"
    }
    guard start <= end else { return "start \(start) > end \(end)" }
    if textIsSlice {
        guard let text = object["text"]?.string else { return "span without text" }
        let slice = units.slice(start, end)
        guard text.utf8.elementsEqual(slice.utf8) else {
            return "text \(text.debugDescription) is not the slice \(start)..<\(end) = \(slice.debugDescription)"
        }
    }
    return nil
}

/// What became of one line in the processor, in a public shape.
public enum Verdict {
    case done
    case bad(String)
    case degraded(String)
}

/// One RecordProcessor (the core's per-thread line handler: scanner, text
/// decoding, transform, splice) with the checks every tool shares.
public struct LineHarness<T: RecordTransform> {
    private var processor: RecordProcessor
    public let textField: String
    public let unit: OffsetUnit

    public init(_ transform: T, textField: String = "text", unit: OffsetUnit) {
        processor = RecordProcessor(transform: transform, field: textField, offsetUnit: unit)
        self.textField = textField
        self.unit = unit
    }

    /// Runs `line` through the processor; returns the verdict and the bytes written.
    public mutating func run(_ line: [UInt8]) -> (Verdict, [UInt8]) {
        var out: [UInt8] = []
        let outcome = line.withUnsafeBufferPointer {
            processor.process($0, source: "fuzz", lineNumber: 1, into: &out)
        }
        switch outcome {
        case .done: return (.done, out)
        case .bad(let m): return (.bad(m), out)
        case .degraded(let m): return (.degraded(m), out)
        }
    }

    /// Runs `line` and checks what every tool owes any line: the scanner agrees
    /// with our parser, a bad line writes nothing, a degraded one is copied
    /// as is. Returns the parsed input and the output when the line was done.
    public mutating func runChecked(_ line: [UInt8]) -> (input: JSON, text: String, out: [UInt8])? {
        let parsed = try? parseJSONLine(line)
        let (verdict, out) = run(line)
        let text = parsed?[textField]?.string
        let processable = parsed?.members != nil && text != nil
        switch verdict {
        case .bad(let message):
            if processable {
                fuzzFail("a valid record was refused: \(message)", line)
            }
            if !out.isEmpty { fuzzFail("a bad line wrote output", line) }
            return nil
        case .degraded:
            if out != line + [0x0A] { fuzzFail("a degraded line was not passed through as is", line) }
            if !processable { fuzzFail("a line our parser refuses was degraded, not refused", line) }
            return nil
        case .done:
            guard let parsed, let text, processable else {
                fuzzFail("a line our parser refuses (or without a string text) was processed", line)
            }
            if !out.isEmpty && out.last != 0x0A { fuzzFail("output does not end in a newline", line) }
            return (parsed, text, out)
        }
    }
}

/// The checks for an annotator's output line: one line, valid JSON, the
/// input's members byte for byte in order with the field appended (an old
/// field of that name dropped), the input's bytes kept around it, and running
/// it again gives the same line. Returns the annotation's elements.
public func checkAnnotated(
    line: [UInt8], input: JSON, out: [UInt8], field: String
) -> [JSON] {
    let body = Array(out.dropLast())
    if body.contains(0x0A) { fuzzFail("an annotator wrote more than one line", line) }
    let parsed: JSON
    do {
        parsed = try parseJSONLine(body)
    } catch {
        fuzzFail("output is not valid JSON (\(error)): \(String(decoding: body, as: UTF8.self).debugDescription)", line)
    }
    guard let outMembers = parsed.members, let inMembers = input.members else {
        fuzzFail("output is not an object", line)
    }
    let isField = { (m: JSON.Member) in m.key.utf8.elementsEqual(field.utf8) }
    let kept = inMembers.filter { !isField($0) }
    guard outMembers.count == kept.count + 1, let last = outMembers.last, isField(last) else {
        fuzzFail("output members are not the input's plus \(field) last", line)
    }
    for (a, b) in zip(kept, outMembers) {
        guard a.key.utf8.elementsEqual(b.key.utf8), line[a.raw].elementsEqual(body[b.raw]) else {
            fuzzFail("member \(a.key.debugDescription) changed", line)
        }
    }
    if kept.count == inMembers.count {
        // No old field: the line is copied up to its closing brace, and from it on.
        var brace = line.count - 1
        while brace >= 0, line[brace] != UInt8(ascii: "}") { brace -= 1 }
        guard brace > 0, body.starts(with: line[..<brace]), body.reversed().starts(with: line[brace...].reversed())
        else { fuzzFail("the input bytes are not kept around the new field", line) }
    }
    guard let elements = last.value.array else { fuzzFail("\(field) is not an array", line) }
    return elements
}
