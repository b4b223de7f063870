// Fuzzes news-numbers' annotator on arbitrary lines and on arbitrary valid
// text: shared checks (FuzzSupport), then each expression's text is its
// slice of the text and its value is a number.
import FuzzSupport
import NewsNumbers

nonisolated(unsafe) let cache = AnnotatorCache { try! NumberAnnotator() }

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzAnnotatorOnce(FuzzInput(data, size), cache: cache) { number, units in
        if let problem = spanProblem(number, units, textIsSlice: true) { return problem }
        // A value too big for a Double ("1e400") comes out as null: accepted, reported.
        switch number["value"] {
        case .number?, .null?: break
        default: return "value is not a JSON number"
        }
        guard number["kind"]?.string != nil else { return "no kind" }
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
