/// Byte-level tokenizer for entity recognition: words (with their shape and a
/// case-folded hash), and single punctuation marks. Linear in the text.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable array of tokens that appends without uniqueness checks: one per
/// annotator, reused for every record. Tokens are plain data, so the storage is
/// grown with `realloc`, which moves large blocks without copying them (a 20 MB
/// text does not need the old and the new block at once).
final class TokenBuffer {
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<Token>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = TokenBuffer.resize(nil, to: self.capacity)
    }

    deinit { free(base) }

    private static func resize(_ p: UnsafeMutablePointer<Token>?, to n: Int) -> UnsafeMutablePointer<Token> {
        guard let raw = realloc(p.map { UnsafeMutableRawPointer($0) }, n * MemoryLayout<Token>.stride) else {
            fatalError("news-entities: out of memory for \(n) tokens")
        }
        return raw.bindMemory(to: Token.self, capacity: n)
    }

    @inline(__always) subscript(i: Int) -> Token {
        get { base[i] }
        set { base[i] = newValue }
    }

    var last: Token? { count > 0 ? base[count - 1] : nil }

    @inline(__always) func append(_ t: Token) {
        if count == capacity { grow() }
        (base + count).initialize(to: t)
        count += 1
    }

    /// Forgets the tokens; keeps the memory (unless a giant record made it large).
    func removeAll() {
        count = 0
        if capacity > 1 << 20 {
            capacity = 4096
            base = TokenBuffer.resize(base, to: capacity)
        }
    }

    private func grow() {
        capacity *= 2
        base = TokenBuffer.resize(base, to: capacity)
    }

    var all: UnsafeBufferPointer<Token> { UnsafeBufferPointer(start: base, count: count) }
}

/// One token: a word or one punctuation character.
struct Token {
    /// Byte range in the text.
    var start: Int32
    var end: Int32
    /// Case-folded hash of the token (words and punctuation alike).
    var hash: UInt64
    /// Lexicon flags (`Lex`) of the word by itself; 0 for punctuation.
    var lex: UInt32
    /// `Shape` bits.
    var shape: UInt16
    /// For punctuation: the `Punct` kind; for words: the `Conn` connector kind.
    var kind: UInt8
    /// Index of the segment (sentence or line) the token belongs to.
    var segment: Int32 = 0

    var isWord: Bool { shape & Shape.word != 0 }
    var isCap: Bool { shape & Shape.cap != 0 }
    var isAllCaps: Bool { shape & Shape.allCaps != 0 }
    var sentStart: Bool { shape & Shape.sentStart != 0 }
    var spaceBefore: Bool { shape & Shape.spaceBefore != 0 }
    var length: Int { Int(end - start) }
}

enum Shape {
    static let word: UInt16 = 1
    /// Starts with an upper-case letter.
    static let cap: UInt16 = 2
    /// Has letters, at least two, and none is lower case.
    static let allCaps: UInt16 = 4
    /// Has a lower-case letter.
    static let hasLower: UInt16 = 8
    /// Starts with a digit.
    static let digit: UInt16 = 16
    /// First word of a sentence, line or quotation.
    static let sentStart: UInt16 = 32
    /// White space (or the text's start) precedes it.
    static let spaceBefore: UInt16 = 64
    /// Ends with a period that belongs to it ("U.S.", "Inc.", "J.").
    static let dotted: UInt16 = 128
    /// A line break precedes it.
    static let lineStart: UInt16 = 256
    /// Has a digit (anywhere).
    static let hasDigit: UInt16 = 512
}

enum Punct {
    static let other: UInt8 = 0
    static let period: UInt8 = 1
    static let stop: UInt8 = 2  // ! ?
    static let comma: UInt8 = 3
    static let colon: UInt8 = 4
    static let hyphen: UInt8 = 5
    static let dash: UInt8 = 6
    static let quote: UInt8 = 7
    static let open: UInt8 = 8  // ( [
    static let close: UInt8 = 9  // ) ]
    static let amp: UInt8 = 10
    static let possessive: UInt8 = 11  // 's ’s
    static let apostrophe: UInt8 = 12
    static let semicolon: UInt8 = 13
}

/// Lower-case words that may join the parts of a name.
enum Conn {
    static let none: UInt8 = 0
    static let of: UInt8 = 1
    static let the: UInt8 = 2
    static let and: UInt8 = 3
    static let `for`: UInt8 = 4
    /// Name particles: de, van, von, al, bin, da, di, du, der, del, la, le, ibn, ben, y.
    static let particle: UInt8 = 5
}

@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
@inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
@inline(__always) func lowerASCII(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

enum Hash {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    /// Combines the hash so far with the next token's hash.
    @inline(__always) static func combine(_ h: UInt64, _ t: UInt64) -> UInt64 {
        var x = h ^ (h >> 29)
        x = x &* 0xbf58_476d_1ce4_e5b9
        return (x ^ (x >> 32)) ^ t
    }
}

/// Length of a multi-byte sequence that is punctuation or space, or 0 if the
/// character at `i` is a letter or other word character.
@inline(__always)
func punctuationLength(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let b = t[i]
    let n = t.count
    if b == 0xC2, i + 1 < n {
        let c = t[i + 1]
        // NBSP, «, », ¡, ¿, ·, ©, ®, °, ±, §, ¶ and the other symbols of Latin-1.
        if c != 0xAA && c != 0xB5 && c != 0xBA { return 2 }
    } else if b == 0xE2, i + 2 < n {
        let c = t[i + 1]
        if c == 0x80 || c == 0x81 || c == 0x82 || c == 0x84 || c == 0x86 || c == 0x88 || c == 0x96 { return 3 }
    } else if b == 0xE3, i + 2 < n, t[i + 1] == 0x80 {
        return 3
    } else if b == 0xEF, i + 2 < n, t[i + 1] == 0xBB || t[i + 1] == 0xBC || t[i + 1] == 0xBD {
        return 3  // BOM, full-width punctuation
    }
    return 0
}

/// Upper-case test for the first letter of a word starting at `i`.
@inline(__always)
func isUpperAt(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let b = t[i]
    if b < 0x80 { return b &- 0x41 < 26 }
    guard i + 1 < t.count else { return false }
    let c = t[i + 1]
    switch b {
    case 0xC3: return c >= 0x80 && c <= 0x9E && c != 0x97
    case 0xC4, 0xC5: return c & 1 == 0  // Latin Extended-A: upper case at even code points (mostly)
    case 0xCE: return c >= 0x86 && c <= 0xAB  // Greek capitals
    case 0xD0: return c >= 0x80 && c <= 0xAF  // Cyrillic capitals
    default: return false
    }
}

@inline(__always)
func isLowerAt(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let b = t[i]
    if b < 0x80 { return b &- 0x61 < 26 }
    guard i + 1 < t.count else { return false }
    let c = t[i + 1]
    switch b {
    case 0xC3: return c >= 0x9F && c != 0xB7
    case 0xC4, 0xC5: return c & 1 == 1
    case 0xCE: return c >= 0xAC
    case 0xCF: return c <= 0x8E
    case 0xD0: return c >= 0xB0
    case 0xD1: return true
    default: return false
    }
}

/// Abbreviations that keep their period ("Inc.", "Mr."), as lower-case ASCII.
let dottedAbbreviations = WordSet([
    "inc", "corp", "co", "ltd", "jr", "sr", "st", "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov",
    "lt", "col", "capt", "sgt", "prof", "rev", "mt", "ft", "vs", "bros", "adm", "cmdr", "maj", "pvt",
    "cpl", "fr", "messrs", "mme", "mlle", "hon", "sens", "reps", "supt", "insp", "det", "cpt",
    // US state abbreviations of wire copy ("Conn.", "Calif.")
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky",
    "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "penn",
    "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
])

/// Titles whose abbreviation ends with a period that does not end a sentence.
let titleAbbreviations = WordSet([
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "prof", "rev",
    "adm", "cmdr", "maj", "pvt", "cpl", "fr", "messrs", "mme", "mlle", "hon", "sens", "reps", "st",
    "mt", "ft", "supt", "insp", "det", "cpt", "jr", "sr", "vs",
])

/// Splits `text` into tokens, appending them to `tokens` (which it empties first).
/// `lookup` gives a word's lexicon flags from its hash; it is called only for
/// words that start with an upper-case letter or a digit.
func tokenize(
    _ t: UnsafeBufferPointer<UInt8>, into tokens: TokenBuffer, lookup: (UInt64) -> UInt32
) {
    tokens.removeAll()
    let n = t.count
    var i = 0
    var space = true
    var lineStart = true
    var pendingStart = true
    var segment: Int32 = 0
    while i < n {
        let b = t[i]
        // White space.
        if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A || b == 0x0B || b == 0x0C {
            if b == 0x0A {
                lineStart = true
                pendingStart = true
                segment &+= 1
            }
            space = true
            i += 1
            continue
        }
        if b >= 0x80 {
            let pl = punctuationLength(t, i)
            if pl > 0 {
                let c1 = t[i + 1]
                if b == 0xC2 && (c1 == 0xA0) || (b == 0xE2 && c1 == 0x80 && t[i + 2] <= 0x8A) {
                    // NBSP and the Unicode spaces.
                    space = true
                    i += pl
                    continue
                }
                if b == 0xE2 && c1 == 0x80 && (t[i + 2] == 0xA8 || t[i + 2] == 0xA9) {
                    lineStart = true
                    pendingStart = true
                    segment &+= 1
                    space = true
                    i += pl
                    continue
                }
                var kind = Punct.other
                if b == 0xE2 && c1 == 0x80 {
                    let c2 = t[i + 2]
                    switch c2 {
                    case 0x90, 0x91: kind = Punct.hyphen
                    case 0x92, 0x93, 0x94, 0x95: kind = Punct.dash
                    case 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xB9, 0xBA: kind = Punct.quote
                    case 0xA6: kind = Punct.period  // …
                    default: kind = Punct.other
                    }
                    // ’s possessive
                    if c2 == 0x99, i + 3 < n, t[i + 3] | 0x20 == 0x73,
                        i + 4 >= n || !isWordByteStart(t, i + 4), !space
                    {
                        appendPunct(tokens, i, i + 4, Punct.possessive, space, lineStart, segment)
                        i += 4
                        space = false
                        lineStart = false
                        continue
                    }
                    if c2 == 0x99 && !space { kind = Punct.apostrophe }
                } else if b == 0xC2 && (c1 == 0xAB || c1 == 0xBB) {
                    kind = Punct.quote
                }
                appendPunct(tokens, i, i + pl, kind, space, lineStart, segment)
                if kind == Punct.period {
                    pendingStart = true
                    segment &+= 1
                } else if kind == Punct.dash || kind == Punct.other {
                    // keep pendingStart as it is: a dash after a full stop, or a bullet
                }
                i += pl
                space = false
                lineStart = false
                continue
            }
        }
        if b < 0x80 && !isASCIILetter(b) && !isDigit(b) {
            // ASCII punctuation.
            var kind = Punct.other
            switch b {
            case UInt8(ascii: "."): kind = Punct.period
            case UInt8(ascii: "!"), UInt8(ascii: "?"): kind = Punct.stop
            case UInt8(ascii: ","): kind = Punct.comma
            case UInt8(ascii: ":"): kind = Punct.colon
            case UInt8(ascii: ";"): kind = Punct.semicolon
            case UInt8(ascii: "-"):
                kind = Punct.hyphen
                if i + 1 < n && t[i + 1] == UInt8(ascii: "-") { kind = Punct.dash }
            case UInt8(ascii: "\""), UInt8(ascii: "`"): kind = Punct.quote
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): kind = Punct.open
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): kind = Punct.close
            case UInt8(ascii: "&"): kind = Punct.amp
            case UInt8(ascii: "'"):
                if i + 1 < n, t[i + 1] | 0x20 == 0x73, i + 2 >= n || !isWordByteStart(t, i + 2),
                    !space || (i + 2 < n && tokens.last.map { $0.isWord } == true)
                {
                    appendPunct(tokens, i, i + 2, Punct.possessive, space, lineStart, segment)
                    i += 2
                    space = false
                    lineStart = false
                    continue
                }
                kind = space ? Punct.quote : Punct.apostrophe
            default: kind = Punct.other
            }
            appendPunct(tokens, i, i + 1, kind, space, lineStart, segment)
            if kind == Punct.period || kind == Punct.stop {
                pendingStart = true
                segment &+= 1
            } else if kind == Punct.colon || kind == Punct.semicolon {
                pendingStart = true
            } else if kind != Punct.quote && kind != Punct.open && kind != Punct.close {
                if kind != Punct.dash && kind != Punct.other { pendingStart = false }
            }
            i += 1
            space = false
            lineStart = false
            continue
        }
        // A word.
        let start = i
        var shape: UInt16 = Shape.word
        if space { shape |= Shape.spaceBefore }
        if lineStart { shape |= Shape.lineStart }
        if isUpperAt(t, i) { shape |= Shape.cap } else if isDigit(b) { shape |= Shape.digit }
        var upper = 0
        var lower = 0
        var h = Hash.offset
        while i < n {
            let c = t[i]
            // Lower-case ASCII letters first: most bytes of a text.
            if c &- 0x61 < 26 {
                lower = 1
                h = (h ^ UInt64(c)) &* Hash.prime
                i += 1
                continue
            }
            if c &- 0x41 < 26 {
                upper += 1
                h = (h ^ UInt64(c | 0x20)) &* Hash.prime
                i += 1
                continue
            }
            if c < 0x80 {
                if isDigit(c) {
                    shape |= Shape.hasDigit
                    h = (h ^ UInt64(c)) &* Hash.prime
                    i += 1
                    continue
                }
                // Internal apostrophe: O'Brien, Shi'ite (not a possessive 's).
                if c == UInt8(ascii: "'"), i + 1 < n, isASCIILetter(t[i + 1]) || t[i + 1] >= 0xC3,
                    !(t[i + 1] | 0x20 == 0x73 && (i + 2 >= n || !isWordByteStart(t, i + 2)))
                {
                    h = (h ^ UInt64(c)) &* Hash.prime
                    i += 1
                    continue
                }
                break
            }
            if c == 0xE2, i + 3 < n, t[i + 1] == 0x80, t[i + 2] == 0x99, isASCIILetter(t[i + 3]),
                !(t[i + 3] | 0x20 == 0x73 && (i + 4 >= n || !isWordByteStart(t, i + 4)))
            {
                h = (h ^ UInt64(UInt8(ascii: "'"))) &* Hash.prime
                i += 3
                continue
            }
            if punctuationLength(t, i) > 0 { break }
            // A non-ASCII letter: fold Latin-1 capitals, count case.
            if isUpperAt(t, i) { upper += 1 } else if isLowerAt(t, i) { lower += 1 }
            var len = 1
            if c >= 0xF0 { len = 4 } else if c >= 0xE0 { len = 3 } else if c >= 0xC0 { len = 2 }
            if i + len > n { len = n - i }
            var k = 0
            while k < len {
                var x = t[i + k]
                if k == 1 && c == 0xC3 && x >= 0x80 && x <= 0x9E && x != 0x97 { x &+= 0x20 }
                h = (h ^ UInt64(x)) &* Hash.prime
                k += 1
            }
            i += len
        }
        // A period that belongs to the word: initials, acronyms, abbreviations.
        var titleDot = false
        if i < n && t[i] == UInt8(ascii: ".") {
            let wlen = i - start
            if wlen == 1 && isASCIILetter(t[start]) {
                // "J." or "U.S.A."
                h = (h ^ UInt64(UInt8(ascii: "."))) &* Hash.prime
                i += 1
                while i + 1 < n, isASCIILetter(t[i]), t[i + 1] == UInt8(ascii: ".") {
                    if t[i] < 0x61 { upper += 1 } else { lower += 1 }
                    h = (h ^ UInt64(t[i] | 0x20)) &* Hash.prime
                    h = (h ^ UInt64(UInt8(ascii: "."))) &* Hash.prime
                    i += 2
                }
                shape |= Shape.dotted
            } else if wlen <= 6 && dottedAbbreviations.contains(h) {
                titleDot = titleAbbreviations.contains(h)
                h = (h ^ UInt64(UInt8(ascii: "."))) &* Hash.prime
                i += 1
                shape |= Shape.dotted
            }
        }
        if lower > 0 { shape |= Shape.hasLower } else if upper >= 2 { shape |= Shape.allCaps }
        if pendingStart { shape |= Shape.sentStart }
        var conn = Conn.none
        let wl = i - start
        if shape & Shape.cap == 0 && wl <= 4 && t[start] >= 0x61 {
            conn = connector(t, start, wl)
        }
        var lex: UInt32 = 0
        if shape & (Shape.cap | Shape.digit) != 0 { lex = lookup(h) }
        tokens.append(
            Token(
                start: Int32(start), end: Int32(i), hash: h, lex: lex, shape: shape, kind: conn,
                segment: segment))
        // After "U.S." or "Inc." at the end of a sentence the next word may start one.
        if shape & Shape.dotted != 0 {
            if wl > 2 && !titleDot {
                pendingStart = true
            } else {
                pendingStart = false
            }
        } else {
            pendingStart = false
        }
        space = false
        lineStart = false
    }
}

@inline(__always)
private func appendPunct(
    _ tokens: TokenBuffer, _ s: Int, _ e: Int, _ kind: UInt8, _ space: Bool, _ lineStart: Bool,
    _ segment: Int32
) {
    var shape: UInt16 = 0
    if space { shape |= Shape.spaceBefore }
    if lineStart { shape |= Shape.lineStart }
    tokens.append(
        Token(
            start: Int32(s), end: Int32(e), hash: UInt64(kind) &+ 0x51, lex: 0, shape: shape, kind: kind,
            segment: segment))
}

@inline(__always)
func isWordByteStart(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let b = t[i]
    if b < 0x80 { return isASCIILetter(b) || isDigit(b) }
    return punctuationLength(t, i) == 0
}

@inline(__always)
private func connector(_ t: UnsafeBufferPointer<UInt8>, _ s: Int, _ len: Int) -> UInt8 {
    let a = t[s]
    let b: UInt8 = len > 1 ? t[s + 1] : 0
    let c: UInt8 = len > 2 ? t[s + 2] : 0
    let d: UInt8 = len > 3 ? t[s + 3] : 0
    switch len {
    case 1:
        return a == UInt8(ascii: "y") ? Conn.particle : Conn.none
    case 2:
        if a == 0x6F && b == 0x66 { return Conn.of }  // of
        if (a == 0x64 && (b == 0x65 || b == 0x61 || b == 0x69 || b == 0x75))  // de da di du
            || (a == 0x61 && b == 0x6C)  // al
            || (a == 0x65 && b == 0x6C)  // el
            || (a == 0x6C && (b == 0x61 || b == 0x65))  // la le
        { return Conn.particle }
        return Conn.none
    case 3:
        if a == 0x74 && b == 0x68 && c == 0x65 { return Conn.the }
        if a == 0x61 && b == 0x6E && c == 0x64 { return Conn.and }
        if a == 0x66 && b == 0x6F && c == 0x72 { return Conn.for }
        if (a == 0x76 && b == 0x61 && c == 0x6E)  // van
            || (a == 0x76 && b == 0x6F && c == 0x6E)  // von
            || (a == 0x64 && b == 0x65 && (c == 0x72 || c == 0x6C || c == 0x6E))  // der del den
            || (a == 0x62 && b == 0x69 && c == 0x6E)  // bin
            || (a == 0x69 && b == 0x62 && c == 0x6E)  // ibn
            || (a == 0x62 && b == 0x65 && c == 0x6E)  // ben
            || (a == 0x64 && b == 0x6F && c == 0x73)  // dos
        { return Conn.particle }
        return Conn.none
    case 4:
        if a == 0x64 && b == 0x65 && c == 0x6C && d == 0x6C { return Conn.particle }  // dell(a)
        return Conn.none
    default:
        return Conn.none
    }
}
