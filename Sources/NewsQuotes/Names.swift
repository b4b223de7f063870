// Names: the core of a speaker phrase ("Nabil Maaloul" in "Tunisia's coach
// Nabil Maaloul"), its fullest earlier form ("Cres Eastman" for "Professor
// Eastman"), and the person a pronoun speaker stands for.

extension QuoteAnnotator {
    /// The name inside the speaker phrase `r`: its last run of capitalized
    /// words after any title. Nil for "the ministry". Uses `scratch`.
    mutating func coreName(_ t: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (Range<Int>, Bool)? {
        scratch.removeAll(keepingCapacity: true)
        tokenize(t, from: r.lowerBound, to: r.upperBound, into: &scratch, table: table)
        var e = scratch.count - 1
        while e >= 0, !(scratch[e].kind == .word && scratch[e].cap)
            || scratch[e].is([.determiner, .pronoun, .preposition, .conjunction, .calendar])
        {
            e -= 1
        }
        guard e >= 0 else { return nil }
        // "Standard's" names an owner, not the speaker.
        let eEnd = Int(scratch[e].end)
        if eEnd - Int(scratch[e].start) > 2, t[eEnd - 1] == 0x73, t[eEnd - 2] == 0x27 || t[eEnd - 2] == 0x99 {
            return nil
        }
        var s = e
        var org = scratch[e].is(.organisation)
        var k = e - 1
        while k >= 0 {
            let tk = scratch[k]
            guard tk.kind == .word else { break }
            if tk.is(.title) || tk.is(.determiner) { break }
            if tk.cap {
                // A possessive ends the name before it: "Tunisia's coach".
                let end = Int(tk.end)
                if end - Int(tk.start) > 2, t[end - 1] == 0x73, t[end - 2] == 0x27 || t[end - 2] == 0x99 { break }
                if tk.is(.organisation) { org = true }
                s = k
                k -= 1
                continue
            }
            if tk.is(.nameJoiner), tk.hash != H.of, tk.hash != H.and, tk.hash != H.for_, k > 0, scratch[k - 1].cap {
                k -= 1
                continue
            }
            break
        }
        if scratch[s].is(.title) { return nil }
        if s == e, scratch[e].is(.title) { return nil }
        // A person's name has lower-case letters ("BOGOTA" is a dateline) and
        // is no month or weekday.
        var lowerSeen = false
        var p = Int(scratch[s].start)
        while p < Int(scratch[e].end) { let b = t[p]; if b >= 0x61 && b <= 0x7A { lowerSeen = true; break }; p += 1 }
        var calendar = false
        for q in s...e where scratch[q].is(.calendar) { calendar = true }
        if calendar && s == e { return nil }
        let person = !org && lowerSeen && !calendar
        return (Int(scratch[s].start)..<Int(scratch[e].end), person)
    }

    /// The fullest earlier form of a one-word name in the window before the
    /// quotation: "Cres Eastman" for "Eastman".
    func fullest(_ t: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
        // Only one-word names need it.
        var k = r.lowerBound
        while k < r.upperBound { if t[k] == 0x20 { return r }; k += 1 }
        let len = r.count
        var i = toks.count - 1
        while i > tokLo {
            let tk = toks[i]
            if tk.kind == .word, tk.cap, Int(tk.end) - Int(tk.start) == len, Int(tk.start) != r.lowerBound,
                memcmpEqual(t, Int(tk.start), r.lowerBound, len)
            {
                var s = i
                var p = i - 1
                while p >= tokLo {
                    let w = toks[p]
                    guard w.kind == .word, w.cap, !w.is(.title), !w.is(.determiner), !w.is(.pronoun),
                        !w.is([.preposition, .conjunction, .auxiliary])
                    else { break }
                    let we = Int(w.end)
                    if we - Int(w.start) > 2, t[we - 1] == 0x73, t[we - 2] == 0x27 || t[we - 2] == 0x99 { break }
                    s = p
                    p -= 1
                }
                if s < i { return Int(toks[s].start)..<Int(tk.end) }
            }
            i -= 1
        }
        return r
    }

    /// Sets `quotes[i].name`: a pronoun's referent, or a name's fullest form.
    mutating func resolve(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) {
        guard let sp = quotes[i].speaker else { return }
        if !quotes[i].speakerIsPronoun {
            // Its fullest form is looked up only when a pronoun refers to it.
            if let (core, person) = coreName(t, sp) {
                quotes[i].name = core
                quotes[i].nameIsPerson = person
            } else {
                quotes[i].name = sp  // "the ministry"
                quotes[i].nameIsPerson = false
            }
            return
        }
        let h = wordHash(t, sp)
        if h == H.you { return }  // the reader, or an audience
        let personal = h == H.he || h == H.she || h == H.i
        let thing = h == H.it
        // The speaker of an earlier quotation nearby, unless a sentence
        // between it and the pronoun names someone.
        var j = i - 1
        var earlier = -1
        while j >= 0, quotes[i].open - quotes[j].end < Self.window {
            if quotes[j].speaker != nil, quotes[j].name != nil, !personal || quotes[j].nameIsPerson,
                !thing || !quotes[j].nameIsPerson
            {
                earlier = j
                break
            }
            j -= 1
        }
        let earlierPos = earlier >= 0 ? quotes[earlier].speaker!.lowerBound : -1
        // First in the words already tokenized; then, if need be, further back.
        for pass in 0..<2 {
            if pass == 1 {
                let before = covStart
                extendBack(t, quotes[i].open)
                if covStart == before { break }
            }
            let r = lookBack(t, i, personal: personal, thing: thing, earlierPos: earlierPos, earlier: earlier)
            if r > 0 { return }
            if r < 0 { break }
        }
        if earlier >= 0, let n = quotes[earlier].name {
            quotes[i].name = quotes[earlier].speakerIsPronoun ? n : fullest(t, n)
            quotes[i].nameIsPerson = quotes[earlier].nameIsPerson
        }
    }

    /// Walks back sentence by sentence for a pronoun's referent: 1 when
    /// found, -1 when the earlier speaker is nearer, 0 when the words ran out.
    mutating func lookBack(
        _ t: UnsafeBufferPointer<UInt8>, _ i: Int, personal: Bool, thing: Bool, earlierPos: Int, earlier: Int
    ) -> Int {
        var end = toks.count
        var tries = 0
        while tries < 6, end > tokLo {
            tries += 1
            let (s, _, _) = walkSentence(end: end, quote: i, cross: false)
            if earlier >= 0, s < toks.count, Int(toks[s].start) <= earlierPos { return -1 }
            var fromCue: (Int, Int)? = nil
            var fromSubject: (Int, Int)? = nil
            if s < end, let (c, kind, len) = findCue(t) {
                fromCue = subject(t, cue: c, kind: kind, len: len, sentence: s, clause: s, end: end)
            }
            if s < end { fromSubject = sentenceSubject(t, from: s, limit: end) }
            for n in 0..<2 {
                guard let np = n == 0 ? fromCue : fromSubject, !toks[np.0].is(.pronoun) else { continue }
                let phrase = Int(toks[np.0].start)..<Int(toks[np.1].end)
                if !personal {
                    // "it", "they", "we": a body ("China's foreign ministry") as written.
                    let person = coreName(t, phrase)?.1 ?? false
                    if thing && person { continue }
                    if toks[np.0].cap || toks[np.0].is(.determiner) {
                        quotes[i].name = phrase
                        quotes[i].nameIsPerson = person
                        return 1
                    }
                    continue
                }
                if let (core, person) = coreName(t, phrase), person {
                    // A lone capitalized word opening a sentence is a weak clue
                    // for "he" or "she" unless a title goes with it.
                    let oneWord = !core.contains { t[$0] == 0x20 }
                    let full = fullest(t, core)
                    if personal && n == 1 && oneWord && np.0 == s && full == core { continue }
                    quotes[i].name = full
                    quotes[i].nameIsPerson = person
                    return 1
                }
            }
            guard s > tokLo else { break }
            end = toks[s - 1].kind == .mark ? s : s - 1
            if end <= tokLo { break }
        }
        return 0
    }
}

@inline(__always)
func memcmpEqual(_ t: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ n: Int) -> Bool {
    var k = 0
    while k < n {
        if t[a + k] != t[b + k] { return false }
        k += 1
    }
    return true
}
