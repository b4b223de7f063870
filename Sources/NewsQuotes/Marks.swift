// Finding quotation marks and pairing them.
//
// One byte scan finds every quotation-mark character with what stands on
// either side of it (which says whether it can open or close) and its
// paragraph, and pairs it at once with a stack no deeper than `maxDepth`:
// no list of marks is kept, so memory does not grow with the number of
// marks. A closed pair inside a still-open one waits in `pending` until the
// outer one closes (then it is nested and dropped) or is given up (then it
// is reported). Work is linear in the number of marks whatever the input.

import NewsCore

/// One quotation-mark character in the text.
struct Mark {
    var pos: Int32
    var len: UInt8
    var family: Family
    var shape: Shape
    var canOpen: Bool
    var canClose: Bool
    /// The character itself (guillemets pair by direction).
    var ch: UInt32
    var para: Int32
    /// The mark is the first thing in its paragraph.
    var atParaStart: Bool
}

/// An opening mark on the pairing stack.
struct Opening {
    var mark: Mark
    /// The first entry of `pending` closed inside this opening.
    var pendingStart: Int32
    /// A double-mark quotation closed inside this one.
    var holdsDouble = false
}

/// A closed pair waiting for its enclosing openings to be decided.
struct Pair {
    var open: Int32
    var close: Int32
    var openLen: UInt8
    var closeLen: UInt8
    var family: Family
}

let maxDepth = 4
/// How many closed pairs may wait on the openings around them.
let maxPending = 4096

extension QuoteAnnotator {
    /// Finds and pairs the quotation marks of `t`; each outermost quotation
    /// is handed to `settle` as soon as it is known.
    mutating func scanMarks(
        _ t: UnsafeBufferPointer<UInt8>, _ offsets: inout OffsetMap, _ out: inout JSONWriter
    ) {
        stack.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
        curPara = 0
        let n = t.count
        var i = 0
        var para: Int32 = 0
        let base = UnsafeRawPointer(t.baseAddress)
        while i < n {
            // Eight bytes at a time while none is " ' LF or non-ASCII.
            if let base {
                while i + 8 <= n {
                    let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if (w & 0x8080_8080_8080_8080) | hasByte(w, 0x22) | hasByte(w, 0x27) | hasByte(w, 0x0A) != 0 {
                        break
                    }
                    i += 8
                }
                if i >= n { break }
            }
            let b = t[i]
            // Most bytes are none of " ' LF or a lead byte of a mark or a separator.
            if b < 0x80 {
                if b != 0x22 && b != 0x27 && b != 0x0A { i += 1; continue }
                if b == 0x0A {
                    if !blankBefore(t, i) { para += 1 }
                    i += 1
                    continue
                }
                if let m = addMark(t, i, 1, b == 0x22 ? .double : .single, .straight, UInt32(b), para, blankBefore(t, i)) {
                    pair(t, m, &offsets, &out)
                }
                i += 1
                continue
            }
            if b == 0xC2, i + 1 < n {
                let c = t[i + 1]
                if c == 0xAB || c == 0xBB {
                    if let m = addMark(t, i, 2, .guillemet, c == 0xAB ? .left : .right, UInt32(c), para, blankBefore(t, i)) {
                        pair(t, m, &offsets, &out)
                    }
                } else if c == 0x85 {
                    para += 1
                }
                i += 2
                continue
            }
            if (b == 0xE2 || b == 0xE3 || b == 0xEF), i + 2 < n {
                let (c, _) = decodeScalar(t, i)
                if c == 0x2028 || c == 0x2029 {
                    para += 1
                } else if let (family, shape) = markKind(c),
                    let m = addMark(t, i, 3, family, shape, c, para, blankBefore(t, i))
                {
                    pair(t, m, &offsets, &out)
                }
                i += 3
                continue
            }
            i += 1
        }
        // Openings left at the end are given up.
        stack.removeAll(keepingCapacity: true)
        flushPending(t, &offsets, &out)
    }

    /// Nonzero when some byte of `w` equals `b` (`w` is ASCII).
    @inline(__always)
    private func hasByte(_ w: UInt64, _ b: UInt8) -> UInt64 {
        let v = w ^ (0x0101_0101_0101_0101 &* UInt64(b))
        return (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }

    /// Whether only spaces stand between the start of the line and byte `i`.
    @inline(__always)
    private func blankBefore(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        var j = i - 1
        while j >= 0 {
            let b = t[j]
            if b == 0x0A { return true }
            if b != 0x20 && b != 0x09 && b != 0x0D { return false }
            j -= 1
        }
        return true
    }

    @inline(__always)
    private func addMark(
        _ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ len: Int, _ family: Family, _ shape: Shape,
        _ ch: UInt32, _ para: Int32, _ atStart: Bool
    ) -> Mark? {
        let prev = classBefore(t, i)
        let next = classAt(t, i + len)
        let prevPunct = prev == .punct || prev == .opening || prev == .mark
        let nextPunct = next == .punct || next == .mark
        // Flanking as CommonMark defines it for emphasis delimiters.
        let leftFlank = next != .space && (!nextPunct || prev == .space || prevPunct)
        let rightFlank = prev != .space && (!prevPunct || next == .space || nextPunct || next == .opening)
        var canOpen = leftFlank && prev != .word
        var canClose = rightFlank && next != .word
        switch family {
        case .double:
            switch shape {
            case .straight:
                if !canOpen && !canClose { canOpen = true; canClose = true }
            case .left:
                // “ opens; used after a word and before a space it closes („…“ or a slip).
                if canOpen { canClose = false } else if canClose { canOpen = false } else { canOpen = true }
            case .right:
                if canClose { canOpen = false } else if canOpen { canClose = false } else { canClose = true }
            case .low:
                canOpen = true; canClose = false
            }
        case .single:
            if prev == .word && next == .word { return nil }  // an apostrophe: don't, Tunisia's
            switch shape {
            case .straight, .left, .low:
                if canOpen && !canClose && isElision(t, i + len) { return nil }
                if shape == .low { canClose = false }
                if shape == .left && !canOpen { return nil }
            case .right:
                if canOpen && !canClose { return nil }  // ’90s, ’em: an apostrophe
            }
            if !canOpen && !canClose { return nil }
            if canClose && !canOpen && shape != .low && isPluralPossessive(t, i, len) { return nil }
            if canOpen && canClose { return nil }  // ' between two spaces or two punctuation marks
        case .guillemet, .singleGuillemet:
            // « … » (French, with or without inner spaces) or » … « (German).
            if shape == .left {
                if prev == .word && next != .word { canOpen = false; canClose = true } else { canOpen = true; canClose = false }
            } else {
                if next == .word && prev != .word { canOpen = true; canClose = false } else { canOpen = false; canClose = true }
            }
        case .corner, .whiteCorner:
            canOpen = shape == .left
            canClose = shape == .right
        }
        return Mark(
            pos: Int32(i), len: UInt8(len), family: family, shape: shape, canOpen: canOpen,
            canClose: canClose, ch: ch, para: para, atParaStart: atStart)
    }

    /// Whether the single mark at `i`, after a word in -s, is the apostrophe
    /// of a plural possessive inside an open single-mark quotation (`'The
    /// players' union wants more,' he said`): a lower-case word follows that
    /// is no function word or verb of saying (`'Fix the roads' say
    /// residents` closes), and a closing mark follows on the same line
    /// within a short stretch, before any opening one.
    private func isPluralPossessive(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ len: Int) -> Bool {
        guard i > 0, t[i - 1] | 0x20 == 0x73, i + len + 1 < t.count, t[i + len] == 0x20 else { return false }
        let w = i + len + 1
        guard t[w] &- 0x61 < 26 else { return false }
        guard stack.contains(where: { $0.mark.family == .single }) else { return false }
        var e = w
        while e < t.count, e - w < 16, t[e] &- 0x61 < 26 { e += 1 }
        if e - w >= 16 { return false }
        let cls = table[wordHash(t, w..<e)]
        if !cls.isDisjoint(with: [
            .cue, .cueING, .cueBase, .determiner, .pronoun, .preposition, .conjunction, .auxiliary, .nonNominal,
            .minor,
        ]) {
            return false
        }
        // A closing single mark ahead: after a non-space, before no word character.
        let limit = min(t.count, e + 300)
        var k = e
        while k < limit {
            let b = t[k]
            if b == 0x0A { return false }
            var ml = 0
            if b == 0x27 {
                ml = 1
            } else if b == 0xE2, k + 2 < t.count, t[k + 1] == 0x80, t[k + 2] == 0x99 {
                ml = 3
            }
            if ml > 0 {
                let before = classBefore(t, k), after = classAt(t, k + ml)
                if before != .space && after != .word { return true }
                // Another opening mark first: this one closed the quotation.
                if before != .word && after == .word { return false }
                k += ml
                continue
            }
            k += 1
        }
        return false
    }

    /// Whether the word after a leading apostrophe is an elision ('90s, 'em, 'n').
    private func isElision(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i < t.count else { return false }
        let b = t[i]
        if b >= 0x30 && b <= 0x39 { return true }  // '90s, '08
        var j = i
        while j < t.count, j - i < 8, classAt(t, j) == .word { j += 1 }
        switch wordHash(t, i..<j) {
        case Self.hEm, Self.hN, Self.hTil, Self.hCause, Self.hTis, Self.hTwas, Self.hBout, Self.hRound, Self.hNuff:
            return true
        default:
            return false
        }
    }

    static let hEm: UInt64 = 0x088e3707b53944f7  // em
    static let hN: UInt64 = 0xaf63e34c8601f871  // n
    static let hTil: UInt64 = 0x56f2d419445fb256  // til
    static let hCause: UInt64 = 0xb733af3b0d745380  // cause
    static let hTis: UInt64 = 0x56f2cf19445fa9d7  // tis
    static let hTwas: UInt64 = 0x751c25ef5fd23d1c  // twas
    static let hBout: UInt64 = 0xcd1ad89bc69dbf7f  // bout
    static let hRound: UInt64 = 0x311418469f09741b  // round
    static let hNuff: UInt64 = 0x5bbdeeba529e36a8  // nuff

    /// Whether the closing mark `c` closes the opening mark `o`.
    @inline(__always)
    func closes(_ c: Mark, _ o: Mark) -> Bool {
        guard c.family == o.family else { return false }
        switch c.family {
        case .guillemet, .singleGuillemet: return c.ch != o.ch
        default: return true
        }
    }

    /// Drops the openings from stack entry `d` on, unclosed; when none is
    /// left, the pairs waiting on them are outermost.
    @inline(__always)
    mutating func giveUp(
        from d: Int, _ t: UnsafeBufferPointer<UInt8>, _ offsets: inout OffsetMap, _ out: inout JSONWriter
    ) {
        stack.removeSubrange(d...)
        if stack.isEmpty && !pending.isEmpty { flushPending(t, &offsets, &out) }
    }

    /// Settles every pair waiting in `pending` (no opening is left around them).
    mutating func flushPending(_ t: UnsafeBufferPointer<UInt8>, _ offsets: inout OffsetMap, _ out: inout JSONWriter) {
        var k = 0
        while k < pending.count {
            settle(t, pending[k], &offsets, &out)
            k += 1
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Pairs mark `m` with the openings on the stack.
    mutating func pair(
        _ t: UnsafeBufferPointer<UInt8>, _ m: Mark, _ offsets: inout OffsetMap, _ out: inout JSONWriter
    ) {
        if m.para != curPara {
            // A paragraph ends with a quotation open: it goes on only if the
            // next paragraph opens with the same kind of mark, or has no
            // opening mark before a closing one (rule 3); else drop it.
            if let bottom = stack.first {
                let o = bottom.mark
                if m.para == curPara + 1, m.atParaStart, m.canOpen, m.family == o.family,
                    m.family == .double || m.ch == o.ch || m.shape == .straight
                {
                    if stack.count > 1 { giveUp(from: 1, t, &offsets, &out) }
                    curPara = m.para
                    return
                } else if m.para == curPara + 1, m.canClose, !m.canOpen, closes(m, o) {
                    if stack.count > 1 { giveUp(from: 1, t, &offsets, &out) }
                } else {
                    giveUp(from: 0, t, &offsets, &out)
                }
            }
            curPara = m.para
        }
        if m.canClose {
            var d = stack.count - 1
            while d >= 0 {
                if closes(m, stack[d].mark) { break }
                d -= 1
            }
            if d >= 0 {
                let o = stack[d]
                // Single marks around a whole double-mark quotation are
                // more likely apostrophes than an outer quotation.
                if m.family == .single && o.holdsDouble && d == 0 {
                    giveUp(from: 0, t, &offsets, &out)
                    return
                }
                if m.family == .double, d > 0 { stack[d - 1].holdsDouble = true }
                // Pairs closed inside this one are nested in it.
                pending.removeSubrange(Int(o.pendingStart)...)
                stack.removeSubrange(d...)
                let p = Pair(
                    open: o.mark.pos, close: m.pos, openLen: o.mark.len, closeLen: m.len, family: o.mark.family)
                if stack.isEmpty {
                    settle(t, p, &offsets, &out)
                } else if hasWord(t, p) {
                    pending.append(p)
                    // An opening mark holding this many quotations is taken as
                    // unclosed, so what waits on it stays small.
                    if pending.count >= maxPending { giveUp(from: 0, t, &offsets, &out) }
                }
                return
            }
        }
        if m.canOpen {
            // A clear opening mark while the same family is open: the open
            // one lost its closing mark; start again here.
            if !m.canClose, m.family == .double {
                var d = stack.count - 1
                while d >= 0 {
                    if stack[d].mark.family == .double { giveUp(from: d, t, &offsets, &out); break }
                    d -= 1
                }
            }
            if stack.count < maxDepth {
                stack.append(Opening(mark: m, pendingStart: Int32(pending.count)))
            }
        } else if m.family == .double, m.shape == .straight,
            !stack.contains(where: { $0.mark.family == .double })
        {
            // A straight mark that looks like a closing one but has nothing
            // to close opens (`said," [Warhol] liked`); unclosed, it is
            // dropped at the paragraph end.
            if stack.count < maxDepth {
                stack.append(Opening(mark: m, pendingStart: Int32(pending.count)))
            }
        }
    }

    /// Whether some letter or digit stands between the marks of `p`.
    @inline(__always)
    func hasWord(_ text: UnsafeBufferPointer<UInt8>, _ p: Pair) -> Bool {
        var k = Int(p.open) + Int(p.openLen)
        while k < Int(p.close) {
            let c = text[k]
            if (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 || (c >= 0xC3 && c != 0xE2) { return true }
            k += 1
        }
        return false
    }

    /// An outermost pair: kept as a quotation if it holds a word, then
    /// measured, attributed and reported at once.
    mutating func settle(
        _ text: UnsafeBufferPointer<UInt8>, _ p: Pair, _ offsets: inout OffsetMap, _ out: inout JSONWriter
    ) {
        // Nothing to say about marks around no word at all.
        if !hasWord(text, p) { return }
        // Quotations well before this one are no longer looked at.
        if quotes.count >= pruneAt {
            let horizon = Int(p.open) - 4 * Self.window
            var old = 0
            while old < quotes.count, quotes[old].end < horizon { old += 1 }
            if old > 0 { quotes.removeSubrange(0..<old) }
            pruneAt = max(256, 2 * quotes.count)
        }
        quotes.append(Quote(
            open: Int(p.open), openLen: Int(p.openLen), close: Int(p.close), closeLen: Int(p.closeLen),
            family: p.family))
        let i = quotes.count - 1
        measure(text, i)
        // A single word is not reported, but its speaker may name the
        // person a later pronoun stands for: it is attributed too.
        guard quotes[i].words > 0 else { return }
        attribute(text, i)
        decide(text, i)
        if quotes[i].emit { write(text, quotes[i], &offsets, &out) }
    }
}
