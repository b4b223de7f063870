// Fuzzes news-quotes' annotator on arbitrary lines and on arbitrary valid
// text: shared checks (FuzzSupport), then each quotation's span, speaker and
// cue lie inside the text on character boundaries.
import FuzzSupport
import NewsQuotes

nonisolated(unsafe) let cache = AnnotatorCache { try! QuoteAnnotator() }

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzAnnotatorOnce(FuzzInput(data, size), cache: cache) { quote, units in
        // The quotation's text is the words inside its marks, not its slice.
        if let problem = spanProblem(quote, units, textIsSlice: false) { return problem }
        for part in ["speaker", "cue"] {
            guard let value = quote[part] else { return "no \(part)" }
            if value == .null { continue }
            if let problem = spanProblem(value, units, textIsSlice: false) { return "\(part): \(problem)" }
        }
        return nil
    }
    return 0
}

@main enum Main {
    static func main() {
        cache.warmUp()
        runFuzzer(fuzzOne)
    }
}
