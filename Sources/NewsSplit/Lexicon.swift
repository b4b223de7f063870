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

    init?(_ s: Substring) {
        let bytes = Array(s.utf8)
        guard let k = bytes.withUnsafeBufferPointer({ WordKey($0, 0, $0.count) }) else { return nil }
        self = k
    }
}

/// The word lists, compiled once into hash tables.
struct Lexicon: Sendable {
    var abbreviations: [WordKey: AbbreviationKind] = [:]
    var openers: Set<WordKey> = []
    var timeFollowers: Set<WordKey> = []
    var placeFollowers: Set<WordKey> = []
    var weekdays: Set<WordKey> = []
    var months: Set<WordKey> = []
    var speechVerbs: Set<WordKey> = []
    var figureLabels: Set<WordKey> = []

    static let shared = Lexicon()

    private init() {
        func words(_ s: String) -> [WordKey] {
            s.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { WordKey($0) }
        }
        for k in words(WordLists.ambiguous) { abbreviations[k] = .ambiguous }
        for k in words(WordLists.prefixes) { abbreviations[k] = .prefix }
        for k in words(WordLists.times) { abbreviations[k] = .time }
        for k in words(WordLists.places) { abbreviations[k] = .place }
        openers = Set(words(WordLists.openers))
        timeFollowers = Set(words(WordLists.timeFollowers))
        placeFollowers = Set(words(WordLists.placeFollowers))
        weekdays = Set(words(WordLists.weekdays))
        months = Set(words(WordLists.months))
        speechVerbs = Set(words(WordLists.speechVerbs))
        figureLabels = Set(words(WordLists.figureLabels))
    }
}
