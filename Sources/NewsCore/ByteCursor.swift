/// Writes bytes at a pointer into room reserved beforehand, for output built
/// piece by piece in a hot loop: no capacity or uniqueness check per piece.
///
/// ```swift
/// out.append(addingCapacity: bound) { span in
///     span.withUnsafeMutableBufferPointer { buffer, count in
///         var c = ByteCursor(buffer.baseAddress! + count)
///         c.literal(#"{"n":"#); c.decimal(n); c.byte(UInt8(ascii: "}"))
///         count += c.written(from: buffer.baseAddress! + count)
///     }
/// }
/// ```
/// The caller bounds what it writes: a decimal is at most 20 bytes.
public struct ByteCursor {
    public var position: UnsafeMutablePointer<UInt8>

    @inlinable public init(_ start: UnsafeMutablePointer<UInt8>) { position = start }

    /// The number of bytes written since `start`.
    @inlinable public func written(from start: UnsafeMutablePointer<UInt8>) -> Int { start.distance(to: position) }

    @inlinable public mutating func byte(_ b: UInt8) {
        position.pointee = b
        position += 1
    }

    @inlinable public mutating func bytes(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let from = piece.baseAddress else { return }
        position.update(from: from, count: piece.count)
        position += piece.count
    }

    /// `count` (at most 8) bytes from `from`, in one eight-byte load and
    /// store: eight bytes must be readable at `from` and writable here. For
    /// a short piece written just before (a number written twice).
    @inlinable public mutating func short(_ from: UnsafePointer<UInt8>, count: Int) {
        let x = UnsafeRawPointer(from).loadUnaligned(as: UInt64.self)
        UnsafeMutableRawPointer(position).storeBytes(of: x, as: UInt64.self)
        position += count
    }

    @inlinable public mutating func bytes(_ piece: [UInt8]) {
        piece.withUnsafeBufferPointer { bytes($0) }
    }

    /// A literal of our own.
    @inlinable public mutating func literal(_ s: StaticString) {
        bytes(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// The decimal digits of `value` (at most 20 bytes; the caller reserves
    /// 20). Offsets, indexes and counts, below 10^8, take paths without a
    /// test on their number of digits, which changes from one value to the
    /// next: a loop or test on it was mispredicted about once a value.
    @inlinable public mutating func decimal(_ value: Int) {
        if value >= 0 && value < 10_000 {
            // Most of them: four digits, the same way with half the steps.
            let v = UInt64(truncatingIfNeeded: value)
            let q = (v &* 5243) >> 19
            var x = q | ((v &- q &* 100) << 16)
            let q2 = ((x &* 103) >> 10) & 0x000F_000F
            x = q2 | ((x &- q2 &* 10) << 8)
            let zeroBits = (x | 1 << 24).trailingZeroBitCount & ~7
            x = (x >> UInt64(truncatingIfNeeded: zeroBits)) | 0x3030_3030
            UnsafeMutableRawPointer(position).storeBytes(of: UInt32(truncatingIfNeeded: x).littleEndian, as: UInt32.self)
            position += 4 &- zeroBits &>> 3
            return
        }
        if value >= 0 && value < 100_000_000 {
            let v = UInt64(truncatingIfNeeded: value)
            // Eight digits, leading zeros included, one per byte with the
            // most significant first in memory: the value is split in
            // halves of four digits, each half in pairs, each pair in
            // digits, every division a multiply and shift done on all
            // the parts of the word at once (the factors are exact for
            // parts below 10,000, 100 and 10).
            var x = (v / 10_000) | ((v % 10_000) << 32)
            var q = ((x &* 10486) >> 20) & 0x0000_007F_0000_007F
            x = q | ((x &- q &* 100) << 16)
            q = ((x &* 103) >> 10) & 0x000F_000F_000F_000F
            x = q | ((x &- q &* 10) << 8)
            // The leading zeros are the zero bytes at the low end (the last
            // digit is kept even when zero); they are shifted out, and all
            // eight bytes stored: only the digits count as written.
            let zeroBits = (x | 1 << 56).trailingZeroBitCount & ~7
            x = (x >> UInt64(truncatingIfNeeded: zeroBits)) | 0x3030_3030_3030_3030
            UnsafeMutableRawPointer(position).storeBytes(of: x.littleEndian, as: UInt64.self)
            position += 8 &- zeroBits &>> 3
            return
        }
        if value < 0 { byte(UInt8(ascii: "-")) }
        var v = value.magnitude
        var digits = 1
        var probe = v
        while probe >= 10 { digits += 1; probe /= 10 }
        let pairs = ByteCursor.digitPairs.utf8Start
        var i = digits
        while v >= 100 {
            let pair = Int(truncatingIfNeeded: v % 100) &* 2
            v /= 100
            i -= 2
            position[i] = pairs[pair]
            position[i + 1] = pairs[pair + 1]
        }
        if v >= 10 {
            let pair = Int(truncatingIfNeeded: v) &* 2
            position[0] = pairs[pair]
            position[1] = pairs[pair + 1]
        } else {
            position[0] = UInt8(truncatingIfNeeded: v) &+ 48
        }
        position += digits
    }

    /// "00", "01", … "99".
    @usableFromInline static let digitPairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// `utf8` as a quoted JSON string (see `JSONWriter.appendEscaped`); at
    /// most 6 × `utf8.count` + 2 bytes.
    @inlinable public mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        byte(UInt8(ascii: "\""))
        position += JSONWriter.escapeBody(utf8, to: position)
        byte(UInt8(ascii: "\""))
    }
}
