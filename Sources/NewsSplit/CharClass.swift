// Character classes for the splitter, on UTF-8 bytes and on scalars.

/// Whether the scanner must look at byte `b`: terminal punctuation, quotation
/// marks, `:`, and the lead bytes of the multi-byte characters that may be
/// either (« » ։ ؟ ۔ । ። … ‼ “ ” ‘ ’ • 。 ！ ？ ．).
@inline(__always)
func isInteresting(_ b: UInt8) -> Bool {
    if b < 0x40 {
        // . ! ? " ' :
        let mask: UInt64 = (1 << 0x2E) | (1 << 0x21) | (1 << 0x3F) | (1 << 0x22) | (1 << 0x27) | (1 << 0x3A)
        return (mask >> UInt64(b)) & 1 != 0
    }
    if b < 0xC2 { return false }
    switch b {
    case 0xC2, 0xD6, 0xD8, 0xDB, 0xE0, 0xE1, 0xE2, 0xE3, 0xEF: return true
    default: return false
    }
}

/// The scalar at `i` (which must start one) and its length in bytes. The
/// text is valid UTF-8; a truncated sequence at `end` decodes as U+FFFD.
@inline(__always)
func decode(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (UInt32, Int) {
    let b0 = t[i]
    if b0 < 0x80 { return (UInt32(b0), 1) }
    if b0 < 0xE0 {
        guard i + 1 < end else { return (0xFFFD, 1) }
        return ((UInt32(b0 & 0x1F) << 6) | UInt32(t[i + 1] & 0x3F), 2)
    }
    if b0 < 0xF0 {
        guard i + 2 < end else { return (0xFFFD, end - i) }
        return ((UInt32(b0 & 0x0F) << 12) | (UInt32(t[i + 1] & 0x3F) << 6) | UInt32(t[i + 2] & 0x3F), 3)
    }
    guard i + 3 < end else { return (0xFFFD, end - i) }
    return (
        (UInt32(b0 & 0x07) << 18) | (UInt32(t[i + 1] & 0x3F) << 12) | (UInt32(t[i + 2] & 0x3F) << 6)
            | UInt32(t[i + 3] & 0x3F), 4
    )
}

/// The scalar that ends just before `e` (not looking before `s`) and its length.
@inline(__always)
func decodeBefore(_ t: UnsafeBufferPointer<UInt8>, _ e: Int, _ s: Int) -> (UInt32, Int) {
    var x = e - 1
    var n = 0
    while x > s && t[x] & 0xC0 == 0x80 && n < 3 { x -= 1; n += 1 }
    let (u, len) = decode(t, x, e)
    return (u, len)
}

/// White space as Python's `str.isspace` sees it (the scorer's and most users' notion).
@inline(__always)
func isSpace(_ u: UInt32) -> Bool {
    if u < 0x80 { return (u >= 0x09 && u <= 0x0D) || (u >= 0x1C && u <= 0x20) }
    switch u {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
}

/// Sentence-final punctuation.
@inline(__always)
func isTerminal(_ u: UInt32) -> Bool {
    switch u {
    case 0x2E, 0x21, 0x3F, 0x2026, 0x203C, 0x2047, 0x2048, 0x2049, 0x3002, 0xFF01, 0xFF1F, 0xFF0E, 0xFF61,
        0x061F, 0x06D4, 0x0964, 0x0965, 0x0589, 0x1362, 0x104B:
        return true
    default: return false
    }
}

/// Terminal punctuation of scripts written without a space after it: a
/// sentence ends there even when the next one follows directly.
@inline(__always)
func isFullStopLike(_ u: UInt32) -> Bool {
    switch u {
    case 0x3002, 0xFF01, 0xFF1F, 0xFF0E, 0xFF61, 0x0964, 0x0965, 0x1362, 0x104B: return true
    default: return false
    }
}

/// Closing quotes and brackets, which stay with the sentence they end.
@inline(__always)
func isCloser(_ u: UInt32) -> Bool {
    switch u {
    case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0x2019, 0x201D, 0xBB, 0x203A, 0x300D, 0x300F, 0xFF09, 0x3015, 0x3011:
        return true
    default: return false
    }
}

/// Opening quotation marks.
@inline(__always)
func isOpener(_ u: UInt32) -> Bool {
    switch u {
    case 0x22, 0x27, 0x201C, 0x2018, 0xAB, 0x201E, 0x2039, 0x300C, 0x300E: return true
    default: return false
    }
}

/// List bullets.
@inline(__always)
func isBullet(_ u: UInt32) -> Bool {
    switch u {
    case 0x2022, 0x2023, 0x2043, 0x25AA, 0x25E6, 0x25CF, 0x25A0, 0x25BA, 0x25B8, 0x2219: return true
    default: return false
    }
}

enum CharCategory { case upper, lower, digit, caseless, symbol }

func category(_ u: UInt32) -> CharCategory {
    if u < 0x80 {
        if u >= 0x41 && u <= 0x5A { return .upper }
        if u >= 0x61 && u <= 0x7A { return .lower }
        if u >= 0x30 && u <= 0x39 { return .digit }
        return .symbol
    }
    guard let s = Unicode.Scalar(u) else { return .symbol }
    let p = s.properties
    if p.isUppercase || p.generalCategory == .titlecaseLetter { return .upper }
    if p.isLowercase { return .lower }
    if p.isAlphabetic { return .caseless }
    if p.numericType == .decimal { return .digit }
    return .symbol
}

@inline(__always) func isLower(_ u: UInt32) -> Bool { category(u) == .lower }

@inline(__always) func isLetter(_ u: UInt32) -> Bool {
    if u < 0x80 { return (u | 0x20) >= 0x61 && (u | 0x20) <= 0x7A }
    guard let s = Unicode.Scalar(u) else { return false }
    return s.properties.isAlphabetic
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
@inline(__always) func isDigit32(_ u: UInt32) -> Bool { u >= 0x30 && u <= 0x39 }
@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
@inline(__always) func isASCIILower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
@inline(__always) func isASCIIUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }

extension Segmenter {
    /// The length of the white-space character at `i` (before `end`), or 0.
    @inline(__always)
    mutating func spaceLen(_ i: Int, _ end: Int) -> Int {
        let b = t[i]
        if b < 0x80 { return (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20) ? 1 : 0 }
        if b != 0xC2 && b != 0xE1 && b != 0xE2 && b != 0xE3 { return 0 }
        let (u, len) = decode(t, i, end)
        return isSpace(u) ? len : 0
    }

    /// The length of the white-space character that ends before `e` (not before `s`), or 0.
    @inline(__always)
    mutating func spaceLenBefore(_ e: Int, _ s: Int) -> Int {
        let b = t[e - 1]
        if b < 0x80 { return (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20) ? 1 : 0 }
        let (u, len) = decodeBefore(t, e, s)
        return isSpace(u) ? len : 0
    }
}
