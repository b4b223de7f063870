/// A list marker at the start of a sentence ("1.", "2)", "a.)", "(iv)") and
/// the marker that would continue its list.
struct ListMarker {
    enum Style { case number, lower, upper, romanLower, romanUpper }
    var active = false
    var style = Style.number
    var value = 0
    var paren = false  // "(1)"
    var suffix = Suffix.none

    /// What closes the marker. (Not an array: a marker is made at every
    /// sentence start, and an array in it cost reference counting there.)
    enum Suffix {
        case none, paren, period, periodParen  // "", ")", ".", ".)"

        var bytes: [UInt8] {
            switch self {
            case .none: return []
            case .paren: return [0x29]
            case .period: return [0x2E]
            case .periodParen: return [0x2E, 0x29]
            }
        }

        var count: Int { bytes.count }
        var endsWithParen: Bool { self == .paren || self == .periodParen }
    }

    mutating func advance() { value += 1 }

    func text() -> [UInt8] {
        var out: [UInt8] = []
        if paren { out.append(0x28) }
        switch style {
        case .number: out.append(contentsOf: Array(String(value + 1).utf8))
        case .lower: out.append(UInt8(truncatingIfNeeded: 0x61 + value + 1))
        case .upper: out.append(UInt8(truncatingIfNeeded: 0x41 + value + 1))
        case .romanLower: out.append(contentsOf: Array(roman(value + 1).utf8))
        case .romanUpper: out.append(contentsOf: Array(roman(value + 1).uppercased().utf8))
        }
        out.append(contentsOf: suffix.bytes)
        return out
    }

    func roman(_ n: Int) -> String {
        let table: [(Int, String)] = [(40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        var n = n, s = ""
        for (v, r) in table { while n >= v { s += r; n -= v } }
        return s
    }

    static func romanValue(_ s: [UInt8]) -> Int? {
        var total = 0, prev = 0
        for c in s.reversed() {
            let v: Int
            switch c | 0x20 {
            case 0x69: v = 1
            case 0x76: v = 5
            case 0x78: v = 10
            case 0x6C: v = 50
            default: return nil
            }
            if v < prev { total -= v } else { total += v; prev = v }
        }
        return total
    }

    static func parse(_ t: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> ListMarker {
        var m = ListMarker()
        var x = s
        if x < e && t[x] == 0x28 { m.paren = true; x += 1 }
        let bodyStart = x
        while x < e && x - bodyStart < 6 && (isDigit(t[x]) || isASCIILetter(t[x])) { x += 1 }
        // Cheap checks first: most sentences start with a word and a space.
        guard x > bodyStart, x < e, t[x] == 0x29 || t[x] == 0x2E else { return m }
        let body = Array(UnsafeBufferPointer(rebasing: t[bodyStart..<x]))
        // The suffix.
        var suffix = Suffix.none
        if m.paren {
            guard t[x] == 0x29 else { return m }
            suffix = .paren
        } else if t[x] == 0x29 {
            suffix = .paren
        } else if t[x] == 0x2E {
            suffix = x + 1 < e && t[x + 1] == 0x29 ? .periodParen : .period
        } else {
            return m
        }
        let after = x + suffix.count
        guard after < e, t[after] == 0x20 || t[after] == 0x0A else { return m }
        if body.allSatisfy(isDigit) {
            guard body.count <= 3, let v = Int(String(decoding: body, as: UTF8.self)) else { return m }
            m.style = .number
            m.value = v
        } else if body.count == 1 && body[0] != 0x69 && body[0] != 0x49 {
            let c = body[0]
            if isASCIILower(c) {
                m.style = .lower
                m.value = Int(c) - 0x61
            } else {
                // "A." is more often an initial than a list item.
                guard suffix != .period else { return m }
                m.style = .upper
                m.value = Int(c) - 0x41
            }
        } else if let v = romanValue(body), suffix != .period {
            m.style = isASCIILower(body[0]) ? .romanLower : .romanUpper
            m.value = v
        } else {
            return m
        }
        if m.style == .lower || m.style == .upper, m.value >= 25 { return m }
        m.suffix = suffix
        m.active = true
        return m
    }
}
