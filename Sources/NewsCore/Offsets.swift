/// The unit in which offsets are written (`--offsets`).
public enum OffsetUnit: String, CaseIterable, Sendable {
    /// Unicode code points, as Python's `str` indexing counts (the default).
    case codepoint
    /// UTF-16 code units, as JavaScript and Java count.
    case utf16
    /// UTF-8 bytes.
    case utf8
}

/// Turns byte offsets in one text into offsets in the chosen unit.
///
/// It walks forward from the last offset asked for, so a run of increasing
/// offsets costs one pass over the text; to go back it starts from a
/// checkpoint recorded every 4 KiB on the way, so any order stays cheap.
public struct OffsetMap {
    public let unit: OffsetUnit
    /// Whether every offset is the byte offset itself: the unit is UTF-8,
    /// or the text is known to be ASCII.
    public let countsBytes: Bool
    private let text: UnsafeBufferPointer<UInt8>
    @usableFromInline var byte = 0
    @usableFromInline var count = 0
    /// checkpoints[k] = units in text[0 ..< k * stride].
    private var checkpoints: [Int] = [0]
    private static let stride = 4096

    /// `ascii` promises that `text` is all ASCII (then no walking is needed).
    public init(_ text: UnsafeBufferPointer<UInt8>, unit: OffsetUnit = .codepoint, ascii: Bool = false) {
        self.text = text
        self.unit = unit
        countsBytes = unit == .utf8 || ascii
    }

    /// The offset, in `unit`, of byte `target` (0 ... text.count).
    @inlinable public mutating func callAsFunction(_ target: Int) -> Int {
        if countsBytes { return target }
        if target == byte { return count }  // an end asked for again as the next start
        return walk(to: target)
    }

    @usableFromInline mutating func walk(to target: Int) -> Int {
        precondition(target >= 0 && target <= text.count, "offset outside the text")
        if target < byte {
            let k = min(target / Self.stride, checkpoints.count - 1)
            byte = k * Self.stride
            count = checkpoints[k]
        }
        let isUTF16 = unit == .utf16
        while byte < target {
            // Walk to the next checkpoint or the target, whichever is first.
            let nextCheckpoint = (byte / Self.stride + 1) * Self.stride
            let stop = min(target, nextCheckpoint)
            var c = 0
            var i = byte
            // Eight bytes at a time: a code point per byte that is not a
            // continuation byte (10xxxxxx), plus one UTF-16 unit more per 4-byte lead (11110xxx).
            let raw = UnsafeRawPointer(text.baseAddress!)
            let high: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= stop {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                c += 8 - (x & ~(x << 1) & high).nonzeroBitCount
                if isUTF16 { c += (x & (x << 1) & (x << 2) & (x << 3) & high).nonzeroBitCount }
                i += 8
            }
            while i < stop {
                let b = text[i]
                if b & 0xC0 != 0x80 { c += 1 }
                if isUTF16 && b >= 0xF0 { c += 1 }
                i += 1
            }
            count += c
            byte = stop
            if byte == nextCheckpoint && byte / Self.stride == checkpoints.count {
                checkpoints.append(count)
            }
        }
        return count
    }
}
