import PCRE2
#if canImport(Glibc)
import Glibc
#endif

/// What became of one input line.
enum Outcome {
    /// Output (possibly none) was written.
    case done
    /// The line could not be processed; `message` says why.
    case bad(message: String)
    /// The tool gave up on this record (a pattern hit its limit); the line was passed through.
    case degraded(message: String)
}

/// Turns one input line into its output bytes: validation, text decoding and
/// the tool's transform. One per thread; it keeps its scratch buffers.
///
/// Not generic over the transform on purpose: the core is compiled before
/// any tool, so generic code here would run unspecialised (layout looked up
/// at run time, every array access a call). Only the transform's own call
/// goes through the existential, once per record.
struct RecordProcessor {
    var transform: any RecordTransform
    let field: [UInt8]
    let offsetUnit: OffsetUnit
    /// Offered to transforms for giant records (single-threaded runs only).
    var spill: Spill?
    private var scanner = JSONLineScanner()
    private var decoded: [UInt8] = []
    /// Where the text's escapes were, in `decoded` (for `TextJSON`).
    private var escapesAt: [Int] = []

    init(transform: any RecordTransform, field: String, offsetUnit: OffsetUnit) {
        self.transform = transform
        self.field = Array(field.utf8)
        self.offsetUnit = offsetUnit
    }

    /// Appends the output for `line` to `out`. On `.bad`, `out` is unchanged.
    mutating func process(
        _ line: UnsafeBufferPointer<UInt8>, source: String, lineNumber: Int, into out: inout [UInt8]
    ) -> Outcome {
        do {
            try scanner.scan(line)
        } catch {
            return .bad(message: "invalid JSON: \(error)")
        }
        // Valid while the scanner is left alone (the transform does not use it).
        let members = scanner.members.elements
        return field.withUnsafeBufferPointer { wanted -> Outcome in
            guard let textMember = members.last(where: { $0.keyEquals(wanted, in: line) }) else {
                return .bad(message: "no \"\(String(decoding: field, as: UTF8.self))\" field")
            }
            guard line[textMember.value.lowerBound] == UInt8(ascii: "\"") else {
                return .bad(message: "the \"\(String(decoding: field, as: UTF8.self))\" field is not a string")
            }
            let inner = (textMember.value.lowerBound + 1)..<(textMember.value.upperBound - 1)
            let canonical = textMember.valueIsASCII && textMember.valueEscapesAreShort
            let raw = canonical ? UnsafeBufferPointer(rebasing: line[inner]) : nil
            if textMember.valueHasEscapes {
                decoded.removeAll(keepingCapacity: decoded.capacity < 1 << 20)
                decoded.reserveCapacity(inner.count)  // decoding never lengthens
                escapesAt.removeAll(keepingCapacity: escapesAt.capacity < 1 << 16)
                if canonical {
                    JSONStringDecoder.decode(
                        UnsafeBufferPointer(rebasing: line[inner]), into: &decoded, escapesAt: &escapesAt)
                } else {
                    JSONStringDecoder.decode(UnsafeBufferPointer(rebasing: line[inner]), into: &decoded)
                }
                return decoded.withUnsafeBufferPointer { text in
                    escapesAt.withUnsafeBufferPointer { escapes in
                        run(line, members, text, raw.map { RawText(bytes: $0, escapesAt: escapes) },
                            source, lineNumber, &out)
                    }
                }
            }
            return run(
                line, members, UnsafeBufferPointer(rebasing: line[inner]),
                raw.map { RawText(bytes: $0, escapesAt: UnsafeBufferPointer(start: nil, count: 0)) },
                source, lineNumber, &out)
        }
    }

    private mutating func run(
        _ line: UnsafeBufferPointer<UInt8>, _ members: UnsafeBufferPointer<JSONMember>,
        _ text: UnsafeBufferPointer<UInt8>, _ canonicalRaw: RawText?,
        _ source: String, _ lineNumber: Int, _ out: inout [UInt8]
    ) -> Outcome {
        let record = Record(
            line: line, source: source, lineNumber: lineNumber, text: text, offsetUnit: offsetUnit,
            members: members, closingBrace: scanner.closingBrace, spill: spill,
            textIsASCII: canonicalRaw != nil, canonicalRawText: canonicalRaw)
        let mark = out.count
        do {
            try transform.transform(record, into: &out)
            return .done
        } catch let error as PartialRecordError {
            return .degraded(message: "\(error)")
        } catch let error as PCRE2.Error where error.isResourceLimit {
            out.removeSubrange(mark...)
            out.append(contentsOf: line)
            out.append(0x0A)
            return .degraded(message: "a pattern hit its limit (\(error.message)); the record is passed through unprocessed")
        } catch {
            out.removeSubrange(mark...)
            return .bad(message: "\(error)")
        }
    }
}

/// Runs an `Annotator` as a `RecordTransform`: its value spliced into the line.
///
/// The value is written straight into the output, between the two halves of
/// the splice, so a giant record is held once, not twice.
struct AnnotatorTransform: RecordTransform {
    var annotator: any Annotator
    private let field: [UInt8]

    init(_ annotator: any Annotator) {
        self.annotator = annotator
        field = Array(type(of: annotator).field.utf8)
    }

    mutating func transform(_ record: Record, into out: inout [UInt8]) throws {
        let needed = out.count + record.line.count + field.count + 64
        if needed > out.capacity { out.reserveCapacity(needed) }
        field.withUnsafeBufferPointer { name in
            Splice.appendHead(
                line: record.line, members: record.members, closingBrace: record.closingBrace,
                field: name, into: &out)
        }
        // Lend the output buffer to a writer for the value and take it back,
        // also on an error (the caller then cuts the partial record off).
        var writer = JSONWriter(capacity: 0)
        writer.spill = record.spill
        swap(&writer.bytes, &out)
        var offsets = OffsetMap(record.text, unit: record.offsetUnit, ascii: record.textIsASCII)
        do {
            try annotator.annotate(record.text, offsets: &offsets, into: &writer)
        } catch {
            guard writer.spilled else {
                swap(&writer.bytes, &out)
                throw error
            }
            // Part of the line is out already: complete it.
            writer.closeOpenContainers()
            swap(&writer.bytes, &out)
            Splice.appendTail(line: record.line, closingBrace: record.closingBrace, into: &out)
            out.append(0x0A)
            throw PartialRecordError(underlying: error)
        }
        swap(&writer.bytes, &out)
        Splice.appendTail(line: record.line, closingBrace: record.closingBrace, into: &out)
        out.append(0x0A)
    }
}
