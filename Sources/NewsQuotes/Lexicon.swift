// Word lists for attribution: reporting verbs, function words, titles and
// role nouns. Compiled by hand for this project from ordinary English usage
// in news writing (no outside source); the lists are short on purpose and
// are looked up only in the few words around a quotation mark.

/// Flags a word can carry. One word may have several.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt32

    /// A reporting verb in a finite form: "said", "says", "told", "added".
    static let cue = WordClass(rawValue: 1 << 0)
    /// A reporting verb as a participle: "saying", "adding", "writing".
    static let cueING = WordClass(rawValue: 1 << 1)
    /// A base form that is also a common noun ("call", "say"): a cue only
    /// when no determiner stands before it.
    static let cueBase = WordClass(rawValue: 1 << 2)
    /// Determiners and possessive pronouns that open a noun phrase.
    static let determiner = WordClass(rawValue: 1 << 3)
    /// Personal pronouns that can be a speaker.
    static let pronoun = WordClass(rawValue: 1 << 4)
    /// Prepositions.
    static let preposition = WordClass(rawValue: 1 << 5)
    /// Conjunctions, relative and other clause words.
    static let conjunction = WordClass(rawValue: 1 << 6)
    /// Auxiliaries and adverbs that may stand between a subject and its verb.
    static let auxiliary = WordClass(rawValue: 1 << 7)
    /// Titles and roles that go before a name ("President", "coach").
    static let title = WordClass(rawValue: 1 << 8)
    /// Lower-case words that may join the words of a name ("of", "de", "al").
    static let nameJoiner = WordClass(rawValue: 1 << 9)
    /// Abbreviations whose period does not end a sentence ("Mr.", "Jan.").
    static let abbreviation = WordClass(rawValue: 1 << 10)
    /// Words that head an organisation's name ("Ministry", "University").
    static let organisation = WordClass(rawValue: 1 << 11)
    /// Words introducing a name or title: the quotation after them is a name.
    static let naming = WordClass(rawValue: 1 << 12)
    /// Other common verbs and words that never belong to a subject noun phrase.
    static let nonNominal = WordClass(rawValue: 1 << 13)
    /// Small words not counted when judging Title Case.
    static let minor = WordClass(rawValue: 1 << 14)
    /// Months and weekdays.
    static let calendar = WordClass(rawValue: 1 << 15)
    /// Other words of time ("week", "yesterday", "last").
    static let time = WordClass(rawValue: 1 << 16)
}

enum Lexicon {
    /// Reporting verbs: base form, then its other forms. The -ing form is a
    /// participle cue; every other form is a finite cue.
    static let reportingVerbs = """
        say says said saying
        tell tells told telling
        add adds added adding
        state states stated stating
        write writes wrote writing written
        tweet tweets tweeted tweeting
        post posts posted posting
        note notes noted noting
        insist insists insisted insisting
        warn warns warned warning
        claim claims claimed claiming
        ask asks asked asking
        explain explains explained explaining
        comment comments commented commenting
        remark remarks remarked remarking
        observe observes observed observing
        reply replies replied replying
        respond responds responded responding
        argue argues argued arguing
        conclude concludes concluded concluding
        announce announces announced announcing
        declare declares declared declaring
        continue continues continued continuing
        assert asserts asserted asserting
        acknowledge acknowledges acknowledged acknowledging
        admit admits admitted admitting
        describe describes described describing
        call calls called calling
        characterize characterizes characterized characterizing
        characterise characterises characterised characterising
        label labels labeled labelled labeling labelling
        reason reasons reasoned reasoning
        recall recalls recalled recalling
        suggest suggests suggested suggesting
        stress stresses stressed stressing
        emphasize emphasizes emphasized emphasizing
        emphasise emphasises emphasised emphasising
        urge urges urged urging
        predict predicts predicted predicting
        caution cautions cautioned cautioning
        concede concedes conceded conceding
        complain complains complained complaining
        boast boasts boasted boasting
        quip quips quipped quipping
        joke jokes joked joking
        testify testifies testified testifying
        text texts texted texting
        maintain maintains maintained maintaining
        contend contends contended contending
        demand demands demanded demanding
        pledge pledges pledged pledging
        promise promises promised promising
        vow vows vowed vowing
        counter counters countered countering
        retort retorts retorted retorting
        report reports reported reporting
        reveal reveals revealed revealing
        confirm confirms confirmed confirming
        deny denies denied denying
        whisper whispers whispered whispering
        shout shouts shouted shouting
        yell yells yelled yelling
        scream screams screamed screaming
        exclaim exclaims exclaimed exclaiming
        plead pleads pleaded pleading
        beg begs begged begging
        advise advises advised advising
        accuse accuses accused accusing
        read reads
        recount recounts recounted recounting
        mention mentions mentioned mentioning
        repeat repeats repeated repeating
        reiterate reiterates reiterated reiterating
        charge charges charged charging
        allege alleges alleged alleging
        lament laments lamented lamenting
        summarize summarizes summarized summarizing
        clarify clarifies clarified clarifying
        elaborate elaborates elaborated elaborating
        underscore underscores underscored underscoring
        criticize criticizes criticized criticizing
        criticise criticises criticised criticising
        answer answers answered answering
        inform informs informed informing
        assure assures assured assuring
        remind reminds reminded reminding
        implore implores implored imploring
        confess confesses confessed confessing
        disclose discloses disclosed disclosing
        propose proposes proposed proposing
        recommend recommends recommended recommending
        affirm affirms affirmed affirming
        swear swears swore sworn swearing
        threaten threatens threatened threatening
        wonder wonders wondered wondering
        muse muses mused musing
        concur concurs concurred concurring
        interject interjects interjected interjecting
        chide chides chided chiding
        scoff scoffs scoffed scoffing
        sigh sighs sighed sighing
        snap snaps snapped snapping
        gush gushes gushed gushing
        proclaim proclaims proclaimed proclaiming
        conclude concludes concluded concluding
        blog blogs blogged blogging
        email emails emailed emailing
        declare declares declared declaring
        dub dubs dubbed dubbing
        quote quotes quoted quoting
        issue issues issued issuing
        thank thanks thanked thanking
        believe believes believed believing
        """

    /// Base forms that are also common nouns: a cue only without a determiner
    /// before them.
    static let nounLikeBases = """
        call post note claim comment remark text report counter answer reply \
        question charge quote issue tweet warn state reason joke promise pledge \
        demand vow plead blog email thanks read
        """

    static let determiners = """
        the a an this that these those his her its their our my your one some \
        many several two three four five another each every no any both
        """

    static let pronouns = "he she they we i it you"

    static let prepositions = """
        in on at from to by with for of after before during about as than into \
        onto over under since through throughout without within against among \
        amongst between across behind beyond upon via per toward towards near \
        around despite following including like unlike amid amidst along
        """

    static let conjunctions = """
        and or but nor so yet that which who whom whose because although though \
        if when where whether while whereas what how why then unless until \
        however meanwhile moreover also whilst as
        """

    static let auxiliaries = """
        has have had having was were is are be been being will would could can \
        may might shall should must did does do also later then again once \
        previously further repeatedly recently first quickly simply just only \
        often even still already never always reportedly allegedly separately \
        earlier subsequently finally yesterday today tonight formally publicly \
        privately initially not here there now doesn't don't didn't isn't \
        wasn't won't can't couldn't wouldn't shouldn't hasn't haven't aren't \
        weren't doesn’t don’t didn’t isn’t wasn’t won’t can’t couldn’t \
        wouldn’t shouldn’t hasn’t haven’t aren’t weren’t
        """

    static let titles = """
        president vice prime minister secretary general chief director \
        spokesman spokeswoman spokesperson spokespeople coach manager chairman \
        chairwoman chair professor prof dr doctor mr mrs ms miss mx sir dame \
        lord lady senator sen rep representative congressman congresswoman \
        governor gov mayor ambassador judge justice officer official officials \
        commissioner deputy minister king queen prince princess pope bishop \
        rev reverend father sister brother mother son daughter wife husband \
        captain capt lieutenant lt colonel col sergeant sgt major maj admiral \
        adm commander gen general attorney lawyer prosecutor researcher \
        scientist analyst economist leader head founder ceo cfo executive \
        president-elect speaker member members citizen resident author authors \
        editor columnist writer reporter correspondent adviser advisor aide \
        candidate nominee chancellor premier mp mep councillor councilor \
        superintendent inspector detective sheriff chief-of-staff strategist \
        striker midfielder defender goalkeeper player veteran activist \
        campaigner expert curator student teacher owner partner fan poster \
        user worker employee staffer negotiator envoy diplomat emperor \
        sultan sheikh ayatollah rabbi imam cardinal pastor senior junior \
        associate assistant undersecretary under-secretary state brig atty amb
        """

    static let nameJoiners = """
        of for de del della der den van von da du di dos das la le al el bin \
        ibn bint ben y and st st. mac
        """

    static let abbreviations = """
        mr mrs ms dr prof sen rep gov gen lt col sgt capt adm maj st jr sr inc \
        brig atty amb insp msgr fr mme mlle cmdr cpl pvt supt hon sec \
        corp co ltd vs v no jan feb mar apr aug sep sept oct nov dec mt ft \
        pres supt rev hon messrs cmdr cpl pvt gov. etc al fig vol approx dept \
        est u.s u.k u.n e.g i.e a.m p.m d.c
        """

    static let organisations = """
        ministry department university college institute council committee \
        commission agency office bureau association union party company \
        corporation group bank court government parliament congress senate \
        house assembly board authority organisation organization foundation \
        center centre church team club school hospital police army navy \
        force forces service times post news herald journal press network \
        channel magazine newspaper review tribune guardian telegraph reserve \
        fed exchange market markets fund trust administration inc inc. corp \
        corp. co co. ltd ltd. plc airlines securities holdings partners \
        industries motors systems reuters agency ministry embassy cabinet \
        commission council opec nato treasury
        """

    static let time = """
        week weeks month months year years morning afternoon evening night \
        weekend yesterday today tonight earlier later last next this day \
        days recently
        """

    static let calendar = """
        january february march april may june july august september october \
        november december jan feb mar apr jun jul aug sep sept oct nov dec \
        monday tuesday wednesday thursday friday saturday sunday
        """

    static let naming = """
        named titled entitled nicknamed so-called headlined captioned branded
        """

    static let nonNominal = """
        is are was were be been being has have had do does did not no will \
        would could should can may might must shall there here it's that's \
        according among
        """

    static let minor = """
        a an the of and or in on at to for with by from vs vs. de la le el \
        del van von al is as but nor into over
        """
}
