// Word lists the sentence splitter consults: abbreviations by how they
// behave at a period, usual sentence openers, words that follow a clock time
// or a place abbreviation ("U.S. Navy"), weekdays and months (datelines),
// picture-credit and figure labels, and speech verbs (reporting clauses).
// Short, so they live here rather than in a generated lexicon.
//
// Source: written for this project from general knowledge of English and of
// news style (titles, months, the traditional U.S. state abbreviations,
// company suffixes, time zones are public facts). No third-party list was
// copied, so no license applies beyond the project's own.

/// How an abbreviation behaves before a capitalized word.
enum AbbreviationKind: UInt8 {
    /// Comes before a name or number and never ends a sentence ("Mr.", "Gen.", "e.g.").
    case prefix
    /// Often ends a sentence: a split when the next word is a usual sentence opener
    /// ("Inc.", "Jan.", "etc.", "Calif.", "St." for Street).
    case ambiguous
    /// A clock time ("a.m."): a split unless a day, month or time zone follows.
    case time
    /// A place ("U.S."): a split unless a word that such a place name modifies follows.
    case place
}

enum WordLists {
    static let prefixes = """
        mr mrs ms messrs mme mlle mmes dr drs prof profs gen gens lt col maj capt cpt cmdr
        cdr adm brig sgt cpl pvt spc sen sens rep reps gov govs pres rev revs hon msgr fr
        supt insp det mt ft vs v e.g i.e cf viz amb atty asst assoc ald comdr lieut gov't
        ven sra sr.a srta mssrs n° nº
        """
    static let ambiguous = """
        inc corp co cos ltd llc plc bros jr sr esq al jan feb mar apr jun jul aug sep
        sept oct nov dec mon tue tues wed thu thur thurs fri sat no nos vol vols fig figs
        art sec ch pp ed eds dept depts univ assn ave blvd rd hwy ln sq min max est approx
        ca mins hrs yr yrs oz lb lbs st dr govt mfg intl natl dist div op pt pts tel ext
        ala ariz ark calif colo conn del fla ga ill ind kan kans ky md mass mich minn miss
        mo mont neb nebr nev okla ore pa penn tenn tex va vt wash wis wisc wyo rs sgd
        ph.d m.d b.a m.a d.d.s
        """
    static let times = "a.m p.m"
    static let places = """
        u.s u.k u.n u.s.a d.c e.u u.a.e u.s.s.r n.y l.a n.z p.r.c r.o.k
        """
    /// Words that commonly open an English sentence: after an ambiguous
    /// abbreviation they mean the abbreviation ended the sentence.
    static let openers = """
        a an the this that these those there then thus he she it i we they you his her its
        our their my your in on at by for from with as after before when while where why
        what who whom whose how which if but and or so yet also however meanwhile still now
        today yesterday tomorrow some many most all both each every no not one two three
        mr mrs ms dr is are was were do does did can could will would should shall may might
        must please let here although though since because during under over according other
        such only even just another hello yes nor neither either once later earlier instead
        besides moreover furthermore indeed nevertheless nonetheless finally first second
        third last next again never always often sometimes perhaps maybe unlike like despite
        among about above below into through until unless whether i'm i've i'd i'll it's
        he's she's we're they're that's there's what's let's don't can't
        """
    /// Words that follow a clock time inside a sentence ("10 a.m. Friday").
    static let timeFollowers = """
        monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs
        fri sat sun january february march april may june july august september october
        november december jan feb mar apr jun jul aug sep sept oct nov dec est edt cst cdt
        mst mdt pst pdt et ct pt mt gmt utc bst cet cest eet ist jst kst aest aedt hkt sgt
        msk local eastern central pacific mountain atlantic
        """
    /// Words that a place abbreviation modifies ("U.S. Army", "U.N. Security Council").
    static let placeFollowers = """
        government army navy air marine marines senate house congress congressional
        president presidential vice secretary state department embassy ambassador
        ambassadors treasury treasuries supreme court courts federal open attorney
        attorneys postal census coast forces force military special central geological
        border customs immigration food justice defense defence energy capitol dollar
        dollars consulate consul trade commerce labor health homeland drug naval
        national district circuit magistrate marshals marshal fish forest northern
        southern pacific european africa cyber space strategic olympic soccer women's
        men's chamber agency intelligence securities environmental patent citizenship
        constitution route highway bank steel mission envoy envoys official officials
        diplomat diplomats troops soldiers forces policy sanctions economy economic
        stocks stock bonds bond markets market inflation job jobs interest rates rate
        gdp census office general command commander commanders security council
        peacekeepers peacekeeping special representative human humanitarian high
        refugee refugees development children's world general-secretary secretary-general
        charter envoy department's government's army's navy's senator senators
        representatives representative governor governors judge judges delegation
        team squad championship championships tour version edition edition's
        agriculture bankruptcy gulf airways airlines dlrs dlr currency subsidiary
        subsidiaries unit units firm firms company companies corporation corporations
        industry industries manufacturers producers exporters importers investors
        banks banker bankers lawmakers legislators negotiators investigators prosecutors
        authorities forces allies ally partner partners counterpart counterparts
        citizens citizen residents nationals commission commissioner commissioners
        parliament parliamentary summit leaders leader member members states law laws
        rules regulators regulation regulations tribunal agencies ministry minister
        ministers prime foreign interior finance budget ban tariffs tariff deal treaty
        agreement visa passport election elections vote voters administration
        administration's intelligence-gathering spy spies aid assistance
        """
    static let weekdays = "monday tuesday wednesday thursday friday saturday sunday"
    static let months = """
        january february march april may june july august september october november
        december jan feb mar apr jun jul aug sep sept oct nov dec
        """
    /// Labels of picture credits in captions ("Image: Reuters").
    static let captionLabels = "image images photo photos photograph picture pictures credit video source"
    /// Verbs of a reporting clause after a quotation ("Why?" Anna asked).
    static let speechVerbs = """
        said says say asked asks ask replied replies reply cried cries called calls shouted shouts
        whispered whispers answered answers added adds told tells wrote writes explained explains
        started starts howled yelled yells exclaimed continued continues muttered mutters laughed
        laughs screamed screams sighed sighs snapped snaps began begins insisted insists admitted
        admits noted notes thought thinks recalled recalls agreed agrees demanded demands murmured
        murmurs pleaded pleads suggested suggests warned warns announced announces declared
        declares observed observes remarked remarks responded responds repeated repeats
        """
    /// Labels of figures and tables ("Figure 1.3").
    static let figureLabels = "figure fig table chart map exhibit plate graph diagram"
}
