#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered standard output that is written only in whole records.
///
/// Tools append complete lines to `buffer`; `endRecord()` writes the buffer out
/// once it holds 64 KiB (or at every record when line-buffered). Writes are
/// retried on EINTR and on short writes, so the output never ends inside a line.
public final class OutputSink {
    public var buffer: [UInt8] = []
    private let fd: Int32
    private let lineBuffered: Bool
    public static let blockSize = 64 * 1024

    /// Thrown when the reader of our output has gone (EPIPE): stop quietly.
    public struct BrokenPipe: Error {}

    /// Thrown when a write fails for any other reason.
    public struct WriteError: Error, CustomStringConvertible {
        public let errno: Int32
        public var description: String { IOError(errno: errno).description }
    }

    public init(fd: Int32 = 1, lineBuffered: Bool) {
        self.fd = fd
        self.lineBuffered = lineBuffered
        buffer.reserveCapacity(OutputSink.blockSize * 2)
    }

    /// A write error met while spilling, thrown at the next record's end.
    private var pendingError: (any Error)?

    /// Writes `bytes` (part of a record that will be completed) and empties
    /// it. The buffer must be the one lent to the transform, not `buffer`.
    public func spill(_ bytes: inout [UInt8]) {
        if pendingError == nil {
            do { try writeAll(bytes) } catch { pendingError = error }
        }
        bytes.removeAll(keepingCapacity: bytes.capacity <= 4 * OutputSink.blockSize)
    }

    /// Call after each whole record.
    public func endRecord() throws {
        if let error = pendingError {
            pendingError = nil
            throw error
        }
        if lineBuffered || buffer.count >= OutputSink.blockSize { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try writeAll(buffer)
        buffer.removeAll(keepingCapacity: buffer.capacity <= 4 * OutputSink.blockSize)
    }

    /// Writes `records` (whole records) after what is buffered, without
    /// copying them into the buffer.
    public func emit(records: [UInt8]) throws {
        try flush()
        try writeAll(records)
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n >= 0 {
                    done += n
                } else if errno == EINTR {
                    continue
                } else if errno == EPIPE {
                    throw BrokenPipe()
                } else {
                    throw WriteError(errno: errno)
                }
            }
        }
    }
}
