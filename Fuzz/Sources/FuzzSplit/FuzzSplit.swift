// Fuzzes news-split's transform on arbitrary lines and on arbitrary valid
// text, by sentence and by paragraph (see FuzzSupport for the checks).
import FuzzSupport
import NewsSplit

nonisolated(unsafe) let sentences = HarnessCache { try! Splitter(unit: .sentence, keep: []) }
nonisolated(unsafe) let paragraphs = HarnessCache { try! Splitter(unit: .paragraph, keep: ["id"]) }

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = FuzzInput(data, size)
    fuzzSplitOnce(input, cache: sentences)
    fuzzSplitOnce(input, cache: paragraphs)
    return 0
}

@main enum Main {
    static func main() {
        sentences.warmUp()
        paragraphs.warmUp()
        runFuzzer(fuzzOne)
    }
}
