#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An I/O failure, with the system's message.
public struct IOError: Error, Sendable, CustomStringConvertible {
    public let errno: Int32
    public var description: String { String(cString: strerror(errno)) }
}

/// Reads lines from a file descriptor with `read(2)` into one growing buffer.
///
/// Lines of any length are handled: the buffer doubles until the longest line
/// fits, so memory stays about twice the longest line. A UTF-8 BOM at the
/// start, and the CR of a CRLF ending, are dropped; the last line may lack its newline.
public final class LineReader {
    private let fd: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0  // the next unread line begins here
    private var end = 0  // valid bytes end here
    private var scanned = 0  // no newline in start ..< scanned: search on from here
    private var atEOF = false
    private var atStart = true
    /// A signal stopped the reading: the unfinished line is dropped, not processed.
    private var interrupted = false
    /// The 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    public static let chunkSize = 256 * 1024
    /// Memory of blocks handed over and done with, for the next ones.
    private let blockStorage = BlockStorage()

    public init(fd: Int32) {
        self.fd = fd
        capacity = LineReader.chunkSize
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// The next line without its line end, or nil at the end of input. The
    /// bytes are valid until the next call.
    public func nextLine() throws(IOError) -> UnsafeBufferPointer<UInt8>? {
        while true {
            let from = max(start, scanned)
            if from < end, let nl = memchr(buffer + from, 0x0A, end - from) {
                let lineEnd = buffer.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                return takeLine(upTo: lineEnd, next: lineEnd + 1)
            }
            // A long line arrives in many reads: never search its start again.
            scanned = end
            if atEOF {
                guard start < end, !interrupted else { return nil }
                return takeLine(upTo: end, next: end)
            }
            try fill()
        }
    }

    private func takeLine(upTo lineEnd: Int, next: Int) -> UnsafeBufferPointer<UInt8> {
        var s = start
        var e = lineEnd
        if atStart {
            atStart = false
            if e - s >= 3, buffer[s] == 0xEF, buffer[s + 1] == 0xBB, buffer[s + 2] == 0xBF { s += 3 }
        }
        if e > s, buffer[e - 1] == 0x0D { e -= 1 }
        start = next
        lineNumber += 1
        return UnsafeBufferPointer(start: buffer + s, count: e - s)
    }

    /// Reads more input, first moving the unfinished line to the front and
    /// growing the buffer when that line fills it.
    private func fill(atMost: Int = .max) throws(IOError) {
        if start > 0 {
            let pending = end - start
            if pending > 0 { memmove(buffer, buffer + start, pending) }
            scanned -= start
            start = 0
            end = pending
        }
        if capacity > 4 * LineReader.chunkSize && end < LineReader.chunkSize {
            // A giant line has passed: give its memory back.
            let smaller = UnsafeMutablePointer<UInt8>.allocate(capacity: LineReader.chunkSize * 2)
            smaller.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = smaller
            capacity = LineReader.chunkSize * 2
        }
        if capacity - end < LineReader.chunkSize / 2 {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        while true {
            // A signal that came while the last record was being processed
            // would not interrupt a read started now: look first.
            if Signals.pending != 0 {
                atEOF = true
                interrupted = true
                return
            }
            let n = read(fd, buffer + end, min(capacity - end, atMost))
            if n > 0 {
                end += n
                return
            }
            if n == 0 {
                atEOF = true
                return
            }
            if errno == EINTR { continue }  // the check above sees a signal of ours
            throw IOError(errno: errno)
        }
    }

    /// The next run of whole lines, with their newlines (the last line of the
    /// input may lack one), at most about `limit` bytes unless one line is
    /// longer; a BOM at the start of the input dropped. For `--jobs`: the
    /// lines are split, and CRs dropped, by whoever processes the block.
    /// Valid until the next call. `lineNumber` is not kept by this call.
    public func nextBlock(limit: Int) throws(IOError) -> UnsafeBufferPointer<UInt8>? {
        while true {
            if atStart, end - start >= 3 || atEOF {
                atStart = false
                if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
                    start += 3
                }
            }
            if !atStart, start < end {
                let window = min(end - start, limit)
                var last = start + window - 1  // the last newline in the window
                while last >= start, buffer[last] != 0x0A { last -= 1 }
                if last >= start {
                    let blockEnd = last + 1
                    defer { start = blockEnd }
                    return UnsafeBufferPointer(start: buffer + start, count: blockEnd - start)
                }
                if window < end - start, let nl = memchr(buffer + start + window, 0x0A, end - start - window) {
                    // One line longer than the limit.
                    let blockEnd = buffer.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
                    defer { start = blockEnd }
                    return UnsafeBufferPointer(start: buffer + start, count: blockEnd - start)
                }
            }
            if atEOF {
                guard start < end, !interrupted else { return nil }
                defer { start = end }
                return UnsafeBufferPointer(start: buffer + start, count: end - start)
            }
            try fill()
        }
    }

    /// Like `nextBlock`, but the block's memory is handed over with it: the
    /// reader goes on in another buffer (the partial line after the block
    /// copied into it), so the lines outlive the next call uncopied. Reads
    /// until `limit` bytes are in and no further (a pipe gives 64 KiB a
    /// read; a smaller block's output stays in cache), then hands over
    /// every whole line read; a longer line makes a longer block.
    public func takeBlock(limit: Int) throws(IOError) -> ByteBlock? {
        while !atEOF && end - start < limit { try fill(atMost: limit - (end - start)) }
        guard let block = try nextBlock(limit: capacity), let first = block.baseAddress else { return nil }
        let blockStart = UnsafePointer(buffer).distance(to: first)
        // The next buffer is of the usual size unless the partial line needs more.
        let pending = end - start
        let fresh = blockStorage.take(capacity: max(2 * LineReader.chunkSize, pending + LineReader.chunkSize))
        fresh.pointer.update(from: buffer + start, count: pending)
        let handed = ByteBlock(
            storage: buffer, capacity: capacity, lines: blockStart..<(blockStart + block.count), pool: blockStorage)
        buffer = fresh.pointer
        capacity = fresh.capacity
        scanned = max(0, scanned - start)
        start = 0
        end = pending
        return handed
    }

    /// Reads everything that is left (for `--raw`), BOM dropped.
    public func readAll() throws(IOError) -> [UInt8] {
        while !atEOF { try fill() }
        var s = start
        if atStart, end - s >= 3, buffer[s] == 0xEF, buffer[s + 1] == 0xBB, buffer[s + 2] == 0xBF { s += 3 }
        atStart = false
        let all = Array(UnsafeBufferPointer(start: buffer + s, count: end - s))
        start = end
        return all
    }
}

/// Lines handed over by `LineReader.takeBlock`, in memory of their own.
/// When the last reference goes, the memory goes back to the reader's pool.
public final class ByteBlock: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Where the lines lie in `storage`.
    private let lines: Range<Int>
    private let pool: BlockStorage

    init(storage: UnsafeMutablePointer<UInt8>, capacity: Int, lines: Range<Int>, pool: BlockStorage) {
        self.storage = storage
        self.capacity = capacity
        self.lines = lines
        self.pool = pool
    }

    deinit { pool.put(storage, capacity: capacity) }

    /// The lines, with their newlines. Valid while the block lives.
    public var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage + lines.lowerBound, count: lines.count)
    }
}

/// A few buffers of the usual size, kept between blocks: each fresh one
/// would cost page faults as it is first written. Blocks die on any thread.
final class BlockStorage: @unchecked Sendable {
    private var spare: [(pointer: UnsafeMutablePointer<UInt8>, capacity: Int)] = []
    private let lock = Lock()
    private static let kept = 32

    /// A buffer of at least `capacity` bytes.
    func take(capacity: Int) -> (pointer: UnsafeMutablePointer<UInt8>, capacity: Int) {
        if let found = lock.withLock({ () -> (pointer: UnsafeMutablePointer<UInt8>, capacity: Int)? in
            guard let k = spare.lastIndex(where: { $0.capacity >= capacity }) else { return nil }
            return spare.remove(at: k)
        }) {
            return found
        }
        return (.allocate(capacity: capacity), capacity)
    }

    func put(_ pointer: UnsafeMutablePointer<UInt8>, capacity: Int) {
        let keep = capacity == 2 * LineReader.chunkSize
            && lock.withLock { () -> Bool in
                guard spare.count < Self.kept else { return false }
                spare.append((pointer, capacity))
                return true
            }
        if !keep { pointer.deallocate() }
    }

    deinit { for s in spare { s.pointer.deallocate() } }
}
