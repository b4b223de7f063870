/// The document's names for one record: an open-addressing table from a
/// phrase hash to an entry, emptied in time proportional to what was used.
struct DocTable {
    private var keys: [UInt64]
    private var values: [DocEntry]
    private var used: [Int32] = []
    private var mask: Int
    private var shift: UInt64

    init(bits: Int = 10) {
        keys = Array(repeating: 0, count: 1 << bits)
        values = Array(repeating: DocEntry(type: .none, strength: .maybe, mention: -1, tokens: 0), count: 1 << bits)
        mask = (1 << bits) - 1
        shift = UInt64(64 - bits)
    }

    var isEmpty: Bool { used.isEmpty }
    var count: Int { used.count }

    /// Calls `body` with every key and entry, in no particular order.
    func forEach(_ body: (UInt64, DocEntry) -> Void) {
        for i in used { body(keys[Int(i)], values[Int(i)]) }
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    subscript(key: UInt64) -> DocEntry? {
        get {
            let k = key == 0 ? 1 : key
            var i = slot(k)
            while true {
                let x = keys[i]
                if x == k { return values[i] }
                if x == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let v = newValue else { return }  // entries are never removed one by one
            let k = key == 0 ? 1 : key
            var i = slot(k)
            while keys[i] != 0 && keys[i] != k { i = (i + 1) & mask }
            if keys[i] == 0 {
                keys[i] = k
                used.append(Int32(i))
                values[i] = v
                if used.count * 2 > keys.count { grow() }
            } else {
                values[i] = v
            }
        }
    }

    /// Empties the table; a table that grew for a long record shrinks back.
    mutating func removeAll() {
        if keys.count > 1 << 14 {
            self = DocTable()
            return
        }
        for i in used { keys[Int(i)] = 0 }
        used.removeAll(keepingCapacity: true)
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let oldUsed = used
        let bits = 64 - Int(shift) + 1
        self = DocTable(bits: bits)
        for i in oldUsed { self[oldKeys[Int(i)]] = oldValues[Int(i)] }
    }
}

/// A fixed set of word hashes (see `wordHash`), looked up without hashing again.
struct WordSet: Sendable {
    private let table: FlagTable

    init(_ words: [String]) {
        var t = FlagTable(capacityFor: words.count)
        for w in words { t.insert(wordHash(w), 1) }
        table = t
    }

    @inline(__always) func contains(_ h: UInt64) -> Bool { table.get(h) != 0 }
}

/// The names of the earlier pieces of a long text (see `EntityAnnotator.window`):
/// the document table's keys with their type, and their fullest forms' text.
struct Carry {
    /// At most this many names are carried (a bound on memory for giant texts).
    static let limit = 1 << 17
    var table = DocTable()
    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []

    mutating func append(_ text: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int32 {
        let s = bytes.count
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[r]))
        ranges.append(s..<bytes.count)
        return Int32(ranges.count - 1)
    }

    mutating func removeAll() {
        guard !ranges.isEmpty else { return }
        table.removeAll()
        bytes.removeAll(keepingCapacity: bytes.count < 1 << 20)
        ranges.removeAll(keepingCapacity: ranges.count < 1 << 16)
    }
}
