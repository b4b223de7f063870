import NewsCore
import Testing

@testable import NewsEntities

// Reuters-style wire copy, written for these tests: datelines, results lines,
// clubs named after their towns, headlines in capitals, long texts.

private func typed(_ text: String, window: Int? = nil) throws -> [String] {
    var a = try EntityAnnotator()
    if let window { a.window = window }
    return a.entities(text).map { "\($0.type):\($0.text)" }
}

private func canonical(_ text: String, window: Int? = nil) throws -> [String] {
    var a = try EntityAnnotator()
    if let window { a.window = window }
    return a.entities(text).compactMap { e in e.canonical.map { "\(e.text)>\($0)" } }
}

struct Datelines {
    @Test(arguments: [
        ("OSLO, June 4 - Statoil raised its output target.", "GPE:OSLO"),
        ("LIMA (Reuters) - Copper miners went on strike.", "GPE:LIMA"),
        ("PORT MORESBY 1996-09-12\nThe vote was delayed.", "GPE:PORT MORESBY"),
        ("KARLSRUHE -- Judges ruled on Tuesday.", "GPE:KARLSRUHE"),
    ])
    func placeOpensTheLine(_ text: String, _ expected: String) throws {
        #expect(try typed(text).first == expected)
    }

    @Test func patternFindsOnlyLineStarts() throws {
        var a = try EntityAnnotator()
        let text = "Talks went on.\nQUITO, May 2 - Prices rose. Later BOGOTA, a city, replied."
        var copy = text
        copy.withUTF8 { a.findDatelines($0) }
        #expect(a.datelines.count == 1)
        #expect(a.datelines.first.map { Array(Array(text.utf8)[$0]) } == Array("QUITO".utf8))
    }

    @Test func laterMixedCaseMentionIsNotLinkedToTheCapitals() throws {
        let text = "DUBLIN, March 3 - Talks resumed. Officials in Dublin were hopeful."
        #expect(try typed(text) == ["GPE:DUBLIN", "GPE:Dublin"])
        #expect(try canonical(text).isEmpty)
    }
}

struct Sport {
    @Test func resultsLinesNameClubs() throws {
        let text = """
            SOCCER - SCOTTISH CUP RESULTS .
            GLASGOW 1997-02-08
            Results of Scottish Cup fourth round matches on Saturday :
            Falkirk 2 Dundee 0
            Motherwell 1 Kilmarnock 3
            """
        let got = try typed(text)
        for club in ["Falkirk", "Dundee", "Motherwell", "Kilmarnock"] {
            #expect(got.contains("ORG:\(club)"))
        }
        #expect(got.contains("GPE:GLASGOW"))
    }

    @Test(arguments: [
        ("Real Zaragoza drew with Sporting Gijon on Sunday.", ["ORG:Real Zaragoza", "ORG:Sporting Gijon"]),
        ("Dinamo Bucharest beat Steaua Bucharest 2-1.", ["ORG:Dinamo Bucharest", "ORG:Steaua Bucharest"]),
        ("Fans of Werder Bremen marched.", ["ORG:Werder Bremen"]),
    ])
    func clubWordBeforeTown(_ text: String, _ expected: [String]) throws {
        #expect(try typed(text) == expected)
    }

    @Test func townAloneAfterItsClubIsTheClub() throws {
        let text = "Hansa Rostock lost at home. A late goal gave Rostock hope before the break."
        let got = try typed(text)
        #expect(got == ["ORG:Hansa Rostock", "ORG:Rostock"])
        #expect(try canonical(text) == ["Rostock>Hansa Rostock"])
    }

    @Test func townAfterInStaysAPlace() throws {
        let got = try typed("Hansa Rostock lost at home. The team trains in Rostock.")
        #expect(got.last == "GPE:Rostock")
    }

    @Test func tournamentAfterADottedCountry() throws {
        #expect(try typed("She reached the final of the U.S. Open last year.") == ["EVENT:U.S. Open"])
    }

    @Test func tournamentNamedAfterACity() throws {
        #expect(try typed("Seeds struggled at the Toronto Open this week.") == ["EVENT:Toronto Open"])
    }
}

struct WireHeadlines {
    @Test func capitalsReadAgainstTheStory() throws {
        let text = """
            PERU MINERS END STRIKE AT TOQUEPALA .
            Miners in Peru ended a strike at the Toquepala copper mine, union leader Hugo Salas said.
            """
        let got = try typed(text)
        #expect(got.first == "GPE:PERU")
        #expect(got.contains("PERSON:Hugo Salas"))
        #expect(!got.contains { $0.hasSuffix(":MINERS") || $0.hasSuffix(":STRIKE") })
    }

    @Test func nationalityInCapitalsIsNORP() throws {
        #expect(try typed("DANISH SHIPPING GROUP POSTS LOSS .\nDanish shippers lost money.").first == "NORP:DANISH")
    }
}

struct LongTexts {
    /// A text cut into pieces finds what the whole text finds, and a surname in a
    /// later piece still points at the full name in an earlier one.
    @Test func piecesCarryNames() throws {
        var paragraphs = ["Finance Minister Margit Halvorsen presented the budget in Oslo."]
        for _ in 0..<40 { paragraphs.append("The committee met again and talked about the weather for a long time.") }
        paragraphs.append("Halvorsen said the plan would pass.")
        let text = paragraphs.joined(separator: "\n\n")
        let whole = try typed(text)
        let pieces = try typed(text, window: 512)
        #expect(pieces == whole)
        #expect(pieces == ["PERSON:Margit Halvorsen", "GPE:Oslo", "PERSON:Halvorsen"])
        #expect(try canonical(text, window: 512) == ["Halvorsen>Margit Halvorsen"])
    }

    @Test func pieceEndsAtALineBreak() throws {
        var a = try EntityAnnotator()
        a.window = 64
        let text = String(repeating: "word ", count: 10) + "\n" + String(repeating: "more ", count: 20)
        var copy = text
        let end = copy.withUTF8 { a.windowEnd($0, 0) }
        #expect(end == 51)  // just after the line break
    }

    @Test func wordLongerThanTheWindowIsCutAtACharacterBoundary() throws {
        var a = try EntityAnnotator()
        a.window = 64
        let text = String(repeating: "é", count: 100)  // two bytes each, no spaces
        var copy = text
        let end = copy.withUTF8 { a.windowEnd($0, 0) }
        #expect(end == 64)
        #expect(try typed(text, window: 64).isEmpty)
    }
}

struct Tickers {
    @Test func nameBeforeATickerIsACompany() throws {
        let got = try typed("Analysts expect Harwell Mills <HWM> to report a loss.")
        #expect(got == ["ORG:Harwell Mills"])
    }

    @Test func exchangeSuffixIsNoMention() throws {
        let got = try typed("Brixton Ventures <BXV.TO> agreed to buy the mill.")
        #expect(got == ["ORG:Brixton Ventures"])
    }

    @Test func lowerCaseInBracketsIsNoTicker() throws {
        #expect(try typed("Peter Lang wrote to <editor> twice.") == ["PERSON:Peter Lang"])
    }
}
