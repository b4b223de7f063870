import PCRE2

/// The rules that are patterns, compiled once (UTF, UCP, JIT) with one matcher
/// each. A class, so that the annotator (a copyable struct) can own the
/// matchers, which are not copyable; one annotator per thread, so one matcher
/// per pattern per thread.
final class Patterns {
    /// A wire dateline: a place in capitals opening a line (group 1: the place,
    /// up to five words, "HOUSTON", "SAO PAULO", "AL-AIN"), then a comma or
    /// a parenthesis ("HOUSTON, Feb 26 -", "LONDON (Reuters) -", "AL-AIN ,
    /// United Arab Emirates"), a dash ("KABUL - ") or a numeric date
    /// ("BRUSSELS 1996-08-22").
    static let datelineSource =
        #"(?m)^[ \t]*(\p{Lu}[\p{Lu}.'’-]*(?:[ ]\p{Lu}[\p{Lu}.'’-]*){0,4})(?=[ ]?[,(]|[ ]?(?:-{1,2}|[–—])[ ]|[ ]\d{4})"#

    /// A stock ticker in angle brackets after a company's name, as wire copy
    /// writes it ("Standard Oil Co <SRD>", "Bell Canada <BCE.TO>"): one to
    /// six capitals or digits, an optional exchange suffix, nothing else.
    static let tickerSource = #"<[A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,3})?>"#

    var dateline: PCRE2.Matcher
    var ticker: PCRE2.Matcher

    init() throws {
        dateline = PCRE2.Matcher(try PCRE2.Pattern(Self.datelineSource))
        ticker = PCRE2.Matcher(try PCRE2.Pattern(Self.tickerSource))
    }
}
