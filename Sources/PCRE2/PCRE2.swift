/// Swift names for the PCRE2 library (the 8-bit, UTF-8 flavour).
///
/// `Pattern` is a compiled, JIT-compiled expression: immutable and shared by
/// every thread. `Matcher` owns what one thread needs to run it (match data, a
/// match context with limits, a JIT stack when one is needed): make one per
/// pattern per thread and reuse it for every record.
public enum PCRE2 {}

extension PCRE2 {
    /// Compile-time options. The corresponding C flags are `PCRE2_CASELESS`, ….
    /// `PCRE2_UTF` and `PCRE2_UCP` are always on: subjects are UTF-8 and `\w`,
    /// `\d`, `\b` and POSIX classes follow Unicode properties.
    public struct Options: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// Letters match either case. The corresponding C flag is `PCRE2_CASELESS`.
        public static let caseless = Options(rawValue: C.caseless)
        /// `^` and `$` match at internal newlines. The C flag is `PCRE2_MULTILINE`.
        public static let multiline = Options(rawValue: C.multiline)
        /// `.` matches a newline too. The C flag is `PCRE2_DOTALL`.
        public static let dotAll = Options(rawValue: C.dotAll)
        /// White space and `#` comments in the pattern are ignored. The C flag is `PCRE2_EXTENDED`.
        public static let extended = Options(rawValue: C.extended)
    }

    /// Match-time options. The corresponding C flags are `PCRE2_NOTBOL`, ….
    public struct MatchOptions: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// The subject's start is not the start of a line. The C flag is `PCRE2_NOTBOL`.
        public static let notBOL = MatchOptions(rawValue: C.notBOL)
        /// The subject's end is not the end of a line. The C flag is `PCRE2_NOTEOL`.
        public static let notEOL = MatchOptions(rawValue: C.notEOL)
        /// An empty match at the start offset is not a match. The C flag is `PCRE2_NOTEMPTY_ATSTART`.
        public static let notEmptyAtStart = MatchOptions(rawValue: C.notEmptyAtStart)
    }

    /// A PCRE2 error: the library's code, its own message and, for a
    /// compile error, the byte offset in the pattern where it was found.
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// The library's error code (negative for match errors).
        public let code: Int32
        /// For compile errors, the offset in the pattern; otherwise 0.
        public let offset: Int
        /// PCRE2's own text for `code` (from `pcre2_get_error_message`).
        public var message: String { pcre2ErrorMessage(code) }

        public init(code: Int32, offset: Int = 0) {
            self.code = code
            self.offset = offset
        }

        /// True when a match gave up at its match or depth limit (or the JIT
        /// stack's maximum): the subject is pathological for this pattern.
        public var isResourceLimit: Bool {
            code == C.errorMatchLimit || code == C.errorDepthLimit || code == C.errorJITStackLimit
        }

        public var description: String {
            offset > 0 ? "\(message) at pattern offset \(offset)" : message
        }
    }
}
