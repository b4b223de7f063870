/// A growable buffer of plain values for hot loops: an append checks the
/// capacity inline and nothing else (`Array.append` asked the runtime whether
/// its storage was uniquely referenced, every time: about 2% of news-split's
/// run). Copies share the storage, so each owner keeps its own and never
/// hands one out; `elements` is valid until the next change.
@frozen
public struct ScratchBuffer<Element: BitwiseCopyable> {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var capacity: Int
    @usableFromInline var storedCount = 0
    @inlinable public var count: Int { storedCount }
    /// Frees the storage when the last copy goes.
    @usableFromInline let owner: Owner

    @usableFromInline
    final class Owner {
        @usableFromInline var base: UnsafeMutablePointer<Element>
        init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
        deinit { base.deallocate() }
    }

    public init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
        owner = Owner(base)
    }

    @inlinable @inline(__always)
    public mutating func append(_ e: Element) {
        if storedCount == capacity { grow() }
        (base + storedCount).initialize(to: e)
        storedCount += 1
    }

    @usableFromInline
    mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        owner.base = bigger
        capacity *= 2
    }

    @inlinable
    public mutating func removeAll() { storedCount = 0 }

    @inlinable
    public mutating func removeLast() { storedCount -= 1 }

    @inlinable @inline(__always)
    public subscript(_ k: Int) -> Element { base[k] }

    @inlinable public var isEmpty: Bool { count == 0 }
    @inlinable public var indices: Range<Int> { 0..<count }
    @inlinable public var last: Element? { count > 0 ? base[count - 1] : nil }
    /// The elements in place: valid only while this buffer (or a copy) lives
    /// and is not changed.
    @inlinable public var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
    /// The elements copied out, for code off the hot path (and tests).
    public var array: [Element] { Array(elements) }
}
