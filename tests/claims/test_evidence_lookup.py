"""Table tests for the figure check looked up in a whole source (claims.evidence.lookup through
claims.evidence.verdicts): each class of issue 17 with rows that must pass and rows that must not.

The sentences are written for these tests (the evidence-dev texts are never copied here)."""

import pytest

from claims.evidence.lookup import heads_agree
from claims.evidence.verdicts import (
    CONTRADICTED,
    NO_EVIDENCE,
    NOT_FOUND,
    SUPPORTED,
    Evidence,
    check_claim_against_texts,
    check_figures,
)
from claims.figures import extract_figures

FILLER = "The committee met again in the spring and discussed its plans at length.\n" * 30


def verdict_of(claim: str, source: str, figure: str):
    """Return the verdict of one figure of ``claim`` (by its text) against one whole source text."""
    for found, verdict in check_claim_against_texts(claim, {"1": source}):
        if found.text == figure:
            return verdict
    raise AssertionError(f"{figure!r} is not a figure of {claim!r}")


def assert_verdict(claim, source, figure, expected):
    verdict = verdict_of(claim, source, figure)
    assert verdict.verdict == expected, (figure, verdict)
    return verdict


# A claim's figures stated in different sentences of the page, far from each other and from the claim's
# other words: each is looked up on its own and keeps its own sentence.
def test_each_figure_is_looked_up_in_the_whole_source_and_keeps_its_own_sentence():
    claim = "The festival ran a 24-hour reading by 66 writers from over a dozen countries."
    source = (
        "The festival opened on Friday.\n"
        + FILLER
        + "Sixty-six writers took part.\n"
        + FILLER
        + "Guests came from more than 12 countries, and the reading lasted 24 hours."
    )
    checked = dict(
        (figure.text, verdict) for figure, verdict in check_claim_against_texts(claim, {"1": source})
    )
    assert checked["66"].verdict == SUPPORTED
    assert checked["66"].passage == "Sixty-six writers took part."
    assert checked["24-hour"].verdict == SUPPORTED
    assert checked["over a dozen"].verdict == SUPPORTED
    assert checked["24-hour"].passage.startswith("Guests came from more than 12 countries")


def test_a_sentence_sharing_no_word_with_the_claim_still_supports_the_counted_thing():
    claim = "The club has signed 14 players this summer."
    source = FILLER + "In all, 14 players arrived before the window shut."
    assert_verdict(claim, source, "14", SUPPORTED)


UNITS = [
    # (claim, source, figure, expected)
    ("The tower is 180 m tall.", "Length: 180 meters.", "180 m", SUPPORTED),
    ("The mast stands 30m high.", "The mast stands 30 metres high.", "30m", SUPPORTED),
    ("It fired a 23-pound projectile.", "Each round weighed 23 lb.", "23-pound", SUPPORTED),
    ("It carried an 18-inch shell.", "The gun fired 18 inches shells.", "18-inch", SUPPORTED),
    ("The ride takes 55 minutes.", "The ride is a 55-minute trip.", "55 minutes", SUPPORTED),
    ("It rose 5.1 cm in a year.", "It rose two inches in a year.", "5.1 cm", SUPPORTED),
    (
        "The port handled 128,000 metric tons of grain.",
        "The port handled 128,000 tonnes of grain.",
        "128,000 metric tons",
        SUPPORTED,
    ),
    (
        "The plant makes 1,142 megawatts.",
        "The plant makes 1,142 MW at full load.",
        "1,142 megawatts",
        SUPPORTED,
    ),
    # a conversion in brackets: supported when the source states the original, within the rounding
    ("The wall is 30 meters (98 feet) long.", "The wall is 30 m long.", "98 feet", SUPPORTED),
    ("The bag weighs 10 kg (23 lb).", "The bag weighs 10 kilograms.", "23 lb", SUPPORTED),
    ("The hall measures 355 feet across.", "The hall is 108 metres across.", "355 feet", SUPPORTED),
    (
        "The floor covers 180,000 square feet (17,000 m).",
        "It has 180,000 square feet of floor.",
        "17,000 m",
        SUPPORTED,
    ),
    # negatives: another unit of another size, another dimension, a conversion off by more than rounding
    ("The wall is 100 feet long.", "The wall is 100 metres long.", "100 feet", NOT_FOUND),
    ("The ride takes 55 minutes.", "The ride takes 55 seconds.", "55 minutes", NOT_FOUND),
    ("The hall measures 365 feet across.", "The hall is 108 metres across.", "365 feet", NOT_FOUND),
    ("The bag weighs 10 kg.", "The bag is 10 cm wide.", "10 kg", NOT_FOUND),
]


@pytest.mark.parametrize(("claim", "source", "figure", "expected"), UNITS)
def test_units_and_conversions_go_through_pint(claim, source, figure, expected):
    assert_verdict(claim, source, figure, expected)


NUMBER_FORMS = [
    ("The video has 21K views.", "The video passed 21,000 views.", "21K", SUPPORTED),
    ("The clip has 10.4M views.", "The clip has 10.4 million views.", "10.4M", SUPPORTED),
    ("The club paid £55m for him.", "The club paid £55 million for him.", "£55m", SUPPORTED),
    ("Tickets raised 8,900 euros.", "Tickets raised €8,900.", "8,900 euros", SUPPORTED),
    (
        "It was a 52.4-billion-dollar deal.",
        "The deal was worth $52.4 billion.",
        "52.4-billion-dollar",
        SUPPORTED,
    ),
    ("She ended a five-decade career.", "She retired after 50 years on stage.", "five-decade", SUPPORTED),
    ("Turnout was 41.3 % in the city.", "Turnout in the city was 41.3 per cent.", "41.3 %", SUPPORTED),
    # negatives
    ("The video has 21K views.", "The video passed 2,100 views.", "21K", NOT_FOUND),
    ("The club paid £55m for him.", "The club paid $55 million for him.", "£55m", NOT_FOUND),
]


@pytest.mark.parametrize(("claim", "source", "figure", "expected"), NUMBER_FORMS)
def test_number_forms(claim, source, figure, expected):
    assert_verdict(claim, source, figure, expected)


SAME_QUANTITY = [
    # the same value about the same thing
    (
        "He lives with his wife and two children.",
        "I live with my wife and our two children.",
        "two",
        SUPPORTED,
    ),
    (
        "Women with 3 and more children could retire early.",
        "Women with three or more children retire early.",
        "3",
        SUPPORTED,
    ),
    # decoys: the same number about something else stays unsupported
    ("He made 11 tackles in the game.", "He had 11 total pressures in the game.", "11", NOT_FOUND),
    ("The play won two BAFTAs.", "The play won two Tonys.", "two", NOT_FOUND),
    ("He scored 9 goals that season.", "The team lost 9 games that season.", "9", NOT_FOUND),
    # a noun agrees with its "-es" plural ("bus" and "buses"); a longer word that begins alike does not
    (
        "The city added 100 feeder bus services.",
        "The city is operating 100 air-conditioned buses.",
        "100",
        SUPPORTED,
    ),
    ("The lab stored 12 gases.", "The lab stored 12 gas cylinders.", "12", SUPPORTED),
    ("The city bought 100 buses.", "The city signed 100 business partners.", "100", NOT_FOUND),
    ("The city bought 100 buses.", "The city planted 100 bushes.", "100", NOT_FOUND),
    # a count of a measure word counts what follows its "of", in the source and in the claim
    (
        "Prosecutors filed one felony assault charge against her.",
        "Prosecutors added one count of felony assault by the mother.",
        "one",
        SUPPORTED,
    ),
    ("The clinic treated 40 cases of measles.", "The clinic saw 40 measles patients.", "40", SUPPORTED),
    (
        "Prosecutors filed one felony assault charge against her.",
        "Prosecutors added one count of child abuse by the father.",
        "one",
        NOT_FOUND,
    ),
    ("The clinic treated 40 cases of measles.", "The clinic saw 40 flu patients.", "40", NOT_FOUND),
    (
        "Prosecutors filed one felony assault charge.",
        "Prosecutors added one count against her.",
        "one",
        NOT_FOUND,
    ),
    # whom a claim says were killed are deaths, victims, fatalities; other people killed stay a decoy
    (
        "The explosion killed 46 men and boys.",
        "Most of the 46 victims suffocated after the blast.",
        "46",
        SUPPORTED,
    ),
    ("12 villagers were killed in the raid.", "Officials counted 12 deaths in the village.", "12", SUPPORTED),
    ("The explosion injured 46 men.", "Most of the 46 victims suffocated after the blast.", "46", NOT_FOUND),
    ("The raid killed 12 soldiers.", "The raid killed 12 civilians.", "12", NOT_FOUND),
    ("The explosion killed 46 men.", "The blast injured 46 workers.", "46", NOT_FOUND),
]


@pytest.mark.parametrize(("claim", "source", "figure", "expected"), SAME_QUANTITY)
def test_a_value_supports_a_figure_only_about_the_same_thing(claim, source, figure, expected):
    assert_verdict(claim, source, figure, expected)


# A capitalised word number after a capitalised word is part of a name ("League Two", "Formula One"), not
# a count; a word number with no noun elsewhere still states one.
NAMES = [
    (
        "Clark set up two goals against Cheltenham.",
        "Cambridge beat Cheltenham 3-1 in Sky Bet League Two.",
        "two",
    ),
    (
        "Clark set up two goals against Cheltenham.",
        "Clark was at the League Two match against Cheltenham.",
        "two",
    ),
    (
        "The team won four races that year.",
        "That year the team raced in Formula Four for Cheltenham.",
        "four",
    ),
]
NOT_NAMES = [
    ("Clark set up two goals against Cheltenham.", "Against Cheltenham, Clark set up two."),
    ("The club won two trophies that season.", "That season the club won two, both in Formula One races."),
]


@pytest.mark.parametrize(("claim", "source", "figure"), NAMES)
def test_a_word_number_in_a_name_states_no_count(claim, source, figure):
    verdict = assert_verdict(claim, source, figure, NOT_FOUND)
    assert verdict.passage == ""


@pytest.mark.parametrize(("claim", "source"), NOT_NAMES)
def test_a_word_number_outside_a_name_still_states_a_count(claim, source):
    assert_verdict(claim, source, "two", SUPPORTED)


def test_a_decoy_is_explained_in_one_sentence():
    verdict = assert_verdict("He made 11 tackles.", "He had 11 total pressures.", "11", NOT_FOUND)
    assert verdict.why == "[1]: the source gives 11 for pressures, not tackles"


CONTRADICTIONS = [
    # (claim, source, figure, expected, what the source says)
    (
        "The shell has 673 panels in 93 different shapes.",
        "The firm made 673 panels for the shell in 91 different shapes.",
        "93",
        CONTRADICTED,
        "91",
    ),
    ("The film earned 26 nominations.", "The film earned 27 nominations.", "26", CONTRADICTED, "27"),
    (
        "The floods displaced 60,000 villagers in the north.",
        "Some 6,000 villagers in the north were displaced.",
        "60,000",
        CONTRADICTED,
        "Some 6,000",
    ),
    # not contradictions: an approximation or a range that holds the value, another counted thing
    (
        "Casualties ran to 1,000-1,200 people.",
        "Casualties ran to about 1,100 people.",
        "1,000-1,200",
        NOT_FOUND,
        "",
    ),
    ("The film earned 26 nominations.", "The director earned 27 awards.", "26", NOT_FOUND, ""),
    ("Over 20 soldiers died.", "Monitors counted 15 soldiers dead.", "Over 20", NOT_FOUND, ""),
    # a page's counter line counts its label's noun ("All Critics (13)"): the same noun, another value
    (
        "On the aggregator, the film has 27 reviews.",
        "Critic Reviews for the film\nView All Critic Reviews (34)",
        "27",
        CONTRADICTED,
        "34",
    ),
    (
        "The rating is based on 9 surveyed critics.",
        "Critic Reviews for the film\nAll Critics (13)\n| Top Critics (2)",
        "9",
        CONTRADICTED,
        "13",
    ),
    (
        "The film has 110 reviews.",
        "Critic Reviews for the film\nView All Critic Reviews (110)",
        "110",
        SUPPORTED,
        "",
    ),
    # another label's noun, or a bracketed number inside a sentence: no contradiction
    ("The film has 27 reviews.", "Critic Reviews for the film\nView All Photos (34)", "27", NOT_FOUND, ""),
    ("The film has 27 reviews.", "The critics wrote many reviews (34) last year.", "27", NOT_FOUND, ""),
]


@pytest.mark.parametrize(("claim", "source", "figure", "expected", "says"), CONTRADICTIONS)
def test_contradicted_when_the_source_gives_the_same_quantity_another_value(
    claim, source, figure, expected, says
):
    verdict = assert_verdict(claim, source, figure, expected)
    assert verdict.says == says


def test_no_evidence_only_when_no_cited_source_has_text():
    figures = extract_figures("Over 20 soldiers died.")
    assert [v.verdict for v in check_figures(figures, [Evidence("1", "  ")], "Over 20 soldiers died.")] == [
        NO_EVIDENCE
    ]
    # text sharing no word with the claim: the source was read and does not state it
    (verdict,) = check_claim_against_texts("Over 20 soldiers died.", {"1": "Market prices rose in May."})
    assert verdict[1].verdict == NOT_FOUND


def test_a_confirmed_passage_is_about_the_claim_every_sentence_of_it():
    claim = "Turnout reached 45% in the capital."
    (verdict,) = check_figures(
        extract_figures(claim), [Evidence("1", "Officials said 45 per cent voted.")], claim
    )
    assert verdict.verdict == SUPPORTED


AGES_AND_EQUIVALENTS = [
    (
        "Winslet, at 31, became the youngest nominee.",
        "The 31-year-old has delivered strong work.",
        "31",
        SUPPORTED,
    ),
    (
        "The centre works with 10-24 year old Jordanians.",
        "The centre works with young people aged 10-24.",
        "10-24 year",
        SUPPORTED,
    ),
    (
        "He was elected for a one year term by the council.",
        "The council elects its head annually.",
        "one year",
        SUPPORTED,
    ),
    # a number longer than a word's stem is listed whole: ten digits are not seven
    ("The dam cost $2 billion to build.", "Construction cost US$2,000,000,000.", "$2 billion", SUPPORTED),
    ("The dam cost $2 billion to build.", "Construction cost US$2,000,000.", "$2 billion", NOT_FOUND),
    # a count of a list counts each of its nouns, and a compound is a kind of its head
    (
        "It gave 66 playwrights, poets, songwriters, and novelists a stage.",
        "Sixty-six writers from many backgrounds responded.",
        "66",
        SUPPORTED,
    ),
    (
        "It gave 66 playwrights, poets, songwriters, and novelists a stage.",
        "Sixty-six readers from many backgrounds responded.",
        "66",
        NOT_FOUND,
    ),
    ("The family has 12 grandchildren.", "The family counts 12 children in all.", "12", SUPPORTED),
    ("The firm has 12 relationships with banks.", "The firm has 12 ships at sea.", "12", NOT_FOUND),
    # a split is stated by the same split only
    ("The firms set up a 50/50 joint venture.", "The 50/50 joint venture opened in May.", "50/50", SUPPORTED),
    ("The firms set up a 50/50 joint venture.", "The 60/40 joint venture opened in May.", "50/50", NOT_FOUND),
    # a season is a year: "the next two seasons" states a two-year contract; other counts do not
    (
        "He joined them on a two-year contract.",
        "The deal will keep him at the club for the next two seasons.",
        "two-year",
        SUPPORTED,
    ),
    (
        "He joined them on a two-year contract.",
        "The deal will keep him at the club for the next two matches.",
        "two-year",
        NOT_FOUND,
    ),
    (
        "He joined them on a two-year contract.",
        "He played three seasons for the club before the deal.",
        "two-year",
        NOT_FOUND,
    ),
    # an age is not a duration of something else, nor a count of things
    (
        "Winslet, at 31, became the youngest nominee.",
        "Winslet has worked for 31 years in film.",
        "31",
        NOT_FOUND,
    ),
    (
        "The centre works with 10-24 year old Jordanians.",
        "The centre works with 24 schools.",
        "10-24 year",
        NOT_FOUND,
    ),
]


@pytest.mark.parametrize(("claim", "source", "figure", "expected"), AGES_AND_EQUIVALENTS)
def test_ages_and_fixed_equivalents(claim, source, figure, expected):
    assert_verdict(claim, source, figure, expected)


@pytest.mark.parametrize(
    ("claimed", "stated", "agree"),
    [
        ("songwriters", "writers", True),
        ("children", "grandchildren", True),
        ("playwrights poets", "writers", False),  # no compound of the other's noun
        ("relationships", "ships", False),  # too short to be a head: a suffix
        ("writers", "writers", False),  # the same noun is nouns_agree's, not a compound
    ],
)
def test_a_compound_agrees_with_its_head(claimed, stated, agree):
    assert heads_agree(claimed, stated) is agree


# The same quantity at another time is another quantity: a year near the claim's count, money or share,
# and only other years in the statement's sentence. A sentence naming no year, or the same year, may
# still state it; a length or a distance does not change from year to year.
AT_ANOTHER_TIME = [
    (
        "As of 2017, the fund had approximately 36,000 retirees.",
        "The fund paid pensions to 37,012 retirees in fiscal year 2018.",
        "approximately 36,000",
        NOT_FOUND,
        "[1]: the source gives 37,012 for 2018, not 2017",
    ),
    (
        "In 2015 the film earned 26 nominations.",
        "In 2016 the film earned 27 nominations.",
        "26",
        NOT_FOUND,
        "",
    ),
    (
        "As of 2017, the fund had approximately 36,000 retirees.",
        "In 2017 the fund paid pensions to 36,120 retirees.",
        "approximately 36,000",
        SUPPORTED,
        "",
    ),
    (
        "As of 2017, the fund had approximately 36,000 retirees.",
        "The fund pays pensions to 36,120 retirees.",
        "approximately 36,000",
        SUPPORTED,
        "",
    ),
    (
        "In 2015 the film earned 26 nominations.",
        "In 2015 the film earned 27 nominations.",
        "26",
        CONTRADICTED,
        "",
    ),
    (
        "At the 2012 Olympics she raced the 500 m.",
        "In 2010 she won the 500 metres race.",
        "500 m",
        SUPPORTED,
        "",
    ),
]


@pytest.mark.parametrize(("claim", "source", "figure", "expected", "why"), AT_ANOTHER_TIME)
def test_a_statement_about_another_year_neither_supports_nor_contradicts(
    claim, source, figure, expected, why
):
    verdict = assert_verdict(claim, source, figure, expected)
    assert verdict.why == why


# A hyphenated duration qualifies the noun after it: when both write one, the nouns must agree.
DURATION_NOUNS = [
    (
        "The ship was there for a six-month dry-docked overhaul.",
        "The ship returned home after a six-month deployment.",
        "six-month",
        NOT_FOUND,
        "[1]: the source gives six-month for deployment, not dry-docked overhaul",
    ),
    (
        "Blair held a two-hour press conference.",
        "Blair gave a two-hour interview.",
        "two-hour",
        NOT_FOUND,
        None,
    ),
    (
        "He signed a six-month contract extension.",
        "His current six-month contract runs out.",
        "six-month",
        SUPPORTED,
        "",
    ),
    (
        "The theatre staged a 24-hour performance.",
        "The theatre staged two 24-hour performances.",
        "24-hour",
        SUPPORTED,
        "",
    ),
    (
        "The ship was there for a six-month overhaul.",
        "The overhaul of the ship took six months.",
        "six-month",
        SUPPORTED,
        "",
    ),
]


@pytest.mark.parametrize(("claim", "source", "figure", "expected", "why"), DURATION_NOUNS)
def test_a_hyphenated_duration_is_about_its_noun(claim, source, figure, expected, why):
    verdict = assert_verdict(claim, source, figure, expected)
    if why is not None:
        assert verdict.why == why
