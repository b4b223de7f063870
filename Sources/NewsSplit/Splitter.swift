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
    /// `"name":` for each kept field, escaped.
    private var keptKeys: [[UInt8]] = []

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
        let segments = segmenter.units(of: record.text, ascii: record.textIsASCII, unit: unit)
        if segments.isEmpty { return }
        // What every unit of the record shares: the id's string value (still
        // escaped), the id as written, the kept fields. Most ids are strings,
        // used where they lie in the line; others are written out once.
        if let raw = record.id, raw.first == UInt8(ascii: "\"") {
            write(segments, record, id: UnsafeBufferPointer(rebasing: raw[1..<(raw.count - 1)]), doc: raw, into: &out)
            return
        }
        var idText: [UInt8] = []
        if let raw = record.id {
            // A number (or other value): its text as a string, `doc` as written.
            JSONWriter.appendEscaped(raw, to: &idText)
            idText.withUnsafeBufferPointer { escaped in
                write(segments, record, id: UnsafeBufferPointer(rebasing: escaped[1..<(escaped.count - 1)]), doc: raw, into: &out)
            }
        } else {
            // No id: the line number for both.
            JSONWriter.appendDecimal(record.lineNumber, to: &idText)
            idText.withUnsafeBufferPointer { number in
                write(segments, record, id: number, doc: number, into: &out)
            }
        }
    }

    /// The units of a record whose id's string value is `id` and whose `doc` is `doc`.
    private mutating func write(
        _ segments: UnsafeBufferPointer<Segment>, _ record: Record,
        id: UnsafeBufferPointer<UInt8>, doc: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]
    ) {
        let sentence = unit == .sentence
        if keep.isEmpty {
            Self.writeUnits(segments, record, id, doc, UnsafeBufferPointer(start: nil, count: 0), sentence: sentence, into: &out)
            return
        }
        keptPart.removeAll(keepingCapacity: true)
        for k in keep.indices {
            guard let v = record.rawValue(forKey: keep[k]) else { continue }
            keptPart.append(UInt8(ascii: ","))
            keptPart.append(contentsOf: keptKeys[k])
            keptPart.append(contentsOf: v)
        }
        keptPart.withUnsafeBufferPointer { kept in
            Self.writeUnits(segments, record, id, doc, kept, sentence: sentence, into: &out)
        }
    }

    /// Writes a record per segment: its fields (`writeFields`), the
    /// text, `kept`. Static, so the closure per unit captures no arrays.
    private static func writeUnits(
        _ segments: UnsafeBufferPointer<Segment>, _ record: Record,
        _ id: UnsafeBufferPointer<UInt8>, _ doc: UnsafeBufferPointer<UInt8>, _ kept: UnsafeBufferPointer<UInt8>,
        sentence: Bool, into out: inout [UInt8]
    ) {
        // In ASCII text (most news wires) every unit counts bytes. The core
        // knows most ASCII texts already; the others are checked here.
        var offsets = OffsetMap(
            record.text, unit: record.offsetUnit,
            ascii: record.textIsASCII || record.offsetUnit != .utf8 && ByteLanes.isASCII(record.text))
        var textJSON = record.textJSON()
        // Room for the fields, the kept fields and the closing "}\n".
        let fixedLength = id.count + doc.count + fieldsRoom + kept.count + 2
        for n in segments.indices {
            let seg = segments[n]
            let start = offsets(seg.start)
            let end = offsets(seg.end)
            let bound = fixedLength + textJSON.maxLength(seg.start..<seg.end)
            if bound > Self.pieceLimit {
                // A giant unit: written in pieces, so the room reserved for
                // escaping its text stays small.
                writeGiant(n, seg, start, end, record.text, id, doc, kept, sentence: sentence, &out)
            } else {
                out.append(addingCapacity: bound) { span in
                    span.withUnsafeMutableBufferPointer { buffer, count in
                        let from = buffer.baseAddress! + count
                        var c = ByteCursor(from)
                        writeFields(&c, n, seg, start, end, id, doc, sentence: sentence)
                        textJSON.write(seg.start..<seg.end, to: &c)
                        c.bytes(kept)
                        c.byte(UInt8(ascii: "}"))
                        c.byte(0x0A)
                        count += c.written(from: from)
                    }
                }
            }
            // A giant document: write its units out as they come.
            if out.count >= spillThreshold, let spill = record.spill { spill(&out) }
        }
    }

    /// Units whose worst-case room passes this are written piece by piece.
    private static let pieceLimit = 1 << 16

    /// A unit's fields before its text, up to `"text":`; at most
    /// `id.count + doc.count + fieldsRoom` bytes.
    @inline(__always)
    private static func writeFields(
        _ c: inout ByteCursor, _ n: Int, _ seg: Segment, _ start: Int, _ end: Int,
        _ id: UnsafeBufferPointer<UInt8>, _ doc: UnsafeBufferPointer<UInt8>, sentence: Bool
    ) {
        c.literal(#"{"id":""#)
        c.bytes(id)
        c.byte(UInt8(ascii: ":"))
        let index = c.position
        c.decimal(n)
        let indexLength = c.written(from: index)
        c.literal(#"","doc":"#)
        c.bytes(doc)
        c.literal(#","para":"#)
        c.decimal(seg.para)
        if sentence {
            c.literal(#","sent":"#)
            // The index again: one eight-byte copy, not a second conversion (room for 20 is reserved).
            if indexLength <= 8 { c.short(index, count: indexLength) } else { c.decimal(n) }
        }
        c.literal(#","start":"#)
        c.decimal(start)
        c.literal(#","end":"#)
        c.decimal(end)
        c.literal(#","text":"#)
    }

    /// Room for the five numbers and the keys and punctuation `writeFields`
    /// writes (56 bytes).
    private static let fieldsRoom = 5 * 20 + 64

    /// Writes one giant unit: its fields through a cursor, its text escaped
    /// in pieces by the core, then the kept fields.
    private static func writeGiant(
        _ n: Int, _ seg: Segment, _ start: Int, _ end: Int, _ text: UnsafeBufferPointer<UInt8>,
        _ id: UnsafeBufferPointer<UInt8>, _ doc: UnsafeBufferPointer<UInt8>, _ kept: UnsafeBufferPointer<UInt8>,
        sentence: Bool, _ out: inout [UInt8]
    ) {
        out.append(addingCapacity: id.count + doc.count + fieldsRoom) { span in
            span.withUnsafeMutableBufferPointer { buffer, count in
                let from = buffer.baseAddress! + count
                var c = ByteCursor(from)
                writeFields(&c, n, seg, start, end, id, doc, sentence: sentence)
                count += c.written(from: from)
            }
        }
        JSONWriter.appendEscaped(UnsafeBufferPointer(rebasing: text[seg.start..<seg.end]), to: &out)
        out.append(contentsOf: kept)
        out.append(UInt8(ascii: "}"))
        out.append(0x0A)
    }

    /// `,"name":value` of each kept field present in the record.
    private var keptPart: [UInt8] = []
}
