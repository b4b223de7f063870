import PCRE2

/// The rules that are patterns, compiled once (UTF, UCP, JIT) with one matcher
/// each. A class, so that the annotator (a copyable struct) can own the
/// matchers, which are not copyable; one annotator per thread, so one matcher
/// per pattern per thread. Each is matched only at a candidate: a short
/// subject that starts at a numeric literal glued to punctuation, so the cost
/// stays proportional to the candidates, not the text.
final class Patterns {
    /// Digits that are a time, a date or a code, not a quantity: clock times
    /// ("12:55", "2:20:51", "09:30.5"), ISO dates ("2025-01-31"), numeric dates
    /// ("5/17/2018", "17.05.2018"), telephone and serial numbers
    /// ("1-800-555-0199", "44-20-7946"; hyphens only, so price
    /// ranges such as "96.08-12" stay numbers), dotted addresses ("192.168.0.1").
    /// Anchored at the literal's first byte; not followed by a digit or letter.
    static let codeSource =
        #"^(?:\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?"#
        + #"|\d{4}-\d{2}-\d{2}"#
        + #"|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})"#
        + #"|\d{1,4}(?:-\d{2,4}){2,}"#
        + #"|\d{1,3}(?:\.\d{1,3}){3})"#
        + #"(?![\d\p{L}])"#

    /// The longest subject a code pattern is tried on, in bytes.
    static let codeReach = 40

    var code: PCRE2.Matcher

    init() throws {
        code = PCRE2.Matcher(try PCRE2.Pattern(Self.codeSource))
    }

    /// The length in bytes of the code that starts at `s` in `text`, or 0.
    func codeLength(_ text: UnsafeBufferPointer<UInt8>, at s: Int) -> Int {
        var e = min(text.count, s + Self.codeReach)
        while e < text.count && e > s && text[e] & 0xC0 == 0x80 { e -= 1 }  // a character boundary
        let subject = UnsafeBufferPointer(rebasing: text[s..<e])
        // A limit cannot be reached on forty bytes; were it, the literal stays a number.
        guard let r = (try? code.firstRange(in: subject)) ?? nil else { return 0 }
        if r.upperBound == subject.count && e < text.count {
            let b = text[e]
            if b &- 48 < 10 || (b | 0x20) &- 97 < 26 || b >= 0x80 { return 0 }  // the code went on past the subject
        }
        return r.upperBound
    }
}
