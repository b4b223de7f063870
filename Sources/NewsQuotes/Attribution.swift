// Who said it: the cue (a reporting verb or "according to") near a quotation
// and the noun phrase that is its subject.
//
// Order of evidence for one quotation:
// 1. right after it, when the quotation ends in a comma, ? or ! or a comma
//    follows: `"…," X said`, `"…," said X`, `"…", according to X`;
// 2. a cue in its own sentence before it: `X said: "…"`, `X told Y that "…"`,
//    a colon or comma closing the previous paragraph (`X said:¶"…"`);
// 3. right after it, after a period: `"…." he said.`;
// 4. a quotation earlier in the same sentence (the second half of a split quote);
// 5. for a quotation that opens its sentence: the quotation or the cue of the
//    previous sentence (a quote-only paragraph continues the last speaker).

enum CueKind { case finite, participle, according, words }

struct Found {
    var speaker: Range<Int>? = nil
    var pronoun = false
    var cue: Range<Int>? = nil
    /// Token range of the speaker in the token list it came from.
    var first = -1, last = -1
}

/// `wordHash` of the words the rules look for, computed ahead (a test
/// checks them), so no lazy global is touched on the hot path.
enum H {
    static let with: UInt64 = 0xa66b06f655a0c2e9  // with
    static let to: UInt64 = 0x08c83907b56ac0a4  // to
    static let according: UInt64 = 0x22069a7dca739b67  // according
    static let words: UInt64 = 0x4f75245e7323918a  // words
    static let the: UInt64 = 0x56f5c9194461d57c  // the
    static let in_: UInt64 = 0x08b73807b55c4bbe  // in
    static let of: UInt64 = 0x08b06007b5567108  // of
    static let that: UInt64 = 0x256cadef3232570c  // that
    static let and: UInt64 = 0xe6f79719051ff286  // and
    static let but: UInt64 = 0x00611e19135a72cc  // but
    static let he: UInt64 = 0x08ba5307b55eaf76  // he
    static let she: UInt64 = 0x8245aa195cea9e21  // she
    static let i: UInt64 = 0xaf63e44c8601fa24  // i
    static let it: UInt64 = 0x08b73e07b55c55f0  // it
    static let they: UInt64 = 0x2579baef323cf77f  // they
    static let we: UInt64 = 0x08cb5307b56d22a9  // we
    static let you: UInt64 = 0xb5617c19799ea15c  // you
    static let on: UInt64 = 0x08b05807b5566370  // on
    static let during: UInt64 = 0x8ab509e91ba27e88  // during
    static let from: UInt64 = 0x7f845078d7a5c0b5  // from
    static let by: UInt64 = 0x08a64b07b54df8d4  // by
    static let one: UInt64 = 0x1a08aa1921ca5caf  // one
    static let another: UInt64 = 0xb08377e5e235fd94  // another
    static let some: UInt64 = 0x6035dc18f0bbd4d1  // some
    static let both: UInt64 = 0xcd17f69bc69bbca2  // both
    static let at: UInt64 = 0x089c4e07b545a968  // at
    static let for_: UInt64 = 0xdcb27818fed9da90  // for
}

@inline(__always)
func endsWith(_ t: UnsafeBufferPointer<UInt8>, _ tk: Token, _ s1: UInt8, _ s2: UInt8) -> Bool {
    let e = Int(tk.end)
    guard e - Int(tk.start) > 3 else { return false }
    return t[e - 2] | 0x20 == s1 && t[e - 1] | 0x20 == s2
}

/// An adverb by its ending ("allegedly") or by the list.
@inline(__always)
func isAdverb(_ t: UnsafeBufferPointer<UInt8>, _ tk: Token) -> Bool {
    tk.kind == .word && !tk.cap && (tk.is(.auxiliary) || endsWith(t, tk, 0x6C, 0x79))
}

/// A plural noun by its ending: "officials", not "famous" or "press".
@inline(__always)
func isPlural(_ t: UnsafeBufferPointer<UInt8>, _ tk: Token) -> Bool {
    let e = Int(tk.end)
    guard e - Int(tk.start) > 2, t[e - 1] == 0x73 else { return false }
    let p = t[e - 2]
    return p != 0x73 && p != 0x75 && p != 0x69
}

/// Words that cannot be part of a subject noun phrase.
let stopForNP: WordClass = [.preposition, .conjunction, .auxiliary, .nonNominal, .cue, .cueING, .pronoun]

/// The noun phrase ending at token `e` (a word), going left no further than
/// `lo`: `Tunisia's coach Nabil Maaloul`, `the coffee growers association`.
func backwardNP(_ ts: [Token], _ t: UnsafeBufferPointer<UInt8>, end e: Int, lo: Int) -> (Int, Int)? {
    guard e >= lo, e < ts.count, ts[e].kind == .word else { return nil }
    let head = ts[e]
    if head.is(.pronoun) { return (e, e) }
    if head.is(.determiner) && !head.cap { return nil }
    let nounAfterDet = head.is([.cue, .cueING]) && e > lo && ts[e - 1].kind == .word && ts[e - 1].is(.determiner)
        && !head.is([.auxiliary, .preposition, .conjunction])
    if !head.cap && !nounAfterDet && (head.is(stopForNP) || isAdverb(t, head)) { return nil }
    var first = e
    var k = e - 1
    var lower = head.cap ? 0 : 1
    while k >= lo {
        let tk = ts[k]
        guard tk.kind == .word else {
            if tk.kind == .punct && (tk.ch == 0x2E && k > lo && ts[k - 1].kind == .word) { break }
            break
        }
        if tk.is(.determiner) && !tk.is(.pronoun) { first = k; break }
        if tk.cap {
            if tk.is([.preposition, .conjunction]) && !tk.is(.title) { break }
            if tk.is(.pronoun) { break }
            first = k
            k -= 1
            continue
        }
        if tk.is(.nameJoiner), k - 1 >= lo, ts[k - 1].kind == .word, ts[k - 1].cap, ts[k + 1].cap {
            first = k
            k -= 1
            continue
        }
        if tk.is(stopForNP) || isAdverb(t, tk) { break }
        if lower >= 4 { break }
        lower += 1
        first = k
        k -= 1
    }
    // `… and sugar agreements Peter Baron`: lower-case words before a name
    // that are no title and follow no determiner belong to something else.
    if !ts[first].is(.determiner) && !ts[first].cap, first > lo, ts[first - 1].kind == .word {
        var f = first
        while f < e, !ts[f].cap, !ts[f].is(.title) { f += 1 }
        if f < e || (f == e && ts[e].cap) {
            var hasCap = false
            for q in f...e where ts[q].cap { hasCap = true }
            if hasCap { first = f }
        }
    }
    // `A letter seen by Sky News says`: the agent of a participle is not the subject.
    if first - 3 >= lo, ts[first - 1].kind == .word, ts[first - 1].hash == H.by, ts[first - 2].kind == .word,
        !ts[first - 2].cap, !ts[first - 2].is(stopForNP) || ts[first - 2].is(.cue)
    {
        if let np = backwardNP(ts, t, end: first - 3, lo: lo), ts[np.0].is(.determiner) || ts[np.0].cap {
            return np
        }
    }
    // "his responses in the interview": a phrase after a preposition hangs on
    // the noun before it.
    if first - 2 >= lo, ts[first].is(.determiner), ts[first - 1].kind == .word,
        ts[first - 1].is(.preposition), !ts[first - 1].cap,
        ts[first - 1].hash == H.in_ || ts[first - 1].hash == H.of || ts[first - 1].hash == H.on
            || ts[first - 1].hash == H.at || ts[first - 1].hash == H.from || ts[first - 1].hash == H.during
    {
        if let (f2, _) = backwardNP(ts, t, end: first - 2, lo: lo), ts[f2].is(.determiner) || ts[f2].cap,
            !ts[first - 2].is(.pronoun)
        {
            return (f2, first - 2)
        }
    }
    return (first, e)
}

/// The noun phrase starting at token `s`, no further than `hi` (exclusive):
/// `the Sydney Morning Herald`, `Ambassador Mohib`, `he`.
func forwardNP(_ ts: [Token], _ t: UnsafeBufferPointer<UInt8>, start s: Int, hi: Int) -> (Int, Int)? {
    guard s < hi, s < ts.count, ts[s].kind == .word else { return nil }
    if ts[s].is(.pronoun) { return (s, s) }
    var k = s
    var afterDet = false
    if ts[k].is(.determiner) {
        k += 1
        afterDet = true
        // `…," one said`: a quantifier alone.
        if ts[s].hash == H.one || ts[s].hash == H.another || ts[s].hash == H.some || ts[s].hash == H.both {
            if k >= hi || ts[k].kind != .word || ts[k].is([.cue, .auxiliary]) || ts[k].hash == H.of { return (s, s) }
        }
    }
    var last = -1
    var lower = 0
    var sawNoun = false
    var words = 0
    while k < hi, words < 10 {
        let tk = ts[k]
        if tk.kind == .mark, last == k - 1, ts[last].end == tk.start, tk.ch == 0x27 || tk.ch == 0x2019,
            t[Int(tk.start) - 1] == 0x73, k + 1 < hi, ts[k + 1].kind == .word
        {
            k += 1  // `the Life Insurers' study`
            continue
        }
        guard tk.kind == .word else { break }
        words += 1
        if tk.cap {
            if tk.is(.pronoun) && tk.hash != H.i { break }
            // "Said" ends the phrase, unless a verb follows it (`Omar Said told`).
            if tk.is([.cue, .cueING]) && sawNoun
                && !(k + 1 < hi && ts[k + 1].kind == .word && !ts[k + 1].cap && ts[k + 1].is(.cue))
            {
                break
            }
            last = k
            sawNoun = true
            k += 1
            continue
        }
        if tk.is(.nameJoiner), last >= 0, ts[last].cap, k + 1 < hi, ts[k + 1].kind == .word, ts[k + 1].cap {
            k += 1
            continue
        }
        let nounAfterDet = afterDet && !sawNoun && tk.is([.cue, .cueING])
            && !tk.is([.preposition, .conjunction, .auxiliary])
        if !nounAfterDet && (tk.is(stopForNP) || tk.is(.determiner) || isAdverb(t, tk)) { break }
        if sawNoun && endsWith(t, tk, 0x65, 0x64) { break }  // a verb in -ed
        // `The council met on Monday`: a word after the noun, before a
        // preposition, determiner or pronoun, is its verb.
        if sawNoun, !tk.is(.title), !isPlural(t, tk), k + 1 < hi, ts[k + 1].kind == .word, !ts[k + 1].cap,
            ts[k + 1].is([.preposition, .determiner, .pronoun]) && !ts[k + 1].is([.nameJoiner, .time])
        {
            break
        }
        if lower >= 3 { break }
        lower += 1
        last = k
        sawNoun = true
        k += 1
    }
    return last >= s ? (s, last) : nil
}

/// Extends the noun phrase ending at `e` over up to two prepositional
/// phrases (`a statement from the company`, `the head of the agency`).
func extendPP(_ ts: [Token], _ t: UnsafeBufferPointer<UInt8>, _ e: Int, hi: Int) -> Int {
    var last = e
    var j = e + 1
    var n = 0
    while n < 2, j < hi, ts[j].kind == .word, !ts[j].cap,
        ts[j].hash == H.of || ts[j].hash == H.for_ || ts[j].hash == H.at || ts[j].hash == H.in_
            || ts[j].hash == H.from || ts[j].hash == H.by,
        let pp = forwardNP(ts, t, start: j + 1, hi: hi), !ts[pp.0].is(.pronoun)
    {
        last = pp.1
        j = pp.1 + 1
        n += 1
    }
    return last
}

/// A comma segment that reads as a name: `Hernan Dario Gomez`, not `Panama coach`.
func nameLike(_ ts: [Token], _ t: UnsafeBufferPointer<UInt8>, from a: Int, to b: Int) -> Bool {
    guard a < b else { return false }
    var words = 0
    var k = a
    while k < b {
        let tk = ts[k]
        if tk.kind == .word {
            if !tk.cap && !tk.is(.nameJoiner) { return false }
            words += 1
        } else if !(tk.kind == .punct && (tk.ch == 0x28 || tk.ch == 0x29 || tk.ch == 0x26 || tk.ch == 0x2D)) {
            return false
        }
        k += 1
    }
    let f = ts[a], l = ts[b - 1]
    if words == 1 {
        // A dateline ("SYDNEY, March 3 -") is no name.
        var upper = true
        for p in Int(f.start)..<Int(f.end) where t[p] >= 0x61 && t[p] <= 0x7A { upper = false; break }
        if upper && f.end - f.start > 2 { return false }
    }
    return words >= 1 && words <= 7 && f.kind == .word && f.cap && !f.is([.preposition, .conjunction, .determiner])
        && !f.is(.pronoun) && l.kind == .word && l.cap
}

extension QuoteAnnotator {
    /// A byte offset at or after `x` where no word is cut.
    @inline(__always)
    func align(_ t: UnsafeBufferPointer<UInt8>, _ x: Int, _ limit: Int) -> Int {
        guard x > 0 else { return 0 }
        var ws = x
        while ws < limit, t[ws] != 0x20, t[ws] != 0x0A { ws += 1 }
        return ws
    }

    /// Brings `toks` to cover the words before `open`: at least `nearWindow`
    /// bytes, tokens older than `window` bytes dropped. Each byte of the text
    /// is tokenized about once, however many quotations there are.
    mutating func slide(_ t: UnsafeBufferPointer<UInt8>, quote i: Int) {
        let open = quotes[i].open
        let near = align(t, max(0, open - Self.nearWindow), open)
        let far = align(t, max(0, open - Self.window), open)
        if tokHi < near || tokHi > open {
            toks.removeAll(keepingCapacity: true)
            tokLo = 0
            tokHi = near
            covStart = near
        }
        if covStart < far {
            while tokLo < toks.count, Int(toks[tokLo].start) < far { tokLo += 1 }
            covStart = far
        }
        if tokLo > 2048, tokLo * 2 > toks.count {
            toks.removeSubrange(0..<tokLo)
            tokLo = 0
        }
        // Earlier quotations in the new stretch: their marks, not their words.
        var j = i - 1
        while j >= 0, quotes[j].open >= tokHi { j -= 1 }
        j += 1
        var from = tokHi
        while j < i {
            let q = quotes[j]
            tokenize(t, from: from, to: q.open + q.openLen, into: &toks, table: table)
            from = q.close
            j += 1
        }
        tokenize(t, from: from, to: open, into: &toks, table: table)
        tokHi = open
    }

    /// Extends `toks` back to `window` bytes before `open`. Token indices
    /// shift: call it before any index is kept.
    mutating func extendBack(_ t: UnsafeBufferPointer<UInt8>, _ open: Int) {
        let far = align(t, max(0, open - Self.window), open)
        guard far < covStart else { return }
        scratch.removeAll(keepingCapacity: true)
        tokenize(t, from: far, to: covStart, into: &scratch, table: table)
        toks.replaceSubrange(0..<tokLo, with: scratch)
        tokLo = 0
        covStart = far
    }

    /// Whether the tokens before the quotation hold at least two sentence
    /// ends (else the window is extended).
    func enoughContext() -> Bool {
        var k = toks.count - 1
        var ends = 0
        while k >= tokLo {
            let tk = toks[k]
            if tk.kind == .newline || tk.isFinal { ends += 1; if ends >= 2 { return true } }
            k -= 1
        }
        return covStart == 0
    }

    /// Whether token `k` can open a sentence.
    @inline(__always)
    func opensSentence(_ k: Int) -> Bool {
        guard k < toks.count else { return true }
        let tk = toks[k]
        switch tk.kind {
        case .mark, .newline: return true
        case .word: return tk.cap || (tk.ch >= 0x30 && tk.ch <= 0x39)
        case .punct: return tk.ch == 0x28 || tk.ch == 0x5B
        }
    }

    /// Walks back from token `end` (exclusive) to the start of its sentence,
    /// jumping over quotations; `outside` gets the indices of the tokens
    /// outside quotations, right to left. Returns the sentence's first token,
    /// the first token after the last quotation in it, and that quotation.
    mutating func walkSentence(end: Int, quote i: Int, cross: Bool) -> (start: Int, clause: Int, prev: Int) {
        outside.removeAll(keepingCapacity: true)
        var k = end - 1
        var j = i - 1
        var clause = -1
        var prev = -1
        var crossed = !cross
        var steps = 0
        while k >= tokLo, steps < 400 {
            steps += 1
            let tk = toks[k]
            switch tk.kind {
            case .mark:
                let p = Int(tk.start)
                while j >= 0, quotes[j].close > p { j -= 1 }
                if j >= 0, quotes[j].close == p {
                    let q = quotes[j]
                    if q.endsFinal, k + 1 == end ? end == toks.count : opensSentence(k + 1) {
                        return (k + 1, clause < 0 ? k + 1 : clause, prev)
                    }
                    if clause < 0 { clause = k + 1 }
                    if prev < 0 { prev = j }
                    while k >= tokLo, Int(toks[k].start) > q.open { k -= 1 }
                    k -= 1
                    continue
                }
                k -= 1
            case .newline:
                if !crossed, k == end - 1, k - 1 >= tokLo,
                    toks[k - 1].isP(UInt8(ascii: ":")) || toks[k - 1].isP(UInt8(ascii: ","))
                        || toks[k - 1].isP(UInt8(ascii: ";"))
                {
                    crossed = true
                    k -= 1
                    continue
                }
                return (k + 1, clause < 0 ? k + 1 : clause, prev)
            case .punct:
                if tk.isFinal, k + 1 == end ? end == toks.count : opensSentence(k + 1) {
                    return (k + 1, clause < 0 ? k + 1 : clause, prev)
                }
                outside.append(k)
                k -= 1
            case .word:
                outside.append(k)
                k -= 1
            }
        }
        let s = max(k + 1, tokLo)
        return (s, clause < 0 ? s : clause, prev)
    }

    /// The cue nearest the end among `outside` tokens: its token, kind and length.
    func findCue(_ t: UnsafeBufferPointer<UInt8>) -> (Int, CueKind, Int)? {
        for idx in outside {
            let tk = toks[idx]
            guard tk.kind == .word else { continue }
            if tk.hash == H.according || (tk.hash == H.in_ && idx + 1 < toks.count && toks[idx + 1].hash == H.the) {
                // `according to`, `in the words of`: the phrase, in the tokens before the quotation.
                let phrase = patterns.phraseCue(t, at: Int(tk.start))
                if phrase == 1, idx + 1 < toks.count { return (idx, .according, 2) }
                if phrase == 2, idx + 3 < toks.count { return (idx, .words, 4) }
            }
            guard !tk.cap, tk.is([.cue, .cueING]) else { continue }
            if idx - 1 >= tokLo {
                let p = toks[idx - 1]
                if p.kind == .word && p.hash == H.to { continue }  // "declined to say"
                if p.kind == .word && p.is(.determiner) && !p.is(.pronoun) {
                    continue  // "the call", "a warning", "the reports"
                }
                // "a blog post": a base form that is also a noun needs a subject before it.
                if tk.is(.cueBase) && !(p.kind == .word && (p.is(.pronoun) || p.cap || isPlural(t, p)))
                {
                    continue
                }
            }
            return (idx, tk.is(.cueING) ? .participle : .finite, 1)
        }
        return nil
    }

    /// The subject of the sentence starting at `s`, before token `limit`:
    /// the first noun phrase that is not an adverbial opening.
    func sentenceSubject(_ t: UnsafeBufferPointer<UInt8>, from s: Int, limit: Int) -> (Int, Int)? {
        var a = s
        var segments = 0
        while a < limit, segments < 4 {
            var b = a
            while b < limit, !(toks[b].isP(UInt8(ascii: ",")) || toks[b].kind == .mark) { b += 1 }
            // `But Smith …`, `As Pelosi put it: …`: a clause word before the subject.
            while a < b, toks[a].kind == .word, toks[a].is(.conjunction),
                !toks[a].is(.preposition) || (a + 1 < b && toks[a + 1].kind == .word && toks[a + 1].cap)
            {
                a += 1
            }
            guard a < b else { a = b + 1; segments += 1; continue }
            let f = toks[a]
            let skip = f.kind != .word || f.is([.preposition, .conjunction, .calendar, .cue, .cueING]) || isAdverb(t, f)
                || (f.cap && endsWith(t, f, 0x65, 0x64))  // `Questioned about it, …`
                || (f.cap && endsWith(t, f, 0x6C, 0x79))
                || (endsWith(t, f, 0x6E, 0x67) && f.cap && !f.is(.title)) || f.hash == H.according
                || (f.cap && f.is(.auxiliary))
            if !skip, let np = forwardNP(toks, t, start: a, hi: b) { return np }
            if b >= limit || toks[b].kind == .mark { break }
            a = b + 1
            segments += 1
        }
        return nil
    }

    /// The subject of the cue at token `c`.
    func subject(
        _ t: UnsafeBufferPointer<UInt8>, cue c: Int, kind: CueKind, len: Int,
        sentence s: Int, clause: Int, end: Int, prev: Int = -1
    ) -> (Int, Int)? {
        switch kind {
        case .according, .words:
            guard let np = forwardNP(toks, t, start: c + len, hi: end) else { return nil }
            return (np.0, extendPP(toks, t, np.1, hi: end))
        case .participle:
            var k = c - 1
            while k >= s, isAdverb(t, toks[k]) { k -= 1 }
            if k >= clause, toks[k].kind == .word, !toks[k].is([.preposition, .conjunction, .cue]) {
                if let np = backwardNP(toks, t, end: k, lo: clause) { return np }
            }
            // `…," he said, adding that "…"`: the speaker of the quotation before.
            if prev >= 0, quotes[prev].speaker != nil { return nil }
            return sentenceSubject(t, from: s, limit: c)
        case .finite:
            var k = c - 1
            while k >= s {
                let w = toks[k]
                guard w.kind == .word else { break }
                if isAdverb(t, w) || (w.is(.auxiliary) && !w.cap) { k -= 1; continue }
                // `Pelosi on Thursday said`, `Smith last week told`
                if w.is([.calendar, .time]) {
                    k -= 1
                    while k >= s, toks[k].kind == .word, !toks[k].cap,
                        toks[k].is([.preposition, .time]) || toks[k].is(.determiner)
                    {
                        k -= 1
                    }
                    continue
                }
                break
            }
            if k < clause || (k == clause && toks[k].kind == .punct) || toks[k].kind == .mark {
                // Inverted: `…," said Ambassador Mohib`.
                if let np = forwardNP(toks, t, start: c + 1, hi: end) { return np }
                return nil
            }
            let tk = toks[k]
            if tk.kind == .punct && tk.ch == 0x29 {  // `Sen. X (R-S.C.) said`
                var p = k - 1
                while p > s, p > k - 14, !toks[p].isP(UInt8(ascii: "(")) { p -= 1 }
                if p > s, toks[p].isP(UInt8(ascii: "(")) { return backwardNP(toks, t, end: p - 1, lo: clause) }
                return nil
            }
            if tk.kind == .word {
                if tk.is(.pronoun) { return (k, k) }
                if tk.hash == H.and || tk.hash == H.but {
                    return sentenceSubject(t, from: s, limit: c)
                }
                let noun = tk.is([.cue, .cueING]) && k > clause && toks[k - 1].kind == .word
                    && toks[k - 1].is(.determiner) && !tk.is([.auxiliary, .preposition, .conjunction])
                if !tk.is(stopForNP) || noun {
                    guard let np = backwardNP(toks, t, end: k, lo: clause) else { return nil }
                    // `Paul Lego, senior vice president told`: a bare role after a comma.
                    var named = false
                    for q in np.0...np.1 where toks[q].cap || toks[q].is(.determiner) { named = true }
                    if !named, np.0 - 1 > clause, toks[np.0 - 1].isP(UInt8(ascii: ",")),
                        let better = commaSubject(t, comma: np.0 - 1, lo: clause, namedOnly: true), toks[better.0].cap
                    {
                        return better
                    }
                    return np
                }
                return nil
            }
            if tk.isP(UInt8(ascii: ",")) { return commaSubject(t, comma: k, lo: clause) }
            return nil
        }
    }

    /// `Hernan Dario Gomez, Panama coach, said`: the nearest comma segment
    /// that reads as a name, else the first one that can be a subject.
    func commaSubject(_ t: UnsafeBufferPointer<UInt8>, comma: Int, lo: Int, namedOnly: Bool = false) -> (Int, Int)? {
        var segEnd = comma
        var farthest: (Int, Int)? = nil
        var named: (Int, Int)? = nil
        var n = 0
        while n < 6 {
            var s = segEnd - 1
            while s >= lo {
                let tk = toks[s]
                if tk.isP(UInt8(ascii: ",")) || tk.kind == .mark || tk.kind == .newline
                    || tk.isP(UInt8(ascii: ";")) || tk.isP(UInt8(ascii: ":"))
                {
                    break
                }
                s -= 1
            }
            let a = s + 1
            if a < segEnd {
                if nameLike(toks, t, from: a, to: segEnd) {
                    named = (a, segEnd)
                }
                let f = toks[a]
                if f.kind == .word && !f.is([.preposition, .conjunction]) && !isAdverb(t, f)
                    && !(endsWith(t, f, 0x6E, 0x67) && !f.is(.title))
                {
                    farthest = (a, segEnd)
                }
            }
            if s < lo || !toks[s].isP(UInt8(ascii: ",")) { break }
            segEnd = s
            n += 1
        }
        if let (a, b) = named, let np = backwardNP(toks, t, end: b - 1, lo: a) { return np }
        if namedOnly { return nil }
        if let (a, b) = farthest {
            if toks[b - 1].kind == .word, let np = backwardNP(toks, t, end: b - 1, lo: a), np.0 == a || toks[np.0].cap {
                return np
            }
            return forwardNP(toks, t, start: a, hi: b)
        }
        return nil
    }

    /// The attribution right after quotation `i`: (speaker, cue, strong).
    mutating func afterAttribution(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Found, Bool)? {
        let q = quotes[i]
        let start = q.end
        var end = min(t.count, start + Self.afterWindow)
        if end < t.count {
            while end > start, t[end] != 0x20 { end -= 1 }
        }
        // The attribution is in the same paragraph.
        var nl = start
        while nl < end, t[nl] != 0x0A { nl += 1 }
        end = nl
        after.removeAll(keepingCapacity: true)
        tokenize(t, from: start, to: end, into: &after, maxTokens: 30, table: table)
        let n = after.count
        var k = 0
        var comma = false
        guard n > 0 else { return nil }
        var dash = false
        if after[0].isP(UInt8(ascii: ",")) { comma = true; k = 1 } else if after[0].kind == .punct,
            isDashScalar(after[0].ch) || after[0].ch == 0x2D
        {
            k = 1
            dash = true
        }
        guard k < n, after[k].kind == .word else { return nil }
        // `"…" — Rick Santorum`: a credit after a dash, ending the line.
        if dash, after[k].cap, let np = forwardNP(after, t, start: k, hi: n), !after[np.0].is(.pronoun),
            np.1 + 1 >= n || after[np.1 + 1].kind == .newline
                || (after[np.1 + 1].isP(UInt8(ascii: ",")) && np.1 + 2 < n && after[np.1 + 2].kind == .word
                    && !after[np.1 + 2].cap)
        {
            var f = Found()
            f.first = np.0
            f.last = np.1
            f.speaker = Int(after[np.0].start)..<Int(after[np.1].end)
            return (f, true)
        }
        let strong = comma || q.endsClause
        var found = Found()
        var tail = -1  // the token after the pattern
        let w = after[k]
        if w.hash == H.according, k + 1 < n, patterns.phraseCue(t, at: Int(w.start)) == 1 {
            guard let np = forwardNP(after, t, start: k + 2, hi: n) else { return nil }
            found.cue = Int(w.start)..<Int(after[k + 1].end)
            found.first = np.0; found.last = extendPP(after, t, np.1, hi: n)
            tail = found.last + 1
        } else if w.is(.cue) && !w.is(.cueING) && !w.cap {
            // `…," said Ambassador Mohib`
            guard let np = forwardNP(after, t, start: k + 1, hi: n) else { return nil }
            found.cue = w.range
            found.first = np.0; found.last = np.1
            if !after[np.0].is(.pronoun) && !after[np.0].cap { found.last = extendPP(after, t, np.1, hi: n) }
            tail = found.last + 1
        } else {
            guard let np = forwardNP(after, t, start: k, hi: min(n, k + 12)) else { return nil }
            var j = np.1 + 1
            var last = np.1
            // `the secretary general of the OECD`: prepositional phrases.
            var pps = 0
            while pps < 2, j < n, after[j].kind == .word, !after[j].cap,
                after[j].hash == H.of || after[j].hash == H.for_ || after[j].hash == H.at || after[j].hash == H.in_
                    || after[j].hash == H.from || after[j].hash == H.with,
                let pp = forwardNP(after, t, start: j + 1, hi: n)
            {
                last = pp.1
                j = pp.1 + 1
                pps += 1
            }
            if j < n, after[j].isP(UInt8(ascii: "(")) {
                var p = j + 1
                while p < n, p < j + 14, !after[p].isP(UInt8(ascii: ")")) { p += 1 }
                guard p < n, after[p].isP(UInt8(ascii: ")")) else { return nil }
                j = p + 1
                // `a Ministry of Trade (MITI) official said`
                var heads = 0
                while heads < 2, j < n, after[j].kind == .word, !after[j].cap, after[j].is(.title) {
                    last = j
                    j += 1
                    heads += 1
                }
            }
            var appositives = 0
            while appositives < 4, j < n, after[j].isP(UInt8(ascii: ",")), !after[np.0].is(.pronoun) {
                // `Jane Doe, a spokeswoman for the ministry, said`
                var p = j + 1
                while p < n, p < j + 22, !after[p].isP(UInt8(ascii: ",")), after[p].kind != .mark,
                    !after[p].isFinal
                {
                    p += 1
                }
                guard p < n, after[p].isP(UInt8(ascii: ",")) else { return nil }
                j = p + 1
                appositives += 1
            }
            while j < n, isAdverb(t, after[j]) || (after[j].is(.auxiliary) && !after[j].cap) { j += 1 }
            guard j < n, after[j].kind == .word, after[j].is(.cue), !after[j].is(.cueING), !after[j].cap else {
                return nil
            }
            if !strong {
                // After a full stop the words must read as an attribution.
                let f = after[np.0]
                guard f.is(.pronoun) || f.cap else { return nil }
            }
            found.cue = after[j].range
            found.first = np.0; found.last = last
            tail = j + 1
        }
        if !strong, tail < n {
            let x = after[tail]
            if x.kind == .mark || x.isP(UInt8(ascii: ":")) || (x.kind == .word && x.hash == H.that) { return nil }
            if x.isP(UInt8(ascii: ",")), tail + 1 < n, after[tail + 1].kind == .mark { return nil }
        }
        found.speaker = Int(after[found.first].start)..<Int(after[found.last].end)
        found.pronoun = found.first == found.last && after[found.first].is(.pronoun)
        return (found, strong)
    }

    /// Attributes quotation `i`: sets its speaker, cue and name.
    mutating func attribute(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) {
        let aft = afterAttribution(t, i)
        if let (f, strong) = aft, strong {
            // `"…," X said`: the words before are needed only to resolve a pronoun.
            quotes[i].attributed = true
            apply(f, to: i)
            if f.pronoun { slide(t, quote: i) }
            resolve(t, i)
            return
        }
        slide(t, quote: i)
        if !enoughContext() { extendBack(t, quotes[i].open) }
        let q = quotes[i]
        guard q.words >= 4
            || (q.words >= 2 && (q.endsFinal || q.endsClause) && !q.titleCase
                && isUppercaseScalar(decodeScalar(t, q.inner.lowerBound).0))
        else { return }
        let end = toks.count
        let (s, clause, prev) = walkSentence(end: end, quote: i, cross: true)
        if let (c, kind, len) = findCue(t) {
            let inClause = c >= clause
            if !inClause, prev >= 0, quotes[prev].speaker != nil {
                copySpeaker(from: prev, to: i)
                return
            }
            var lo = s
            var m = c - 1
            while m >= s { if toks[m].kind == .mark { lo = m + 1; break }; m -= 1 }
            if let np = subject(t, cue: c, kind: kind, len: len, sentence: s, clause: inClause ? clause : lo, end: end, prev: prev) {
                quotes[i].speaker = Int(toks[np.0].start)..<Int(toks[np.1].end)
                quotes[i].speakerIsPronoun = np.0 == np.1 && toks[np.0].is(.pronoun)
                quotes[i].cue = Int(toks[c].start)..<Int(toks[c + len - 1].end)
                resolve(t, i)
                return
            }
            if kind == .participle || kind == .finite, prev >= 0, quotes[prev].speaker != nil {
                copySpeaker(from: prev, to: i)
                quotes[i].cue = Int(toks[c].start)..<Int(toks[c + len - 1].end)
                return
            }
        }
        if let (f, _) = aft {
            apply(f, to: i)
            resolve(t, i)
            return
        }
        // `Economists at the bank were blunter in a newsletter: "…"`: a colon
        // with no reporting verb; the sentence's subject, without a cue.
        if end - 1 > s, toks[end - 1].isP(UInt8(ascii: ":")), prev < 0,
            let np = sentenceSubject(t, from: s, limit: end - 1), toks[np.0].cap || toks[np.0].is(.determiner)
        {
            let last = extendPP(toks, t, np.1, hi: end - 1)
            quotes[i].speaker = Int(toks[np.0].start)..<Int(toks[last].end)
            quotes[i].speakerIsPronoun = np.0 == np.1 && toks[np.0].is(.pronoun)
            resolve(t, i)
            return
        }
        if prev >= 0, quotes[prev].speaker != nil {
            copySpeaker(from: prev, to: i)
            return
        }
        // The quotation opens its sentence: look at the sentence before.
        guard clause == end, s > tokLo else { return }
        let prevEnd = toks[s - 1].kind == .mark ? s : s - 1
        guard prevEnd > tokLo else { return }
        // Only the paragraph before, not further.
        let (s2, _, prev2) = walkSentence(end: prevEnd, quote: i, cross: false)
        if prev2 >= 0 {
            // The last quotation of that sentence with a speaker.
            var j = prev2
            while j >= 0, quotes[j].open >= Int(toks[s2].start) {
                if quotes[j].speaker != nil { copySpeaker(from: j, to: i); return }
                j -= 1
            }
        }
        if let (c, kind, len) = findCue(t),
            let np = subject(t, cue: c, kind: kind, len: len, sentence: s2, clause: s2, end: prevEnd)
        {
            quotes[i].speaker = Int(toks[np.0].start)..<Int(toks[np.1].end)
            quotes[i].speakerIsPronoun = np.0 == np.1 && toks[np.0].is(.pronoun)
            quotes[i].cue = Int(toks[c].start)..<Int(toks[c + len - 1].end)
            resolve(t, i)
        }
    }

    mutating func apply(_ f: Found, to i: Int) {
        quotes[i].speaker = f.speaker
        quotes[i].speakerIsPronoun = f.pronoun
        quotes[i].cue = f.cue
    }

    mutating func copySpeaker(from j: Int, to i: Int) {
        quotes[i].speaker = quotes[j].speaker
        quotes[i].speakerIsPronoun = quotes[j].speakerIsPronoun
        quotes[i].name = quotes[j].name
    }
}
