import NewsCore
import Testing

@testable import NewsEntities

/// Runs the annotator on `text` and returns "TYPE:text" for every mention.
private func mentions(_ text: String) throws -> [String] {
    var a = try EntityAnnotator()
    return a.entities(text).map { "\($0.type):\($0.text)" }
}

private func canonicals(_ text: String) throws -> [String: String] {
    var a = try EntityAnnotator()
    var out: [String: String] = [:]
    for e in a.entities(text) {
        if let c = e.canonical { out[e.text] = c }
    }
    return out
}

struct Convention {
    @Test func noArticleNoPossessiveNoTitle() throws {
        let got = try mentions("The Norwegian Fisheries Ministry rejected Portugal's offer, Senator Maria Olsen said.")
        #expect(got == ["ORG:Norwegian Fisheries Ministry", "GPE:Portugal", "PERSON:Maria Olsen"])
    }

    @Test func curlyPossessive() throws {
        #expect(try mentions("Talks stalled over Chile’s copper quota.") == ["GPE:Chile"])
    }

    @Test func roleBeforeNameInLowerCase() throws {
        #expect(try mentions("The report quoted economist Jane Whitfield at length.") == ["PERSON:Jane Whitfield"])
    }

    @Test func titleAfterCountry() throws {
        #expect(
            try mentions("Kenyan Foreign Minister Peter Mwangi flew to Oslo.")
                == ["NORP:Kenyan", "PERSON:Peter Mwangi", "GPE:Oslo"])
    }
}

struct Types {
    @Test(arguments: [
        ("Flooding closed roads across Bolivia and Paraguay.", ["GPE:Bolivia", "GPE:Paraguay"]),
        ("Ships crossed the Baltic Sea toward Gdansk.", ["LOC:Baltic Sea", "GPE:Gdansk"]),
        ("Hundreds of Estonian and Latvian students marched.", ["NORP:Estonian", "NORP:Latvian"]),
        ("Shares of Harbor Lights Inc. fell.", ["ORG:Harbor Lights Inc."]),
        ("She studied at the University of Lagos for a year.", ["ORG:University of Lagos"]),
        ("Fans filled Riverside Stadium on Sunday.", ["FAC:Riverside Stadium"]),
        ("Winners of the Lakeshore Film Festival were named.", ["EVENT:Lakeshore Film Festival"]),
    ])
    func typed(_ text: String, _ expected: [String]) throws {
        #expect(try mentions(text) == expected)
    }

    @Test func acronymAlone() throws {
        #expect(try mentions("Inspectors from the IAEA arrived late.") == ["ORG:IAEA"])
    }

    @Test func capsWordsThatAreNotNames() throws {
        #expect(try mentions("He was treated as a VIP and checked the GDP figures.") == [])
    }
}

struct SentenceStarts {
    @Test func commonWordsAtTheStartAreNotNames() throws {
        #expect(try mentions("Yesterday the rain stopped. Police closed the road.") == [])
    }

    @Test func placeAtTheStart() throws {
        #expect(try mentions("New Zealand voted on a new flag.") == ["GPE:New Zealand"])
    }

    @Test func firstNameAtTheStart() throws {
        #expect(try mentions("Patricia Alvarez won the seat.") == ["PERSON:Patricia Alvarez"])
    }
}

struct Document {
    @Test func surnameLinksToFullName() throws {
        let text = "Prime Minister Tomas Varga spoke first. Later, Varga left for Vienna."
        #expect(try mentions(text) == ["PERSON:Tomas Varga", "PERSON:Varga", "GPE:Vienna"])
        #expect(try canonicals(text) == ["Varga": "Tomas Varga"])
    }

    @Test func acronymDefinedInParentheses() throws {
        let text = "The Coastal Rescue Agency (CRA) sent two boats. CRA divers found the crew."
        let got = try mentions(text)
        #expect(got == ["ORG:Coastal Rescue Agency", "ORG:CRA", "ORG:CRA"])
        #expect(try canonicals(text) == ["CRA": "Coastal Rescue Agency"])
    }

    @Test func placeInsideAnOrganization() throws {
        #expect(try mentions("The Bank of Uganda raised rates.") == ["ORG:Bank of Uganda"])
    }

    @Test func headlineInCapitals() throws {
        let text = "PERU AND ECUADOR SIGN BORDER PACT\nLima and Quito signed the pact on Monday."
        #expect(try mentions(text) == ["GPE:PERU", "GPE:ECUADOR", "GPE:Lima", "GPE:Quito"])
    }
}

struct Names {
    @Test func hyphenatedGivenName() throws {
        #expect(try mentions("Voters backed Lam Siu-wai in the east.") == ["PERSON:Lam Siu-wai"])
    }

    @Test func prefixedPlaceIsNotAMention() throws {
        #expect(try mentions("The pro-Moscow camp lost.") == [])
    }

    @Test func compoundAfterAcronymKeepsThePlace() throws {
        #expect(try mentions("The U.S.-led talks resumed.") == ["GPE:U.S."])
    }
}

struct Output {
    @Test func codePointOffsetsAndCanonical() throws {
        var a = try EntityAnnotator()
        let text = "Café owner Zoë Hartmann met Hartmann’s lawyer in Zürich."
        var bytes = Array(text.utf8)
        let json: String = bytes.withUnsafeMutableBufferPointer { buf in
            let t = UnsafeBufferPointer(buf)
            var offsets = OffsetMap(t)
            var w = JSONWriter()
            try? a.annotate(t, offsets: &offsets, into: &w)
            return String(decoding: w.bytes, as: UTF8.self)
        }
        // "Zoë Hartmann" starts at code point 11; the second "Hartmann" at 28.
        #expect(json.contains(#"{"start":11,"end":23,"text":"Zoë Hartmann","type":"PERSON"}"#))
        #expect(json.contains(#"{"start":28,"end":36,"text":"Hartmann","type":"PERSON","canonical":"Zoë Hartmann"}"#))
        #expect(json.contains(#""text":"Zürich","type":"GPE""#))
    }

    @Test func emptyAndPunctuationOnly() throws {
        #expect(try mentions("") == [])
        #expect(try mentions(" ... -- !!! ") == [])
    }

    @Test func longRunsStayLinear() throws {
        let words = Array(repeating: "Alpha Beta", count: 20000).joined(separator: " ")
        let got = try mentions(words)
        #expect(got.count <= 20000)
    }
}

struct WireCopy {
    @Test func datelineAndStateAbbreviation() throws {
        let got = try mentions("TULSA, Okla., March 3 - Prairie Pipe Corp said sales rose.")
        #expect(got == ["GPE:TULSA", "GPE:Okla.", "ORG:Prairie Pipe Corp"])
    }

    @Test func tableWordsAreNotNames() throws {
        #expect(try mentions("Shr 12 cts vs 10 cts\nRevs 4.1 mln vs 3.9 mln") == [])
    }

    @Test func sportsResultsNameTeams() throws {
        let got = try mentions("Results on Saturday:\nLeeds 2 Norwich 1\nItaly 0 Spain 0")
        #expect(got == ["ORG:Leeds", "ORG:Norwich", "GPE:Italy", "GPE:Spain"])
    }

    @Test func companyShortFormIsTheCompany() throws {
        let got = try mentions("Shares of Northgate Lumber Inc rose. Later, Northgate said profits fell.")
        #expect(got == ["ORG:Northgate Lumber Inc", "ORG:Northgate"])
    }
}

struct Titles {
    @Test func modifierBeforeOrdinaryWordIsNoTitle() throws {
        let got = try mentions("The Trade Report was published.")
        #expect(!got.contains { $0.hasPrefix("PERSON:") })
    }

    @Test func titleAloneIsNoMention() throws {
        #expect(try mentions("He met Chile's Prime Minister, Ana Ruiz, on Monday.") == ["GPE:Chile", "PERSON:Ana Ruiz"])
    }

    @Test func monthBeforeNameIsDropped() throws {
        #expect(try mentions("The board will elect in April Mary Collins as chief.") == ["PERSON:Mary Collins"])
    }
}

struct Shapes {
    @Test func namedStormIsAnEvent() throws {
        #expect(try mentions("Typhoon Mirae struck Okinawa.") == ["EVENT:Typhoon Mirae", "GPE:Okinawa"])
    }

    @Test func clubNamedAfterItsTown() throws {
        #expect(try mentions("Fans of Bristol City cheered.") == ["ORG:Bristol City"])
    }

    @Test func nationalCenterIsABody() throws {
        #expect(try mentions("Data came from the National Snow Center.") == ["ORG:National Snow Center"])
    }

    @Test func titledGivenNameLinksToFullName() throws {
        let text = "Health chief Amara Okonkwo-Bello spoke. Later Dr. Amara took questions."
        #expect(try canonicals(text)["Amara"] == "Amara Okonkwo-Bello")
    }
}

struct Unknown {
    @Test func capitalizedOrdinaryWordsAreMisc() throws {
        #expect(try mentions("Teachers tried the Silent Reading Hour on Monday.") == ["MISC:Silent Reading Hour"])
    }
}

struct Headlines {
    @Test func titleCaseHeadlineKeepsOnlyKnownNames() throws {
        let text = "Record Crowds Gather As Harbour Lights Festival Opens In Hobart\n\nThe Harbour Lights Festival opened in Hobart on Friday."
        #expect(
            try mentions(text) == [
                "EVENT:Harbour Lights Festival", "GPE:Hobart", "EVENT:Harbour Lights Festival", "GPE:Hobart",
            ])
    }
}

struct Places {
    @Test func cityNamedCity() throws {
        #expect(try mentions("Shelling hit Gaza City again.") == ["GPE:Gaza City"])
    }

    @Test func teamNamedAfterItsCity() throws {
        #expect(try mentions("The Denver Nuggets won.") == ["ORG:Denver Nuggets"])
    }

    @Test func abbreviatedSaint() throws {
        #expect(try mentions("Flights to St. Petersburg resumed.") == ["GPE:St. Petersburg"])
    }

    @Test func lawmakersPartyTagIsNoName() throws {
        #expect(try mentions("Rep. Mark Olson (R-Ohio) objected.") == ["PERSON:Mark Olson"])
    }

    @Test func shorterFormOfALongName() throws {
        let text = "Ana Lucia Zavaleta Quintero won. Zavaleta Quintero thanked voters."
        #expect(try canonicals(text)["Zavaleta Quintero"] == "Ana Lucia Zavaleta Quintero")
    }
}

struct Robustness {
    @Test func runsStopAtLineBreaks() throws {
        var a = try EntityAnnotator()
        let got = a.entities("Harbor Bank &\nU.S. OFFICIALS MEET IN OSLO")
        // Mentions never overlap and never cross the line break.
        #expect(!got.contains { $0.text.contains("\n") })
        #expect(got.map { $0.text } == ["Harbor Bank", "U.S.", "OSLO"])
    }
}
