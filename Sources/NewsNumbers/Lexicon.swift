// The words news-numbers knows: number words, scales, ordinals, qualifiers,
// currencies and measurement units.
//
// Sources: the English number system itself (cardinal, ordinal and scale
// words, the Indian "lakh" and "crore"); currency names and codes from ISO 4217
// (the public list of the ISO 4217 maintenance agency, facts, not copyrightable);
// newswire abbreviations ("mln", "dlrs", "pct", "cts") as used by Reuters copy.
// Written for this project; the list is short, so it lives here rather than
// in a generated file.

/// What a word means to the number parser.
enum LexClass: UInt8 {
    case none
    case unit        // zero ... nine (value)
    case teen        // ten ... nineteen (value)
    case tens        // twenty ... ninety (value)
    case hundred
    case scale       // thousand, million, ..., lakh, crore, k, bn (value)
    case dozen       // dozen, dozens, dz (12)
    case article     // a, an
    case point       // "point" in "five point five"
    case half        // half, halves (fraction 1/2)
    case quarter     // quarter (singular)
    case quarters    // quarters (plural: "three quarters")
    case ordinal     // first ... ninth, tenth, twentieth, hundredth ... (value)
    case ordinals    // plural ordinals used as denominators: thirds, fifths (value)
    case multiple    // hundreds, thousands, millions, tens, dozens (value)
    case minus       // minus, negative
    case percent     // percent, percentage, percents, pct
    case currency    // dollars, euros, yen ... (code)
    case currencyAdj // australian, swiss ... (code + family noun)
    case isoCode     // USD, EUR ... (code)
    case measure     // km, kg, miles, mph ... (unit)
    case measureMod  // square, cubic, metric, nautical, light, astronomical
    case month       // January ... December and abbreviations
    case fw          // a function word the grammar looks at (see `FW`)
    case ordSuffix   // st, nd, rd, th (after digits)
    case timeWord    // am, pm, utc, gmt: after digits, a clock time
}

/// Function words the grammar tests for.
enum FW: UInt16, CaseIterable {
    case none
    case at, least, most, more, less, fewer, than, over, under, above, below
    case about, around, approximately, approx, roughly, nearly, almost, some
    case up, to, `as`, high, low, many, much, few, no, not, between, from
    case through, and, or, greater, larger, bigger, higher, lower, smaller, equal
    case several, out, of, `in`, the, this, that, which, any, every, each
    case another, close, per, cent, by, on, with, its, his, her, their, our
    case my, your, whose, these, those, was, were, `is`, are, be, been, being
    case had, has, have, having, i, we, he, she, they, you, it, who, only
    case year, old, aged, age, sterling, hong, new, south, sri, united, states
    case u, s, us, c, hk, so, plus, just, well, onto, into, times
    case range, ranging, ranged, ranges, vary, varies, varying, varied, within
    case increase, increased, increases, increasing, rise, rose, risen, rising
    case fall, fell, fallen, falling, grow, grew, grown, growing, drop, dropped
    case dropping, reduce, reduced, reducing, reduces, cut, cuts, cutting
    case raise, raised, raising, climb, climbed, climbing, jump, jumped
    case decline, declined, declining, decrease, decreased, decreasing
    case lowered, lowering, slash, slashed, boost, boosted, double
    case doubled, expand, expanded, narrow, narrowed, widen, widened
    case revise, revised, change, changed, went, go, moved, toll, shrink
    case shrank, surge, surged, soared, plunged, tumbled, slipped, edged
    case hour, minute, day, week, month, weekend, hours, minutes, seconds, days, weeks, months, years
    case code, id, number, version, route, phase, stage, nos
    case mr, mrs, ms, dr, st, mt, sen
    case ever, `class`, time, hand, handed, party, parties, way, sided, rate
    case tier, world, person, place, lady, amendment, round
    case then, also, still, already, even, again, other, others, magnitude, off, little, loved, ago, later, earlier, before, after, all
    case `for`, since, until, during, among, exactly, precisely, when, `where`, `if`, `while`, total, last, next, past
    case across, near, inside, outside, behind, along, throughout, worldwide, nationwide, including, apiece, respectively, compared
    case rs, upwards, excess
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday
    case but, yet, nor, via, both, there, here, what, how, why, though, although, because, unless, whereas, without, toward, towards, further
    case people, versus, vs, against, beat, beating, won, lost, losing, defeated, score, scored, tally
}

struct LexEntry {
    var cls: LexClass
    var value: Double
    var fw: FW
    /// Currency or ISO code, or a currency adjective's code (index into `Lexicon.codes`).
    var code: Int16
    /// For a currency adjective: the noun family it qualifies ("dollar"), an index into `Lexicon.codes`.
    var family: Int16
    /// A currency word only read as money with a scale word or an adjective
    /// before it ("5 billion won", "South African rand").
    var weak: Bool
}

enum LexiconData {
    /// `class word value-or-code`, one entry a line. Classes: u unit, t teen,
    /// y tens, h hundred, s scale, z dozen, a article, p point, f half,
    /// q quarter, Q quarters, o ordinal, O plural ordinal, M multiple,
    /// - minus, % percent (1: an abbreviation never written before "of"), c currency (code), w weak currency (code),
    /// j currency adjective (code:family), i ISO code, m measure, n measure
    /// modifier, d month, x ordinal suffix, T time word.
    static let numeric = """
    u zero 0
    u nought 0
    u naught 0
    u nil 0
    u one 1
    u two 2
    u three 3
    u four 4
    u five 5
    u six 6
    u seven 7
    u eight 8
    u nine 9
    t ten 10
    t eleven 11
    t twelve 12
    t thirteen 13
    t fourteen 14
    t fifteen 15
    t sixteen 16
    t seventeen 17
    t eighteen 18
    t nineteen 19
    y twenty 20
    y thirty 30
    y forty 40
    y fourty 40
    y fifty 50
    y sixty 60
    y seventy 70
    y eighty 80
    y ninety 90
    h hundred 100
    s thousand 1e3
    s million 1e6
    s billion 1e9
    s trillion 1e12
    s lakh 1e5
    s lakhs 1e5
    s lac 1e5
    s crore 1e7
    s crores 1e7
    s k 1e3
    s bn 1e9
    s bln 1e9
    s mn 1e6
    s mln 1e6
    s mil 1e6
    s mm 1e6
    s tln 1e12
    s tn 1e12
    s b 1e9
    s m 1e6
    z dozen 12
    z dz 12
    z dzs 12
    z doz 12
    z dozs 12
    a a 1
    a an 1
    p point 0
    f half 2
    f halves 2
    q quarter 4
    Q quarters 4
    o first 1
    o second 2
    o third 3
    o fourth 4
    o fifth 5
    o sixth 6
    o seventh 7
    o eighth 8
    o ninth 9
    o tenth 10
    o eleventh 11
    o twelfth 12
    o thirteenth 13
    o fourteenth 14
    o fifteenth 15
    o sixteenth 16
    o seventeenth 17
    o eighteenth 18
    o nineteenth 19
    o twentieth 20
    o thirtieth 30
    o fortieth 40
    o fiftieth 50
    o sixtieth 60
    o seventieth 70
    o eightieth 80
    o ninetieth 90
    o hundredth 100
    o thousandth 1e3
    o millionth 1e6
    o billionth 1e9
    o trillionth 1e12
    O firsts 1
    O thirds 3
    O fourths 4
    O fifths 5
    O sixths 6
    O sevenths 7
    O eighths 8
    O ninths 9
    O tenths 10
    O elevenths 11
    O twelfths 12
    O thirteenths 13
    O fourteenths 14
    O fifteenths 15
    O sixteenths 16
    O seventeenths 17
    O eighteenths 18
    O nineteenths 19
    O twentieths 20
    O thirtieths 30
    O fortieths 40
    O fiftieths 50
    O sixtieths 60
    O seventieths 70
    O eightieths 80
    O ninetieths 90
    O hundredths 100
    O thousandths 1e3
    O millionths 1e6
    O billionths 1e9
    O trillionths 1e12
    M tens 10
    M dozens 12
    M hundreds 100
    M thousands 1e3
    M millions 1e6
    M billions 1e9
    M trillions 1e12
    - minus 0
    - negative 0
    % percent 0
    % percents 0
    % percentage 0
    % pct 1
    % pc 1
    x st 0
    x nd 0
    x rd 0
    x th 0
    T am 0
    T pm 0
    T utc 0
    T gmt 0
    T est 0
    T edt 0
    T pst 0
    T cet 0
    T hrs 0
    T bst 0
    d january 1
    d february 2
    d march 3
    d april 4
    d may 5
    d june 6
    d july 7
    d august 8
    d september 9
    d october 10
    d november 11
    d december 12
    d jan 1
    d feb 2
    d mar 3
    d apr 4
    d jun 6
    d jul 7
    d aug 8
    d sep 9
    d sept 9
    d oct 10
    d nov 11
    d dec 12
    """

    /// Currency names (ISO 4217 codes; a bare ambiguous name keeps its own word).
    static let currencies = """
    c dollar USD
    c dollars USD
    c dlr USD
    c dlrs USD
    c buck USD
    c bucks USD
    c euro EUR
    c euros EUR
    c pound GBP
    c pounds GBP
    c sterling GBP
    c quid GBP
    c yen JPY
    c yuan CNY
    c renminbi CNY
    c rmb CNY
    c 元 CNY
    c rupee INR
    c rupees INR
    c ரூ LKR
    c franc franc
    c francs franc
    c guilder NLG
    c guilders NLG
    c lari GEL
    c złoty PLN
    c złotys PLN
    c złotych PLN
    c zloty PLN
    c zlotys PLN
    c zlotych PLN
    c ruble RUB
    c rubles RUB
    c rouble RUB
    c roubles RUB
    c peso peso
    c pesos peso
    c naira NGN
    c shilling shilling
    c shillings shilling
    c rupiah IDR
    c ringgit MYR
    c baht THB
    c hryvnia UAH
    c hryvnias UAH
    c hryvnias UAH
    c lira TRY
    c liras TRY
    c lire ITL
    c dinar dinar
    c dinars dinar
    c dirham AED
    c dirhams AED
    c riyal SAR
    c riyals SAR
    c rial rial
    c rials rial
    c krona SEK
    c kronor SEK
    c krone krone
    c kroner krone
    c kronur ISK
    c forint HUF
    c forints HUF
    c koruna CZK
    c korunas CZK
    c taka BDT
    c shekel ILS
    c shekels ILS
    c tenge KZT
    c kwacha kwacha
    c cedi GHS
    c cedis GHS
    c birr ETB
    c rand ZAR
    c leva BGN
    c marks DEM
    c deutschmarks DEM
    c drachmas GRD
    c escudos PTE
    c pesetas ESP
    c bitcoin BTC
    c bitcoins BTC
    c btc BTC
    c satoshi satoshi
    c satoshis satoshi
    c cent cent
    c cents cent
    c cts cent
    c pence pence
    c penny pence
    c pennies pence
    c sen sen
    w won KRW
    w real BRL
    w reais BRL
    w dong VND
    w lei RON
    w leu RON
    w lev BGN
    w mark DEM
    w kip LAK
    j us USD:dollar
    j american USD:dollar
    j australian AUD:dollar
    j canadian CAD:dollar
    j kong HKD:dollar
    j zealand NZD:dollar
    j singapore SGD:dollar
    j taiwan TWD:dollar
    j taiwanese TWD:dollar
    j jamaican JMD:dollar
    j namibian NAD:dollar
    j fijian FJD:dollar
    j liberian LRD:dollar
    j zimbabwean ZWL:dollar
    j swiss CHF:franc
    j french FRF:franc
    j belgian BEF:franc
    j cfa XOF:franc
    j congolese CDF:franc
    j dutch NLG:guilder
    j georgian GEL:lari
    j indian INR:rupee
    j pakistani PKR:rupee
    j lankan LKR:rupee
    j nepalese NPR:rupee
    j mauritian MUR:rupee
    j mexican MXN:peso
    j philippine PHP:peso
    j argentine ARS:peso
    j argentinian ARS:peso
    j chilean CLP:peso
    j colombian COP:peso
    j cuban CUP:peso
    j uruguayan UYU:peso
    j dominican DOP:peso
    j kenyan KES:shilling
    j ugandan UGX:shilling
    j tanzanian TZS:shilling
    j somali SOS:shilling
    j austrian ATS:shilling
    j african ZAR:rand
    j korean KRW:won
    j brazilian BRL:real
    j vietnamese VND:dong
    j romanian RON:leu
    j bulgarian BGN:lev
    j iraqi IQD:dinar
    j kuwaiti KWD:dinar
    j jordanian JOD:dinar
    j libyan LYD:dinar
    j tunisian TND:dinar
    j algerian DZD:dinar
    j serbian RSD:dinar
    j bahraini BHD:dinar
    j iranian IRR:rial
    j omani OMR:rial
    j yemeni YER:rial
    j saudi SAR:riyal
    j qatari QAR:riyal
    j swedish SEK:krona
    j norwegian NOK:krone
    j danish DKK:krone
    j icelandic ISK:krona
    j turkish TRY:lira
    j italian ITL:lira
    j egyptian EGP:pound
    j lebanese LBP:pound
    j syrian SYP:pound
    j sudanese SDG:pound
    j irish IEP:pound
    j zambian ZMW:kwacha
    j malawian MWK:kwacha
    j german DEM:mark
    j japanese JPY:yen
    j chinese CNY:yuan
    j russian RUB:ruble
    j ukrainian UAH:hryvnia
    j polish PLN:złoty
    j hungarian HUF:forint
    j czech CZK:koruna
    j israeli ILS:shekel
    j nigerian NGN:naira
    j ghanaian GHS:cedi
    j ethiopian ETB:birr
    j indonesian IDR:rupiah
    j malaysian MYR:ringgit
    j thai THB:baht
    j bangladeshi BDT:taka
    j kazakh KZT:tenge
    i usd USD
    i eur EUR
    i gbp GBP
    i jpy JPY
    i cny CNY
    i chf CHF
    i cad CAD
    i aud AUD
    i nzd NZD
    i hkd HKD
    i sgd SGD
    i sek SEK
    i nok NOK
    i dkk DKK
    i isk ISK
    i inr INR
    i pkr PKR
    i lkr LKR
    i rub RUB
    i uah UAH
    i pln PLN
    i czk CZK
    i huf HUF
    i ron RON
    i bgn BGN
    i try TRY
    i brl BRL
    i mxn MXN
    i ars ARS
    i clp CLP
    i cop COP
    i zar ZAR
    i ngn NGN
    i kes KES
    i egp EGP
    i ils ILS
    i sar SAR
    i aed AED
    i qar QAR
    i krw KRW
    i twd TWD
    i thb THB
    i idr IDR
    i myr MYR
    i php PHP
    i vnd VND
    i gel GEL
    i kzt KZT
    """

    /// Measurement units (written forms) and their modifiers.
    static let measures = """
    m km
    m kms
    m kilometre
    m kilometres
    m kilometer
    m kilometers
    m metre
    m metres
    m meter
    m meters
    m cm
    m centimetre
    m centimetres
    m centimeter
    m centimeters
    m mm
    m millimetre
    m millimetres
    m millimeter
    m millimeters
    m mile
    m miles
    m ft
    m feet
    m foot
    m inch
    m inches
    m yard
    m yards
    m kg
    m kgs
    m kilogram
    m kilograms
    m kilo
    m kilos
    m gram
    m grams
    m mg
    m milligrams
    m lb
    m lbs
    m ounce
    m ounces
    m oz
    m ton
    m tons
    m tonne
    m tonnes
    m litre
    m litres
    m liter
    m liters
    m ml
    m millilitres
    m milliliters
    m gallon
    m gallons
    m acre
    m acres
    m hectare
    m hectares
    m megawatt
    m megawatts
    m mw
    m gigawatt
    m gigawatts
    m gw
    m kilowatt
    m kilowatts
    m kw
    m kwh
    m mwh
    m gwh
    m watts
    m watt
    m volts
    m kv
    m mph
    m kph
    m knots
    m degrees
    m hz
    m khz
    m mhz
    m ghz
    m decibels
    m db
    m calories
    m kcal
    m gb
    m mb
    m tb
    n square
    n sq
    n cubic
    n metric
    n nautical
    n light
    n astronomical
    """
}
