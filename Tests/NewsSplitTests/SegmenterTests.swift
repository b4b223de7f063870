import Testing
@testable import NewsSplit

// Sentences written for these tests from the rules in news-split(1); the
// expected splits are read from the text, not from the program's output.

private func sentences(_ text: String) -> [String] {
    var s = Segmenter()
    return s.split(text, unit: .sentence)
}

private func paragraphs(_ text: String) -> [String] {
    var s = Segmenter()
    return s.split(text, unit: .paragraph)
}

struct Case: CustomTestStringConvertible, Sendable {
    let text: String
    let expected: [String]
    init(_ text: String, _ expected: [String]) {
        self.text = text
        self.expected = expected
    }
    var testDescription: String { text }
}

@Suite struct SentenceRules {
    @Test(arguments: [
        Case("The ferry left at noon. It reached the island at dusk.",
             ["The ferry left at noon.", "It reached the island at dusk."]),
        Case("Did the council vote? Nobody could say.", ["Did the council vote?", "Nobody could say."]),
        Case("What a finish! The crowd roared.", ["What a finish!", "The crowd roared."]),
        Case("Really?! That changes everything.", ["Really?!", "That changes everything."]),
        Case("Stop!! Please wait.", ["Stop!!", "Please wait."]),
    ])
    func terminalPunctuation(_ c: Case) {
        #expect(sentences(c.text) == c.expected)
    }

    @Test(arguments: [
        Case("Mr. Okafor met Dr. Lind and Gen. Ruiz on Monday.", ["Mr. Okafor met Dr. Lind and Gen. Ruiz on Monday."]),
        Case("Lt. Col. Baker and Sen. Moore spoke with Gov. Hale and Rep. Diaz.",
             ["Lt. Col. Baker and Sen. Moore spoke with Gov. Hale and Rep. Diaz."]),
        Case("The vote is set for Sept. 14 in the capital.", ["The vote is set for Sept. 14 in the capital."]),
        Case("Shares of Acme Corp. rose after the report.", ["Shares of Acme Corp. rose after the report."]),
        Case("The deal was signed by Acme Corp. The shares rose.", ["The deal was signed by Acme Corp.", "The shares rose."]),
        Case("They climbed Mt. Kenya and visited St. Paul's.", ["They climbed Mt. Kenya and visited St. Paul's."]),
        Case("It was No. 3 on the list, e.g. behind the others.", ["It was No. 3 on the list, e.g. behind the others."]),
        Case("Bring tools, i.e. a hammer and nails.", ["Bring tools, i.e. a hammer and nails."]),
        Case("The rematch is Lopez vs. Grant in March.", ["The rematch is Lopez vs. Grant in March."]),
    ])
    func abbreviations(_ c: Case) {
        #expect(sentences(c.text) == c.expected)
    }

    @Test(arguments: [
        Case("The letter was signed by Franklin D. Roosevelt in 1941.", ["The letter was signed by Franklin D. Roosevelt in 1941."]),
        Case("She quoted C. S. Lewis and T. S. Eliot.", ["She quoted C. S. Lewis and T. S. Eliot."]),
        Case("The tour stops in Washington D.C. The band then flies home.",
             ["The tour stops in Washington D.C.", "The band then flies home."]),
        Case("He moved to the U.S. The job started in May.", ["He moved to the U.S.", "The job started in May."]),
        Case("The U.S. Navy sent two ships.", ["The U.S. Navy sent two ships."]),
        Case("U.S. President Joe Biden arrived late.", ["U.S. President Joe Biden arrived late."]),
        Case("He has lived in the U.K. for a decade.", ["He has lived in the U.K. for a decade."]),
        Case("The market closed at 4 p.m. Traders went home.", ["The market closed at 4 p.m.", "Traders went home."]),
        Case("The market opens at 9 a.m. Monday in New York.", ["The market opens at 9 a.m. Monday in New York."]),
    ])
    func initialsAndMultiPeriod(_ c: Case) {
        #expect(sentences(c.text) == c.expected)
    }

    @Test(arguments: [
        Case("Inflation fell to 2.5 percent. Rates held.", ["Inflation fell to 2.5 percent.", "Rates held."]),
        Case("The fund lost $3.2 billion. Investors fled.", ["The fund lost $3.2 billion.", "Investors fled."]),
        Case("The server at 10.0.0.1 runs version 4.2.1 now.", ["The server at 10.0.0.1 runs version 4.2.1 now."]),
        Case("Write to press@example.org. We answer daily.", ["Write to press@example.org.", "We answer daily."]),
        Case("See https://example.org/a.b/c.html for the rules.", ["See https://example.org/a.b/c.html for the rules."]),
        Case("Search on Yahoo! for the schedule.", ["Search on Yahoo! for the schedule."]),
        Case("The meeting ended.Then the staff left.", ["The meeting ended.", "Then the staff left."]),
        Case("The form is at https://example.org/form. Fill it in today.",
             ["The form is at https://example.org/form.", "Fill it in today."]),
        Case("She earned a Ph.D. Then she taught.", ["She earned a Ph.D.", "Then she taught."]),
        Case("The Ph.D. students met.", ["The Ph.D. students met."]),
    ])
    func numbersAndAddresses(_ c: Case) {
        #expect(sentences(c.text) == c.expected)
    }

    @Test(arguments: [
        Case("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        Case("The answer was … well, unclear.", ["The answer was … well, unclear."]),
        Case("She waited . . . and waited.", ["She waited . . . and waited."]),
        Case("It ended there. . . . Nobody left.", ["It ended there. . . .", "Nobody left."]),
    ])
    func ellipses(_ c: Case) {
        #expect(sentences(c.text) == c.expected)
    }

    @Test(arguments: [
        Case("\"Why now?\" she asked.", ["\"Why now?\" she asked."]),
        Case("He said, \"We will rebuild. We will not leave.\" The crowd cheered.",
             ["He said, \"We will rebuild. We will not leave.\"", "The crowd cheered."]),
        Case("The mayor said: “The road is open.” Traffic resumed.",
             ["The mayor said: “The road is open.”", "Traffic resumed."]),
        Case("Prices rose (as expected.) Sales did not.", ["Prices rose (as expected.)", "Sales did not."]),
        Case("“Go home. Rest well.” The doctor left.", ["“Go home.", "Rest well.”", "The doctor left."]),
        Case("\"This game is far from over.\" - Dana Reyes", ["\"This game is far from over.\" - Dana Reyes"]),
    ])
    func quotations(_ c: Case) {
        #expect(sentences(c.text) == c.expected)
    }

    @Test(arguments: [
        Case("1) Pack the bags 2) Lock the door 3) Leave", ["1) Pack the bags", "2) Lock the door", "3) Leave"]),
        Case("a. Apples b. Pears c. Plums", ["a. Apples", "b. Pears", "c. Plums"]),
        Case("• Water • Bread • Salt", ["• Water", "• Bread", "• Salt"]),
        Case("1. Check the tyres. 2. Fill the tank.", ["1. Check the tyres.", "2. Fill the tank."]),
        Case("iv) Check the brakes v) Test the horn", ["iv) Check the brakes", "v) Test the horn"]),
        Case("(1) Read the form (2) Sign it", ["(1) Read the form", "(2) Sign it"]),
    ])
    func lists(_ c: Case) {
        #expect(sentences(c.text) == c.expected)
    }

    @Test(arguments: [
        Case("東京は晴れです。明日は雨です。", ["東京は晴れです。", "明日は雨です。"]),
        Case("Что это? Это дом.", ["Что это?", "Это дом."]),
        Case("هل أنت بخير؟ نعم.", ["هل أنت بخير؟", "نعم."]),
    ])
    func otherScripts(_ c: Case) {
        #expect(sentences(c.text) == c.expected)
    }

    @Test func referencesStayWithTheirSentence() {
        #expect(sentences("The bridge opened in 1932.[4] It is still used.") ==
                ["The bridge opened in 1932.[4]", "It is still used."])
        #expect(sentences("The bridge opened in 1932. [4] It is still used.") ==
                ["The bridge opened in 1932. [4]", "It is still used."])
    }

    @Test func headlineWithGluedDateline() {
        #expect(sentences("Farmers protest new water rules Friday, June 6, 2025 Hundreds of farmers marched.") ==
                ["Farmers protest new water rules", "Friday, June 6, 2025", "Hundreds of farmers marched."])
    }

    @Test func reportingClauseWithNamedSpeaker() {
        #expect(sentences("“Is it late? Are we lost?” Maria asked. Nobody answered.") ==
                ["“Is it late? Are we lost?” Maria asked.", "Nobody answered."])
    }

    @Test func parentheticalSentenceAfterAPeriod() {
        #expect(sentences("The old mill burned down in 1911. (credit: town museum)") ==
                ["The old mill burned down in 1911.", "(credit: town museum)"])
        #expect(sentences("The firm is Baker & Co. (formerly Baker Ltd.) in Leeds.") ==
                ["The firm is Baker & Co. (formerly Baker Ltd.) in Leeds."])
    }

    @Test func figureLabelsAndFootnotes() {
        #expect(sentences("Figure 2.1 A map of the valley in 1850.") == ["Figure 2.1", "A map of the valley in 1850."])
        #expect(sentences("Most readers agreed with the plan. 7 Others did not.") ==
                ["Most readers agreed with the plan. 7", "Others did not."])
    }

    /// A wire dateline is no date: its place name before the comma is no weekday.
    @Test func wireDatelineStaysInItsSentence() {
        #expect(sentences("LONDON, March 3 - Shares rose on Monday. Bonds fell.") ==
                ["LONDON, March 3 - Shares rose on Monday.", "Bonds fell."])
        #expect(sentences("Wednesday, April 9, 2025 LONDON, April 9 - Shares rose.") ==
                ["Wednesday, April 9, 2025", "LONDON, April 9 - Shares rose."])
    }

    @Test func datelineAndCaption() {
        #expect(sentences("Monday, March 3, 2025 The council met in the town hall.") ==
                ["Monday, March 3, 2025", "The council met in the town hall."])
        #expect(sentences("Workers repair the old bridge Photo: City Archive.") ==
                ["Workers repair the old bridge", "Photo: City Archive."])
    }
}

@Suite struct Paragraphs {
    @Test func blankAndNoBreakSpaceLines() {
        let text = "First paragraph here.\n\nSecond one.\n\u{A0}\nThird one.\n \t \nFourth."
        #expect(paragraphs(text) == ["First paragraph here.", "Second one.", "Third one.", "Fourth."])
    }

    @Test func oneParagraphPerLine() {
        let text = "Storm closes schools\nPublished Tuesday\nHeavy snow fell overnight across the region, and officials closed every school.\nBuses will run again on Thursday."
        #expect(paragraphs(text) == [
            "Storm closes schools", "Published Tuesday",
            "Heavy snow fell overnight across the region, and officials closed every school.",
            "Buses will run again on Thursday.",
        ])
        #expect(sentences(text).count == 4)
    }

    @Test func hardWrappedText() {
        let text = """
            The committee met on Tuesday to discuss the budget for the coming
            year, and agreed after a long debate to raise spending on roads and
            schools by a small amount. Its chair said the vote was close but
            fair to all the towns involved, and thanked the staff.

            A second meeting is planned for the spring.
            """
        #expect(paragraphs(text).count == 2)
        #expect(sentences(text).count == 3)
    }

    @Test func wrappedSentenceContinues() {
        #expect(sentences("The river rose during the\nnight and flooded the road.") ==
                ["The river rose during the\nnight and flooded the road."])
    }

    @Test func linesWithoutPunctuationEndTheirUnit() {
        #expect(sentences("Story Code : 4411\nFloods hit the north\nRain fell for three days.") ==
                ["Story Code : 4411", "Floods hit the north", "Rain fell for three days."])
    }

    @Test func paragraphIndexes() {
        var s = Segmenter()
        var segs: [Segment] = []
        let text = "One. Two.\n\nThree."
        var copy = text
        copy.withUTF8 { s.sentences($0, into: &segs) }
        #expect(segs.map(\.para) == [0, 0, 1])
        #expect(segs.map(\.start) == [0, 5, 11])
        #expect(segs.map(\.end) == [4, 9, 17])
    }

    @Test func verticalWord() {
        #expect(sentences("S\nTO\nP\n") == ["S\nTO\nP"])
    }

    @Test func unicodeSeparators() {
        #expect(paragraphs("One line\u{2028}Another line\u{2029}Last one") == ["One line", "Another line", "Last one"])
    }

    @Test func emptyAndBlankText() {
        #expect(sentences("").isEmpty)
        #expect(sentences(" \n\u{A0}\n ").isEmpty)
    }
}

@Suite struct Linearity {
    /// Pathological inputs finish (in linear time; a quadratic scan would take minutes).
    @Test(arguments: [
        String(repeating: "\"a. ", count: 50_000),
        String(repeating: "'Ab. Cd ", count: 50_000),
        String(repeating: ". ", count: 100_000),
        String(repeating: "Word ", count: 100_000),
        String(repeating: "ab.Cd", count: 100_000),
        String(repeating: "x", count: 1_000_000),
        String(repeating: "1. a ", count: 50_000),
    ])
    func pathological(_ text: String) {
        let units = sentences(text)
        #expect(units.count >= 1)
    }
}
