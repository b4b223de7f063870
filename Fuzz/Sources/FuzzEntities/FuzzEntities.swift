// Fuzzes news-entities' annotator on arbitrary lines and on arbitrary valid
// text: shared checks (FuzzSupport), then each mention's text is its slice
// of the text and it has a type.
import FuzzSupport
import NewsEntities

nonisolated(unsafe) let cache = AnnotatorCache { try! EntityAnnotator() }

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzAnnotatorOnce(FuzzInput(data, size), cache: cache) { mention, units in
        if let problem = spanProblem(mention, units, textIsSlice: true) { return problem }
        guard mention["type"]?.string != nil else { return "no type" }
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
