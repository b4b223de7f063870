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
        var offsets = OffsetMap(record.text, unit: record.offsetUnit)
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
            appendDecimal(offsets(seg.start), to: &out)
            out.append(contentsOf: endKey)
            appendDecimal(offsets(seg.end), to: &out)
            out.append(contentsOf: textKey)
            JSONWriter.appendEscaped(UnsafeBufferPointer(rebasing: record.text[seg.start..<seg.end]), to: &out)
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
