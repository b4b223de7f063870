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

        // Written by hand into a raw buffer, not with JSONWriter: this is the hot path.
        let sink = self.sink
        sink.count = 0
        for n in segments.indices {
            let seg = segments[n]
            sink.reserve(160 + idPrefix.count + (docID?.count ?? 0))
            sink.put(idKey)
            sink.put(idPrefix)
            sink.putDecimal(n)
            sink.put(docKey)
            if let raw = docID { sink.put(raw) } else { sink.putDecimal(record.lineNumber) }
            sink.put(paraKey)
            sink.putDecimal(seg.para)
            if unit == .sentence {
                sink.put(sentKey)
                sink.putDecimal(n)
            }
            sink.put(startKey)
            sink.putDecimal(counter.offset(of: seg.start))
            sink.put(endKey)
            sink.putDecimal(counter.offset(of: seg.end))
            sink.put(textKey)
            sink.putJSONString(record.text, seg.start, seg.end)
            for k in keep.indices {
                guard let v = keptValues[k] else { continue }
                sink.reserve(keptNames[k].count * 6 + 4 + v.count)
                sink.putByte(UInt8(ascii: ","))
                keptNames[k].withUnsafeBufferPointer { sink.putJSONString($0, 0, $0.count) }
                sink.putByte(UInt8(ascii: ":"))
                sink.put(v)
            }
            sink.reserve(2)
            sink.putByte(UInt8(ascii: "}"))
            sink.putByte(0x0A)
            if sink.count >= 1 << 16 {  // hand over in blocks: a huge record is not held twice
                out.append(contentsOf: UnsafeBufferPointer(start: sink.base, count: sink.count))
                sink.count = 0
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(start: sink.base, count: sink.count))
        if sink.capacity > 1 << 22 { sink.shrink() }
    }

    private let sink = ByteSink()
    private let idKey = Array(#"{"id":""#.utf8)
    private let docKey = Array(#"","doc":"#.utf8)
    private let paraKey = Array(#","para":"#.utf8)
    private let sentKey = Array(#","sent":"#.utf8)
    private let startKey = Array(#","start":"#.utf8)
    private let endKey = Array(#","end":"#.utf8)
    private let textKey = Array(#","text":"#.utf8)
}

/// A growable byte buffer written through a raw pointer: no uniqueness or
/// capacity check per byte, only `reserve` before each piece.
final class ByteSink {
    private(set) var base: UnsafeMutablePointer<UInt8>
    var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        p.update(from: base, count: count)
        base.deallocate()
        base = p
        capacity = c
    }

    /// Gives back a large buffer once a huge record is done.
    func shrink() {
        base.deallocate()
        capacity = 1 << 16
        base = .allocate(capacity: capacity)
        count = 0
    }

    @inline(__always) func putByte(_ b: UInt8) {
        base[count] = b
        count += 1
    }

    @inline(__always) func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        if let p = bytes.baseAddress { (base + count).update(from: p, count: bytes.count) }
        count += bytes.count
    }

    @inline(__always) func put(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { put($0) }
    }

    @inline(__always) func putDecimal(_ n: Int) {
        reserve(21)
        if n >= 0 && n < 10 { putByte(UInt8(truncatingIfNeeded: 48 + n)); return }
        var v = n.magnitude
        var digits = 0
        var probe = v
        while probe > 0 { digits += 1; probe /= 10 }
        if n < 0 { putByte(UInt8(ascii: "-")) }
        var i = count + digits
        count = i
        while v > 0 {
            i -= 1
            base[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
            v /= 10
        }
    }

    /// Writes the bytes `t[s ..< e]` (valid UTF-8) as a JSON string: runs that
    /// need no escape are found eight bytes at a time and copied in one go.
    /// U+0085, U+2028 and U+2029 are escaped too, as JavaScript and Python's
    /// `splitlines` take them for line ends.
    func putJSONString(_ t: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) {
        reserve(2)
        putByte(UInt8(ascii: "\""))
        guard let tb = t.baseAddress else { putByte(UInt8(ascii: "\"")); return }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func has(_ w: UInt64, _ c: UInt8) -> UInt64 {
            let x = w ^ (ones &* UInt64(c))
            return (x &- ones) & ~x & highs
        }
        var run = s
        var i = s
        while i < e {
            while i + 8 <= e {
                let w = UnsafeRawPointer(tb + i).loadUnaligned(as: UInt64.self)
                let ctl = (w &- ones &* 0x20) & ~w & highs
                if ctl | has(w, 0x22) | has(w, 0x5C) | has(w, 0xE2) | has(w, 0xC2) != 0 { break }
                i += 8
            }
            var found = false
            while i < e {
                let b = tb[i]
                if b < 0x20 || b == 0x22 || b == 0x5C { found = true; break }
                if b == 0xE2 && i + 2 < e && tb[i + 1] == 0x80 && (tb[i + 2] == 0xA8 || tb[i + 2] == 0xA9) {
                    found = true
                    break
                }
                if b == 0xC2 && i + 1 < e && tb[i + 1] == 0x85 { found = true; break }
                i += 1
                if i & 7 == 0 { break }
            }
            guard found else { continue }
            let b = tb[i]
            put(UnsafeBufferPointer(start: tb + run, count: i - run))
            reserve(6)
            putByte(UInt8(ascii: "\\"))
            var len = 1
            switch b {
            case 0x22: putByte(0x22)
            case 0x5C: putByte(0x5C)
            case 0x0A: putByte(UInt8(ascii: "n"))
            case 0x0D: putByte(UInt8(ascii: "r"))
            case 0x09: putByte(UInt8(ascii: "t"))
            case 0x08: putByte(UInt8(ascii: "b"))
            case 0x0C: putByte(UInt8(ascii: "f"))
            default:
                // \u00XX, \u0085, \u2028, \u2029
                var code = UInt32(b)
                if b == 0xE2 { code = tb[i + 2] == 0xA8 ? 0x2028 : 0x2029; len = 3 }
                if b == 0xC2 { code = 0x85; len = 2 }
                let hex: StaticString = "0123456789abcdef"
                hex.withUTF8Buffer { h in
                    putByte(UInt8(ascii: "u"))
                    putByte(h[Int(code >> 12 & 15)]); putByte(h[Int(code >> 8 & 15)])
                    putByte(h[Int(code >> 4 & 15)]); putByte(h[Int(code & 15)])
                }
            }
            i += len
            run = i
        }
        put(UnsafeBufferPointer(start: tb + run, count: e - run))
        reserve(1)
        putByte(UInt8(ascii: "\""))
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
                if w & highs == 0 {  // ASCII
                    c += 8
                    i += 8
                    continue
                }
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

