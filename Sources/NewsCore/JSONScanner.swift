#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A top-level member of the record object: where its key and value lie in the line.
/// (Plain integers, not ranges, so that members gather in a `ScratchBuffer`.)
struct JSONMember: BitwiseCopyable {
    private let keyStart: Int, keyEnd: Int
    private let valueStart: Int, valueEnd: Int
    let keyHasEscapes: Bool
    /// For a string value: whether it holds escapes.
    let valueHasEscapes: Bool
    /// For a string value: whether it is all ASCII (escapes not decoded).
    let valueIsASCII: Bool
    /// For a string value: whether every escape in it is one `JSONWriter`
    /// also writes (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`; no `\u`, no `\/`),
    /// so that an ASCII value's raw bytes are already its canonical JSON.
    let valueEscapesAreShort: Bool

    init(
        key: Range<Int>, keyHasEscapes: Bool, value: Range<Int>, valueHasEscapes: Bool,
        valueIsASCII: Bool = false, valueEscapesAreShort: Bool = false
    ) {
        keyStart = key.lowerBound
        keyEnd = key.upperBound
        valueStart = value.lowerBound
        valueEnd = value.upperBound
        self.keyHasEscapes = keyHasEscapes
        self.valueHasEscapes = valueHasEscapes
        self.valueIsASCII = valueIsASCII
        self.valueEscapesAreShort = valueEscapesAreShort
    }

    /// The key's bytes between its quotes, escapes not decoded.
    var key: Range<Int> { keyStart..<keyEnd }
    /// The value's bytes, exactly as written.
    var value: Range<Int> { valueStart..<valueEnd }

    /// Whether the key, decoded, equals `wanted`.
    func keyEquals(_ wanted: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        if !keyHasEscapes {
            guard key.count == wanted.count else { return false }
            return memcmp(line.baseAddress! + key.lowerBound, wanted.baseAddress!, key.count) == 0
                || key.isEmpty
        }
        var decoded: [UInt8] = []
        JSONStringDecoder.decode(UnsafeBufferPointer(rebasing: line[key]), into: &decoded)
        return decoded.elementsEqual(wanted)
    }
}

/// Why a line is not a JSON object: a message and the 0-based byte offset.
public struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let offset: Int
    public var description: String { "\(message) at byte \(offset + 1)" }
}

/// Validates one line as a JSON object (RFC 8259, strict) and records where its
/// top-level members are, without building any value.
///
/// Strings are checked for raw control characters, bad escapes and invalid
/// UTF-8; numbers against the grammar; nesting of any depth is handled
/// without recursion. Runs of plain ASCII inside strings are skipped sixteen
/// bytes at a time or more (`ByteLanes`).
struct JSONLineScanner {
    private(set) var members = ScratchBuffer<JSONMember>(capacity: 16)
    /// The offset of the object's closing brace.
    private(set) var closingBrace = 0
    private var stack = ScratchBuffer<Bool>(capacity: 16)  // true: object, false: array
    // The top-level member being scanned.
    private var pendingKey = 0..<0
    private var pendingKeyEscapes = false
    private var pendingValueEscapes = false
    private var pendingValueASCII = false
    private var pendingValueShortEscapes = false
    private var valueStart = 0
    /// Deeper nesting is rejected: most JSON readers downstream (Python's
    /// among them) fail on it, so passing it on would only move the failure.
    static let maxDepth = 512

    mutating func scan(_ line: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        members.removeAll()
        stack.removeAll()
        let n = line.count
        var i = skipSpace(line, 0)
        guard i < n, line[i] == UInt8(ascii: "{") else {
            throw i < n
                ? error(line, i, expecting: "a JSON object")
                : JSONSyntaxError(message: "expected a JSON object, found the end of the line", offset: i)
        }
        i += 1
        stack.append(true)
        var first = true  // just after an opening bracket

        scanning: while true {
            i = skipSpace(line, i)
            guard i < n else { throw JSONSyntaxError(message: "unexpected end of line", offset: i) }
            let inObject = stack[stack.count - 1]
            if first, line[i] == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                // An empty container.
                i += 1
                stack.removeLast()
                if stack.isEmpty {
                    closingBrace = i - 1
                    break scanning
                }
                valueDone(end: i)
                if try afterValue(line, &i) { break scanning }
                first = false
                continue
            }
            if inObject {
                guard line[i] == UInt8(ascii: "\"") else { throw error(line, i, expecting: "a string key") }
                let key = try scanString(line, i)
                let end = key.end
                if stack.count == 1 {
                    pendingKey = (i + 1)..<(end - 1)
                    pendingKeyEscapes = key.escapes
                }
                i = skipSpace(line, end)
                guard i < n, line[i] == UInt8(ascii: ":") else { throw error(line, i, expecting: "':'") }
                i = skipSpace(line, i + 1)
                guard i < n else { throw JSONSyntaxError(message: "unexpected end of line", offset: i) }
            }
            if stack.count == 1 {
                valueStart = i
                pendingValueEscapes = false
                pendingValueASCII = false
                pendingValueShortEscapes = false
            }
            switch line[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard stack.count < JSONLineScanner.maxDepth else {
                    throw JSONSyntaxError(
                        message: "nesting deeper than \(JSONLineScanner.maxDepth) levels", offset: i)
                }
                stack.append(line[i] == UInt8(ascii: "{"))
                i += 1
                first = true
                continue scanning
            case UInt8(ascii: "\""):
                let value = try scanString(line, i)
                i = value.end
                if stack.count == 1 {
                    pendingValueEscapes = value.escapes
                    pendingValueASCII = value.ascii
                    pendingValueShortEscapes = value.shortEscapes
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                i = try scanNumber(line, i)
            case UInt8(ascii: "t"): i = try literal(line, i, "true")
            case UInt8(ascii: "f"): i = try literal(line, i, "false")
            case UInt8(ascii: "n"): i = try literal(line, i, "null")
            default: throw error(line, i, expecting: "a value")
            }
            valueDone(end: i)
            if try afterValue(line, &i) { break scanning }
            first = false
        }
        // Only white space may follow the object.
        let end = skipSpace(line, closingBrace + 1)
        if end < n { throw error(line, end, expecting: "the end of the line after the object") }
    }

    /// A value ended at `end`: if it belongs to a top-level member, record the member.
    private mutating func valueDone(end: Int) {
        guard stack.count == 1 else { return }
        members.append(JSONMember(
            key: pendingKey, keyHasEscapes: pendingKeyEscapes, value: valueStart..<end,
            valueHasEscapes: pendingValueEscapes, valueIsASCII: pendingValueASCII,
            valueEscapesAreShort: pendingValueShortEscapes))
    }

    /// After a value: a comma (returns false, ready for the next member or
    /// element) or closing brackets; returns true when the record object closed.
    private mutating func afterValue(_ line: UnsafeBufferPointer<UInt8>, _ i: inout Int) throws(JSONSyntaxError) -> Bool {
        while true {
            i = skipSpace(line, i)
            guard i < line.count else { throw JSONSyntaxError(message: "unexpected end of line", offset: i) }
            let inObject = stack[stack.count - 1]
            let c = line[i]
            if c == UInt8(ascii: ",") {
                i += 1
                return false
            }
            guard c == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                throw error(line, i, expecting: inObject ? "',' or '}'" : "',' or ']'")
            }
            i += 1
            stack.removeLast()
            if stack.isEmpty {
                closingBrace = i - 1
                return true
            }
            valueDone(end: i)
        }
    }

    private func skipSpace(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < line.count {
            switch line[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return i
            }
        }
        return i
    }

    private func literal(_ line: UnsafeBufferPointer<UInt8>, _ i: Int, _ word: StaticString) throws(JSONSyntaxError) -> Int {
        let n = word.utf8CodeUnitCount
        var ok = i + n <= line.count
        if ok {
            let w = word.utf8Start
            for k in 0..<n where line[i + k] != w[k] { ok = false; break }
        }
        guard ok else { throw error(line, i, expecting: "a value") }
        return i + n
    }

    private func scanNumber(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) throws(JSONSyntaxError) -> Int {
        var i = start
        let n = line.count
        @inline(__always) func isDigit(_ k: Int) -> Bool { k < n && line[k] &- 0x30 < 10 }
        if line[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { throw error(line, i, expecting: "a digit") }
        if line[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < n, line[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { throw error(line, i, expecting: "a digit after '.'") }
            while isDigit(i) { i += 1 }
        }
        if i < n, line[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < n, line[i] == UInt8(ascii: "+") || line[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { throw error(line, i, expecting: "a digit in the exponent") }
            while isDigit(i) { i += 1 }
        }
        return i
    }

    /// What scanning a string found.
    private struct ScannedString {
        /// The offset after the closing quote.
        var end = 0
        var escapes = false
        var ascii = true
        var shortEscapes = true
    }

    /// Scans the string starting at the quote `start`.
    private func scanString(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) throws(JSONSyntaxError) -> ScannedString {
        let n = line.count
        let base = UnsafeRawPointer(line.baseAddress!)
        var i = start + 1
        var found = ScannedString()
        let quote = ByteLanes.splat(0x22), backslash = ByteLanes.splat(0x5C)
        while true {
            // Skip plain bytes 16 at a time: to the first quote, backslash,
            // control or non-ASCII byte.
            i = ByteLanes.firstIndex(base, from: i, to: n) { v in
                ByteLanes.controlOrNonASCII(v) .| (v .== quote) .| (v .== backslash)
            }
            guard i < n else { throw JSONSyntaxError(message: "unterminated string", offset: start) }
            let b = line[i]
            if b == UInt8(ascii: "\"") {
                found.end = i + 1
                return found
            }
            if b == UInt8(ascii: "\\") {
                found.escapes = true
                guard i + 1 < n else { throw JSONSyntaxError(message: "unterminated string", offset: start) }
                switch line[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "/"):
                    found.shortEscapes = false
                    i += 2
                case UInt8(ascii: "u"):
                    found.shortEscapes = false
                    guard i + 6 <= n, (2..<6).allSatisfy({ hexValue(line[i + $0]) != nil }) else {
                        throw JSONSyntaxError(message: "invalid \\u escape", offset: i)
                    }
                    i += 6
                default:
                    throw JSONSyntaxError(message: "invalid escape '\\\(printable(line[i + 1]))'", offset: i)
                }
            } else if b < 0x20 {
                throw JSONSyntaxError(
                    message: "raw control character U+00\(hex2(b)) in a string (it must be escaped)", offset: i)
            } else if b < 0x80 {
                i += 1
            } else {
                let len = utf8SequenceLength(line, i)
                guard len > 0 else { throw JSONSyntaxError(message: "invalid UTF-8", offset: i) }
                found.ascii = false
                i += len
            }
        }
    }

    private func error(_ line: UnsafeBufferPointer<UInt8>, _ i: Int, expecting what: String) -> JSONSyntaxError {
        guard i < line.count else { return JSONSyntaxError(message: "unexpected end of line, expected \(what)", offset: i) }
        let b = line[i]
        if b >= 0x80 && utf8SequenceLength(line, i) == 0 {
            return JSONSyntaxError(message: "invalid UTF-8", offset: i)
        }
        return JSONSyntaxError(message: "unexpected '\(printable(b))', expected \(what)", offset: i)
    }
}

/// The length of the well-formed UTF-8 sequence at `i` (1–4), or 0 if it is
/// ill-formed (overlong, surrogate, above U+10FFFF, truncated, stray continuation).
@inline(__always)
func utf8SequenceLength(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let b0 = s[i]
    if b0 < 0x80 { return 1 }
    let n = s.count
    @inline(__always) func cont(_ k: Int) -> Bool { k < n && s[k] & 0xC0 == 0x80 }
    switch b0 {
    case 0xC2...0xDF:
        return cont(i + 1) ? 2 : 0
    case 0xE0...0xEF:
        guard i + 1 < n else { return 0 }
        let b1 = s[i + 1]
        let ok1 = b0 == 0xE0 ? (0xA0...0xBF).contains(b1) : b0 == 0xED ? (0x80...0x9F).contains(b1) : b1 & 0xC0 == 0x80
        return ok1 && cont(i + 2) ? 3 : 0
    case 0xF0...0xF4:
        guard i + 1 < n else { return 0 }
        let b1 = s[i + 1]
        let ok1 = b0 == 0xF0 ? (0x90...0xBF).contains(b1) : b0 == 0xF4 ? (0x80...0x8F).contains(b1) : b1 & 0xC0 == 0x80
        return ok1 && cont(i + 2) && cont(i + 3) ? 4 : 0
    default:
        return 0
    }
}

/// The offset of the first ill-formed UTF-8 sequence in `s`, or nil if it is valid.
public func firstInvalidUTF8(_ s: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    let n = s.count
    let base = UnsafeRawPointer(s.baseAddress ?? UnsafePointer(bitPattern: 1)!)
    while i < n {
        while i + 8 <= n, base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            i += 8
        }
        guard i < n else { break }
        let len = utf8SequenceLength(s, i)
        if len == 0 { return i }
        i += len
    }
    return nil
}

@inline(__always) func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - 48)
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - 87)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - 55)
    default: return nil
    }
}

private func hex2(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
}

/// A byte as it may be shown in a message.
func printable(_ b: UInt8) -> String {
    b >= 0x20 && b < 0x7F ? String(UnicodeScalar(b)) : "\\x" + hex2(b)
}

/// Decodes the inside of a valid JSON string (between its quotes) to UTF-8.
enum JSONStringDecoder {
    /// Appends the decoded bytes of `raw` to `out`. A lone surrogate escape
    /// becomes U+FFFD (one code point, as Python counts the lone surrogate).
    static func decode(_ raw: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var unused: [Int] = []
        decode(raw, into: &out, escapesAt: &unused, recording: false)
    }

    /// Decodes like `decode(_:into:)` and appends to `escapesAt` where, in
    /// the decoded bytes (counted from the start of `out`), each escape's
    /// character was put.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], escapesAt: inout [Int]) {
        decode(raw, into: &out, escapesAt: &escapesAt, recording: true)
    }

    @inline(__always)
    private static func decode(
        _ raw: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], escapesAt: inout [Int], recording: Bool
    ) {
        let n = raw.count
        guard let base = raw.baseAddress, n > 0 else { return }
        let first = out.count
        // Decoding never lengthens: written through a pointer into room for n bytes.
        out.append(addingCapacity: n) { span in
            span.withUnsafeMutableBufferPointer { buffer, count in
                let start = buffer.baseAddress! + count
                var w = start
                @inline(__always) func put(_ b: UInt8) { w.pointee = b; w += 1 }
                var i = 0
                var runStart = 0
                while i < n {
                    // Jump to the next backslash; everything before it is copied as is.
                    i = ByteLanes.firstIndex(of: 0x5C, UnsafeRawPointer(base), from: i, to: n)
                    if i == n { break }
                    if runStart < i {
                        w.update(from: base + runStart, count: i - runStart)
                        w += i - runStart
                    }
                    if recording { escapesAt.append(first + start.distance(to: w)) }
                    let e = raw[i + 1]
                    i += 2
                    switch e {
                    case UInt8(ascii: "b"): put(0x08)
                    case UInt8(ascii: "f"): put(0x0C)
                    case UInt8(ascii: "n"): put(0x0A)
                    case UInt8(ascii: "r"): put(0x0D)
                    case UInt8(ascii: "t"): put(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = hex4(raw, i)
                        i += 4
                        if (0xD800...0xDBFF).contains(scalar) {
                            // A high surrogate: joined with a following low one, else U+FFFD.
                            if i + 6 <= n, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") {
                                let low = hex4(raw, i + 2)
                                if (0xDC00...0xDFFF).contains(low) {
                                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                                    i += 6
                                } else {
                                    scalar = 0xFFFD
                                }
                            } else {
                                scalar = 0xFFFD
                            }
                        } else if (0xDC00...0xDFFF).contains(scalar) {
                            scalar = 0xFFFD
                        }
                        w += writeUTF8(scalar, to: w)
                    default: put(e)  // \" \\ \/
                    }
                    runStart = i
                }
                if runStart < n {
                    w.update(from: base + runStart, count: n - runStart)
                    w += n - runStart
                }
                count += start.distance(to: w)
            }
        }
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 { v = v << 4 | (hexValue(raw[i + k]) ?? 0) }
        return v
    }

    /// Writes the UTF-8 of scalar `s` at `p` (room for 4 bytes); returns its length.
    static func writeUTF8(_ s: UInt32, to p: UnsafeMutablePointer<UInt8>) -> Int {
        switch s {
        case 0..<0x80:
            p[0] = UInt8(s)
            return 1
        case 0x80..<0x800:
            p[0] = UInt8(0xC0 | s >> 6); p[1] = UInt8(0x80 | s & 0x3F)
            return 2
        case 0x800..<0x10000:
            p[0] = UInt8(0xE0 | s >> 12); p[1] = UInt8(0x80 | s >> 6 & 0x3F); p[2] = UInt8(0x80 | s & 0x3F)
            return 3
        default:
            p[0] = UInt8(0xF0 | s >> 18); p[1] = UInt8(0x80 | s >> 12 & 0x3F)
            p[2] = UInt8(0x80 | s >> 6 & 0x3F); p[3] = UInt8(0x80 | s & 0x3F)
            return 4
        }
    }
}
