// The command-line contract every tool shares (the core's Runner, LineReader,
// OutputSink and CommonOptions), checked against each built executable.
// Expected outputs are the tool's own output on the good lines alone, so the
// checks hold whatever a tool finds in the text.
import Foundation
import Testing

/// Records of our own for the contract tests.
enum Sample {
    static let texts = [
        "The council said on Monday that at least 1,200 homes in Springfield lost power after the storm.",
        "\"We are working around the clock,\" said Maria Lopez, the city's mayor. Repairs will cost about $4.5 million.",
        "Shares of Northwind Traders rose 3.2% to 41.50 euros in Frankfurt, according to exchange data.",
        "Two people were hurt.\n\nThe fire service said the blaze was under control by 9 p.m. on Tuesday.",
        "“It’s a dark day,” Zoë Müller told reporters in Zürich — 😀 — on 3 March. 東京 prices fell by a third.",
    ]

    /// A JSON string for `s`: quotes, backslashes and control characters escaped.
    static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// Record `i`: an id and one of the texts.
    static func record(_ i: Int) -> String {
        #"{"id":"r\#(i)","text":\#(json(texts[i % texts.count]))}"#
    }

    /// `lines` joined, each ending in `\n`, as bytes.
    static func input(_ lines: [String]) -> [UInt8] { Array(lines.map { $0 + "\n" }.joined().utf8) }
}

/// Serialized: the tools are processes of their own, and running dozens at
/// once on a small machine only makes the time limits below flaky.
@Suite(.serialized) struct CoreContractTests {
    // MARK: Bad lines and the error policy

    @Test(arguments: Tool.all)
    func aBadLineStopsTheRunWithEverythingBeforeItWritten(_ tool: String) throws {
        // Line 2 is blank (counted, skipped), line 4 is bad.
        let good = [Sample.record(1), "", Sample.record(2)]
        let all = good + [#"{"id":"r3","text":"unterminated}"#, Sample.record(4)]
        let result = try Tool.run(tool, stdin: Sample.input(all))
        let before = try Tool.run(tool, stdin: Sample.input(good))
        #expect(result.status == 1)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("\(tool): stdin:4: invalid JSON: "), "\(result.stderr)")
        #expect(before.status == 0)
        #expect(!before.stdout.isEmpty)
        #expect(sameBytes(result.stdout, before.stdout), "the output stops right before the bad line")
    }

    @Test(arguments: Tool.all)
    func aBadLineInAFileIsNamedByTheFile(_ tool: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("in.jsonl", Sample.input([Sample.record(0), "{\"id\":\"x\",\"text\":\"a\",}"]))
        let result = try Tool.run(tool, [path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(tool): \(path):2: invalid JSON: "), "\(result.stderr)")
    }

    /// Lines mixing good records and bad ones: invalid JSON, no text field,
    /// a text that is not a string, invalid UTF-8.
    static let mixed: [[UInt8]] = [
        Array(Sample.record(0).utf8),
        Array(#"{"id":"b1","text":"x",}"#.utf8),
        Array(Sample.record(1).utf8),
        Array(#"{"id":"b2"}"#.utf8),
        Array(#"{"id":"b3","text":42}"#.utf8),
        Array(#"{"id":"b4","text":"caf"#.utf8) + [0xE9] + Array(#""}"#.utf8),
        Array(Sample.record(2).utf8),
        Array("not json at all".utf8),
        Array(Sample.record(3).utf8),
    ]
    static let badLineNumbers = [2, 4, 5, 6, 8]

    static func joined(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [0x0A] } }

    @Test(arguments: Tool.all)
    func skipReportsAndDropsBadLines(_ tool: String) throws {
        let result = try Tool.run(tool, ["--on-error", "skip"], stdin: Self.joined(Self.mixed))
        let goodOnly = Self.mixed.enumerated().filter { !Self.badLineNumbers.contains($0.offset + 1) }.map(\.element)
        let expected = try Tool.run(tool, stdin: Self.joined(goodOnly))
        #expect(result.status == 1, "skip still exits 1 at the end")
        #expect(sameBytes(result.stdout, expected.stdout))
        #expect(result.stderrLines.count == Self.badLineNumbers.count, "\(result.stderr)")
        for (message, n) in zip(result.stderrLines, Self.badLineNumbers) {
            #expect(message.hasPrefix("\(tool): stdin:\(n): "), "\(message)")
        }
    }

    @Test(arguments: Tool.all)
    func passCopiesBadLinesThroughUnchanged(_ tool: String) throws {
        let result = try Tool.run(tool, ["--on-error", "pass"], stdin: Self.joined(Self.mixed))
        // Expected: each good line as the tool writes it alone, each bad line as it came.
        var expected: [UInt8] = []
        for (k, line) in Self.mixed.enumerated() {
            if Self.badLineNumbers.contains(k + 1) {
                expected += line + [0x0A]
            } else {
                expected += try Tool.run(tool, stdin: line + [0x0A]).stdout
            }
        }
        #expect(result.status == 1)
        #expect(sameBytes(result.stdout, expected))
        #expect(result.stderrLines.count == Self.badLineNumbers.count, "\(result.stderr)")
        for (message, n) in zip(result.stderrLines, Self.badLineNumbers) {
            #expect(message.hasPrefix("\(tool): stdin:\(n): "), "\(message)")
        }
    }

    @Test(arguments: Tool.all)
    func anUnknownPolicyIsAUsageError(_ tool: String) throws {
        let result = try Tool.run(tool, ["--on-error", "maybe"], stdin: Sample.input([Sample.record(0)]))
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
    }

    // MARK: Files

    @Test(arguments: Tool.all)
    func aMissingFileIsReportedAndTheNextOneRead(_ tool: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let good = try dir.write("good.jsonl", Sample.input([Sample.record(0), Sample.record(1)]))
        let missing = dir.file("missing.jsonl")
        let result = try Tool.run(tool, [missing, good])
        let alone = try Tool.run(tool, [good])
        #expect(result.status == 1)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("\(tool): \(missing)"), "\(result.stderr)")
        #expect(alone.status == 0)
        #expect(sameBytes(result.stdout, alone.stdout))
    }

    @Test(arguments: Tool.all)
    func aFolderIsAnUnreadableFile(_ tool: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let good = try dir.write("good.jsonl", Sample.input([Sample.record(2)]))
        let result = try Tool.run(tool, [dir.path, good])
        let alone = try Tool.run(tool, [good])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(tool): \(dir.path)"), "\(result.stderr)")
        #expect(sameBytes(result.stdout, alone.stdout))
    }

    @Test(arguments: Tool.all)
    func filesAndStdinInOrder(_ tool: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try dir.write("a.jsonl", Sample.input([Sample.record(0)]))
        let b = try dir.write("b.jsonl", Sample.input([Sample.record(2)]))
        let result = try Tool.run(tool, [a, "-", b], stdin: Sample.input([Sample.record(1)]))
        let expected = try Tool.run(tool, stdin: Sample.input([Sample.record(0), Sample.record(1), Sample.record(2)]))
        #expect(result.status == 0)
        #expect(sameBytes(result.stdout, expected.stdout))
    }

    // MARK: Pipes and writes

    @Test(.timeLimit(.minutes(2)), arguments: Tool.all)
    func aClosedPipeEndsQuietly(_ tool: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // About 4 MB of records: far more output than a pipe holds.
        var lines: [String] = []
        var size = 0
        var i = 0
        while size < 4_000_000 {
            let r = Sample.record(i)
            lines.append(r)
            size += r.utf8.count + 1
            i += 1
        }
        let big = try dir.write("big.jsonl", Sample.input(lines))
        let status = dir.file("status"), err = dir.file("stderr")
        let result = try Tool.shell(
            #"{ "$TOOL" < "$1" 2> "$3"; echo $? > "$2"; } | head -1"#, tool: tool, arguments: [big, status, err])
        let toolStatus = try String(contentsOfFile: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let toolErrors = try String(contentsOfFile: err, encoding: .utf8)
        #expect(result.stdoutLines.count == 1)
        #expect(toolStatus == "0", "141 would be death by SIGPIPE")
        #expect(toolErrors == "")
    }

    @Test(arguments: Tool.all)
    func aFailedWriteExitsOneWithAMessage(_ tool: String) throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = try dir.write("in.jsonl", Sample.input((0..<2_000).map(Sample.record)))
        let result = try Tool.shell(#""$TOOL" < "$1" > /dev/full"#, tool: tool, arguments: [input])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(tool): "), "\(result.stderr)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("read error"), "a write error, not a read error: \(result.stderr)")
    }

    // MARK: Input forms

    @Test(arguments: Tool.all)
    func bomAndCRLFGiveTheSameOutputAsPlainLines(_ tool: String) throws {
        let records = (0..<5).map(Sample.record)
        let plain = try Tool.run(tool, stdin: Sample.input(records))
        let crlf = [0xEF, 0xBB, 0xBF] + Array((records.joined(separator: "\r\n") + "\r\n\r\n").utf8)
        let result = try Tool.run(tool, stdin: crlf)
        #expect(plain.status == 0)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(sameBytes(result.stdout, plain.stdout))
        // And a last line without its newline.
        let unterminated = try Tool.run(tool, stdin: Array(records.joined(separator: "\n").utf8))
        #expect(sameBytes(unterminated.stdout, plain.stdout))
    }

    @Test(arguments: Tool.all)
    func emptyAndBlankInputWriteNothing(_ tool: String) throws {
        for input in ["", "\n", "\n \n\t\r\n", "\u{FEFF}\n"] {
            let result = try Tool.run(tool, stdin: Array(input.utf8))
            #expect(result.status == 0, "\(show(input))")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "")
        }
    }

    @Test(arguments: Tool.all)
    func rawMakesOneRecordPerFile(_ tool: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = Sample.texts[1] + "\n\n" + Sample.texts[4] + "\n"
        let path = try dir.write("article.txt", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let raw = try Tool.run(tool, ["--raw", path])
        // The same as the record {"id": file name, "text": the file's text, BOM dropped}.
        let record = #"{"id":\#(Sample.json(path)),"text":\#(Sample.json(text))}"#
        let expected = try Tool.run(tool, stdin: Sample.input([record]))
        #expect(raw.status == 0, "\(raw.stderr)")
        #expect(expected.status == 0, "\(expected.stderr)")
        #expect(try parsedLines(raw.stdout) == parsedLines(expected.stdout))
        // From standard input the id is "stdin".
        let fromStdin = try Tool.run(tool, ["--raw"], stdin: Array(text.utf8))
        let stdinRecord = #"{"id":"stdin","text":\#(Sample.json(text))}"#
        #expect(try parsedLines(fromStdin.stdout) == parsedLines(Tool.run(tool, stdin: Sample.input([stdinRecord])).stdout))
    }

    @Test(arguments: Tool.all)
    func rawRejectsInvalidUTF8AndReadsTheNextFile(_ tool: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // "caf" then a Latin-1 é: byte 4, counting from 1.
        let bad = try dir.write("latin1.txt", Array("caf".utf8) + [0xE9] + Array(" au lait.\n".utf8))
        let good = try dir.write("good.txt", Array((Sample.texts[0] + "\n").utf8))
        let result = try Tool.run(tool, ["--raw", "--on-error", "skip", bad, good])
        let alone = try Tool.run(tool, ["--raw", good])
        #expect(result.status == 1)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("\(tool): \(bad)"), "\(result.stderr)")
        #expect(result.stderr.contains("UTF-8"), "\(result.stderr)")
        #expect(sameBytes(result.stdout, alone.stdout))
        // Under the default policy the run stops at the bad file.
        let stopped = try Tool.run(tool, ["--raw", bad, good])
        #expect(stopped.status == 1)
        #expect(stopped.stdout.isEmpty)
    }

    @Test(arguments: Tool.all)
    func aCustomTextField(_ tool: String) throws {
        let line = #"{"id":"f1","body":\#(Sample.json(Sample.texts[0])),"text":7}"#
        let result = try Tool.run(tool, ["--field", "body"], stdin: Sample.input([line]))
        let plain = try Tool.run(tool, stdin: Sample.input([Sample.record(0)]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.isEmpty)
        #expect(result.stdoutLines.count == plain.stdoutLines.count)
    }

    // MARK: Annotators keep the input bytes

    @Test(arguments: Tool.annotators)
    func annotatorsKeepTheLineAndAppendTheirField(_ tool: String) throws {
        let field = try #require(Tool.field[tool])
        let lines = [
            #"{"z":1e400,"big":1234567890123456789012345678901234567890,"text":\#(Sample.json(Sample.texts[0])),"esc":"caf\u00e9 \/ \ud83d\ude00","a":[1, 2 ,{}]}"#,
            #"{ "text" : \#(Sample.json(Sample.texts[4])) , "id": null }"#,
            #"{"text":\#(Sample.json(Sample.texts[1])),"\#(field)":[{"old":1}],"id":"x"}"#,
        ]
        let result = try Tool.run(tool, stdin: Sample.input(lines))
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdoutLines
        try #require(out.count == 3)
        for (input, output) in zip(lines.prefix(2), out.prefix(2)) {
            let kept = String(input.dropLast())  // without its closing brace
            #expect(output.hasPrefix(kept + #","\#(field)":"#), "\(output)")
            #expect(output.hasSuffix("}"))
        }
        // An old field is replaced, not doubled.
        #expect(out[2].hasPrefix(#"{"text":\#(Sample.json(Sample.texts[1])),"id":"x","\#(field)":"#), "\(out[2])")
        #expect(out[2].components(separatedBy: #""\#(field)":"#).count == 2)
        // Annotating the output again gives the same bytes. (Not the second
        // line: white space before its closing brace is the Splice bug that
        // SpliceTests.annotatingTwiceKeepsSpaceBeforeTheBrace records.)
        let onceLines = [out[0], out[2]].map { $0 + "\n" }.joined()
        let again = try Tool.run(tool, stdin: Array(onceLines.utf8))
        #expect(again.stdoutText == onceLines)
    }

    // MARK: Options

    @Test(arguments: Tool.all)
    func versionAndHelpExitZero(_ tool: String) throws {
        let version = try Tool.run(tool, ["--version"])
        #expect(version.status == 0)
        #expect(version.stdoutLines.count == 1)
        #expect(version.stdoutText.first?.isNumber == true, "\(version.stdoutText)")
        let help = try Tool.run(tool, ["--help"])
        #expect(help.status == 0)
        for option in ["--field", "--offsets", "--raw", "--line-buffered", "--on-error", "--jobs", "--version", "--help"] {
            #expect(help.stdoutText.contains(option), "\(option) missing from --help")
        }
        #expect(try Tool.run(tool, ["-h"]).status == 0)
    }

    @Test(arguments: Tool.all)
    func allToolsReportTheSameVersion(_ tool: String) throws {
        let mine = try Tool.run(tool, ["--version"]).stdout
        let split = try Tool.run("news-split", ["--version"]).stdout
        #expect(sameBytes(mine, split))
    }

    static let usageErrors: [[String]] = [
        ["--no-such-option"],
        ["--offsets", "bytes"],
        ["--on-error"],
        ["--jobs", "-1"],
        ["--jobs", "two"],
        ["--field", ""],
    ]

    @Test(arguments: Tool.all, usageErrors)
    func usageErrorsExit64(_ tool: String, _ arguments: [String]) throws {
        let result = try Tool.run(tool, arguments, stdin: Sample.input([Sample.record(0)]))
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }

    @Test(arguments: Tool.all)
    func offsetsUnitsAgreeOnASCII(_ tool: String) throws {
        // On ASCII text code points, UTF-16 units and bytes are the same count.
        let input = Sample.input([Sample.record(0), Sample.record(1), Sample.record(2)])
        let codepoint = try Tool.run(tool, stdin: input)
        for unit in ["codepoint", "utf16", "utf8"] {
            let result = try Tool.run(tool, ["--offsets", unit], stdin: input)
            #expect(result.status == 0)
            #expect(sameBytes(result.stdout, codepoint.stdout), "--offsets \(unit)")
        }
    }

    // MARK: Threads, signals, buffering

    @Test(.timeLimit(.minutes(2)), arguments: Tool.all)
    func jobsTwoWritesTheSameBytesAsJobsOne(_ tool: String) throws {
        var lines: [[UInt8]] = []
        for i in 0..<3_000 {
            switch i % 97 {
            case 13: lines.append(Array(#"{"id":"bad\#(i)","text":"x"]"#.utf8))
            case 41: lines.append(Array(#"{"id":"notext\#(i)"}"#.utf8))
            case 60: lines.append([])
            default: lines.append(Array(Sample.record(i).utf8))
            }
        }
        let input = Self.joined(lines)
        let one = try Tool.run(tool, ["--on-error", "pass", "--jobs", "1"], stdin: input)
        let two = try Tool.run(tool, ["--on-error", "pass", "--jobs", "2"], stdin: input)
        let all = try Tool.run(tool, ["--on-error", "pass", "--jobs", "0"], stdin: input)
        #expect(one.status == 1)
        #expect(one.stdout.count > input.count / 2)
        #expect(two.status == one.status)
        #expect(sameBytes(two.stdout, one.stdout))
        #expect(two.stderr == one.stderr, "messages in input order")
        #expect(sameBytes(all.stdout, one.stdout))
        // The bad lines are reported with their numbers.
        let reported = one.stderrLines.compactMap { $0.split(separator: ":").dropFirst(2).first.flatMap { Int($0) } }
        let expected = (0..<3_000).filter { [13, 41].contains($0 % 97) }.map { $0 + 1 }
        #expect(reported == expected)
        // Under --on-error fail both stop at the first bad line (line 14) with the same output.
        let failOne = try Tool.run(tool, ["--jobs", "1"], stdin: input)
        let failTwo = try Tool.run(tool, ["--jobs", "2"], stdin: input)
        #expect(failOne.status == 1 && failTwo.status == 1)
        #expect(failOne.stderr.hasPrefix("\(tool): stdin:14: "), "\(failOne.stderr)")
        #expect(failTwo.stderr == failOne.stderr)
        #expect(sameBytes(failTwo.stdout, failOne.stdout))
    }

    @Test(.timeLimit(.minutes(1)), arguments: Tool.all)
    func lineBufferedWritesEachRecordAtOnce(_ tool: String) throws {
        let running = try Tool.start(tool, ["--line-buffered"])
        try running.write(Array((Sample.record(0) + "\n").utf8))
        let first = running.readLine(timeout: 20)
        #expect(first != nil, "no output while the input is still open")
        running.closeInput()
        #expect(running.wait().status == 0)
    }

    static let signals: [(signal: Int32, status: Int32)] = [(SIGINT, 130), (SIGTERM, 143)]

    @Test(.timeLimit(.minutes(1)), arguments: Tool.all, signals.indices)
    func aSignalStopsTheToolWith128PlusN(_ tool: String, _ k: Int) throws {
        let (signal, status) = Self.signals[k]
        let running = try Tool.start(tool, ["--line-buffered"])
        try running.write(Array((Sample.record(0) + "\n").utf8))
        // Once the first record is out, the tool goes back to waiting for
        // input: give it a moment to get there, then signal it.
        #expect(running.readLine(timeout: 20) != nil)
        usleep(300_000)
        running.send(signal)
        let end = running.wait(timeout: 10)
        #expect(end.status == status)
        #expect(!end.killedBySignal, "it exits with 128 + N itself, at a record boundary")
    }

    @Test(.timeLimit(.minutes(1)), arguments: Tool.all)
    func aSignalWhileBusyIsNotLost(_ tool: String) throws {
        // The signal is sent as soon as the first record's output appears,
        // usually before the tool is back in read(2): it must still stop
        // (the input stays open and idle).
        let running = try Tool.start(tool, ["--line-buffered"])
        try running.write(Array((Sample.record(0) + "\n").utf8))
        #expect(running.readLine(timeout: 20) != nil)
        running.send(SIGTERM)
        let end = running.wait(timeout: 3)
        #expect(end.status == 143)
    }
}

/// Whether `a` and `b` are the same bytes; records where they first differ if not.
func sameBytes(_ a: [UInt8], _ b: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    guard a != b else { return true }
    let i = zip(a, b).prefix { $0 == $1 }.count
    let lineNumber = a[..<i].filter { $0 == 0x0A }.count + 1
    func around(_ x: [UInt8]) -> String {
        String(decoding: x[max(0, i - 60)..<min(x.count, i + 60)], as: UTF8.self)
    }
    Issue.record(
        "outputs differ at byte \(i) (line \(lineNumber)); sizes \(a.count) and \(b.count)\n  \(around(a))\n  \(around(b))",
        sourceLocation: sourceLocation)
    return false
}

/// Each output line parsed as JSON, for comparisons that ignore key order and escaping.
private func parsedLines(_ bytes: [UInt8]) throws -> [NSDictionary] {
    try ToolResult.lines(String(decoding: bytes, as: UTF8.self)).map { line in
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? NSDictionary, "not a JSON object: \(line)")
    }
}

private func show(_ s: String) -> String {
    s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0xFEFF ? String(format: "\\u%04x", $0.value) : String($0) }.joined()
}
