import NewsCore

/// One quotation found in the text (byte offsets).
struct Quote {
    var open: Int
    var openLen: Int
    var close: Int
    var closeLen: Int
    var family: Family
    /// Words inside the marks.
    var words = 0
    /// The quoted words end a sentence (. ! ? …) or a clause (, ; : — ?).
    var endsFinal = false
    var endsClause = false
    /// Most words capitalized, no final punctuation: a title or a name.
    var titleCase = false
    var emit = false
    var attributed = false
    var speaker: Range<Int>? = nil
    var speakerIsPronoun = false
    /// The name a speaker stands for: the fullest earlier form of a
    /// pronoun's or a surname's referent.
    var name: Range<Int>? = nil
    var nameIsPerson = false
    var cue: Range<Int>? = nil

    var end: Int { close + closeLen }
    var inner: Range<Int> { (open + openLen)..<close }
}

/// Finds direct quotations, their speakers and their attribution cues.
///
/// A byte scan finds the quotation marks; pairing runs over the marks only;
/// the words around each quotation are tokenized in a bounded window to find
/// the cue and its subject. Work per record is linear in its length.
public struct QuoteAnnotator: Annotator {
    public static let field = "quotes"

    /// The word lists, held here so the hot path reads no lazy global.
    let table: WordTable
    /// The compiled patterns (see Patterns.swift).
    let patterns: Patterns
    /// Pairing: the open marks (at most `maxDepth`), the closed pairs
    /// waiting on them, and the paragraph of the last mark.
    var stack: [Opening] = []
    var pending: [Pair] = []
    var curPara: Int32 = 0
    /// The quotations settled so far, the oldest dropped once they are far
    /// behind (only the last `window` bytes are looked at).
    var quotes: [Quote] = []
    var pruneAt = 256
    /// Tokens before the current quotation: a sliding window over the text.
    var toks: [Token] = []
    var tokLo = 0
    var tokHi = 0
    /// The byte where the tokens from `tokLo` on begin.
    var covStart = 0
    /// Tokens after the current quotation.
    var after: [Token] = []
    /// Scratch: indices of the tokens of a sentence outside quotations.
    var outside: [Int] = []
    /// Scratch tokens for a speaker phrase.
    var scratch: [Token] = []

    /// How far back the words before a quotation are looked at.
    static let window = 1500
    static let nearWindow = 300
    static let afterWindow = 400

    public init() throws {
        table = wordTable
        patterns = try Patterns()
        stack.reserveCapacity(maxDepth + 1)
        toks.reserveCapacity(1024)
    }

    public mutating func annotate(
        _ text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap, into out: inout JSONWriter
    ) throws {
        out.beginArray()
        resetRecord()
        scanMarks(text, &offsets, &out)
        out.endArray()
    }

    /// Writes quotation `q` as a JSON object.
    func write(_ text: UnsafeBufferPointer<UInt8>, _ q: Quote, _ offsets: inout OffsetMap, _ out: inout JSONWriter) {
        out.beginObject()
        out.key("start"); out.int(offsets(q.open))
        out.key("end"); out.int(offsets(q.end))
        out.key("text"); out.string(text, q.inner)
        out.key("speaker")
        if let s = q.speaker {
            out.beginObject()
            out.span(s, of: text, offsets: &offsets)
            if q.speakerIsPronoun, let n = q.name {
                out.key("name"); out.string(text, n)
            }
            out.endObject()
        } else {
            out.null()
        }
        out.key("cue")
        if let c = q.cue {
            out.beginObject()
            out.span(c, of: text, offsets: &offsets)
            out.endObject()
        } else {
            out.null()
        }
        out.endObject()
    }

    mutating func resetRecord() {
        quotes.removeAll(keepingCapacity: true)
        pruneAt = 256
        toks.removeAll(keepingCapacity: true)
        tokLo = 0
        tokHi = 0
        covStart = 0
    }

    // MARK: - what is inside the marks

    mutating func measure(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) {
        let r = quotes[i].inner
        var words = 0, major = 0, capital = 0
        var k = r.lowerBound
        var last: UInt32 = 0
        while k < r.upperBound {
            let b = t[k]
            if b < 0x80 && !((b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10) {
                if b != 0x20 && b != 0x0A && b != 0x09 && b != 0x0D { last = UInt32(b) }
                k += 1
                continue
            }
            let (c, len) = decodeScalar(t, k)
            let cls = neighbourClass(c)
            if cls == .word {
                // A word: to its end.
                let start = k
                var e = k + len
                var ideographs = c >= 0x3040 ? 1 : 0
                while e < r.upperBound {
                    let a = t[e]
                    if (a | 0x20) &- 0x61 < 26 || a &- 0x30 < 10 { e += 1; continue }
                    let (d, dl) = decodeScalar(t, e)
                    let dc = neighbourClass(d)
                    if dc == .word { if d >= 0x3040 { ideographs += 1 }; e += dl; continue }
                    if (d == 0x27 || d == 0x2019 || d == 0x2D || d == 0x2E), e + dl < r.upperBound,
                        classAt(t, e + dl) == .word
                    {
                        e += dl
                        continue
                    }
                    break
                }
                // Scripts without spaces: about two characters a word.
                words += max(1, ideographs / 2)
                let isLetter = !(c >= 0x30 && c <= 0x39)
                if isLetter {
                    let cls = e - start <= 15 ? table[wordHash(t, start..<e)] : []
                    if !cls.contains(.minor) {
                        major += 1
                        if isUppercaseScalar(c) { capital += 1 }
                    }
                }
                last = 0x61
                k = e
                if words > 12 {
                    // Long enough to be no title: only its last character matters.
                    var j = r.upperBound
                    while j > k {
                        let p = scalarStart(before: j, in: t)
                        let (d, _) = decodeScalar(t, p)
                        let dc = neighbourClass(d)
                        if dc != .space { last = dc == .word ? 0x61 : d; break }
                        j = p
                    }
                    break
                }
                continue
            }
            if cls != .space { last = c }
            k += len
        }
        quotes[i].words = words
        let final = last == 0x2E || last == 0x21 || last == 0x3F || last == 0x2026
        quotes[i].endsFinal = final
        quotes[i].endsClause = last == 0x2C || last == 0x3B || last == 0x3A || last == 0x2014
            || last == 0x2013 || last == 0x2D || last == 0x3F || last == 0x21
        // Most words capitalized and no final stop, or every word of a short
        // one ("Fox News Sunday."): a title or a name.
        quotes[i].titleCase = major > 0 && words <= 12
            && ((!final && capital * 4 >= major * 3) || (words < 4 && capital == major && words > 1))
    }

    /// Whether to report quotation `i`.
    mutating func decide(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) {
        let q = quotes[i]
        let strongAfter = q.attributed
        if q.words < 4 {
            // Fragments and single terms are left out; a short sentence of
            // two or three words with a speaker is kept (`"No comment," she
            // said`, `"It's that simple."` after an attributed quotation).
            let capital = isUppercaseScalar(decodeScalar(t, q.inner.lowerBound).0)
            quotes[i].emit = q.words >= 2 && q.speaker != nil && (q.endsClause || q.endsFinal)
                && (capital || strongAfter) && !q.titleCase
            return
        }
        if q.titleCase && !strongAfter { return }
        if isSourceHeadline(t, q) { return }
        if !strongAfter && isNamed(i) { return }
        quotes[i].emit = true
    }

    /// `"Headline" — Publication, 13 November 2008`: a cited source.
    func isSourceHeadline(_ t: UnsafeBufferPointer<UInt8>, _ q: Quote) -> Bool {
        // A dash must come first: only then is the pattern run.
        var k = q.end
        while k < t.count, t[k] == 0x20 { k += 1 }
        guard k < t.count, t[k] == 0x2D || t[k] == 0xE2 else { return false }
        return patterns.sourceLineFollows(t, at: q.end)
    }

    /// `named "X"`, `titled "X"`, `so-called "X"`: a name or a title.
    func isNamed(_ i: Int) -> Bool {
        // The words just before the opening mark are the last tokens.
        var k = toks.count - 1
        var seen = 0
        while k >= tokLo, seen < 3 {
            let tk = toks[k]
            guard tk.kind == .word else { return false }
            if tk.is(.naming) {
                return true
            }
            if !tk.is(.determiner) { return false }
            seen += 1
            k -= 1
        }
        return false
    }
}
