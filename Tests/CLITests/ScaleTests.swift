// Scale (issue 8): `--jobs N`, GNU parallel and Apache Spark give the records
// that one process gives, on articles these tests write themselves.
//
// The GNU parallel and Spark tests need `parallel`, and `python3` with pyspark
// plus `java`; `bin/setup --test` installs them. Without them those tests are
// skipped, and the reason is printed; when they run they say so.

import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Scale: --jobs, GNU parallel and Spark give one process's records", .serialized)
struct ScaleTests {
    static let tools = ["news-split", "news-quotes", "news-numbers", "news-entities"]
    /// A chain of all four tools (sentences, then each annotator on them).
    static let chain = "news-split | news-quotes | news-numbers | news-entities"

    // MARK: --jobs

    @Test("--jobs N writes the same bytes as --jobs 1", arguments: tools)
    func jobsMatchOneThread(tool: String) throws {
        let exe = try Scale.executable(tool)
        let dir = try Scale.TempDir()
        let input = try dir.write("in.jsonl", Scale.corpus.joined(separator: "\n") + "\n")
        let one = try Scale.run([exe, "--jobs", "1"], stdin: input)
        try #require(one.status == 0, "\(tool) --jobs 1 failed: \(one.err)")
        #expect(one.out.count > Scale.corpusBytes / 2, "\(tool) wrote too little")
        // --line-buffered writes each record at once, so it runs on one thread.
        for options in [["--jobs", "2"], ["--jobs", "3"], ["--jobs", "0"], ["--jobs", "2", "--line-buffered"]] {
            let many = try Scale.run([exe] + options, stdin: input)
            let name = "\(tool) \(options.joined(separator: " "))"
            #expect(many.status == 0, "\(name): \(many.err)")
            #expect(many.err.isEmpty, "\(name) said: \(many.err)")
            #expect(Scale.same(many.out, one.out), "\(name) differs from --jobs 1 at byte \(Scale.firstDifference(many.out, one.out))")
        }
    }

    @Test("--jobs N over several files, with a BOM, CRLF ends and blank lines", arguments: tools)
    func jobsOverSeveralFiles(tool: String) throws {
        let exe = try Scale.executable(tool)
        let dir = try Scale.TempDir()
        let lines = Scale.corpus
        let half = lines.count / 2
        // A BOM before the first line, CRLF line ends, blank lines and no final newline.
        let a = try dir.write("a.jsonl", "\u{FEFF}" + lines[..<half].joined(separator: "\r\n") + "\r\n\r\n")
        let b = try dir.write("b.jsonl", "\n" + lines[half...].joined(separator: "\n\n"))
        let one = try Scale.run([exe, "--jobs", "1", a, b])
        try #require(one.status == 0, "\(tool) --jobs 1 failed: \(one.err)")
        let two = try Scale.run([exe, "--jobs", "2", a, b])
        #expect(two.status == 0, "\(tool) --jobs 2: \(two.err)")
        #expect(Scale.same(two.out, one.out), "\(tool) --jobs 2 differs from --jobs 1 at byte \(Scale.firstDifference(two.out, one.out))")
    }

    /// Dense names make news-entities write about five times its input, so
    /// every batch's output passes the 1 MiB past which a single-threaded
    /// run writes a giant record out early. A worker must never do that:
    /// its buffer holds a whole batch, and the output must stay in order.
    @Test("--jobs 2 keeps order when a batch's output passes the spill threshold")
    func jobsWithBatchesOfGiantOutput() throws {
        let exe = try Scale.executable("news-entities")
        let dir = try Scale.TempDir()
        let names = ["Anna Smith", "John Brown", "Maria Garcia", "Li Wei", "Paris", "Reuters", "Germany"]
        var lines: [String] = []
        for i in 0..<3_000 {
            let text = (0..<40).map { k in names[(i + k) % names.count] }.joined(separator: " and ")
            lines.append(#"{"id":"dense-\#(i)","text":"\#(text) met."}"#)
        }
        let input = try dir.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let one = try Scale.run([exe, "--jobs", "1"], stdin: input)
        try #require(one.status == 0, "\(one.err)")
        #expect(one.out.count > 4 * Scale.fileSize(input), "the output is not much larger than the input")
        let two = try Scale.run([exe, "--jobs", "2"], stdin: input)
        #expect(two.status == 0, "\(two.err)")
        #expect(Scale.same(two.out, one.out), "--jobs 2 differs from --jobs 1 at byte \(Scale.firstDifference(two.out, one.out))")
    }

    /// Bad lines at known places, far apart, so they fall in different batches.
    static let badLines: [(line: Int, text: String)] = [
        (1_234, #"{"id":"bad-1","text":"unterminated}"#),
        (2_345, #"{"id":"bad-2","text":42}"#),
        (2_346, "not JSON at all"),
    ]

    static func corpusWithBadLines() -> [String] {
        var lines = Scale.corpus
        for bad in badLines { lines.insert(bad.text, at: bad.line - 1) }
        return lines
    }

    @Test("--jobs 2 reports bad lines in order, with their line numbers, under every --on-error policy",
          arguments: tools)
    func jobsReportBadLines(tool: String) throws {
        let exe = try Scale.executable(tool)
        let dir = try Scale.TempDir()
        let lines = Self.corpusWithBadLines()
        let input = try dir.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        for policy in ["fail", "skip", "pass"] {
            let one = try Scale.run([exe, "--jobs", "1", "--on-error", policy], stdin: input)
            let two = try Scale.run([exe, "--jobs", "2", "--on-error", policy], stdin: input)
            let named = Self.badLines.prefix(policy == "fail" ? 1 : Self.badLines.count).map(\.line)
            for run in [one, two] {
                #expect(run.status == 1, "\(tool) --on-error \(policy): status \(run.status)")
                let places = Scale.reportedLines(run.err, tool: tool, source: "stdin")
                #expect(places == named, "\(tool) --on-error \(policy) named lines \(places): \(run.err)")
            }
            #expect(Scale.same(two.out, one.out), "\(tool) --on-error \(policy): --jobs 2 differs from --jobs 1 at byte \(Scale.firstDifference(two.out, one.out))")
        }

        // Under fail, the output is exactly that of the lines before the first bad one.
        let before = try dir.write("before.jsonl", lines[..<(Self.badLines[0].line - 1)].joined(separator: "\n") + "\n")
        let prefix = try Scale.run([exe], stdin: before)
        let failed = try Scale.run([exe, "--jobs", "2"], stdin: input)
        #expect(Scale.same(failed.out, prefix.out), "\(tool) --jobs 2 under fail did not stop right before line \(Self.badLines[0].line)")

        // Under pass, each bad line comes out unchanged, in its place among the records.
        if tool != "news-split" {
            let passed = try Scale.run([exe, "--jobs", "2", "--on-error", "pass"], stdin: input)
            let outLines = Scale.lines(passed.out)
            #expect(outLines.count == lines.count)
            for bad in Self.badLines where bad.line <= outLines.count {
                #expect(outLines[bad.line - 1] == bad.text, "\(tool): line \(bad.line) was not passed through in place")
            }
        }

        // With a file argument, the message names the file.
        let named = try Scale.run([exe, "--jobs", "2", "--on-error", "skip", input])
        #expect(Scale.reportedLines(named.err, tool: tool, source: input) == Self.badLines.map(\.line), "\(named.err)")
    }

    @Test("--jobs 2 | head -1 exits 0 and says nothing", arguments: tools)
    func jobsIntoHead(tool: String) throws {
        let exe = try Scale.executable(tool)
        let dir = try Scale.TempDir()
        let input = try dir.write("in.jsonl", Scale.corpus.joined(separator: "\n") + "\n")
        let first = Scale.lines(try Scale.run([exe], stdin: input).out).first
        let statusFile = dir.path("status")
        let run = try Scale.run([
            "/bin/sh", "-c", #"{ "$0" --jobs 2 < "$1"; echo $? > "$2"; } | head -1"#, exe, input, statusFile,
        ])
        #expect(run.status == 0)
        #expect(run.err.isEmpty, "\(tool) --jobs 2 | head -1 said: \(run.err)")
        #expect(Scale.lines(run.out) == [first].compactMap { $0 })
        let status = try String(contentsOfFile: statusFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status == "0", "\(tool) --jobs 2 exited \(status) when its reader went away")
    }

    @Test("--jobs 2 stops on SIGINT with status 130, its output whole records of one thread's output",
          arguments: tools)
    func jobsInterrupted(tool: String) throws {
        let exe = try Scale.executable(tool)
        let dir = try Scale.TempDir()
        let half = Scale.corpus.prefix(Scale.corpus.count / 2).joined(separator: "\n") + "\n"
        let input = try dir.write("half.jsonl", half)
        let full = try Scale.run([exe], stdin: input).out

        // Spawned with no signal blocked: a child inherits its parent thread's
        // mask, and the test runner's threads block SIGINT.
        let outPath = dir.path("out")
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let pid = try Scale.spawn([exe, "--jobs", "2"], stdin: fds[0], closeInChild: fds[1], stdout: outPath)
        close(fds[0])
        // Half the articles, and the input left open: the tool waits for more.
        half.utf8CString.withUnsafeBytes { raw in
            var done = 0
            let count = raw.count - 1  // not the NUL
            while done < count {
                let n = write(fds[1], raw.baseAddress! + done, count - done)
                if n <= 0 { break }
                done += n
            }
        }
        usleep(300_000)
        kill(pid, SIGINT)
        let status = Scale.wait(pid, seconds: 30)
        close(fds[1])
        #expect(status == 130, "\(tool) --jobs 2 after SIGINT: status \(status.map(String.init) ?? "none: it hung and was killed")")
        let got = try Data(contentsOf: URL(fileURLWithPath: outPath))
        #expect(!got.isEmpty, "\(tool) --jobs 2 wrote nothing of what it had read before SIGINT")
        #expect(got.last == 0x0A, "\(tool) --jobs 2 stopped inside a record")
        #expect(full.starts(with: got), "\(tool) --jobs 2 after SIGINT wrote what one thread would not")
    }

    @Test("--jobs 2 keeps memory bounded: 8× the input, not 8× the memory", arguments: tools)
    func jobsMemoryIsBounded(tool: String) throws {
        let exe = try Scale.executable(tool)
        let dir = try Scale.TempDir()
        let small = Scale.corpus.joined(separator: "\n") + "\n"
        let smallFile = try dir.write("small.jsonl", small)
        let bigFile = try dir.write("big.jsonl", String(repeating: small, count: 8))
        let smallRun = try Scale.peakRSS([exe, "--jobs", "2"], stdin: smallFile)
        let bigRun = try Scale.peakRSS([exe, "--jobs", "2"], stdin: bigFile)
        #expect(smallRun.status == 0 && bigRun.status == 0)
        guard let smallRSS = smallRun.rss, let bigRSS = bigRun.rss else {
            print("ScaleTests: skipping the memory check of \(tool): no /proc/PID/status here")
            return
        }
        // The window is 2 × jobs batches of about 256 KiB; the output buffer and
        // allocator slack add a few MiB. A reader that ran ahead would hold 8× more.
        let mib = 1024 * 1024
        print("ScaleTests: \(tool) --jobs 2 peak RSS \(smallRSS / mib) MiB on \(small.utf8.count / mib) MiB of input, \(bigRSS / mib) MiB on 8×")
        #expect(bigRSS <= smallRSS + 24 * mib,
                "\(tool) --jobs 2: \(bigRSS / mib) MiB on 8× the input vs \(smallRSS / mib) MiB")
    }

    // MARK: GNU parallel

    @Test("GNU parallel --pipe --keep-order, two jobs, gives one process's output",
          .enabled(if: Scale.parallelAvailable, "needs GNU parallel: bin/setup --test installs it"))
    func gnuParallel() throws {
        for tool in Self.tools { _ = try Scale.executable(tool) }
        let dir = try Scale.TempDir()
        let input = try dir.write("in.jsonl", Scale.corpus.joined(separator: "\n") + "\n")
        print("ScaleTests: running GNU parallel (\(Scale.firstLine(of: ["parallel", "--version"]))) with two jobs")
        let env = Scale.environment(path: Scale.binDir.path)
        // Small blocks, so that a few megabytes make many of them.
        for command in Self.tools + [Self.chain] {
            let single = try Scale.run(["bash", "-o", "pipefail", "-c", command], stdin: input, env: env)
            try #require(single.status == 0, "\(command): \(single.err)")
            for hosts in [[], ["-S", "2/:"]] {
                let args = ["parallel", "--pipe", "--keep-order", "-j2", "--block", "200k"] + hosts + [command]
                let split = try Scale.run(args, stdin: input, env: env)
                #expect(split.status == 0, "\(args): \(split.err)")
                #expect(Scale.same(split.out, single.out), "\(args) differs from one process at byte \(Scale.firstDifference(split.out, single.out))")
            }
        }
    }

    // MARK: Spark

    static var driver: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/spark/newsfilters_spark.py").path
    }

    @Test("Spark (local[2], tools on PATH) gives the records of one process",
          .enabled(if: Scale.sparkAvailable, "needs java and pyspark: bin/setup --test installs pyspark"), .timeLimit(.minutes(10)))
    func sparkOnPath() throws {
        for tool in Self.tools { _ = try Scale.executable(tool) }
        try sparkRun(ship: false)
    }

    @Test("Spark (local[2], tools shipped with SparkFiles) gives the records of one process",
          .enabled(if: Scale.sparkAvailable, "needs java and pyspark: bin/setup --test installs pyspark"), .timeLimit(.minutes(10)))
    func sparkShipped() throws {
        for tool in Self.tools { _ = try Scale.executable(tool) }
        try sparkRun(ship: true)
    }

    func sparkRun(ship: Bool) throws {
        let dir = try Scale.TempDir()
        let lines = Scale.corpus
        // A directory of two files, as Spark reads them.
        let inputDir = dir.path("articles")
        try FileManager.default.createDirectory(atPath: inputDir, withIntermediateDirectories: true)
        let cut = lines.count * 3 / 5
        _ = try dir.write("articles/part-a.jsonl", lines[..<cut].joined(separator: "\n") + "\n")
        _ = try dir.write("articles/part-b.jsonl", lines[cut...].joined(separator: "\n") + "\n")
        let all = try dir.write("all.jsonl", lines.joined(separator: "\n") + "\n")

        let onPath = Scale.environment(path: Scale.binDir.path)
        let single = try Scale.run(["bash", "-o", "pipefail", "-c", Self.chain], stdin: all, env: onPath)
        try #require(single.status == 0, "the chain failed in one process: \(single.err)")

        let output = dir.path("annotated")
        var args = [Scale.python, Self.driver, "--master", "local[2]", "--partitions", "4"]
        var env = onPath
        if ship {
            args += Self.tools.flatMap { ["--ship", Scale.binDir.appendingPathComponent($0).path] }
            // The tools are found only where Spark put them.
            args += ["--path", dir.path("nothing-here")]
            env = Scale.environment(path: nil)
        }
        args += [Self.chain, inputDir, output]
        env["PYSPARK_PYTHON"] = Scale.python
        print("ScaleTests: running Spark local[2]\(ship ? " with the tools shipped by --ship" : "") over \(lines.count) articles")
        let started = Date()
        let spark = try Scale.run(args, env: env, cwd: dir.url)
        let took = Date().timeIntervalSince(started)
        print("ScaleTests: Spark run took \(String(format: "%.1f", took)) s")
        try #require(spark.status == 0, "the Spark driver failed (\(spark.status)): \(spark.err.suffix(3000))")
        #expect(FileManager.default.fileExists(atPath: output + "/_SUCCESS"))

        let parts = try FileManager.default.contentsOfDirectory(atPath: output)
            .filter { $0.hasPrefix("part-") }.sorted()
        #expect(parts.count >= 4, "expected a part file per partition, got \(parts)")
        var records: [String] = []
        for part in parts {
            records += Scale.lines(try Data(contentsOf: URL(fileURLWithPath: output + "/" + part)))
        }
        let expected = Scale.lines(single.out)
        #expect(records.count == expected.count, "Spark wrote \(records.count) records, one process \(expected.count)")
        #expect(records.sorted() == expected.sorted(), "Spark's records differ from one process's")
        // Nothing is shuffled, so each input file's records keep their order; only
        // the order of the files is Spark's choice.
        let fromA = records.filter { Scale.articleNumber($0).map { $0 < cut } ?? false }
        let fromB = records.filter { Scale.articleNumber($0).map { $0 >= cut } ?? false }
        #expect(fromA.count + fromB.count == records.count, "records without a doc id")
        let aLines = expected.filter { Scale.articleNumber($0).map { $0 < cut } ?? false }
        let bLines = expected.filter { Scale.articleNumber($0).map { $0 >= cut } ?? false }
        #expect(fromA == aLines, "the records of part-a.jsonl are out of order")
        #expect(fromB == bLines, "the records of part-b.jsonl are out of order")
    }
}

// MARK: - Helpers

/// What the scale tests share: finding the tools, running them, making articles.
fileprivate enum Scale {
    /// The folder with the built tools: $NEWSFILTERS_BIN, else the test bundle's own build folder.
    static let binDir: URL = {
        if let dir = ProcessInfo.processInfo.environment["NEWSFILTERS_BIN"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        var candidates: [URL] = []
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(me.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for dir in candidates where FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("news-split").path) {
            return dir
        }
        return candidates[0]
    }()

    /// The path of a built tool, or a failure saying where it was looked for.
    static func executable(_ name: String) throws -> String {
        let path = binDir.appendingPathComponent(name).path
        try #require(FileManager.default.isExecutableFile(atPath: path),
                     "\(name) is not built: no executable at \(path) (run swift build, or set NEWSFILTERS_BIN)")
        return path
    }

    /// The Python that runs the Spark driver ($NEWSFILTERS_PYTHON, else python3).
    static let python: String = ProcessInfo.processInfo.environment["NEWSFILTERS_PYTHON"] ?? "python3"

    /// Whether the GNU parallel and Spark tests can run (the reason printed once when not).
    static let parallelAvailable = have("parallel", why: "GNU parallel is not installed (bin/setup --test, or apt-get install parallel)")
    static let sparkAvailable = haveSpark()

    /// Whether a program is on PATH; prints `why` (the reason to skip) when not.
    static func have(_ program: String, why: String) -> Bool {
        let found = (try? run(["/bin/sh", "-c", "command -v \"$0\"", program]))?.status == 0
        if !found { print("ScaleTests: skipping: \(why)") }
        return found
    }

    /// Whether Java and pyspark are there; prints the reason to skip when not.
    static func haveSpark() -> Bool {
        guard have("java", why: "java is not installed, so Spark cannot run (a JDK 17 or later is needed)") else {
            return false
        }
        let probe = try? run([python, "-c", "import pyspark; print(pyspark.__version__)"])
        guard let probe, probe.status == 0 else {
            print("ScaleTests: skipping the Spark tests: \(python) cannot import pyspark (bin/setup --test installs it: pip install pyspark)")
            return false
        }
        print("ScaleTests: Spark tests run with pyspark \(String(decoding: probe.out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) and \(firstLine(of: ["java", "-version"]))")
        return true
    }

    static func firstLine(of command: [String]) -> String {
        guard let r = try? run(command) else { return "?" }
        let text = String(decoding: r.out, as: UTF8.self) + r.err
        return text.split(separator: "\n").first.map(String.init) ?? "?"
    }

    /// This process's environment with PATH starting with `path` (nil: PATH without the tools' folder).
    static func environment(path: String?) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        let system = env["PATH"] ?? "/usr/bin:/bin"
        let kept = system.split(separator: ":").map(String.init).filter { $0 != binDir.path }
        env["PATH"] = ([path].compactMap { $0 } + kept).joined(separator: ":")
        return env
    }

    struct Result {
        var status: Int32
        var out: Data
        var err: String
    }

    /// Runs `argv` (looked up on PATH) with stdin from a file, capturing stdout and stderr in files.
    static func run(_ argv: [String], stdin: String? = nil, env: [String: String]? = nil, cwd: URL? = nil) throws -> Result {
        let dir = try TempDir()
        let outPath = dir.path("stdout"), errPath = dir.path("stderr")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        if let env { process.environment = env }
        if let cwd { process.currentDirectoryURL = cwd }
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let inHandle = try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) }
            ?? FileHandle(forReadingAtPath: "/dev/null")!
        process.standardInput = inHandle
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try? outHandle.close(); try? errHandle.close(); try? inHandle.close()
        let status = process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        return Result(
            status: status,
            out: try Data(contentsOf: URL(fileURLWithPath: outPath)),
            err: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self))
    }

    /// Runs `argv` with stdin from a file and stdout to /dev/null; returns its
    /// exit status and peak RSS in bytes, or nil where /proc cannot tell.
    ///
    /// The peak is the process's own VmHWM, read from /proc while it runs: the
    /// peak that wait4(2) reports would include this test process's own, which
    /// a spawned child inherits across exec.
    static func peakRSS(_ argv: [String], stdin: String) throws -> (status: Int32, rss: Int?) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdin))
        defer { try? input.close() }
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let status = "/proc/\(process.processIdentifier)/status"
        var peak: Int? = nil
        while process.isRunning {
            if let text = try? String(contentsOfFile: status, encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kib = Int(line.split(separator: " ").dropFirst().first ?? "") {
                peak = max(peak ?? 0, kib * 1024)
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        return (process.terminationStatus, peak)
    }

    /// Starts `argv` with `stdin` as its standard input, standard output to a
    /// new file and standard error to /dev/null, with no signal blocked or caught.
    static func spawn(_ argv: [String], stdin: Int32, closeInChild other: Int32, stdout: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_addclose(&actions, other)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = cleanSpawnAttributes()
        defer { posix_spawnattr_destroy(&attributes) }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid = pid_t()
        let error = posix_spawn(&pid, argv[0], &actions, &attributes, &cArgs, environ)
        try #require(error == 0, "cannot run \(argv[0]): \(String(cString: strerror(error)))")
        return pid
    }

    /// Waits for `pid` and returns its exit status (128 + N after signal N), or
    /// nil if it had not ended after `seconds`, when it is killed.
    static func wait(_ pid: pid_t, seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { return nil }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return nil
            }
            usleep(10_000)
        }
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// A fresh temporary folder, removed when the value goes away.
    final class TempDir {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory
                .appendingPathComponent("newsfilters-scale-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func write(_ name: String, _ text: String) throws -> String {
            let p = path(name)
            try Data(text.utf8).write(to: URL(fileURLWithPath: p))
            return p
        }
    }

    /// The lines of some output, without their newlines.
    static func lines(_ data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast(data.last == 0x0A ? 1 : 0).map(String.init)
    }

    /// The line numbers in `TOOL: SOURCE:LINE: message` lines of stderr, in order.
    static func reportedLines(_ err: String, tool: String, source: String) -> [Int] {
        let prefix = "\(tool): \(source):"
        return err.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix(prefix) else { return nil }
            return Int(line.dropFirst(prefix.count).prefix { $0.isNumber })
        }
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// Whether two outputs are the same bytes. (Comparing them inside
    /// `#expect` would have a failure diff megabytes, which takes hours.)
    static func same(_ a: Data, _ b: Data) -> Bool { a == b }

    static func firstDifference(_ a: Data, _ b: Data) -> Int {
        let n = min(a.count, b.count)
        let base = (a.startIndex, b.startIndex)
        for i in 0..<n where a[base.0 + i] != b[base.1 + i] { return i }
        return n
    }

    /// N in the `"doc":"synth-N"` of a sentence record.
    static func articleNumber(_ line: String) -> Int? {
        guard let r = line.range(of: "\"doc\":\"synth-") else { return nil }
        return Int(line[r.upperBound...].prefix { $0.isNumber })
    }

    // MARK: Articles

    /// A few thousand made-up news articles, one JSON object per line: quotations
    /// with curly and straight marks, numbers, names, places, accents, emoji,
    /// `\u` escapes, a few long articles, a big integer and a varying key order.
    static let corpus: [String] = Articles.make(count: 3_000)
    static var corpusBytes: Int { corpus.reduce(0) { $0 + $1.utf8.count + 1 } }
}

/// Writes deterministic made-up articles (a linear congruential generator, no corpus text).
fileprivate enum Articles {
    static let people = [
        "Maria Gonzalez", "John Smith", "Olena Kovalenko", "José Álvarez", "Ahmed Hassan",
        "Li Wei", "Søren Madsen", "Chiara Rossi", "Kwame Mensah", "Anna Nowak", "Dmitri Petrov",
        "Aiko Tanaka", "Zoë Müller", "Sean O'Brien", "Priya Natarajan",
    ]
    static let roles = ["President", "Minister", "Dr.", "Senator", "Mayor", "Chief Executive"]
    static let orgs = [
        "the Central Bank", "Acme Corp", "the United Nations", "the World Health Organization",
        "Northwind Traders Inc", "the Ministry of Finance", "Globex Holdings", "the Red Cross",
    ]
    static let places = [
        "Kyiv", "Zürich", "São Paulo", "New York", "Lagos", "Jakarta", "Montréal", "Reykjavík",
        "Nairobi", "Osaka", "Kraków", "Buenos Aires",
    ]
    static let nationalities = ["Ukrainian", "Brazilian", "Japanese", "Nigerian", "Polish", "Canadian"]
    static let amounts = [
        "$1.5 billion", "61%", "at least 100,000", "two", "3.2 million", "between 10 and 20",
        "1,250", "€40 million", "more than 300", "a third", "12.5 per cent", "nearly 7,000",
        "£2.75", "the fifth", "about 45", "1/4",
    ]
    static let nouns = ["workers", "soldiers", "residents", "tonnes of wheat", "votes", "homes", "students"]
    static let months = ["January", "March", "June", "September", "November"]
    static let verbs = ["said", "told reporters", "said on Tuesday", "added", "wrote in a statement"]

    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func pick<T>(_ list: [T]) -> T { list[next(list.count)] }
    }

    static func sentence(_ g: inout Generator) -> String {
        let who = g.pick(people), org = g.pick(orgs), place = g.pick(places)
        let amount = g.pick(amounts), noun = g.pick(nouns), verb = g.pick(verbs)
        switch g.next(10) {
        case 0: return "\(who) \(verb) that \(org) would spend \(amount) in \(place)."
        case 1: return "“We will not give up on \(place). \(amount.prefix(1).uppercased() + amount.dropFirst()) \(noun) depend on it,” \(who) \(verb)."
        case 2: return "\"Nobody expected this,\" said \(g.pick(roles)) \(who), a spokesperson for \(org)."
        case 3: return "About \(amount) \(noun) gathered in \(place) on \(g.pick(months)) \(1 + g.next(28)), according to \(org)."
        case 4: return "Prices rose \(amount) in \(g.pick(months)), the \(g.pick(["second", "third", "fourth"])) increase this year, \(g.pick(nationalities)) officials said."
        case 5: return "Fans cheered 🎉 as \(who) arrived in \(place) at 10 a.m. on Jan. \(1 + g.next(28))."
        case 6: return "\(g.pick(nationalities)) and \(g.pick(nationalities)) negotiators met \(who) in \(place)."
        case 7: return "‘It is a fair deal,’ \(who) said of the \(amount) agreement with \(org)."
        case 8: return "The \(org.hasPrefix("the ") ? String(org.dropFirst(4)) : org) report, released in \(place), counted \(amount) \(noun)."
        default: return "\(who), 54, said: “The numbers — \(amount) — speak for themselves.”"
        }
    }

    static func make(count: Int) -> [String] {
        var g = Generator(state: 0x5EED_0008)
        return (0..<count).map { i in
            let paragraphs = (0..<(2 + g.next(5))).map { _ in
                (0..<(1 + g.next(4))).map { _ in sentence(&g) }.joined(separator: " ")
            }
            var text = paragraphs.joined(separator: "\n\n")
            if i % 500 == 250 {
                // A long article: some batches hold one record only.
                text = Array(repeating: text, count: 100).joined(separator: "\n\n")
            }
            let escaped = jsonString(text, asciiOnly: i % 7 == 3)
            let id = "\"id\":\"synth-\(i)\""
            let title = "\"title\":\(jsonString(g.pick(places) + " " + g.pick(nouns).uppercased(), asciiOnly: false))"
            switch i % 3 {
            case 0: return "{\(id),\(title),\"text\":\(escaped)}"
            case 1: return "{\"n\":123456789012345678901234567890,\(id),\"text\":\(escaped),\(title),\"score\":1e400}"
            default: return "{ \(id) , \"text\" : \(escaped) , \"tags\" : [\"a\", {\"text\": \"decoy\"}] }"
            }
        }
    }

    /// A JSON string literal; `asciiOnly` writes every non-ASCII character as `\u` escapes.
    static func jsonString(_ s: String, asciiOnly: Bool) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            case _ where asciiOnly && scalar.value > 0x7E:
                for unit in String(scalar).utf16 { out += String(format: "\\u%04X", unit) }
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
