/// The annotator splice: the input line's bytes, unchanged, with
/// `,"FIELD":VALUE` inserted before the closing brace. Members already named
/// FIELD are left out, so annotating twice gives the same line as once.
///
/// It comes in two halves so that the value can be written straight into the
/// output between them: `appendHead` writes everything up to `"FIELD":`,
/// `appendTail` the closing brace and what follows it.
enum Splice {
    static func append(
        line: UnsafeBufferPointer<UInt8>, members: UnsafeBufferPointer<JSONMember>, closingBrace: Int,
        field: UnsafeBufferPointer<UInt8>, value: [UInt8], into out: inout [UInt8]
    ) {
        appendHead(line: line, members: members, closingBrace: closingBrace, field: field, into: &out)
        out.append(contentsOf: value)
        appendTail(line: line, closingBrace: closingBrace, into: &out)
    }

    static func appendTail(line: UnsafeBufferPointer<UInt8>, closingBrace: Int, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: line[closingBrace...]))
    }

    static func appendHead(
        line: UnsafeBufferPointer<UInt8>, members: UnsafeBufferPointer<JSONMember>, closingBrace: Int,
        field: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]
    ) {
        var stale = false
        for m in members where m.keyEquals(field, in: line) {
            stale = true
            break
        }
        var kept = members.count
        if !stale {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<closingBrace]))
        } else {
            // Copy the kept members with the bytes that separated them.
            kept = 0
            var lastKept = -1
            let firstStart = members[0].key.lowerBound - 1  // its opening quote
            out.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<firstStart]))
            for (k, m) in members.enumerated() where !m.keyEquals(field, in: line) {
                if kept > 0 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: line[members[k - 1].value.upperBound..<(m.key.lowerBound - 1)]))
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: line[(m.key.lowerBound - 1)..<m.value.upperBound]))
                kept += 1
                lastKept = k
            }
            let lastEnd = members[members.count - 1].value.upperBound
            if lastKept >= 0 && lastKept < members.count - 1 {
                // The white space after the last kept member, before the comma of
                // the member removed after it: that is where an earlier run
                // spliced its field in, after the line's own trailing space.
                var i = members[lastKept].value.upperBound
                while i < closingBrace, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0A || line[i] == 0x0D { i += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: line[members[lastKept].value.upperBound..<i]))
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: line[lastEnd..<closingBrace]))
        }
        if kept > 0 { out.append(UInt8(ascii: ",")) }
        JSONWriter.appendEscaped(field, to: &out)
        out.append(UInt8(ascii: ":"))
    }
}
