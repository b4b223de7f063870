// Byte-level helpers: character classes around quotation marks, the word
// table, and a small tokenizer for the words around a quotation.

/// What stands next to a quotation mark.
enum Neighbour: UInt8 {
    case space      // white space, line break, start or end of the text
    case word       // a letter or digit
    case opening    // ( [ { and dashes: what may stand before an opening mark
    case punct      // other punctuation
    case mark       // another quotation mark
}

/// The quotation-mark families: marks of one family pair with each other.
enum Family: UInt8 {
    case double = 0, single, guillemet, singleGuillemet, corner, whiteCorner
}

/// The shape of a mark: straight marks say nothing about their direction.
enum Shape: UInt8 {
    case straight = 0, left, right, low
}

/// Decodes the scalar starting at byte `i` (valid UTF-8) and its length.
@inline(__always)
func decodeScalar(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
    let b0 = UInt32(t[i])
    if b0 < 0x80 { return (b0, 1) }
    if b0 < 0xE0, i + 1 < t.count { return (((b0 & 0x1F) << 6) | (UInt32(t[i + 1]) & 0x3F), 2) }
    if b0 < 0xF0, i + 2 < t.count {
        return (((b0 & 0x0F) << 12) | ((UInt32(t[i + 1]) & 0x3F) << 6) | (UInt32(t[i + 2]) & 0x3F), 3)
    }
    if i + 3 < t.count {
        return (((b0 & 0x07) << 18) | ((UInt32(t[i + 1]) & 0x3F) << 12)
            | ((UInt32(t[i + 2]) & 0x3F) << 6) | (UInt32(t[i + 3]) & 0x3F), 4)
    }
    return (0xFFFD, 1)
}

/// The start of the scalar that ends just before byte `i`.
@inline(__always)
func scalarStart(before i: Int, in t: UnsafeBufferPointer<UInt8>) -> Int {
    var j = i - 1
    var n = 0
    while j > 0, t[j] & 0xC0 == 0x80, n < 3 { j -= 1; n += 1 }
    return j
}

/// The family and shape of the quotation mark `c`, or nil.
@inline(__always)
func markKind(_ c: UInt32) -> (Family, Shape)? {
    switch c {
    case 0x22: return (.double, .straight)
    case 0x27: return (.single, .straight)
    case 0x201C: return (.double, .left)
    case 0x201D: return (.double, .right)
    case 0x201E: return (.double, .low)
    case 0x201F: return (.double, .left)
    case 0x2018: return (.single, .left)
    case 0x2019: return (.single, .right)
    case 0x201A: return (.single, .low)
    case 0x201B: return (.single, .left)
    case 0x00AB: return (.guillemet, .left)
    case 0x00BB: return (.guillemet, .right)
    case 0x2039: return (.singleGuillemet, .left)
    case 0x203A: return (.singleGuillemet, .right)
    case 0x300C: return (.corner, .left)
    case 0x300D: return (.corner, .right)
    case 0x300E: return (.whiteCorner, .left)
    case 0x300F: return (.whiteCorner, .right)
    case 0xFF02: return (.double, .straight)
    default: return nil
    }
}

@inline(__always)
func isSpaceScalar(_ c: UInt32) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C || c == 0xA0
        || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F
        || c == 0x205F || c == 0x3000 || c == 0x85 || c == 0xFEFF
}

@inline(__always)
func isDashScalar(_ c: UInt32) -> Bool {
    (c >= 0x2010 && c <= 0x2015) || c == 0x2212
}

/// The class of a scalar as a neighbour of a mark.
@inline(__always)
func neighbourClass(_ c: UInt32) -> Neighbour {
    if c < 0x80 {
        switch UInt8(c) {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: return .space
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "-"),
            UInt8(ascii: "/"), UInt8(ascii: "<"):
            return .opening
        case 0x22, 0x27: return .mark
        case UInt8(ascii: "_"): return .word
        default: return .punct
        }
    }
    if isSpaceScalar(c) { return .space }
    if markKind(c) != nil { return .mark }
    if isDashScalar(c) { return .opening }
    if c == 0x2026 || (c >= 0x2020 && c <= 0x2027) || (c >= 0x3000 && c <= 0x303F)
        || (c >= 0xFF00 && c <= 0xFF0F) || c == 0xBF || c == 0xA1
    {
        return .punct
    }
    return .word
}

/// The class of what stands before byte `i`.
@inline(__always)
func classBefore(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Neighbour {
    if i <= 0 { return .space }
    let s = scalarStart(before: i, in: t)
    return neighbourClass(decodeScalar(t, s).0)
}

/// The class of what stands at byte `i`.
@inline(__always)
func classAt(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Neighbour {
    if i >= t.count { return .space }
    return neighbourClass(decodeScalar(t, i).0)
}

@inline(__always)
func isUppercaseScalar(_ c: UInt32) -> Bool {
    if c < 0x80 { return c >= 0x41 && c <= 0x5A }
    guard let s = Unicode.Scalar(c) else { return false }
    return s.properties.isUppercase || s.properties.generalCategory == .titlecaseLetter
}

// MARK: - the word table

/// FNV-1a over the word's bytes, ASCII letters folded to lower case.
@inline(__always)
func wordHash(_ t: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    var i = r.lowerBound
    while i < r.upperBound {
        var b = t[i]
        if b >= 0x41 && b <= 0x5A { b |= 0x20 }
        if b == 0xE2, i + 2 < r.upperBound, t[i + 1] == 0x80, t[i + 2] == 0x99 {
            b = 0x27  // ’ as '
            i += 2
        }
        h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        i += 1
    }
    return h
}

func stringHash(_ s: Substring) -> UInt64 {
    var copy = String(s)
    return copy.withUTF8 { wordHash($0, 0..<$0.count) }
}

/// Every listed word and its classes: an open-addressing table keyed by
/// `wordHash`, built once and never freed (no Swift hashing on the hot path).
final class WordTable: @unchecked Sendable {
    private let keys: UnsafeMutableBufferPointer<UInt64>
    private let values: UnsafeMutableBufferPointer<UInt32>
    private let mask: Int

    init(_ entries: [UInt64: WordClass]) {
        var size = 64
        while size < entries.count * 4 { size *= 2 }
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0)
        values = .allocate(capacity: size)
        values.initialize(repeating: 0)
        mask = size - 1
        for (k, v) in entries {
            var i = Self.slot(k) & mask
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = k
            values[i] = v.rawValue
        }
    }

    @inline(__always)
    private static func slot(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h ^ (h >> 29)) }

    @inline(__always)
    subscript(_ h: UInt64) -> WordClass {
        var i = Self.slot(h) & mask
        while true {
            let k = keys[i]
            if k == h { return WordClass(rawValue: values[i]) }
            if k == 0 { return [] }
            i = (i + 1) & mask
        }
    }
}

let wordTable: WordTable = {
    var table: [UInt64: WordClass] = [:]
    func add(_ list: String, _ cls: WordClass) {
        for w in list.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }) where !w.isEmpty {
            table[stringHash(w), default: []].formUnion(cls)
        }
    }
    for line in Lexicon.reportingVerbs.split(separator: "\n") {
        for w in line.split(separator: " ") {
            add(String(w), w.hasSuffix("ing") ? .cueING : .cue)
        }
    }
    add(Lexicon.nounLikeBases, .cueBase)
    add(Lexicon.determiners, .determiner)
    add(Lexicon.pronouns, .pronoun)
    add(Lexicon.prepositions, .preposition)
    add(Lexicon.conjunctions, .conjunction)
    add(Lexicon.auxiliaries, .auxiliary)
    add(Lexicon.titles, .title)
    add(Lexicon.nameJoiners, .nameJoiner)
    add(Lexicon.abbreviations, .abbreviation)
    add(Lexicon.organisations, .organisation)
    add(Lexicon.naming, .naming)
    add(Lexicon.nonNominal, .nonNominal)
    add(Lexicon.minor, .minor)
    add(Lexicon.calendar, .calendar)
    add(Lexicon.time, .time)
    return WordTable(table)
}()

// MARK: - tokens

/// One token of the text near a quotation.
struct Token {
    enum Kind: UInt8 { case word, punct, mark, newline }
    var start: Int32
    var end: Int32
    var kind: Kind
    /// Upper-case first letter (words).
    var cap: Bool
    /// The first scalar (punctuation, marks).
    var ch: UInt32
    var cls: WordClass
    /// `wordHash` of a word.
    var hash: UInt64 = 0

    var range: Range<Int> { Int(start)..<Int(end) }
    func `is`(_ c: WordClass) -> Bool { !cls.isDisjoint(with: c) }
    func isP(_ c: UInt8) -> Bool { kind == .punct && ch == UInt32(c) }
    /// Sentence-final punctuation: . ! ? …
    var isFinal: Bool { kind == .punct && (ch == 0x2E || ch == 0x21 || ch == 0x3F || ch == 0x2026) }
}

/// Appends the tokens of `t[from..<to]` to `out`. `from` must be a
/// character boundary that does not split a word.
func tokenize(
    _ t: UnsafeBufferPointer<UInt8>, from: Int, to: Int, into out: inout [Token], maxTokens: Int = .max,
    table: WordTable
) {
    var i = from
    let limit = maxTokens == .max ? Int.max : out.count + maxTokens
    while i < to, out.count < limit {
        let b = t[i]
        if b == 0x0A {
            out.append(Token(start: Int32(i), end: Int32(i + 1), kind: .newline, cap: false, ch: 0x0A, cls: []))
            i += 1
            while i < to, t[i] == 0x0A || t[i] == 0x20 || t[i] == 0x0D || t[i] == 0x09 { i += 1 }
            continue
        }
        if b == 0x20 || b == 0x09 || b == 0x0D { i += 1; continue }
        var c = UInt32(b)
        var len = 1
        let cls: Neighbour
        if b < 0x80 {
            if (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x5F {
                cls = .word
            } else if b == 0x22 || b == 0x27 {
                cls = .mark
            } else {
                out.append(Token(start: Int32(i), end: Int32(i + 1), kind: .punct, cap: false, ch: c, cls: []))
                i += 1
                continue
            }
        } else {
            (c, len) = decodeScalar(t, i)
            cls = neighbourClass(c)
        }
        switch cls {
        case .space:
            if c == 0x2028 || c == 0x2029 || c == 0x85 {
                out.append(Token(start: Int32(i), end: Int32(i + len), kind: .newline, cap: false, ch: 0x0A, cls: []))
            }
            i += len
        case .mark:
            out.append(Token(start: Int32(i), end: Int32(i + len), kind: .mark, cap: false, ch: c, cls: []))
            i += len
        case .word:
            let start = i
            let cap = isUppercaseScalar(c)
            // The word's `wordHash`, computed while it is read.
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for k in i..<(i + len) {
                var x = t[k]
                if x >= 0x41 && x <= 0x5A { x |= 0x20 }
                h = (h ^ UInt64(x)) &* 0x100_0000_01b3
            }
            i += len
            var hasDot = false
            while i < to {
                let d = t[i]
                if d < 0x80 {
                    if (d | 0x20) &- 0x61 < 26 || d &- 0x30 < 10 || d == 0x5F {
                        h = (h ^ UInt64(d >= 0x41 && d <= 0x5A ? d | 0x20 : d)) &* 0x100_0000_01b3
                        i += 1
                        continue
                    }
                    // Joiners inside a word: ' - . between word characters.
                    if d == 0x27 || d == 0x2D || d == 0x2E {
                        let j = i + 1
                        if j < to {
                            let e = t[j]
                            if (e | 0x20) &- 0x61 < 26 || e &- 0x30 < 10 || (e >= 0x80 && classAt(t, j) == .word) {
                                if d == 0x2E { hasDot = true }
                                h = (h ^ UInt64(d)) &* 0x100_0000_01b3
                                i = j
                                continue
                            }
                        }
                    }
                    break
                }
                let (u, ul) = decodeScalar(t, i)
                var joiner = false
                if neighbourClass(u) != .word {
                    guard u == 0x2019 || u == 0x2010 || u == 0x2011, i + ul < to, classAt(t, i + ul) == .word
                    else { break }
                    joiner = true
                }
                if joiner && u == 0x2019 {
                    h = (h ^ 0x27) &* 0x100_0000_01b3  // ’ as '
                } else {
                    for k in i..<(i + ul) { h = (h ^ UInt64(t[k])) &* 0x100_0000_01b3 }
                }
                i += ul
            }
            var end = i
            let hash = end - start <= 15 ? h : 1
            var flags = hash == 1 ? WordClass() : table[hash]
            // A period after an abbreviation or an initial belongs to the word.
            if end < to, t[end] == 0x2E {
                let single = end - start == 1 && cap
                if single || hasDot || flags.contains(.abbreviation) {
                    end += 1
                    i = end
                    flags.insert(.abbreviation)
                }
            }
            out.append(Token(start: Int32(start), end: Int32(end), kind: .word, cap: cap, ch: c, cls: flags, hash: hash))
        default:
            out.append(Token(start: Int32(i), end: Int32(i + len), kind: .punct, cap: false, ch: c, cls: []))
            i += len
        }
    }
}

