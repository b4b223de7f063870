/// The gazetteers, as one hash table from a case-folded phrase to its flags.
/// Built once per process from the tables in `Generated/Lexicon.swift`.

/// Lexicon flags.
enum Lex {
    static let gpe: UInt32 = 1 << 0
    static let loc: UInt32 = 1 << 1
    static let norp: UInt32 = 1 << 2
    static let org: UInt32 = 1 << 3
    static let orgHead: UInt32 = 1 << 4
    static let orgSuffix: UInt32 = 1 << 5
    static let locHead: UInt32 = 1 << 6
    static let facHead: UInt32 = 1 << 7
    static let title: UInt32 = 1 << 8
    static let first: UInt32 = 1 << 9
    static let last: UInt32 = 1 << 10
    static let common: UInt32 = 1 << 11
    /// Function words that never begin a name ("The", "According").
    static let stop: UInt32 = 1 << 12
    /// Months and days of the week.
    static let date: UInt32 = 1 << 13
    /// Heads that take "of" ("University of …", "Gulf of …").
    static let ofHead: UInt32 = 1 << 14
    /// Heads of named events ("Fair", "Olympics", "Day").
    static let eventHead: UInt32 = 1 << 15
    /// Capitalized words and acronyms that are not names ("VIP", "GDP", "HTML").
    static let nonName: UInt32 = 1 << 16
    /// Place words that come first ("Mount Everest", "Lake Victoria").
    static let placeFirst: UInt32 = 1 << 17
    /// Countries (also `gpe`): national teams keep their country's type in sports results.
    static let country: UInt32 = 1 << 18

    static let place: UInt32 = gpe | loc
    static let named: UInt32 = gpe | loc | norp | org
    static let head: UInt32 = orgHead | orgSuffix | locHead | facHead
}

/// An open-addressing hash table from a 64-bit phrase hash to flags: the hash
/// is already well mixed, so a lookup is a multiply, a shift and a probe or two.
struct FlagTable: Sendable {
    /// Slot `i` holds the key at `2 * i` and the flags at `2 * i + 1`: one cache line per probe.
    private var slots: [UInt64]
    private let shift: UInt64
    private let mask: Int

    init(capacityFor count: Int) {
        var bits = 4
        while (1 << bits) < count * 2 { bits += 1 }
        slots = Array(repeating: 0, count: 2 << bits)
        shift = UInt64(64 - bits)
        mask = (1 << bits) - 1
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// ORs `flag` into the entry for `key` (0 is stored as 1: 0 marks an empty slot).
    mutating func insert(_ key: UInt64, _ flag: UInt32) {
        let k = key == 0 ? 1 : key
        var i = slot(k)
        while slots[2 * i] != 0 && slots[2 * i] != k { i = (i + 1) & mask }
        slots[2 * i] = k
        slots[2 * i + 1] |= UInt64(flag)
    }

    @inline(__always) func get(_ key: UInt64) -> UInt32 {
        let k = key == 0 ? 1 : key
        var i = slot(k)
        return slots.withUnsafeBufferPointer { sb in
            while true {
                let x = sb[2 * i]
                if x == k { return UInt32(truncatingIfNeeded: sb[2 * i + 1]) }
                if x == 0 { return 0 }
                i = (i + 1) & mask
            }
        }
    }
}

struct Gazetteer: Sendable {
    /// Phrase hash (see `Hash.combine`) to flags.
    let table: FlagTable
    /// The longest phrase, in tokens.
    let maxTokens: Int

    static let shared = Gazetteer()

    @inline(__always) func flags(_ h: UInt64) -> UInt32 { table.get(h) }

    /// Hashes every entry (one per line) of `list` into `table` with `flag`.
    private static func add(
        _ list: String, _ flag: UInt32, into table: inout FlagTable, longest: inout Int, tokens: TokenBuffer
    ) {
        var s = list
        s.withUTF8 { buf in tokenize(buf, into: tokens, lookup: { _ in 0 }) }
        let all = tokens.all
        var i = 0
        while i < all.count {
            let seg = all[i].segment
            var h = all[i].hash
            var j = i + 1
            while j < all.count && all[j].segment == seg {
                h = Hash.combine(h, all[j].hash)
                j += 1
            }
            longest = max(longest, j - i)
            table.insert(h, flag)
            i = j
        }
    }

    init() {
        var table = FlagTable(capacityFor: 110_000)
        var maxTokens = 1
        let tokens = TokenBuffer(capacity: 1 << 16)
        func add(_ list: String, _ flag: UInt32) {
            Gazetteer.add(list, flag, into: &table, longest: &maxTokens, tokens: tokens)
        }
        add(Lexicon.gpe, Lex.gpe)
        add(Lexicon.loc, Lex.loc)
        add(Lexicon.country, Lex.country)
        add(Lexicon.norp, Lex.norp)
        add(Lexicon.org, Lex.org)
        add(Lexicon.orgHead, Lex.orgHead)
        add(Lexicon.orgSuffix, Lex.orgSuffix)
        add(Lexicon.locHead, Lex.locHead)
        add(Lexicon.facHead, Lex.facHead)
        add(Lexicon.title, Lex.title)
        add(Lexicon.first, Lex.first)
        add(Lexicon.last, Lex.last)
        add(Lexicon.common, Lex.common)
        add(WordLists.stop, Lex.stop)
        add(WordLists.dates, Lex.date)
        add(WordLists.ofHeads, Lex.ofHead)
        add(WordLists.eventHeads, Lex.eventHead)
        add(WordLists.nonNames, Lex.nonName)
        add(WordLists.placeFirst, Lex.placeFirst)
        self.table = table
        self.maxTokens = min(maxTokens, 8)
    }
}

/// Short word lists written for this project (English function words, dates,
/// heads that take "of"), one entry per line.
enum WordLists {
    static let stop = """
        the
        a
        an
        this
        that
        these
        those
        it
        its
        he
        she
        they
        we
        i
        you
        his
        her
        their
        our
        my
        your
        in
        on
        at
        of
        for
        from
        by
        with
        to
        and
        but
        or
        nor
        if
        when
        whenever
        while
        after
        before
        as
        according
        despite
        however
        meanwhile
        also
        there
        here
        what
        which
        who
        whom
        whose
        where
        why
        how
        some
        many
        all
        every
        each
        both
        no
        not
        during
        since
        until
        under
        over
        about
        although
        though
        because
        so
        yet
        then
        now
        today
        yesterday
        tomorrow
        tonight
        last
        next
        other
        another
        such
        than
        into
        onto
        upon
        via
        per
        among
        between
        without
        within
        against
        toward
        towards
        through
        throughout
        following
        including
        image
        images
        photo
        photos
        picture
        video
        file
        source
        sources
        update
        updated
        reporting
        editing
        writing
        additional
        related
        read
        see
        watch
        listen
        click
        share
        follow
        like
        just
        even
        only
        still
        already
        once
        twice
        more
        most
        less
        least
        very
        much
        several
        few
        any
        none
        one
        two
        three
        four
        five
        six
        seven
        eight
        nine
        ten
        first
        second
        third
        yes
        oh
        please
        thank
        thanks
        well
        whether
        unlike
        beyond
        around
        across
        along
        near
        off
        out
        up
        down
        shortly
        earlier
        later
        currently
        recently
        finally
        instead
        otherwise
        overall
        indeed
        perhaps
        maybe
        again
        never
        always
        often
        sometimes
        usually
        nearly
        almost
        approximately
        roughly
        about
        some
        those
        everyone
        everything
        someone
        something
        nobody
        nothing
        anyone
        anything
        being
        having
        given
        based
        asked
        speaking
        talking
        born
        dear
        gmt
        utc
        est
        edt
        pst
        pdt
        am
        pm
        a.m.
        p.m.
        """

    static let dates = """
        monday
        tuesday
        wednesday
        thursday
        friday
        saturday
        sunday
        january
        february
        march
        april
        may
        june
        july
        august
        september
        october
        november
        december
        jan
        feb
        mar
        apr
        jun
        jul
        aug
        sep
        sept
        oct
        nov
        dec
        jan.
        feb.
        mar.
        apr.
        jun.
        jul.
        aug.
        sep.
        sept.
        oct.
        nov.
        dec.
        christmas
        easter
        ramadan
        eid
        """

    static let eventHeads = """
        hajj
        umrah
        olympics
        fair
        expo
        festival
        championship
        championships
        cup
        olympics
        paralympics
        games
        prize
        award
        awards
        summit
        war
        revolution
        crisis
        marathon
        tournament
        grand prix
        day
        week
        election
        elections
        referendum
        massacre
        uprising
        spring
        accords
        accord
        treaty
        trophy
        derby
        rally
        open
        masters
        classic
        """

    static let nonNames = """
        net
        shr
        shrs
        qtly
        revs
        avg
        div
        note
        mln
        mlns
        dlrs
        dlr
        cts
        pct
        oper
        vs
        qtr
        yr
        ytd
        est
        vip
        vips
        ceo
        cfo
        gdp
        tv
        dvd
        cd
        ok
        dna
        hiv
        aids
        id
        pc
        vr
        usb
        sms
        phd
        mp
        mps
        ufo
        atm
        cctv
        lgbt
        lgbtq
        ngo
        ngos
        gmt
        utc
        html
        http
        url
        iq
        ai
        it
        faq
        diy
        ad
        bc
        am
        pm
        qc
        sc
        kc
        mbe
        obe
        cbe
        jr
        sr
        ii
        iii
        iv
        vi
        vii
        viii
        ix
        xi
        xii
        xiii
        xiv
        xv
        xvi
        xvii
        xviii
        xix
        xx
        covid
        sars
        mers
        ebola
        usd
        eur
        gbp
        jpy
        kg
        km
        mph
        ft
        lb
        st
        rd
        nd
        th
        pdf
        gps
        suv
        mri
        ceos
        rip
        lol
        omg
        asap
        """

    static let placeFirst = """
        mount
        mt.
        lake
        cape
        isle
        loch
        gulf
        bay
        fort
        port
        """

    static let ofHeads = """
        university
        ministry
        department
        bank
        church
        republic
        kingdom
        emirate
        emirates
        commonwealth
        federation
        union
        organization
        organisation
        association
        institute
        school
        college
        academy
        society
        league
        party
        court
        house
        board
        office
        commission
        committee
        council
        foundation
        center
        centre
        museum
        city
        state
        states
        province
        district
        municipality
        county
        gulf
        bay
        sea
        isle
        isles
        island
        islands
        cape
        lake
        mount
        horn
        strait
        straits
        straight
        plains
        valley
        sultanate
        principality
        duchy
        agency
        authority
        bureau
        secretariat
        corps
        army
        navy
        guard
        force
        forces
        order
        knights
        friends
        daughters
        sons
        people
        sisters
        brothers
        tower
        bridge
        palace
        hall
        cathedral
        temple
        fund
        trust
        chamber
        congress
        assembly
        parliament
        government
        conference
        alliance
        coalition
        movement
        front
        federal
        national
        bank
        journal
        times
        embassy
        consulate
        mission
        division
        directorate
        service
        services
        group
        congregation
        diocese
        archdiocese
        port
        river
        statue
        battle
        siege
        treaty
        """
}
