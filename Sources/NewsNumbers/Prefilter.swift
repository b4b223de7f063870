// A cheap test, run before a paragraph is tokenized, that proves the paragraph
// holds no number item, so that it needs no tokens and no parse.
//
// Why it cannot change the output. Every item the parser emits contains a
// phrase (`NumberAnnotator.phrase`) or a vague multiple
// (`NumberAnnotator.multiples`):
// - `parseAt` makes items only through `core` (directly, after a qualifier,
//   in `between`/`fromRange`, and the ranges, quotients and fractions built
//   on a core), through `multiples` (a word of class `multiple`), or through
//   "percent of X" (a `phrase` again);
// - `core` parses a `phrase` (the "magnitude" form needs a numeric literal);
// - `phrase` starts (after an optional "minus" or sign) at a vulgar fraction
//   (½, ⅓, ...), a numeric literal (which starts with an ASCII digit, or with
//   "." before one), or a lexicon word through `wordPhrase`, which answers
//   only for a word of class unit, teen, tens, ordinal, half or quarter, or an
//   article followed by a word of class hundred, scale (longer than two
//   letters), dozen, half, quarter, ordinal or tens.
// So a paragraph with no ASCII digit, no vulgar fraction and no word of those
// classes (the "anchor" words) yields no item. Each paragraph (or window
// piece) is parsed on its own (`annotateWindow` resets the tokens, `lastEnd`
// and the items), so leaving one out changes nothing else.
//
// Word boundaries: the lexicon's words are ASCII and the lookup compares
// ASCII bytes, so only a token made of ASCII letters alone can match one. Such
// a token is a maximal run of ASCII letters in the text (the tokenizer ends a
// word only at a byte that is not a letter, and a word never starts right
// after a letter), which is exactly what the scan below reads as a word.
// Currency symbols, "<", ">" and "$" cannot start an item without a digit
// after them (`currencyPrefix`, `qualifier` then `core`), so they need no test.

extension Lexicon {
    /// Whether an entry can anchor an item (see the file comment): the word
    /// classes a phrase can start with, or that an article can start one with.
    /// Plural ordinals and "quarters" are included though no phrase starts
    /// with them: a few rare words more only cost a parse.
    static func anchorsItem(_ e: LexEntry, length: Int) -> Bool {
        switch e.cls {
        case .unit, .teen, .tens, .hundred, .dozen, .half, .quarter, .quarters, .ordinal, .ordinals, .multiple:
            return true
        case .scale:
            return length > 2
        default:
            return false
        }
    }
}

/// Finds whether a text can hold a number item, without tokenizing it.
struct Prefilter {
    /// The lexicon's lookup, answering (past its cheap masks) only for words
    /// whose first two letters and length match an anchor word's.
    let anchors: FastLookup
    /// The lexicon's entries, to check the class of a word found.
    let entries: UnsafeMutablePointer<LexEntry>

    init(lexicon: Lexicon) {
        anchors = lexicon.anchorFast
        entries = lexicon.entryPtr
    }

    /// False only when `t` has no ASCII digit, no vulgar fraction and no anchor word:
    /// then no item can be found in it (see the file comment).
    func mayHoldItem(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        if Prefilter.hasDigitOrVulgar(t) { return true }
        return hasAnchorWord(t)
    }

    /// An ASCII digit (eight bytes at a time), or one of the vulgar fractions
    /// U+00BC–U+00BE (C2 BC–BE) and U+2150–U+215E (E2 85 90–9E).
    static func hasDigitOrVulgar(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = t.count
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        if n >= 32 {
            // 32 bytes a step, one branch for the digits and one for lead bytes.
            let raw = UnsafeRawPointer(t.baseAddress!)
            while i + 32 <= n {
                let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                let c = raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                let d = raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if Prefilter.digits(a) | Prefilter.digits(b) | Prefilter.digits(c) | Prefilter.digits(d) != 0 { return true }
                if (a | b | c | d) & high != 0 && vulgarIn(t, from: i, to: i + 32) { return true }
                i += 32
            }
        }
        while i < n {
            let x = Prefilter.load8(t, i)
            // Padding bytes past the end are 0: neither digit nor lead byte.
            if Prefilter.digits(x) != 0 { return true }
            if x & high != 0 && vulgarIn(t, from: i, to: min(n, i + 8)) { return true }
            i += 8
        }
        return false
    }

    /// The high bit of each byte of `x` that is an ASCII digit.
    @inline(__always)
    static func digits(_ x: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        // Per byte y = x & 0x7F: y + 0x50 sets the high bit when y >= 0x30,
        // y + 0x46 when y >= 0x3A; neither carries into the next byte.
        let y = x & ~high
        return (y &+ 0x5050_5050_5050_5050) & ~(y &+ 0x4646_4646_4646_4646) & ~x & high
    }

    /// Eight bytes of `t` from `i` (little-endian), zero past the end.
    @inline(__always)
    static func load8(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
        let raw = UnsafeRawPointer(t.baseAddress!)
        if i + 8 <= t.count { return raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) }
        var x: UInt64 = 0
        var k = t.count - 1
        while k >= i { x = (x << 8) | UInt64(t[k]); k -= 1 }
        return x
    }

    /// A vulgar fraction whose first byte lies in t[from..<to].
    static func vulgarIn(_ t: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        let n = t.count
        var i = from
        while i < to {
            let b = t[i]
            if b == 0xC2 && i + 1 < n && t[i + 1] &- 0xBC < 3 { return true }
            if b == 0xE2 && i + 2 < n && t[i + 1] == 0x85 && t[i + 2] &- 0x90 < 15 { return true }
            i += 1
        }
        return false
    }

    /// A maximal run of ASCII letters that is an anchor word (ASCII case ignored).
    ///
    /// Letters are found 64 bytes at a time as a bit mask (one bit per byte),
    /// and words are read off the mask's run starts: a byte-by-byte loop paid
    /// two mispredicted branches per word and cost as much as tokenizing.
    func hasAnchorWord(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = t.count
        var block = 0
        // Bit 0 set when the byte before the block is a letter (its word was read already).
        var carry: UInt64 = 0
        while block < n {
            let len = min(64, n - block)
            var letters: UInt64 = 0
            var k = 0
            while k < len {
                letters |= Prefilter.letterBits(Prefilter.load8(t, block + k)) << UInt64(k)
                k += 8
            }
            var starts = letters & ~((letters << 1) | carry)
            // Bytes past a short last block count as non-letters: the text ends there.
            let nonLetters = ~letters
            while starts != 0 {
                let s = starts.trailingZeroBitCount
                starts &= starts &- 1
                let after = nonLetters >> UInt64(s)
                var e: Int
                if after != 0 {
                    e = block + s + after.trailingZeroBitCount
                } else {
                    // The word runs past the block: read on byte by byte.
                    e = block + 64
                    while e < n && (t[e] | 0x20) &- 97 < 26 { e &+= 1 }
                }
                let ws = block + s
                let wl = e - ws
                if wl < 32 && anchors.mayHold(t, ws, wl) {
                    let id = anchors.findHeld(t, ws, e)
                    if id >= 0 && Lexicon.anchorsItem(entries[Int(id)], length: wl) { return true }
                }
            }
            carry = len == 64 ? letters >> 63 : 0
            block += len
        }
        return false
    }

    /// One bit per byte of `x` (bit k for byte k, little-endian): set for an ASCII letter.
    @inline(__always)
    static func letterBits(_ x: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        // Per byte y = (b | 0x20) & 0x7F: y + 0x1F sets the high bit when y >= "a",
        // y + 0x05 when y > "z"; neither carries. A byte >= 0x80 is no letter.
        let y = (x | 0x2020_2020_2020_2020) & ~high
        let m = (y &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(y &+ 0x0505_0505_0505_0505) & ~x & high
        return ((m >> 7) &* 0x0102_0408_1020_4080) >> 56
    }
}
