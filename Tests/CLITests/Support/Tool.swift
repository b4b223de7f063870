// Spawning the built tools from tests.
//
//     let r = try Tool.run("news-numbers", ["--on-error", "skip"], stdin: Array(input.utf8))
//     #expect(r.status == 1)
//     #expect(r.stderrLines == ["news-numbers: stdin:3: invalid JSON: …"])
//     #expect(r.stdout == …)            // bytes; r.stdoutText and r.stdoutLines for text
//
//     let s = try Tool.shell(#""$TOOL" < "$1" | head -1"#, tool: "news-split", arguments: [path])
//
// The tools are found in the build folder the test bundle itself was built
// into (`swift test --scratch-path X` builds them there, as the CLITests
// target depends on them); `NEWSFILTERS_BIN=DIR` overrides it. Standard
// input, output and error go through temporary files, so no pipe can fill up
// and block, whatever the sizes. `Tool.start` gives a running process with
// pipes on its standard input and output, for tests that talk to it while it
// runs (signals, buffering):
//
//     let t = try Tool.start("news-quotes", ["--line-buffered"])
//     try t.write(Array("{\"text\":\"…\"}\n".utf8))
//     let line = t.readLine(timeout: 20)   // nil if nothing comes in time
//     t.closeInput()
//     let (status, _, stderr) = t.wait()
//
// Children start with an empty signal mask (see `Spawn`). Suites that start
// many processes are best marked `.serialized` on a 2-core machine.
import Foundation

/// What a finished process left: its exit status and everything it wrote.
struct ToolResult: Sendable {
    /// The exit status; for a process killed by signal N, 128 + N (as a shell reports it).
    let status: Int32
    /// Whether the process was killed by a signal rather than exiting.
    let killedBySignal: Bool
    let stdout: [UInt8]
    let stderrBytes: [UInt8]

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
    /// Standard output split at `\n`, without a last empty piece.
    var stdoutLines: [String] { Self.lines(stdoutText) }
    var stderrLines: [String] { Self.lines(stderr) }

    static func lines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}

/// A tool's executable is missing: the message says where it was looked for.
struct ToolNotBuilt: Error, CustomStringConvertible {
    let name: String
    let searched: [String]
    var description: String {
        "\(name) is not built: looked in \(searched.joined(separator: ", ")). "
            + "Build it with `swift build --scratch-path X` (or run `swift test`, which builds it), "
            + "or set NEWSFILTERS_BIN to the folder that holds it."
    }
}

enum Tool {
    /// Every tool, and the field each annotator appends (`news-split` appends none).
    static let all = ["news-split", "news-quotes", "news-numbers", "news-entities"]
    static let annotators = ["news-quotes", "news-numbers", "news-entities"]
    static let field = ["news-quotes": "quotes", "news-numbers": "numbers", "news-entities": "entities"]

    /// Folders that may hold the executables: NEWSFILTERS_BIN, then the test
    /// binary's folder and the test bundle's, and their parents.
    static var searchPath: [String] {
        var dirs: [String] = []
        if let bin = ProcessInfo.processInfo.environment["NEWSFILTERS_BIN"] { dirs.append(bin) }
        var starts = [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath(), Bundle.main.bundleURL]
        starts += Bundle.allBundles.map(\.bundleURL)
        for start in starts {
            var dir = start.deletingLastPathComponent()
            for _ in 0..<3 {
                dirs.append(dir.path)
                dir = dir.deletingLastPathComponent()
            }
        }
        var seen = Set<String>()
        return dirs.filter { seen.insert($0).inserted }
    }

    /// The path of the executable `name`, or `ToolNotBuilt`.
    static func path(_ name: String) throws -> String {
        let dirs = searchPath
        for dir in dirs {
            let candidate = (dir as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ToolNotBuilt(name: name, searched: dirs)
    }

    /// Runs tool `name` with `arguments`, feeding it `stdin`; waits for it to end.
    static func run(
        _ name: String, _ arguments: [String] = [], stdin: [UInt8] = [],
        environment: [String: String]? = nil
    ) throws -> ToolResult {
        try spawn(path(name), arguments, stdin: stdin, environment: environment)
    }

    /// Runs `script` with `sh -c`; `$TOOL` is the tool's path and `$1`, `$2`, … are `arguments`.
    static func shell(
        _ script: String, tool name: String, arguments: [String] = [], stdin: [UInt8] = []
    ) throws -> ToolResult {
        var env = ProcessInfo.processInfo.environment
        env["TOOL"] = try path(name)
        return try spawn("/bin/sh", ["-c", script, "sh"] + arguments, stdin: stdin, environment: env)
    }

    /// Runs `executable`; standard streams go through temporary files.
    static func spawn(
        _ executable: String, _ arguments: [String], stdin: [UInt8], environment: [String: String]? = nil
    ) throws -> ToolResult {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let inPath = try scratch.write("stdin", stdin)
        let outPath = scratch.file("stdout"), errPath = scratch.file("stderr")
        let pid = try Spawn.start(
            executable, arguments, environment: environment,
            stdin: .file(inPath, O_RDONLY), stdout: .file(outPath, O_WRONLY | O_CREAT | O_TRUNC),
            stderr: .file(errPath, O_WRONLY | O_CREAT | O_TRUNC))
        let (status, killed) = Spawn.wait(pid)
        return ToolResult(
            status: status, killedBySignal: killed,
            stdout: Array(try Data(contentsOf: URL(fileURLWithPath: outPath))),
            stderrBytes: Array(try Data(contentsOf: URL(fileURLWithPath: errPath))))
    }
}

/// posix_spawn with the signal mask emptied and SIGINT, SIGTERM and SIGPIPE
/// at their defaults in the child. (Foundation's `Process` passes on the
/// test runner's mask, in which SIGINT and SIGTERM are blocked: a tool
/// started that way never sees them.)
enum Spawn {
    enum Stream {
        case file(String, Int32)
        case fd(Int32)
    }

    struct Failed: Error, CustomStringConvertible {
        let what: String
        let code: Int32
        var description: String { "\(what): \(String(cString: strerror(code)))" }
    }

    static func start(
        _ executable: String, _ arguments: [String], environment: [String: String]?,
        stdin: Stream, stdout: Stream, stderr: Stream, closing: [Int32] = []
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, stream) in [(Int32(0), stdin), (1, stdout), (2, stderr)] {
            switch stream {
            case .file(let path, let flags): posix_spawn_file_actions_addopen(&actions, target, path, flags, 0o644)
            case .fd(let fd): posix_spawn_file_actions_adddup2(&actions, fd, target)
            }
        }
        for fd in closing { posix_spawn_file_actions_addclose(&actions, fd) }

        var attributes = cleanSpawnAttributes()
        defer { posix_spawnattr_destroy(&attributes) }

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw Failed(what: "posix_spawn \(executable)", code: rc) }
        return pid
    }

    /// Waits for `pid`: its exit status, or 128 + N if signal N killed it.
    static func wait(_ pid: pid_t) -> (status: Int32, killedBySignal: Bool) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? ((status >> 8) & 0xFF, false) : (128 + signal, true)
    }
}

/// A fresh temporary folder: `let dir = try TemporaryDirectory(); defer { dir.remove() }`.
struct TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = (base as NSString).appendingPathComponent("newsfilters-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Removes the folder and everything in it.
    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` inside the folder (not created).
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes `bytes` to `name` inside the folder; returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let p = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }
}

extension Tool {
    /// Starts tool `name` with a pipe on its standard input and one on its
    /// standard output, for tests that talk to it while it runs.
    static func start(_ name: String, _ arguments: [String] = []) throws -> RunningTool {
        try RunningTool(path(name), arguments)
    }
}

/// A tool running with pipes on standard input and output (standard error
/// goes to a temporary file).
final class RunningTool {
    let pid: pid_t
    private let input: Int32  // our ends of the pipes
    private let output: Int32
    private var finished: (status: Int32, killedBySignal: Bool)?
    private let scratch: TemporaryDirectory

    init(_ executable: String, _ arguments: [String]) throws {
        scratch = try TemporaryDirectory()
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        // Close-on-exec, so that tools other tests start meanwhile do not
        // inherit them (a stray write end would keep the tool from seeing EOF).
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw Spawn.Failed(what: "pipe", code: errno) }
        for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        pid = try Spawn.start(
            executable, arguments, environment: nil, stdin: .fd(toChild[0]), stdout: .fd(fromChild[1]),
            stderr: .file(scratch.file("stderr"), O_WRONLY | O_CREAT | O_TRUNC),
            closing: [toChild[1], fromChild[0]])
        close(toChild[0])
        close(fromChild[1])
        input = toChild[1]
        output = fromChild[0]
    }

    deinit {
        if finished == nil {
            kill(pid, SIGKILL)
            _ = Spawn.wait(pid)
        }
        closeInput()
        close(output)
        scratch.remove()
    }

    /// Writes `bytes` to the tool's standard input.
    func write(_ bytes: [UInt8]) throws {
        var at = 0
        while at < bytes.count {
            let n = bytes[at...].withUnsafeBytes { Foundation.write(input, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Spawn.Failed(what: "write", code: errno)
            }
            at += n
        }
    }

    private var inputClosed = false
    func closeInput() {
        if !inputClosed { close(input); inputClosed = true }
    }

    /// Sends `signal` (SIGINT, SIGTERM, …) to the tool.
    func send(_ signal: Int32) { kill(pid, signal) }

    /// The next line the tool writes, without its `\n`; nil if none comes
    /// within `timeout` seconds or the output ends.
    func readLine(timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var line: [UInt8] = []
        while true {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return nil }
            var p = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, Int32(left * 1000) + 1) > 0 else { continue }
            var b: UInt8 = 0
            let n = Foundation.read(output, &b, 1)
            if n <= 0 { return nil }
            if b == 0x0A { return String(decoding: line, as: UTF8.self) }
            line.append(b)
        }
    }

    /// Waits for the tool to end, at most `timeout` seconds (then kills it):
    /// its status (128 + N if killed by signal N) and its standard error.
    func wait(timeout: Double = 60) -> (status: Int32, killedBySignal: Bool, stderr: String) {
        let deadline = Date().addingTimeInterval(timeout)
        while finished == nil {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                let signal = status & 0x7F
                finished = signal == 0 ? ((status >> 8) & 0xFF, false) : (128 + signal, true)
            } else if Date() > deadline {
                kill(pid, SIGKILL)
                finished = Spawn.wait(pid)
            } else {
                usleep(10_000)
            }
        }
        let err = (try? String(contentsOfFile: scratch.file("stderr"), encoding: .utf8)) ?? ""
        return (finished!.status, finished!.killedBySignal, err)
    }
}

/// Spawn attributes for a tool under test: no signal blocked, and SIGINT,
/// SIGTERM and SIGPIPE at their defaults, whatever the spawning thread has
/// (Dispatch's threads block signals, and a blocked mask is inherited).
/// The caller destroys them.
func cleanSpawnAttributes() -> posix_spawnattr_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for sig in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, sig) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    return attributes
}
