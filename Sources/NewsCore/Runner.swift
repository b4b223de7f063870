import ArgumentParser
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The record loop every tool runs: inputs, error policy, output, signals.
///
/// Exit status: 0 when every line was processed (or the reader of the output
/// went away); 1 when a line was bad, a file could not be read or a write
/// failed; 128 + N after signal N (SIGINT 130, SIGTERM 143), stopping at a
/// record boundary; 70 if the tool itself failed to start (a bug).
public struct Runner {
    public let tool: String
    public let options: CommonOptions

    public init(tool: String, options: CommonOptions) {
        self.tool = tool
        self.options = options
    }

    /// Runs an annotator over every record: its field spliced into each line.
    public func run<A: Annotator>(annotator make: @escaping () throws -> A) throws {
        try run { AnnotatorTransform(try make()) }
    }

    /// Runs `make()`'s transform over every record (one transform per thread).
    public func run<T: RecordTransform>(_ make: @escaping () throws -> T) throws {
        Signals.install()
        let jobs = options.jobs == 0 ? max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) : options.jobs
        let lineBuffered = options.lineBuffered || isatty(1) != 0
        let sink = OutputSink(lineBuffered: lineBuffered)
        let makeProcessor = { () throws -> RecordProcessor in
            RecordProcessor(transform: try make() as any RecordTransform, field: options.field, offsetUnit: options.offsets)
        }
        var loop: RecordLoop
        do {
            loop = RecordLoop(
                runner: self, sink: sink, jobs: jobs, lineBuffered: lineBuffered,
                processors: try (0..<jobs).map { _ in try makeProcessor() })
        } catch {
            warn("internal error: \(error)")
            throw ExitCode(70)
        }
        var status: Int32 = 0
        do {
            status = try loop.run(inputs: options.files.isEmpty ? ["-"] : options.files)
            try sink.flush()
        } catch is OutputSink.BrokenPipe {
            throw ExitCode(0)
        } catch let error as StopAtBadLine {
            _ = error
            do { try sink.flush() } catch is OutputSink.BrokenPipe { throw ExitCode(0) } catch {
                warn("write error: \(error)")
            }
            throw ExitCode(1)
        } catch let error as OutputSink.WriteError {
            warn("write error: \(error)")
            throw ExitCode(1)
        }
        if Signals.pending != 0 { throw ExitCode(128 + Signals.pending) }
        if status != 0 { throw ExitCode(status) }
    }

    /// Prints `tool: message` on standard error.
    func warn(_ message: String) {
        var line = "\(tool): \(message)\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}

/// Thrown to stop at the first bad line under `--on-error fail`.
struct StopAtBadLine: Error {}

/// An owned value handed between threads; access is serialized by the loop.
final class Shared<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

struct RecordLoop {
    let runner: Runner
    let sink: OutputSink
    let jobs: Int
    let lineBuffered: Bool
    var processors: [RecordProcessor]
    var status: Int32 = 0

    init(runner: Runner, sink: OutputSink, jobs: Int, lineBuffered: Bool, processors: [RecordProcessor]) {
        self.runner = runner
        self.sink = sink
        self.jobs = jobs
        self.lineBuffered = lineBuffered
        self.processors = processors
        // The first processor serves single-threaded runs and --raw: it may
        // write a giant record's output out as it goes.
        self.processors[0].spill = { [sink] bytes in sink.spill(&bytes) }
    }

    var options: CommonOptions { runner.options }

    mutating func run(inputs: [String]) throws -> Int32 {
        let parallel = jobs > 1 && !lineBuffered ? ParallelStage(processors: processors) : nil
        for name in inputs {
            if Signals.pending != 0 { break }
            let source = name == "-" ? "stdin" : name
            let fd = name == "-" ? 0 : open(name, O_RDONLY)
            if fd < 0 {
                runner.warn("\(name): \(IOError(errno: errno))")
                status = 1
                continue
            }
            defer { if fd != 0 { close(fd) } }
            let reader = LineReader(fd: fd)
            do {
                if options.raw {
                    let document = try reader.readAll()
                    if Signals.pending != 0 { break }
                    try processRaw(document, source: source)
                } else if let parallel {
                    try parallel.run(reader: reader, source: source, loop: &self)
                } else {
                    while let line = try reader.nextLine() {
                        if Signals.pending != 0 { break }
                        if isBlank(line) { continue }
                        let outcome = processors[0].process(
                            line, source: source, lineNumber: reader.lineNumber, into: &sink.buffer)
                        try settle(outcome, line: line, source: source, lineNumber: reader.lineNumber)
                        try sink.endRecord()
                    }
                }
            } catch let error as IOError {
                runner.warn("\(source): read error: \(error)")
                status = 1
            }
        }
        return status
    }

    /// Applies the error policy to one line's outcome; its output is already in the sink.
    mutating func settle(_ outcome: Outcome, line: UnsafeBufferPointer<UInt8>, source: String, lineNumber: Int) throws {
        switch outcome {
        case .done:
            return
        case .degraded(let message):
            runner.warn("\(source):\(lineNumber): \(message)")
        case .bad(let message):
            runner.warn("\(source):\(lineNumber): \(message)")
            status = 1
            switch options.onError {
            case .fail: throw StopAtBadLine()
            case .skip: return
            case .pass:
                sink.buffer.append(contentsOf: line)
                sink.buffer.append(0x0A)
            }
        }
    }

    /// `--raw`: the whole input is one document, made into a record here.
    mutating func processRaw(_ bytes: [UInt8], source: String) throws {
        var writer = JSONWriter(capacity: bytes.count + 64)
        let valid = bytes.withUnsafeBufferPointer { text -> Bool in
            if let bad = firstInvalidUTF8(text) {
                runner.warn("\(source): invalid UTF-8 at byte \(bad + 1)")
                return false
            }
            writer.beginObject()
            writer.key("id"); writer.string(source)
            writer.key(named: options.field); writer.string(text)
            writer.endObject()
            return true
        }
        guard valid else {
            status = 1
            if options.onError == .fail { throw StopAtBadLine() }
            return
        }
        try writer.bytes.withUnsafeBufferPointer { line in
            let outcome = processors[0].process(line, source: source, lineNumber: 1, into: &sink.buffer)
            try settle(outcome, line: line, source: source, lineNumber: 1)
        }
        try sink.endRecord()
    }
}

/// Whether a line holds only JSON white space.
func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    for b in line where b != 0x20 && b != 0x09 && b != 0x0D { return false }
    return true
}

/// `--jobs N`: batches of lines go to N threads, each with its own processor;
/// results are written in input order, so the output is the same bytes as with
/// one thread. At most 4N batches are in flight (enough that one descheduled
/// worker does not stall the others), so memory stays bounded.
final class ParallelStage: @unchecked Sendable {
    private var pool: [RecordProcessor]
    private let poolLock = Lock()
    private let free: DispatchSemaphore
    private let completed = DispatchSemaphore(value: 0)
    private var results: [Int: BatchResult] = [:]
    private let resultsLock = Lock()
    private let window: Int
    private static var batchBytes: Int { 256 * 1024 }
    /// Emptied output buffers, kept for the next batches: fresh
    /// ones of this size cost page faults and a trip to the kernel each.
    private var spare: [OutputBuffer] = []
    private let spareLock = Lock()

    init(processors: [RecordProcessor]) {
        // No spilling here: a worker's buffer holds a whole batch, and only
        // the main thread may write to the output, in order.
        pool = processors.map { processor in
            var p = processor
            p.spill = nil
            return p
        }
        free = DispatchSemaphore(value: processors.count)
        window = 4 * processors.count
    }

    func run(reader: LineReader, source: String, loop: inout RecordLoop) throws {
        var submitted = 0
        var written = 0
        var nextLineNumber = 1
        // The main thread only reads, takes over whole blocks of lines
        // (no copy) and counts their newlines; the workers split them into lines.
        while Signals.pending == 0, let block = try reader.takeBlock(limit: ParallelStage.batchBytes) {
            var batch = Batch(block: block)
            batch.source = source
            batch.firstLineNumber = nextLineNumber
            nextLineNumber += countLines(block.bytes)
            if submitted - written >= window {
                try write(written, loop: &loop)
                written += 1
            }
            submit(batch, sequence: submitted)
            submitted += 1
        }
        while written < submitted {
            try write(written, loop: &loop)
            written += 1
        }
    }

    /// The lines in a block: its newlines, plus a last line without one.
    /// Sixteen bytes at a time, into sixteen byte-wide counters that are
    /// added up before any of them can wrap.
    private func countLines(_ block: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        let raw = UnsafeRawPointer(block.baseAddress!)
        var i = 0
        let newline = ByteLanes.splat(0x0A)
        while i + ByteLanes.width <= block.count {
            var counters = SIMD16<UInt8>()
            let stop = min(block.count - ByteLanes.width, i + 254 * ByteLanes.width)  // 255 rounds at most
            while i <= stop {
                // A true lane is all ones: subtracting it adds one.
                counters &-= unsafeBitCast(ByteLanes.load(raw, i) .== newline, to: SIMD16<UInt8>.self)
                i += ByteLanes.width
            }
            // Sum the sixteen counters: adjacent bytes into 16-bit lanes, then
            // the four lanes of each word with one multiplication.
            let wide = unsafeBitCast(counters, to: SIMD2<UInt64>.self)
            let pairs = (wide & 0x00FF_00FF_00FF_00FF) &+ (wide &>> 8 & 0x00FF_00FF_00FF_00FF)
            let sums = (pairs &* 0x0001_0001_0001_0001) &>> 48
            count += Int(truncatingIfNeeded: sums[0] &+ sums[1])
        }
        while i < block.count {
            if block[i] == 0x0A { count += 1 }
            i += 1
        }
        if block.last != 0x0A { count += 1 }
        return count
    }

    private func submit(_ batch: Batch, sequence: Int) {
        let work = Shared(batch)
        DispatchQueue.global().async { [self] in
            free.wait()
            var processor = poolLock.withLock { pool.removeLast() }
            var result = BatchResult(batch: work.value)
            let out = takeBuffer()
            result.out = out
            let all = result.batch.block.bytes
            // One size for all (a block is about a batch), so that reused
            // buffers are seldom grown: growing means fresh pages.
            out.bytes.reserveCapacity(max(all.count * 2, 2 * Self.batchBytes))
            var number = result.batch.firstLineNumber
            var start = 0
            while start < all.count {
                var end = all.count
                if let nl = memchr(all.baseAddress! + start, 0x0A, all.count - start) {
                    end = all.baseAddress!.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                }
                let next = end + 1
                if end > start, all[end - 1] == 0x0D { end -= 1 }
                let line = UnsafeBufferPointer(rebasing: all[start..<end])
                if !isBlank(line) {
                    let outcome = processor.process(
                        line, source: result.batch.source, lineNumber: number, into: &out.bytes)
                    result.batch.lines.append((start..<end, number))
                    result.ends.append(out.bytes.count)
                    result.outcomes.append(outcome)
                }
                number += 1
                start = next
            }
            poolLock.withLock { pool.append(processor) }
            free.signal()
            let done = result
            resultsLock.withLock { results[sequence] = done }
            completed.signal()
        }
    }

    /// Waits for batch `sequence` and writes it, applying the error policy line by line.
    private func write(_ sequence: Int, loop: inout RecordLoop) throws {
        var result: BatchResult? = nil
        while result == nil {
            result = resultsLock.withLock { results.removeValue(forKey: sequence) }
            if result == nil { completed.wait() }
        }
        guard let result else { return }
        defer { giveBack(result.out) }
        if result.outcomes.allSatisfy({ if case .done = $0 { true } else { false } }) {
            // The common case: the batch's output goes out as it is.
            try loop.sink.emit(records: result.out.bytes)
            return
        }
        var outStart = 0
        let all = result.batch.block.bytes
        for k in result.ends.indices {
            loop.sink.buffer.append(contentsOf: result.out.bytes[outStart..<result.ends[k]])
            outStart = result.ends[k]
            let (range, number) = result.batch.lines[k]
            try loop.settle(
                result.outcomes[k], line: UnsafeBufferPointer(rebasing: all[range]),
                source: result.batch.source, lineNumber: number)
            try loop.sink.endRecord()
        }
    }
}

extension ParallelStage {
    /// An empty buffer, with the capacity of one used before if there is one.
    private func takeBuffer() -> OutputBuffer {
        spareLock.withLock { spare.popLast() } ?? OutputBuffer()
    }

    /// Keeps `buffer` for `takeBuffer` unless it grew for a giant line or
    /// enough are kept already (as many as can be in flight).
    private func giveBack(_ buffer: OutputBuffer) {
        guard buffer.bytes.capacity <= 8 * Self.batchBytes else { return }
        // The array is referenced only by its box, so this keeps its storage.
        buffer.bytes.removeAll(keepingCapacity: true)
        spareLock.withLock { if spare.count < window + 2 { spare.append(buffer) } }
    }
}

/// A block of whole lines taken over from the reader; the worker fills in
/// where each non-blank line is.
struct Batch {
    let block: ByteBlock
    var firstLineNumber = 1
    var lines: [(range: Range<Int>, number: Int)] = []
    var source = ""
}

/// A batch's output bytes, boxed: copies of a `BatchResult` made while it
/// is handed between threads share the box, not the array, so emptying the
/// array for reuse never copies it (a copied array would be fresh memory).
final class OutputBuffer: @unchecked Sendable {
    var bytes: [UInt8] = []
}

/// A processed batch: the output of its lines and what became of each.
struct BatchResult {
    var batch: Batch
    var out = OutputBuffer()
    /// Where each line's output ends in `out`.
    var ends: [Int] = []
    var outcomes: [Outcome] = []
}

/// A mutual-exclusion lock over pthreads.
final class Lock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    init() { pthread_mutex_init(mutex, nil) }
    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
