// Splits a text's UTF-8 bytes into the tokens the number grammar reads:
// words, numeric literals, symbols. One pass, no allocation once the token
// array has grown to the largest record.

enum TokKind: UInt8 {
    case word, num, currencySym, percentSign, dash, endash, emdash, minusSign
    case slash, comma, period, colon, semicolon, lparen, rparen, plus, lt, gt, eq
    case caret, apos, quote, vulgar, ge, le, hash, amp, question, url, other
}

struct TokFlags: OptionSet {
    var rawValue: UInt8
    /// The word starts with an upper-case letter.
    static let capital = TokFlags(rawValue: 1)
    /// Every letter of the word is upper case (and it has two or more).
    static let allCaps = TokFlags(rawValue: 2)
    /// White space (or the start of the text) comes right before the token.
    static let spaceBefore = TokFlags(rawValue: 4)
    /// A line break lies between the previous token and this one.
    static let newlineBefore = TokFlags(rawValue: 8)
    /// A numeric literal with thousands separators ("1,234" or "1 234").
    static let grouped = TokFlags(rawValue: 16)
    /// A numeric literal with a decimal part.
    static let decimal = TokFlags(rawValue: 32)
    /// A numeric literal whose value is not exactly mant * 10^exp (powers).
    static let inexact = TokFlags(rawValue: 64)
}

struct Tok {
    var start: Int32
    var end: Int32
    var kind: TokKind
    var flags: TokFlags
    /// Lexicon entry for words (-1: none); currency index for symbols.
    var lex: Int16
    /// Integer digits of a literal (before the point).
    var digits: UInt8
    /// Decimal exponent: value = mant * 10^exp for a literal.
    var exp: Int16
    var mant: Int64
    /// The literal's value (or a vulgar fraction's).
    var value: Double

    @inline(__always) func has(_ f: TokFlags) -> Bool { flags.contains(f) }
}

/// The lexicon as an open-addressing hash table over lower-cased word bytes.
/// Owns memory that plain structs point to, freeing it when the last copy goes.
final class Owned<T> {
    var p: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutablePointer<T>) { self.p = p }
    deinit { p.deallocate() }
}

/// A class: the annotator and its tokenizer hold one pointer to it, not a few hundred
/// bytes that were copied with `self` into every parse call (memcpy of 488 bytes).
final class Lexicon {
    var entries: [LexEntry] = []
    /// The entries again, for unchecked reads on the hot path.
    private(set) var entryPtr = UnsafeMutablePointer<LexEntry>.allocate(capacity: 1)
    private var entryOwner: Owned<LexEntry>? = nil
    /// Full hashes of the words in `table` order (0 = empty slot).
    private var slotHash: [Int]
    /// Currency codes and other unit strings, by index.
    var codes: [String] = []
    /// The same as UTF-8 bytes, for output.
    var codeBytes: [[UInt8]] = []
    private var codeIndex: [String: Int16] = [:]
    /// Currency symbols' codes, by `CurrencySymbols.index`.
    var symbolCodes: [Int16] = []
    private var words: [[UInt8]] = []
    private var table: [Int32]
    private let mask: Int
    /// Bit i set in lengthMask[b] when some word of byte length i starts with byte b (lower-cased).
    private var lengthMask = [UInt32](repeating: 0, count: 256)
    /// The same by the first two bytes (`pairIndex`).
    private var pairMask = [UInt32](repeating: 0, count: Lexicon.pairCount)
    private var fwIndex: [FW: Int16] = [:]

    init() {
        table = [Int32](repeating: -1, count: 4096)
        slotHash = [Int](repeating: 0, count: 4096)
        mask = 4095
        for line in LexiconData.numeric.split(separator: "\n") { addLine(line) }
        for line in LexiconData.currencies.split(separator: "\n") { addLine(line) }
        for line in LexiconData.measures.split(separator: "\n") { addLine(line) }
        for f in FW.allCases where f != .none {
            let name = "\(f)"
            if lookup(Array(name.utf8)) >= 0 { continue }  // already a numeric word
            add(name, LexEntry(cls: .fw, value: 0, fw: f, code: -1, family: -1, weak: false))
        }
        symbolCodes = CurrencySymbols.codes.map { codeID($0) }
        for c in ["percent", "USD", "CAD", "AUD", "HKD", "NZD", "SGD", "BRL", "TWD", "MXN", "sen", "franc"] { _ = codeID(c) }
        entryPtr.deallocate()
        entryPtr = .allocate(capacity: entries.count)
        entryPtr.initialize(from: entries, count: entries.count)
        entryOwner = Owned(entryPtr)
        // Words that may start an expression are looked up while tokenizing; the rest on demand.
        var startPair = [UInt32](repeating: 0, count: Lexicon.pairCount)
        for (k, w) in words.enumerated() where w.count < 32 && Lexicon.mayStartExpression(entries[k])
            && entries[k].cls != .isoCode && entries[k].fw != .u && entries[k].fw != .rs
        {
            startPair[Lexicon.pairIndex(w[0], w.count > 1 ? w[1] : 0x20)] |= 1 << UInt32(w.count)
        }
        fast = FastLookup(table: table, slotHash: slotHash, lengthMask: lengthMask, pairMask: pairMask, words: words)
        startFast = fast.with(pairMask: startPair)
        // Words that can anchor an item, for `Prefilter`.
        var anchorPair = [UInt32](repeating: 0, count: Lexicon.pairCount)
        for (k, w) in words.enumerated() where w.count < 32 && Lexicon.anchorsItem(entries[k], length: w.count) {
            anchorPair[Lexicon.pairIndex(w[0], w.count > 1 ? w[1] : 0x20)] |= 1 << UInt32(w.count)
        }
        anchorFast = fast.with(pairMask: anchorPair)
        // Of the words the tokenizer leaves unresolved (-2), those the parser must
        // still look up in two places: codes written before an amount (the start
        // words `startPair` leaves out), and the classes `mayStart` looks ahead for.
        var codePair = [UInt32](repeating: 0, count: Lexicon.pairCount)
        var aheadPair = [UInt32](repeating: 0, count: Lexicon.pairCount)
        for (k, w) in words.enumerated() where w.count < 32 {
            let e = entries[k]
            let pair = Lexicon.pairIndex(w[0], w.count > 1 ? w[1] : 0x20)
            if e.cls == .isoCode || e.fw == .u || e.fw == .rs { codePair[pair] |= 1 << UInt32(w.count) }
            if e.cls == .isoCode || e.cls == .ordinals { aheadPair[pair] |= 1 << UInt32(w.count) }
        }
        codeFast = fast.with(pairMask: codePair)
        aheadFast = fast.with(pairMask: aheadPair)
    }

    static func mayStartExpression(_ e: LexEntry) -> Bool {
        switch e.cls {
        case .unit, .teen, .tens, .ordinal, .half, .quarter, .quarters, .multiple, .minus, .article, .isoCode:
            return true
        case .percent:
            return e.value == 0
        case .fw:
            switch e.fw {
            case .at, .no, .not, .more, .greater, .larger, .bigger, .higher, .less, .fewer, .lower, .smaller,
                .equal, .over, .above, .under, .below, .about, .around, .approximately, .approx, .roughly,
                .nearly, .almost, .some, .close, .up, .as, .between, .from, .several, .many, .per, .magnitude, .u, .rs,
                .upwards:
                return true
            default: return false
            }
        case .currency: return e.code >= 0 && false
        default: return false
        }
    }

    /// Like `fast` but answering only for words that may start an expression (-2 for the others: not looked up).
    private(set) var startFast = FastLookup.empty

    /// The lookup tables as plain pointers: no reference counting on the hot path.
    private(set) var fast = FastLookup.empty

    /// Like `fast` but answering only for words whose first two letters and
    /// length match a word that can anchor an item (`Prefilter`).
    private(set) var anchorFast = FastLookup.empty

    /// Masks (`mayHold`) of the words that can be a code before an amount: ISO
    /// codes, "u" (u.s $), "rs".
    private(set) var codeFast = FastLookup.empty

    /// Masks (`mayHold`) of the ISO codes and plural ordinals: the classes
    /// `mayStart` looks ahead for that no start word has.
    private(set) var aheadFast = FastLookup.empty

    /// The index of a code string, added if new.
    func codeID(_ s: String) -> Int16 {
        if let i = codeIndex[s] { return i }
        let i = Int16(codes.count)
        codes.append(s)
        codeBytes.append(Array(s.utf8))
        codeIndex[s] = i
        return i
    }

    @inline(__always)
    func find(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        fast.find(text, start, end)
    }

    /// The index of a known code string (-1 if unknown).
    func knownCode(_ s: String) -> Int16 { codeIndex[s] ?? -1 }

    private func addLine(_ line: Substring) {
        let parts = line.split(separator: " ")
        guard parts.count >= 2 else { return }
        let word = String(parts[1])
        let arg = parts.count > 2 ? String(parts[2]) : ""
        var e = LexEntry(cls: .none, value: 0, fw: .none, code: -1, family: -1, weak: false)
        switch parts[0] {
        case "u": e.cls = .unit
        case "t": e.cls = .teen
        case "y": e.cls = .tens
        case "h": e.cls = .hundred
        case "s": e.cls = .scale
        case "z": e.cls = .dozen
        case "a": e.cls = .article
        case "p": e.cls = .point
        case "f": e.cls = .half
        case "q": e.cls = .quarter
        case "Q": e.cls = .quarters
        case "o": e.cls = .ordinal
        case "O": e.cls = .ordinals
        case "M": e.cls = .multiple
        case "-": e.cls = .minus
        case "%": e.cls = .percent
        case "c": e.cls = .currency
        case "w": e.cls = .currency; e.weak = true
        case "j": e.cls = .currencyAdj
        case "i": e.cls = .isoCode
        case "m": e.cls = .measure
        case "n": e.cls = .measureMod
        case "d": e.cls = .month
        case "x": e.cls = .ordSuffix
        case "T": e.cls = .timeWord
        default: return
        }
        switch e.cls {
        case .currency, .isoCode: e.code = codeID(arg)
        case .currencyAdj:
            let cf = arg.split(separator: ":")
            e.code = codeID(String(cf[0])); e.family = codeID(String(cf[1]))
        case .measure: break
        default: e.value = Double(arg) ?? 0
        }
        add(word, e)
    }

    private func add(_ word: String, _ e: LexEntry) {
        let bytes = Array(word.utf8)
        if lookup(bytes) >= 0 { return }
        let id = Int32(entries.count)
        entries.append(e)
        words.append(bytes)
        let full = Lexicon.hash(bytes[...])
        var h = full & mask
        while table[h] >= 0 { h = (h + 1) & mask }
        table[h] = id
        slotHash[h] = full
        if bytes.count < 32 {
            lengthMask[Int(bytes[0])] |= 1 << UInt32(bytes.count)
            let b1 = bytes.count > 1 ? bytes[1] : 0x20
            pairMask[Lexicon.pairIndex(bytes[0], b1)] |= 1 << UInt32(bytes.count)
        }
        if e.cls == .fw { fwIndex[e.fw] = Int16(id) }
    }

    /// The slots of a pair mask: 32 × 32.
    static let pairCount = 1024

    /// The pair-mask slot of a word's first two bytes: the low five bits of
    /// each, the same for both cases of an ASCII letter (and different for
    /// different letters). Other bytes share slots with letters, which only
    /// lets a few more words through to the lookup; the old slot sum (a
    /// multiply and two clamps) lay on every word's path in the tokenizer.
    @inline(__always) static func pairIndex(_ a: UInt8, _ b: UInt8) -> Int {
        Int(a & 0x1F) &<< 5 | Int(b & 0x1F)
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
        b &- 65 < 26 ? b | 0x20 : b
    }

    /// `lower` on each byte of `x`.
    @inline(__always) static func lower8(_ x: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        // Per byte y = b & 0x7F: y + 0x3F sets the high bit when y >= "A",
        // y + 0x25 when y > "Z"; neither carries. A byte >= 0x80 stays.
        let y = x & ~high
        let upper = (y &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(y &+ 0x2525_2525_2525_2525) & ~x & high
        return x | (upper >> 2)
    }

    /// The words' bytes (lower-cased) packed eight to a 64-bit word, each word
    /// mixed in with one multiply: no per-byte multiply chain (FNV took 10% of the run).
    @inline(__always) static func hash<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var h: UInt64 = 0
        var acc: UInt64 = 0
        var k = 0
        var len: UInt64 = 0
        for b in bytes {
            acc = (acc << 8) | UInt64(lower(b))
            k &+= 1
            len &+= 1
            if k == 8 { h = (h ^ acc) &* 0x9E37_79B9_7F4A_7C15; acc = 0; k = 0 }
        }
        h = (h ^ acc ^ (len << 56)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// `hash` of text[start..<end] read through a raw pointer.
    @inline(__always) static func hash(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var h: UInt64 = 0
        var acc: UInt64 = 0
        var k = 0
        var i = start
        while i < end {
            acc = (acc << 8) | UInt64(lower(p[i]))
            k &+= 1
            i &+= 1
            if k == 8 { h = (h ^ acc) &* 0x9E37_79B9_7F4A_7C15; acc = 0; k = 0 }
        }
        h = (h ^ acc ^ (UInt64(end &- start) << 56)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    private func lookup(_ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBufferPointer { findSlow($0, 0, $0.count) }
    }

    /// The entry for the word text[start..<end] (ASCII case ignored), or -1.
    @inline(__always)
    func findSlow(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, hash: Int? = nil) -> Int32 {
        let len = end - start
        guard len < 32, lengthMask[Int(Lexicon.lower(text[start]))] & (1 << UInt32(len)) != 0 else { return -1 }
        let b1 = len > 1 ? text[start + 1] : 0x20
        guard pairMask[Lexicon.pairIndex(text[start], b1)] & (1 << UInt32(len)) != 0 else { return -1 }
        let full = hash ?? Lexicon.hash(UnsafeBufferPointer(rebasing: text[start..<end]))
        var h = full & mask
        return table.withUnsafeBufferPointer { tb in
            slotHash.withUnsafeBufferPointer { sh in
                while true {
                    let id = tb[h]
                    if id < 0 { return -1 }
                    if sh[h] == full {
                        return words[Int(id)].withUnsafeBufferPointer { w in
                            if w.count != len { return -1 }
                            for k in 0..<len where Lexicon.lower(text[start + k]) != w[k] { return -1 }
                            return id
                        }
                    }
                    h = (h + 1) & mask
                }
            }
        }
    }

    func id(of f: FW) -> Int16 { fwIndex[f] ?? -2 }
}

/// Currency symbols: index into `Tokenizer.symbolCodes`.
enum CurrencySymbols {
    static let codes: [String] = ["USD", "EUR", "GBP", "JPY", "INR", "CRC", "GEL", "LAK", "BTC", "KRW", "RUB", "TRY", "UAH", "NGN", "PHP", "ILS", "THB", "VND", "PYG", "CNY", "USD"]
    static func index(of cp: UInt32) -> Int16 {
        switch cp {
        case 0x24: return 0       // $
        case 0x20AC: return 1     // €
        case 0xA3: return 2       // £
        case 0xA5: return 3       // ¥
        case 0x20B9: return 4     // ₹
        case 0x20A1: return 5     // ₡
        case 0x20BE: return 6     // ₾
        case 0x20AD: return 7     // ₭
        case 0x20BF: return 8     // ₿
        case 0x20A9: return 9     // ₩
        case 0x20BD: return 10    // ₽
        case 0x20BA: return 11    // ₺
        case 0x20B4: return 12    // ₴
        case 0x20A6: return 13    // ₦
        case 0x20B1: return 14    // ₱
        case 0x20AA: return 15    // ₪
        case 0x0E3F: return 16    // ฿
        case 0x20AB: return 17    // ₫
        case 0x20B2: return 18    // ₲
        default: return -1
        }
    }
}

struct Tokenizer {
    /// Token storage reused across records (grows, never shrinks).
    var p: UnsafeMutablePointer<Tok>
    var cap: Int
    var count = 0
    let owner: Owned<Tok>
    let lex: Lexicon

    /// The indices of the tokens the parse is tried at (`NumberAnnotator.scan`),
    /// in order: `candidateCount` of them. Same capacity as the tokens.
    var candidates: UnsafeMutablePointer<Int32>
    var candidateCount = 0
    let candidateOwner: Owned<Int32>
    /// startFlag[lex + 2] is 1 when lexicon entry `lex` may start an expression
    /// (`Lexicon.mayStartExpression`), 0 for -2 (not looked up) and -1 (none).
    let startFlag: UnsafeMutablePointer<Int>
    let startFlagOwner: Owned<Int>
    /// asciiKind[b]: the kind of the one-byte token b (an ASCII byte that
    /// starts no word, number or white space). A table: the switch it replaces
    /// was an indirect jump, mispredicted from one punctuation mark to the next.
    let asciiKind: UnsafeMutablePointer<TokKind>
    let asciiKindOwner: Owned<TokKind>
    /// Masks of the words that can be a code before an amount (`Lexicon.codeFast`).
    let codeFast: FastLookup
    /// The whole lexicon's lookup.
    let fast: FastLookup

    /// The tokens of the last `run`.
    var toks: UnsafeMutableBufferPointer<Tok> { UnsafeMutableBufferPointer(start: p, count: count) }

    init(lexicon: Lexicon) {
        lex = lexicon
        cap = 1024
        p = .allocate(capacity: cap)
        owner = Owned(p)
        candidates = .allocate(capacity: cap)
        candidateOwner = Owned(candidates)
        let entries = lexicon.entries
        startFlag = .allocate(capacity: entries.count + 2)
        startFlag.initialize(repeating: 0, count: entries.count + 2)
        for (k, e) in entries.enumerated() where Lexicon.mayStartExpression(e) { startFlag[k + 2] = 1 }
        startFlagOwner = Owned(startFlag)
        asciiKind = .allocate(capacity: 128)
        asciiKind.initialize(repeating: .other, count: 128)
        let kinds: [(UInt8, TokKind)] = [
            (0x24, .currencySym), (0x25, .percentSign), (0x2D, .dash), (0x2F, .slash), (0x2C, .comma), (0x2E, .period),
            (0x21, .question), (0x3F, .question), (0x3A, .colon), (0x3B, .semicolon),
            (0x28, .lparen), (0x5B, .lparen), (0x7B, .lparen), (0x29, .rparen), (0x5D, .rparen), (0x7D, .rparen),
            (0x2B, .plus), (0x3C, .lt), (0x3E, .gt), (0x3D, .eq), (0x5E, .caret), (0x27, .apos), (0x60, .apos),
            (0x22, .quote), (0x23, .hash), (0x26, .amp),
        ]
        for (b, k) in kinds { asciiKind[Int(b)] = k }
        asciiKindOwner = Owned(asciiKind)
        codeFast = lexicon.codeFast
        fast = lexicon.fast
    }

    @inline(__always) mutating func append(_ t: Tok) {
        if count == cap { grow() }
        (p + count).initialize(to: t)
        count += 1
    }

    mutating func grow() {
        let q = UnsafeMutablePointer<Tok>.allocate(capacity: cap * 2)
        q.moveInitialize(from: p, count: count)
        p.deallocate()
        p = q
        owner.p = q
        let c = UnsafeMutablePointer<Int32>.allocate(capacity: cap * 2)
        c.moveInitialize(from: candidates, count: candidateCount)
        candidates.deallocate()
        candidates = c
        candidateOwner.p = c
        cap *= 2
    }

    /// Notes the candidates a token brings, before it is appended as token
    /// `count`: the token before it when this one makes it a candidate, then
    /// this one. The rules are those the parse loop applied token by token
    /// (testing there mispredicted on every candidate, 7% of the run):
    /// - a numeric literal, currency sign, vulgar fraction or comparison sign;
    /// - a dash or minus before a literal;
    /// - a word before a currency sign;
    /// - a word of the lexicon that may start an expression;
    /// - an unresolved word (-2) before a literal or a period that is a code
    ///   ("USD 200", "Rs. 50", "u.s $"), looked up here.
    /// (The loop also tried, with no effect, an unresolved code that an earlier
    /// parse had looked up, with no literal, period or currency sign after it:
    /// `mayStart` fails there and the parse returns `.none`.)
    /// Plain ASCII words, which can only be candidates of their own, are noted
    /// in `run`'s fast path.
    @inline(__always)
    mutating func noteCandidates(_ k: TokKind, _ lexv: Int16, _ t: UnsafeBufferPointer<UInt8>) {
        switch k {
        case .num, .currencySym:
            notePrevious(k, t)
            candidates[candidateCount] = Int32(truncatingIfNeeded: count)
            candidateCount += 1
        case .period:
            notePrevious(k, t)
        case .vulgar, .lt, .gt, .ge, .le:
            candidates[candidateCount] = Int32(truncatingIfNeeded: count)
            candidateCount += 1
        case .word:
            candidates[candidateCount] = Int32(truncatingIfNeeded: count)
            candidateCount += startFlag[Int(lexv) + 2]
        default: break
        }
    }

    /// The token before a literal, currency sign or period, when that token
    /// makes it a candidate (see `noteCandidates`).
    mutating func notePrevious(_ k: TokKind, _ t: UnsafeBufferPointer<UInt8>) {
        guard count > 0 else { return }
        let prev = count - 1
        if candidateCount > 0 && candidates[candidateCount - 1] == Int32(truncatingIfNeeded: prev) { return }
        let pt = p[prev]
        var yes = false
        if k == .num && (pt.kind == .dash || pt.kind == .minusSign) {
            yes = true
        } else if pt.kind == .word {
            if k == .currencySym {
                yes = true
            } else if pt.lex == -2 && codeFast.mayHold(t, Int(pt.start), Int(pt.end &- pt.start)) {
                let l = Int16(truncatingIfNeeded: fast.find(t, Int(pt.start), Int(pt.end)))
                p[prev].lex = l
                yes = l >= 0 && startFlag[Int(l) + 2] != 0
            }
        }
        if yes {
            candidates[candidateCount] = Int32(truncatingIfNeeded: prev)
            candidateCount += 1
        }
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }

    /// Decodes the code point at i (valid UTF-8) and its length.
    @inline(__always)
    static func decode(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(t[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | (UInt32(t[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0 {
            return (((b0 & 0x0F) << 12) | ((UInt32(t[i + 1]) & 0x3F) << 6) | (UInt32(t[i + 2]) & 0x3F), 3)
        }
        return (((b0 & 0x07) << 18) | ((UInt32(t[i + 1]) & 0x3F) << 12) | ((UInt32(t[i + 2]) & 0x3F) << 6)
            | (UInt32(t[i + 3]) & 0x3F), 4)
    }

    static func isSpaceCP(_ cp: UInt32) -> Bool {
        cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000
            || cp == 0x2028 || cp == 0x2029 || cp == 0x85 || cp == 0xFEFF
    }

    static func isLetterCP(_ cp: UInt32) -> Bool {
        (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x250 && cp <= 0x2AF)
            || (cp >= 0x300 && cp <= 0x1FFF) || (cp >= 0x3040 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF)
            || (cp >= 0x1E00 && cp <= 0x1EFF)
    }

    static func vulgar(_ cp: UInt32) -> Double? {
        switch cp {
        case 0xBD: return 0.5
        case 0xBC: return 0.25
        case 0xBE: return 0.75
        case 0x2150: return 1.0 / 7
        case 0x2151: return 1.0 / 9
        case 0x2152: return 0.1
        case 0x2153: return 1.0 / 3
        case 0x2154: return 2.0 / 3
        case 0x2155: return 0.2
        case 0x2156: return 0.4
        case 0x2157: return 0.6
        case 0x2158: return 0.8
        case 0x2159: return 1.0 / 6
        case 0x215A: return 5.0 / 6
        case 0x215B: return 0.125
        case 0x215C: return 0.375
        case 0x215D: return 0.625
        case 0x215E: return 0.875
        default: return nil
        }
    }

    /// The high bit of each byte of `x` that is not an ASCII letter.
    @inline(__always)
    static func nonLetters(_ x: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        // Per byte y = (b | 0x20) & 0x7F: y + 0x1F sets the high bit when y >= "a",
        // y + 0x05 when y > "z"; neither carries. A byte >= 0x80 is no letter.
        let y = (x | 0x2020_2020_2020_2020) & ~high
        let letters = (y &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(y &+ 0x0505_0505_0505_0505) & ~x & high
        return ~letters & high
    }

    mutating func run(_ t: UnsafeBufferPointer<UInt8>) {
        count = 0
        candidateCount = 0
        guard let base = t.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let fl = lex.startFast
        let n = t.count
        var i = 0
        var space = true
        var newline = true
        while i < n {
            let b = t[i]
            // Most tokens start with a letter, which is no white space: the six
            // white-space compares are made for the other bytes only.
            let letter = (b | 0x20) &- 97 < 26
            if !letter {
                if b == 0x20 || b == 0x09 { space = true; i += 1; continue }
                if b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C { space = true; newline = true; i += 1; continue }
            }
            var flags: TokFlags = []
            if space { flags.insert(.spaceBefore) }
            if newline { flags.insert(.newlineBefore) }
            // Fast path: a plain ASCII word (most tokens), written in place.
            // Only "ht", "hw", "wt", "ww" (lower-case first letter) may begin a URL
            // ("http://", "www."); other words starting with h or w ("he", "was",
            // "which") take the fast path too, as the slow path's scanWord would
            // make the same token of them.
            if letter && !((b == 0x68 || b == 0x77) && i + 4 < n
                && (t[i + 1] == 0x74 || t[i + 1] == 0x77 || t[i + 1] == 0x54 || t[i + 1] == 0x57))
            {
                // The word's end, eight bytes at a time: a byte loop paid a
                // mispredicted exit per word.
                var j = i &+ 1
                while true {
                    if j &+ 8 <= n {
                        let stop = Tokenizer.nonLetters(raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                        if stop != 0 { j &+= stop.trailingZeroBitCount &>> 3; break }
                        j &+= 8
                    } else {
                        while j < n && (t[j] | 0x20) &- 97 < 26 { j &+= 1 }
                        break
                    }
                }
                if j >= n || t[j] < 0x80 {
                    let len = j &- i
                    let lexv: Int16
                    if len >= 32 {
                        lexv = -1
                    } else if fl.mayHold(t, i, len) {
                        lexv = Int16(truncatingIfNeeded: fl.findHeld(t, i, j))
                    } else {
                        lexv = -2
                    }
                    if b < 0x61 { flags.insert(.capital) }
                    if count == cap { grow() }
                    (p + count).initialize(to: Tok(start: Int32(truncatingIfNeeded: i), end: Int32(truncatingIfNeeded: j), kind: .word,
                        flags: flags, lex: lexv, digits: 0, exp: 0, mant: 0, value: 0))
                    // A candidate when a start word (no branch): written, then counted or not.
                    candidates[candidateCount] = Int32(truncatingIfNeeded: count)
                    candidateCount &+= startFlag[Int(lexv) &+ 2]
                    count &+= 1
                    // A single space after the word (the commonest case) is read
                    // here, as the white-space test at the loop's top would.
                    if j < n && t[j] == 0x20 {
                        i = j &+ 1
                        space = true
                    } else {
                        i = j
                        space = false
                    }
                    newline = false
                    continue
                }
            }
            let start = i
            var tok = Tok(start: Int32(i), end: 0, kind: .other, flags: flags, lex: -1, digits: 0, exp: 0, mant: 0, value: 0)
            if Tokenizer.isAlpha(b) {
                // URLs and www. hosts are skipped whole.
                if (b == 0x68 || b == 0x77), i + 4 < n, t[i + 1] == 0x74 || t[i + 1] == 0x77 || t[i + 1] == 0x54 || t[i + 1] == 0x57,
                    let e = Tokenizer.urlEnd(t, i)
                {
                    i = e
                    tok.kind = .url
                } else {
                    i = Tokenizer.scanWord(t, i, &tok, fl)
                }
            } else if Tokenizer.isDigit(b) || (b == 0x2E && i + 1 < n && Tokenizer.isDigit(t[i + 1])
                && (i == 0 || !(Tokenizer.isDigit(t[i - 1]) || Tokenizer.isAlpha(t[i - 1]) || t[i - 1] == 0x2E)))
            {
                i = scanNumber(t, i, &tok)
            } else if b < 0x80 {
                i += 1
                tok.kind = asciiKind[Int(b)]
                // "$": the first currency sign (`CurrencySymbols`).
                if b == 0x24 { tok.lex = 0 }
            } else {
                let (cp, len) = Tokenizer.decode(t, i)
                if Tokenizer.isSpaceCP(cp) {
                    space = true
                    if cp == 0x2028 || cp == 0x2029 || cp == 0x85 { newline = true }
                    i += len
                    continue
                }
                if Tokenizer.isLetterCP(cp) {
                    i = Tokenizer.scanWord(t, i, &tok, fl)
                } else {
                    i += len
                    let sym = CurrencySymbols.index(of: cp)
                    if sym >= 0 {
                        tok.kind = .currencySym; tok.lex = sym
                    } else if let v = Tokenizer.vulgar(cp) {
                        tok.kind = .vulgar; tok.value = v
                    } else {
                        switch cp {
                        case 0x2010, 0x2011: tok.kind = .dash
                        case 0x2012, 0x2013: tok.kind = .endash
                        case 0x2014, 0x2015: tok.kind = .emdash
                        case 0x2212: tok.kind = .minusSign
                        case 0x2018, 0x2019, 0x2032: tok.kind = .apos
                        case 0x201C, 0x201D, 0x201E, 0xAB, 0xBB: tok.kind = .quote
                        case 0x2265: tok.kind = .ge
                        case 0x2264: tok.kind = .le
                        case 0x2044, 0x2215: tok.kind = .slash
                        case 0x2026: tok.kind = .period
                        default: tok.kind = .other
                        }
                    }
                }
            }
            tok.end = Int32(i)
            _ = start
            if count == cap { grow() }
            noteCandidates(tok.kind, tok.lex, t)
            append(tok)
            space = false
            newline = false
        }
    }

    static func urlEnd(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let n = t.count
        func at(_ s: StaticString, _ k: Int) -> Bool {
            let len = s.utf8CodeUnitCount
            guard k + len <= n else { return false }
            let p = s.utf8Start
            for j in 0..<len where Lexicon.lower(t[k + j]) != p[j] { return false }
            return true
        }
        guard at("http://", i) || at("https://", i) || at("www.", i) else { return nil }
        if i > 0 && (isAlpha(t[i - 1]) || isDigit(t[i - 1])) { return nil }
        var e = i
        while e < n {
            let b = t[e]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x22 || b == 0x3C || b == 0x3E { break }
            if b >= 0x80 {
                let (cp, _) = decode(t, e)
                if isSpaceCP(cp) || cp == 0x201C || cp == 0x201D { break }
            }
            e += 1
        }
        // Trailing sentence punctuation is not part of the address.
        while e > i, let last = Optional(t[e - 1]), last == 0x2E || last == 0x2C || last == 0x29 || last == 0x3B || last == 0x3A {
            e -= 1
        }
        return e
    }

    /// Scans letters (ASCII or other scripts' letters and marks); looks the word up in the lexicon.
    @inline(__always)
    private static func scanWord(_ t: UnsafeBufferPointer<UInt8>, _ i0: Int, _ tok: inout Tok, _ fl: FastLookup) -> Int {
        let n = t.count
        var i = i0
        while true {
            while i < n && (t[i] | 0x20) &- 97 < 26 { i &+= 1 }
            if i < n && t[i] >= 0x80 {
                let (cp, len) = Tokenizer.decode(t, i)
                if Tokenizer.isLetterCP(cp) { i += len; continue }
            }
            break
        }
        tok.kind = .word
        if t[i0] &- 65 < 26 { tok.flags.insert(.capital) }
        let len = i - i0
        if len >= 32 {
            tok.lex = -1
        } else if fl.mayHold(t, i0, len) {
            tok.lex = Int16(truncatingIfNeeded: fl.findHeld(t, i0, i))
        } else {
            tok.lex = -2
        }
        return i
    }

    /// Scans a numeric literal: digits with thousands separators, a decimal
    /// part, an exponent. Sets mant, exp, digits, value.
    private func scanNumber(_ t: UnsafeBufferPointer<UInt8>, _ i0: Int, _ tok: inout Tok) -> Int {
        let n = t.count
        var i = i0
        var mant: Int64 = 0
        var exp = 0
        var digits = 0
        var full = false
        @inline(__always) func push(_ d: UInt8, fraction: Bool) {
            if !full && mant < 99_999_999_999_999_999 / 10 {
                mant = mant * 10 + Int64(d &- 48)
                if fraction { exp -= 1 }
            } else {
                full = true
                if !fraction { exp += 1 }
            }
        }
        tok.kind = .num
        while i < n, Tokenizer.isDigit(t[i]) { push(t[i], fraction: false); digits += 1; i += 1 }
        // Thousands groups: ",ddd" (and Indian ",dd" groups that end in ",ddd").
        if digits > 0 && digits <= 3 {
            var j = i
            var ok = false
            var gi = i
            while j < n && t[j] == 0x2C {
                var k = j + 1
                while k < n && Tokenizer.isDigit(t[k]) { k += 1 }
                let len = k - j - 1
                if len == 3 { ok = true; gi = k; j = k; continue }
                if len == 2 && k < n && t[k] == 0x2C { j = k; continue }
                break
            }
            if ok {
                var k = i
                while k < gi {
                    if t[k] != 0x2C { push(t[k], fraction: false); digits += 1 }
                    k += 1
                }
                i = gi
                tok.flags.insert(.grouped)
            } else if i + 4 <= n {
                // Space groups: "1 234 567", "40 000" (single space, NBSP or narrow NBSP).
                var k = i
                var groups = 0
                while k < n && groups < 4 {
                    var sl = 0
                    if t[k] == 0x20 { sl = 1 }
                    else if t[k] == 0xC2 && k + 1 < n && t[k + 1] == 0xA0 { sl = 2 }
                    else if t[k] == 0xE2 && k + 2 < n && t[k + 1] == 0x80 && (t[k + 2] == 0xAF || t[k + 2] == 0x89) { sl = 3 }
                    if sl == 0 { break }
                    let d = k + sl
                    guard d + 3 <= n, Tokenizer.isDigit(t[d]), Tokenizer.isDigit(t[d + 1]), Tokenizer.isDigit(t[d + 2]) else { break }
                    if d + 3 < n {
                        let a = t[d + 3]
                        if Tokenizer.isDigit(a) || Tokenizer.isAlpha(a) || a == 0x2C || a == 0x2F || a == 0x3A || a == 0x2D { break }
                        if a == 0x2E && d + 4 < n && Tokenizer.isDigit(t[d + 4]) { break }
                    }
                    push(t[d], fraction: false); push(t[d + 1], fraction: false); push(t[d + 2], fraction: false)
                    digits += 3
                    groups += 1
                    k = d + 3
                }
                if groups > 0 { i = k; tok.flags.insert(.grouped) }
            }
        }
        // Decimal part.
        if i + 1 < n && t[i] == 0x2E && Tokenizer.isDigit(t[i + 1]) {
            i += 1
            while i < n, Tokenizer.isDigit(t[i]) { push(t[i], fraction: true); i += 1 }
            tok.flags.insert(.decimal)
        }
        // Exponent: e6, e+14, E-3 (not followed by a letter).
        var value: Double
        if i + 1 < n && (t[i] == 0x65 || t[i] == 0x45) {
            var k = i + 1
            var neg = false
            if k < n && (t[k] == 0x2B || t[k] == 0x2D) { neg = t[k] == 0x2D; k += 1 }
            let ds = k
            var e = 0
            while k < n && Tokenizer.isDigit(t[k]) && k - ds < 4 { e = e * 10 + Int(t[k] &- 48); k += 1 }
            if k > ds && (k >= n || !(Tokenizer.isAlpha(t[k]) || Tokenizer.isDigit(t[k]))) {
                exp += neg ? -e : e
                i = k
            }
        }
        value = Tokenizer.decimal(mant, exp)
        // Power: 1.1^+23, 2.5^-1.
        if i + 1 < n && t[i] == 0x5E {
            var k = i + 1
            var neg = false
            if k < n && (t[k] == 0x2B || t[k] == 0x2D) { neg = t[k] == 0x2D; k += 1 }
            let ds = k
            var e = 0
            while k < n && Tokenizer.isDigit(t[k]) && k - ds < 4 { e = e * 10 + Int(t[k] &- 48); k += 1 }
            if k > ds {
                value = Tokenizer.power(value, neg ? -e : e)
                tok.flags.insert(.inexact)
                i = k
            }
        }
        tok.mant = mant
        tok.exp = Int16(clamping: exp)
        tok.digits = UInt8(clamping: digits)
        tok.value = value
        return i
    }

    static func power(_ base: Double, _ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(e) { r *= base }
        return e < 0 ? 1 / r : r
    }

    static let pow10: [Double] = (0...22).map { k in
        var v = 1.0
        for _ in 0..<k { v *= 10 }
        return v
    }

    /// mant * 10^exp, correctly rounded while both fit the exact range of Double.
    static func decimal(_ mant: Int64, _ exp: Int) -> Double {
        let m = Double(mant)
        if exp == 0 { return m }
        if exp > 0 {
            if exp <= 22 { return m * pow10[exp] }
            var v = m
            for _ in 0..<exp { v *= 10 }
            return v
        }
        if -exp <= 22 { return m / pow10[-exp] }
        var v = m
        for _ in 0..<(-exp) { v /= 10 }
        return v
    }
}

/// A word's first eight bytes (little-endian, zero past its end) and its
/// length: what `probe8` compares, in one place.
struct WordHead {
    var first8: UInt64
    var length: Int
}

/// The lexicon's hash table in raw memory (allocated once per lexicon, never freed
/// before the process ends: a few tens of kilobytes). The lookups that differ
/// only in their pair masks (`with(pairMask:)`) share the rest, so the
/// tokenizer's, the prefilter's and the parser's probes read the same cache lines.
struct FastLookup {
    /// Per slot: the word's id in the low 32 bits (-1: empty), the high 32
    /// bits of its hash above (one load per probe, not a table and a hash array).
    let slots: UnsafeMutablePointer<UInt64>
    /// Per word, for `probe8`.
    let heads: UnsafeMutablePointer<WordHead>
    let lengthMask: UnsafeMutablePointer<UInt32>
    let pairMask: UnsafeMutablePointer<UInt32>
    let bytes: UnsafeMutablePointer<UInt8>
    let wordStart: UnsafeMutablePointer<Int32>
    let mask: Int

    static var empty: FastLookup { FastLookup(table: [Int32](repeating: -1, count: 1), slotHash: [0], lengthMask: [UInt32](repeating: 0, count: 256),
        pairMask: [UInt32](repeating: 0, count: Lexicon.pairCount), words: []) }

    /// The tables live as long as the process (one set per annotator, a few tens of kilobytes).
    private static func keep<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: max(a.count, 1))
        p.initialize(from: a, count: a.count)
        _ = Unmanaged.passRetained(Owned(p))
        return p
    }

    init(table t: [Int32], slotHash sh: [Int], lengthMask lm: [UInt32], pairMask pm: [UInt32], words: [[UInt8]]) {
        var packed: [UInt64] = []
        for (id, h) in zip(t, sh) {
            packed.append(id < 0 ? UInt64.max : FastLookup.tag(h) << 32 | UInt64(UInt32(bitPattern: id)))
        }
        var flat: [UInt8] = []
        var starts: [Int32] = [], heads: [WordHead] = []
        for w in words {
            starts.append(Int32(flat.count))
            flat += w
            var x: UInt64 = 0
            for (k, b) in w.prefix(8).enumerated() { x |= UInt64(b) << UInt64(8 * k) }
            heads.append(WordHead(first8: x, length: w.count))
        }
        slots = FastLookup.keep(packed); self.heads = FastLookup.keep(heads)
        lengthMask = FastLookup.keep(lm); pairMask = FastLookup.keep(pm)
        bytes = FastLookup.keep(flat); wordStart = FastLookup.keep(starts)
        mask = t.count - 1
    }

    private init(_ base: FastLookup, pairMask pm: UnsafeMutablePointer<UInt32>) {
        slots = base.slots; heads = base.heads; lengthMask = base.lengthMask; pairMask = pm
        bytes = base.bytes; wordStart = base.wordStart; mask = base.mask
    }

    /// The same table with other pair masks.
    func with(pairMask pm: [UInt32]) -> FastLookup { FastLookup(self, pairMask: FastLookup.keep(pm)) }

    /// The part of a hash a slot keeps (the low bits chose the slot).
    @inline(__always) static func tag(_ full: Int) -> UInt64 { UInt64(bitPattern: Int64(full)) >> 32 }

    /// The id in slot `slot` if its word may be the one hashed to `full` (-1
    /// for an empty slot, which ends the probe; -2 for another word's slot).
    @inline(__always)
    func candidate(_ slot: Int, _ full: Int) -> Int32 {
        let e = slots[slot]
        let id = Int32(truncatingIfNeeded: e)
        if id < 0 { return -1 }
        return e >> 32 == FastLookup.tag(full) ? id : -2
    }

    /// `probe` for a word of one to eight bytes with eight readable bytes at
    /// `start`: one load, lower-cased and hashed as a whole (the same value
    /// `Lexicon.hash` computes byte by byte) and compared with the stored
    /// word in one test. The byte loops paid a mispredicted exit each.
    @inline(__always)
    func probe8(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ len: Int) -> Int32 {
        let raw = UnsafeRawPointer(text.baseAddress!)
        let keep: UInt64 = len == 8 ? ~0 : (1 << UInt64(8 * len)) &- 1
        let x = raw.loadUnaligned(fromByteOffset: start, as: UInt64.self) & keep
        let word = Lexicon.lower8(x)
        // Lexicon.hash packs the bytes first-is-highest; a ninth byte never comes.
        let acc = word.byteSwapped >> UInt64(64 - 8 * len)
        var h: UInt64
        if len == 8 {
            h = acc &* 0x9E37_79B9_7F4A_7C15
            h = (h ^ (8 << 56)) &* 0x9E37_79B9_7F4A_7C15
        } else {
            h = (acc ^ (UInt64(len) << 56)) &* 0x9E37_79B9_7F4A_7C15
        }
        let full = Int(truncatingIfNeeded: h ^ (h >> 32))
        var slot = full & mask
        while true {
            let id = candidate(slot, full)
            if id == -1 { return -1 }
            if id >= 0 {
                let w = heads[Int(id)]
                if w.length == len && w.first8 == word { return id }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether the word may be in the table (the cheap test before hashing).
    @inline(__always)
    func mayHold(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ len: Int) -> Bool {
        let b0 = text[start]
        let b1 = len > 1 ? text[start + 1] : 0x20
        return pairMask[Lexicon.pairIndex(b0, b1)] & (1 << UInt32(len)) != 0
    }

    /// The entry of the word text[start..<end] (-1: none). Inlined into its
    /// few callers: the parser reaches it through one out-of-line `resolve`.
    @inline(__always)
    func find(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let len = end - start
        guard len < 32, mask > 0 else { return -1 }
        let b0 = text[start]
        guard lengthMask[Int(Lexicon.lower(b0))] & (1 << UInt32(len)) != 0 else { return -1 }
        let b1 = len > 1 ? text[start + 1] : 0x20
        guard pairMask[Lexicon.pairIndex(b0, b1)] & (1 << UInt32(len)) != 0 else { return -1 }
        return probe(text, start, end)
    }

    /// `find` once `mayHold` has answered yes for a word shorter than 32 bytes.
    @inline(__always)
    func findHeld(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let len = end - start
        guard mask > 0, lengthMask[Int(Lexicon.lower(text[start]))] & (1 << UInt32(len)) != 0 else { return -1 }
        return probe(text, start, end)
    }

    @inline(__always)
    func probe(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let len = end - start
        if len <= 8 && start + 8 <= text.count { return probe8(text, start, len) }
        let full = Lexicon.hash(text.baseAddress!, start, end)
        var h = full & mask
        while true {
            let id = candidate(h, full)
            if id == -1 { return -1 }
            if id >= 0 && heads[Int(id)].length == len && sameBytes(text, start, Int(wordStart[Int(id)]), len) { return id }
            h = (h + 1) & mask
        }
    }

    /// text[start..<start + len] equals the stored bytes from `ws` (ASCII case ignored).
    func sameBytes(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ ws: Int, _ len: Int) -> Bool {
        for k in 0..<len where Lexicon.lower(text[start + k]) != bytes[ws + k] { return false }
        return true
    }
}
