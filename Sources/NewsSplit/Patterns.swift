import PCRE2

/// The splitter's rules that are naturally patterns, as compiled PCRE2
/// expressions: a date opening a dateline, a figure label, a caption's
/// credit label, and a web address (URL, e-mail address, host name or IP
/// address) around a period with no space after it.
///
/// Each pattern is anchored with `\G` at the offset it is tried from and
/// bounded in length, so a try costs at most a few dozen bytes; the
/// segmenter's byte scan finds the candidates and tries a pattern only there.
/// The word alternations are built from `WordLists`, the same lists the
/// lexicon uses. The patterns are compiled once per process and shared;
/// each `SplitPatterns` (one per segmenter, so one per thread) owns its matchers.
final class SplitPatterns {
    /// "Thursday, May 7, 2015", "May 7, 2015": group 1 is the weekday.
    static let date = compile(
        #"\G(?:("# + alternation(WordLists.weekdays) + #"),\x20)?(?:"# + alternation(WordLists.months)
            + #")\x20[0-9]{1,2},\x20[0-9]{4}"#)

    /// "Figure 1.3 This map …": a capitalized label, a number (dotted parts
    /// allowed), a space and a capital letter; the match ends where the caption starts.
    static let figureLabel = compile(
        #"\G(?=[A-Z][a-z]*\x20)(?:"# + alternation(WordLists.figureLabels)
            + #")\x20[0-9](?:[0-9]|\.(?=[0-9])){0,16}\x20(?=[A-Z])"#)

    /// "… Ahmed Mohamed Image: Twitter": a capitalized credit label after a
    /// word and a space, then a colon, a space and a capital letter.
    static let captionLabel = compile(
        #"\G(?<=[\p{L}\p{N}]\x20)(?=[A-Z])(?:"# + alternation(WordLists.captionLabels) + #"):\x20(?=[A-Z])"#)

    /// A token that is a web address, tried from the token's start: a URL
    /// with a scheme, a `www.` name, an e-mail address, a path, a host name
    /// of three parts or more, an IPv4 address. Every repetition is bounded,
    /// so a megabyte without spaces costs a bounded amount per try.
    static let webAddress = compile(
        #"""
        \G(?:
            [a-z][a-z0-9+.\-]{1,15}:[^\s]                       # scheme: http://, mailto:x
          | www\.[^\s]                                          # www.example
          | [^\s@]{1,64}@[a-z0-9\-]                             # an e-mail address
          | [^\s/]{1,64}/[^\s]                                  # a path or a URL without scheme
          | [a-z0-9\-]{1,63}(?:\.[a-z0-9\-]{1,63}){2,8}(?![a-z0-9\-])  # host.example.org
          | [0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9])              # 192.0.2.1
        )
        """#, options: [.caseless, .extended])

    var date: PCRE2.Matcher
    var figureLabel: PCRE2.Matcher
    var captionLabel: PCRE2.Matcher
    var webAddress: PCRE2.Matcher

    init() {
        date = PCRE2.Matcher(Self.date)
        figureLabel = PCRE2.Matcher(Self.figureLabel)
        captionLabel = PCRE2.Matcher(Self.captionLabel)
        webAddress = PCRE2.Matcher(Self.webAddress)
    }

    /// `a|b|c` of the words of a list, longest first, case-insensitive.
    static func alternation(_ list: String) -> String {
        let words = list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        return "(?i:" + words.sorted { $0.count > $1.count }.joined(separator: "|") + ")"
    }

    /// Our own patterns: one that does not compile is a bug, caught by the tests.
    static func compile(_ source: String, options: PCRE2.Options = []) -> PCRE2.Pattern {
        do {
            return try PCRE2.Pattern(source, options: options)
        } catch {
            fatalError("news-split: pattern \(source): \(error)")
        }
    }
}
