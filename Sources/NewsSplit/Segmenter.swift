import NewsCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One unit found by `Segmenter`: a byte range of the text, trimmed of white
/// space, and the 0-based paragraph it belongs to.
public struct Segment: Equatable, Sendable, BitwiseCopyable, CustomStringConvertible {
    public var para: Int
    public var start: Int
    public var end: Int

    public init(para: Int, start: Int, end: Int) {
        self.para = para
        self.start = start
        self.end = end
    }

    public var description: String { "\(para):\(start)..<\(end)" }
}

/// Splits UTF-8 text into paragraphs and sentences, working on bytes.
///
/// Paragraphs: lines that hold only white space (no-break spaces included)
/// separate paragraphs. Between two adjacent lines, the document's shape
/// decides: in hard-wrapped text (most lines of a similar, short width,
/// often ending mid-sentence) a line joins the next unless it is visibly
/// short; otherwise every line is its own paragraph, except that a line
/// starting with closing punctuation, or a lower-case line after a line of
/// three words or more that does not end a sentence, continues it.
///
/// Sentences end at `.`, `!`, `?`, `…` and their Unicode relatives, with
/// the closing quotes and brackets that follow; see `splitParagraph`.
/// Every pass is linear in the text: look-backs and look-aheads are bounded.
public struct Segmenter {
    let lex = Lexicon.shared
    /// The rules that are patterns, with this segmenter's matchers.
    private let patterns = SplitPatterns()
    private var lines = ScratchBuffer<Line>()
    private var paraScratch = ScratchBuffer<Segment>()
    /// The units of the last `units(of:ascii:unit:)` call.
    private var found = ScratchBuffer<Segment>()
    /// The text being split: set by `paragraphs`, valid only during a call.
    var t = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    // Per-paragraph scanning state.
    private var sentStart = 0
    private var paraEnd = 0
    private var para = 0
    /// Start of the closing quote of the quotation being read, or -1.
    private var protectEnd = -1
    /// Whether that quotation opened at the start of its sentence.
    private var protectAtStart = false
    /// Start of the next list marker that continues the current list, or Int.max.
    private var forcedAt = Int.max
    /// Start of a dateline glued to a headline, or Int.max.
    private var datelineAt = Int.max
    private var marker = ListMarker()
    /// The last list marker searched for in vain, and the bytes searched.
    private var lastMarker: [UInt8] = []
    private var markerSearchedFrom = 0
    private var markerSearchedTo = 0
    /// Cached searches for closing quotes, one per kind: where the next one
    /// is (or -1) and how far the text has been searched.
    private var closerFound = QuoteKind.Table(-1)
    private var closerSearched = QuoteKind.Table(-1)

    struct Line {
        var start: Int  // first non-space byte (== end when blank)
        var end: Int  // after the last non-space byte
        var trailingSpace: Bool  // white space between the content and the newline
        var blank: Bool { start == end }
    }

    public init() {}

    /// The sentences or paragraphs of `text`, in order; valid until the next
    /// call. `ascii` promises that `text` is all ASCII (no line or paragraph
    /// separators to look for).
    mutating func units(of text: UnsafeBufferPointer<UInt8>, ascii: Bool, unit: SplitUnit) -> UnsafeBufferPointer<Segment> {
        // Worked on as a local (a copy shares the storage), then put back.
        var out = found
        out.removeAll()
        switch unit {
        case .sentence: sentences(text, ascii: ascii, into: &out)
        case .paragraph: paragraphs(text, ascii: ascii, into: &out)
        }
        found = out
        return found.elements
    }

    /// The paragraphs of `text`, each one `Segment` (trimmed).
    public mutating func paragraphs(_ text: UnsafeBufferPointer<UInt8>, ascii: Bool = false, into out: inout [Segment]) {
        out.append(contentsOf: units(of: text, ascii: ascii, unit: .paragraph))
    }

    /// The sentences of `text`, in order, each with its paragraph index.
    public mutating func sentences(_ text: UnsafeBufferPointer<UInt8>, ascii: Bool = false, into out: inout [Segment]) {
        out.append(contentsOf: units(of: text, ascii: ascii, unit: .sentence))
    }

    private mutating func paragraphs(_ text: UnsafeBufferPointer<UInt8>, ascii: Bool, into out: inout ScratchBuffer<Segment>) {
        t = text
        readLines(ascii: ascii)
        let width = Self.wrapWidth(lines, t)
        var p = 0
        var start = -1
        var end = 0
        var prev = -1
        for k in lines.indices {
            let line = lines[k]
            if line.blank {
                if start >= 0 { out.append(Segment(para: p, start: start, end: end)); p += 1; start = -1 }
                prev = -1
                continue
            }
            if start >= 0, prev >= 0, !Self.joins(lines[prev], line, width: width, t) {
                out.append(Segment(para: p, start: start, end: end)); p += 1; start = -1
            }
            if start < 0 { start = line.start }
            end = line.end
            prev = k
        }
        if start >= 0 { out.append(Segment(para: p, start: start, end: end)) }
    }

    private mutating func sentences(_ text: UnsafeBufferPointer<UInt8>, ascii: Bool, into out: inout ScratchBuffer<Segment>) {
        var paras = paraScratch
        paras.removeAll()
        paragraphs(text, ascii: ascii, into: &paras)
        for k in paras.indices {
            let p = paras[k]
            splitParagraph(p.start, p.end, p.para, into: &out)
        }
        paraScratch = paras
    }

    /// Convenience for tests: the sentences (or paragraphs) of a string as strings.
    public mutating func split(_ s: String, unit: SplitUnit = .sentence) -> [String] {
        var copy = s
        return copy.withUTF8 { buf in
            var segs: [Segment] = []
            if unit == .sentence { sentences(buf, into: &segs) } else { paragraphs(buf, into: &segs) }
            return segs.map { String(decoding: UnsafeBufferPointer(rebasing: buf[$0.start..<$0.end]), as: UTF8.self) }
        }
    }

    // MARK: - Paragraphs

    /// Fills `lines`. A line ends at `\n`; U+2029 PARAGRAPH SEPARATOR counts
    /// as a blank line.
    private mutating func readLines(ascii: Bool) {
        lines.removeAll()
        let n = t.count
        guard let base = t.baseAddress, n > 0 else { return }
        var pos = 0
        while pos <= n {
            let nl = pos < n ? ByteLanes.firstIndex(of: 0x0A, UnsafeRawPointer(base), from: pos, to: n) : n
            if ascii { addLine(pos, nl) } else { splitSeparators(pos, nl, base) }
            pos = nl + 1
        }
    }

    /// Adds the line `t[from ..< to]`, split further at U+2028 LINE SEPARATOR
    /// and U+2029 PARAGRAPH SEPARATOR (which also adds a blank line).
    private mutating func splitSeparators(_ from: Int, _ to: Int, _ base: UnsafePointer<UInt8>) {
        var start = from
        var x = from
        while x + 2 < to, let p = memchr(base + x, 0xE2, to - x - 2) {
            let c = UnsafePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - base
            x = c + 1
            guard t[c + 1] == 0x80, t[c + 2] == 0xA8 || t[c + 2] == 0xA9 else { continue }
            addLine(start, c)
            if t[c + 2] == 0xA9 { lines.append(Line(start: c, end: c, trailingSpace: false)) }
            start = c + 3
            x = start
        }
        addLine(start, to)
    }

    private mutating func addLine(_ from: Int, _ to: Int) {
        var s = from
        while s < to {
            let l = spaceLen(s, to)
            if l == 0 { break }
            s += l
        }
        var e = to
        while e > s {
            let l = spaceLenBefore(e, s)
            if l == 0 { break }
            e -= l
        }
        lines.append(Line(start: s, end: e, trailingSpace: e < to))
    }

    /// The wrap width of a hard-wrapped document, or 0: several lines directly
    /// followed by another, at most 160 bytes long, and most of those lines
    /// at least 60% of the longest.
    static func wrapWidth(_ lines: ScratchBuffer<Line>, _ t: UnsafeBufferPointer<UInt8>) -> Int {
        var joints = 0
        var maxLen = 0
        for k in lines.indices where !lines[k].blank { maxLen = max(maxLen, lines[k].end - lines[k].start) }
        guard maxLen >= 30, maxLen <= 160, lines.count >= 4 else { return 0 }
        var full = 0
        var open = 0
        for k in 0..<(lines.count - 1) where !lines[k].blank && !lines[k + 1].blank {
            joints += 1
            if (lines[k].end - lines[k].start) * 10 >= maxLen * 6 { full += 1 }
            if !endsSentence(t, lines[k]) { open += 1 }
        }
        // Wrapped lines are mostly full, and often break inside a sentence.
        guard joints >= 3, full * 10 >= joints * 6, open * 10 >= joints * 4 else { return 0 }
        return maxLen
    }

    /// Whether line `b` continues the paragraph of line `a` (they are adjacent).
    static func joins(_ a: Line, _ b: Line, width: Int, _ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = t[b.start]
        // A line that starts with closing punctuation continues the last.
        switch first {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
            UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "!"), UInt8(ascii: "?"):
            return true
        default: break
        }
        let (u, _) = decode(t, b.start, b.end)
        if isBullet(u) { return false }
        // "- item", "* item"
        if (first == 0x2D || first == 0x2A || first == 0x2B) && b.start + 1 < b.end && t[b.start + 1] == 0x20 {
            return false
        }
        let lastByte = t[a.end - 1]
        if width > 0 {
            // A full line wraps; a short one ended its paragraph.
            if isLower(u) { return true }
            // A sentence that ends well before the margin ends its paragraph too.
            if endsSentence(t, a) && (a.end - a.start) * 100 < width * 85 { return false }
            return (a.end - a.start) * 10 >= width * 6
        }
        if lastByte == UInt8(ascii: "-") && a.trailingSpace { return true }
        // Letters one or two to a line are a word set vertically ("W\nA\nRN\nI\nNG").
        if a.end - a.start <= 2 && b.end - b.start <= 2 && (a.start..<a.end).allSatisfy({ isASCIILetter(t[$0]) })
            && (b.start..<b.end).allSatisfy({ isASCIILetter(t[$0]) })
        {
            return true
        }
        if endsSentence(t, a) || isDateLine(t, a) { return false }
        if isLower(u) {
            return wordCount(t, a.start, a.end, cap: 3) >= 3
        }
        if first == UInt8(ascii: "(") && a.trailingSpace {
            return isLower(lastScalar(t, a.end, a.start)) && wordCount(t, a.start, a.end, cap: 3) >= 3
        }
        return false
    }

    /// Whether the line ends with sentence-final punctuation (maybe in quotes or brackets).
    static func endsSentence(_ t: UnsafeBufferPointer<UInt8>, _ l: Line) -> Bool {
        var e = l.end
        var steps = 0
        while e > l.start && steps < 4 {
            let (u, len) = decodeBefore(t, e, l.start)
            if isTerminal(u) { return true }
            if !isCloser(u) { return false }
            e -= len
            steps += 1
        }
        return false
    }

    static func wordCount(_ t: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, cap: Int) -> Int {
        var n = 0
        var inWord = false
        var i = s
        while i < e {
            let b = t[i]
            let sp = b == 0x20 || b == 0x09
            if !sp && !inWord { n += 1; if n >= cap { return n } }
            inWord = !sp
            i += 1
        }
        return n
    }

    static func lastScalar(_ t: UnsafeBufferPointer<UInt8>, _ e: Int, _ s: Int) -> UInt32 {
        decodeBefore(t, e, s).0
    }

    // MARK: - Sentences

    /// Splits the paragraph `t[ps ..< pe]` (trimmed) into sentences.
    ///
    /// A candidate end is a run of terminal punctuation with the closing
    /// quotes and brackets after it. Inside a quotation that closes in the
    /// same paragraph there is no end. After the run, white space and a word
    /// that starts with a capital (or a letter of a script without case)
    /// confirm a `!` or `?`; a period is judged by the word before it
    /// (abbreviation, initial, number, list number) and the word after it.
    /// A period between two words with no space ("Tuesday.Mr") ends a
    /// sentence unless the token is a URL, an e-mail address or a domain.
    /// Bullets, and list markers that continue a list ("b)" after "a)"),
    /// start sentences.
    mutating func splitParagraph(_ ps: Int, _ pe: Int, _ p: Int, into out: inout ScratchBuffer<Segment>) {
        paraEnd = pe
        para = p
        protectEnd = -1
        closerFound = QuoteKind.Table(-1)
        closerSearched = QuoteKind.Table(-1)
        marker = ListMarker()
        if !lastMarker.isEmpty { lastMarker = [] }
        datelineAt = p <= 1 ? datelineAfterHeadline(ps, pe) : Int.max
        startSentence(ps, continuing: false)
        var i = ps
        while i < pe {
            // (A forced start that a run of punctuation jumped over is void.)
            if forcedAt < i { forcedAt = Int.max }
            if datelineAt < i { datelineAt = Int.max }
            // Skip the bytes that cannot matter.
            let limit = min(pe, min(forcedAt, datelineAt))
            i = skipPlain(i, limit)
            if i >= pe { break }
            if i == datelineAt {
                datelineAt = Int.max
                emit(sentStart, i, &out)
                startSentence(i, continuing: false)
                continue
            }
            if i == forcedAt {
                emit(sentStart, i, &out)
                startSentence(i, continuing: true)
                continue
            }
            let b = t[i]
            if i >= protectEnd { protectEnd = -1 }
            // An apostrophe or a closing mark after a letter: nothing to do.
            if (b == 0x27 || b == 0x22) && i > ps && isASCIILetter(t[i - 1]) {
                i += 1
                continue
            }
            // A decimal point ("5.93"): `terminal` would go on after it.
            if b == 0x2E && i > ps && isDigit(t[i - 1]) && i + 1 < pe && isDigit(t[i + 1]) {
                i += 1
                continue
            }
            // Quotations.
            if let kind = openingQuote(at: i), protectEnd < 0 {
                if let c = findCloser(kind, from: i + 1) {
                    // A quotation inside a sentence is read whole; one that opens
                    // its sentence only when a reporting clause follows it
                    // ("Why? Now?" he asked), else its sentences stand alone.
                    // (A long one that opens its sentence is several sentences
                    // even before a reporting clause.)
                    let atStart = onlyOpeners(sentStart, i)
                    if !atStart || c - i <= 120 && reportingClauseFollows(c, kind) {
                        protectEnd = c
                        protectAtStart = atStart
                    }
                }
                i += kind.openLen(b)
                continue
            }
            if b == UInt8(ascii: ":") {
                if let label = captionLabel(colon: i) {
                    emit(sentStart, label, &out)
                    startSentence(label, continuing: false)
                }
                i += 1
                continue
            }
            let (u, len) = decode(t, i, pe)
            if isBullet(u) {
                if i > sentStart && isSpaceByteBefore(i) {
                    emit(sentStart, i, &out)
                    startSentence(i, continuing: false)
                }
                i += len
                continue
            }
            if isTerminal(u) {
                i = terminal(at: i, &out)
                continue
            }
            i += len
        }
        emit(sentStart, pe, &out)
    }

    /// The first byte at or after `i` (before `limit`) that `isInteresting`,
    /// or `limit`. Eight bytes at a time while none of them can matter.
    @inline(__always)
    private mutating func skipPlain(_ i: Int, _ limit: Int) -> Int {
        var i = i
        if let base = t.baseAddress {
            let raw = UnsafeRawPointer(base)
            let stop = ByteLanes.splat(0x2E), bang = ByteLanes.splat(0x21), question = ByteLanes.splat(0x3F)
            let quote = ByteLanes.splat(0x22), apostrophe = ByteLanes.splat(0x27), colon = ByteLanes.splat(0x3A)
            // Sixteen bytes at a time, reading past `limit` while the text
            // lasts (a short stretch before a paragraph's end needs no
            // byte-by-byte tail); what lies past `limit` is ignored.
            let wide = t.count - ByteLanes.width
            while i < limit && i <= wide {
                let v = ByteLanes.load(raw, i)
                let hit = ByteLanes.nonASCII(v) .| (v .== stop) .| (v .== bang) .| (v .== question)
                    .| (v .== quote) .| (v .== apostrophe) .| (v .== colon)
                let k = ByteLanes.firstSet(hit)
                i += k
                if i >= limit { return limit }
                if k == ByteLanes.width { continue }
                // A lead byte of no interest (an accented letter) resumes the
                // wide scan after its continuation bytes.
                if isInteresting(t[i]) { return i }
                i += 1
                while i < limit && t[i] & 0xC0 == 0x80 { i += 1 }
            }
        }
        while i < limit && !isInteresting(t[i]) { i += 1 }
        return min(i, limit)
    }

    /// Judges the terminal punctuation at `i`; returns where to go on.
    private mutating func terminal(at i: Int, _ out: inout ScratchBuffer<Segment>) -> Int {
        let pe = paraEnd
        var j = i
        var dots = 0
        var strong = false
        var ellipsis = false
        var cjk = false
        var closedQuote = false
        var closedMid = false
        var closedProtected = false
        let inside = protectEnd >= 0 && i < protectEnd
        while j < pe {
            let b = t[j]
            if b == UInt8(ascii: ".") { dots += 1; j += 1; continue }
            if b == UInt8(ascii: "!") || b == UInt8(ascii: "?") { strong = true; j += 1; continue }
            if b == 0x20 && dots > 0 && j + 1 < pe && t[j + 1] == UInt8(ascii: ".") && t[j - 1] == UInt8(ascii: ".") {
                ellipsis = true
                j += 1
                continue
            }
            let (u, len) = decode(t, j, pe)
            if u == 0x2026 { ellipsis = true; dots += 3; j += len; continue }
            if isTerminal(u) {
                if isFullStopLike(u) { cjk = true } else { strong = true }
                j += len
                continue
            }
            if isCloser(u) || u == 0x22 || u == 0x27 || u == 0x2019 {
                if u == 0x22 || u == 0x27 || u == 0x2019 || u == 0x201D || u == 0xBB { closedQuote = true }
                if j == protectEnd {
                    closedProtected = true
                    closedMid = !protectAtStart
                    protectEnd = -1
                }
                j += len
                continue
            }
            break
        }
        if inside && !closedProtected { return j }
        // Reference marks after the end: "large.[7][8]", "consultation.11 12", "(type 2).10".
        if dots == 1 && !strong && j < pe {
            j = skipCitations(i, j)
        }
        if j >= pe { return j }
        let ws = spaceLen(j, pe)
        if ws == 0 {
            if cjk || (dots == 1 && !strong && !ellipsis && noSpaceBoundary(i, j)) {
                split(at: j, &out)
                return sentStart
            }
            return j
        }
        var k = j + ws
        while k < pe { let l = spaceLen(k, pe); if l == 0 { break }; k += l }
        // Bracketed references after the space belong to the sentence: "end. [17] [18] Next".
        while k < pe && t[k] == UInt8(ascii: "[") {
            var x = k + 1
            while x < pe && x - k <= 8 && (isDigit(t[x]) || t[x] == 0x2C || t[x] == 0x20 || t[x] == 0x2D) { x += 1 }
            guard x > k + 1, x < pe, t[x] == UInt8(ascii: "]"), isDigit(t[k + 1]) else { break }
            j = x + 1
            if j < pe && t[j] == UInt8(ascii: ".") { j += 1 }  // "days. [1]."
            k = j
            while k < pe { let l = spaceLen(k, pe); if l == 0 { break }; k += l }
        }
        // A footnote number: "a publication fee. 8 Yet some ...".
        if dots == 1 && !strong && k < pe && isDigit(t[k]) && i > 0 && isASCIILower(t[i - 1]) {
            var x = k
            while x < pe && x - k < 3 && isDigit(t[x]) { x += 1 }
            if x + 1 < pe && t[x] == 0x20 && isASCIIUpper(t[x + 1]) && (x + 2 >= pe || isASCIILower(t[x + 2])) {
                j = x
                k = x + 1
            }
        }
        if k >= pe { return k }
        if decide(i, j, k, dots: dots, strong: strong || cjk, ellipsis: ellipsis,
                  closedQuote: closedQuote, closedMid: closedMid)
        {
            split(at: j, &out)
            return sentStart
        }
        return j
    }

    /// The decision after a terminal run `t[i ..< j]` followed by white space;
    /// the next word starts at `k`.
    private mutating func decide(
        _ i: Int, _ j: Int, _ k: Int, dots: Int, strong: Bool, ellipsis: Bool,
        closedQuote: Bool, closedMid: Bool
    ) -> Bool {
        let pe = paraEnd
        let ellipsis = ellipsis || dots == 3
        var m = k
        var sawDash = false
        var sawParen = false
        var sawBracket = false
        var steps = 0
        while m < pe && steps < 8 {
            let (u, len) = decode(t, m, pe)
            if u == 0x28 { sawParen = true }
            else if u == 0x5B || u == 0x7B { sawBracket = true }
            else if isOpener(u) || u == 0xBF || u == 0xA1 {}
            else if u == 0x2D || u == 0x2013 || u == 0x2014 { sawDash = true }
            else if isSpace(u) {}
            else { break }
            m += len
            steps += 1
        }
        if m >= pe { return false }
        let (u, _) = decode(t, m, pe)
        let cat = category(u)
        // "[citation needed]", "[...]" go on; "[The" starts a sentence.
        if sawBracket && cat != .upper { return false }
        if cat == .lower {
            // A lettered list item starts a sentence: "... the store. w) hello".
            let item = ListMarker.parse(t, m, pe)
            if item.active && item.suffix.endsWithParen { return true }
            // A parenthesis after a sentence may start one: "... years. (credit: Ann Lee)".
            if !sawParen || closedQuote { return false }
        }
        if sawDash && closedQuote { return false }
        if sawParen && closedQuote && closedMid { return false }
        // "Why?" Anna asked.
        if closedQuote && cat == .upper && speakerAndVerb(at: m) { return false }
        let capital = cat == .upper || cat == .caseless || cat == .symbol
        /// What ends a sentence after an ordinary word.
        let regular = capital || cat == .digit || cat == .lower
        if strong {
            return capital || cat == .lower
        }
        if cat == .lower && (ellipsis || dots >= 2) { return false }
        if ellipsis && dots <= 3 {
            guard cat == .upper || cat == .caseless else { return false }
            // A citation after an omission: "… stairways [...]” (Smith 55)."
            if sawParen { return false }
            // "... I didn't mean it": a lone "I" after an ellipsis goes on.
            if u == 0x49 && !isWordByte(m + 1) { return false }
            return true
        }
        if dots >= 4 || ellipsis {
            return cat == .upper || cat == .caseless || cat == .symbol
        }
        // A single period: the word before it decides.
        var ws = i
        var back = 0
        while ws > sentStart && back < 48 {
            let b = t[ws - 1]
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D { break }
            if b == 0xA0 && ws >= 2 && t[ws - 2] == 0xC2 { break }
            ws -= 1
            back += 1
        }
        if back >= 48 {
            // A long token: not an abbreviation.
            return regular
        }
        // Strip opening punctuation.
        while ws < i {
            let (c, len) = decode(t, ws, i)
            if c == 0x28 || c == 0x5B || isOpener(c) || isBullet(c) { ws += len } else { break }
        }
        if ws >= i {
            // A period after a space: "pricing . Next".
            return regular
        }
        // After an abbreviation, a parenthesis goes on: "Co. (cited from ...)".
        if cat == .lower {
            return isPlainWord(ws, i) || isNumberToken(ws, i) && !onlyOpeners(sentStart, ws)
        }
        // Numbers.
        if isNumberToken(ws, i) {
            if onlyOpeners(sentStart, ws) { return false }  // "1. The first item"
            if afterFigureLabel(ws) { return false }  // "Figure 1. The map"
            return capital
        }
        let (w0, w0len) = decode(t, ws, i)
        if ws + w0len == i && isLetter(w0) {
            // One letter: an initial ("George W. Bush"), except "I" before an opener.
            if w0 == 0x49 { return isOpenerWord(m) }
            return false
        }
        // "U.S.", "Ph.D": short pieces between dots ("www.example.com" is no abbreviation).
        var hasInnerDot = false
        var piece = 0
        var longest = 0
        for x in ws..<i {
            let c = t[x]
            if c == UInt8(ascii: ".") {
                hasInnerDot = true
                piece = 0
            } else if isASCIILetter(c) {
                piece += 1
                longest = max(longest, piece)
            } else {
                longest = Int.max  // a URL, a path, an address
                break
            }
        }
        if longest > 3 { hasInnerDot = false }
        let kind = WordKey(t, ws, i).flatMap { lex.abbreviations[$0] }
        switch kind {
        case .prefix?:
            return false
        case .ambiguous?:
            return isOpenerWord(m)
        case .time?:
            if cat != .upper { return false }
            if wordsBefore(ws) < 3 { return false }
            if let key = wordKey(at: m), lex.timeFollowers.contains(key) { return false }
            return true
        case .place?:
            if cat != .upper { return false }
            if let key = wordKey(at: m), lex.placeFollowers.contains(key) { return false }
            if nextIsAbbreviation(m) { return false }
            if isOpenerWord(m) { return true }
            // A name of several capitalized words goes on ("U.S. Agriculture Department").
            return !secondWordCapitalized(m)
        case nil:
            if hasInnerDot { return isOpenerWord(m) }  // "J.C. Penney", "i.v. It"
            return regular
        }
    }

    // MARK: - Helpers for the decisions

    /// Whether `t[ws ..< i]` is an ordinary word: no abbreviation, initial or number.
    private mutating func isPlainWord(_ ws: Int, _ i: Int) -> Bool {
        if i - ws <= 1 { return false }
        for x in ws..<i where t[x] == UInt8(ascii: ".") || isDigit(t[x]) { return false }
        if let key = WordKey(t, ws, i), lex.abbreviations[key] != nil { return false }
        return true
    }

    /// Whether one or two capitalized words and a speech verb start at `m`
    /// ("Anna asked", "Tom Reed said", "I say").
    private mutating func speakerAndVerb(at m: Int) -> Bool {
        var x = m
        for _ in 0..<3 {
            let w = x
            while x < paraEnd && x - w < 20 && (isASCIILetter(t[x]) || t[x] >= 0x80) { x += 1 }
            guard x > w, x < paraEnd else { return false }
            if w > m, let key = WordKey(t, w, x), lex.speechVerbs.contains(key) { return true }
            guard isASCIIUpper(t[w]) || t[w] >= 0x80, t[x] == 0x20 else { return false }
            x += 1
        }
        return false
    }

    /// Whether the word before the number at `ws` is a figure label ("Figure", "Table").
    private mutating func afterFigureLabel(_ ws: Int) -> Bool {
        guard ws >= 2, t[ws - 1] == 0x20 else { return false }
        var w = ws - 1
        while w > sentStart && ws - w < 10 && isASCIILetter(t[w - 1]) { w -= 1 }
        guard let key = WordKey(t, w, ws - 1) else { return false }
        return lex.figureLabels.contains(key)
    }

    private mutating func isWordByte(_ i: Int) -> Bool {
        guard i < paraEnd else { return false }
        let b = t[i]
        return (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x27 || b >= 0x80 && b != 0xE2
    }

    /// The word starting at `m` (letters and apostrophes), as a key.
    private mutating func wordKey(at m: Int) -> WordKey? {
        var e = m
        while e < paraEnd && e - m < 17 {
            let b = t[e]
            if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x27 || b == 0x2D { e += 1; continue }
            if b == 0xE2 && e + 2 < paraEnd && t[e + 1] == 0x80 && t[e + 2] == 0x99 { e += 3; continue }
            break
        }
        return WordKey(t, m, e)
    }

    private mutating func isOpenerWord(_ m: Int) -> Bool {
        guard let key = wordKey(at: m) else { return false }
        return lex.openers.contains(key)
    }

    /// Whether the word after the word at `m` starts with a capital.
    private mutating func secondWordCapitalized(_ m: Int) -> Bool {
        var x = m
        while x < paraEnd && x - m < 32 && (isASCIILetter(t[x]) || t[x] == 0x2D || t[x] == 0x27) { x += 1 }
        guard x + 1 < paraEnd, t[x] == 0x20 else { return false }
        return isASCIIUpper(t[x + 1])
    }

    /// Whether the word at `m` is a known abbreviation followed by a period ("U.S. Rep. Smith").
    private mutating func nextIsAbbreviation(_ m: Int) -> Bool {
        var e = m
        while e < paraEnd && e - m < 17, isASCIILetter(t[e]) { e += 1 }
        guard e < paraEnd, t[e] == UInt8(ascii: "."), let key = WordKey(t, m, e) else { return false }
        return lex.abbreviations[key] == .prefix
    }

    /// Words in the sentence before byte `ws` (counted up to 3, and only in the first 64 bytes).
    private mutating func wordsBefore(_ ws: Int) -> Int {
        if ws - sentStart > 64 { return 3 }
        return Self.wordCount(t, sentStart, ws, cap: 3)
    }

    private mutating func isNumberToken(_ s: Int, _ e: Int) -> Bool {
        var digits = 0
        var x = s
        if x < e && (t[x] == UInt8(ascii: "$") || t[x] == UInt8(ascii: "#")) { x += 1 }
        while x < e {
            let b = t[x]
            if b >= 0x30 && b <= 0x39 { digits += 1 } else if b != 0x2C && b != 0x2E { return false }
            x += 1
        }
        return digits > 0
    }

    /// Whether `t[from ..< to]` holds only opening punctuation, bullets and white space.
    private mutating func onlyOpeners(_ from: Int, _ to: Int) -> Bool {
        var x = from
        var steps = 0
        while x < to {
            let (c, len) = decode(t, x, to)
            if !(c == 0x28 || c == 0x5B || isOpener(c) || isBullet(c) || isSpace(c)) { return false }
            x += len
            steps += 1
            if steps > 8 { return false }
        }
        return true
    }

    /// The text up to the end of the paragraph being split: what the patterns see.
    private var paragraphText: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: t.baseAddress, count: paraEnd)
    }

    private mutating func isSpaceByteBefore(_ i: Int) -> Bool {
        spaceLenBefore(i, sentStart) > 0
    }

    /// "Tuesday.Mr": a period between a word and a capitalized word, in a
    /// token that is no URL, e-mail address or domain name.
    private mutating func noSpaceBoundary(_ i: Int, _ j: Int) -> Bool {
        guard j == i + 1, j + 1 < paraEnd, i >= 2 else { return false }
        let a = t[i - 1], a2 = t[i - 2]
        let n = t[j], n2 = t[j + 1]
        guard (isASCIILower(a) || isDigit(a)) && (isASCIILetter(a2) || isDigit(a2) || a2 == 0x2C) else { return false }
        guard isASCIIUpper(n) && isASCIILower(n2) else { return false }
        // The token's start: after white space, at most 64 bytes back, past opening punctuation.
        var x = i - 1
        while x > sentStart && i - x < 64 {
            let b = t[x - 1]
            if b == 0x20 || b == 0x0A || b == 0x09 { break }
            x -= 1
        }
        while x < i && t[x] & 0xC0 == 0x80 { x += 1 }
        while x < i {
            let (c, len) = decode(t, x, i)
            if c == 0x28 || c == 0x5B || c == 0x3C || isOpener(c) { x += len } else { break }
        }
        // A URL, an e-mail address, a host name or an IP address goes on.
        if (try? patterns.webAddress.firstRange(in: paragraphText, from: x)) != nil { return false }
        return true
    }

    /// After a period at `i` and its closers up to `j`: reference numbers
    /// and bracketed references that belong to the sentence.
    private mutating func skipCitations(_ i: Int, _ j: Int) -> Int {
        let pe = paraEnd
        var j = j
        // "[7][8]"
        var bracketed = false
        while j < pe && t[j] == UInt8(ascii: "[") {
            var x = j + 1
            while x < pe && x - j <= 5 && isDigit(t[x]) { x += 1 }
            guard x > j + 1, x < pe, t[x] == UInt8(ascii: "]") else { break }
            j = x + 1
            bracketed = true
        }
        if bracketed { return j }
        // "consultation.11 12 Take": digits glued to a period after a word.
        guard i > 0, j == i + 1, j < pe, isDigit(t[j]) else { return j }
        let before = t[i - 1]
        guard isASCIILower(before) || before == UInt8(ascii: ")") else { return j }
        var x = j
        while x < pe && x - j < 4 && isDigit(t[x]) { x += 1 }
        guard x - j <= 3, x >= pe || spaceLen(x, pe) > 0 else { return j }
        var end = x
        // More reference numbers: " 12" before a capitalized word.
        while end < pe {
            var y = end
            while y < pe && t[y] == 0x20 { y += 1 }
            guard y > end, y < pe, isDigit(t[y]) else { break }
            var z = y
            while z < pe && z - y < 4 && isDigit(t[z]) { z += 1 }
            guard z - y <= 3, z + 1 < pe, t[z] == 0x20, isASCIIUpper(t[z + 1]) else { break }
            end = z
        }
        return end
    }

    /// "… Ahmed Mohamed Image: Twitter.": a caption credit label after
    /// text without final punctuation starts its own sentence. Returns the
    /// label's start.
    private mutating func captionLabel(colon i: Int) -> Int? {
        guard i + 2 < paraEnd, t[i + 1] == 0x20, isASCIIUpper(t[i + 2]) else { return nil }
        var w = i
        while w > sentStart && i - w < 11 && isASCIILetter(t[w - 1]) { w -= 1 }
        guard w > sentStart + 1, t[w - 1] == 0x20, isASCIIUpper(t[w]),
            let r = try? patterns.captionLabel.firstRange(in: paragraphText, from: w), r.upperBound == i + 2
        else { return nil }
        return w
    }

    /// A dateline opening a sentence ("Thursday, May 7, 2015 On Tuesday, …"):
    /// where the next sentence starts, if a capitalized word follows the date.
    private mutating func datelineEnd(_ s: Int) -> Int? {
        guard var x = dateEnd(s, weekdayOnly: false) else { return nil }
        guard x < paraEnd, spaceLen(x, paraEnd) > 0 else { return nil }
        while x < paraEnd { let l = spaceLen(x, paraEnd); if l == 0 { break }; x += l }
        guard x < paraEnd, category(decode(t, x, paraEnd).0) == .upper else { return nil }
        return x
    }

    /// In the first 300 bytes of `t[ps ..< pe]`: the start of a date with its
    /// weekday after a word without final punctuation ("... sea anemone
    /// Tuesday, January 21, 2014"), where a headline and its dateline meet.
    private mutating func datelineAfterHeadline(_ ps: Int, _ pe: Int) -> Int {
        let stop = min(pe, ps + 300)
        var x = ps
        // A weekday ends in "day,": look at each comma after a "y".
        while x < stop {
            let c = commaAfterY(from: x, to: stop)
            if c == stop { break }
            x = c + 1
            guard c - ps >= 8, t[c - 2] == 0x61, t[c - 3] == 0x64 else { continue }
            var w = c - 3
            while w > ps && c - w < 10 && isASCIILower(t[w - 1]) { w -= 1 }
            w -= 1
            guard w > ps + 1, isASCIIUpper(t[w]), t[w - 1] == 0x20,
                isASCIILetter(t[w - 2]) || isDigit(t[w - 2]),
                dateEnd(w, weekdayOnly: true) != nil
            else { continue }
            return w
        }
        return Int.max
    }

    /// The first comma in `t[from ..< to]` right after a "y", or `to`.
    /// Sixteen bytes at a time, comparing each byte and the one before it:
    /// most commas follow other letters and cost nothing.
    private func commaAfterY(from: Int, to: Int) -> Int {
        var c = max(from, 1)
        if let base = t.baseAddress {
            let raw = UnsafeRawPointer(base)
            let y = ByteLanes.splat(0x79), comma = ByteLanes.splat(0x2C)
            while c < to && c + ByteLanes.width <= t.count {
                let hit = (ByteLanes.load(raw, c - 1) .== y) .& (ByteLanes.load(raw, c) .== comma)
                let k = ByteLanes.firstSet(hit)
                if k < ByteLanes.width { return min(c + k, to) }
                c += ByteLanes.width
            }
        }
        while c < to && !(t[c] == 0x2C && t[c - 1] == 0x79) { c += 1 }
        return min(c, to)
    }

    /// The end of a date starting at `s` ("Thursday, May 7, 2015", "May 7, 2015").
    private mutating func dateEnd(_ s: Int, weekdayOnly: Bool) -> Int? {
        let x = s
        // Cheap test first: a capitalized word, then ", " (a weekday) or " " and a digit (a month).
        guard x < paraEnd else { return nil }
        switch t[x] {  // the initials of months and weekdays
        case UInt8(ascii: "J"), UInt8(ascii: "F"), UInt8(ascii: "M"), UInt8(ascii: "A"), UInt8(ascii: "S"),
            UInt8(ascii: "O"), UInt8(ascii: "N"), UInt8(ascii: "D"), UInt8(ascii: "T"), UInt8(ascii: "W"):
            break
        default: return nil
        }
        var e = x + 1
        while e < paraEnd && e - x < 12 && isASCIILetter(t[e]) { e += 1 }
        guard e - x >= 3, e + 1 < paraEnd, t[e] == 0x2C || t[e] == 0x20 && isDigit(t[e + 1]) else { return nil }
        // The word must be a weekday before a comma or a month before a day
        // (a dateline's "SALVADOR, Feb 26" is neither): a hash lookup spares the pattern.
        // (Every weekday ends in "day": most capitalized words before a comma fail here.)
        if t[e] == 0x2C && (t[e - 1] | 0x20 != 0x79 || t[e - 2] | 0x20 != 0x61 || t[e - 3] | 0x20 != 0x64) {
            return nil
        }
        guard let word = WordKey(t, x, e),
            t[e] == 0x2C ? Lexicon.shared.weekdays.contains(word) : Lexicon.shared.months.contains(word)
        else { return nil }
        guard let r = try? patterns.date.firstRange(in: paragraphText, from: x) else { return nil }
        if weekdayOnly && patterns.date.lastGroup(1) == nil { return nil }
        return r.upperBound
    }

    /// A figure label opening a sentence ("Figure 1.3 This map shows ..."):
    /// where the caption starts.
    private mutating func figureLabelEnd(_ s: Int) -> Int? {
        guard s < paraEnd, isASCIIUpper(t[s]) else { return nil }
        var x = s + 1
        while x < paraEnd && x - s < 10 && isASCIILower(t[x]) { x += 1 }
        guard x + 1 < paraEnd, t[x] == 0x20, isDigit(t[x + 1]),
            let word = WordKey(t, s, x), Lexicon.shared.figureLabels.contains(word),
            let r = try? patterns.figureLabel.firstRange(in: paragraphText, from: s)
        else { return nil }
        return r.upperBound
    }

    /// Whether the line is a date alone ("Thursday, May 7, 2015").
    static func isDateLine(_ t: UnsafeBufferPointer<UInt8>, _ l: Line) -> Bool {
        guard l.end - l.start <= 40, l.end - l.start >= 8 else { return false }
        var digits = 0
        for x in (l.end - 4)..<l.end where isDigit(t[x]) { digits += 1 }
        guard digits == 4 else { return false }
        var e = l.start
        while e < l.end && isASCIILetter(t[e]) { e += 1 }
        guard let key = WordKey(t, l.start, e) else { return false }
        return Lexicon.shared.weekdays.contains(key) || Lexicon.shared.months.contains(key)
    }

    // MARK: - Emitting

    private mutating func split(at j: Int, _ out: inout ScratchBuffer<Segment>) {
        emit(sentStart, j, &out)
        var k = j
        while k < paraEnd { let l = spaceLen(k, paraEnd); if l == 0 { break }; k += l }
        startSentence(k, continuing: false)
    }

    private mutating func emit(_ s: Int, _ e: Int, _ out: inout ScratchBuffer<Segment>) {
        var s = s, e = e
        while s < e { let l = spaceLen(s, e); if l == 0 { break }; s += l }
        while e > s { let l = spaceLenBefore(e, s); if l == 0 { break }; e -= l }
        if s < e { out.append(Segment(para: para, start: s, end: e)) }
    }

    /// Whether the sentence at `s` opens with an ASCII letter whose run of
    /// letters and digits cannot begin a dateline, a figure label or a list
    /// marker: those need a weekday before a comma ("Tuesday,"), a space and
    /// a digit after a month or label ("May 5", "Figure 2"), or at most six
    /// letters or digits before `.` or `)`. Then none of them is parsed: most
    /// sentences ("The company said", "LONDON, March 3") are settled by this
    /// one short scan.
    @inline(__always)
    private mutating func opensWithPlainWord(_ s: Int) -> Bool {
        guard s < paraEnd, isASCIILetter(t[s]) else { return false }
        // Each of those parses gives up within 12 letters.
        let stop = min(paraEnd, s + 16)
        var e = s + 1
        while e < stop && (isASCIILetter(t[e]) || isDigit(t[e])) { e += 1 }
        guard e < stop else { return e - s >= 16 }
        switch t[e] {
        case UInt8(ascii: ","):
            // Only a weekday ("Tuesday, May 5") may stand before a comma.
            return !(e - s >= 3 && t[e - 1] | 0x20 == 0x79 && t[e - 2] | 0x20 == 0x61 && t[e - 3] | 0x20 == 0x64)
        case UInt8(ascii: "."), UInt8(ascii: ")"):
            // A list marker's number or letters are at most six.
            return e - s > 6
        case UInt8(ascii: " "): return !(e + 1 < paraEnd && isDigit(t[e + 1]))
        default: return true
        }
    }

    /// Starts a sentence at `s`: notes a list marker there and looks for the next one.
    private mutating func startSentence(_ s: Int, continuing: Bool) {
        sentStart = s
        forcedAt = Int.max
        let plain = opensWithPlainWord(s)
        if !plain, let d = datelineEnd(s) ?? figureLabelEnd(s) { forcedAt = d; return }
        var x = s
        // Skip a bullet.
        if x < paraEnd {
            let (u, len) = decode(t, x, paraEnd)
            if isBullet(u) {
                x += len
                while x < paraEnd { let l = spaceLen(x, paraEnd); if l == 0 { break }; x += l }
            }
        }
        if continuing && marker.active {
            marker.advance()
        } else if plain {
            marker.active = false
        } else {
            marker = ListMarker.parse(t, x, paraEnd)
        }
        guard marker.active else { return }
        let text = marker.text()
        // Find the next marker, after white space and followed by white space.
        // A search for the same marker that failed before goes on from where it stopped.
        let limit = min(paraEnd, x + 2000)
        var y = x + 1
        if text == lastMarker && y < markerSearchedTo && markerSearchedFrom <= y {
            y = markerSearchedTo
        }
        let n = text.count
        var found = -1
        while y + n <= limit {
            if t[y] == text[0] && (t[y - 1] == 0x20 || t[y - 1] == 0x0A) {
                var ok = true
                for q in 1..<n where t[y + q] != text[q] { ok = false; break }
                if ok && (y + n == paraEnd || spaceLen(y + n, paraEnd) > 0) {
                    found = y
                    break
                }
            }
            y += 1
        }
        if found >= 0 {
            forcedAt = found
            lastMarker = []
        } else {
            lastMarker = text
            markerSearchedFrom = x + 1
            markerSearchedTo = y
        }
    }

    // MARK: - Quotations

    private mutating func openingQuote(at i: Int) -> QuoteKind? {
        let b = t[i]
        var kind: QuoteKind
        switch b {
        case 0x22: kind = .double
        case 0x27: kind = .single
        case 0xE2:
            guard i + 2 < paraEnd, t[i + 1] == 0x80 else { return nil }
            if t[i + 2] == 0x9C { kind = .curlyDouble } else if t[i + 2] == 0x98 { kind = .single } else { return nil }
        case 0xC2:
            guard i + 1 < paraEnd, t[i + 1] == 0xAB else { return nil }
            kind = .guillemet
        default: return nil
        }
        // An opener follows white space, an opening bracket or a dash, and precedes a non-space.
        if i > sentStart {
            let (p, _) = decodeBefore(t, i, sentStart)
            if !(isSpace(p) || p == 0x28 || p == 0x5B || p == 0x2014 || p == 0x2013 || p == 0x2D || isOpener(p)) {
                return nil
            }
        }
        let after = i + kind.openLen(b)
        guard after < paraEnd else { return nil }
        let (n, _) = decode(t, after, paraEnd)
        if isSpace(n) { return nil }
        if kind == .single && !(isLetter(n) || isDigit32(n)) { return nil }
        return kind
    }

    /// Whether a lower-case word follows the quotation closing at `c`.
    private mutating func reportingClauseFollows(_ c: Int, _ kind: QuoteKind) -> Bool {
        var x = c + (kind == .guillemet ? 2 : (t[c] < 0x80 ? 1 : 3))
        var steps = 0
        while x < paraEnd && steps < 6 {
            let (u, len) = decode(t, x, paraEnd)
            if isSpace(u) || u == 0x2C { x += len; steps += 1; continue }
            if u == 0x2D || u == 0x2013 || u == 0x2014 {
                // A dash credit: "… a long game." - Jane Doe
                x += len
                while x < paraEnd && t[x] == 0x20 { x += 1 }
                return x < paraEnd && category(decode(t, x, paraEnd).0) == .upper
            }
            return isLower(u) || speakerAndVerb(at: x)
        }
        return false
    }

    /// The start of the closer of a quotation of `kind` opened before `from`,
    /// within the paragraph and a bounded distance. Searches are cached, so
    /// the whole paragraph is searched at most once per kind.
    private mutating func findCloser(_ kind: QuoteKind, from: Int) -> Int? {
        let k = kind.rawValue
        let limit = min(paraEnd, from + kind.maxLength)
        if closerFound[k] >= from { return closerFound[k] < limit ? closerFound[k] : nil }
        var y = max(from, closerSearched[k])
        if kind == .double, y < limit, let base = t.baseAddress {
            // The common case: the next straight double quote.
            let c = ByteLanes.firstIndex(of: 0x22, UnsafeRawPointer(base), from: y, to: limit)
            if c < limit {
                closerFound[k] = c
                closerSearched[k] = c + 1
                return c
            }
            y = limit
        }
        while y < limit {
            if isQuoteCloser(kind, at: y) {
                closerFound[k] = y
                closerSearched[k] = y + 1
                return y
            }
            y += 1
        }
        closerSearched[k] = max(closerSearched[k], y)
        if y >= paraEnd { closerFound[k] = Int.max }
        return nil
    }

    private mutating func isQuoteCloser(_ kind: QuoteKind, at y: Int) -> Bool {
        let b = t[y]
        switch kind {
        case .double: return b == 0x22
        case .curlyDouble: return b == 0xE2 && y + 2 < paraEnd && t[y + 1] == 0x80 && t[y + 2] == 0x9D
        case .guillemet: return b == 0xC2 && y + 1 < paraEnd && t[y + 1] == 0xBB
        case .single:
            var len = 0
            if b == 0x27 { len = 1 } else if b == 0xE2 && y + 2 < paraEnd && t[y + 1] == 0x80 && t[y + 2] == 0x99 { len = 3 }
            guard len > 0, y > 0 else { return false }
            // Not an apostrophe: a non-space before, no letter after.
            let (p, _) = decodeBefore(t, y, 0)
            if isSpace(p) { return false }
            if y + len >= paraEnd { return true }
            let (n, _) = decode(t, y + len, paraEnd)
            return !isLetter(n) && !isDigit32(n)
        }
    }
}

enum QuoteKind: Int {
    case double = 0, curlyDouble, single, guillemet

    /// A value per kind, indexed by `rawValue`. (Not an array: it is reset
    /// for every paragraph, and an array's writes each checked its
    /// reference count.)
    struct Table {
        private var values: (Int, Int, Int, Int)

        init(_ value: Int) { values = (value, value, value, value) }

        subscript(_ k: Int) -> Int {
            get {
                switch k {
                case 0: return values.0
                case 1: return values.1
                case 2: return values.2
                default: return values.3
                }
            }
            set {
                switch k {
                case 0: values.0 = newValue
                case 1: values.1 = newValue
                case 2: values.2 = newValue
                default: values.3 = newValue
                }
            }
        }
    }

    func openLen(_ b: UInt8) -> Int {
        switch self {
        case .double: return 1
        case .single: return b == 0x27 ? 1 : 3
        case .curlyDouble: return 3
        case .guillemet: return 2
        }
    }

    /// How far a quotation may run, in bytes, and still be one.
    var maxLength: Int { self == .single ? 600 : 200 }
}
