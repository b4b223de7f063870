import NewsCore

/// What `news-split` emits: one record per sentence or per paragraph.
public enum SplitUnit: String, CaseIterable, Sendable {
    case sentence
    case paragraph
}

/// The `news-split` transform: one output record per unit of each input
/// record's text.
///
/// Each unit record is `{"id","doc","para","sent","start","end","text"}`
/// (no `sent` with `.paragraph`) followed by the kept fields, copied raw.
/// `id` is the document id, `:`, and the unit's 0-based index in the
/// document; `doc` is the input's `id` as written, or its line number.
public struct Splitter: RecordTransform {
    public let unit: SplitUnit
    /// Input fields copied into every unit (those that are present).
    public let keep: [String]
    /// The names `keep` may not use: the unit's own fields.
    public static let reservedFields: Set<String> = ["id", "doc", "para", "sent", "start", "end", "text"]

    private var segmenter = Segmenter()
    private var segments: [Segment] = []
    private var keptNames: [[UInt8]] = []
    private var idPrefix: [UInt8] = []
    private var scratch: [UInt8] = []
    private var keptValues: [UnsafeBufferPointer<UInt8>?] = []

    public init(unit: SplitUnit = .sentence, keep: [String] = []) throws {
        self.unit = unit
        var seen = Set<String>()
        self.keep = keep.filter { !$0.isEmpty && !Self.reservedFields.contains($0) && seen.insert($0).inserted }
        self.keptNames = self.keep.map { Array($0.utf8) }
    }

    public mutating func transform(_ record: Record, into out: inout [UInt8]) throws {
        segments.removeAll(keepingCapacity: true)
        switch unit {
        case .sentence: segmenter.sentences(record.text, into: &segments)
        case .paragraph: segmenter.paragraphs(record.text, into: &segments)
        }
        if segments.isEmpty { return }
        var counter = OffsetCounter(record.text, unit: record.offsetUnit)
        let docID = record.id
        // The unit id's prefix: the document id's string value (still escaped), and ":".
        idPrefix.removeAll(keepingCapacity: true)
        if let raw = docID {
            if raw.first == UInt8(ascii: "\"") {
                idPrefix.append(contentsOf: UnsafeBufferPointer(rebasing: raw[1..<(raw.count - 1)]))
            } else {
                scratch.removeAll(keepingCapacity: true)
                JSONWriter.appendEscaped(raw, to: &scratch)
                idPrefix.append(contentsOf: scratch[1..<(scratch.count - 1)])
            }
        } else {
            idPrefix.append(contentsOf: String(record.lineNumber).utf8)
        }
        idPrefix.append(UInt8(ascii: ":"))
        keptValues.removeAll(keepingCapacity: true)
        for name in keep { keptValues.append(record.rawValue(forKey: name)) }

        for n in segments.indices {
            let seg = segments[n]
            // Written by hand, not with JSONWriter: this is the hot path.
            out.append(contentsOf: idKey)
            out.append(contentsOf: idPrefix)
            appendDecimal(n, to: &out)
            out.append(contentsOf: docKey)
            if let raw = docID { out.append(contentsOf: raw) } else { appendDecimal(record.lineNumber, to: &out) }
            out.append(contentsOf: paraKey)
            appendDecimal(seg.para, to: &out)
            if unit == .sentence {
                out.append(contentsOf: sentKey)
                appendDecimal(n, to: &out)
            }
            out.append(contentsOf: startKey)
            appendDecimal(counter.offset(of: seg.start), to: &out)
            out.append(contentsOf: endKey)
            appendDecimal(counter.offset(of: seg.end), to: &out)
            out.append(contentsOf: textKey)
            appendJSONString(record.text, seg.start, seg.end, to: &out)
            for k in keep.indices {
                guard let v = keptValues[k] else { continue }
                out.append(UInt8(ascii: ","))
                keptNames[k].withUnsafeBufferPointer { JSONWriter.appendEscaped($0, to: &out) }
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: v)
            }
            out.append(UInt8(ascii: "}"))
            out.append(0x0A)
        }
    }

    private let idKey = Array(#"{"id":""#.utf8)
    private let docKey = Array(#"","doc":"#.utf8)
    private let paraKey = Array(#","para":"#.utf8)
    private let sentKey = Array(#","sent":"#.utf8)
    private let startKey = Array(#","start":"#.utf8)
    private let endKey = Array(#","end":"#.utf8)
    private let textKey = Array(#","text":"#.utf8)
}

@inline(__always)
func appendDecimal(_ n: Int, to out: inout [UInt8]) {
    if n < 10 { out.append(UInt8(truncatingIfNeeded: 48 + n)); return }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { raw in
        var v = n.magnitude
        var i = raw.count
        while v > 0 {
            i -= 1
            raw[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
            v /= 10
        }
        if n < 0 { i -= 1; raw[i] = UInt8(ascii: "-") }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
    }
}

/// Turns increasing byte offsets into offsets in the user's unit, counting
/// eight bytes at a time (what `OffsetMap` does, for the in-order case).
struct OffsetCounter {
    let text: UnsafeBufferPointer<UInt8>
    let unit: OffsetUnit
    var byte = 0
    var count = 0

    init(_ text: UnsafeBufferPointer<UInt8>, unit: OffsetUnit) {
        self.text = text
        self.unit = unit
    }

    @inline(__always)
    mutating func offset(of target: Int) -> Int {
        if unit == .utf8 { return target }
        if target < byte { byte = 0; count = 0 }
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = byte
        var c = count
        if let base = text.baseAddress {
            while i + 8 <= target {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // Continuation bytes are 10xxxxxx; four-byte leads (11110xxx) count twice in UTF-16.
                let cont = w & ~(w << 1) & highs
                c += 8 - cont.nonzeroBitCount
                if unit == .utf16 {
                    let four = w & (w << 1) & (w << 2) & (w << 3) & highs
                    c += four.nonzeroBitCount
                }
                i += 8
            }
        }
        while i < target {
            let b = text[i]
            if b & 0xC0 != 0x80 { c += 1 }
            if unit == .utf16 && b >= 0xF0 { c += 1 }
            i += 1
        }
        byte = target
        count = c
        return c
    }
}

/// Appends the bytes `t[s ..< e]` (valid UTF-8) as a JSON string: runs that
/// need no escape are found eight bytes at a time and copied in one go.
@inline(__always)
func appendJSONString(_ t: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    guard let base = t.baseAddress else { out.append(UInt8(ascii: "\"")); return }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var run = s
    var i = s
    while i < e {
        // Skip plain bytes: no control character, quote or backslash.
        while i + 8 <= e {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let ctl = (w &- ones &* 0x20) & ~w & highs
            let q = w ^ (ones &* 0x22)
            let bs = w ^ (ones &* 0x5C)
            let hit = ctl | ((q &- ones) & ~q & highs) | ((bs &- ones) & ~bs & highs)
            if hit != 0 { break }
            i += 8
        }
        while i < e {
            let b = t[i]
            if b < 0x20 || b == 0x22 || b == 0x5C { break }
            i += 1
            if i & 7 == 0 { break }
        }
        guard i < e else { break }
        let b = t[i]
        guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
        if run < i { out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: i - run)) }
        out.append(UInt8(ascii: "\\"))
        switch b {
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
            let hex: StaticString = "0123456789abcdef"
            hex.withUTF8Buffer { h in
                out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, h[Int(b >> 4)], h[Int(b & 15)]])
            }
        }
        i += 1
        run = i
    }
    if run < e { out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: e - run)) }
    out.append(UInt8(ascii: "\""))
}
