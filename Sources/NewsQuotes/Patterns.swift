// The rules that read best as patterns, compiled once with PCRE2 and matched
// only in short windows around a quotation that the byte scan has found: a
// window never runs past `Patterns.span` bytes, so no match can cost more
// than that, whatever the text.

import PCRE2

/// The compiled patterns and their matchers, one set per annotator.
///
/// A class: a matcher owns its match data and cannot be copied, and the
/// annotator (a copyable struct) holds this box instead.
final class Patterns {
    /// How many bytes a window holds at most.
    static let span = 512

    /// `— Publication, 13 November 2008` after a headline: a dash, then a
    /// four-digit year later on the same line.
    var sourceLine: PCRE2.Matcher
    /// Multi-word attribution phrases read as one cue, at the start of the
    /// window: group 1 `according to`, group 2 `in the words of`.
    var phrase: PCRE2.Matcher

    init() throws {
        sourceLine = PCRE2.Matcher(try PCRE2.Pattern(
            #"\G[ \t]*[\x{2013}\x{2014}\-][^\n]{0,200}?(?<![0-9])[0-9]{4}(?![0-9])"#))
        phrase = PCRE2.Matcher(try PCRE2.Pattern(
            #"\G(?:(according[ \t]+to)|(in[ \t]+the[ \t]+words[ \t]+of))\b"#, options: [.caseless]))
    }

    /// The text from byte `lo` on, at most `span` bytes, cut at a character
    /// boundary (the patterns are matched without a UTF-8 check).
    @inline(__always)
    static func window(_ t: UnsafeBufferPointer<UInt8>, from lo: Int) -> UnsafeBufferPointer<UInt8> {
        var hi = min(t.count, lo + span)
        while hi > lo, hi < t.count, t[hi] & 0xC0 == 0x80 { hi -= 1 }
        return UnsafeBufferPointer(rebasing: t[lo..<hi])
    }

    /// Whether a source line (`— Publication, 2008`) follows byte `end`.
    func sourceLineFollows(_ t: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
        let w = Self.window(t, from: end)
        return ((try? sourceLine.firstRange(in: w)) ?? nil) != nil
    }

    /// The phrase cue starting at byte `start`: 1 `according to`, 2 `in the
    /// words of`, or 0.
    func phraseCue(_ t: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let w = Self.window(t, from: start)
        guard ((try? phrase.firstRange(in: w)) ?? nil) != nil else { return 0 }
        return phrase.lastGroup(1) != nil ? 1 : 2
    }
}
