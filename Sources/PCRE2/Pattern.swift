extension PCRE2 {
    /// A compiled and JIT-compiled regular expression over UTF-8 bytes.
    ///
    /// Compile each pattern once (at tool start-up) and share it: a `Pattern`
    /// is immutable. Match it through a `Matcher`, one per thread.
    public final class Pattern: @unchecked Sendable {
        let code: OpaquePointer
        /// The pattern's source, for messages.
        public let source: String
        /// The number of capturing groups.
        public let captureCount: Int
        /// Whether the JIT compiler accepted the pattern (it falls back to the interpreter otherwise).
        public let isJITCompiled: Bool

        /// Compiles `pattern` with `PCRE2_UTF | PCRE2_UCP` plus `options`, then JIT-compiles it.
        /// Throws `PCRE2.Error` with PCRE2's message and the offset of the fault.
        public init(_ pattern: String, options: Options = []) throws(PCRE2.Error) {
            let bytes = Array(pattern.utf8)
            let result = bytes.withUnsafeBufferPointer {
                pcre2Compile($0, options: C.utf | C.ucp | options.rawValue)
            }
            switch result {
            case .success(let compiled): code = compiled
            case .failure(let error): throw error
            }
            source = pattern
            captureCount = pcre2CaptureCount(code)
            isJITCompiled = pcre2JITCompile(code) == 0
        }

        deinit { pcre2CodeFree(code) }
    }

    /// One match: byte ranges of the whole match and its groups in the subject.
    public struct Match: Sendable {
        /// ovector pairs: [start0, end0, start1, end1, …]; -1 for an unset group.
        @usableFromInline var slots: [Int]

        /// The byte range of the whole match.
        public var range: Range<Int> { slots[0]..<slots[1] }

        /// The byte range of group `i` (0 is the whole match), or nil when the group did not take part.
        @inlinable
        public subscript(_ i: Int) -> Range<Int>? {
            guard 2 * i + 1 < slots.count else { return nil }
            let s = slots[2 * i], e = slots[2 * i + 1]
            return s < 0 ? nil : s..<e
        }
    }

    /// What one thread needs to run a pattern: match data, a match context
    /// carrying the match and depth limits, and a JIT stack when the default one is too small.
    public struct Matcher: ~Copyable {
        public let pattern: Pattern
        private let data: OpaquePointer
        private let context: OpaquePointer
        private var jitStack: OpaquePointer?

        /// The default limits: generous for real text, small enough that no
        /// input makes one match run for more than a fraction of a second.
        public static let defaultMatchLimit: UInt32 = 1_000_000
        public static let defaultDepthLimit: UInt32 = 10_000

        public init(
            _ pattern: Pattern,
            matchLimit: UInt32 = Matcher.defaultMatchLimit,
            depthLimit: UInt32 = Matcher.defaultDepthLimit
        ) {
            self.pattern = pattern
            data = pcre2MatchDataCreate(pattern.code)
            context = pcre2MatchContextCreate()
            pcre2SetLimits(context, match: matchLimit, depth: depthLimit)
        }

        deinit {
            pcre2MatchDataFree(data)
            pcre2MatchContextFree(context)
            if let jitStack { pcre2JITStackFree(jitStack) }
        }

        /// The first match in `subject` at or after byte `start`, or nil.
        ///
        /// `subject` must be valid UTF-8 (validate each record once, before
        /// matching): it is matched with `PCRE2_NO_UTF_CHECK`. `start` must lie
        /// on a character boundary. Lookbehind sees the bytes before `start`.
        /// Throws when a limit is reached (`Error.isResourceLimit`).
        public mutating func firstMatch(
            in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0,
            options: MatchOptions = []
        ) throws(PCRE2.Error) -> Match? {
            guard let end = try matchEnd(in: subject, from: start, options: options) else { return nil }
            _ = end
            let n = 2 * (pattern.captureCount + 1)
            let ovector = pcre2Ovector(data)
            var slots = [Int](repeating: -1, count: n)
            for i in 0..<n {
                let v = ovector[i]
                slots[i] = v == Int.max || v < 0 ? -1 : v  // PCRE2_UNSET is ~0
            }
            return Match(slots: slots)
        }

        /// Like `firstMatch` but returns only the whole match's byte range:
        /// no allocation, for hot loops that need no groups.
        public mutating func firstRange(
            in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0,
            options: MatchOptions = []
        ) throws(PCRE2.Error) -> Range<Int>? {
            guard try matchEnd(in: subject, from: start, options: options) != nil else { return nil }
            let ovector = pcre2Ovector(data)
            return ovector[0]..<ovector[1]
        }

        /// The byte range of group `i` of the last successful match (after
        /// `firstRange` or `firstMatch`), or nil if the group did not take part.
        public func lastGroup(_ i: Int) -> Range<Int>? {
            guard i <= pattern.captureCount else { return nil }
            let ovector = pcre2Ovector(data)
            let s = ovector[2 * i], e = ovector[2 * i + 1]
            return s == Int.max || s < 0 ? nil : s..<e
        }

        /// Calls `body` with each match's range, left to right, without overlaps.
        /// After an empty match the search resumes one UTF-8 character later.
        /// `body` returns false to stop.
        public mutating func forEachRange(
            in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0,
            _ body: (Range<Int>) -> Bool
        ) throws(PCRE2.Error) {
            var position = start
            while position <= subject.count,
                let r = try firstRange(in: subject, from: position)
            {
                if !body(r) { return }
                if r.isEmpty {
                    guard r.upperBound < subject.count else { return }
                    position = r.upperBound + 1
                    while position < subject.count, subject[position] & 0xC0 == 0x80 { position += 1 }
                } else {
                    position = r.upperBound
                }
            }
        }

        /// Whether the pattern matches anywhere in `subject` (a limit counts as no).
        public mutating func matches(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
            (try? matchEnd(in: subject, from: 0, options: [])) != nil
        }

        /// Runs the match; returns the end of the whole match or nil for no match.
        private mutating func matchEnd(
            in subject: UnsafeBufferPointer<UInt8>, from start: Int, options: MatchOptions
        ) throws(PCRE2.Error) -> Int? {
            precondition(start >= 0 && start <= subject.count, "start outside the subject")
            let flags = options.rawValue | C.noUTFCheck
            var rc = pcre2Match(pattern.code, subject, from: start, options: flags, data, context)
            if rc == C.errorJITStackLimit, jitStack == nil,
                let stack = pcre2JITStackCreate(start: 32 * 1024, max: 1024 * 1024)
            {
                // The default 32 KiB machine stack was not enough: give this
                // matcher its own stack that grows to 1 MiB, and try again.
                jitStack = stack
                pcre2JITStackAssign(context, stack)
                rc = pcre2Match(pattern.code, subject, from: start, options: flags, data, context)
            }
            if rc == C.errorNoMatch { return nil }
            if rc < 0 { throw PCRE2.Error(code: rc) }
            return pcre2Ovector(data)[1]
        }
    }
}
