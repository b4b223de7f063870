/// Writes JSON into a byte buffer, inserting commas itself.
///
/// ```swift
/// var w = JSONWriter()
/// w.beginObject(); w.key("start"); w.int(3); w.key("text"); w.string(bytes); w.endObject()
/// ```
/// Strings are escaped as RFC 8259 requires (`"`, `\`, control characters);
/// everything else, non-ASCII included, is copied as UTF-8. The caller keeps
/// the structure well formed.
public struct JSONWriter {
    public var bytes: [UInt8]
    /// Whether the next value or key needs a comma before it.
    @usableFromInline var needsComma = false
    /// Open containers, innermost in bit 0 (1: object), and how many there are.
    @usableFromInline var openKinds: UInt64 = 0
    @usableFromInline var depth = 0
    /// Given by the core for giant records: at the end of an element of the
    /// outermost array, a buffer past `spillThreshold` is written out.
    public var spill: Spill?
    /// Whether part of the buffer was written out already.
    public private(set) var spilled = false

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Empties the buffer, keeping its storage.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
        openKinds = 0
        depth = 0
        spilled = false
    }

    @inlinable mutating func comma() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    @inlinable public mutating func beginObject() {
        comma(); bytes.append(UInt8(ascii: "{")); needsComma = false
        openKinds = openKinds << 1 | 1; depth += 1
    }
    @inlinable public mutating func endObject() {
        bytes.append(UInt8(ascii: "}")); needsComma = true
        openKinds >>= 1; depth -= 1
        if depth == 1, spill != nil, bytes.count >= spillThreshold { spillNow() }
    }
    @inlinable public mutating func beginArray() {
        comma(); bytes.append(UInt8(ascii: "[")); needsComma = false
        openKinds <<= 1; depth += 1
    }
    @inlinable public mutating func endArray() {
        bytes.append(UInt8(ascii: "]")); needsComma = true
        openKinds >>= 1; depth -= 1
        if depth == 1, spill != nil, bytes.count >= spillThreshold { spillNow() }
    }

    @usableFromInline mutating func spillNow() {
        spill?(&bytes)
        spilled = true
    }

    /// After a failure part-way through a value: ends it as valid JSON (a
    /// dangling key gets `null`, open containers are closed).
    public mutating func closeOpenContainers() {
        if bytes.last == UInt8(ascii: ":") { null() }
        while depth > 0 {
            bytes.append(openKinds & 1 == 1 ? UInt8(ascii: "}") : UInt8(ascii: "]"))
            openKinds >>= 1
            depth -= 1
        }
        needsComma = true
    }

    /// Writes `"name":`. `name` must need no escaping (a field name of ours).
    @inlinable public mutating func key(_ name: StaticString) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes `"name":` for a name known only at run time, escaped.
    public mutating func key(named name: String) {
        var copy = name
        copy.withUTF8 { string($0) }
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    @inlinable public mutating func int(_ value: Int) {
        comma()
        JSONWriter.appendDecimal(value, to: &bytes)
        needsComma = true
    }

    /// Appends the decimal digits of `value` to `out` in one append.
    @inlinable public static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        out.append(addingCapacity: 20) { span in
            span.withUnsafeMutableBufferPointer { buffer, count in
                let from = buffer.baseAddress! + count
                var c = ByteCursor(from)
                c.decimal(value)
                count += c.written(from: from)
            }
        }
    }

    /// Writes a finite number in the shortest form that reads back to it
    /// (integral values without a fraction: `3`, not `3.0`). NaN and infinities become `null`.
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        if value == value.rounded(), abs(value) < 1e15 {
            return int(Int(value))
        }
        comma()
        bytes.append(contentsOf: value.description.utf8)
        needsComma = true
    }

    public mutating func bool(_ value: Bool) {
        comma()
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
        needsComma = true
    }

    public mutating func null() {
        comma()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        needsComma = true
    }

    /// Writes bytes that already are one JSON value, or several elements
    /// of an array separated by commas (an annotator's own writer). Inside
    /// the outermost array that ends elements, so a big buffer may spill.
    public mutating func rawValue(_ json: UnsafeBufferPointer<UInt8>) {
        comma()
        bytes.append(contentsOf: json)
        needsComma = true
        if depth == 1, spill != nil, bytes.count >= spillThreshold { spillNow() }
    }

    /// Writes a JSON string holding the UTF-8 `utf8` (which must be valid UTF-8).
    public mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        comma()
        JSONWriter.appendEscaped(utf8, to: &bytes)
        needsComma = true
    }

    /// Writes a JSON string holding the bytes `range` of `utf8`.
    public mutating func string(_ utf8: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        string(UnsafeBufferPointer(rebasing: utf8[range]))
    }

    public mutating func string(_ value: String) {
        var copy = value
        copy.withUTF8 { string($0) }
    }

    /// Appends `utf8` as a quoted JSON string to `out`.
    /// Besides what RFC 8259 requires, U+0085, U+2028 and U+2029 are escaped:
    /// JavaScript and Python's `str.splitlines` take them for line ends, and
    /// a JSON Lines record must stay on its line.
    public static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape at all: one copy.
        if let base = utf8.baseAddress, firstToEscape(base, 0, utf8.count) == utf8.count {
            out.append(contentsOf: utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        // In pieces of whole characters, so that the room reserved for the
        // worst case (six bytes a byte) stays small for a giant string.
        var from = 0
        while from < utf8.count {
            var to = min(utf8.count, from + 1 << 16)
            while to < utf8.count && to > from + 1 && utf8[to] & 0xC0 == 0x80 { to -= 1 }
            let piece = UnsafeBufferPointer(rebasing: utf8[from..<to])
            out.append(addingCapacity: piece.count * 6) { span in
                span.withUnsafeMutableBufferPointer { buffer, count in
                    count += escapeBody(piece, to: buffer.baseAddress! + count)
                }
            }
            from = to
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The offset of the first byte in `base[from ..< to]` that may need an
    /// escape (a quote, a backslash, a control, the lead byte of U+0085,
    /// U+2028 or U+2029), or `to`; sixteen bytes at a time.
    @inline(__always)
    static func firstToEscape(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        let quote = ByteLanes.splat(0x22), backslash = ByteLanes.splat(0x5C)
        let lead2 = ByteLanes.splat(0xC2), lead3 = ByteLanes.splat(0xE2)
        let upper3 = ByteLanes.splat(0xE0), zero = ByteLanes.splat(0)
        return ByteLanes.firstIndex(UnsafeRawPointer(base), from: from, to: to) { v in
            ((v & upper3) .== zero) .| (v .== quote) .| (v .== backslash) .| (v .== lead2) .| (v .== lead3)
        }
    }

    /// Writes `utf8` escaped (without quotes) at `p`, which has room for
    /// 6 × `utf8.count` bytes; returns the number of bytes written. Runs of
    /// bytes that need no escape are found sixteen bytes at a time and copied in one go.
    @usableFromInline
    static func escapeBody(_ utf8: UnsafeBufferPointer<UInt8>, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard let base = utf8.baseAddress else { return 0 }
        let n = utf8.count
        var w = p
        var runStart = 0
        var i = 0
        while i < n {
            i = firstToEscape(base, i, n)
            guard i < n else { break }
            let b = base[i]
            // The escape for the character at i (0: none), and its width in bytes.
            var short: UInt8 = 0
            var unit: UInt16 = 0
            var width = 1
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): short = b
            case 0x0A: short = UInt8(ascii: "n")
            case 0x0D: short = UInt8(ascii: "r")
            case 0x09: short = UInt8(ascii: "t")
            case 0x08: short = UInt8(ascii: "b")
            case 0x0C: short = UInt8(ascii: "f")
            case 0..<0x20: unit = UInt16(b)
            case 0xE2 where i + 2 < n && base[i + 1] == 0x80 && (base[i + 2] == 0xA8 || base[i + 2] == 0xA9):
                unit = base[i + 2] == 0xA8 ? 0x2028 : 0x2029
                width = 3
            case 0xC2 where i + 1 < n && base[i + 1] == 0x85:
                unit = 0x85
                width = 2
            default:
                i += 1
                continue
            }
            if runStart < i {
                w.update(from: base + runStart, count: i - runStart)
                w += i - runStart
            }
            w.pointee = 0x5C
            if short != 0 {
                w[1] = short
                w += 2
            } else {
                let hex: StaticString = "0123456789abcdef"
                let h = hex.utf8Start
                w[1] = UInt8(ascii: "u")
                w[2] = h[Int(unit >> 12)]
                w[3] = h[Int(unit >> 8 & 15)]
                w[4] = h[Int(unit >> 4 & 15)]
                w[5] = h[Int(unit & 15)]
                w += 6
            }
            i += width
            runStart = i
        }
        if runStart < n {
            w.update(from: base + runStart, count: n - runStart)
            w += n - runStart
        }
        return p.distance(to: w)
    }
}
