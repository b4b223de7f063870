/// A growable buffer of plain values for the segmenter's hot loops: an
/// append checks the capacity inline and nothing else (`Array.append` asked
/// the runtime whether its storage was uniquely referenced, every time: about
/// 2% of news-split's run). Copies share the storage, so each segmenter keeps
/// its own and never hands one out; `elements` is valid until the next change.
struct ScratchBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0
    /// Frees the storage when the last copy goes.
    private let owner: Owner

    private final class Owner {
        var base: UnsafeMutablePointer<Element>
        init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
        deinit { base.deallocate() }
    }

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
        owner = Owner(base)
    }

    @inline(__always)
    mutating func append(_ e: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: e)
        count += 1
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        owner.base = bigger
        capacity *= 2
    }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    subscript(_ k: Int) -> Element { base[k] }

    var isEmpty: Bool { count == 0 }
    var indices: Range<Int> { 0..<count }
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}
