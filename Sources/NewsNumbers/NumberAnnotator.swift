import NewsCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What kind of numeric expression an item is.
enum NumKind: UInt8 {
    case cardinal, ordinal, fraction, percent, money, range, quantity

    /// The item's `kind` member as written after its value, one piece of
    /// JSON for `ByteSink.raw`.
    var member: StaticString {
        switch self {
        case .cardinal: #","kind":"cardinal""#
        case .ordinal: #","kind":"ordinal""#
        case .fraction: #","kind":"fraction""#
        case .percent: #","kind":"percent""#
        case .money: #","kind":"money""#
        case .range: #","kind":"range""#
        case .quantity: #","kind":"quantity""#
        }
    }
}

/// A quantity qualifier written inside the span.
enum Qualifier: UInt8 {
    case none, atLeast, atMost, moreThan, lessThan, about, multiples

    /// The item's `qualifier` member, one piece of JSON for `ByteSink.raw`
    /// (empty for `none`).
    var member: StaticString {
        switch self {
        case .none: ""
        case .atLeast: #","qualifier":"at-least""#
        case .atMost: #","qualifier":"at-most""#
        case .moreThan: #","qualifier":"more-than""#
        case .lessThan: #","qualifier":"less-than""#
        case .about: #","qualifier":"about""#
        case .multiples: #","qualifier":"multiples""#
        }
    }

    var isLowerBound: Bool { self == .atLeast || self == .moreThan }
    var isUpperBound: Bool { self == .atMost || self == .lessThan }
}

/// The unit an item carries.
enum UnitRef {
    case none
    case code(Int16)
    /// The unit as written: tokens [from, to), lower-cased on output.
    case text(Int32, Int32)

    static func text(_ from: Int, _ to: Int) -> UnitRef {
        .text(Int32(truncatingIfNeeded: from), Int32(truncatingIfNeeded: to))
    }
}

// Token indices are stored as Int32 (a window holds at most 256 KiB, so far
// fewer tokens) and read as Int: `Core` (an item and its phrase) was over 150
// bytes and every copy of a parse result went through memmove (7% of the run);
// now it is about 100 bytes and copies inline.

/// A token span [s, e) kept as two Int32 and read as Int.
protocol TokenSpan {
    var s32: Int32 { get set }
    var e32: Int32 { get set }
}

extension TokenSpan {
    var s: Int {
        get { Int(s32) }
        set { s32 = Int32(truncatingIfNeeded: newValue) }
    }
    var e: Int {
        get { Int(e32) }
        set { e32 = Int32(truncatingIfNeeded: newValue) }
    }
}

/// One numeric expression: token span [s, e).
struct NumItem: TokenSpan {
    var value: Double
    var high: Double? = nil
    var s32: Int32
    var e32: Int32
    var kind: NumKind
    var qualifier: Qualifier = .none
    var unit: UnitRef = .none
    /// `counted` as two Int32 (c0 < 0: none).
    private var c0: Int32 = -1
    private var c1: Int32 = -1

    init(s: Int, e: Int, value: Double, high: Double? = nil, kind: NumKind, unit: UnitRef = .none, qualifier: Qualifier = .none) {
        self.value = value
        self.high = high
        self.s32 = Int32(truncatingIfNeeded: s)
        self.e32 = Int32(truncatingIfNeeded: e)
        self.kind = kind
        self.qualifier = qualifier
        self.unit = unit
    }

    /// The counted noun phrase: tokens [from, to).
    var counted: (Int, Int)? {
        get { c0 < 0 ? nil : (Int(c0), Int(c1)) }
        set {
            if let (a, b) = newValue {
                c0 = Int32(truncatingIfNeeded: a); c1 = Int32(truncatingIfNeeded: b)
            } else {
                c0 = -1; c1 = -1
            }
        }
    }
}

/// A number phrase without units: "1.5 million", "twenty-one", "a third".
struct Phrase: TokenSpan {
    var value: Double
    var base: Double = 0
    var scale: Double = 1
    /// The phrase ends in "hundred" over a small number ("two hundred"): its multiplier.
    var tail: Double = 1
    var s32: Int32
    var e32: Int32
    var kind: NumKind = .cardinal
    /// The phrase ends in scale words; `base` * `scale` == value.
    var scaled = false
    /// A single numeric literal, nothing else (candidates for years, identifiers).
    var literalOnly = false
    /// Made of words only.
    var wordy = false
    /// A single word ("one", "first").
    var singleWord = false

    init(s: Int, e: Int, value: Double, kind: NumKind = .cardinal) {
        self.value = value
        self.s32 = Int32(truncatingIfNeeded: s)
        self.e32 = Int32(truncatingIfNeeded: e)
        self.kind = kind
    }

}

enum Parsed<T> {
    case ok(T)
    /// Not a number claim: skip tokens up to this index.
    case skip(Int)
    case none
}

/// What a parse that writes its result into an `inout` argument found (as `Parsed`).
enum Outcome {
    case ok
    /// Not a number claim: skip tokens up to this index.
    case skip(Int)
    case none
}

/// Appends `numbers`: every numeric expression in the text (SPEC.md, news-numbers).
public struct NumberAnnotator: Annotator {
    public static let field = "numbers"

    var tz: Tokenizer
    /// The lexicon's entries (owned by `tz.lex`).
    let ent: UnsafeMutablePointer<LexEntry>
    let fl: FastLookup
    /// See `Lexicon.aheadFast`: masks that spare lookups.
    let aheadFast: FastLookup
    /// Compiled patterns and their match data (see `Patterns`).
    let patterns: Patterns
    let cPercent: Int16, cUSD: Int16, cSen: Int16, cDollar: Int16, cFranc: Int16, cINR: Int16
    var items: [NumItem] = []
    /// The tokens of the current text (owned by `tz`).
    var tp: UnsafeMutablePointer<Tok>
    var scratch: [UInt8] = []
    /// Where the current window starts in the record's text.
    var base = 0
    /// The output of one window's items, and room for escaped strings.
    var sink = ByteSink()
    var spill: [UInt8] = []
    /// The text is all ASCII: byte offsets are code point and UTF-16 offsets too.
    var ascii = false
    /// Currency codes as UTF-8, for output.
    let codeBytes: [[UInt8]]
    /// Token index where the last emitted item ended (for "over" after a number).
    var lastEnd: Int {
        get { lastEndBox.p.pointee }
        nonmutating set { lastEndBox.p.pointee = newValue }
    }
    let lastEndBox = Owned<Int>(UnsafeMutablePointer<Int>.allocate(capacity: 1))
    var n = 0
    var text = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Proves paragraphs free of items before they are tokenized.
    let prefilter: Prefilter
    /// Whether to use `prefilter` (tests turn it off to compare).
    var usePrefilter = true

    public init() throws {
        let lex = Lexicon()
        ent = lex.entryPtr
        fl = lex.fast
        aheadFast = lex.aheadFast
        cPercent = lex.codeID("percent"); cUSD = lex.codeID("USD"); cSen = lex.codeID("sen")
        cDollar = lex.codeID("dollar"); cFranc = lex.codeID("franc"); cINR = lex.codeID("INR")
        codeBytes = lex.codeBytes
        patterns = try Patterns()
        tz = Tokenizer(lexicon: lex)
        tp = tz.p
        prefilter = Prefilter(lexicon: lex)
        items.reserveCapacity(64)
        scratch.reserveCapacity(64)
    }

    /// Texts longer than this are read in windows of about this many bytes,
    /// cut at paragraph or sentence ends (numbers never span a paragraph), so
    /// the token and item buffers stay bounded whatever the record's length.
    static let window = 1 << 16

    public mutating func annotate(
        _ text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap, into out: inout JSONWriter
    ) throws {
        ascii = offsets.countsBytes || ByteLanes.isASCII(text)
        out.beginArray()
        var ws = 0
        let total = text.count
        repeat {
            let we = NumberAnnotator.windowEnd(text, from: ws)
            // Paragraph by paragraph: an expression, or what it counts, never runs over a blank line.
            var ps = ws
            var i = ws
            let start = text.baseAddress!
            while i + 1 < we, let hit = memchr(start + i, 0x0A, we - 1 - i) {
                i = start.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if text[i + 1] == 0x0A {
                    if ps < i { annotatePiece(text, ps, i, &out, &offsets) }
                    i += 2
                    ps = i
                    continue
                }
                i += 1
            }
            if ps < we { annotatePiece(text, ps, we, &out, &offsets) }
            ws = we
        } while ws < total
        out.endArray()
    }

    /// Finds and writes the items of text[s..<e], a paragraph or the part of
    /// one in a window, unless `prefilter` proves it holds none (then its
    /// tokens and parse would find nothing: see Prefilter.swift).
    @inline(__always)
    mutating func annotatePiece(
        _ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ out: inout JSONWriter, _ offsets: inout OffsetMap
    ) {
        let piece = UnsafeBufferPointer(rebasing: text[s..<e])
        if usePrefilter && !prefilter.mayHoldItem(piece) { return }
        base = s
        annotateWindow(piece)
        write(&out, &offsets)
    }

    /// Where the window that starts at `ws` ends: the text's end if near, else
    /// after a blank line, a sentence end before a capital, a line break or a
    /// space found past `window` bytes (and before four times that), in that
    /// order of preference; with none of them, at a character boundary.
    static func windowEnd(_ t: UnsafeBufferPointer<UInt8>, from ws: Int) -> Int {
        let n = t.count
        let w = NumberAnnotator.window
        if n - ws <= w + w / 2 { return n }
        let from = ws + w
        let limit = min(n, ws + 4 * w)
        // A blank line (paragraph end).
        var i = from
        while i + 1 < limit {
            if t[i] == 0x0A && (t[i + 1] == 0x0A || t[i + 1] == 0x0D) { return i + 1 }
            i += 1
        }
        // ". The", "? It": a sentence end after a lower-case word, before a capital.
        i = from
        while i + 2 < limit {
            let b = t[i]
            if (b == 0x2E || b == 0x3F || b == 0x21) && t[i + 1] == 0x20 && t[i + 2] &- 65 < 26
                && i >= 2 && t[i - 1] &- 97 < 26 && t[i - 2] &- 97 < 26
            {
                return i + 2
            }
            i += 1
        }
        // A line break, else any space.
        i = from
        while i < limit { if t[i] == 0x0A { return i + 1 }; i += 1 }
        i = from
        while i < limit { if t[i] == 0x20 || t[i] == 0x0A || t[i] == 0x09 { return i + 1 }; i += 1 }
        // No white space at all: cut at a character boundary.
        if limit == n { return n }
        i = limit
        while i > from && t[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    /// Finds the items of one window (`text` is the window; `base` its offset in the record).
    mutating func annotateWindow(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        tz.run(text)
        tp = tz.p
        n = tz.count
        items.removeAll(keepingCapacity: true)
        lastEnd = -1
        // The scan does not mutate `self` (the items go to a local array, `lastEnd`
        // to its box), so no copy of the annotator is made per parse call.
        var found = items
        items = []
        scan(&found)
        items = found
    }

    /// Parses the window's tokens, appending the items found.
    func scan(_ items: inout [NumItem]) {
        // The tokenizer noted the tokens the parse is tried at (`Tokenizer.noteCandidates`).
        let candidates = tz.candidates
        var i = 0
        var item = NumItem(s: 0, e: 0, value: 0, kind: .cardinal)
        for k in 0..<tz.candidateCount {
            let c = Int(candidates[k])
            if c < i { continue }
            i = c
            switch parseAt(i, into: &item) {
            case .ok:
                items.append(item)
                lastEnd = item.e
                i = max(item.e, i + 1)
            case .skip(let to):
                i = max(to, i + 1)
            case .none:
                i += 1
            }
        }
    }

    // MARK: Output

    /// Writes the window's items into the open array. Each item is built in
    /// `sink` with unchecked writes and handed to the writer as raw JSON, one
    /// call per window: through the writer's `key`/`int`/`string` calls the
    /// output took 14% of the run time instead of 5% (perf, Reuters bench).
    /// Strings go through `JSONWriter.appendEscaped` whenever one may need an escape.
    mutating func write(_ out: inout JSONWriter, _ offsets: inout OffsetMap) {
        guard !items.isEmpty else { return }
        var b = sink
        b.count = 0
        for idx in 0..<items.count {
            let it = items[idx]
            let s = Int(tp[it.s].start), e = Int(tp[it.e - 1].end)
            // Room for the fixed parts; text is reserved as it is escaped.
            b.reserve(400)
            if idx > 0 { b.byte(UInt8(ascii: ",")) }
            spanBytes(&b, s, e, &offsets)
            b.raw(",\"value\":")
            b.number(it.value)
            b.raw(it.kind.member)
            if let h = it.high {
                b.raw(",\"high\":")
                b.number(h)
            }
            switch it.unit {
            case .none: break
            case .code(let c):
                b.raw(",\"unit\":")
                codeBytes[Int(c)].withUnsafeBufferPointer { b.escaped($0, spill: &spill) }
            case .text(let u0, let u1):
                // The unit word as written, lower-cased, line breaks and tabs as spaces.
                scratch.removeAll(keepingCapacity: true)
                for k in Int(tp[Int(u0)].start)..<Int(tp[Int(u1) - 1].end) {
                    let c = Lexicon.lower(text[k])
                    scratch.append(c == 0x0A || c == 0x0D || c == 0x09 ? 0x20 : c)
                }
                b.raw(",\"unit\":")
                scratch.withUnsafeBufferPointer { b.escaped($0, spill: &spill) }
            }
            b.raw(it.qualifier.member)
            if let (c0, c1) = it.counted {
                b.raw(",\"counted\":")
                spanBytes(&b, Int(tp[c0].start), Int(tp[c1 - 1].end), &offsets)
                b.byte(UInt8(ascii: "}"))
            }
            b.byte(UInt8(ascii: "}"))
        }
        out.rawValue(UnsafeBufferPointer(start: b.p, count: b.count))
        sink = b
    }

    /// `{"start":S,"end":E,"text":"…"` for bytes s..<e of the window (the
    /// caller closes the object).
    mutating func spanBytes(_ b: inout ByteSink, _ s: Int, _ e: Int, _ offsets: inout OffsetMap) {
        b.raw("{\"start\":")
        b.int(ascii ? base + s : offsets(base + s))
        b.raw(",\"end\":")
        b.int(ascii ? base + e : offsets(base + e))
        b.raw(",\"text\":")
        b.escaped(UnsafeBufferPointer(rebasing: text[s..<e]), spill: &spill)
    }

    // MARK: Token helpers

    @inline(__always) func tok(_ i: Int) -> Tok { tp[i] }
    @inline(__always) func kind(_ i: Int) -> TokKind { i < n && i >= 0 ? tp[i].kind : .other }
    @inline(__always) func cls(_ i: Int) -> LexClass {
        guard i < n, i >= 0 else { return .none }
        let t = tp[i]
        guard t.kind == .word else { return .none }
        let l = t.lex == -2 ? resolve(i) : t.lex
        guard l >= 0 else { return .none }
        return ent[Int(l)].cls
    }
    @inline(__always) func fw(_ i: Int) -> FW {
        guard i < n, i >= 0 else { return .none }
        let t = tp[i]
        guard t.kind == .word else { return .none }
        let l = t.lex == -2 ? resolve(i) : t.lex
        guard l >= 0 else { return .none }
        return ent[Int(l)].fw
    }
    @inline(__always) func entry(_ i: Int) -> LexEntry { ent[Int(lexOf(i))] }
    @inline(__always) func val(_ i: Int) -> Double { ent[Int(lexOf(i))].value }
    /// The lexicon entry of word i (-1: none), looked up on first use.
    @inline(__always) func lexOf(_ i: Int) -> Int16 {
        let l = tp[i].lex
        return l == -2 ? resolve(i) : l
    }
    /// Looks word i up and caches the answer in its token. One call with the
    /// lookup inside, so the many places that may resolve a word pass one index.
    @inline(never)
    func resolve(_ i: Int) -> Int16 {
        let t = tp[i]
        let id = Int16(truncatingIfNeeded: fl.find(text, Int(t.start), Int(t.end)))
        tp[i].lex = id
        return id
    }
    /// No white space between token i-1 and token i.
    @inline(__always) func glued(_ i: Int) -> Bool { i > 0 && i < n && !tp[i].has(.spaceBefore) }
    @inline(__always) func isWord(_ i: Int) -> Bool { i >= 0 && i < n && tp[i].kind == .word }
    @inline(__always) func isNum(_ i: Int) -> Bool { i >= 0 && i < n && tp[i].kind == .num }
    func isDashLike(_ i: Int) -> Bool {
        let k = kind(i)
        return k == .dash || k == .endash || k == .minusSign
    }
    /// The word's bytes equal `s` (ASCII, case-insensitive).
    /// Inlined, so that the length (a constant) rules most words out without a
    /// call; the bytes are compared out of line.
    @inline(__always)
    func wordIs(_ i: Int, _ s: StaticString) -> Bool {
        guard i >= 0 && i < n else { return false }
        let t = tp[i]
        guard t.kind == .word, Int(t.end &- t.start) == s.utf8CodeUnitCount else { return false }
        return sameWord(Int(t.start), s)
    }
    /// The bytes at `start` equal `s` (ASCII, case-insensitive); the length matches.
    func sameWord(_ start: Int, _ s: StaticString) -> Bool {
        let p = s.utf8Start
        for k in 0..<s.utf8CodeUnitCount where Lexicon.lower(text[start + k]) != p[k] { return false }
        return true
    }
    /// Every letter of word i is upper case (two letters or more).
    func allCaps(_ i: Int) -> Bool {
        guard isWord(i) else { return false }
        let t = tp[i]
        guard t.end - t.start >= 2 else { return false }
        for k in Int(t.start)..<Int(t.end) where text[k] &- 97 < 26 || text[k] >= 0x80 { return false }
        return true
    }

    func lastByte(_ i: Int) -> UInt8 { text[Int(tp[i].end) - 1] }
    func endsWith(_ i: Int, _ s: StaticString) -> Bool {
        guard isWord(i) else { return false }
        let t = tp[i]
        let len = s.utf8CodeUnitCount
        guard Int(t.end - t.start) > len + 1 else { return false }
        let p = s.utf8Start
        let base = Int(t.end) - len
        for k in 0..<len where Lexicon.lower(text[base + k]) != p[k] { return false }
        return true
    }

    /// Token i begins a sentence (start of text, after . ? ! or a line break,
    /// possibly behind quotes or brackets).
    func sentenceStart(_ i: Int) -> Bool {
        var k = i
        while true {
            if tp[k].has(.newlineBefore) { return true }
            if k == 0 { return true }
            let p = tp[k - 1].kind
            if (p == .quote || p == .lparen || p == .apos) && k > i - 4 { k -= 1; continue }
            return p == .period || p == .question || p == .colon || p == .semicolon && false
        }
    }

    /// Token j can start a number (a cheap test, no parsing).
    func looksLikeNumber(_ j: Int) -> Bool {
        switch kind(j) {
        case .num, .vulgar, .currencySym: return true
        case .dash, .minusSign: return isNum(j + 1)
        case .word:
            switch cls(j) {
            case .unit, .teen, .tens, .minus, .half, .isoCode: return true
            case .article: return cls(j + 1) == .hundred || cls(j + 1) == .scale || cls(j + 1) == .dozen
            default: return false
            }
        default: return false
        }
    }

    func isNumberStartWord(_ i: Int) -> Bool {
        switch cls(i) {
        case .unit, .teen, .tens: return true
        default: return false
        }
    }

    // MARK: Expressions

    /// A cheap test whether a word can begin an expression (most words cannot).
    @inline(__always)
    func mayStart(_ i: Int) -> Bool {
        if kind(i + 1) == .currencySym { return true }
        let l = lexOf(i)
        if l < 0 { return kind(i + 1) == .currencySym }
        let e = ent[Int(l)]
        switch e.cls {
        case .unit, .teen, .tens, .ordinal, .half, .multiple, .minus: return true
        case .quarter, .quarters: return cls(i + 1) == .scale
        case .percent: return fw(i + 1) == .of
        case .article:
            switch cls(i + 1) {
            case .hundred, .scale, .dozen, .half, .quarter, .ordinal, .tens: return true
            default: return false
            }
        case .isoCode: return isNum(i + 1)
        case .fw:
            if e.fw == .u { return kind(i + 1) == .period && wordIs(i + 2, "s") && kind(i + 3) == .currencySym }
            if e.fw == .rs { return isNum(i + 1) || (kind(i + 1) == .period && isNum(i + 2)) }
            switch e.fw {
            case .at, .no, .not, .more, .greater, .larger, .bigger, .higher, .less, .fewer, .lower, .smaller,
                .equal, .over, .above, .under, .below, .about, .around, .approximately, .approx, .roughly,
                .nearly, .almost, .some, .close, .up, .as, .between, .from, .several, .many, .per, .magnitude,
                .sen, .u, .rs, .upwards:
                // Something numeric must follow within a few tokens.
                var k = i + 1
                while k < n && k <= i + 5 {
                    let kk = tp[k].kind
                    if kk == .num || kk == .currencySym || kk == .vulgar { return true }
                    // An unresolved word (-2) can be of these classes only as an ISO
                    // code or a plural ordinal (the tokenizer resolved the others):
                    // outside their mask it is not looked up.
                    if kk == .word && (tp[k].lex != -2
                        || aheadFast.mayHold(text, Int(tp[k].start), Int(tp[k].end &- tp[k].start)))
                    {
                        switch cls(k) {
                        case .unit, .teen, .tens, .ordinal, .half, .multiple, .minus, .article, .isoCode, .quarter, .quarters, .ordinals:
                            return true
                        default: break
                        }
                    } else if kk == .period || kk == .question || kk == .semicolon {
                        return false
                    }
                    k += 1
                }
                return false
            default: return false
            }
        default: return false
        }
    }

    /// The item that starts at token i, into `found` (which holds it only
    /// when the answer is `.ok`; see `phrase(_:money:into:)`).
    func parseAt(_ i: Int, into found: inout NumItem) -> Outcome {
        let t = tp[i]
        switch t.kind {
        case .num, .currencySym, .vulgar, .dash, .minusSign, .lt, .gt, .ge, .le, .eq: break
        case .word:
            if (t.lex < 0 && kind(i + 1) != .currencySym) || !mayStart(i) { return .none }
        default: return .none
        }
        // Qualifier before the number.
        if let (q, j, mode) = qualifier(i) {
            switch mode {
            case .between:
                return between(i, j, into: &found)
            case .from:
                return fromRange(i, j, into: &found)
            case .plain:
                var c = Core.blank
                switch core(j, qualified: true, into: &c) {
                case .ok:
                    var item = c.item
                    item.s = i
                    var qual = q
                    if c.postQual != .none {
                        qual = combine(q, c.postQual)
                        if q == .about { item.s = j }
                    }
                    item.qualifier = qual
                    if let r = boundedRange(item, q) { found = r; return .ok }
                    if item.qualifier == .none && c.postQual == .none { item.qualifier = .none }
                    found = item
                    finish(&found)
                    return .ok
                case .skip(let k): return .skip(k)
                case .none: return .none
                }
            }
        }
        // Vague multiples: "hundreds", "tens of thousands".
        if let m = multiples(i) { found = m; return .ok }
        // "percent of 10", "per cent of twenty-two".
        if cls(i) == .percent || (fw(i) == .per && wordIs(i + 1, "cent")) {
            let o = cls(i) == .percent ? i + 1 : i + 2
            if fw(o) == .of, case .ok(let p) = phrase(o + 1, money: false), p.kind == .cardinal {
                if !(isWord(p.e) && !(cls(p.e) == .fw)) {
                    found = NumItem(s: i, e: p.e, value: p.value, kind: .percent)
                    return .ok
                }
            }
            return .none
        }
        var c = Core.blank
        switch core(i, qualified: false, into: &c) {
        case .ok:
            var item = c.item
            if c.postQual != .none { item.qualifier = c.postQual }
            if c.postQual == .none, let r = rangeTail(c, start: i, mode: .plain) {
                found = r
                finish(&found)
                return .ok
            }
            if c.postQual == .none, let d = division(c) { found = d; return .ok }
            // "51.3 to 43.5 percent": a tally of percentages, the first written bare.
            if item.kind == .cardinal && !item.value.isNaN && fw(item.e) == .to && isNum(item.e + 1),
                case .ok(let y) = coreNoSideEffects(item.e + 1, allowThe: false), y.item.kind == .percent,
                y.item.s == item.e + 1
            {
                item.kind = .percent
                found = item
                return .ok
            }
            found = item
            finish(&found)
            return .ok
        case .skip(let k): return .skip(k)
        case .none: return .none
        }
    }

    func combine(_ pre: Qualifier, _ post: Qualifier) -> Qualifier {
        // "more than 5000 or equal to" = at least; "less than 5000 or equal" = at most.
        if post == .atLeast || post == .atMost {
            if pre == .moreThan && post == .atMost { return .atLeast }
            if pre == .lessThan && post == .atMost { return .atMost }
            if pre == .moreThan || pre == .atLeast { return .atLeast }
            if pre == .lessThan || pre == .atMost { return .atMost }
        }
        return post
    }

    /// Adds what follows the item: the counted noun phrase.
    func finish(_ it: inout NumItem) {
        switch it.kind {
        case .cardinal, .range, .quantity:
            if let c = counted(after: it.e, ofAllowed: it.qualifier == .multiples) { it.counted = c }
        default: break
        }
    }

    enum QMode { case plain, between, from }

    /// A qualifier starting at token i: its meaning, the index after it, and the mode.
    @inline(__always)
    func qualifier(_ i: Int) -> (Qualifier, Int, QMode)? {
        // Only a word or a comparison sign can be one.
        let k = kind(i)
        guard k == .word || k == .lt || k == .gt || k == .ge || k == .le || k == .eq else { return nil }
        return qualifierRest(i)
    }

    /// `qualifier` past the token test it inlines at the call.
    func qualifierRest(_ i: Int) -> (Qualifier, Int, QMode)? {
        let k = kind(i)
        if k == .lt || k == .gt || k == .ge || k == .le || k == .eq {
            // Not "<>" or "=<".
            if i > 0 && glued(i) {
                let p = kind(i - 1)
                if p == .lt || p == .gt || p == .eq { return nil }
            }
            switch k {
            case .ge: return (.atLeast, i + 1, .plain)
            case .le: return (.atMost, i + 1, .plain)
            case .gt:
                if kind(i + 1) == .eq { return (.atLeast, i + 2, .plain) }
                if kind(i + 1) == .lt { return nil }
                return (.moreThan, i + 1, .plain)
            case .lt:
                if kind(i + 1) == .eq { return (.atMost, i + 2, .plain) }
                if kind(i + 1) == .gt { return nil }
                return (.lessThan, i + 1, .plain)
            default: return nil
            }
        }
        let w = fw(i)
        switch w {
        case .at:
            if fw(i + 1) == .least { return (.atLeast, i + 2, .plain) }
            if fw(i + 1) == .most { return (.atMost, i + 2, .plain) }
        case .no, .not:
            let a = fw(i + 1)
            if (a == .fewer || a == .less) && fw(i + 2) == .than { return (.atLeast, i + 3, .plain) }
            if (a == .more || a == .greater) && fw(i + 2) == .than { return (.atMost, i + 3, .plain) }
        case .more, .greater, .larger, .bigger, .higher:
            if fw(i + 1) == .than {
                if fw(i + 2) == .or && fw(i + 3) == .equal && fw(i + 4) == .to { return (.atLeast, i + 5, .plain) }
                return (.moreThan, i + 2, .plain)
            }
            if fw(i + 1) == .or && fw(i + 2) == .equal && (fw(i + 3) == .than || fw(i + 3) == .to) {
                return (.atLeast, i + 4, .plain)
            }
        case .less, .fewer, .lower, .smaller:
            if fw(i + 1) == .than {
                if fw(i + 2) == .or && fw(i + 3) == .equal && fw(i + 4) == .to { return (.atMost, i + 5, .plain) }
                return (.lessThan, i + 2, .plain)
            }
            if fw(i + 1) == .or && fw(i + 2) == .equal && (fw(i + 3) == .than || fw(i + 3) == .to) {
                return (.atMost, i + 4, .plain)
            }
        case .equal:
            if fw(i + 1) == .to {
                if fw(i + 2) == .or {
                    let a = fw(i + 3)
                    if (a == .less || a == .fewer || a == .lower) && fw(i + 4) == .than { return (.atMost, i + 5, .plain) }
                    if (a == .more || a == .greater || a == .higher) && fw(i + 4) == .than { return (.atLeast, i + 5, .plain) }
                }
                return (.none, i + 2, .plain)
            }
        case .over, .above:
            if lastEnd == i { return nil }
            return (.moreThan, i + 1, .plain)
        case .under, .below:
            if lastEnd == i { return nil }
            return (.lessThan, i + 1, .plain)
        case .about, .around, .approximately, .roughly, .nearly, .almost, .some:
            return (.about, i + 1, .plain)
        case .approx:
            return (.about, kind(i + 1) == .period ? i + 2 : i + 1, .plain)
        case .close:
            if fw(i + 1) == .to { return (.about, i + 2, .plain) }
        case .upwards:
            if fw(i + 1) == .of { return (.atLeast, i + 2, .plain) }
        case .in:
            if fw(i + 1) == .excess && fw(i + 2) == .of { return (.moreThan, i + 3, .plain) }
        case .up:
            if fw(i + 1) == .to { return (.atMost, i + 2, .plain) }
        case .as:
            let a = fw(i + 1)
            if fw(i + 2) == .as {
                if a == .high || a == .many || a == .much { return (.atMost, i + 3, .plain) }
                if a == .low || a == .few { return (.atLeast, i + 3, .plain) }
            }
        case .between:
            return (.none, i + 1, .between)
        case .from:
            return (.none, i + 1, .from)
        default: break
        }
        return nil
    }

    /// "between X and Y".
    func between(_ i: Int, _ j: Int, into found: inout NumItem) -> Outcome {
        switch core(j, qualified: false, allowThe: true) {
        case .ok(let x):
            // A range, or the number alone ("between six months and 19 years").
            if let r = rangeTail(x, start: i, mode: .between) {
                found = r
            } else if x.startsWithThe {
                return .none
            } else {
                found = x.item
            }
            finish(&found)
            return .ok
        case .skip(let k): return .skip(k)
        case .none: return .none
        }
    }

    /// "from X to Y": a range unless it reports a change ("rose from 9 to 10").
    func fromRange(_ i: Int, _ j: Int, into found: inout NumItem) -> Outcome {
        switch core(j, qualified: false) {
        case .ok(let x):
            if !changeContext(i), let r = rangeTail(x, start: i, mode: .from) { found = r } else { found = x.item }
            finish(&found)
            return .ok
        case .skip(let k): return .skip(k)
        case .none: return .none
        }
    }

    /// Whether the words before "from" report a change rather than a span.
    func changeContext(_ i: Int) -> Bool {
        var k = i - 1
        var words = 0
        while k >= 0 && words < 8 {
            let t = tp[k]
            if t.kind == .period || t.kind == .question || t.kind == .semicolon { break }
            if t.kind == .word {
                words += 1
                switch fw(k) {
                case .range, .ranging, .ranged, .ranges, .vary, .varies, .varying, .varied:
                    return false
                case .increase, .increased, .increases, .increasing, .rise, .rose, .risen, .rising,
                    .fall, .fell, .fallen, .falling, .grow, .grew, .grown, .growing, .drop, .dropped,
                    .dropping, .reduce, .reduced, .reducing, .reduces, .cut, .cuts, .cutting,
                    .raise, .raised, .raising, .climb, .climbed, .climbing, .jump, .jumped,
                    .decline, .declined, .declining, .decrease, .decreased, .decreasing,
                    .lowered, .lowering, .slash, .slashed, .boost, .boosted, .double,
                    .doubled, .expand, .expanded, .narrow, .narrowed, .widen, .widened,
                    .revise, .revised, .change, .changed, .went, .go, .moved, .toll, .shrink,
                    .shrank, .surge, .surged, .soared, .plunged, .tumbled, .slipped, .edged, .up:
                    return true
                default:
                    if fw(k) == .none && cls(k) == .none {
                        // -ed verbs of change not listed.
                        if endsWith(k, "creased") || endsWith(k, "duced") { return true }
                    }
                }
            }
            k -= 1
        }
        return false
    }

    /// After a core X (whose item starts at `start`), a second number making a range.
    @inline(__always)
    func rangeTail(_ x: Core, start: Int, mode: QMode) -> NumItem? {
        // The separator is a word ("and", "to", "through") or a dash.
        let k = kind(x.item.e)
        guard k == .word || k == .dash || k == .endash else { return nil }
        return rangeTailRest(x, start: start, mode: mode)
    }

    /// `rangeTail` past the token test it inlines at the call.
    func rangeTailRest(_ x: Core, start: Int, mode: QMode) -> NumItem? {
        let xi = x.item
        guard xi.kind != .fraction, xi.kind != .range else { return nil }
        if xi.kind == .ordinal && mode != .between { return nil }
        var k = xi.e
        // The separator.
        switch mode {
        case .between:
            if fw(k) == .and || kind(k) == .endash || kind(k) == .dash { k += 1 } else { return nil }
        case .from:
            if fw(k) == .to || fw(k) == .through || kind(k) == .endash || kind(k) == .dash { k += 1 } else { return nil }
        case .plain:
            if kind(k) == .endash || kind(k) == .dash {
                // "41-50", "9–10", "0 – 1%", "one-to-two".
                if fw(k + 1) == .to && isDashLike(k + 2) { k += 3 } else if x.phrase.wordy && glued(k) { return nil } else { k += 1 }
                // A phone number or identifier chain: 1-222-2222.
            } else if fw(k) == .to || fw(k) == .through {
                if fw(k) == .through && !(xi.kind == .cardinal || xi.kind == .percent || xi.kind == .money) { return nil }
                // "dropped 3 points to 28%", "rose 5 to 10": a change, not a range.
                if changeContext(xi.s) { return nil }
                k += 1
            } else {
                return nil
            }
        }
        guard k < n else { return nil }
        var yc: Core
        switch coreNoSideEffects(k, allowThe: mode == .between) {
        case .ok(let c): yc = c
        default: return nil
        }
        var y = yc.item
        if y.kind == .fraction || y.kind == .range { return nil }
        if xi.kind == .ordinal || y.kind == .ordinal {
            guard xi.kind == .ordinal && y.kind == .ordinal && mode == .between else { return nil }
        }
        // A dash chain of three numbers is a phone number or code, not a range.
        if mode == .plain && isDashLike(y.e) && isNum(y.e + 1) && glued(y.e) { return nil }
        // A score: "Tunisia 1 – 2 England", "lost 1-2".
        if mode == .plain && isDashLike(xi.e) && isNum(xi.s) && scoreContext(xi.s, y.e) { return nil }
        var lo = xi.value
        // The scale of the second end covers the first: "between 15 and 70 million".
        if yc.phrase.scaled && !x.phrase.scaled && x.phrase.value <= yc.phrase.base
            && (xi.kind == .cardinal || xi.kind == .money || xi.kind == .percent)
        {
            lo = x.phrase.literalOnly || x.phrase.s == x.phrase.e - 1 && isNum(x.phrase.s)
                ? exactScale(tp[x.phrase.s], yc.phrase.scale) : x.phrase.value * yc.phrase.scale
        } else if yc.phrase.tail > 1 && !x.phrase.scaled && x.phrase.tail == 1 && x.phrase.value * yc.phrase.tail <= yc.phrase.value
            && xi.kind == .cardinal
        {
            // "one-to-two hundred".
            lo = x.phrase.value * yc.phrase.tail
        }
        var unit: UnitRef = .none
        switch (xi.kind, y.kind) {
        case (.cardinal, .cardinal), (.ordinal, .ordinal): break
        case (.cardinal, .percent), (.percent, .percent), (.percent, .cardinal):
            unit = .code(cPercent)
        case (.money, .money), (.money, .cardinal), (.cardinal, .money):
            if case .code(let c) = xi.unit { unit = .code(c) } else { unit = y.unit }
        case (.cardinal, .quantity), (.quantity, .quantity):
            unit = y.unit
        default: return nil
        }
        guard lo < y.value else {
            return nil
        }
        y.s = start
        return NumItem(s: start, e: y.e, value: lo, high: y.value, kind: .range, unit: unit, qualifier: .none)
    }

    /// Words around "N–M" that make it a score rather than a range.
    func scoreContext(_ s: Int, _ e: Int) -> Bool {
        let p = s - 1
        if isWord(p) && tp[p].has(.capital) && !sentenceStart(p) && lexOf(p) < 0 { return true }
        if isWord(e) && tp[e].has(.capital) && lexOf(e) < 0 { return true }
        if wordIs(e, "win") || wordIs(e, "loss") || wordIs(e, "defeat") || wordIs(e, "victory") || wordIs(e, "vote")
            || wordIs(e, "draw") || wordIs(e, "lead") || wordIs(e, "decision") || wordIs(e, "majority") || wordIs(e, "margin")
        {
            return true
        }
        return wordIs(p, "won") || wordIs(p, "lost") || wordIs(p, "beat") || wordIs(p, "defeated") || wordIs(p, "drew")
            || wordIs(p, "ended") || wordIs(p, "winning") || wordIs(p, "losing") || wordIs(p, "leading")
            || wordIs(p, "trailing") || wordIs(p, "score") || wordIs(p, "scored") || wordIs(p, "tally") || wordIs(p, "record")
            || wordIs(p, "win") || wordIs(p, "defeat") || wordIs(p, "victory") || wordIs(p, "loss")
    }

    /// "more than 10 and less than 40", "at most 100 and at least 20".
    func boundedRange(_ x: NumItem, _ q: Qualifier) -> NumItem? {
        guard q.isLowerBound || q.isUpperBound, x.kind == .cardinal || x.kind == .percent || x.kind == .money else { return nil }
        var k = x.e
        guard fw(k) == .and || kind(k) == .comma else { return nil }
        if kind(k) == .comma {
            switch fw(x.s) {
            case .more, .greater, .higher, .larger, .bigger, .less, .fewer, .lower, .smaller: break
            default: return nil
            }
        }
        k += 1
        guard let (q2, j, mode) = qualifier(k), mode == .plain else { return nil }
        guard (q.isLowerBound && q2.isUpperBound) || (q.isUpperBound && q2.isLowerBound) else { return nil }
        guard case .ok(let yc) = coreNoSideEffects(j, allowThe: false, qualified: true) else { return nil }
        let y = yc.item
        guard y.kind == x.kind else { return nil }
        let lo = q.isLowerBound ? x.value : y.value
        let hi = q.isLowerBound ? y.value : x.value
        guard lo < hi else { return nil }
        var unit: UnitRef = .none
        if x.kind == .percent { unit = .code(cPercent) } else if x.kind == .money { unit = x.unit }
        return NumItem(s: x.s, e: y.e, value: lo, high: hi, kind: .range, unit: unit)
    }

    /// "one over three", "2000 over 3": a quotient (only when nothing follows it).
    @inline(__always)
    func division(_ c: Core) -> NumItem? {
        guard c.item.kind == .cardinal, fw(c.item.e) == .over else { return nil }
        return divisionRest(c)
    }

    /// `division` past the token test it inlines at the call.
    func divisionRest(_ c: Core) -> NumItem? {
        let x = c.item
        guard x.kind == .cardinal, fw(x.e) == .over else { return nil }
        guard case .ok(let yc) = coreNoSideEffects(x.e + 1, allowThe: false) else { return nil }
        let y = yc.item
        guard y.kind == .cardinal, y.value != 0 else { return nil }
        if y.e < n && (kind(y.e) == .word || kind(y.e) == .num) { return nil }
        let v = x.value / y.value
        return NumItem(s: x.s, e: y.e, value: v, kind: abs(v) < 1 ? .fraction : .cardinal)
    }

    /// "hundreds", "tens of thousands", "several tens of thousands", "hundreds of miles".
    @inline(__always)
    func multiples(_ i: Int) -> NumItem? {
        guard kind(i) == .word else { return nil }
        return multiplesRest(i)
    }

    /// `multiples` past the token test it inlines at the call.
    func multiplesRest(_ i: Int) -> NumItem? {
        var k = i
        if fw(k) == .several || fw(k) == .many { k += 1 }
        guard cls(k) == .multiple else { return nil }
        var v = val(k)
        let first = k
        k += 1
        if fw(k) == .of && cls(k + 1) == .multiple && val(k + 1) > v {
            v *= val(k + 1)
            k += 2
        } else if wordIs(first, "tens") {
            return nil
        }
        // Part of a number: "five hundreds".
        if first > 0 && (isNumberStartWord(first - 1) || isNum(first - 1)) { return nil }
        var item = NumItem(s: i, e: k, value: v, kind: .cardinal, qualifier: .multiples)
        if fw(k) == .of, let (ue, _) = measureAfter(k + 1) {
            item.kind = .quantity
            item.unit = .text(k + 1, ue)
            item.e = ue
        }
        return item
    }

    /// The noun phrase counted by a number that ends before token e.
    @inline(__always)
    func counted(after e: Int, ofAllowed: Bool) -> (Int, Int)? {
        // The phrase (or "of" before it) starts with a word.
        guard kind(e) == .word else { return nil }
        return countedRest(after: e, ofAllowed: ofAllowed)
    }

    /// `counted` past the token test it inlines at the call.
    func countedRest(after e: Int, ofAllowed: Bool) -> (Int, Int)? {
        var k = e
        if ofAllowed && fw(k) == .of { k += 1 }
        let s = k
        var words = 0
        loop: while k < n && words < 4 {
            let t = tp[k]
            if t.kind == .dash && glued(k) && isWord(k + 1) && glued(k + 1) && words > 0 {
                k += 1
                continue
            }
            guard t.kind == .word else { break }
            if lexOf(k) >= 0 {
                let c = cls(k)
                if c == .fw {
                    switch fw(k) {
                    case .year, .years, .months, .days, .weeks, .hours, .minutes, .seconds, .day, .week, .month,
                        .hour, .minute, .people, .others, .times, .states, .party, .parties, .person, .place, .world:
                        break
                    default:
                        break loop
                    }
                } else if c == .article || c == .month || c == .unit || c == .teen || c == .tens
                    || c == .percent || c == .scale || c == .hundred
                {
                    break loop
                }
            }
            if isNum(k + 1) && glued(k + 1) { break }
            if words > 0 && (endsWith(k, "ly") || endsWith(k, "ing") || endsWith(k, "ed")) { break }
            if words == 0 && endsWith(k, "ly") { break }
            words += 1
            k += 1
            if kind(k) == .apos { break }
        }
        guard words > 0 else { return nil }
        var end = k
        while end > s && !isWord(end - 1) { end -= 1 }
        return (s, end)
    }

    // MARK: Core: a number with its currency, percent sign or unit

    struct Core {
        var item: NumItem
        var phrase: Phrase
        var postQual: Qualifier = .none
        var startsWithThe = false

        /// A core for a parse to write into.
        static var blank: Core { Core(item: NumItem(s: 0, e: 0, value: 0, kind: .cardinal), phrase: Phrase(s: 0, e: 0, value: 0)) }
    }

    func coreNoSideEffects(_ i: Int, allowThe: Bool, qualified: Bool = false) -> Parsed<Core> {
        core(i, qualified: qualified, allowThe: allowThe)
    }

    /// A number with its currency, percent sign or unit, at token i.
    @inline(__always)
    func core(_ i: Int, qualified: Bool, allowThe: Bool = false) -> Parsed<Core> {
        var c = Core.blank
        switch core(i, qualified: qualified, allowThe: allowThe, into: &c) {
        case .ok: return .ok(c)
        case .skip(let k): return .skip(k)
        case .none: return .none
        }
    }

    /// `core` into `c` (which holds the result only when the answer is `.ok`):
    /// the parse start keeps its core where it was built (see `phrase(_:money:into:)`).
    func core(_ i0: Int, qualified: Bool, allowThe: Bool = false, into c: inout Core) -> Outcome {
        var i = i0
        var startsWithThe = false
        if allowThe && fw(i) == .the { i += 1; startsWithThe = true }
        guard i < n else { return .none }
        // "magnitude 4.5".
        if fw(i) == .magnitude, i + 1 < n, isNum(i + 1) {
            guard case .ok(let p) = phrase(i + 1, money: false) else { return .none }
            var item = NumItem(s: i0, e: p.e, value: p.value, kind: .quantity, unit: .text(i, i + 1))
            c = Core(item: item, phrase: p)
            if kind(p.e) == .plus && glued(p.e) { item.e += 1; c.postQual = .atLeast; c.item = item }
            return .ok
        }
        // Currency before the number.
        var code: Int16? = nil
        var k = i
        if let (cc, j) = currencyPrefix(i) { code = cc; k = j }
        var p = Phrase(s: k, e: k, value: 0)
        switch phrase(k, money: code != nil, into: &p) {
        case .ok: break
        case .skip(let s): return code == nil ? .skip(s) : .none
        case .none: return .none
        }
        var item = NumItem(s: i0, e: p.e, value: p.value, kind: p.kind)
        c = Core(item: item, phrase: p)
        c.startsWithThe = startsWithThe
        var e = p.e
        if let code {
            // Money written with a symbol or code first.
            item.kind = .money
            item.unit = .code(code)
            // "$5m", "US$ 1MM" handled by the phrase; "USD 22.5 million" too.
            if let (v2, e2) = subunit(after: e, value: p.value) { item.value = v2; e = e2 }
            item.e = e
            c.item = item
            applyPostQualifier(&c)
            return .ok
        }
        if p.kind == .ordinal {
            return ordinalCore(&c, qualified: qualified)
        }
        // Percent.
        if kind(e) == .percentSign && (glued(e) || !isNum(e + 1)) {
            item.kind = .percent; item.e = e + 1
            c.item = item
            applyPostQualifier(&c)
            return .ok
        }
        if cls(e) == .percent {
            item.kind = .percent; item.e = e + 1
            // "3 percentage points".
            if wordIs(e, "percentage") && (wordIs(e + 1, "points") || wordIs(e + 1, "point")) { item.e = e + 2 }
            c.item = item
            applyPostQualifier(&c)
            return .ok
        }
        if fw(e) == .per && wordIs(e + 1, "cent") {
            item.kind = .percent; item.e = e + 2
            c.item = item
            applyPostQualifier(&c)
            return .ok
        }
        // Currency after the number.
        if let (cc, e2, scaleAfter) = currencyAfter(e, phrase: p) {
            item.kind = .money
            item.unit = .code(cc)
            item.value = scaleAfter != 1 ? p.value * scaleAfter : p.value
            if let (v2, e3) = subunit(after: e2, value: item.value) { item.value = v2; item.e = e3 } else { item.e = e2 }
            c.item = item
            applyPostQualifier(&c)
            return .ok
        }
        // A measurement unit.
        if p.kind == .cardinal, let (ue, us) = measureAfter(e) {
            item.kind = .quantity
            item.unit = .text(us, ue)
            item.e = ue
            c.item = item
            applyPostQualifier(&c)
            return .ok
        }
        if p.kind == .cardinal && isDashLike(e) && glued(e) && glued(e + 1) && fw(e + 1) == .magnitude {
            item.kind = .quantity
            item.unit = .text(e + 1, e + 2)
            item.e = e + 2
            c.item = item
            return .ok
        }
        // Percent written first: "percent of 10".
        // Not a claim: years, dates, times, identifiers.
        if let k = exclusion(p, qualified: qualified) { return .skip(k) }
        if p.singleWord, let k = wordExclusion(p) { return .skip(k) }
        // "7 out of 20", "one in five".
        if p.kind == .cardinal, let f = outOf(p) {
            item.e = f.1; item.value = f.0; item.kind = abs(f.0) < 1 ? .fraction : .cardinal
            c.item = item
            return .ok
        }
        c.item = item
        applyPostQualifier(&c)
        return .ok
    }

    /// "or more", "and above", "or less", "+": a bound written after the number.
    func withPostQualifier(_ c0: Core) -> Core {
        var c = c0
        applyPostQualifier(&c)
        return c
    }

    @inline(__always)
    func applyPostQualifier(_ c: inout Core) {
        if let (q, ne) = postQualifier(after: c.item.e) {
            c.postQual = q
            c.item.e = ne
        }
    }

    /// A bound written after the number ending before token e: its meaning and new end.
    @inline(__always)
    func postQualifier(after e: Int) -> (Qualifier, Int)? {
        // "+" or a word ("or", "and").
        let k = kind(e)
        guard k == .plus || k == .word else { return nil }
        return postQualifierRest(after: e)
    }

    /// `postQualifier` past the token test it inlines at the call.
    func postQualifierRest(after e: Int) -> (Qualifier, Int)? {
        if kind(e) == .plus && glued(e) && !isNum(e + 1) { return (.atLeast, e + 1) }
        let a = fw(e)
        guard a == .or || a == .and else { return nil }
        let b = fw(e + 1)
        if let (_, j, mode) = qualifier(e + 1), mode == .plain, looksLikeNumber(j) { return nil }
        switch b {
        case .more, .above, .over, .greater, .higher:
            if isNum(e + 2) || (fw(e + 2) == .than && (isNum(e + 3) || isNumberStartWord(e + 3))) { return nil }
            return (.atLeast, fw(e + 2) == .than ? e + 3 : e + 2)
        case .less, .fewer, .below, .under, .lower:
            if isNum(e + 2) || (fw(e + 2) == .than && (isNum(e + 3) || isNumberStartWord(e + 3))) { return nil }
            return (.atMost, fw(e + 2) == .than ? e + 3 : e + 2)
        case .equal:
            guard a == .or else { return nil }
            // At most here; combined with the prefix by `combine`.
            return (.atMost, fw(e + 2) == .to ? e + 3 : e + 2)
        default:
            return nil
        }
    }

    /// The rules for ordinals: adverb "first", calendar periods, names, dates.
    func ordinalCore(_ c: inout Core, qualified: Bool) -> Outcome {
        let p = c.phrase
        let s = p.s, e = p.e
        let prev = s - 1
        if p.singleWord {
            // Names: "World War Second", "Council (Second)", "First Amendment".
            if tp[s].has(.capital) && !sentenceStart(s) { return .skip(e) }
            if tp[s].has(.capital) && kind(e) == .comma && sentenceStart(s) && wordIs(s, "first") { return .skip(e) }
            // Lexicalized compounds: "third-party", "first-hand".
            if isDashLike(e) && glued(e) && glued(e + 1) && isWord(e + 1) && lexicalized(e + 1) { return .skip(e + 2) }
            if wordIs(s, "first") || wordIs(s, "second") {
                let pf = fw(prev)
                let determiner = pf == .the || pf == .its || pf == .his || pf == .her || pf == .their
                    || pf == .our || pf == .my || pf == .your || pf == .this || pf == .that || pf == .whose
                    || cls(prev) == .article || kind(prev) == .apos
                if wordIs(s, "first") && !determiner {
                    switch pf {
                    case .was, .were, .is, .are, .be, .been, .being, .had, .has, .have, .having, .i, .we, .he,
                        .she, .they, .you, .it, .who, .which, .that, .at, .then, .also, .still, .already, .even, .only, .ever, .and, .not:
                        return .skip(e)
                    default: break
                    }
                    if kind(e) == .comma { return .skip(e) }
                    if isWord(e) && fw(e) == .none && cls(e) == .none && (endsWith(e, "ed") || endsWith(e, "en")) { return .skip(e) }
                    if fw(e) == .of && fw(e + 1) == .all { return .skip(e) }
                    if fw(e) == .and && wordIs(e + 1, "foremost") { return .skip(e + 2) }
                    if fw(e) == .time { /* "the first time" handled by determiner */ }
                }
                if wordIs(s, "second") {
                    // The time unit: "a second", "per second", "one second".
                    if pf == .per || pf == .every || isNum(prev) || isNumberStartWord(prev) { return .skip(e) }
                    if cls(prev) == .article {
                        let nk = kind(e)
                        if e >= n || nk == .period || nk == .comma || nk == .question || nk == .rparen
                            || fw(e) == .later || fw(e) == .ago || fw(e) == .or || fw(e) == .earlier
                            || fw(e) == .before || fw(e) == .after
                        {
                            return .skip(e)
                        }
                    }
                }
            }
        }
        // Calendar periods: "the third quarter", "the first week of April", "first half of 2019".
        if cls(e) == .quarter || cls(e) == .quarters { return .skip(e + 1) }
        if cls(e) == .half && p.singleWord && (wordIs(s, "first") || wordIs(s, "second")) { return .skip(e + 1) }
        if wordIs(e, "century") || wordIs(e, "centuries") || wordIs(e, "millennium") { return .skip(e + 1) }
        if (fw(e) == .week || fw(e) == .weekend || fw(e) == .month || cls(e) == .half) && fw(e + 1) == .of {
            return .skip(e + 1)
        }
        if cls(e) == .half && (cls(e + 1) == .none || kind(e + 1) != .word) && !isWord(e + 1) { return .skip(e + 1) }
        // Dates: "May 4th", "the 4th of July".
        if !p.wordy {
            if fw(prev) == .the && fw(prev - 1) == .on && tp[s].digits <= 2 { return .skip(e) }
            if cls(prev) == .month || (kind(prev) == .period && cls(prev - 1) == .month) { return .skip(e) }
            if cls(e) == .month || (fw(e) == .of && cls(e + 1) == .month) { return .skip(e) }
        }
        _ = qualified
        c.item.kind = .ordinal
        return .ok
    }

    func lexicalized(_ k: Int) -> Bool {
        switch fw(k) {
        case .party, .parties, .hand, .handed, .way, .sided, .rate, .tier, .world, .class, .person, .off, .on, .time,
            .place, .round:
            return true
        default: return false
        }
    }

    /// Years, dates, clock times and identifiers written with digits: the
    /// token index the scan skips to, or nil for a number claim.
    @inline(__always)
    func exclusion(_ p: Phrase, qualified: Bool) -> Int? {
        guard p.literalOnly else { return nil }
        return exclusionRest(p, qualified: qualified)
    }

    /// `exclusion` past the token test it inlines at the call.
    func exclusionRest(_ p: Phrase, qualified: Bool) -> Int? {
        guard p.literalOnly else { return nil }
        let s = p.s, e = p.e
        let t = tp[s]
        let prev = s - 1
        // Glued to letters: "IE6", "H1N1", "A300s", "1960s", "6am", "3D".
        if prev >= 0 && glued(s) && (kind(prev) == .word) { return chainEnd(s) }
        if e < n && glued(e) && kind(e) == .word {
            if cls(e) == .timeWord { return e + 1 }
            return chainEnd(e)
        }
        // "COVID-19", "K-12", "SARS-CoV-2": a word, a hyphen, the digits, all glued.
        if prev >= 1 && glued(s) && isDashLike(prev) && glued(prev) && kind(prev - 1) == .word { return chainEnd(s) }
        // Times, dates, telephone numbers, addresses: "12:55", "2025-01-31",
        // "5/17/2018", "1-800-555-0199" (`Patterns.code`, tried only when
        // punctuation is glued after the literal).
        if e < n && glued(e) {
            switch kind(e) {
            case .colon, .slash, .period, .dash, .endash:
                let from = Int(t.start)
                let len = patterns.codeLength(text, at: from)
                if len > 0 {
                    var k = e
                    while k < n && Int(tp[k].start) < from + len { k += 1 }
                    return k
                }
            default: break
            }
        }
        // Other glued chains: ratios "3:1", versions "2.0.1"; "2019/20".
        if e < n && glued(e) && (kind(e) == .colon || kind(e) == .period) && isNum(e + 1) && glued(e + 1) {
            return chainEnd(e)
        }
        if e < n && glued(e) && kind(e) == .slash && isNum(e + 1) && glued(e + 1) { return chainEnd(e) }
        if prev >= 0 && glued(s) && (kind(prev) == .slash || kind(prev) == .colon) && isNum(prev - 1) { return chainEnd(s) }
        // Phone numbers and codes: "1-222-2222", "+1 ...".
        if e < n && glued(e) && isDashLike(e) && isNum(e + 1) && glued(e + 1) && isDashLike(e + 2) && glued(e + 2) && isNum(e + 3) {
            return chainEnd(e)
        }
        if prev >= 0 && kind(prev) == .plus && glued(s) && (isDashLike(e) || kind(e) == .lparen) { return chainEnd(s) }
        // Clock times and zones after the number: "6 a.m.", "1922 UTC".
        if cls(e) == .timeWord && !(allCaps(e) == false && wordIs(e, "est")) { return e + 1 }
        if (wordIs(e, "a") || wordIs(e, "p")) && kind(e + 1) == .period && glued(e + 1) && wordIs(e + 2, "m") { return e + 3 }
        // "No. 3846", "#5", "Code : 306299".
        if prev >= 0 {
            if kind(prev) == .hash { return chainEnd(s) }
            var q = prev
            if kind(q) == .period || kind(q) == .colon { q -= 1 }
            if q >= 0 && (fw(q) == .no || fw(q) == .nos || fw(q) == .code || fw(q) == .id || fw(q) == .number || fw(q) == .version)
                && (q != prev || fw(q) != .no) && tp[q].has(.capital) || (q != prev && fw(q) == .no && kind(prev) == .period)
            {
                return chainEnd(s)
            }
        }
        // Year spans after a qualifier: "over 2000 - 2050".
        if !t.has(.decimal) && !t.has(.grouped) && t.digits == 4 && t.value >= 1200 && t.value <= 2099 && isDashLike(e) && isNum(e + 1)
            && tp[e + 1].digits == 4 && tp[e + 1].value >= 1200 && tp[e + 1].value <= 2099
        {
            return e + 2
        }
        // "number 3" as a label.
        if !t.has(.decimal) && !t.has(.grouped) && fw(prev) == .number && !glued(s) && !tp[prev].has(.capital) && fw(e) != .of { return e }
        // Dates: "April 28", "Dec. 28", "28 April".
        let isInt = !t.has(.decimal) && !t.has(.grouped)
        if isInt && t.digits <= 2 {
            if cls(prev) == .month && tp[prev].has(.capital) { return e }
            if kind(prev) == .period && cls(prev - 1) == .month && tp[prev - 1].has(.capital) { return e }
            if cls(e) == .month && tp[e].has(.capital) { return e + 1 }
        }
        // Years: 4-digit integers from 1200 to 2099, unless they count something.
        if isInt && t.digits == 4 && t.value >= 1200 && t.value <= 2099 && !qualified {
            // "2019–20", "2019/20": a season or fiscal year.
            if (isDashLike(e) || kind(e) == .slash) && glued(e) && isNum(e + 1) && glued(e + 1)
                && (tp[e + 1].digits == 2 || tp[e + 1].digits == 4) && !tp[e + 1].has(.decimal)
            {
                return e + 2
            }
            var counts = false
            if isWord(e) && !tp[e].has(.capital) && (cls(e) == .none || fw(e) == .people) && !(kind(e + 1) == .apos) {
                // "of 1709 schoolchildren", "killed 1500 people": a noun after, no preposition before.
                switch fw(prev) {
                case .of: counts = true
                case _ where kind(prev) == .comma:
                    counts = false
                case .with, .in, .since, .from, .by, .until, .to, .the, .and, .for, .during, .before, .after,
                    .between, .than, .on, .at, .its, .their, .his, .her, .our, .this, .that, .these, .those:
                    counts = false
                default:
                    counts = cls(prev) != .article && kind(prev) != .apos && (lastByte(e) == 0x73 && !endsWith(e, "ss") || fw(e) == .people)
                }
            }
            if cls(prev) == .month { counts = false }
            if !counts { return e }
        }
        // Names and models: "Area 51", "Falcon 9", "Boeing 737-800", "HR 6819".
        if isInt && prev >= 0 && kind(prev) == .word && tp[prev].has(.capital) && !glued(s)
            && (lexOf(prev) < 0 || labelNoun(prev) && !sentenceStart(prev)) && !allCaps(prev) || (isInt && prev >= 0 && kind(prev) == .word
            && allCaps(prev) && lexOf(prev) < 0 && Int(tp[prev].end - tp[prev].start) <= 4
            && !sentenceStart(prev) && !glued(s))
        {
            // Scores stay numbers: "Belgium 3 – 0 Panama", "beat Chile 3-1", "the Senate 52-48".
            if isDashLike(e) && isNum(e + 1) && (!glued(e) || (t.digits <= 2 && tp[e + 1].digits <= 2)) { return nil }
            return chainEnd(s)
        }
        return nil
    }

    /// Capitalized nouns that label a numbered thing: "Day 1", "Phase 3", "Route 66".
    func labelNoun(_ k: Int) -> Bool {
        switch fw(k) {
        case .day, .week, .phase, .stage, .route, .version, .number, .code, .id, .round, .class, .party, .world:
            return true
        default: return false
        }
    }

    /// The end of a run of glued tokens (an identifier like "737-800" or "H1N1").
    func chainEnd(_ s: Int) -> Int {
        var k = s + 1
        while k < n && glued(k) {
            let kk = kind(k)
            if kk == .word || kk == .num || kk == .dash || kk == .slash || kk == .colon || kk == .endash {
                k += 1
                continue
            }
            if kk == .period && k + 1 < n && glued(k + 1) && (isNum(k + 1) || isWord(k + 1)) { k += 1; continue }
            break
        }
        return k
    }

    /// "one" as a pronoun, "third-party", "half-time": the token index the
    /// scan skips to, or nil.
    func wordExclusion(_ p: Phrase) -> Int? {
        let s = p.s, e = p.e
        if isDashLike(e) && glued(e) && glued(e + 1) && isWord(e + 1) && lexicalized(e + 1) { return e + 2 }
        // "high-five": a number word glued after another word by a hyphen.
        if s >= 2 && isDashLike(s - 1) && glued(s) && glued(s - 1) && isWord(s - 2) && !isNumberStartWord(s - 2)
            && cls(s - 2) != .scale && cls(s - 2) != .hundred && fw(s - 2) != .to && cls(s - 2) != .article
        {
            return e
        }
        if wordIs(s, "one") {
            // "a very serious one.", "the new one would": the pronoun after adjectives.
            let nk = kind(e)
            if e >= n || nk == .period || nk == .comma || nk == .question || nk == .quote || nk == .rparen || nk == .semicolon
                || wordIs(e, "would") || wordIs(e, "will") || wordIs(e, "is") || wordIs(e, "was") || wordIs(e, "that")
                || wordIs(e, "which") || wordIs(e, "has") || wordIs(e, "can") || wordIs(e, "could")
            {
                var k = s - 1
                var adjectives = 0
                while k >= 0 && adjectives < 3 && isWord(k) && !tp[k].has(.capital) && lexOf(k) < 0 { adjectives += 1; k -= 1 }
                if adjectives > 0 {
                    switch fw(k) {
                    case .the, .this, .that, .his, .her, .its, .their, .our, .my, .your, .every, .each, .another:
                        return e
                    default:
                        if cls(k) == .article { return e }
                    }
                }
            }
            switch fw(s - 1) {
            case .no, .the, .little, .loved: return e
            case .this, .that, .which, .any, .every, .each:
                if !(fw(e) == .in || fw(e) == .of || fw(e) == .out) { return e }
            default: break
            }
            if fw(e) == .another { return e }
            if kind(e) == .apos && (wordIs(e + 1, "s")) { return e }
        }
        if cls(s) == .half {
            if s > 0 && cls(s - 1) == .ordinal { return e }
            if isDashLike(e) && glued(e) && isWord(e + 1) && glued(e + 1) { return e + 2 }
        }
        return nil
    }

    /// "7 out of 20" (0.35), "one out of three", "1 in twenty-one".
    @inline(__always)
    func outOf(_ p: Phrase) -> (Double, Int)? {
        // "out of" or "in".
        guard kind(p.e) == .word else { return nil }
        return outOfRest(p)
    }

    /// `outOf` past the token test it inlines at the call.
    func outOfRest(_ p: Phrase) -> (Double, Int)? {
        let e = p.e
        var k: Int
        if fw(e) == .out && fw(e + 1) == .of { k = e + 2 } else if fw(e) == .in { k = e + 1 } else { return nil }
        guard case .ok(let q) = phrase(k, money: false), q.kind == .cardinal, q.value > p.value, p.value > 0 else { return nil }
        if fw(e) == .in {
            // "one in five", "1 in 100", "nine in ten"; not "2 in 5 minutes".
            if p.value != 1 && !(q.value == 10 || q.value == 100 || q.value == 1000) { return nil }
            if !q.wordy && q.value >= 1000 && p.value == 1 && q.value != 1000 { return nil }
        }
        k = q.e
        return (p.value / q.value, k)
    }

    // MARK: Currency and units

    /// A currency written before the amount: "$", "US$", "C$", "€", "USD", "hk $".
    @inline(__always)
    func currencyPrefix(_ i: Int) -> (Int16, Int)? {
        let k = kind(i)
        guard k == .currencySym || k == .word else { return nil }
        return currencyPrefixRest(i)
    }

    /// `currencyPrefix` past the token test it inlines at the call.
    func currencyPrefixRest(_ i: Int) -> (Int16, Int)? {
        let t = tp[i]
        if t.kind == .currencySym {
            guard isNum(i + 1) else { return nil }
            // "10 $" is a postfix, not a prefix, when a number sits right before.
            if i > 0 && isNum(i - 1) && !glued(i + 1) { return nil }
            return (tz.lex.symbolCodes[Int(t.lex)], i + 1)
        }
        guard t.kind == .word else { return nil }
        // Letters glued to "$": US$, C$, HK$, A$, NZ$, mxn$; or "us $", "c $", "hk $".
        if kind(i + 1) == .currencySym && tp[i + 1].lex == 0 && isNum(i + 2) {
            if let code = dollarPrefix(i) { return (tz.lex.knownCode(code), i + 2) }
        }
        // "u.s $".
        if wordIs(i, "u") && kind(i + 1) == .period && wordIs(i + 2, "s") && kind(i + 3) == .currencySym && isNum(i + 4) {
            return (cUSD, i + 4)
        }
        // ISO code: "USD 200", "USD115.5"; "sen 100,000".
        if cls(i) == .isoCode && isNum(i + 1) && (allCaps(i) || !t.has(.capital)) {
            if i > 0 && isNum(i - 1) && !glued(i + 1) { return nil }
            return (entry(i).code, i + 1)
        }
        if wordIs(i, "sen") && !t.has(.capital) && isNum(i + 1) { return (cSen, i + 1) }
        // "Rs 500", "Rs. 2,000".
        if wordIs(i, "rs") {
            if isNum(i + 1) { return (cINR, i + 1) }
            if kind(i + 1) == .period && glued(i + 1) && isNum(i + 2) { return (cINR, i + 2) }
        }
        return nil
    }

    func dollarPrefix(_ i: Int) -> String? {
        let len = Int(tp[i].end - tp[i].start)
        guard len <= 3 else { return nil }
        switch true {
        case wordIs(i, "us"): return "USD"
        case wordIs(i, "c"), wordIs(i, "ca"), wordIs(i, "can"), wordIs(i, "cad"): return "CAD"
        case wordIs(i, "a"), wordIs(i, "au"), wordIs(i, "aud"): return glued(i + 1) || !wordIs(i, "a") ? "AUD" : nil
        case wordIs(i, "hk"), wordIs(i, "hkd"): return "HKD"
        case wordIs(i, "nz"), wordIs(i, "nzd"): return "NZD"
        case wordIs(i, "s"), wordIs(i, "sg"), wordIs(i, "sgd"): return "SGD"
        case wordIs(i, "r"), wordIs(i, "brl"): return "BRL"
        case wordIs(i, "nt"), wordIs(i, "twd"): return "TWD"
        case wordIs(i, "mx"), wordIs(i, "mxn"): return "MXN"
        case wordIs(i, "usd"): return "USD"
        default: return nil
        }
    }

    /// A currency written after the amount: "dollars", "US dollars", "Georgian lari",
    /// "yen", "USD", "€", "pounds" (money only with a scale or "sterling").
    /// Returns the code, the end, and a scale written after the code ("75 USD million").
    @inline(__always)
    func currencyAfter(_ e: Int, phrase p: Phrase) -> (Int16, Int, Double)? {
        // A sign, a word, or a hyphen before a currency word.
        let k = kind(e)
        guard k == .currencySym || k == .word || k == .dash || k == .endash || k == .minusSign else { return nil }
        return currencyAfterRest(e, phrase: p)
    }

    /// `currencyAfter` past the token test it inlines at the call.
    func currencyAfterRest(_ e: Int, phrase p: Phrase) -> (Int16, Int, Double)? {
        guard e < n else { return nil }
        let t = tp[e]
        if t.kind == .currencySym {
            // "10 $", "100 ₡"; not the start of the next amount.
            if isNum(e + 1) && glued(e + 1) { return nil }
            if t.lex == 0 && !(e + 1 >= n || !isWord(e + 1) || cls(e + 1) == .fw) { return nil }
            return (tz.lex.symbolCodes[Int(t.lex)], e + 1, 1)
        }
        // A hyphenated "one-yen".
        var k = e
        if isDashLike(k) && glued(k) && glued(k + 1) && cls(k + 1) == .currency && !entry(k + 1).weak { k += 1 }
        guard kind(k) == .word else { return nil }
        if lexOf(k) < 0 {
            // Only "48.5 MGBP" (a million of a currency code) can still follow.
            let t2 = tp[k]
            if t2.end - t2.start == 4 && text[Int(t2.start)] == 0x4D && allCaps(k) {
                let id = tz.lex.find(text, Int(t2.start) + 1, Int(t2.end))
                if id >= 0 && ent[Int(id)].cls == .isoCode { return (ent[Int(id)].code, k + 1, 1e6) }
            }
            return nil
        }
        // Adjective(s) + currency noun.
        var adjCode: Int16? = nil
        var adjFamily: Int16 = -1
        var a = k
        if wordIs(a, "hong") || wordIs(a, "new") || wordIs(a, "south") || wordIs(a, "sri") { a += 1 }
        if wordIs(a, "u") && kind(a + 1) == .period && wordIs(a + 2, "s") && kind(a + 3) == .period { a += 3; adjCode = cUSD; adjFamily = cDollar }
        else if cls(a) == .currencyAdj && cls(a + 1) == .currency {
            adjCode = entry(a).code; adjFamily = entry(a).family
        } else if wordIs(a, "us") && cls(a + 1) == .currency {
            adjCode = cUSD; adjFamily = cDollar
        }
        let nounAt = adjCode != nil ? a + 1 : k
        if adjCode == nil && a != k { return nil }
        let c = cls(nounAt)
        if c == .currency {
            let en = entry(nounAt)
            var code = en.code
            if let adjCode {
                // "Australian dollars" → AUD; "Swiss francs" → CHF.
                if nounFamily(nounAt, adjFamily) { code = adjCode } else if en.code == cUSD || en.code == cFranc { code = adjCode }
            }
            if en.weak && adjCode == nil && !p.scaled { return nil }
            if wordIs(nounAt, "pounds") || wordIs(nounAt, "pound") {
                // Money with a scale, "sterling" or pence ("2.50 pounds"); else a weight.
                let pence = p.literalOnly && tp[p.s].has(.decimal) && tp[p.s].exp == -2
                if adjCode == nil && !p.scaled && !wordIs(nounAt + 1, "sterling") && !pence { return nil }
            }
            if wordIs(nounAt, "sterling") && adjCode == nil && !p.scaled { return nil }
            if wordIs(nounAt, "marks") && adjCode == nil && !p.scaled { return nil }
            if (wordIs(nounAt, "cent") || wordIs(nounAt, "sen")) && !tp[nounAt].has(.spaceBefore) { return nil }
            var end = nounAt + 1
            if wordIs(end, "sterling") { end += 1 }
            return (code, end, 1)
        }
        if c == .isoCode && (allCaps(nounAt) || wordIs(nounAt, "usd")) {
            // Not a prefix of the next amount: "3 USD50".
            if isNum(nounAt + 1) && glued(nounAt + 1) { return nil }
            if cls(nounAt + 1) == .scale && !p.scaled {
                return (entry(nounAt).code, nounAt + 2, val(nounAt + 1))
            }
            return (entry(nounAt).code, nounAt + 1, 1)
        }
        // "48.5 MGBP".
        let t2 = tp[nounAt]
        if t2.kind == .word && t2.end - t2.start == 4 && text[Int(t2.start)] == 0x4D && allCaps(nounAt) {
            let id = tz.lex.find(text, Int(t2.start) + 1, Int(t2.end))
            if id >= 0 && ent[Int(id)].cls == .isoCode {
                return (ent[Int(id)].code, nounAt + 1, 1e6)
            }
        }
        return nil
    }

    func nounFamily(_ k: Int, _ family: Int16) -> Bool {
        guard family >= 0 else { return false }
        var f = tz.lex.codes[Int(family)]
        return f.withUTF8 { fb in
            let t = tp[k]
            let len = Int(t.end - t.start)
            guard len >= fb.count else { return false }
            for j in 0..<fb.count where Lexicon.lower(text[Int(t.start) + j]) != fb[j] { return false }
            return true
        }
    }

    /// Cents after a whole amount: "3 dollars 50 cents", "15 dollars and 50", "c $ 100 and fifty".
    func subunit(after e: Int, value: Double) -> (Double, Int)? {
        guard value == value.rounded(), value >= 0 else { return nil }
        var k = e
        if fw(k) == .and { k += 1 }
        guard k < n, kind(k) == .num || isNumberStartWord(k) else { return nil }
        if kind(k) == .num && glued(k) { return nil }
        guard case .ok(let q) = phrase(k, money: false), q.kind == .cardinal, q.value >= 1, q.value < 100,
            q.value == q.value.rounded()
        else { return nil }
        var end = q.e
        if wordIs(end, "cents") || wordIs(end, "cent") || wordIs(end, "pence") || wordIs(end, "p") {
            end += 1
        } else {
            // Only at the end of a clause.
            let nk = kind(end)
            if end < n && !(nk == .period || nk == .comma || nk == .question || nk == .semicolon || nk == .rparen
                || fw(end) == .and || fw(end) == .more || nk == .quote)
            {
                return nil
            }
            if kind(k) == .num && fw(e) != .and && !(cls(e - 1) == .isoCode || cls(e - 1) == .currency) { return nil }
        }
        return (value + q.value / 100, end)
    }

    /// A measurement unit after a number: returns (end, start) of the unit tokens.
    @inline(__always)
    func measureAfter(_ e0: Int) -> (Int, Int)? {
        // A word, or a hyphen before one.
        let k = kind(e0)
        guard k == .word || k == .dash || k == .endash || k == .minusSign else { return nil }
        return measureAfterRest(e0)
    }

    /// `measureAfter` past the token test it inlines at the call.
    func measureAfterRest(_ e0: Int) -> (Int, Int)? {
        var e = e0
        guard e < n else { return nil }
        // "5-km" (glued hyphen).
        if isDashLike(e) && glued(e) && glued(e + 1) && (cls(e + 1) == .measure || cls(e + 1) == .measureMod) { e += 1 }
        let s = e
        if cls(e) == .measureMod {
            let m = e
            e += 1
            if isDashLike(e) && glued(e) { e += 1 }
            if cls(e) == .measure || wordIs(e, "units") || wordIs(e, "years") || wordIs(e, "year") {
                e += 1
            } else {
                _ = m
                return nil
            }
        } else if cls(e) == .measure {
            e += 1
        } else if wordIs(e, "pounds") || wordIs(e, "pound") {
            e += 1
        } else {
            return nil
        }
        // "per hour", "/h".
        if fw(e) == .per && (fw(e + 1) == .hour || fw(e + 1) == .minute || wordIs(e + 1, "second") || fw(e + 1) == .day
            || fw(e + 1) == .year)
        {
            e += 2
        } else if kind(e) == .slash && glued(e) && isWord(e + 1) && glued(e + 1)
            && (wordIs(e + 1, "h") || wordIs(e + 1, "hr") || wordIs(e + 1, "s"))
        {
            e += 2
        }
        return (e, s)
    }

    // MARK: Number phrases

    /// A sign written before a literal: "-5", "<-30", "- 1 4/5" at the start.
    @inline(__always)
    func isSign(_ i: Int) -> Bool {
        let k = kind(i)
        guard k == .dash || k == .endash || k == .minusSign else { return false }
        return isSignRest(i)
    }

    /// `isSign` past the token test it inlines at the call.
    func isSignRest(_ i: Int) -> Bool {
        guard isDashLike(i) || kind(i) == .minusSign, isNum(i + 1) else { return false }
        if i == 0 { return true }
        let pk = kind(i - 1)
        if pk == .lt || pk == .gt || pk == .eq || pk == .le || pk == .ge || pk == .lparen { return glued(i + 1) || true }
        if !tp[i].has(.spaceBefore) { return false }
        if pk == .num || pk == .percentSign || pk == .vulgar || pk == .rparen { return false }
        if isNumberStartWord(i - 1) || cls(i - 1) == .scale || cls(i - 1) == .hundred { return false }
        return glued(i + 1)
    }

    /// Parses a number phrase at token i.
    @inline(__always)
    func phrase(_ i: Int, money: Bool) -> Parsed<Phrase> {
        var p = Phrase(s: i, e: i, value: 0)
        switch phrase(i, money: money, into: &p) {
        case .ok: return .ok(p)
        case .skip(let k): return .skip(k)
        case .none: return .none
        }
    }

    /// Parses a number phrase at token i into `p` (which holds the phrase only
    /// when the answer is `.ok`). The phrase is built where the caller keeps
    /// it: returned in a `Parsed`, it was copied at each level (literal,
    /// phrase, core), a third of those functions' time.
    func phrase(_ i0: Int, money: Bool, into p: inout Phrase) -> Outcome {
        var i = i0
        var neg = false
        if cls(i) == .minus && (isNum(i + 1) || isNumberStartWord(i + 1) || cls(i + 1) == .point) {
            neg = true; i += 1
        } else if isSign(i) {
            neg = true; i += 1
        }
        guard i < n else { return .none }
        let r = unsignedPhrase(i, money: money, into: &p)
        if neg, case .ok = r {
            p.value = -p.value
            p.base = -p.base
            p.s = i0
            p.literalOnly = false
            p.singleWord = false
        }
        return r
    }

    /// A number phrase at token i (i < n) after any sign, into `p`.
    @inline(__always)
    func unsignedPhrase(_ i: Int, money: Bool, into p: inout Phrase) -> Outcome {
        let t = tp[i]
        if t.kind == .vulgar {
            p = Phrase(s: i, e: i + 1, value: t.value, kind: .fraction)
            return .ok
        }
        if t.kind == .num { return literalPhrase(i, money: money, into: &p) }
        if t.kind == .word && lexOf(i) >= 0 {
            switch wordPhrase(i) {
            case .ok(let q): p = q; return .ok
            case .skip(let k): return .skip(k)
            case .none: return .none
            }
        }
        return .none
    }

    /// A literal with what can follow it: glued scale suffix ("10k", "2mil", "1.2b"),
    /// ordinal suffix ("21st"), fractions ("3/4", "2 1/4"), scale words, "hundred and 21".
    func literalPhrase(_ i: Int, money: Bool, into p: inout Phrase) -> Outcome {
        let t = tp[i]
        p = Phrase(s: i, e: i + 1, value: t.value)
        p.base = t.value
        var e = i + 1
        let isInt = !t.has(.decimal) && !t.has(.inexact)
        // Glued suffix.
        if e < n && glued(e) && kind(e) == .word {
            let c = cls(e)
            if c == .scale {
                let len = Int(tp[e].end - tp[e].start)
                let first = text[Int(tp[e].start)]
                // "1m" is a metre unless money or upper case ("10M", "£5m").
                // "2.4m tonnes", "5m people": a lower-case m after a decimal or before a plural is a million.
                let millionish = t.has(.decimal) || (isWord(e + 1) && !glued(e + 1) && (lastByte(e + 1) == 0x73 || fw(e + 1) == .people))
                let lowerM = len == 1 && (first == 0x6D) && !millionish
                let lowerB = len == 1 && (first == 0x62 || first == 0x42)
                if (!lowerM || money) && (!lowerB || true) && !(isWord(e + 1) && glued(e + 1)) {
                    let sc = val(e)
                    p.value = exactScale(t, sc)
                    p.scaled = true; p.scale = sc; p.base = t.value
                    e += 1
                    p.e = e
                    scaleWords(&p)
                    return .ok
                }
                return .skip(e + 1)
            }
            if c == .ordSuffix && isInt && !t.has(.grouped) {
                p.kind = .ordinal
                p.e = e + 1
                return .ok
            }
            if c == .dozen {
                p.value = t.value * 12; p.e = e + 1
                return .ok
            }
            // Units, currencies and identifiers are the caller's.
            p.literalOnly = true
            return .ok
        }
        // Fractions "3/4", mixed "2 1/4".
        if isInt && e + 1 < n && kind(e) == .slash && glued(e) && isNum(e + 1) && glued(e + 1) {
            let d = tp[e + 1]
            if kind(e + 2) == .slash && glued(e + 2) { return .skip(chainEnd(i)) }
            let dv = d.value
            let commonDenominator = dv == 2 || dv == 3 || dv == 4 || dv == 5 || dv == 6 || dv == 8 || dv == 10
                || dv == 16 || dv == 32 || dv == 64 || dv == 100 || dv == 1000
            if commonDenominator && !d.has(.decimal) && t.value < dv && t.digits <= 3 {
                p.value = t.value / d.value
                p.kind = .fraction
                p.e = e + 2
                return .ok
            }
            return .skip(chainEnd(i))
        }
        if isInt && t.digits <= 3 && isNum(e) && !glued(e) && kind(e + 1) == .slash && glued(e + 1) && isNum(e + 2) && glued(e + 2) {
            let a = tp[e], d = tp[e + 2]
            if a.value < d.value && d.value > 0 && !(kind(e + 3) == .slash) {
                p.value = t.value + a.value / d.value
                p.e = e + 3
                return .ok
            }
        }
        p.literalOnly = true
        p.e = e
        scaleWords(&p)
        return .ok
    }

    /// mant * 10^(exp + log10(scale)) exactly for power-of-ten scales.
    func exactScale(_ t: Tok, _ sc: Double) -> Double {
        if t.has(.inexact) { return t.value * sc }
        var k = 0
        var s = sc
        while s >= 10 { s /= 10; k += 1 }
        if s != 1 { return t.value * sc }
        return Tokenizer.decimal(t.mant, Int(t.exp) + k)
    }

    /// Scale words after a literal: "1.6 million", "322 hundred", "13 lakh",
    /// "three lakh crore", "4 thousand 3 hundred and 21". Extends `p` in
    /// place (most literals have none: no copy of the phrase out and back).
    func scaleWords(_ p: inout Phrase) {
        let e = p.e
        let c = cls(e)
        let andFraction = fw(e) == .and && !tp[p.s].has(.decimal) && (fractionWords(e + 1).map { $0.kind == .fraction && !$0.scaled } ?? false)
        // "$50-million": a scale word joined by a hyphen.
        let hyphenScale = isDashLike(e) && glued(e) && glued(e + 1) && cls(e + 1) == .scale && Int(tp[e + 1].end - tp[e + 1].start) > 2
        guard c == .scale || c == .hundred || c == .dozen || (c == .multiple && (val(e) == 100 || val(e) == 12)) || andFraction
            || hyphenScale
        else { return }
        if c == .scale {
            let len = Int(tp[e].end - tp[e].start)
            if len == 1 && !wordIs(e, "k") { return }
            if wordIs(e, "mm") || wordIs(e, "mil") || wordIs(e, "b") { return }
        }
        // Run the word grammar with the literal as its first number.
        var st = WordState()
        st.cur = p.value
        st.small = p.value
        st.have = true
        st.last = .literal
        st.literalMant = tp[p.s]
        var q = words(from: e, state: &st, start: p.s)
        if q.e == e { return }
        q.literalOnly = false
        q.wordy = false
        p = q
    }

    enum Atom { case none, unit, teen, tens, hundred, scale, dozen, article, literal, fraction }

    struct WordState {
        var total = 0.0
        var cur = 0.0
        var small = 0.0
        var have = false
        var last: Atom = .none
        var lastScale = 0.0
        var andTens = false
        var ordinal = false
        var fraction = false
        var scaleOnlyPow10 = 0
        var scales: Double = 1
        var literalMant: Tok? = nil
        var afterScaleWords = 0
        var nonScale = false
    }

    /// A phrase starting with a word.
    func wordPhrase(_ i: Int) -> Parsed<Phrase> {
        let c = cls(i)
        switch c {
        case .unit, .teen, .tens:
            if let f = fractionWords(i) {
                var p = f
                p.wordy = true
                return .ok(p)
            }
            var st = WordState()
            var p = words(from: i, state: &st, start: i)
            if p.e == i { return .none }
            p.wordy = true
            p.singleWord = p.e == i + 1
            return .ok(p)
        case .ordinal:
            // "first", "twentieth", "hundredth".
            if val(i) >= 100 { return .none }
            var p = Phrase(s: i, e: i + 1, value: val(i), kind: .ordinal)
            p.wordy = true; p.singleWord = true
            return .ok(p)
        case .article:
            // "a dozen", "a hundred", "a quarter million", "a third of", "a half".
            let nc = cls(i + 1)
            switch nc {
            case .hundred, .scale, .dozen:
                if nc == .scale && Int(tp[i + 1].end - tp[i + 1].start) <= 2 { return .none }
                var st = WordState()
                st.cur = 1; st.have = true; st.last = .article
                var p = words(from: i + 1, state: &st, start: i)
                if p.e == i + 1 { return .none }
                p.wordy = true
                return .ok(p)
            case .half, .quarter, .ordinal, .tens:
                if let f = fractionWords(i) {
                    var p = f
                    p.wordy = true
                    return .ok(p)
                }
                return .none
            default:
                return .none
            }
        case .half:
            // "half", "half a million", "half million".
            if cls(i + 1) == .scale && Int(tp[i + 1].end - tp[i + 1].start) > 2 {
                let sc = val(i + 1)
                var p = Phrase(s: i, e: i + 2, value: 0.5 * sc)
                p.wordy = true; p.scaled = true; p.base = 0.5; p.scale = sc
                return .ok(p)
            }
            if cls(i + 1) == .article && cls(i + 2) == .scale && Int(tp[i + 2].end - tp[i + 2].start) > 2 {
                let sc = val(i + 2)
                var p = Phrase(s: i, e: i + 3, value: 0.5 * sc)
                p.wordy = true; p.scaled = true; p.base = 0.5; p.scale = sc
                return .ok(p)
            }
            if wordIs(i, "halves") { return .none }
            if cls(i + 1) == .article && cls(i + 2) == .dozen && !wordIs(i + 2, "dozens") {
                var p = Phrase(s: i, e: i + 3, value: 6)
                p.wordy = true
                return .ok(p)
            }
            var p = Phrase(s: i, e: i + 1, value: 0.5, kind: .fraction)
            p.wordy = true; p.singleWord = true
            return .ok(p)
        case .quarter, .quarters:
            // "quarter million".
            if cls(i + 1) == .scale && Int(tp[i + 1].end - tp[i + 1].start) > 2 && c == .quarter {
                let sc = val(i + 1)
                var p = Phrase(s: i, e: i + 2, value: 0.25 * sc)
                p.wordy = true; p.scaled = true; p.base = 0.25; p.scale = sc
                return .ok(p)
            }
            return .none
        default:
            return .none
        }
    }

    /// "a third", "a half", "one eighth", "three quarters", "two-thirds", "a twenty-first":
    /// a fraction phrase starting at i (an article or a small number word).
    func fractionWords(_ i: Int) -> Phrase? {
        var k = i
        var num: Double
        let c = cls(k)
        if c == .article { num = 1; k += 1 }
        else if c == .unit || c == .teen { num = val(k); k += 1 }
        else if c == .tens {
            num = val(k); k += 1
            if isDashLike(k) && glued(k) && cls(k + 1) == .unit { num += val(k + 1); k += 2 }
            else if cls(k) == .unit && !isOrdinalWord(k) { num += val(k); k += 1 }
        } else { return nil }
        if isDashLike(k) && (glued(k) || num > 1) { k += 1 }
        let dc = cls(k)
        var den: Double
        var plural = false
        switch dc {
        case .half: den = 2; plural = wordIs(k, "halves")
        case .quarter: den = 4
        case .quarters: den = 4; plural = true
        case .ordinals: den = val(k); plural = true
        case .ordinal:
            if wordIs(k, "second") || wordIs(k, "first") && num == 1 && c == .unit { return nil }
            den = val(k)
            // "a twenty-first".
        case .tens:
            // "a twenty-first", "three twenty firsts".
            let tv = val(k)
            var kk = k + 1
            if isDashLike(kk) && glued(kk) { kk += 1 }
            if cls(kk) == .ordinal && val(kk) < 10 { den = tv + val(kk); k = kk }
            else if cls(kk) == .ordinals && val(kk) < 10 { den = tv + val(kk); k = kk; plural = true }
            else { return nil }
        default: return nil
        }
        let end = k + 1
        if !plural {
            guard num == 1 else { return nil }
            // Singular: a fraction before "of", a scale, or the end of a clause; else an ordinal ("a third term").
            let nk = kind(end)
            let ok = end >= n || fw(end) == .of || cls(end) == .scale || nk == .period || nk == .question
                || nk == .rparen || nk == .semicolon || nk == .quote || dc == .half
            if !ok { return nil }
            if dc == .quarter && !(fw(end) == .of || cls(end) == .scale || end >= n || nk == .period) { return nil }
        }
        var v = num / den
        var p = Phrase(s: i, e: end, value: v, kind: v < 1 ? .fraction : .cardinal)
        // "a quarter million", "three quarters billion".
        if cls(end) == .scale && Int(tp[end].end - tp[end].start) > 2 {
            let sc = val(end)
            v *= sc
            p.value = v; p.e = end + 1; p.kind = .cardinal; p.scaled = true; p.base = num / den; p.scale = sc
        }
        return p
    }

    func isOrdinalWord(_ k: Int) -> Bool { cls(k) == .ordinal || cls(k) == .ordinals }

    /// The word-number grammar: units, teens, tens, hundred, scales, "and", "point",
    /// dozens, fractions, ordinals. `st` carries a literal already read, and is
    /// left as the grammar ended.
    func words(from i: Int, state st: inout WordState, start: Int) -> Phrase {
        // What came before `i` (a literal, an article); `st` is run on in place,
        // not copied (the copy of the state and its literal was a sixth of this
        // function's instructions).
        let before = st.last
        var k = i
        var end = st.have ? i : i  // last consumed token + 1
        var saved: (WordState, Int)? = nil
        var sawAnd = false
        var hyphenTens = false
        loop: while k < n {
            // Joiners: a hyphen between number words ("sixty-one", "fifty - two", "two-thirds").
            var j = k
            if st.have && isDashLike(j) && (glued(j) || (kind(j) == .dash && st.last == .tens)) {
                let nc = cls(j + 1)
                if (st.last == .tens && nc == .unit) || (st.last == .tens && (nc == .ordinal || nc == .ordinals))
                    || ((st.last == .unit || st.last == .teen || st.last == .tens || st.last == .article) && (nc == .ordinals || nc == .quarters || nc == .half || nc == .ordinal))
                    || ((st.last == .hundred || st.last == .scale) && glued(j) && nc == .ordinals)
                    || (glued(j) && (fw(j + 1) == .and || cls(j + 1) == .article || cls(j + 1) == .half || nc == .scale || nc == .hundred))
                {
                    j += 1
                    if st.last == .tens { hyphenTens = true }
                } else {
                    break loop
                }
            }
            let c = cls(j)
            let v = c == .none || c == .fw ? 0 : (kind(j) == .word ? val(j) : 0)
            switch c {
            case .unit, .teen:
                if !st.have {
                    st.cur = v; st.small = v
                } else if st.last == .tens && c == .unit && v != 0 && !(kind(j) == .num) {
                    st.cur += v; st.small += v
                } else if st.last == .hundred || (st.last == .scale && v < st.lastScale) {
                    st.cur += v; st.small = v
                } else if st.last == .fraction {
                    break loop
                } else {
                    break loop
                }
                st.have = true
                st.last = c == .unit ? .unit : .teen
                st.nonScale = true
                k = j + 1; end = k
            case .tens:
                if !st.have {
                    st.cur = v; st.small = v
                } else if st.last == .hundred || (st.last == .scale && v < st.lastScale) {
                    st.cur += v; st.small = v
                    st.andTens = sawAnd
                } else {
                    break loop
                }
                hyphenTens = false
                st.have = true; st.last = .tens; st.nonScale = true
                k = j + 1; end = k
            case .hundred:
                guard st.have, st.last != .hundred, st.last != .scale || st.cur == 0 && false else { break loop }
                if (st.cur >= 100 && st.last != .literal) || st.cur == 0 && st.last != .article {
                    if let s = saved { st = s.0; end = s.1 }
                    break loop
                }
                st.cur = st.cur * 100
                st.small = 0
                st.last = .hundred
                st.nonScale = true
                k = j + 1; end = k
            case .multiple where v == 100 && st.have && (st.last == .unit || st.last == .literal || st.last == .teen):
                // "five hundreds".
                st.cur *= 100; st.small = 0; st.last = .hundred
                k = j + 1; end = k
            case .scale:
                let len = Int(tp[j].end - tp[j].start)
                if len <= 2 && !wordIs(j, "k") && !wordIs(j, "bn") && !wordIs(j, "mn") && !wordIs(j, "tn") { break loop }
                if wordIs(j, "mil") || wordIs(j, "mm") { break loop }
                guard st.have else { break loop }
                if st.last == .scale {
                    // "lakh crore": a bigger scale multiplies.
                    if v > st.lastScale && st.cur == 0 {
                        st.total *= v
                        st.scales *= v
                        st.lastScale = v
                        k = j + 1; end = k
                        continue loop
                    }
                    break loop
                }
                if st.lastScale != 0 && v >= st.lastScale {
                    if let s = saved { st = s.0; end = s.1 }
                    break loop
                }
                let m = st.cur == 0 ? 1 : st.cur
                if st.total == 0 && !st.nonScale { st.scales *= v } else { st.scales = 0 }
                st.total += m * v
                st.cur = 0; st.small = 0
                st.lastScale = v
                st.last = .scale
                k = j + 1; end = k
                saved = nil
            case .dozen, .multiple:
                // "three dozen", "3 dozens" (the plural is listed as a multiple).
                guard c == .dozen || v == 12 else { break loop }
                guard st.have, st.last != .dozen, st.last != .scale else { break loop }
                if st.small > 0 {
                    st.cur = (st.cur - st.small) + st.small * 12
                } else if st.cur > 0 && st.cur < 100 {
                    st.cur *= 12
                } else {
                    break loop
                }
                st.small = 0
                st.last = .dozen
                k = j + 1; end = k
            case .point:
                // "five point five", "nine point nought four".
                guard st.have, st.last == .unit || st.last == .teen || st.last == .tens || st.last == .literal, cls(j + 1) == .unit else { break loop }
                var kk = j + 1
                var frac = 0.0
                var div = 1.0
                while cls(kk) == .unit {
                    div *= 10
                    frac += val(kk) / div
                    kk += 1
                }
                st.cur += frac
                st.last = .fraction
                st.nonScale = true
                k = kk; end = k
                break loop
            case .ordinal, .ordinals, .half, .quarters, .quarter:
                guard st.have else { break loop }
                let plural = c == .ordinals || c == .quarters || wordIs(j, "halves")
                let ov = c == .half ? 2 : (c == .quarter || c == .quarters ? 4 : v)
                if !plural && c == .ordinal {
                    if st.last == .tens && ov < 10 {
                        // "twenty-first", "one hundred twenty fifth".
                        st.cur += ov
                        st.ordinal = true
                        k = j + 1; end = k
                        break loop
                    }
                    if st.last == .hundred && ov < 100 && before != .literal {
                        st.cur += ov
                        st.ordinal = true
                        k = j + 1; end = k
                        break loop
                    }
                    if ov >= 100 && (st.last == .unit || st.last == .teen || st.last == .tens || st.last == .hundred || st.last == .article || st.last == .literal) {
                        // "two hundredth", "a hundred trillionth".
                        st.total = (st.total + st.cur) * ov
                        st.cur = 0
                        st.ordinal = true
                        k = j + 1; end = k
                        break loop
                    }
                    break loop
                }
                if !plural { break loop }
                // A plural denominator: "five eighths", "twenty one fifths", "three quarters".
                var numer = st.total + st.cur
                var den = ov
                if st.last == .tens && !st.andTens && !hyphenTens && st.cur - st.small > 0 && ov < 10 {
                    // "one hundred thirty fifths" = 100/35.
                    numer = st.total + st.cur - st.small
                    den = st.small + ov
                } else if st.last == .tens && hyphenTens && ov < 10 && st.cur - st.small > 0 {
                    numer = st.total + st.cur - st.small
                    den = st.small + ov
                }
                st.total = 0
                st.cur = numer / den
                st.fraction = true
                st.nonScale = true
                k = j + 1; end = k
                // "three quarters million".
                if cls(k) == .scale && Int(tp[k].end - tp[k].start) > 2 {
                    st.cur *= val(k)
                    st.fraction = false
                    k += 1; end = k
                }
                break loop
            case .fw where fw(j) == .and:
                // "one hundred and six", "3 million and a half", "one and a half", "three-and-a-half".
                guard st.have else { break loop }
                var fs = j + 1
                if j != k && isDashLike(fs) && glued(fs) { fs += 1 }
                if let f = fractionWords(fs), f.kind == .fraction || f.scaled {
                    if f.scaled && st.lastScale == 0 {
                        // "three-and-a-half million" = 3.5 million.
                        st.total = (st.total + st.cur + f.base) * f.scale
                        st.cur = 0
                        st.lastScale = f.scale
                    } else if f.scaled {
                        st.total += st.cur
                        st.total += f.value
                        st.cur = 0
                    } else if st.last == .scale && st.lastScale >= 1000 {
                        st.total += f.value * st.lastScale
                    } else {
                        st.cur += f.value
                    }
                    st.nonScale = true
                    st.last = .fraction
                    k = f.e; end = k
                    break loop
                }
                if (st.last == .hundred || st.last == .scale) && cls(j + 1) == .ordinal && !wordIs(j + 1, "second") {
                    // "one thousand and first".
                    let ov = val(j + 1)
                    let limit = st.last == .hundred ? 100.0 : st.lastScale
                    if ov < limit {
                        st.cur += ov
                        st.ordinal = true
                        k = j + 2; end = k
                        break loop
                    }
                }
                if st.last == .hundred || st.last == .scale {
                    let nk = j + 1
                    if isNumberStartWord(nk) || (isNum(nk) && !tp[nk].has(.decimal)) {
                        let nv = isNum(nk) ? tp[nk].value : val(nk)
                        let limit = st.last == .hundred ? 100.0 : st.lastScale
                        if nv > 0 && nv < limit {
                            saved = (st, end)
                            sawAnd = true
                            if isNum(nk) {
                                st.cur += nv; st.small = nv
                                st.last = .literal
                                st.nonScale = true
                                k = nk + 1; end = k
                            } else {
                                k = nk
                            }
                            continue loop
                        }
                    }
                }
                break loop
            default:
                // A literal after a scale or hundred: "4 thousand 3 hundred".
                if kind(j) == .num && j == k && st.have && (st.last == .scale || st.last == .hundred) && !tp[j].has(.spaceBefore) == false {
                    let nv = tp[j].value
                    let limit = st.last == .hundred ? 100.0 : st.lastScale
                    if nv > 0 && nv < limit && !tp[j].has(.decimal) && (cls(j + 1) == .hundred || st.last == .hundred) {
                        st.cur += nv; st.small = nv
                        st.last = .literal
                        st.nonScale = true
                        k = j + 1; end = k
                        continue loop
                    }
                }
                break loop
            }
        }
        let p0 = Phrase(s: start, e: end, value: st.total + st.cur)
        var p = p0
        if st.last == .hundred && st.total == 0 && st.cur >= 100 { p.tail = 100 }
        if st.ordinal { p.kind = .ordinal }
        else if st.fraction { p.kind = abs(p.value) < 1 ? .fraction : .cardinal }
        if !st.ordinal && !st.fraction && st.scales > 1 && st.cur == 0 && !st.nonScale {
            // Only a number and scale words: keep it exact.
            p.scaled = true
            p.scale = st.scales
            p.base = st.total / st.scales
            if let lit = st.literalMant, before == .literal {
                p.value = exactScale(lit, st.scales)
                p.base = lit.value
            }
        }
        return p
    }
}

/// A growable byte buffer written through a pointer (the output of one record).
struct ByteSink {
    var p: UnsafeMutablePointer<UInt8>
    var cap: Int
    var count = 0
    let owner: Owned<UInt8>

    init() {
        cap = 4096
        p = .allocate(capacity: cap)
        owner = Owned(p)
    }

    @inline(__always) mutating func reserve(_ k: Int) {
        if count + k > cap { grow(count + k) }
    }

    mutating func grow(_ need: Int) {
        var c = cap * 2
        while c < need { c *= 2 }
        let q = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        q.initialize(from: p, count: count)
        p.deallocate()
        p = q
        owner.p = q
        cap = c
    }

    @inline(__always) mutating func byte(_ x: UInt8) {
        reserve(1)
        p[count] = x
        count += 1
    }

    /// A constant piece of JSON. Its length is known where this is inlined,
    /// so the copy is a few fixed-size stores: through `update(from:count:)`
    /// every key went through a memmove call (a quarter of `write`'s time).
    @inline(__always) mutating func raw(_ s: StaticString) {
        let k = s.utf8CodeUnitCount
        reserve(k)
        ByteSink.copy(p + count, s.utf8Start, k)
        count += k
    }

    /// Copies `k` bytes: one to four overlapping loads and stores up to 32
    /// bytes (neither pointer is read or written out of its `k` bytes),
    /// memmove beyond.
    @inline(__always)
    static func copy(_ to: UnsafeMutablePointer<UInt8>, _ from: UnsafePointer<UInt8>, _ k: Int) {
        let d = UnsafeMutableRawPointer(to), s = UnsafeRawPointer(from)
        if k >= 8 && k <= 32 {
            var o = 0
            while o + 8 < k {
                d.storeBytes(of: s.loadUnaligned(fromByteOffset: o, as: UInt64.self), toByteOffset: o, as: UInt64.self)
                o += 8
            }
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: k - 8, as: UInt64.self), toByteOffset: k - 8, as: UInt64.self)
        } else if k >= 4 && k < 8 {
            d.storeBytes(of: s.loadUnaligned(as: UInt32.self), as: UInt32.self)
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: k - 4, as: UInt32.self), toByteOffset: k - 4, as: UInt32.self)
        } else if k < 4 {
            for i in 0..<k { to[i] = from[i] }
        } else {
            to.update(from: from, count: k)
        }
    }

    /// `v` in decimal (the core's two-digits-at-a-time writer). Inlined: the
    /// call cost a third of what writing an offset does.
    @inline(__always)
    mutating func int(_ v: Int) {
        reserve(24)
        var c = ByteCursor(p + count)
        c.decimal(v)
        count += c.written(from: p + count)
    }

    /// A finite number as JSON: integral values below 1e15 without a fraction, others in Swift's shortest form.
    mutating func number(_ v: Double) {
        guard v.isFinite else { raw("null"); return }
        if v == v.rounded() && abs(v) < 1e15 { int(Int(v)); return }
        if shortDecimal(v) { return }
        var d = v.description
        d.withUTF8 { u in
            reserve(u.count)
            (p + count).update(from: u.baseAddress!, count: u.count)
            count += u.count
        }
    }

    /// Writes `v` (not integral) when one to six fraction digits read back as
    /// it, as `description` would write it ("1.5", "-0.25", "0.001"), and
    /// says whether it did. A sixth of the values (prices, percentages) have
    /// a fraction, and `description` (a String through the shortest-digits
    /// printer) cost them several times what the rest of the item did.
    ///
    /// Why the digits are the same: with |v| in [0.001, 1e9) and k ≤ 6, at
    /// most one multiple of 10^-k reads back as `v` (the doubles there are
    /// less than 10^-6 apart), `a * 10^k` is within 0.25 of it, and
    /// m / 10^k (both exact) is rounded as reading the decimal is. The first
    /// k that works is the fewest digits, which is what `description`
    /// writes, in plain decimal form at those magnitudes.
    mutating func shortDecimal(_ v: Double) -> Bool {
        let a = abs(v)
        guard a >= 0.001 && a < 1e9 else { return false }
        var scale = 1
        for k in 1...6 {
            scale &*= 10
            let m = Int(a * Double(scale) + 0.5)
            guard Double(m) / Double(scale) == a else { continue }
            // A sign, up to nine digits, the point, up to six digits.
            reserve(32)
            if v < 0 { p[count] = UInt8(ascii: "-"); count += 1 }
            int(m / scale)
            p[count] = UInt8(ascii: ".")
            count += 1
            var f = m % scale
            var q = scale
            for _ in 0..<k {
                q /= 10
                p[count] = UInt8(truncatingIfNeeded: f / q) &+ 48
                f %= q
                count += 1
            }
            return true
        }
        return false
    }

    /// A JSON string of `u` (valid UTF-8), escaped exactly as the core's
    /// `JSONWriter` escapes (which it does whenever a byte may need it:
    /// controls, `"`, `\`, and the lead bytes of U+0085, U+2028, U+2029).
    mutating func escaped(_ u: UnsafeBufferPointer<UInt8>, spill: inout [UInt8]) {
        if !ByteSink.mayNeedEscape(u) {
            reserve(u.count + 2)
            p[count] = UInt8(ascii: "\"")
            if let b = u.baseAddress { ByteSink.copy(p + count + 1, b, u.count) }
            p[count + 1 + u.count] = UInt8(ascii: "\"")
            count += u.count + 2
            return
        }
        spill.removeAll(keepingCapacity: true)
        JSONWriter.appendEscaped(u, to: &spill)
        spill.withUnsafeBufferPointer { e in
            reserve(e.count)
            (p + count).update(from: e.baseAddress!, count: e.count)
            count += e.count
        }
    }

    /// Whether `u` holds a byte that may need an escape (see `escaped`),
    /// eight bytes at a time: a byte loop paid five compares a byte.
    @inline(__always)
    static func mayNeedEscape(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = u.baseAddress else { return false }
        let n = u.count
        let raw = UnsafeRawPointer(base)
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                if escapeBits(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) != 0 { return true }
                i += 8
            }
            // The last eight bytes, overlapping what was read: nothing past the end.
            return escapeBits(raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) != 0
        }
        if n >= 4 {
            // Two overlapping four-byte loads.
            let x = UInt64(raw.loadUnaligned(as: UInt32.self))
                | UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
            return escapeBits(x) != 0
        }
        // Fewer than four bytes, padded with "A" (no escape).
        var x: UInt64 = 0x4141_4141_4141_4141
        for k in 0..<n { x = x & ~(0xFF << UInt64(8 * k)) | UInt64(base[k]) << UInt64(8 * k) }
        return escapeBits(x) != 0
    }

    /// The high bit of each byte of `x` that is a control, `"`, `\`, or 0xC2
    /// or 0xE2 (the lead bytes of U+0085, U+2028, U+2029); no carry crosses
    /// a byte, so the answer is exact.
    @inline(__always)
    static func escapeBits(_ x: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // Per byte: (b & 0x7F) + 0x60 sets the high bit when b & 0x7F >= 0x20.
        let control = ~((x & low) &+ 0x6060_6060_6060_6060) & ~x & high
        // The zero bytes of y.
        @inline(__always) func zero(_ y: UInt64) -> UInt64 { ~(((y & low) &+ low) | y) & high }
        // 0xC2 and 0xE2 differ only in bit 0x20.
        return control | zero(x ^ 0x2222_2222_2222_2222) | zero(x ^ 0x5C5C_5C5C_5C5C_5C5C)
            | zero((x & 0xDFDF_DFDF_DFDF_DFDF) ^ 0xC2C2_C2C2_C2C2_C2C2)
    }
}
