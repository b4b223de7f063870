import Foundation
import NewsCore
import Testing

@testable import NewsQuotes

/// One quotation as the annotator reports it.
struct Q: Equatable, CustomStringConvertible {
    var text: String
    var speaker: String?
    var name: String? = nil
    var cue: String? = nil
    var start = 0
    var end = 0

    var description: String { "\(text) | \(speaker ?? "nil") | \(name ?? "-") | \(cue ?? "nil")" }
}

/// Runs the annotator on `text` and decodes its JSON.
func annotate(_ text: String, unit: OffsetUnit = .codepoint) throws -> [Q] {
    var annotator = try QuoteAnnotator()
    var writer = JSONWriter()
    let bytes = Array(text.utf8)
    try bytes.withUnsafeBufferPointer { buf in
        var offsets = OffsetMap(buf, unit: unit)
        try annotator.annotate(buf, offsets: &offsets, into: &writer)
    }
    let json = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as! [[String: Any]]
    return json.map { o in
        let sp = o["speaker"] as? [String: Any]
        let cue = o["cue"] as? [String: Any]
        return Q(
            text: o["text"] as! String, speaker: sp?["text"] as? String, name: sp?["name"] as? String,
            cue: cue?["text"] as? String, start: o["start"] as! Int, end: o["end"] as! Int)
    }
}

/// Passages written for these tests, with the quotations a reader finds in
/// them: (text, [(quoted words, speaker)]).
let attributionCases: [(String, [(String, String?)])] = [
    ("\"We will not back down,\" Senator Maria Lopez said on Tuesday.",
     [("We will not back down,", "Senator Maria Lopez")]),
    ("Senator Maria Lopez said on Tuesday: \"We will not back down from this fight.\"",
     [("We will not back down from this fight.", "Senator Maria Lopez")]),
    ("\"This is a disgrace to the whole country,\" said Rep. Tom Walsh (D-Ohio).",
     [("This is a disgrace to the whole country,", "Rep. Tom Walsh")]),
    ("\"I don't know what he meant by that,\" Smith, a former aide to the governor, said.",
     [("I don't know what he meant by that,", "Smith")]),
    ("Hilary Braysmith, an associate professor at the university, said \"the findings are very clear and worrying.\"",
     [("the findings are very clear and worrying.", "Hilary Braysmith")]),
    ("The report said the plan was \"a disaster waiting to happen for everyone involved.\"",
     [("a disaster waiting to happen for everyone involved.", "The report")]),
    ("Officials said the plan \"would cost more than ten billion dollars over the next decade.\"",
     [("would cost more than ten billion dollars over the next decade.", "Officials")]),
    ("\"Why would anyone do this to their neighbours?\" asked Maria Santos, 54, a teacher.",
     [("Why would anyone do this to their neighbours?", "Maria Santos")]),
    ("John Smith, the company's chief executive, warned that \"tough times are coming for all of us.\"",
     [("tough times are coming for all of us.", "John Smith")]),
    ("The ministry added: “The strikes hit only military targets in the region.”",
     [("The strikes hit only military targets in the region.", "The ministry")]),
    ("After the match, Pablo Ruiz, the home side's coach, said: \"We deserved a lot more than a draw tonight.\"",
     [("We deserved a lot more than a draw tonight.", "Pablo Ruiz")]),
    ("\"Nobody expected this outcome at all,\" according to a statement from the company.",
     [("Nobody expected this outcome at all,", "a statement from the company")]),
    ("The fund's manager, Ana Berg, wrote in a letter to investors: \"The quarter was the hardest we have had.\"",
     [("The quarter was the hardest we have had.", "Ana Berg")]),
    ("\"Prices will keep rising for a while,\" one trader said.",
     [("Prices will keep rising for a while,", "one trader")]),
    ("\"Our doors stay open to every family,\" the head of the charity told local radio.",
     [("Our doors stay open to every family,", "the head of the charity")]),
    ("“Provocations like this one put lives at risk,” Brig. Gen. Paul Decker told a news briefing.",
     [("Provocations like this one put lives at risk,", "Brig. Gen. Paul Decker")]),
    ("Judge Ada Lowe on Thursday said the ruling \"leaves no room for doubt about the law.\"",
     [("leaves no room for doubt about the law.", "Judge Ada Lowe")]),
    ("\"The market will find its floor eventually,\" one of the traders said.",
     [("The market will find its floor eventually,", "one of the traders")]),
    ("Economists at the bank were blunter in a note: \"a slow year with no recovery in sight.\"",
     [("a slow year with no recovery in sight.", "Economists at the bank")]),
    ("\"Fortune favours the bold and the patient\" — Irma Kovac",
     [("Fortune favours the bold and the patient", "Irma Kovac")]),
    ("\"We have the votes and we will win,\" Dale Ruiz said on \"Sunday Morning Live.\"",
     [("We have the votes and we will win,", "Dale Ruiz")]),
    ("\"We will not be bullied by anyone,\" the senator from Kentucky said on Tuesday.",
     [("We will not be bullied by anyone,", "the senator from Kentucky")]),
    ("A leaked letter seen by the Evening Courier says \"every claim will be checked by hand.\"",
     [("every claim will be checked by hand.", "A leaked letter")]),
]

@Test(arguments: attributionCases.indices)
func speakerFound(_ i: Int) throws {
    let (text, expected) = attributionCases[i]
    let got = try annotate(text)
    #expect(got.map(\.text) == expected.map(\.0))
    #expect(got.map(\.speaker) == expected.map(\.1))
}

@Test func splitQuotationHasOneSpeaker() throws {
    let got = try annotate("\"We are ready,\" he said, \"and we will fight until the very end.\"")
    #expect(got.map(\.text) == ["We are ready,", "and we will fight until the very end."])
    #expect(got.map(\.speaker) == ["he", "he"])
    #expect(got.map(\.cue) == ["said", "said"])
}

@Test func pronounIsResolvedToTheNameBefore() throws {
    let text = "Governor Ellen Park arrived late.\n\n\"I am proud of what we have built together,\" she said."
    let got = try annotate(text)
    #expect(got.count == 1)
    #expect(got.first?.speaker == "she")
    #expect(got.first?.name == "Ellen Park")
}

@Test func surnameResolvesToTheFullName() throws {
    let text = "Professor Tomas Weller, who leads the study, spoke first. Later, Professor Weller said he was worried. "
        + "\"The numbers are much worse than we expected,\" he said."
    let got = try annotate(text)
    #expect(got.first?.speaker == "he")
    #expect(got.first?.name == "Tomas Weller")
}

@Test func itRefersToABody() throws {
    let text = "The regional council met on Monday. In a statement, it warned that it would \"take every step needed to protect the harbour.\""
    let got = try annotate(text)
    #expect(got.first?.speaker == "it")
    #expect(got.first?.name == "The regional council")
}

@Test func shortSentenceContinuesTheSpeaker() throws {
    let got = try annotate("\"They want to spend money we do not have,\" Ruth Lang said. \"It's that simple.\"")
    #expect(got.map(\.text) == ["They want to spend money we do not have,", "It's that simple."])
    #expect(got.map(\.speaker) == ["Ruth Lang", "Ruth Lang"])
}

@Test func participleFollowsTheSpeakerBefore() throws {
    let text = "“We had a useful talk,” Omar Said told reporters, adding that both sides would “keep talking at every level.”"
    let got = try annotate(text)
    #expect(got.map(\.speaker) == ["Omar Said", "Omar Said"])
    #expect(got.map(\.cue) == ["told", "adding"])
}

@Test func quoteOnlyParagraphContinuesTheSpeaker() throws {
    let text = "\"The vote is a victory for democracy,\" Anna Kerr said.\n\n\"We will keep fighting for the people of this town.\""
    let got = try annotate(text)
    #expect(got.map(\.speaker) == ["Anna Kerr", "Anna Kerr"])
    #expect(got.map(\.cue) == ["said", nil])
}

@Test func multiParagraphQuotationIsOne() throws {
    let text = "The mayor said: \"We lost a great deal this winter.\n\n\"But the town will be rebuilt, street by street.\" "
        + "Then she left."
    let got = try annotate(text)
    #expect(got.count == 1)
    #expect(got.first?.text == "We lost a great deal this winter.\n\n\"But the town will be rebuilt, street by street.")
    #expect(got.first?.speaker == "The mayor")
}

@Test func continuationParagraphWithoutOpeningMark() throws {
    let text = "Coach Dan Moss said, \"We started slowly today.\n\nWe must be sharper from the first minute next week.\""
    let got = try annotate(text)
    #expect(got.count == 1)
    #expect(got.first?.speaker == "Coach Dan Moss")
}

@Test func missingClosingMarkRecoversAtParagraphEnd() throws {
    let text = "The leaflet read \"vote for change and nothing else\n\n"
        + "Later the candidate said \"we have a real chance in this district.\""
    let got = try annotate(text)
    #expect(got.map(\.text) == ["we have a real chance in this district."])
    #expect(got.first?.speaker == "the candidate")
}

@Test(arguments: [
    "The band played rock 'n' roll in the '90s at the Defenders' hall.",
    "The film \"Gone With the Wind Again\" opened on Friday.",
    "She called it \"electric\" and left.",
    "The senator was asked about the \"Build Back Better\" bill.",
    "Their robot, named \"The Big Green Lifting Machine,\" won a prize.",
    "\"Rivers of the North and South\" — The Daily Courier, 4 May 2019",
])
func notQuotations(_ text: String) throws {
    #expect(try annotate(text).isEmpty)
}

@Test func otherMarkStyles() throws {
    #expect(try annotate("According to the ministry, «les manifestants ont été dispersés par la police» hier.")
        .map(\.speaker) == ["the ministry"])
    #expect(try annotate("Der Sprecher sagte: „Wir werden die Lage weiter genau beobachten.“").count == 1)
    #expect(try annotate("彼は「この計画は来年までに完成する予定です」と述べた。").count == 1)
    #expect(try annotate("'We will win this election easily' says party leader").map(\.speaker) == ["party leader"])
}

@Test func nestedQuotationStaysInside() throws {
    let got = try annotate("Kim said, \"When I heard him say 'we are done here' I left the room.\"")
    #expect(got.count == 1)
    #expect(got.first?.text == "When I heard him say 'we are done here' I left the room.")
}

@Test func offsetsCountCodePoints() throws {
    let text = "😀 «Nous sommes prêts à tout faire pour gagner», a dit Hélène."
    let got = try annotate(text)
    let scalars = Array(text.unicodeScalars)
    #expect(got.count == 1)
    if let q = got.first {
        #expect(String(String.UnicodeScalarView(scalars[q.start..<q.end])) == "«Nous sommes prêts à tout faire pour gagner»")
    }
    let utf16 = try annotate(text, unit: .utf16)
    #expect(utf16.first?.start == 3)
}

@Test func unmatchedMarksTakeLinearTime() throws {
    for mark in ["\"", "“", "”", "„", "«", "»", "‹", "›", "「", "」", "'", "‘", "’"] {
        let text = String(repeating: mark + "word ", count: 40_000)
        let clock = ContinuousClock()
        let elapsed = try clock.measure { _ = try annotate(text) }
        #expect(elapsed < .seconds(2), "\(mark)")
    }
}

@Test func precomputedHashesMatch() {
    let words: [(UInt64, String)] = [
        (H.to, "to"), (H.according, "according"), (H.words, "words"), (H.the, "the"), (H.in_, "in"),
        (H.of, "of"), (H.that, "that"), (H.and, "and"), (H.but, "but"), (H.he, "he"), (H.she, "she"),
        (H.i, "i"), (H.it, "it"), (H.they, "they"), (H.we, "we"), (H.you, "you"), (H.on, "on"),
        (H.during, "during"), (H.from, "from"), (H.by, "by"), (H.one, "one"), (H.another, "another"),
        (H.some, "some"), (H.both, "both"), (H.at, "at"), (H.for_, "for"), (H.with, "with"),
        (QuoteAnnotator.hEm, "em"), (QuoteAnnotator.hN, "n"), (QuoteAnnotator.hTil, "til"),
        (QuoteAnnotator.hCause, "cause"), (QuoteAnnotator.hTis, "tis"), (QuoteAnnotator.hTwas, "twas"),
        (QuoteAnnotator.hBout, "bout"), (QuoteAnnotator.hRound, "round"), (QuoteAnnotator.hNuff, "nuff"),
    ]
    for (h, w) in words {
        #expect(h == stringHash(Substring(w)), "\(w)")
    }
}

// MARK: - second round: possessives, phrase cues, long texts

@Test(arguments: [
    ("'The dockers' union will not sign this deal,' a spokesman told the paper.",
     "The dockers' union will not sign this deal,"),
    ("Her reply was short: 'The voters' verdict is clear and we accept it.'",
     "The voters' verdict is clear and we accept it."),
])
func pluralPossessiveInsideSingleMarks(_ text: String, _ quoted: String) throws {
    #expect(try annotate(text).map(\.text) == [quoted])
}

@Test func singleMarkAfterPluralStillClosesBeforeAnOpeningMark() throws {
    // The mark after "lanes" closes: the next single mark opens another quotation.
    let got = try annotate("'Keep the cycle lanes and the parks open for all' petition grows as 'the cuts bite' in town")
    #expect(got.first?.text == "Keep the cycle lanes and the parks open for all")
}

@Test func phraseCues() throws {
    let a = try annotate("\"The bridge will reopen before the winter storms arrive,\" according to Mayor Ruth Okafor.")
    #expect(a.map(\.speaker) == ["Mayor Ruth Okafor"])
    #expect(a.map(\.cue) == ["according to"])
    let b = try annotate("In the words of the harbour master, \"nobody has seen a tide like this in fifty years.\"")
    #expect(b.map(\.cue) == ["In the words of"])
    #expect(b.map(\.speaker) == ["the harbour master"])
}

@Test func sourceLineAfterAHeadlineIsNoQuotation() throws {
    #expect(try annotate("\"Orchards Struggle After a Dry Spring\" – Valley Gazette, 12 June 2021").isEmpty)
    // A dash with no year after it is a credit, not a source line.
    #expect(try annotate("\"We planted every tree on this hill by hand.\" — Nora Quist").map(\.speaker) == ["Nora Quist"])
}

@Test func manyQuotationsInOneLongTextAreAllAttributed() throws {
    // Far more quotations than the annotator keeps at once: each still gets its speaker.
    let unit = "\"The ferry leaves at noon every day,\" Ida Berg said. The crowd waited by the pier for hours. "
    let got = try annotate(String(repeating: unit, count: 3_000))
    #expect(got.count == 3_000)
    #expect(got.allSatisfy { $0.speaker == "Ida Berg" })
    #expect(got.last?.text == "The ferry leaves at noon every day,")
}

@Test func nestedPairsWaitForTheirOuterQuotation() throws {
    // The outer double mark never closes: the inner single-mark quotation is reported at the end.
    let got = try annotate("Ole wrote \"about the 'long winter that nobody here expected at all' and more")
    #expect(got.map(\.text) == ["long winter that nobody here expected at all"])
    // It closes: only the outer one is reported.
    let closed = try annotate("Ole said: \"The 'long winter' was the hardest we have had in years.\"")
    #expect(closed.map(\.text) == ["The 'long winter' was the hardest we have had in years."])
}

@Test func anOpeningHoldingThousandsOfQuotationsIsTakenAsUnclosed() throws {
    // What waits on an opening mark stays bounded: past 4,096 closed pairs
    // inside it, the opening is given up and the pairs are reported.
    let inner = String(repeating: "'the tide came in early' ", count: 5_000)
    let got = try annotate("Ada wrote “" + inner + "” in her log.")
    #expect(got.count >= 4_096)
    #expect(got.first?.text == "the tide came in early")
}
