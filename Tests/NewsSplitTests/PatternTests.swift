import PCRE2
import Testing
@testable import NewsSplit

// The rules kept as PCRE2 patterns (Patterns.swift), on sentences written
// for these tests; each expected split is read from the text.

private func sentences(_ text: String) -> [String] {
    var s = Segmenter()
    return s.split(text, unit: .sentence)
}

@Suite struct PatternRules {
    @Test func patternsCompileAndJIT() {
        for p in [SplitPatterns.date, SplitPatterns.figureLabel, SplitPatterns.captionLabel, SplitPatterns.webAddress] {
            #expect(p.isJITCompiled, "\(p.source)")
        }
    }

    /// A period with no space after it, inside a web address, ends nothing.
    @Test(arguments: [
        ("Mail the desk at news@paper.Example.org before noon.", ["Mail the desk at news@paper.Example.org before noon."]),
        ("The archive moved to files.Harbour.net last spring.", ["The archive moved to files.Harbour.net last spring."]),
        ("Get it from ftp://mirror.Uni.edu tonight.", ["Get it from ftp://mirror.Uni.edu tonight."]),
        ("Open (www.Library.org) for the list.", ["Open (www.Library.org) for the list."]),
        ("The rally was on Tuesday.Mr Ortega spoke first.", ["The rally was on Tuesday.", "Mr Ortega spoke first."]),
        ("Prices fell again.Shares of the bank dropped.", ["Prices fell again.", "Shares of the bank dropped."]),
    ])
    func webAddressAroundAPeriod(_ text: String, _ expected: [String]) {
        #expect(sentences(text) == expected)
    }

    @Test(arguments: [
        ("Monday, March 3, 2025 The council met for an hour.", ["Monday, March 3, 2025", "The council met for an hour."]),
        ("October 12, 2024 Rain closed the coastal road.", ["October 12, 2024", "Rain closed the coastal road."]),
        // Not a full date: no year.
        ("March 3 was the day the council met.", ["March 3 was the day the council met."]),
        // A month without a day is no dateline.
        ("May I ask a question? Yes.", ["May I ask a question?", "Yes."]),
    ])
    func datelines(_ text: String, _ expected: [String]) {
        #expect(sentences(text) == expected)
    }

    @Test func headlineThenDatelineNeedsAWeekday() {
        #expect(sentences("Council approves budget Monday, March 3, 2025 The vote was close.") ==
                ["Council approves budget", "Monday, March 3, 2025", "The vote was close."])
    }

    @Test(arguments: [
        ("Table 4.2 Exports grew in every quarter.", ["Table 4.2", "Exports grew in every quarter."]),
        ("Chart 3 Jobs added each month.", ["Chart 3", "Jobs added each month."]),
        // Lower case after the number: no caption.
        ("Table 4 shows the exports.", ["Table 4 shows the exports."]),
    ])
    func figureLabels(_ text: String, _ expected: [String]) {
        #expect(sentences(text) == expected)
    }

    @Test(arguments: [
        ("Villagers rebuild the old bridge Photo: Sara Lind", ["Villagers rebuild the old bridge", "Photo: Sara Lind"]),
        ("Rescue crews at the mine Credit: Local Press", ["Rescue crews at the mine", "Credit: Local Press"]),
        // Not a credit label: an ordinary word before the colon.
        ("He gave one reason: Money was short.", ["He gave one reason: Money was short."]),
    ])
    func captionCredits(_ text: String, _ expected: [String]) {
        #expect(sentences(text) == expected)
    }

    /// A megabyte with no space and many "a.Bc" inside costs a bounded try each.
    @Test func longTokenStaysLinear() {
        let word = String(repeating: "ab.Cd", count: 200_000)
        let clock = ContinuousClock()
        let took = clock.measure { _ = sentences(word) }
        #expect(took < .seconds(5))
    }
}
