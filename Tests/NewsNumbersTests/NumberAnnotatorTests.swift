import Foundation
import NewsCore
import Testing

@testable import NewsNumbers

/// One expected item: the span's text, its value and kind.
struct Expect: Sendable, CustomStringConvertible {
    let text: String
    let value: Double
    let kind: String
    var high: Double? = nil
    var unit: String? = nil
    var qualifier: String? = nil

    var description: String { "\(text) = \(value) \(kind)" }
}

/// Runs the annotator on `text` and returns the decoded `numbers` array.
func annotate(_ text: String, unit: OffsetUnit = .codepoint) throws -> [[String: Any]] {
    var annotator = try NumberAnnotator()
    var writer = JSONWriter()
    let bytes = Array(text.utf8)
    try bytes.withUnsafeBufferPointer { buf in
        var offsets = OffsetMap(buf, unit: unit)
        try annotator.annotate(buf, offsets: &offsets, into: &writer)
    }
    let json = try JSONSerialization.jsonObject(with: Data(writer.bytes))
    return try #require(json as? [[String: Any]])
}

func check(_ sentence: String, _ expected: [Expect]) throws {
    let got = try annotate(sentence)
    #expect(got.count == expected.count, "\(sentence): \(got.map { $0["text"] ?? "" })")
    let scalars = Array(sentence.unicodeScalars)
    for (g, e) in zip(got, expected) {
        #expect(g["text"] as? String == e.text, "\(sentence)")
        #expect((g["value"] as? NSNumber)?.doubleValue == e.value, "\(e)")
        #expect(g["kind"] as? String == e.kind, "\(e)")
        #expect((g["high"] as? NSNumber)?.doubleValue == e.high, "\(e)")
        #expect(g["unit"] as? String == e.unit, "\(e)")
        #expect(g["qualifier"] as? String == e.qualifier, "\(e)")
        // The offsets slice the text in code points.
        if let s = g["start"] as? Int, let en = g["end"] as? Int {
            let slice = String(String.UnicodeScalarView(scalars[s..<en]))
            #expect(slice == e.text)
        }
    }
}

@Suite("Cardinals and their forms")
struct CardinalTests {
    static let cases: [(String, [Expect])] = [
        ("The ferry carried 240 passengers.", [Expect(text: "240", value: 240, kind: "cardinal")]),
        ("Officials counted 12,500 ballots.", [Expect(text: "12,500", value: 12500, kind: "cardinal")]),
        ("The fund holds 7.25 tonnes of gold bars.", [Expect(text: "7.25 tonnes", value: 7.25, kind: "quantity", unit: "tonnes")]),
        ("Nine volunteers stayed behind.", [Expect(text: "Nine", value: 9, kind: "cardinal")]),
        ("There were forty-three applicants.", [Expect(text: "forty-three", value: 43, kind: "cardinal")]),
        ("The tower is two hundred and twelve steps tall.", [Expect(text: "two hundred and twelve", value: 212, kind: "cardinal")]),
        ("The region has 4.2 million residents.", [Expect(text: "4.2 million", value: 4_200_000, kind: "cardinal")]),
        ("The deficit reached 1.5 billion last year.", [Expect(text: "1.5 billion", value: 1_500_000_000, kind: "cardinal")]),
        ("They ordered a dozen boats.", [Expect(text: "a dozen", value: 12, kind: "cardinal")]),
        ("A crowd of two and a half thousand gathered.", [Expect(text: "two and a half thousand", value: 2500, kind: "cardinal")]),
        ("Roughly five-and-a-half million tickets were sold.", [Expect(text: "Roughly five-and-a-half million", value: 5_500_000, kind: "cardinal", qualifier: "about")]),
        ("The harvest was 18 lakh tonnes.", [Expect(text: "18 lakh tonnes", value: 1_800_000, kind: "quantity", unit: "tonnes")]),
        ("The valley lost a quarter million trees.", [Expect(text: "a quarter million", value: 250_000, kind: "cardinal")]),
        ("Temperatures fell to -12 overnight.", [Expect(text: "-12", value: -12, kind: "cardinal")]),
    ]

    @Test(arguments: cases)
    func cardinal(_ c: (String, [Expect])) throws { try check(c.0, c.1) }
}

@Suite("Ordinals and fractions")
struct OrdinalFractionTests {
    static let cases: [(String, [Expect])] = [
        ("She won her fourth title.", [Expect(text: "fourth", value: 4, kind: "ordinal")]),
        ("It was the 23rd attempt.", [Expect(text: "23rd", value: 23, kind: "ordinal")]),
        ("He finished twenty-second in the sprint.", [Expect(text: "twenty-second", value: 22, kind: "ordinal")]),
        ("A third of the flats were empty.", [Expect(text: "A third", value: 1.0 / 3, kind: "fraction")]),
        ("The mayor is seeking a third term.", [Expect(text: "third", value: 3, kind: "ordinal")]),
        ("Three-quarters of the staff agreed.", [Expect(text: "Three-quarters", value: 0.75, kind: "fraction")]),
        ("Only 3 out of 12 schools reopened.", [Expect(text: "3 out of 12", value: 0.25, kind: "fraction")]),
        ("Add 3/8 of a cup.", [Expect(text: "3/8", value: 0.375, kind: "fraction")]),
        ("Nine in ten nurses said yes.", [Expect(text: "Nine in ten", value: 0.9, kind: "fraction")]),
        ("Keep half a dozen spare.", [Expect(text: "half a dozen", value: 6, kind: "cardinal")]),
        ("Nearly half of the crops failed.", [Expect(text: "Nearly half", value: 0.5, kind: "fraction", qualifier: "about")]),
    ]

    @Test(arguments: cases)
    func ordinalOrFraction(_ c: (String, [Expect])) throws { try check(c.0, c.1) }
}

@Suite("Percentages, money and units")
struct PercentMoneyTests {
    static let cases: [(String, [Expect])] = [
        ("Turnout was 64.5%.", [Expect(text: "64.5%", value: 64.5, kind: "percent")]),
        ("Prices rose 3 per cent in May.", [Expect(text: "3 per cent", value: 3, kind: "percent")]),
        ("Sales grew by eleven percent.", [Expect(text: "eleven percent", value: 11, kind: "percent")]),
        ("The bridge cost $2.4 billion.", [Expect(text: "$2.4 billion", value: 2_400_000_000, kind: "money", unit: "USD")]),
        ("A fine of €7,500 was imposed.", [Expect(text: "€7,500", value: 7500, kind: "money", unit: "EUR")]),
        ("The club paid £40m for him.", [Expect(text: "£40m", value: 40_000_000, kind: "money", unit: "GBP")]),
        ("Exports earned 12 billion yen.", [Expect(text: "12 billion yen", value: 12_000_000_000, kind: "money", unit: "JPY")]),
        ("They raised A$3 million.", [Expect(text: "A$3 million", value: 3_000_000, kind: "money", unit: "AUD")]),
        ("The grant is worth 80,000 Swiss francs.", [Expect(text: "80,000 Swiss francs", value: 80000, kind: "money", unit: "CHF")]),
        ("The parcel weighed 14 kg.", [Expect(text: "14 kg", value: 14, kind: "quantity", unit: "kg")]),
        ("Winds reached 90 kilometres per hour.", [Expect(text: "90 kilometres per hour", value: 90, kind: "quantity", unit: "kilometres per hour")]),
        ("The boxer weighs 150 pounds.", [Expect(text: "150 pounds", value: 150, kind: "quantity", unit: "pounds")]),
        ("A ticket costs Rs 250.", [Expect(text: "Rs 250", value: 250, kind: "money", unit: "INR")]),
        ("It was a $75-million bond.", [Expect(text: "$75-million", value: 75_000_000, kind: "money", unit: "USD")]),
        ("The bill came to 4.75 pounds.", [Expect(text: "4.75 pounds", value: 4.75, kind: "money", unit: "GBP")]),
        ("Output grew 1.8pc last year.", [Expect(text: "1.8pc", value: 1.8, kind: "percent")]),
    ]

    @Test(arguments: cases)
    func percentOrMoney(_ c: (String, [Expect])) throws { try check(c.0, c.1) }
}

@Suite("Qualifiers, ranges and vague multiples")
struct RangeTests {
    static let cases: [(String, [Expect])] = [
        ("At least 30 houses burned.", [Expect(text: "At least 30", value: 30, kind: "cardinal", qualifier: "at-least")]),
        ("More than 2,000 fans waited.", [Expect(text: "More than 2,000", value: 2000, kind: "cardinal", qualifier: "more-than")]),
        ("Up to nine storms may form.", [Expect(text: "Up to nine", value: 9, kind: "cardinal", qualifier: "at-most")]),
        ("Fewer than 40 remain.", [Expect(text: "Fewer than 40", value: 40, kind: "cardinal", qualifier: "less-than")]),
        ("The team needs between 11 and 14 players.", [Expect(text: "between 11 and 14", value: 11, kind: "range", high: 14)]),
        ("Costs were between 2 and 3 billion.", [Expect(text: "between 2 and 3 billion", value: 2e9, kind: "range", high: 3e9)]),
        ("Children aged 6–9 years took part.", [Expect(text: "6–9", value: 6, kind: "range", high: 9)]),
        ("Rents climbed from 800 to 950.", [Expect(text: "800", value: 800, kind: "cardinal"), Expect(text: "950", value: 950, kind: "cardinal")]),
        ("The chamber voted 71 to 22.", [Expect(text: "71", value: 71, kind: "cardinal"), Expect(text: "22", value: 22, kind: "cardinal")]),
        ("Thousands of residents fled.", [Expect(text: "Thousands", value: 1000, kind: "cardinal", qualifier: "multiples")]),
        ("Support fell 4 percentage points to 31%.", [
            Expect(text: "4 percentage points", value: 4, kind: "percent"), Expect(text: "31%", value: 31, kind: "percent"),
        ]),
        ("Norway beat Iceland 3-1 on Sunday.", [Expect(text: "3", value: 3, kind: "cardinal"), Expect(text: "1", value: 1, kind: "cardinal")]),
        ("Upwards of 800 homes were searched.", [Expect(text: "Upwards of 800", value: 800, kind: "cardinal", qualifier: "at-least")]),
        ("Tens of thousands marched.", [Expect(text: "Tens of thousands", value: 10000, kind: "cardinal", qualifier: "multiples")]),
    ]

    @Test(arguments: cases)
    func rangeOrQualified(_ c: (String, [Expect])) throws { try check(c.0, c.1) }
}

@Suite("What is not a number claim")
struct ExclusionTests {
    @Test(arguments: [
        "The law was passed in 1998.",
        "We met on 14 March and again on April 2.",
        "The train leaves at 10:45.",
        "She flew on a Boeing 777 to Lima.",
        "The COVID-19 wave has passed.",
        "No one answered the door.",
        "He first visited the island as a child.",
        "Profits fell in the second quarter.",
        "See https://example.org/page/2024 for details.",
        "He bought a third-party charger.",
        "During the 2021–22 season the club was sold.",
        "Art of the 18th century fills the hall.",
        "Flight 206 landed safely.",
    ])
    func nothing(_ sentence: String) throws {
        let got = try annotate(sentence)
        #expect(got.isEmpty, "\(sentence): \(got.map { $0["text"] ?? "" })")
    }

    @Test func oneOfIsANumber() throws {
        try check("It is one of the four proposals.", [
            Expect(text: "one", value: 1, kind: "cardinal"), Expect(text: "four", value: 4, kind: "cardinal"),
        ])
    }
}

@Suite("Output details")
struct OutputTests {
    @Test func countedNoun() throws {
        let got = try annotate("Rescuers found 61 injured miners on Friday.")
        let counted = try #require(got.first?["counted"] as? [String: Any])
        #expect(counted["text"] as? String == "injured miners")
        #expect(counted["start"] as? Int == 18)
    }

    @Test func codePointOffsetsAfterEmoji() throws {
        let got = try annotate("🎉🎉 Party for 300 guests")
        #expect(got.first?["start"] as? Int == 13)
        #expect(got.first?["end"] as? Int == 16)
    }

    @Test func utf16Offsets() throws {
        let got = try annotate("🎉 7 cats", unit: .utf16)
        #expect(got.first?["start"] as? Int == 3)
    }

    @Test func bigValuesAreExact() throws {
        let got = try annotate("Debt hit 38.8 billion and then 123456789012 units.")
        #expect((got[0]["value"] as? NSNumber)?.int64Value == 38_800_000_000)
        #expect((got[1]["value"] as? NSNumber)?.int64Value == 123_456_789_012)
    }

    @Test func emptyText() throws {
        #expect(try annotate("").isEmpty)
    }

    @Test func annotatorIsReusable() throws {
        var annotator = try NumberAnnotator()
        for text in ["five cats", "", "a 10% cut", String(repeating: "x", count: 5000)] {
            var writer = JSONWriter()
            let bytes = Array(text.utf8)
            try bytes.withUnsafeBufferPointer { buf in
                var offsets = OffsetMap(buf)
                try annotator.annotate(buf, offsets: &offsets, into: &writer)
            }
            #expect(writer.bytes.first == UInt8(ascii: "["))
        }
    }
}

@Suite("Times, dates and codes (the compiled pattern)")
struct CodeTests {
    @Test(arguments: [
        "The polls close at 21:30 tonight.",
        "The race was timed at 1:02:45 exactly.",
        "The decree is dated 2024-11-05 in the archive.",
        "The form was signed on 11/05/2024 by both sides.",
        "The meeting moved to 05.11.2024 after a delay.",
        "Call 1-800-555-0134 for tickets.",
        "The server at 10.0.12.7 went down.",
    ])
    func notAQuantity(_ sentence: String) throws {
        let got = try annotate(sentence)
        #expect(got.isEmpty, "\(sentence): \(got.map { $0["text"] ?? "" })")
    }

    @Test func quantityBeforeFullStopStays() throws {
        try check("Exports rose 4.5. Imports fell 12.", [
            Expect(text: "4.5", value: 4.5, kind: "cardinal"), Expect(text: "12", value: 12, kind: "cardinal"),
        ])
    }

    @Test func fractionIsNotADate() throws {
        let got = try annotate("Only 3/4 of the seats were filled.")
        #expect(got.first?["text"] as? String == "3/4")
        #expect(got.first?["kind"] as? String == "fraction")
    }
}

@Suite("Long texts are read in windows")
struct WindowTests {
    /// Paragraphs of about 90 bytes, each with "N boats", for several windows' worth of text.
    static func longText(paragraphs: Int, separator: String) -> String {
        (0..<paragraphs).map { "In the north harbour the crew counted \($0 + 100) boats before the storm arrived today." }
            .joined(separator: separator)
    }

    @Test(arguments: ["\n\n", " ", "\n"])
    func everyParagraphKeepsItsNumber(_ separator: String) throws {
        let text = Self.longText(paragraphs: 2000, separator: separator)
        let got = try annotate(text)
        let values = got.compactMap { ($0["value"] as? NSNumber)?.intValue }
        #expect(values == Array(100..<2100))
        // Offsets count from the start of the whole text, not the window.
        let scalars = Array(text.unicodeScalars)
        for g in got.suffix(3) {
            let s = try #require(g["start"] as? Int), e = try #require(g["end"] as? Int)
            #expect(String(String.UnicodeScalarView(scalars[s..<e])) == g["text"] as? String)
        }
    }

    @Test func nothingRunsOverABlankLine() throws {
        try check("The fund raised 2.5 billion\n\nNine banks joined.", [
            Expect(text: "2.5 billion", value: 2_500_000_000, kind: "cardinal"),
            Expect(text: "Nine", value: 9, kind: "cardinal"),
        ])
    }

    @Test func nonASCIIOffsetsAcrossWindows() throws {
        let text = String(repeating: "Zürich café, ", count: 8000) + "then 42 trains."
        let got = try annotate(text)
        let start = try #require(got.last?["start"] as? Int)
        #expect(start == 13 * 8000 + 5)
    }

    @Test func aWordWithoutSpacesEnds() throws {
        let text = String(repeating: "x", count: 300_000) + " 7 cats"
        let got = try annotate(text)
        #expect(got.count == 1)
        #expect(got.first?["start"] as? Int == 300_001)
    }
}

@Suite("JSON output")
struct JSONOutputTests {
    @Test func lineSeparatorIsEscaped() throws {
        var annotator = try NumberAnnotator()
        var writer = JSONWriter()
        let bytes = Array("Some 40\u{2028}people came.".utf8)
        try bytes.withUnsafeBufferPointer { buf in
            var offsets = OffsetMap(buf)
            try annotator.annotate(buf, offsets: &offsets, into: &writer)
        }
        let out = String(decoding: writer.bytes, as: UTF8.self)
        #expect(!out.contains("\u{2028}"))
    }
}

/// The annotator's JSON for `text`.
func annotatedJSON(_ text: String, _ annotator: inout NumberAnnotator) throws -> [UInt8] {
    var writer = JSONWriter()
    let bytes = Array(text.utf8)
    try bytes.withUnsafeBufferPointer { buf in
        var offsets = OffsetMap(buf)
        try annotator.annotate(buf, offsets: &offsets, into: &writer)
    }
    return writer.bytes
}

@Suite("Paragraphs proved free of numbers are skipped")
struct PrefilterTests {
    /// Items right next to paragraphs the pre-filter skips are found whole.
    static let cases: [(String, [Expect])] = [
        ("The roads were closed.\n\nTwo were hurt.\n\nThe police left.", [Expect(text: "Two", value: 2, kind: "cardinal")]),
        ("Fans waited outside the stadium.\n\nThe storm was the eighth named storm this year.",
         [Expect(text: "eighth", value: 8, kind: "ordinal")]),
        ("Nobody expected it.\n\nNearly a third of the staff left.",
         [Expect(text: "Nearly a third", value: 1.0 / 3, kind: "fraction", qualifier: "about")]),
        // The qualifier stays in its own paragraph, as it did before the pre-filter.
        ("The board met at least\n\ntwo hundred people came.", [Expect(text: "two hundred", value: 200, kind: "cardinal")]),
        ("The board met. At least two hundred people came.",
         [Expect(text: "At least two hundred", value: 200, kind: "cardinal", qualifier: "at-least")]),
        // A currency sign without digits is nothing; the amount in the next paragraph is money.
        ("Bring $ and €.\n\nIt cost $5.", [Expect(text: "$5", value: 5, kind: "money", unit: "USD")]),
        ("Hundreds of people gathered.\n\nTens of thousands marched.\n\nA dozen eggs broke.", [
            Expect(text: "Hundreds", value: 100, kind: "cardinal", qualifier: "multiples"),
            Expect(text: "Tens of thousands", value: 10000, kind: "cardinal", qualifier: "multiples"),
            Expect(text: "A dozen", value: 12, kind: "cardinal"),
        ]),
        ("Add ½ of the flour.\n\nThe café’s two’s menu.\n\nSeventeenth place.", [
            Expect(text: "½", value: 0.5, kind: "fraction"),
            Expect(text: "two", value: 2, kind: "cardinal"),
            Expect(text: "Seventeenth", value: 17, kind: "ordinal"),
        ]),
        ("A quarter of voters stayed home.\n\nHalf the staff quit.", [
            Expect(text: "A quarter", value: 0.25, kind: "fraction"),
            Expect(text: "Half", value: 0.5, kind: "fraction"),
        ]),
        ("He gave a million thanks.\n\nA mln dlrs.", [
            Expect(text: "a million", value: 1_000_000, kind: "cardinal"),
            Expect(text: "A mln dlrs", value: 1_000_000, kind: "money", unit: "USD"),
        ]),
    ]

    @Test(arguments: cases)
    func itemsNextToSkippedParagraphs(_ c: (String, [Expect])) throws { try check(c.0, c.1) }

    /// The same output with and without the pre-filter, on paragraphs mixing
    /// plain prose with every kind of anchor, in every order.
    @Test func sameOutputWithoutPrefilter() throws {
        let paragraphs = [
            "The talks ended without a deal.", "Two were hurt.", "It was the first time.", "a third", "Half of them left.",
            "Prices fell sharply.", "Some $ and € signs.", "at least", "more than", "tens of thousands", "a dozen",
            "One", "US$ 3", "¾", "⅔ cup", "zero", "eleventh", "thirds", "quarters", "a hundred", "a lakh", "a mn",
            "Zürich café’s two’s", "twoé and éone", "http://two.example", "THREE", "minus", "percent of ten", "\u{2028}",
            "It rose 5 percent.", "No. 7", "in 2019", "between six and", "nine people",
        ]
        var texts: [String] = []
        for (k, a) in paragraphs.enumerated() {
            for b in paragraphs[k...] {
                texts.append(a + "\n\n" + b)
                texts.append("Plain words here.\n\n" + b + " " + a + "\n\nMore plain words.")
            }
        }
        var with = try NumberAnnotator()
        var without = try NumberAnnotator()
        without.usePrefilter = false
        for text in texts {
            let on = String(decoding: try annotatedJSON(text, &with), as: UTF8.self)
            let off = String(decoding: try annotatedJSON(text, &without), as: UTF8.self)
            #expect(on == off, "\(text)")
        }
    }

    @Test func plainParagraphsAreProvedEmpty() throws {
        let filter = Prefilter(lexicon: Lexicon())
        func may(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { filter.mayHoldItem($0) } }
        #expect(!may("The talks ended without a deal, officials said on Monday."))
        #expect(!may("Bring $ and € but not < or >; the café’s menu."))
        #expect(!may(String(repeating: "someone often tones down ", count: 20)))
        #expect(may("Two were hurt."))
        #expect(may("It was the eighth storm."))
        #expect(may("a third"))
        #expect(may("It cost 5."))
        #expect(may("Add ½ cup."))
        #expect(may("Add ⅞ cup."))
        #expect(may(String(repeating: "x", count: 100) + " million"))
        #expect(may(String(repeating: "plain ", count: 30) + "hundreds"))
    }

    /// A digit or a vulgar fraction is seen wherever it falls (the 32-byte steps, the 8-byte tail).
    @Test func digitsAndFractionsAnywhere() {
        for length in [1, 7, 8, 31, 32, 33, 64, 95, 100] {
            for at in 0..<length {
                var bytes = Array(repeating: UInt8(ascii: "-"), count: length)
                bytes[at] = UInt8(ascii: "7")
                #expect(bytes.withUnsafeBufferPointer { Prefilter.hasDigitOrVulgar($0) }, "\(length) \(at)")
                let half = Array("-".utf8) + Array(repeating: UInt8(ascii: "-"), count: at) + Array("½".utf8)
                #expect(half.withUnsafeBufferPointer { Prefilter.hasDigitOrVulgar($0) }, "\(at)")
            }
            let none = Array(repeating: UInt8(ascii: "/"), count: length) + Array("é:".utf8)
            #expect(!none.withUnsafeBufferPointer { Prefilter.hasDigitOrVulgar($0) })
        }
    }
}

@Suite("Lexicon lookup")
struct LexiconLookupTests {
    /// The eight-byte probe answers as the byte-by-byte lookup does, for every
    /// word of the lexicon in three spellings and for near misses.
    @Test func wholeWordProbeMatchesByteLookup() throws {
        let lex = Lexicon()
        var words: [String] = []
        for data in [LexiconData.numeric, LexiconData.currencies, LexiconData.measures] {
            for line in data.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count >= 2 { words.append(String(parts[1])) }
            }
        }
        words += FW.allCases.map { "\($0)" }
        var spellings: [String] = []
        for w in words {
            spellings += [w, w.uppercased(), w.prefix(1).uppercased() + w.dropFirst(), w + "s", String(w.dropLast()), "x" + w]
        }
        for w in spellings where !w.isEmpty {
            // Followed by more text (the eight-byte load) and at the very end (the byte loop).
            for text in [w + " and more text", w] {
                let bytes = Array(text.utf8)
                let len = w.utf8.count
                bytes.withUnsafeBufferPointer { buf in
                    #expect(lex.fast.find(buf, 0, len) == lex.findSlow(buf, 0, len), "\(w)")
                }
            }
        }
    }
}

@Suite("Output buffer")
struct ByteSinkTests {
    /// Integers are written as Swift writes them, around every digit-count boundary.
    @Test func integersAsDecimal() {
        var values: [Int] = Array(-1000...1000) + [Int.max, Int.min, Int.max - 1, Int.min + 1]
        var p = 1
        for _ in 0..<18 {
            p *= 10
            values += [p - 1, p, p + 1, -p + 1, -p, -p - 1, p + p / 2]
        }
        var sink = ByteSink()
        for v in values {
            sink.count = 0
            sink.int(v)
            #expect(String(decoding: UnsafeBufferPointer(start: sink.p, count: sink.count), as: UTF8.self) == String(v))
        }
    }

    /// The eight-byte test answers as a byte-by-byte test would, for every
    /// byte value at every place in strings of 1 to 20 bytes (the padded
    /// short case, the overlapping last load).
    @Test func mayNeedEscapeMatchesByteTest() {
        for len in 1...20 {
            for at in 0..<len {
                for b in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: len)
                    bytes[at] = UInt8(b)
                    let expected = b < 0x20 || b == 0x22 || b == 0x5C || b == 0xC2 || b == 0xE2
                    bytes.withUnsafeBufferPointer { #expect(ByteSink.mayNeedEscape($0) == expected, "byte \(b) at \(at) of \(len)") }
                }
            }
        }
    }

    /// Numbers with a fraction are written as `description` writes them, by
    /// the short decimal path and without it: decimals of one to seven
    /// digits across the magnitudes (and past the path's bounds), values no
    /// short decimal reads back as, and random bit patterns.
    @Test func fractionsAsDescription() {
        var values: [Double] = [0.001, 0.0001, 0.00099, 0.05, -0.5, 1.5, 0.1 + 0.2, 1.0 / 3, 2.675, -0.0015,
                                123_456_789.5, 999_999_999.125, 999_999_999.999999, 1e9 + 0.5, 12.000001, 4.35, 0.07]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
        var scale = 1.0
        for _ in 1...7 {
            scale *= 10
            for digits in 1...12 {
                for _ in 0..<200 {
                    let m = Int(truncatingIfNeeded: next() % UInt64(pow(10.0, Double(digits))))
                    values.append(Double(m) / scale)
                    values.append(-Double(m) / scale)
                }
            }
        }
        for _ in 0..<20_000 {
            let v = Double(bitPattern: next())
            if v.isFinite { values.append(v) }
        }
        var sink = ByteSink()
        for v in values where v != v.rounded() {
            sink.count = 0
            sink.number(v)
            #expect(String(decoding: UnsafeBufferPointer(start: sink.p, count: sink.count), as: UTF8.self) == v.description)
        }
    }

    /// Keys and strings of every length the fixed-size copy handles, and longer.
    @Test func copiesEveryLength() {
        let source = (0..<80).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for k in 0...80 {
            var out = [UInt8](repeating: 0xEE, count: 90)
            source.withUnsafeBufferPointer { s in
                out.withUnsafeMutableBufferPointer { d in ByteSink.copy(d.baseAddress! + 3, s.baseAddress!, k) }
            }
            #expect(Array(out[3..<3 + k]) == Array(source[0..<k]), "length \(k)")
            #expect(out[0..<3].allSatisfy { $0 == 0xEE } && out[(3 + k)...].allSatisfy { $0 == 0xEE }, "length \(k) wrote outside")
        }
    }
}

@Suite("Where the parse starts")
struct CandidateTests {
    /// Tokens that become parse starts only through the token after them
    /// (noted by the tokenizer when that token comes).
    static let cases: [(String, [Expect])] = [
        ("Fees rose to USD 200 this year.", [Expect(text: "USD 200", value: 200, kind: "money", unit: "USD")]),
        ("It costs Rs. 50 now.", [Expect(text: "Rs. 50", value: 50, kind: "money", unit: "INR")]),
        ("It costs rs 75 now.", [Expect(text: "rs 75", value: 75, kind: "money", unit: "INR")]),
        ("They paid u.s $ 5 each.", [Expect(text: "u.s $ 5", value: 5, kind: "money", unit: "USD")]),
        ("He paid US$ 300 for it.", [Expect(text: "US$ 300", value: 300, kind: "money", unit: "USD")]),
        ("The change was -5 points.", [Expect(text: "-5", value: -5, kind: "cardinal")]),
        ("Temperatures fell to −3 overnight.", [Expect(text: "−3", value: -3, kind: "cardinal")]),
        ("Prices ended. USD.", []),
        // Words starting with h or w: addresses are skipped whole, other words read as words.
        ("See http://news.example/2019/5 or www.example.org/7 where he paid 5 dollars, which was half.", [
            Expect(text: "5 dollars", value: 5, kind: "money", unit: "USD"),
            Expect(text: "half", value: 0.5, kind: "fraction"),
        ]),
        ("Why were 12 hurt? He had twelve.", [
            Expect(text: "12", value: 12, kind: "cardinal"),
            Expect(text: "twelve", value: 12, kind: "cardinal"),
        ]),
    ]

    @Test(arguments: cases)
    func startsNotedFromTheNextToken(_ c: (String, [Expect])) throws { try check(c.0, c.1) }
}
