@testable import NewsCore

/// Bytes in memory of their own, never freed: a test process is short-lived,
/// and a plain pointer keeps the tests free of nested closures.
func bytes(_ data: [UInt8]) -> UnsafeBufferPointer<UInt8> {
    let p = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, data.count))
    _ = p.initialize(from: data)
    return UnsafeBufferPointer(rebasing: p[0..<data.count])
}

func bytes(_ text: String) -> UnsafeBufferPointer<UInt8> { bytes(Array(text.utf8)) }

/// `text` with `\u{…}` already resolved by Swift, as UTF-8, plus raw bytes appended.
func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The byte offset of the first occurrence of `needle` in `haystack`.
func byteOffset(of needle: String, in haystack: String) -> Int? {
    let h = Array(haystack.utf8), n = Array(needle.utf8)
    guard !n.isEmpty, n.count <= h.count else { return nil }
    for i in 0...(h.count - n.count) where Array(h[i..<(i + n.count)]) == n { return i }
    return nil
}

/// Shows bytes as text where they are printable, as \xNN elsewhere (for test names).
func show(_ b: [UInt8]) -> String {
    b.map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }
        .joined()
}

/// An annotator for tests: `numbers` holds one span per run of ASCII digits.
struct DigitRuns: Annotator {
    static let field = "numbers"

    mutating func annotate(
        _ text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap, into out: inout JSONWriter
    ) throws {
        out.beginArray()
        var i = 0
        while i < text.count {
            guard text[i] &- 0x30 < 10 else { i += 1; continue }
            let start = i
            while i < text.count, text[i] &- 0x30 < 10 { i += 1 }
            out.beginObject()
            out.span(start..<i, of: text, offsets: &offsets)
            out.endObject()
        }
        out.endArray()
    }
}

/// Runs one line through a `RecordProcessor` with the `DigitRuns` annotator.
func process(
    _ line: [UInt8], field: String = "text", unit: OffsetUnit = .codepoint
) -> (outcome: Outcome, output: [UInt8]) {
    var processor = RecordProcessor(transform: AnnotatorTransform(DigitRuns()), field: field, offsetUnit: unit)
    var out: [UInt8] = []
    let outcome = processor.process(bytes(line), source: "test", lineNumber: 1, into: &out)
    return (outcome, out)
}

func process(_ line: String, field: String = "text", unit: OffsetUnit = .codepoint) -> (outcome: Outcome, output: [UInt8]) {
    process(utf8(line), field: field, unit: unit)
}

extension Outcome {
    var isDone: Bool { if case .done = self { true } else { false } }
    var badMessage: String? { if case .bad(let m) = self { m } else { nil } }
    var degradedMessage: String? { if case .degraded(let m) = self { m } else { nil } }
}
