import Testing
@testable import PCRE2

/// The UTF-8 bytes of `text` in memory of their own, never freed: a test
/// process is short-lived, and a plain pointer keeps the tests free of closures
/// (the `Matcher` is `~Copyable` and cannot be captured by `#expect`).
private func bytes(_ text: String) -> UnsafeBufferPointer<UInt8> {
    let utf8 = Array(text.utf8)
    let p = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, utf8.count))
    _ = p.initialize(from: utf8)
    return UnsafeBufferPointer(rebasing: p[0..<utf8.count])
}

/// Every match of `pattern` in `text`, as byte ranges (`forEachRange`).
private func allRanges(_ pattern: String, in text: String, options: PCRE2.Options = []) throws -> [Range<Int>] {
    let compiled = try PCRE2.Pattern(pattern, options: options)
    var matcher = PCRE2.Matcher(compiled)
    var found: [Range<Int>] = []
    try matcher.forEachRange(in: bytes(text)) { found.append($0); return true }
    return found
}

// MARK: - Compiling

@Suite struct CompileTests {
    /// A pattern the library rejects, the offset of the fault in the pattern,
    /// and a word PCRE2's own message for it contains.
    struct BadPattern: Sendable, CustomStringConvertible {
        let pattern: String
        let offset: Int
        let messageWord: String
        var description: String { pattern }
    }

    static let badPatterns: [BadPattern] = [
        // The ')' at offset 3 closes nothing.
        BadPattern(pattern: "abc)", offset: 3, messageWord: "parenthesis"),
        // The group opened at 0 is still open at the end of the pattern (offset 4).
        BadPattern(pattern: "(abc", offset: 4, messageWord: "parenthesis"),
        // A class never closed: the fault is found at the end (offset 3).
        BadPattern(pattern: "[ab", offset: 3, messageWord: "terminat"),
        // A backslash with nothing after it: the end of the pattern (offset 2).
        BadPattern(pattern: "a\\", offset: 2, messageWord: "end of pattern"),
        // The range z-a is out of order; PCRE2 points at its upper end, the 'a' at offset 5.
        BadPattern(pattern: "ab[z-a]", offset: 5, messageWord: "out of order"),
    ]

    @Test(arguments: badPatterns)
    func compileErrorCarriesMessageAndOffset(_ bad: BadPattern) {
        do {
            _ = try PCRE2.Pattern(bad.pattern)
            Issue.record("\(bad.pattern) compiled, but it is not a valid pattern")
        } catch {
            #expect(error.offset == bad.offset)
            #expect(error.code > 0, "compile errors have positive codes")
            #expect(error.message.contains(bad.messageWord), "message: \(error.message)")
            #expect(!error.message.hasPrefix("PCRE2 error"), "the library's own text, not a fallback")
            #expect(error.description.contains(error.message))
            #expect(!error.isResourceLimit)
        }
    }

    @Test func quantifierWithNothingToRepeatFailsAtOffsetZero() {
        #expect(throws: PCRE2.Error.self) { try PCRE2.Pattern("*a") }
        do {
            _ = try PCRE2.Pattern("*a")
        } catch {
            #expect(error.offset <= 1)
            #expect(error.message.contains("quantifier"), "message: \(error.message)")
        }
    }

    @Test(arguments: ["[.!?][\"”’)]*\\s+[A-Z“\"]", "\\b\\d{1,3}(?:,\\d{3})*(?:\\.\\d+)?\\b", "(?i)said|says", "\\p{Lu}\\p{Ll}+"])
    func patternsAreJITCompiled(_ source: String) throws {
        let pattern = try PCRE2.Pattern(source)
        #expect(pattern.isJITCompiled, "JIT should be on for \(source)")
        #expect(pattern.source == source)
    }

    @Test func captureCountIsReported() throws {
        #expect(try PCRE2.Pattern("a(b)(c(d))?(?:e)").captureCount == 3)
        #expect(try PCRE2.Pattern("abc").captureCount == 0)
    }
}

// MARK: - Matching

@Suite struct MatchTests {
    @Test func matchAndGroupsAreUTF8ByteOffsets() throws {
        // "café " is c,a,f (3 bytes) + é (2) + space (1) = 6 bytes; the second
        // "é" is bytes 6..<8 and "clair" 8..<13. The first "é" is followed by
        // a space, so the match is the second one.
        var matcher = PCRE2.Matcher(try PCRE2.Pattern("é(\\w+)"))
        let m = try #require(try matcher.firstMatch(in: bytes("café éclair")))
        #expect(m.range == 6..<13)
        #expect(m[0] == 6..<13)
        #expect(m[1] == 8..<13)
        #expect(m[2] == nil, "no such group")
        let group = matcher.lastGroup(1)
        #expect(group == 8..<13)
    }

    @Test func unsetGroupIsNil() throws {
        var matcher = PCRE2.Matcher(try PCRE2.Pattern("(a)|(b)"))
        let m = try #require(try matcher.firstMatch(in: bytes("xb")))
        #expect(m.range == 1..<2)
        #expect(m[1] == nil)
        #expect(m[2] == 1..<2)
        let groups = (1...3).map { matcher.lastGroup($0) }
        #expect(groups == [nil, 1..<2, nil])
    }

    @Test func firstRangeFromAnOffsetSeesLookbehind() throws {
        var matcher = PCRE2.Matcher(try PCRE2.Pattern("(?<=a)b"))
        let s = bytes("abab")
        let found = [
            try matcher.firstRange(in: s, from: 0), try matcher.firstRange(in: s, from: 2),
            try matcher.firstRange(in: s, from: 4),
        ]
        #expect(found == [1..<2, 3..<4, nil])
    }

    @Test func noMatchIsNil() throws {
        var matcher = PCRE2.Matcher(try PCRE2.Pattern("z+"))
        let s = bytes("abc")
        let match = try matcher.firstMatch(in: s)
        let range = try matcher.firstRange(in: s)
        let matches = matcher.matches(s)
        #expect(match == nil)
        #expect(range == nil)
        #expect(!matches)
    }

    @Test func emptySubject() throws {
        var matcher = PCRE2.Matcher(try PCRE2.Pattern("x*"))
        let range = try matcher.firstRange(in: UnsafeBufferPointer(start: nil, count: 0))
        #expect(range == 0..<0)
        #expect(try allRanges("x*", in: "") == [0..<0])
        #expect(try allRanges("x", in: "") == [])
    }

    @Test func unicodePropertiesAreOn() throws {
        // UCP: \w takes é (bytes 1..<3 of "débat"), \d takes ARABIC-INDIC DIGIT THREE (2 bytes).
        #expect(try allRanges("\\w+", in: "débat") == [0..<6])
        #expect(try allRanges("\\d", in: "a٣b") == [1..<3])
        // Caseless works beyond ASCII: É (2 bytes) matches é.
        #expect(try allRanges("é", in: "ÉTÉ", options: .caseless) == [0..<2, 3..<5])
        // "." is one character, not one byte: 🎉 is 4 bytes.
        #expect(try allRanges("^.$", in: "🎉") == [0..<4])
    }

    @Test func optionsChangeTheMatch() throws {
        #expect(try allRanges("^b", in: "a\nb") == [])
        #expect(try allRanges("^b", in: "a\nb", options: .multiline) == [2..<3])
        #expect(try allRanges("a.b", in: "a\nb") == [])
        #expect(try allRanges("a.b", in: "a\nb", options: .dotAll) == [0..<3])
        #expect(try allRanges("a b # comment", in: "ab", options: .extended) == [0..<2])
    }

    @Test func matchOptions() throws {
        var matcher = PCRE2.Matcher(try PCRE2.Pattern("^a"))
        let ab = bytes("ab")
        let plain = try matcher.firstRange(in: ab)
        let notBOL = try matcher.firstRange(in: ab, options: .notBOL)
        #expect(plain == 0..<1)
        #expect(notBOL == nil)
        var empty = PCRE2.Matcher(try PCRE2.Pattern("a*"))
        let ba = bytes("ba")
        let first = try empty.firstRange(in: ba)
        let nonEmpty = try empty.firstRange(in: ba, options: .notEmptyAtStart)
        #expect(first == 0..<0)
        #expect(nonEmpty == 1..<2)
    }
}

// MARK: - Iterating

@Suite struct ForEachRangeTests {
    struct Case: Sendable, CustomStringConvertible {
        let pattern: String
        let text: String
        let expected: [Range<Int>]
        var description: String { "\(pattern) on \(text)" }
    }

    /// Expected ranges in bytes, worked out by hand from each text's UTF-8 layout.
    static let cases: [Case] = [
        // Non-overlapping, left to right.
        Case(pattern: "aa", text: "aaaaa", expected: [0..<2, 2..<4]),
        // é is bytes 0..<2, x 2..<3, é 3..<5. After the empty match at 0 the
        // search resumes at 2 (one character on, not one byte); as Python's
        // re.finditer("x*", "éxé") gives (0,0) (1,2) (2,2) (3,3) in code points.
        Case(pattern: "x*", text: "éxé", expected: [0..<0, 2..<3, 3..<3, 5..<5]),
        // 😀 is 4 bytes: the empty pattern matches at 0, 4 and 5, never inside it.
        Case(pattern: "", text: "😀a", expected: [0..<0, 4..<4, 5..<5]),
        // 中 and 文 are 3 bytes each.
        Case(pattern: "(?=文)|$", text: "中文", expected: [3..<3, 6..<6]),
        Case(pattern: "\\b", text: "ab cd", expected: [0..<0, 2..<2, 3..<3, 5..<5]),
    ]

    @Test(arguments: cases)
    func ranges(_ c: Case) throws {
        #expect(try allRanges(c.pattern, in: c.text) == c.expected)
    }

    @Test func stopsWhenBodyReturnsFalse() throws {
        var matcher = PCRE2.Matcher(try PCRE2.Pattern("a"))
        var seen: [Range<Int>] = []
        try matcher.forEachRange(in: bytes("aaaa")) { seen.append($0); return seen.count < 2 }
        #expect(seen == [0..<1, 1..<2])
    }

    @Test func startsAtTheGivenOffset() throws {
        var matcher = PCRE2.Matcher(try PCRE2.Pattern("a"))
        var seen: [Range<Int>] = []
        try matcher.forEachRange(in: bytes("aXaXa"), from: 1) { seen.append($0); return true }
        #expect(seen == [2..<3, 4..<5])
    }
}

// MARK: - Limits

@Suite struct LimitTests {
    /// Nested quantifiers that fail at the very end: exponential backtracking
    /// without limits, on subjects long enough that no engine finishes them
    /// without one. Each comes with a short subject it does match.
    struct Catastrophe: Sendable, CustomStringConvertible {
        let pattern: String
        let subject: String
        let matching: String
        var description: String { pattern }
    }

    static let catastrophes: [Catastrophe] = [
        Catastrophe(pattern: "(a+)+$", subject: String(repeating: "a", count: 5_000) + "!", matching: "aaa"),
        Catastrophe(pattern: "^(\\w+\\s?)*$", subject: String(repeating: "word ", count: 2_000) + "!", matching: "a b"),
        Catastrophe(pattern: "^(a|aa)+$", subject: String(repeating: "a", count: 5_000) + "!", matching: "aaa"),
    ]

    @Test(.timeLimit(.minutes(1)), arguments: catastrophes)
    func catastrophicBacktrackingThrowsAResourceLimit(_ c: Catastrophe) throws {
        var matcher = PCRE2.Matcher(try PCRE2.Pattern(c.pattern))
        let subject = bytes(c.subject)
        do {
            let r = try matcher.firstRange(in: subject)
            Issue.record("\(c.pattern) gave \(String(describing: r)) instead of hitting a limit")
        } catch {
            #expect(error.isResourceLimit, "\(error.code): \(error.message)")
            #expect(!error.message.isEmpty)
        }
        // A limit counts as no match for `matches`, and the matcher still works afterwards.
        let matched = matcher.matches(subject)
        #expect(!matched)
        let again = try matcher.firstRange(in: bytes(c.matching))
        #expect(again == 0..<c.matching.utf8.count)
    }

    @Test func tinyMatchLimitIsHonoured() throws {
        var matcher = PCRE2.Matcher(try PCRE2.Pattern("(a+)+$"), matchLimit: 1_000)
        do {
            let r = try matcher.firstRange(in: bytes(String(repeating: "a", count: 25) + "!"))
            Issue.record("no limit hit: \(String(describing: r))")
        } catch {
            #expect(error.isResourceLimit, "\(error.code): \(error.message)")
        }
    }

    @Test func errorCodesAndMessages() {
        // PCRE2_ERROR_MATCHLIMIT is -47, PCRE2_ERROR_DEPTHLIMIT -53, PCRE2_ERROR_JIT_STACKLIMIT -46.
        for code: Int32 in [-47, -53, -46] {
            let e = PCRE2.Error(code: code)
            #expect(e.isResourceLimit)
            #expect(e.message.contains("limit"), "\(code): \(e.message)")
            #expect(e.description == e.message, "no pattern offset for a match error")
        }
        #expect(!PCRE2.Error(code: -1).isResourceLimit, "no match is not a limit")
        #expect(PCRE2.Error(code: 114, offset: 4).description.hasSuffix("at pattern offset 4"))
    }

    @Test func deepButHarmlessInputNeedsTheBiggerJITStack() throws {
        // A group repeated 200,000 times recurses once per repetition; the JIT
        // needs more than its default stack and must get it (or report a limit),
        // never crash.
        var matcher = PCRE2.Matcher(try PCRE2.Pattern("^(?:a|b)*c"))
        let subject = String(repeating: "ab", count: 100_000) + "c"
        do {
            let r = try matcher.firstRange(in: bytes(subject))
            #expect(r == 0..<200_001)
        } catch {
            #expect(error.isResourceLimit)
        }
    }
}

// MARK: - Threads

@Suite struct ThreadTests {
    @Test func onePatternManyMatchers() async throws {
        let pattern = try PCRE2.Pattern("[.!?]\\s+[A-Z]")
        let text = String(repeating: "One. Two! Three? four. ", count: 2_000)
        // Per repetition: ". T", "! T" match; "? f" does not (lower case);
        // ". O" joins each repetition to the next (1,999 times).
        let expected = 2 * 2_000 + 1_999
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var matcher = PCRE2.Matcher(pattern)
                    var n = 0
                    try? matcher.forEachRange(in: bytes(text)) { _ in n += 1; return true }
                    return n
                }
            }
            var all: [Int] = []
            for await n in group { all.append(n) }
            return all
        }
        #expect(counts == [Int](repeating: expected, count: 4))
    }
}
