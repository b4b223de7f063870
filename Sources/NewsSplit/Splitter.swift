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
    /// `"name":` for each kept field, escaped.
    private var keptKeys: [[UInt8]] = []
    private var idPrefix: [UInt8] = []
    private var scratch: [UInt8] = []
    private var keptValues: [UnsafeBufferPointer<UInt8>?] = []

    public init(unit: SplitUnit = .sentence, keep: [String] = []) throws {
        self.unit = unit
        var seen = Set<String>()
        self.keep = keep.filter { !$0.isEmpty && !Self.reservedFields.contains($0) && seen.insert($0).inserted }
        self.keptKeys = self.keep.map { name in
            var key: [UInt8] = []
            Array(name.utf8).withUnsafeBufferPointer { JSONWriter.appendEscaped($0, to: &key) }
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    public mutating func transform(_ record: Record, into out: inout [UInt8]) throws {
        segments.removeAll(keepingCapacity: true)
        switch unit {
        case .sentence: segmenter.sentences(record.text, ascii: record.textIsASCII, into: &segments)
        case .paragraph: segmenter.paragraphs(record.text, ascii: record.textIsASCII, into: &segments)
        }
        if segments.isEmpty { return }
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

        // Per record: the pieces every unit shares. Per unit: that head, one
        // block of numbers and keys assembled on the stack, the text through
        // the core's escaper, the kept fields. Few appends, no allocation.
        unitHead.removeAll(keepingCapacity: true)
        unitHead.append(contentsOf: #"{"id":""#.utf8)
        unitHead.append(contentsOf: idPrefix)
        docPart.removeAll(keepingCapacity: true)
        docPart.append(contentsOf: #"","doc":"#.utf8)
        if let raw = docID { docPart.append(contentsOf: raw) } else { docPart.append(contentsOf: String(record.lineNumber).utf8) }
        docPart.append(contentsOf: #","para":"#.utf8)
        var offsets = OffsetMap(record.text, unit: record.offsetUnit)
        let text = record.text
        // In ASCII text (most news wires) every unit counts bytes.
        let countsBytes = record.offsetUnit == .utf8 || record.textIsASCII || Self.isASCII(text)
        var textJSON = record.textJSON()
        // A short id goes into the block with the numbers: fewer appends.
        let inline = unitHead.count + docPart.count <= NumberBlock.capacity - 120
        let sentence = unit == .sentence
        for n in segments.indices {
            let seg = segments[n]
            let start = countsBytes ? seg.start : offsets(seg.start)
            let end = countsBytes ? seg.end : offsets(seg.end)
            var block = NumberBlock()
            if inline {
                block.bytes(unitHead)
                block.decimal(n)
                block.bytes(docPart)
            } else {
                out.append(contentsOf: unitHead)
                block.decimal(n)
                block.append(to: &out)
                out.append(contentsOf: docPart)
                block = NumberBlock()
            }
            block.decimal(seg.para)
            if sentence {
                block.literal(#","sent":"#)
                block.decimal(n)
            }
            block.literal(#","start":"#)
            block.decimal(start)
            block.literal(#","end":"#)
            block.decimal(end)
            block.literal(#","text":"#)
            block.append(to: &out)
            textJSON.append(seg.start..<seg.end, to: &out)
            for k in keep.indices {
                guard let v = keptValues[k] else { continue }
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: keptKeys[k])
                out.append(contentsOf: v)
            }
            out.append(contentsOf: Self.unitEnd)
            // A giant document: write its units out as they come.
            if out.count >= spillThreshold, let spill = record.spill { spill(&out) }
        }
    }

    private static let unitEnd: [UInt8] = [UInt8(ascii: "}"), 0x0A]

    /// Whether `text` is all ASCII, eight bytes at a time.
    static func isASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var acc: UInt64 = 0
        var i = 0
        while i + 32 <= text.count {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            i += 32
        }
        while i + 8 <= text.count {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        var tail: UInt8 = 0
        while i < text.count { tail |= base[i]; i += 1 }
        return acc & 0x8080_8080_8080_8080 == 0 && tail < 0x80
    }

    private var unitHead: [UInt8] = []
    private var docPart: [UInt8] = []
}

/// Up to 256 bytes of keys, decimal numbers and short pieces, built on the
/// stack and appended to the output in one piece.
struct NumberBlock {
    static let capacity = 256
    private var storage: (SIMD32<UInt64>) = .zero
    private var count = 0

    /// Appends `piece`; the caller makes sure it fits.
    @inline(__always)
    mutating func bytes(_ piece: [UInt8]) {
        let c = count
        withUnsafeMutableBytes(of: &storage) { raw in
            piece.withUnsafeBytes { p in
                if let from = p.baseAddress { raw.baseAddress!.advanced(by: c).copyMemory(from: from, byteCount: p.count) }
            }
        }
        count += piece.count
    }

    /// Appends a literal of our own (ASCII, short).
    @inline(__always)
    mutating func literal(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        let c = count
        withUnsafeMutableBytes(of: &storage) { raw in
            raw.baseAddress!.advanced(by: c).copyMemory(from: s.utf8Start, byteCount: n)
        }
        count += n
    }

    /// Appends the decimal digits of `value`.
    @inline(__always)
    mutating func decimal(_ value: Int) {
        let c = count
        count += withUnsafeMutableBytes(of: &storage) { raw -> Int in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + c
            if value >= 0 && value < 10 {
                p[0] = UInt8(truncatingIfNeeded: 48 + value)
                return 1
            }
            var v = value.magnitude
            var digits = 0
            var probe = v
            while probe > 0 { digits += 1; probe /= 10 }
            var k = 0
            if value < 0 { p[0] = UInt8(ascii: "-"); k = 1 }
            var i = k + digits
            while v > 0 {
                i -= 1
                p[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
                v /= 10
            }
            return k + digits
        }
    }

    /// Appends the bytes written so far to `out`.
    @inline(__always)
    func append(to out: inout [UInt8]) {
        let c = count
        withUnsafeBytes(of: storage) { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<c])) }
    }
}
