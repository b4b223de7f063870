/// A small strict JSON parser of our own (RFC 8259), written independently of
/// NewsCore's scanner so that the fuzz targets can judge the scanner and every
/// line the tools emit against a second opinion.
///
/// It is recursive (nesting is capped at `maxDepth`, as the core caps it) and
/// slow, which is fine for fuzz inputs of a few kilobytes.
public indirect enum JSON: Equatable {
    case object([Member])
    case array([JSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// A member of an object: its decoded key, its value and where the value's
    /// bytes lie in the parsed line.
    public struct Member: Equatable {
        public var key: String
        public var value: JSON
        public var raw: Range<Int>
    }

    /// The last member named `key` (duplicate keys: the last one counts).
    public subscript(_ key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        // Compared scalar by scalar: Swift's == would equate canonically equivalent keys.
        return members.last(where: { $0.key.utf8.elementsEqual(key.utf8) })?.value
    }

    public var int: Int? {
        guard case .number(let s) = self else { return nil }
        return Int(s)
    }

    public var string: String? {
        guard case .string(let s) = self else { return nil }
        return s
    }

    public var array: [JSON]? {
        guard case .array(let a) = self else { return nil }
        return a
    }

    public var members: [Member]? {
        guard case .object(let m) = self else { return nil }
        return m
    }
}

/// Why our parser refused a line.
public struct JSONCheckError: Error, CustomStringConvertible {
    public let message: String
    public let offset: Int
    public var description: String { "\(message) at byte \(offset)" }
}

/// Parses one line that must hold exactly one JSON value, white space around it allowed.
public func parseJSONLine(_ bytes: [UInt8], maxDepth: Int = 512) throws(JSONCheckError) -> JSON {
    var p = JSONCheckParser(bytes: bytes, maxDepth: maxDepth)
    p.space()
    let v = try p.value(depth: 0)
    p.space()
    guard p.i == bytes.count else { throw p.error("junk after the value") }
    return v
}

struct JSONCheckParser {
    let bytes: [UInt8]
    let maxDepth: Int
    var i = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    func error(_ m: String) -> JSONCheckError { JSONCheckError(message: m, offset: i) }

    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func space() {
        while let b = peek, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1 }
    }

    mutating func expect(_ c: Character) throws(JSONCheckError) {
        guard peek == c.asciiValue else { throw error("expected \(c)") }
        i += 1
    }

    mutating func value(depth: Int) throws(JSONCheckError) -> JSON {
        guard let b = peek else { throw error("expected a value") }
        switch b {
        case UInt8(ascii: "{"):
            guard depth < maxDepth else { throw error("too deep") }
            i += 1
            space()
            var members: [JSON.Member] = []
            if peek == UInt8(ascii: "}") {
                i += 1
                return .object(members)
            }
            while true {
                space()
                guard peek == UInt8(ascii: "\"") else { throw error("expected a key") }
                let key = try string()
                space()
                try expect(":")
                space()
                let start = i
                let v = try value(depth: depth + 1)
                members.append(JSON.Member(key: key, value: v, raw: start..<i))
                space()
                if peek == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect("}")
                return .object(members)
            }
        case UInt8(ascii: "["):
            guard depth < maxDepth else { throw error("too deep") }
            i += 1
            space()
            var items: [JSON] = []
            if peek == UInt8(ascii: "]") {
                i += 1
                return .array(items)
            }
            while true {
                space()
                items.append(try value(depth: depth + 1))
                space()
                if peek == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect("]")
                return .array(items)
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        default:
            return .number(try number())
        }
    }

    mutating func word(_ w: String) throws(JSONCheckError) {
        for c in w.utf8 {
            guard peek == c else { throw error("bad literal") }
            i += 1
        }
    }

    mutating func digits() -> Int {
        var n = 0
        while let b = peek, b >= 0x30 && b <= 0x39 { i += 1; n += 1 }
        return n
    }

    mutating func number() throws(JSONCheckError) -> String {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        if peek == UInt8(ascii: "0") {
            i += 1
        } else if digits() == 0 {
            throw error("expected a value")
        }
        if peek == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw error("digit after .") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw error("digit in exponent") }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    mutating func hex4() throws(JSONCheckError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let b = peek else { throw error("short \\u") }
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("bad hex digit")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    /// A string at `i` (its opening quote); returns it decoded, a lone
    /// surrogate escape becoming U+FFFD.
    mutating func string() throws(JSONCheckError) -> String {
        i += 1
        var scalars = String.UnicodeScalarView()
        var run = i
        func flush(_ p: inout JSONCheckParser, _ scalars: inout String.UnicodeScalarView, upTo end: Int) throws(JSONCheckError) {
            guard run < end else { return }
            // Raw bytes: must be valid UTF-8 on their own (stdlib validator).
            guard let s = String(validating: p.bytes[run..<end], as: UTF8.self) else {
                throw p.error("invalid UTF-8")
            }
            scalars.append(contentsOf: s.unicodeScalars)
        }
        while true {
            guard let b = peek else { throw error("unterminated string") }
            if b == UInt8(ascii: "\"") {
                try flush(&self, &scalars, upTo: i)
                i += 1
                return String(scalars)
            }
            if b < 0x20 { throw error("raw control character") }
            if b != UInt8(ascii: "\\") {
                i += 1
                continue
            }
            try flush(&self, &scalars, upTo: i)
            i += 1
            guard let e = peek else { throw error("unterminated escape") }
            i += 1
            switch e {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let u = try hex4()
                if u >= 0xD800 && u < 0xDC00 {
                    // Joined with a following low surrogate escape, if there is one.
                    let save = i
                    if i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        if let low = try? hex4(), low >= 0xDC00 && low < 0xE000 {
                            scalars.append(Unicode.Scalar(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00))!)
                        } else {
                            i = save
                            scalars.append("\u{FFFD}")
                        }
                    } else {
                        scalars.append("\u{FFFD}")
                    }
                } else if let s = Unicode.Scalar(u) {
                    scalars.append(s)
                } else {
                    scalars.append("\u{FFFD}")  // a lone low surrogate
                }
            default:
                i -= 1
                throw error("bad escape")
            }
            run = i
        }
    }
}
