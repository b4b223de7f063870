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
    private var writer = JSONWriter(capacity: 4096)
    private var idPrefix: [UInt8] = []
    private var scratch: [UInt8] = []
    private var keptValues: [UnsafeBufferPointer<UInt8>?] = []

    public init(unit: SplitUnit = .sentence, keep: [String] = []) throws {
        self.unit = unit
        var seen = Set<String>()
        self.keep = keep.filter { !$0.isEmpty && !Self.reservedFields.contains($0) && seen.insert($0).inserted }
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
            writer.reset()
            writer.beginObject()
            writer.key("id")
            scratch.removeAll(keepingCapacity: true)
            scratch.append(UInt8(ascii: "\""))
            scratch.append(contentsOf: idPrefix)
            appendDecimal(n, to: &scratch)
            scratch.append(UInt8(ascii: "\""))
            scratch.withUnsafeBufferPointer { writer.rawValue($0) }
            writer.key("doc")
            if let raw = docID { writer.rawValue(raw) } else { writer.int(record.lineNumber) }
            writer.key("para")
            writer.int(seg.para)
            if unit == .sentence {
                writer.key("sent")
                writer.int(n)
            }
            writer.span(seg.start..<seg.end, of: record.text, offsets: &offsets)
            for (k, name) in keep.enumerated() {
                guard let v = keptValues[k] else { continue }
                writer.key(name)
                writer.rawValue(v)
            }
            writer.endObject()
            out.append(contentsOf: writer.bytes)
            out.append(0x0A)
        }
    }
}

@inline(__always)
func appendDecimal(_ n: Int, to out: inout [UInt8]) {
    if n < 10 { out.append(UInt8(48 + n)); return }
    appendDecimal(n / 10, to: &out)
    out.append(UInt8(48 + n % 10))
}
