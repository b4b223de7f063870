#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Sixteen bytes at a time: the scans every tool makes for "the next byte of
/// interest" (a quote, a backslash, a full stop, a non-ASCII byte) go through
/// these, so that they compile to SSE2 compares on x86-64 (NEON on arm64).
///
/// Written with `SIMD16<UInt8>` comparisons against splatted constants, and
/// the resulting mask read back as sixteen bits (`bits`): comparing against a
/// scalar, or asking `any(_:)`, makes the Swift 6 compiler fall back to
/// per-lane code or to an unspecialised reduction call, several times slower
/// than eight-byte SWAR.
public enum ByteLanes {
    public typealias Lanes = SIMD16<UInt8>
    public typealias Mask = SIMDMask<SIMD16<Int8>>
    @inlinable public static var width: Int { 16 }

    /// The sixteen bytes at `offset`; no alignment needed.
    @inlinable @inline(__always)
    public static func load(_ base: UnsafeRawPointer, _ offset: Int) -> Lanes {
        base.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
    }

    /// Every lane equal to `byte`.
    @inlinable @inline(__always)
    public static func splat(_ byte: UInt8) -> Lanes { Lanes(repeating: byte) }

    /// Lanes whose byte is below 0x20 (C0 controls) or at least 0x80 (UTF-8
    /// lead and continuation bytes): one signed compare.
    @inlinable @inline(__always)
    public static func controlOrNonASCII(_ v: Lanes) -> Mask {
        // Signed bytes: 0x80...0xFF are negative, 0x00...0x1F below 0x20.
        SIMD16<Int8>(truncatingIfNeeded: v) .< SIMD16<Int8>(repeating: 0x20)
    }

    /// Lanes whose byte is at least 0x80.
    @inlinable @inline(__always)
    public static func nonASCII(_ v: Lanes) -> Mask {
        SIMD16<Int8>(truncatingIfNeeded: v) .< SIMD16<Int8>()
    }

    /// A bit per lane, bit k for lane k. On x86-64 one `pmovmskb`; elsewhere
    /// the lanes' top bits gathered from two 64-bit words by a multiply.
    @inlinable @inline(__always)
    public static func bits(_ m: Mask) -> UInt32 {
        #if arch(x86_64)
        return UInt32(bitPattern: _mm_movemask_epi8(unsafeBitCast(m, to: __m128i.self)))
        #else
        let w = unsafeBitCast(m, to: SIMD2<UInt64>.self)
        let high: UInt64 = 0x8080_8080_8080_8080, gather: UInt64 = 0x0002_0408_1020_4081
        return UInt32(truncatingIfNeeded: ((w[0] & high) &* gather) >> 56)
            | UInt32(truncatingIfNeeded: ((w[1] & high) &* gather) >> 56) << 8
        #endif
    }

    /// The index (0 ..< 16) of the first set lane, or 16 if none is set.
    /// (No test on which half holds it: that branch went either way, and
    /// was mispredicted, at every stop of a scan.)
    @inlinable @inline(__always)
    public static func firstSet(_ m: Mask) -> Int {
        (bits(m) | 0x1_0000).trailingZeroBitCount
    }

    /// The index (0 ..< 16) of the first set lane at or after lane `from`
    /// (0 ..< 16), or 16 if none is set.
    @inlinable @inline(__always)
    public static func firstSet(_ m: Mask, from: Int) -> Int {
        ((bits(m) & (~0 << UInt32(truncatingIfNeeded: from))) | 0x1_0000).trailingZeroBitCount
    }

    /// The offset of the first byte in `base[from ..< to]` whose lane `hit`
    /// sets, or `to` if there is none. `hit` must leave the byte "A" (0x41)
    /// unset: a range shorter than sixteen bytes is scanned padded with it.
    /// The last partial block is read as the sixteen bytes ending at `to`,
    /// so no byte outside `base[0 ..< to]` is read.
    @inlinable @inline(__always)
    public static func firstIndex(
        _ base: UnsafeRawPointer, from: Int, to: Int, where hit: (Lanes) -> Mask
    ) -> Int {
        var i = from
        // Two blocks a turn: one test and one loop branch per 32 bytes.
        while i + 2 * width <= to {
            let both = bits(hit(load(base, i))) | bits(hit(load(base, i + width))) << 16
            if both != 0 { return i + both.trailingZeroBitCount }
            i += 2 * width
        }
        if i + width <= to {
            let k = firstSet(hit(load(base, i)))
            if k < width { return i + k }
            i += width
        }
        if i >= to { return to }
        if to >= width {
            let b = to - width
            return b + firstSet(hit(load(base, b)), from: i - b)
        }
        var padded = splat(0x41)
        for k in 0..<(to - i) { padded[k] = base.load(fromByteOffset: i + k, as: UInt8.self) }
        return i + min(firstSet(hit(padded)), to - i)
    }

    /// The offset of the first `byte` in `base[from ..< to]`, or `to`. For
    /// the short distances of text (the next newline, quote or backslash)
    /// this inline scan beats a call to `memchr`.
    @inlinable @inline(__always)
    public static func firstIndex(of byte: UInt8, _ base: UnsafeRawPointer, from: Int, to: Int) -> Int {
        let wanted = splat(byte)
        if byte == 0x41 {
            // The padding byte of a short range: scan that byte by byte.
            var i = from
            while i < to && base.load(fromByteOffset: i, as: UInt8.self) != byte { i += 1 }
            return i
        }
        return firstIndex(base, from: from, to: to) { $0 .== wanted }
    }

    /// Whether every byte of `text` is below 0x80: the bytes ORed together
    /// 32 at a time (for texts whose scanner did not already say).
    public static func isASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
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
}
