/// A lower-cased ASCII word of at most 16 bytes, packed into two integers so
/// a lookup needs no allocation.
struct WordKey: Hashable, Sendable {
    var a: UInt64 = 0
    var b: UInt64 = 0

    /// The key of `t[from ..< to]`, lower-cased; nil if longer than 16 bytes or empty.
    /// The typographic apostrophe (U+2019) counts as `'`.
    @inline(__always)
    init?(_ t: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
        var n = 0
        var i = from
        while i < to {
            var c = t[i]
            if c == 0xE2 && i + 2 < to && t[i + 1] == 0x80 && t[i + 2] == 0x99 {
                c = UInt8(ascii: "'")
                i += 2
            }
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            if n >= 16 { return nil }
            if n < 8 { a |= UInt64(c) << (8 * UInt64(n)) } else { b |= UInt64(c) << (8 * UInt64(n - 8)) }
            n += 1
            i += 1
        }
        if n == 0 { return nil }
    }

    /// The key of no word (both parts zero).
    init() {}

    init?(_ s: Substring) {
        let bytes = Array(s.utf8)
        guard let k = bytes.withUnsafeBufferPointer({ WordKey($0, 0, $0.count) }) else { return nil }
        self = k
    }
}

/// Words with a value each, in an open-addressing table: a lookup hashes the
/// key's two words with two multiplies and compares two words per probe
/// (`Set` and `Dictionary` hashed every key with SipHash, 2% of the run).
/// Built once and never freed: the tables live as long as the process.
struct WordTable<Value>: @unchecked Sendable {
    private let keys: UnsafeMutablePointer<WordKey>
    private let values: UnsafeMutablePointer<Value>
    private let mask: Int

    /// A later entry for the same key replaces the earlier one.
    init(_ entries: [(WordKey, Value)]) {
        var size = 16
        while size < entries.count * 3 { size *= 2 }
        mask = size - 1
        // An empty slot holds the key of no word: every word's first byte is in `a`.
        keys = .allocate(capacity: size)
        keys.initialize(repeating: WordKey(), count: size)
        values = .allocate(capacity: size)
        for (key, value) in entries {
            var slot = WordTable.hash(key) & mask
            while keys[slot].a != 0 && keys[slot] != key { slot = (slot + 1) & mask }
            if keys[slot] == key { values[slot] = value } else { (values + slot).initialize(to: value) }
            keys[slot] = key
        }
    }

    @inline(__always)
    static func hash(_ k: WordKey) -> Int {
        let h = (k.a &* 0x9E37_79B9_7F4A_7C15) ^ (k.b &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: h >> 32)
    }

    @inline(__always)
    subscript(_ key: WordKey) -> Value? {
        var slot = WordTable.hash(key) & mask
        while true {
            let k = keys[slot]
            if k == key && k.a != 0 { return values[slot] }
            if k.a == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }
}

extension WordTable where Value == Void {
    init(_ words: [WordKey]) { self.init(words.map { ($0, ()) }) }

    @inline(__always)
    func contains(_ key: WordKey) -> Bool { self[key] != nil }
}

typealias WordSet = WordTable<Void>

/// The word lists, compiled once into hash tables.
struct Lexicon: Sendable {
    let abbreviations: WordTable<AbbreviationKind>
    let openers: WordSet
    let timeFollowers: WordSet
    let placeFollowers: WordSet
    let weekdays: WordSet
    let months: WordSet
    let speechVerbs: WordSet
    let figureLabels: WordSet

    static let shared = Lexicon()

    private init() {
        func words(_ s: String) -> [WordKey] {
            s.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { WordKey($0) }
        }
        // Where a word is in two lists, the later kind wins.
        abbreviations = WordTable(
            words(WordLists.ambiguous).map { ($0, AbbreviationKind.ambiguous) }
                + words(WordLists.prefixes).map { ($0, .prefix) }
                + words(WordLists.times).map { ($0, .time) }
                + words(WordLists.places).map { ($0, .place) })
        openers = WordSet(words(WordLists.openers))
        timeFollowers = WordSet(words(WordLists.timeFollowers))
        placeFollowers = WordSet(words(WordLists.placeFollowers))
        weekdays = WordSet(words(WordLists.weekdays))
        months = WordSet(words(WordLists.months))
        speechVerbs = WordSet(words(WordLists.speechVerbs))
        figureLabels = WordSet(words(WordLists.figureLabels))
    }
}
