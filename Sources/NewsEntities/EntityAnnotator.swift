import NewsCore

/// Entity types written in the `type` member.
enum EntityType: UInt8 {
    case none = 0, person, org, gpe, loc, fac, norp, event, misc

    var label: StaticString {
        switch self {
        case .none: return ""
        case .person: return "PERSON"
        case .org: return "ORG"
        case .gpe: return "GPE"
        case .loc: return "LOC"
        case .fac: return "FAC"
        case .norp: return "NORP"
        case .event: return "EVENT"
        case .misc: return "MISC"
        }
    }
}

/// How sure a mention is.
enum Strength: UInt8, Comparable {
    /// Kept only if the document confirms it (a sentence-initial common word, a word in a headline).
    case maybe = 0
    /// A default guess from the shape of the name.
    case weak = 1
    /// Gazetteer, title, head word, first name or a defined acronym.
    case strong = 2

    static func < (a: Strength, b: Strength) -> Bool { a.rawValue < b.rawValue }
}

struct Mention {
    /// First and last token (inclusive).
    var first: Int32
    var last: Int32
    var type: EntityType
    var strength: Strength
    /// Index of the mention that is this entity's fullest form, or -1.
    var canonical: Int32 = -1
    /// Index of the canonical form carried over from an earlier piece of a long text, or -1.
    var carried: Int32 = -1
    /// A title or role word precedes it.
    var titled: Bool = false
}

struct DocEntry {
    var type: EntityType
    var strength: Strength
    var mention: Int32
    var tokens: Int32
}

/// Appends `entities`: people, organizations, places and nationalities, with
/// document-level consistency (see news-entities(1)).
///
/// The pipeline, linear in the text:
/// 1. `tokenize` splits the bytes into words and marks, each word with its shape
///    and, for capitalized words, its gazetteer flags (`Lex`).
/// 2. Sentences and lines written in capitals (headlines) are set aside.
/// 3. Each run of capitalized words (joined by "of", "&", hyphens and name
///    particles) loses leading function words and sentence-initial common words,
///    is split at title words, and is typed by the gazetteers, head words
///    ("Ministry", "River", "Stadium"), first names and its shape: `classify`.
/// 4. The record's own names are collected (`register`): whole phrases, surnames,
///    given names, organizations' words and acronyms defined in parentheses.
/// 5. Headlines are read against those names and the gazetteers; weak guesses are
///    retyped by the record's strong mentions and linked to their fullest form
///    (`resolve`).
///
/// Make one annotator per thread: it owns its scratch buffers.
public struct EntityAnnotator: Annotator {
    public static let field = "entities"
    static let labels = ["", "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "MISC"]
    /// The labels as JSON strings, quotes included.
    static let labelJSON: [[UInt8]] = labels.map { Array("\"\($0)\"".utf8) }
    let gaz: Gazetteer
    let tokens = TokenBuffer()
    var mentions: [Mention] = []
    var doc = DocTable()
    var segCaps: [Bool] = []
    /// Recently looked-up words: hash, flags.
    var lookupCache: [UInt64] = []
    /// The names of the earlier pieces of a text longer than `window`.
    var carry = Carry()
    /// Compiled patterns and their match data (see `Patterns`).
    let patterns: Patterns
    /// Wire datelines of the text being annotated: the place's byte range, in text order.
    var datelines: [Range<Int>] = []
    static let cacheSize = 4096
    /// The text being annotated (valid during `find`).
    var text = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    /// Key spaces in the document table besides whole phrases.
    static let surnameKey: UInt64 = 0x5eed_0000_0000_0001
    static let orgPartKey: UInt64 = 0x5eed_0000_0000_0002
    static let acronymKey: UInt64 = 0x5eed_0000_0000_0003
    static let givenKey: UInt64 = 0x5eed_0000_0000_0004
    static let clubKey: UInt64 = 0x5eed_0000_0000_0005

    public init() throws {
        gaz = Gazetteer.shared
        patterns = try Patterns()
        mentions.reserveCapacity(256)
    }

    /// The largest piece of a text processed at once. A longer text (a whole
    /// newspaper on one line) is cut at paragraph breaks into pieces of about this
    /// size, so memory stays proportional to the piece, not the text; names and
    /// their canonical forms carry over from piece to piece (`carry`).
    var window = 1 << 20

    public mutating func annotate(
        _ text: UnsafeBufferPointer<UInt8>, offsets: inout OffsetMap, into out: inout JSONWriter
    ) throws {
        out.beginArray()
        var base = 0
        let n = text.count
        carry.removeAll()
        repeat {
            let end = n - base > window ? windowEnd(text, base) : n
            let piece = UnsafeBufferPointer(rebasing: text[base..<end])
            find(piece, continued: base > 0)
            write(piece, at: base, offsets: &offsets, into: &out)
            if end < n { keepForLater(piece, at: base) }
            base = end
        } while base < n
        out.endArray()
    }

    /// Where the piece of `text` that starts at `base` ends: a paragraph or line
    /// break, else a sentence end, else a space, else a character boundary, in
    /// the second half of the window (so the pieces stay large and the search is linear).
    func windowEnd(_ text: UnsafeBufferPointer<UInt8>, _ base: Int) -> Int {
        let limit = base + window
        let low = base + window / 2
        var k = limit
        while k > low {
            if text[k - 1] == 0x0A { return k }
            k -= 1
        }
        k = limit
        while k > low {
            if text[k - 1] == 0x20 && (text[k - 2] == UInt8(ascii: ".") || text[k - 2] == UInt8(ascii: "?")
                || text[k - 2] == UInt8(ascii: "!")) { return k }
            k -= 1
        }
        k = limit
        while k > low {
            let b = text[k - 1]
            if b == 0x20 || b == 0x09 || b == 0x0D { return k }
            k -= 1
        }
        k = limit
        while text[k] & 0xC0 == 0x80 { k -= 1 }
        return k
    }

    /// Keeps the piece's names for the next pieces: each phrase, surname, given name
    /// and acronym with its type and its fullest form's text.
    mutating func keepForLater(_ piece: UnsafeBufferPointer<UInt8>, at base: Int) {
        guard carry.table.count < Carry.limit else { return }
        doc.forEach { key, e in
            guard e.strength >= .weak, e.type != .none, e.mention >= 0, Int(e.mention) < remapTable.count
            else { return }
            let idx = remapTable[Int(e.mention)]
            guard idx >= 0 else { return }
            let m = mentions[Int(idx)]
            if let old = carry.table[key], old.strength >= e.strength { return }
            let ci: Int32
            if m.canonical < 0 && m.carried >= 0 {
                ci = m.carried
            } else {
                let c = m.canonical >= 0 ? mentions[Int(m.canonical)] : m
                ci = carry.append(piece, Int(tokens[Int(c.first)].start)..<Int(tokens[Int(c.last)].end))
            }
            carry.table[key] = DocEntry(type: e.type, strength: e.strength, mention: ci, tokens: e.tokens)
        }
    }

    /// In a later piece of a long text: links names to their fuller forms in earlier
    /// pieces, and types weak guesses by them.
    mutating func resolveCarried() {
        guard !carry.table.isEmpty else { return }
        for k in mentions.indices where mentions[k].canonical < 0 {
            let m = mentions[k]
            let i = Int(m.first)
            let j = Int(m.last)
            var found = carry.table[phraseHash(i, j)]
            if found == nil && i == j {
                let th = tokens[i].hash
                found = carry.table[th ^ Self.acronymKey]
                if found == nil, m.type == .person || m.strength < .strong {
                    found = carry.table[th ^ Self.surnameKey]
                }
                if found == nil, m.type == .person || m.strength < .strong, tokens[i].lex & Lex.first != 0 {
                    found = carry.table[th ^ Self.givenKey]
                }
            }
            guard let e = found else { continue }
            if m.strength < .strong || e.type == m.type {
                mentions[k].type = e.type
                if e.tokens > m.last - m.first + 1 { mentions[k].carried = e.mention }
            }
        }
    }

    /// Writes the mentions of the piece of text starting at byte `base`.
    mutating func write(
        _ text: UnsafeBufferPointer<UInt8>, at base: Int, offsets: inout OffsetMap, into out: inout JSONWriter
    ) {
        for m in mentions {
            let s = Int(tokens[Int(m.first)].start)
            let e = Int(tokens[Int(m.last)].end)
            out.beginObject()
            // The members `span(_:of:offsets:)` writes, with static keys (its literals pick `key(String)`).
            out.key("start" as StaticString)
            out.int(offsets(base + s))
            out.key("end" as StaticString)
            out.int(offsets(base + e))
            out.key("text" as StaticString)
            out.string(text, s..<e)
            out.key("type" as StaticString)
            Self.labelJSON[Int(m.type.rawValue)].withUnsafeBufferPointer { out.rawValue($0) }
            if m.canonical >= 0 {
                let c = mentions[Int(m.canonical)]
                let cs = Int(tokens[Int(c.first)].start)
                let ce = Int(tokens[Int(c.last)].end)
                if ce - cs != e - s || !equalFolded(text, text, cs, s, e - s) {
                    out.key("canonical" as StaticString)
                    out.string(text, cs..<ce)
                }
            } else if m.carried >= 0 {
                carry.bytes.withUnsafeBufferPointer { cb in
                    let r = carry.ranges[Int(m.carried)]
                    if r.count != e - s || !equalFolded(cb, text, r.lowerBound, s, e - s) {
                        out.key("canonical" as StaticString)
                        out.string(cb, r)
                    }
                }
            }
            out.endObject()
        }
    }

    /// The mentions of `text` as strings (mention, type, canonical form if any): for tests and tools.
    public mutating func entities(_ text: String) -> [(text: String, type: String, canonical: String?)] {
        var copy = text
        return copy.withUTF8 { all in
            var result: [(text: String, type: String, canonical: String?)] = []
            func str(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
            }
            var base = 0
            carry.removeAll()
            repeat {
                let end = all.count - base > window ? windowEnd(all, base) : all.count
                let buf = UnsafeBufferPointer(rebasing: all[base..<end])
                find(buf, continued: base > 0)
                for m in mentions {
                    let mt = str(buf, Int(tokens[Int(m.first)].start)..<Int(tokens[Int(m.last)].end))
                    var canon: String? = nil
                    if m.canonical >= 0 {
                        let c = mentions[Int(m.canonical)]
                        canon = str(buf, Int(tokens[Int(c.first)].start)..<Int(tokens[Int(c.last)].end))
                    } else if m.carried >= 0 {
                        canon = carry.bytes.withUnsafeBufferPointer { str($0, carry.ranges[Int(m.carried)]) }
                    }
                    result.append((mt, m.type.label.description, canon?.lowercased() == mt.lowercased() ? nil : canon))
                }
                if end < all.count { keepForLater(buf, at: base) }
                base = end
            } while base < all.count
            return result
        }
    }

    // MARK: - Pipeline

    mutating func find(_ text: UnsafeBufferPointer<UInt8>, continued: Bool = false) {
        let g = gaz
        self.text = text
        // A small direct-mapped cache in front of the gazetteer: names repeat.
        let toks = tokens
        var cache = lookupCache
        lookupCache = []
        if cache.isEmpty { cache = Array(repeating: 0, count: 2 * Self.cacheSize) }
        cache.withUnsafeMutableBufferPointer { cb in
            tokenize(text, into: toks, lookup: { h in
                let k = Int(truncatingIfNeeded: (h ^ (h >> 23)) & UInt64(Self.cacheSize - 1)) * 2
                if cb[k] == h { return UInt32(truncatingIfNeeded: cb[k + 1]) }
                let f = g.flags(h)
                cb[k] = h
                cb[k + 1] = UInt64(f)
                return f
            })
        }
        lookupCache = cache
        findDatelines(text)
        mentions.removeAll(keepingCapacity: true)
        if !doc.isEmpty { doc.removeAll() }
        markCapsSegments()
        // Pass 1: mixed-case text.
        var i = 0
        let n = tokens.count
        while i < n {
            let t = tokens[i]
            if t.isWord && (t.isCap || (t.isAllCaps && t.shape & Shape.digit == 0)) && !segCaps[Int(t.segment)]
                && !afterLowerPrefix(i)
            {
                let j = runEnd(i)
                processRun(i, j, text)
                i = j + 1
            } else {
                i += 1
            }
        }
        tickers(text)
        defineAcronyms(text)
        scoreLines()
        register()
        // Pass 2: headlines in capitals, then resolve weak mentions against the document.
        capsSegments()
        resolve()
        if continued { resolveCarried() }
    }

    /// Marks segments (sentences and lines) written in capitals: headlines.
    mutating func markCapsSegments() {
        let segs = Int(tokens.last?.segment ?? 0) + 1
        segCaps.removeAll(keepingCapacity: true)
        segCaps.append(contentsOf: repeatElement(false, count: segs))
        var seg: Int32 = 0
        var up: Int32 = 0
        var low: Int32 = 0
        var long: Int32 = 0  // words of four letters or more, not in capitals
        var longCap: Int32 = 0  // ... that start with a capital: a headline in title case
        var capCommon: Int32 = 0  // ... among them ordinary words ("Gather", "Opens"), not names
        for t in tokens.all where t.isWord {
            if t.segment != seg {
                segCaps[Int(seg)] = up >= 3 && low * 4 <= up || long >= 5 && longCap == long && capCommon >= 2
                seg = t.segment
                up = 0
                low = 0
                long = 0
                longCap = 0
                capCommon = 0
            }
            if t.shape & Shape.hasLower != 0 {
                low += 1
                if t.length >= 4 && t.shape & Shape.hasDigit == 0 {
                    long += 1
                    if t.isCap { longCap += 1 }
                    if t.isCap && !t.sentStart && t.lex & Lex.common != 0
                        && t.lex & (Lex.named | Lex.first | Lex.last | Lex.title | Lex.head) == 0
                    {
                        capCommon += 1
                    }
                }
            } else if t.isAllCaps || (t.isCap && t.length == 1) {
                up += 1
            }
        }
        segCaps[Int(seg)] = up >= 3 && low * 4 <= up || long >= 5 && longCap == long && capCommon >= 2
    }

    /// "pro-Beijing", "anti-Pyongyang": a capitalized word after a lower-case prefix and a hyphen.
    func afterLowerPrefix(_ i: Int) -> Bool {
        guard i >= 2 else { return false }
        let h = tokens[i - 1]
        let p = tokens[i - 2]
        return !h.isWord && h.kind == Punct.hyphen && !h.spaceBefore && !tokens[i].spaceBefore && p.isWord
            && !p.isCap && p.shape & Shape.digit == 0
    }

    /// Whether `t` may be part of a name run (not a function word such as a mid-run "In").
    @inline(__always) func runWord(_ t: Token) -> Bool {
        t.isWord && (t.isCap || t.isAllCaps)
            && (t.lex & Lex.stop == 0 || t.lex & Lex.named != 0 || t.isAllCaps)
    }

    /// The last token of the capitalized run starting at `i`.
    func runEnd(_ i: Int) -> Int {
        let n = tokens.count
        var j = i
        var hasOfHead = tokens[i].lex & (Lex.ofHead | Lex.orgHead) != 0
        while j + 1 < n {
            let nx = tokens[j + 1]
            if runWord(nx) && nx.segment == tokens[j].segment
                && !(tokens[j].shape & Shape.dotted != 0 && nx.sentStart && nx.lex & Lex.common != 0
                    && tokens[j].lex & Lex.title == 0 && tokens[j].length > 2
                    && !(nx.lex & Lex.eventHead != 0 && tokens[j].lex & Lex.gpe != 0))  // "U.S. Open"
                && !(tokens[j].shape & Shape.dotted != 0 && nx.sentStart && tokens[j].lex & Lex.orgSuffix != 0)
            {
                j += 1
                if nx.lex & (Lex.ofHead | Lex.orgHead) != 0 { hasOfHead = true }
                continue
            }
            // Attached hyphen or "&" between capitalized words; "Kim Jong-un", "Cheng Chung-tai".
            if j + 2 < n, nx.kind == Punct.hyphen || nx.kind == Punct.amp, !nx.isWord {
                let after = tokens[j + 2]
                let attached = nx.kind == Punct.amp || (!nx.spaceBefore && !after.spaceBefore)
                if attached && after.isWord && after.isCap && after.segment == tokens[i].segment {
                    j += 2
                    continue
                }
                if attached && nx.kind == Punct.hyphen && after.isWord && !after.isCap
                    && after.shape & Shape.digit == 0 && after.segment == tokens[i].segment && lowerNamePart(j, j + 2)
                {
                    j += 2
                    continue
                }
            }
            // "Korean People's Army", "Children's Hospital": a possessive inside an organization's name.
            if !nx.isWord && nx.kind == Punct.possessive && j + 2 < n && tokens[j].lex & Lex.common != 0
                && tokens[j].lex & Lex.named == 0 && tokens[j + 2].isWord && tokens[j + 2].isCap
                && tokens[j + 2].segment == tokens[i].segment
            {
                let k = simpleRunEnd(j + 2)
                if tokens[k].lex & (Lex.orgHead | Lex.orgSuffix) != 0 || tokens[k].hash == Self.republicHash {
                    j = k
                    continue
                }
            }
            // Connectors: "of", "of the", "for the", "and", name particles.
            if nx.isWord && nx.kind != Conn.none && j + 2 < n {
                var k = j + 2
                if (nx.kind == Conn.of || nx.kind == Conn.for) && tokens[k].isWord && tokens[k].kind == Conn.the
                    && k + 1 < n
                {
                    k += 1
                }
                let after = tokens[k]
                if runWord(after) && !after.sentStart && after.segment == nx.segment && nx.segment == tokens[i].segment
                    && connectorJoins(i, j, nx.kind, k, hasOfHead)
                {
                    j = k
                    if after.lex & (Lex.ofHead | Lex.orgHead) != 0 { hasOfHead = true }
                    continue
                }
            }
            break
        }
        return j
    }

    /// Whether the lower-case word at `k`, after a hyphen, is part of the name at `j`
    /// ("Jong-un", "Chung-tai"), not a compound ("U.S.-led", "Afghan-born").
    func lowerNamePart(_ j: Int, _ k: Int) -> Bool {
        let left = tokens[j]
        if left.isAllCaps || left.lex & (Lex.named | Lex.head | Lex.title) != 0 || left.length < 2 { return false }
        let f = gaz.flags(tokens[k].hash)
        if f & Lex.common == 0 { return tokens[k].length <= 6 }
        return tokens[k].length <= 4 && !Self.compoundWords.contains(tokens[k].hash)
    }

    static let compoundWords = WordSet(
        ["led", "run", "ran", "born", "era", "made", "old", "like", "owned", "type", "only", "free", "wide",
         "long", "year", "day", "week", "area", "size", "ish", "up", "down", "in", "out", "on", "off", "over",
         "the", "and", "age", "war", "bred", "tied", "lite", "held", "fed", "set", "cut", "hit", "way", "man",
         "men", "bound", "rich", "poor", "new", "old", "post", "pre", "pro", "anti", "non", "ex", "sized",
         "linked", "style", "based", "backed", "funded", "related", "specific", "friendly", "centric", "level",
         "class", "wise", "tech", "news", "team", "fan", "fans", "shirt", "shirts", "esque", "ness"
        ])

    /// Whether the run `i...j` goes on through the connector into the word at `k`.
    func connectorJoins(_ i: Int, _ j: Int, _ kind: UInt8, _ k: Int, _ hasOfHead: Bool) -> Bool {
        let left = tokens[j]
        switch kind {
        case Conn.of, Conn.for:
            if left.lex & (Lex.ofHead | Lex.orgHead) != 0 { return true }
            if hasOfHead && j - i < 6 && left.lex & Lex.title == 0 { return true }
            // A known phrase across "of" ("United States of America", "Horn of Africa").
            return false
        case Conn.the:
            return false
        case Conn.and:
            // "Procter and Gamble"-like names only when an organization head follows.
            let kEnd = simpleRunEnd(k)
            return tokens[kEnd].lex & (Lex.orgHead | Lex.orgSuffix) != 0 && left.lex & Lex.named == 0
                && tokens[i].lex & (Lex.named | Lex.title) == 0 && kEnd - i < 10
        case Conn.particle:
            // "Ludwig van Beethoven", "Osama bin Laden": after a name-like word.
            return left.lex & (Lex.named | Lex.head | Lex.common) == 0 || left.lex & Lex.first != 0
        default:
            return false
        }
    }

    /// End of a plain run of capitalized words from `k`.
    func simpleRunEnd(_ k: Int) -> Int {
        var j = k
        while j + 1 < tokens.count && tokens[j + 1].isWord && tokens[j + 1].isCap && !tokens[j + 1].sentStart
            && j - k < 8 && tokens[j].lex & Lex.orgSuffix == 0
        {
            j += 1
        }
        return j
    }

    // MARK: - Classifying a run

    @inline(__always) func isNameWord(_ t: Token) -> Bool { t.isWord && t.kind == Conn.none }

    /// A name word, or a lower-case word joined by a hyphen ("Hau Lung-bin").
    func isNamePart(_ k: Int) -> Bool {
        let t = tokens[k]
        if isNameWord(t) { return true }
        return t.isWord && k > 1 && !t.spaceBefore && !tokens[k - 1].isWord && tokens[k - 1].kind == Punct.hyphen
            && tokens[k - 2].isWord && tokens[k - 2].isCap
    }

    /// Phrase hash of tokens i...j.
    @inline(__always) func phraseHash(_ i: Int, _ j: Int) -> UInt64 {
        var h = tokens[i].hash
        var k = i + 1
        while k <= j {
            h = Hash.combine(h, tokens[k].hash)
            k += 1
        }
        return h
    }

    /// The longest gazetteer phrase with one of `mask` starting at `i`, not past `j`: its end and flags.
    func longestPlace(_ i: Int, _ j: Int, _ mask: UInt32) -> (end: Int, flags: UInt32)? {
        var h = tokens[i].hash
        var best: (Int, UInt32)? = nil
        let f0 = tokens[i].lex
        if f0 & mask != 0 { best = (i, f0) }
        var k = i + 1
        let limit = min(j, i + gaz.maxTokens - 1)
        while k <= limit {
            h = Hash.combine(h, tokens[k].hash)
            let f = gaz.flags(h)
            if f & mask != 0 { best = (k, f) }
            k += 1
        }
        return best
    }

    mutating func processRun(_ i0: Int, _ j0: Int, _ text: UnsafeBufferPointer<UInt8>) {
        var i = i0
        let j = j0
        // Leading function words, dates and sentence-initial common words.
        while i <= j {
            let t = tokens[i]
            if !isNameWord(t) {
                i += 1
                continue
            }
            let f = t.lex
            if f & Lex.date != 0
                && (i == j || f & Lex.first == 0 || tokens[i + 1].shape & Shape.digit != 0
                    || (i > 0 && tokens[i - 1].isWord && Self.temporalWords.contains(tokens[i - 1].hash)))
            {
                i += 1
                continue
            }
            if f & Lex.stop != 0 && !t.isAllCaps && f & Lex.named == 0 {
                i += 1
                continue
            }
            if f & Lex.nonName != 0 && f & Lex.named == 0 {
                i += 1
                continue
            }
            if t.length == 1 && t.shape & Shape.dotted == 0 && !(i < j) {
                i += 1  // "I", "A"
                continue
            }
            if t.length >= 2 && t.shape & Shape.cap != 0 && (text[Int(t.start) + 1] == UInt8(ascii: "'")
                || text[Int(t.start) + 1] == 0xE2) && text[Int(t.start)] == UInt8(ascii: "I")
            {
                i += 1  // "I'll", "I’m"
                continue
            }
            if t.sentStart && f & Lex.common != 0 && f & (Lex.named | Lex.title) == 0 && !t.isAllCaps {
                // A sentence-initial common word is part of a name only with evidence.
                if i < j {
                    if f & Lex.first != 0 && tokens[i + 1].lex & Lex.first == 0 { break }  // "Will Smith"
                    if let p = longestPlace(i, j, Lex.named), p.end > i { break }  // "New Zealand"
                    if tokens[j].lex & (Lex.orgHead | Lex.orgSuffix) != 0 { break }
                    if Self.stormWords.contains(t.hash) { break }  // Hurricane Ian
                    if Self.clubFirst.contains(t.hash) && phraseFlags(i + 1, j) & Lex.gpe != 0 { break }  // Real Madrid
                    // "Pep Guardiola": a short common word before a lone surname.
                    if i + 1 == j && t.length <= 5 && tokens[j].lex & Lex.common == 0
                        && (tokens[j].lex & Lex.last != 0 || surnameShaped(j))
                    {
                        break
                    }
                    i += 1
                    continue
                }
                // Alone: a maybe, confirmed only by the document.
                addMention(i, i, f & (Lex.first | Lex.last) != 0 ? .person : .org, .maybe)
                return
            }
            break
        }
        if i > j { return }
        // "(D-Mass.)", "(R-Texas)": a party and a state after a lawmaker's name.
        if i > 0 && tokens[i].length == 1 && i + 1 <= j && !tokens[i + 1].isWord && tokens[i + 1].kind == Punct.hyphen
            && !tokens[i - 1].isWord && tokens[i - 1].kind == Punct.open
        {
            return
        }
        var e = j
        while e > i && !isNamePart(e) { e -= 1 }
        // A compound such as "Co-founder" or "T-shirt": not a name.
        if i == e, e + 2 < tokens.count, tokens[e + 1].kind == Punct.hyphen, !tokens[e + 1].isWord,
            !tokens[e + 1].spaceBefore, tokens[e + 2].isWord, !tokens[e + 2].isCap,
            tokens[i].lex & (Lex.common | Lex.orgSuffix) != 0 || tokens[i].length == 1
        {
            return
        }
        // "US$ 20": a currency.
        if i == e, e + 1 < tokens.count, !tokens[e + 1].spaceBefore, text[Int(tokens[e + 1].start)] == UInt8(ascii: "$") {
            return
        }
        classify(i, e, titled: titledByContext(i))
    }

    /// A role word in lower case before the name: "researcher Mu Li", "president Obama".
    func titledByContext(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        let p = tokens[i - 1]
        guard p.isWord, !p.isCap, p.kind == Conn.none else { return false }
        return gaz.flags(p.hash) & Lex.title != 0 && !Self.modifierTitles.contains(p.hash)
    }

    /// Title words that, in lower case, modify rather than name a role.
    static let modifierTitles = WordSet(
        ["former", "late", "acting", "state", "home", "foreign", "defense", "defence", "interior", "finance",
         "health", "justice", "economy", "trade", "education", "labour", "labor", "agriculture", "energy",
         "environment", "culture", "vice", "deputy", "prime", "general", "grand", "crown", "field", "private",
         "major", "chief", "executive", "senior", "junior", "star", "forward", "mother", "father", "brother",
         "sister", "saint", "chair", "judge", "justice", "champion", "manager", "officer", "director",
         "lady", "lord", "head", "police", "security"
        ])

    /// Classifies the name words i...j (a run without leading function words).
    mutating func classify(_ i: Int, _ j0: Int, titled: Bool) {
        if i > j0 { return }
        var j = j0
        // Trailing title words: "State Department Spokesperson", "NASA Administrator".
        while j > i && (tokens[j].lex & Lex.title != 0 && tokens[j].lex & (Lex.named | Lex.head) == 0
            || tokens[j].lex & Lex.date != 0 && tokens[j].lex & Lex.first == 0 || !isNamePart(j))
        {
            j -= 1
        }
        let last = tokens[j]
        let lastF = last.lex
        if i == j && lastF & Lex.title != 0 && lastF & Lex.named == 0 && !last.isAllCaps
            && (j < j0 || lastF & (Lex.first | Lex.last) == 0)
        {
            return  // "Prime" of "Prime Minister's"
        }
        // 1. The whole run is a known name.
        let whole = i == j ? tokens[i].lex : gaz.flags(phraseHash(i, j))
        if whole & Lex.named != 0 && !(titled && whole & Lex.first != 0) {
            addMention(i, j, typeOf(whole), .strong, titled: titled)
            return
        }
        // Clubs named after their town, club word first: "Real Madrid", "Dynamo Kiev", "Werder Bremen".
        if i < j && Self.clubFirst.contains(tokens[i].hash) && tokens[i + 1].isWord
            && phraseFlags(i + 1, j) & Lex.gpe != 0
        {
            addMention(i, j, .org, .strong)
            return
        }
        // A person's name that ends like a place: "professor Marc Lamont Hill".
        if i < j && tokens[i].lex & Lex.first != 0 && tokens[i].lex & Lex.named == 0
            && (titled || lastF & Lex.last != 0) && lastF & (Lex.orgHead | Lex.orgSuffix) == 0
            && lastF & (Lex.locHead | Lex.facHead) != 0 && j - i <= 2
        {
            addMention(i, j, .person, .strong, titled: titled)
            return
        }
        // Named storms: "Hurricane Ian", "Typhoon Haiyan".
        if i < j && Self.stormWords.contains(tokens[i].hash) {
            addMention(i, j, .event, .strong)
            return
        }
        // 2. An organization or place head ends it.
        if i < j {
            if j - i >= 3 && lastF & Lex.gpe != 0 && !tokens[j - 1].isWord && tokens[j - 1].kind == Punct.hyphen
                && tokens[j - 2].lex & (Lex.orgHead | Lex.orgSuffix) != 0
            {
                addMention(i, j, .org, .strong)  // "Texas Commerce Bank-Houston"
                return
            }
            if lastF & (Lex.orgSuffix | Lex.orgHead) != 0 && !last.isAllCaps || lastF & Lex.orgSuffix != 0 {
                // "Afghan Voice Agency" but not "Prime Minister's Office"-like leading titles.
                var s = i
                while s < j && tokens[s].lex & Lex.title != 0 && tokens[s].lex & (Lex.named | Lex.head) == 0
                    && titleBeforeName(s, j)
                {
                    s += 1
                }
                addMention(s, j, .org, .strong)
                return
            }
            if lastF & Lex.eventHead != 0 && lastF & (Lex.orgHead | Lex.named) == 0 {
                addMention(i, j, .event, .strong)
                return
            }
            // "University of Texas", "Gulf of Mexico", "Statue of Liberty": the word before "of" decides.
            var k = i + 1
            while k < j && !(tokens[k].isWord && !tokens[k].isCap && (tokens[k].kind == Conn.of || tokens[k].kind == Conn.for)) {
                k += 1
            }
            if k < j && k > i {
                let hf = tokens[k - 1].lex
                if hf & (Lex.orgHead | Lex.orgSuffix) != 0 {
                    // "University of Texas Arlington Amneh Jafari": the name ends after the place.
                    var s2 = k + 1
                    while s2 < j && !isNameWord(tokens[s2]) { s2 += 1 }
                    if lastF & (Lex.orgHead | Lex.orgSuffix) == 0, let p = longestPlace(s2, j, Lex.gpe | Lex.loc),
                        p.end < j, tokens[p.end + 1].isWord
                    {
                        addMention(i, p.end, .org, .strong)
                        classifyPart(p.end + 1, j, titled: false)
                        return
                    }
                    addMention(i, j, .org, .strong)
                    return
                }
                if hf & Lex.eventHead != 0 {
                    addMention(i, j, .event, .strong)
                    return
                }
                if hf & Lex.facHead != 0 {
                    addMention(i, j, .fac, .strong)
                    return
                }
                if hf & (Lex.locHead | Lex.placeFirst) != 0 {
                    addMention(i, j, .loc, .strong)
                    return
                }
            }
            if lastF & Lex.facHead != 0 {
                // "National Hurricane Center" is a body; "Riverside Stadium" a place.
                let institution = lastF & Lex.ofHead != 0 && Self.institutionFirst.contains(tokens[i].hash)
                addMention(i, j, institution ? .org : .fac, .strong)
                return
            }
            // Clubs named after their town: "Manchester City", "Ipswich Town".
            if Self.clubWords.contains(last.hash) {
                let pf = phraseFlags(i, j - 1)
                if pf & Lex.gpe != 0 {
                    // "Gaza City" is a city; "Manchester City" a club.
                    let isCity = pf & Lex.country != 0 && last.hash == Self.cityHash
                    addMention(i, j, isCity ? .gpe : .org, .strong)
                    return
                }
            }
            if last.hash == Self.districtHash && tokens[j - 1].lex & Lex.orgHead != 0 {
                addMention(i, j, .org, .strong)  // "Irving Independent School District"
                return
            }
            if lastF & Lex.locHead != 0 || (tokens[i].lex & Lex.placeFirst != 0 && j == i + 1) {
                addMention(i, j, .loc, .strong)
                return
            }
            if tokens[i].lex & Lex.ofHead != 0 && tokens[i].lex & Lex.orgHead != 0 && hasOf(i, j) {
                addMention(i, j, .org, .strong)
                return
            }
        }
        // An organization then a person: "Refugee Council Enver Solomon".
        if j - i >= 2 {
            var k = j - 1
            while k > i && tokens[k].lex & (Lex.orgHead | Lex.orgSuffix) == 0 { k -= 1 }
            if k > i && k < j - 1 && j - k <= 3 && isNameWord(tokens[k + 1]) && allNameLike(k + 1, j)
                && (tokens[k + 1].lex & Lex.first != 0 || tokens[j].lex & Lex.last != 0)
                && tokens[k + 1].lex & (Lex.named | Lex.head) == 0
            {
                addMention(i, k, .org, .strong)
                addMention(k + 1, j, .person, .weak)
                return
            }
        }
        // 3. Title words split the run: "U.S. President Donald Trump".
        var k = i
        while k <= j {
            let f = tokens[k].lex
            if (f & Lex.title != 0 && f & Lex.first == 0 || (f & Lex.title != 0 && k < j && tokens[k + 1].lex & Lex.title != 0))
                && titleActs(k, j)
            {
                if k < j || k > i {
                    // Find the end of the title words.
                    var e = k
                    while e + 1 <= j && (tokens[e + 1].lex & Lex.title != 0 || !isNameWord(tokens[e + 1]))
                        && tokens[e + 1].lex & Lex.first == 0
                    {
                        e += 1
                    }
                    if k > i { classifyPart(i, k - 1, titled: titled) }
                    if e < j {
                        var s = e + 1
                        while s <= j && !isNameWord(tokens[s]) { s += 1 }
                        if s <= j { classify(s, j, titled: true) }
                    }
                    return
                }
            }
            k += 1
        }
        classifyPart(i, j, titled: titled)
    }

    /// Whether the title word at `k` (in a run ending at `j`) introduces a name:
    /// "Trade Minister X" and "General Y" do, "Trade Report" and "General Binding" do not.
    func titleActs(_ k: Int, _ j: Int) -> Bool {
        if k == j { return true }
        var e = k
        while e < j && (tokens[e + 1].lex & Lex.title != 0 || !isNameWord(tokens[e + 1])) && tokens[e + 1].lex & Lex.first == 0 {
            e += 1
        }
        if e == k && Self.modifierTitles.contains(tokens[k].hash) && tokens[k].lex & Lex.title != 0
            && !Self.personTitles.contains(tokens[k].hash)
        {
            return false  // "Trade Report": a modifier alone before a word
        }
        if e >= j { return true }
        let n = tokens[e + 1].lex
        // The word after the titles must look like a name, not an ordinary word.
        return !(n & Lex.common != 0 && n & (Lex.first | Lex.last | Lex.named) == 0)
    }

    /// Modifier-looking titles that name a person alone ("General X", "Justice X").
    static let personTitles = WordSet(
        ["general", "justice", "judge", "father", "mother", "brother", "sister", "saint", "lord", "lady",
         "major", "chief", "private"])

    func titleBeforeName(_ s: Int, _ j: Int) -> Bool {
        // A title at the start of an organization name is kept ("General Motors", "State Department")
        // unless a first name follows it.
        return s + 1 <= j && tokens[s + 1].lex & Lex.first != 0 && tokens[s + 1].lex & Lex.head == 0
    }

    func hasOf(_ i: Int, _ j: Int) -> Bool {
        var k = i
        while k <= j {
            if tokens[k].kind == Conn.of && tokens[k].isWord && !tokens[k].isCap { return true }
            k += 1
        }
        return false
    }

    /// A part of a run without title words.
    mutating func classifyPart(_ i: Int, _ j: Int, titled: Bool) {
        var i = i
        while i <= j && !isNameWord(tokens[i]) { i += 1 }
        var j = j
        while j >= i && !isNamePart(j) { j -= 1 }
        if i > j { return }
        if i < j && isDateline(i, j) && allCaps(i, j) {
            addMention(i, j, .gpe, .strong)  // "AL-AIN , United Arab Emirates"
            return
        }
        if j - i > 9 {
            // Too long for a name: keep only known names inside.
            var k = i
            while k <= j {
                if let p = longestPlace(k, j, Lex.named) {
                    addMention(k, p.end, typeOf(p.flags), .strong)
                    k = p.end + 1
                } else {
                    k += 1
                }
            }
            return
        }
        let whole = i == j ? tokens[i].lex : gaz.flags(phraseHash(i, j))
        if whole & Lex.named != 0 && !(titled && whole & Lex.first != 0 && whole & Lex.gpe == 0) {
            addMention(i, j, typeOf(whole), .strong, titled: titled)
            return
        }
        if i == j {
            classifySingle(i, titled: titled)
            return
        }
        // A word before a full name: "Scientologist Tom Cruise".
        if j - i >= 2 && tokens[i].lex & (Lex.first | Lex.last | Lex.named) == 0 && tokens[i + 1].lex & Lex.first != 0
            && (tokens[i].lex & Lex.common != 0 || endsWithIst(i))
            && tokens[i + 1].lex & (Lex.common | Lex.named) == 0 && isNameWord(tokens[i + 1])
        {
            classifySingle(i, titled: false)
            if let last = mentions.last, last.first == Int32(i) { mentions[mentions.count - 1].strength = .maybe }
            addMention(i + 1, j, .person, .strong)
            return
        }
        // A team named after its town: "Boston Celtics", "Denver Nuggets".
        if let p = longestPlace(i, j, Lex.gpe), p.end + 1 == j, isPluralName(j) {
            addMention(i, j, .org, .strong)
            return
        }
        // Person by first name.
        let f0 = tokens[i].lex
        if titled || (f0 & Lex.first != 0 && f0 & (Lex.named & ~Lex.gpe) == 0) {
            addMention(i, j, .person, titled || f0 & Lex.first != 0 ? .strong : .weak, titled: titled)
            return
        }
        // A known place or nationality first: "United States Hamdullah Mohib", "Afghan Taliban";
        // a town's name before a name of unknown kind may be a name itself ("Pérez Gómez").
        if let p = longestPlace(i, j, Lex.gpe | Lex.norp | Lex.loc), p.end < j,
            p.end > i || p.flags & (Lex.country | Lex.norp | Lex.loc) != 0
                || !(p.flags & (Lex.first | Lex.last) != 0 && (surnameShaped(j) || tokens[j].lex & Lex.last != 0))
        {
            addMention(i, p.end, typeOf(p.flags), .strong)
            classifyPart(p.end + 1, j, titled: titled)
            return
        }
        // A place last after unknown words: "Environment Canada" (an organization), unless a person.
        if tokens[j].lex & Lex.gpe != 0 && j - i <= 3 {
            if allNameLike(i, j - 1) && tokens[j].lex & (Lex.last | Lex.first) != 0 {
                addMention(i, j, .person, .weak)
            } else {
                addMention(i, j, .org, .weak)
            }
            return
        }
        if hasOf(i, j) {
            addMention(i, j, .org, .weak)
            return
        }
        // Unknown words: a person unless they read like common words (or take "the");
        // capitalized common words without a head word are a name of unknown kind
        // (a product, a work, a programme, an event): MISC.
        if j - i <= 3 && allNameLike(i, j) && !afterThe(i) {
            addMention(i, j, .person, .weak)
        } else {
            addMention(i, j, .misc, .weak)
        }
    }

    func allCaps(_ i: Int, _ j: Int) -> Bool {
        var k = i
        while k <= j {
            let t = tokens[k]
            if t.isWord && t.shape & Shape.hasLower != 0 { return false }
            k += 1
        }
        return true
    }

    /// No word in i...j is a common lower-case English word (unless it is a known name).
    func allNameLike(_ i: Int, _ j: Int) -> Bool {
        var k = i
        while k <= j {
            let t = tokens[k]
            if isNameWord(t) {
                let f = t.lex
                if t.isAllCaps && t.length > 1 && t.shape & Shape.dotted == 0 { return false }  // "L.F." is initials
                if f & Lex.common != 0 && f & (Lex.first | Lex.last) == 0 && t.isCap { return false }
            }
            k += 1
        }
        return true
    }

    mutating func classifySingle(_ i: Int, titled: Bool) {
        let t = tokens[i]
        let f = t.lex
        if titled {
            addMention(i, i, .person, .strong, titled: true)
            return
        }
        if f & Lex.nonName != 0 { return }
        if f & Lex.eventHead != 0 && f & (Lex.common | Lex.named | Lex.orgHead) == 0 {
            addMention(i, i, .event, .weak)  // "Hajj", "Olympics"
            return
        }
        let theBefore = afterThe(i)
        if t.isAllCaps && isDateline(i, i) {
            addMention(i, i, .gpe, .strong)
            return
        }
        if t.isAllCaps && i > 0 && !tokens[i - 1].isWord && text[Int(tokens[i - 1].start)] == UInt8(ascii: "<") {
            return  // a ticker symbol: "<CRAA.S>"
        }
        if t.isAllCaps {
            if hasDigit(i) {
                addMention(i, i, .org, .maybe)
            } else if f & Lex.common != 0 && t.length > 4 {
                addMention(i, i, .org, .maybe)
            } else {
                addMention(i, i, .org, .weak)
            }
            return
        }
        if t.shape & Shape.digit != 0 { return }
        if t.sentStart {
            addMention(
                i, i, f & (Lex.first | Lex.last) != 0 || surnameShaped(i) ? .person : .org,
                f & Lex.common != 0 ? .maybe : .weak)
            return
        }
        if theBefore {
            // "the Church", "the Crown": people do not take an article.
            addMention(i, i, .org, f & Lex.common != 0 ? .maybe : .weak)
            return
        }
        if f & Lex.common != 0 && f & (Lex.first | Lex.last) == 0 {
            // A capitalized common word mid-sentence ("the Church", "Border Force"): weak organization.
            addMention(i, i, .org, .maybe)
            return
        }
        if f & (Lex.first | Lex.last) != 0 || followedBySpeech(i) {
            addMention(i, i, .person, .weak)
            return
        }
        if i > 1, tokens[i - 1].isWord, tokens[i - 1].kind == Conn.of, tokens[i - 2].isWord, !tokens[i - 2].isCap,
            Self.settlementWords.contains(tokens[i - 2].hash)
        {
            addMention(i, i, .gpe, .weak)
            return
        }
        if i > 0, tokens[i - 1].isWord, isPlacePreposition(tokens[i - 1]) {
            addMention(i, i, .loc, .weak)
            return
        }
        addMention(i, i, surnameShaped(i) ? .person : .org, .weak)
    }

    /// "HOUSTON, Feb 26 -", "BRUSSELS 1996-08-22": a place in capitals opening a
    /// line, exactly tokens `i` to `j` (see `Patterns.dateline`).
    func isDateline(_ i: Int, _ j: Int) -> Bool {
        let s = Int(tokens[i].start)
        let e = Int(tokens[j].end)
        // Binary search: a text may have many lines.
        var lo = 0
        var hi = datelines.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if datelines[mid].lowerBound < s { lo = mid + 1 } else { hi = mid }
        }
        return lo < datelines.count && datelines[lo].lowerBound == s && datelines[lo].upperBound == e
    }

    /// Collects the datelines of `text`. A pattern that reaches its limits (it
    /// should not: it is anchored at line starts) just finds no more datelines.
    mutating func findDatelines(_ text: UnsafeBufferPointer<UInt8>) {
        datelines.removeAll(keepingCapacity: true)
        let box = patterns
        var dl = datelines
        datelines = []
        var pos = 0
        // Matches are never empty (the place has a letter).
        while pos < text.count, let r = try? box.dateline.firstRange(in: text, from: pos) {
            if let g = box.dateline.lastGroup(1) { dl.append(g) }
            pos = r.upperBound
        }
        datelines = dl
    }

    /// Ends like a family name of many languages: -vich, -enko, -ski, -son, -ez, -opoulos, -yan ...
    func surnameShaped(_ i: Int) -> Bool {
        let t = tokens[i]
        let e = Int(t.end)
        let len = t.length
        guard len >= 5 else { return false }
        func ends(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard n < len else { return false }
            return s.withUTF8Buffer { sb in
                var k = 0
                while k < n {
                    if lowerASCII(text[e - n + k]) != sb[k] { return false }
                    k += 1
                }
                return true
            }
        }
        return ends("vich") || ends("ovic") || ends("evic") || ends("enko") || ends("ski") || ends("sky")
            || ends("ska") || ends("czyk") || ends("ov") || ends("ova") || ends("ev") || ends("eva")
            || ends("son") || ends("sen") || ends("ez") || ends("escu") || ends("opoulos") || ends("idis")
            || ends("akis") || ends("yan") || ends("ian") || ends("shvili") || ends("dze") || ends("oglu")
            || ends("ini") || ends("elli") || ends("etti") || ends("ucci") || ends("stein") || ends("mann")
            || ends("ovich") || ends("ovna") || ends("wicz") || ends("ek") || ends("ak")
    }

    func hasDigit(_ i: Int) -> Bool { tokens[i].shape & (Shape.digit | Shape.hasDigit) != 0 }

    /// A capitalized plural such as "Celtics" or "Bulls" (not a nationality).
    func isPluralName(_ k: Int) -> Bool {
        let t = tokens[k]
        guard t.isCap, !t.isAllCaps, t.length >= 4, t.lex & (Lex.norp | Lex.named | Lex.first | Lex.last) == 0
        else { return false }
        let e = Int(t.end)
        return text[e - 1] == UInt8(ascii: "s") && text[e - 2] != UInt8(ascii: "s")
    }

    func endsWithIst(_ i: Int) -> Bool {
        let e = Int(tokens[i].end)
        return tokens[i].length > 4 && lowerASCII(text[e - 3]) == UInt8(ascii: "i")
            && lowerASCII(text[e - 2]) == UInt8(ascii: "s") && lowerASCII(text[e - 1]) == UInt8(ascii: "t")
    }

    func followedBySpeech(_ i: Int) -> Bool {
        var k = i + 1
        if k < tokens.count && tokens[k].kind == Punct.possessive && !tokens[k].isWord { return false }
        if k < tokens.count && !tokens[k].isWord && tokens[k].kind == Punct.comma { k += 1 }
        guard k < tokens.count, tokens[k].isWord, !tokens[k].isCap else { return false }
        let h = tokens[k].hash
        return h == Self.saidHash || h == Self.saysHash || h == Self.toldHash || h == Self.whoHash
            || h == Self.addedHash
    }

    func isPlacePreposition(_ t: Token) -> Bool {
        !t.isCap && (t.hash == Self.inHash || t.hash == Self.nearHash)
    }

    static let stormWords = WordSet(["hurricane", "typhoon", "cyclone", "storm", "tropical"])
    /// Words that open the names of sports clubs before their town's name (European football);
    /// a short list written for this project.
    static let clubFirst = WordSet(
        ["real", "dynamo", "dinamo", "sporting", "atletico", "olympique", "olympiakos", "borussia", "hertha",
         "werder", "inter", "ac", "fc", "sc", "sv", "vfl", "vfb", "tsv", "psv", "racing", "deportivo",
         "lokomotiv", "spartak", "cska", "steaua", "slavia", "sparta", "rapid", "admira", "eintracht", "fortuna",
         "bayer", "bayern", "hansa", "arminia", "ajax", "feyenoord", "standard", "sturm", "grasshoppers",
         "partizan", "crvena", "hajduk", "legia", "ferencvaros", "benfica", "maccabi", "hapoel", "panathinaikos",
         "aek", "paok", "besiktas", "fenerbahce", "galatasaray", "juventus", "lazio", "sampdoria", "udinese"])
    static let clubWords = WordSet(["city", "town", "county", "albion", "rovers", "wanderers", "athletic", "hotspur"])
    static let institutionFirst = WordSet(
        ["national", "international", "federal", "european", "world", "royal", "state", "american", "central",
         "regional", "global", "united"])
    static let temporalWords = WordSet(
        ["in", "on", "by", "since", "until", "from", "of", "last", "next", "early", "late", "mid", "during",
         "before", "after", "through", "till", "between", "and", "or", "to", "this", "that", "each", "every"
        ])
    static let settlementWords = WordSet(
        ["town", "city", "village", "province", "county", "district", "region", "state", "municipality",
         "capital", "island", "suburb", "port", "hamlet", "prefecture", "governorate"])
    static let republicHash = wordHash("republic")
    static let cityHash = wordHash("city")
    static let unitedHash = wordHash("united")
    static let districtHash = wordHash("district")
    static let saidHash = wordHash("said")
    static let saysHash = wordHash("says")
    static let toldHash = wordHash("told")
    static let whoHash = wordHash("who")
    static let addedHash = wordHash("added")
    static let inHash = wordHash("in")
    static let nearHash = wordHash("near")

    func typeOf(_ f: UInt32) -> EntityType {
        if f & Lex.gpe != 0 { return .gpe }
        if f & Lex.loc != 0 { return .loc }
        if f & Lex.norp != 0 { return .norp }
        if f & Lex.org != 0 { return .org }
        return .none
    }

    mutating func addMention(_ i: Int, _ j: Int, _ type: EntityType, _ strength: Strength, titled: Bool = false) {
        mentions.append(
            Mention(first: Int32(i), last: Int32(j), type: type, strength: strength, titled: titled))
    }

    // MARK: - Document level

    /// Sports results ("Plymouth 2 Preston 1"): names between scores are teams,
    /// organizations, unless they are countries.
    mutating func scoreLines() {
        for k in mentions.indices {
            let m = mentions[k]
            let f = Int(m.first)
            let l = Int(m.last)
            guard m.type == .gpe || m.type == .person || (m.type == .org && m.strength < .strong) || m.type == .loc
            else { continue }
            guard isScore(l + 1) else { continue }
            let before = f == 0 || tokens[f].shape & Shape.lineStart != 0 || isScore(f - 1)
                || (!tokens[f - 1].isWord && tokens[f - 1].kind == Punct.comma)
            guard before else { continue }
            if m.type == .gpe && phraseFlags(f, l) & Lex.country != 0 { continue }
            if m.type == .person && m.strength == .strong { continue }
            mentions[k].type = .org
            mentions[k].strength = .strong
        }
    }

    /// "Standard Oil Co <SRD>": the name before a ticker in angle brackets is a
    /// company (see `Patterns.ticker`); nothing inside the brackets is a mention.
    /// Runs before any canonical link is made, so mentions may be dropped here.
    mutating func tickers(_ text: UnsafeBufferPointer<UInt8>) {
        guard !mentions.isEmpty else { return }
        let box = patterns
        var pos = 0
        var m = 0
        var out = 0
        // Matches are never empty; mentions are in text order, so one walk pairs them.
        while pos < text.count, let r = try? box.ticker.firstRange(in: text, from: pos) {
            pos = r.upperBound
            while m < mentions.count && tokens[Int(mentions[m].first)].start < Int32(r.lowerBound) {
                mentions[out] = mentions[m]
                out += 1
                m += 1
            }
            // Mentions inside the brackets ("<BXV.TO>") go.
            while m < mentions.count && tokens[Int(mentions[m].first)].start < Int32(r.upperBound) { m += 1 }
            guard out > 0 else { continue }
            let l = Int(mentions[out - 1].last)
            guard l + 1 < tokens.count, Int(tokens[l + 1].start) == r.lowerBound else { continue }
            let k = out - 1
            if mentions[k].type == .person && mentions[k].strength == .strong && mentions[k].titled { continue }
            mentions[k].type = .org
            mentions[k].strength = .strong
        }
        guard m > out else { return }
        while m < mentions.count {
            mentions[out] = mentions[m]
            out += 1
            m += 1
        }
        mentions.removeLast(mentions.count - out)
    }

    /// A small number (a score) at token `k`, not a year or a date.
    func isScore(_ k: Int) -> Bool {
        guard k >= 0 && k < tokens.count else { return false }
        let t = tokens[k]
        guard t.isWord, t.shape & Shape.digit != 0, t.length <= 3 else { return false }
        if k + 1 < tokens.count && !tokens[k + 1].isWord && !tokens[k + 1].spaceBefore
            && (tokens[k + 1].kind == Punct.hyphen || tokens[k + 1].kind == Punct.period || tokens[k + 1].kind == Punct.colon)
        {
            return false
        }
        var b = Int(t.start)
        while b < Int(t.end) {
            if !isDigit(text[b]) { return false }
            b += 1
        }
        return true
    }

    func phraseFlags(_ i: Int, _ j: Int) -> UInt32 { i == j ? tokens[i].lex : gaz.flags(phraseHash(i, j)) }

    /// "Afghan Voice Agency (AVA)": the acronym names the same organization.
    mutating func defineAcronyms(_ text: UnsafeBufferPointer<UInt8>) {
        var m = 0
        let count = mentions.count
        while m < count {
            let mm = mentions[m]
            let l = Int(mm.last)
            if mm.first < mm.last, l + 3 < tokens.count, tokens[l + 1].kind == Punct.open, !tokens[l + 1].isWord,
                tokens[l + 2].isWord, tokens[l + 2].isAllCaps, tokens[l + 2].lex & Lex.named == 0,
                tokens[l + 3].kind == Punct.close, !tokens[l + 3].isWord
            {
                let acr = tokens[l + 2].hash
                doc[acr ^ Self.acronymKey] = DocEntry(
                    type: mm.type == .none ? .org : mm.type, strength: .strong, mention: Int32(m),
                    tokens: mm.last - mm.first + 1)
                // The acronym inside the parentheses is a mention of the same entity.
                if m + 1 < count && mentions[m + 1].first == Int32(l + 2) && mentions[m + 1].last == Int32(l + 2) {
                    mentions[m + 1].type = mm.type
                    mentions[m + 1].strength = .strong
                    mentions[m + 1].canonical = Int32(m)
                }
            }
            m += 1
        }
    }

    /// Records the document's names: whole phrases, surnames, parts of organizations.
    mutating func register() {
        for (idx, m) in mentions.enumerated()
        where m.strength >= .weak && m.type != .none && !segCaps[Int(tokens[Int(m.first)].segment)] {
            let i = Int(m.first)
            let j = Int(m.last)
            let h = phraseHash(i, j)
            let len = m.last - m.first + 1
            if i == j && m.strength < .strong {
                // A lone guess does not vouch for other mentions.
            } else if let e = doc[h] {
                if e.strength < m.strength {
                    doc[h] = DocEntry(type: m.type, strength: m.strength, mention: Int32(idx), tokens: len)
                }
            } else {
                doc[h] = DocEntry(type: m.type, strength: m.strength, mention: Int32(idx), tokens: len)
            }
            if m.type == .person && j > i {
                // The surname (last name word) and the given name.
                var s = j
                while s > i && (!isNameWord(tokens[s]) || tokens[s].length == 1 || isSuffix(tokens[s])) { s -= 1 }
                let key = tokens[s].hash ^ Self.surnameKey
                if let e = doc[key], e.tokens >= len, e.strength >= m.strength {
                } else {
                    doc[key] = DocEntry(type: .person, strength: m.strength, mention: Int32(idx), tokens: len)
                }
                if tokens[i].lex & Lex.first != 0 && m.strength == .strong || m.titled || tokens[i].lex == 0 {
                    let gkey = tokens[i].hash ^ Self.givenKey
                    if doc[gkey] == nil {
                        doc[gkey] = DocEntry(type: .person, strength: m.strength, mention: Int32(idx), tokens: len)
                    }
                }
            } else if m.type == .org && j > i {
                // "VfL Bochum", "Leeds United": a later lone "Bochum" or "Leeds" is the club.
                if Self.clubFirst.contains(tokens[i].hash) || Self.clubWords.contains(tokens[j].hash)
                    || tokens[j].hash == Self.unitedHash
                {
                    for k in i...j where isNameWord(tokens[k]) && tokens[k].lex & Lex.gpe != 0
                        && tokens[k].lex & Lex.country == 0 && doc[tokens[k].hash ^ Self.clubKey] == nil
                    {
                        doc[tokens[k].hash ^ Self.clubKey] = DocEntry(
                            type: .org, strength: .strong, mention: Int32(idx), tokens: len)
                    }
                }
                // "General Binding Corp" is also "General Binding".
                if tokens[j].lex & Lex.orgSuffix != 0 && j - 1 > i {
                    let ph = phraseHash(i, j - 1)
                    if doc[ph] == nil {
                        doc[ph] = DocEntry(type: .org, strength: m.strength, mention: Int32(idx), tokens: len)
                    }
                }
                var k = i
                while k <= j {
                    let t = tokens[k]
                    if isNameWord(t) && t.lex & (Lex.named | Lex.common | Lex.title) == 0 {
                        let key = t.hash ^ Self.orgPartKey
                        if doc[key] == nil {
                            doc[key] = DocEntry(type: .org, strength: .weak, mention: Int32(idx), tokens: len)
                        }
                    } else if isNameWord(t) && t.lex & Lex.orgHead != 0 && t.lex & Lex.named == 0 {
                        let key = t.hash ^ Self.orgPartKey
                        if doc[key] == nil {
                            doc[key] = DocEntry(type: .org, strength: .maybe, mention: Int32(idx), tokens: len)
                        }
                    }
                    k += 1
                }
            }
        }
    }

    func isSuffix(_ t: Token) -> Bool {
        t.hash == Self.jrHash || t.hash == Self.jrDotHash || t.hash == Self.srDotHash || t.hash == Self.iiHash
            || t.hash == Self.iiiHash
    }
    static let jrHash = wordHash("jr")
    static let jrDotHash = wordHash("jr.")
    static let srDotHash = wordHash("sr.")
    static let iiHash = wordHash("ii")
    static let iiiHash = wordHash("iii")

    /// Headlines in capitals: only known names (gazetteer or seen in the document).
    mutating func capsSegments() {
        let n = tokens.count
        var i = 0
        let before = mentions.count
        while i < n {
            let t = tokens[i]
            guard t.isWord, segCaps[Int(t.segment)], t.shape & Shape.digit == 0, t.kind == Conn.none || t.isAllCaps else {
                i += 1
                continue
            }
            // Longest match in the document's names, then the gazetteer.
            var best = -1
            var bestType = EntityType.none
            var bestCanon: Int32 = -1
            var h = t.hash
            var k = i
            let limit = min(n - 1, i + 7)
            while k <= limit {
                if k > i {
                    let tk = tokens[k]
                    if tk.segment != t.segment || !(tk.isWord || tk.kind == Punct.hyphen || tk.kind == Punct.amp) { break }
                    h = Hash.combine(h, tk.hash)
                }
                if isNameWord(tokens[k]) {
                    if let e = doc[h], e.strength >= .weak {
                        best = k
                        bestType = e.type
                        bestCanon = e.mention
                    } else {
                        let f = k == i ? t.lex : gaz.flags(h)
                        if f & (Lex.gpe | Lex.loc | Lex.norp) != 0 || (f & Lex.org != 0 && (k > i || t.length > 2)) {
                            best = k
                            bestType = typeOf(f)
                            bestCanon = -1
                        }
                    }
                }
                k += 1
            }
            if best < 0, let e = doc[t.hash ^ Self.surnameKey], e.strength == .strong {
                best = i
                bestType = .person
                bestCanon = e.mention
            }
            if best == i && bestType == .gpe && t.lex & Lex.country == 0, let e = doc[t.hash ^ Self.clubKey] {
                bestType = .org  // "BOCHUM" in a headline over a report on VfL Bochum
                bestCanon = e.mention
            }
            if best >= 0 {
                var m = Mention(first: Int32(i), last: Int32(best), type: bestType, strength: .strong)
                m.canonical = bestCanon
                mentions.append(m)
                i = best + 1
            } else {
                i += 1
            }
        }
        if mentions.count > before && before > 0 {
            mentions.sort { $0.first < $1.first }
            // Canonical indexes moved: recompute them in resolve() from the table.
            for idx in mentions.indices { mentions[idx].canonical = -1 }
            rebuildCanonicalIndexes()
        }
    }

    /// After sorting, the table's mention indexes are stale: rebuild the table.
    mutating func rebuildCanonicalIndexes() {
        doc.removeAll()
        defineAcronyms(UnsafeBufferPointer(start: nil, count: 0))
        register()
        // Mentions found in headlines point at the table again in resolve().
        for idx in mentions.indices where segCaps[Int(tokens[Int(mentions[idx].first)].segment)] {
            let m = mentions[idx]
            let h = phraseHash(Int(m.first), Int(m.last))
            if let e = doc[h], e.mention != Int32(idx) {
                mentions[idx].canonical = e.mention
            } else if m.first == m.last, let e = doc[tokens[Int(m.first)].hash ^ Self.surnameKey] {
                mentions[idx].canonical = e.mention
            }
        }
    }

    /// Types weak mentions from the document's strong ones and links short forms to full ones.
    mutating func resolve() {
        remapTable.removeAll(keepingCapacity: true)
        remapTable.append(contentsOf: repeatElement(-1, count: mentions.count))
        var out = 0
        for idx in mentions.indices {
            var m = mentions[idx]
            let i = Int(m.first)
            let j = Int(m.last)
            let single = i == j
            if m.strength < .strong || m.type == .person || m.type == .org || (single && m.type == .gpe) {
                let h = phraseHash(i, j)
                if let e = doc[h], e.strength > m.strength || (e.strength == m.strength && e.mention != Int32(idx)) {
                    if e.strength == .strong || m.strength == .maybe {
                        m.type = e.type
                        m.strength = max(m.strength, .weak)
                    }
                    if e.mention != Int32(idx) && e.type == m.type {
                        let c = canonicalOf(e.mention)
                        let cm = mentions[Int(c)]
                        if cm.last - cm.first > m.last - m.first { m.canonical = c }
                    }
                }
                if single {
                    let th = tokens[i].hash
                    if let e = doc[th ^ Self.acronymKey] {
                        m.type = e.type
                        m.strength = .strong
                        m.canonical = canonicalOf(e.mention)
                    } else if let e = doc[th ^ Self.surnameKey], e.mention != Int32(idx),
                        m.strength < .strong || m.type == .person || (e.tokens >= 2 && m.type == .gpe)
                    {
                        m.type = .person
                        m.strength = max(m.strength, .weak)
                        m.canonical = canonicalOf(e.mention)
                    } else if tokens[i].lex & Lex.first != 0 || (m.type == .person && m.titled),
                        let e = doc[th ^ Self.givenKey], e.mention != Int32(idx),
                        m.type != .norp, m.type != .org || m.strength < .strong
                    {
                        m.type = .person
                        m.strength = max(m.strength, .weak)
                        m.canonical = canonicalOf(e.mention)
                    } else if m.strength < .strong, let e = doc[th ^ Self.orgPartKey], e.mention != Int32(idx),
                        m.type != .person || afterThe(i) || m.strength == .maybe || !followedBySpeech(i)
                            || tokens[Int(mentions[Int(e.mention)].first)].hash == th,
                        e.strength >= .weak || m.strength == .maybe && !tokens[i].sentStart || afterThe(i)
                    {
                        m.type = .org
                        m.strength = max(m.strength, .weak)
                        m.canonical = canonicalOf(e.mention)
                    }
                    if m.type == .gpe, tokens[i].lex & Lex.country == 0, let e = doc[th ^ Self.clubKey],
                        e.mention != Int32(idx), !(i > 0 && tokens[i - 1].isWord && isPlacePreposition(tokens[i - 1]))
                    {
                        m.type = .org
                        m.canonical = canonicalOf(e.mention)
                    }
                } else if m.type == .person && m.canonical < 0 {
                    // "Donald Trump" after "Donald J. Trump": same surname, fewer words.
                    var s = j
                    while s > i && (!isNameWord(tokens[s]) || tokens[s].length == 1) { s -= 1 }
                    if let e = doc[tokens[s].hash ^ Self.surnameKey], e.mention != Int32(idx),
                        e.tokens > m.last - m.first + 1,
                        tokens[Int(mentions[Int(e.mention)].first)].hash == tokens[i].hash
                            || endsWith(Int(e.mention), i, j)
                    {
                        m.canonical = canonicalOf(e.mention)
                    }
                }
            }
            if m.strength == .maybe || m.type == .none { continue }
            // Never two mentions over the same text (a safety net; runs stay within a segment).
            if out > 0 && mentions[out - 1].last >= m.first { continue }
            mentions[out] = m
            // Canonical indexes point at mentions before compaction: fix below.
            mentions[out].canonical = m.canonical
            remap(idx, out)
            out += 1
        }
        mentions.removeLast(mentions.count - out)
        finishRemap()
    }

    /// Whether mention `m` ends with the tokens i...j ("López Obrador" of "Andrés Manuel López Obrador").
    func endsWith(_ m: Int, _ i: Int, _ j: Int) -> Bool {
        var a = Int(mentions[m].last)
        var b = j
        let first = Int(mentions[m].first)
        while b >= i {
            if a < first || tokens[a].hash != tokens[b].hash { return false }
            a -= 1
            b -= 1
        }
        return true
    }

    func afterThe(_ i: Int) -> Bool {
        i > 0 && tokens[i - 1].isWord && tokens[i - 1].hash == Self.theHash
    }
    static let theHash = wordHash("the")

    func canonicalOf(_ m: Int32) -> Int32 {
        let c = mentions[Int(m)].canonical
        return c >= 0 ? c : m
    }

    // Canonical indexes refer to positions before dropped mentions were removed;
    // canonical targets are always kept mentions (strong or weak), so map old to new.
    var remapTable: [Int32] = []

    mutating func remap(_ old: Int, _ new: Int) {
        remapTable[old] = Int32(new)
    }

    mutating func finishRemap() {
        for k in mentions.indices {
            let c = mentions[k].canonical
            if c >= 0 {
                let nc = Int(c) < remapTable.count ? remapTable[Int(c)] : -1
                mentions[k].canonical = nc >= 0 && Int(nc) != k ? nc : -1
            }
        }
    }
}

/// FNV hash of a lower-case ASCII word, as the tokenizer computes it.
func wordHash(_ s: StaticString) -> UInt64 {
    var h = Hash.offset
    s.withUTF8Buffer { for b in $0 { h = (h ^ UInt64(b)) &* Hash.prime } }
    return h
}

func wordHash(_ s: String) -> UInt64 {
    var h = Hash.offset
    for b in s.utf8 { h = (h ^ UInt64(b)) &* Hash.prime }
    return h
}

@inline(__always)
func equalBytes(_ t: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ n: Int) -> Bool {
    var k = 0
    while k < n {
        if t[a + k] != t[b + k] { return false }
        k += 1
    }
    return true
}

/// Whether the `n` bytes at `a[i...]` and `b[j...]` are the same but for ASCII
/// case: a name's canonical form is not its headline or dateline in capitals
/// ("Frankfurt" after "FRANKFURT, March 3 -").
func equalFolded(
    _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ j: Int, _ n: Int
) -> Bool {
    var k = 0
    while k < n {
        if lowerASCII(a[i + k]) != lowerASCII(b[j + k]) { return false }
        k += 1
    }
    return true
}
