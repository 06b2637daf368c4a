"""Table tests for claims.figures: what a reviewer sees listed as the figures of a sentence."""

import re
from decimal import Decimal

import pytest

from claims.figures import KINDS, QUALIFIERS, Figure, extract_figures


def found(sentence: str) -> tuple[tuple, ...]:
    """Return the figures of a sentence as (text, value, value_max, unit, qualifier, kind) tuples."""
    return tuple(
        (f.text, f.value, f.value_max, f.unit, f.qualifier, f.kind) for f in extract_figures(sentence)
    )


def expected(*rows: tuple) -> tuple[tuple, ...]:
    """Return rows with their values as Decimals, so 1.5 billion compares exactly."""
    return tuple(
        (text, Decimal(str(value)), None if value_max is None else Decimal(str(value_max)), unit, qual, kind)
        for text, value, value_max, unit, qual, kind in rows
    )


POSITIVE = [
    # counts and their qualifiers
    (
        "The KNPLF reported over 20 junta personnel killed in the clashes.",
        [("over 20", 20, None, "junta personnel", "over", "count")],
    ),
    (
        "Resistance fighters killed more than 30 soldiers near the bridge.",
        [("more than 30", 30, None, "soldiers", "more than", "count")],
    ),
    ("The raid freed at least 12 prisoners.", [("at least 12", 12, None, "prisoners", "at least", "count")]),
    (
        "Shelling displaced about 4,000 villagers.",
        [("about 4,000", 4000, None, "villagers", "about", "count")],
    ),
    ("Around 60 junta troops surrendered.", [("Around 60", 60, None, "junta troops", "around", "count")]),
    (
        "The blockade stranded nearly 9,000 people.",
        [("nearly 9,000", 9000, None, "people", "nearly", "count")],
    ),
    (
        "Up to 5,000 residents fled the fighting.",
        [("Up to 5,000", 5000, None, "residents", "up to", "count")],
    ),
    (
        "Fewer than 200 soldiers remain in the garrison.",
        [("Fewer than 200", 200, None, "soldiers", "fewer than", "count")],
    ),
    ("Some 3,000 people sheltered in monasteries.", [("Some 3,000", 3000, None, "people", "some", "count")]),
    (
        "An estimated 1.5 million people need aid.",
        [("An estimated 1.5 million", 1500000, None, "people", "estimated", "count")],
    ),
    (
        "Estimated 300 fighters joined the alliance.",
        [("Estimated 300", 300, None, "fighters", "estimated", "count")],
    ),
    (
        "As many as 400 fighters crossed the river.",
        [("As many as 400", 400, None, "fighters", "up to", "count")],
    ),
    ("Almost 90 families lost their homes.", [("Almost 90", 90, None, "families", "almost", "count")]),
    # the noun phrase is the unit: at most three words, less the verb that follows
    (
        "Monitors counted 274 reported armed clashes nationwide.",
        [("274", 274, None, "reported armed clashes", "exact", "count")],
    ),
    (
        "UN reports documented 75 civilian deaths, including children.",
        [("75", 75, None, "civilian deaths", "exact", "count")],
    ),
    (
        "They detained more than 20,000 by early 2025.",
        [("more than 20,000", 20000, None, "", "more than", "count")],
    ),
    (
        "Approximately 350 to 367 such strikes hit the town.",
        [("Approximately 350 to 367", 350, 367, "strikes", "approximately", "count")],
    ),
    # ranges
    ("The KNPP fielded 700-800 fighters.", [("700-800", 700, 800, "fighters", "exact", "count")]),
    ("The KNPP fielded 700–800 fighters.", [("700–800", 700, 800, "fighters", "exact", "count")]),
    (
        "Monitors recorded between 350 and 367 airstrikes.",
        [("between 350 and 367", 350, 367, "airstrikes", "exact", "count")],
    ),
    ("Rebels hold 40-50% of the territory.", [("40-50%", 40, 50, "percent", "exact", "percent")]),
    ("Rebels hold 40% to 50% of the territory.", [("40% to 50%", 40, 50, "percent", "exact", "percent")]),
    ("The column numbered 1,000-1,500 troops.", [("1,000-1,500", 1000, 1500, "troops", "exact", "count")]),
    (
        "Some 2 to 3 million people were displaced.",
        [("Some 2 to 3 million", 2000000, 3000000, "people", "some", "count")],
    ),
    # percentages
    (
        "Allied groups claimed control of approximately 85% of Loikaw.",
        [("approximately 85%", 85, None, "percent", "approximately", "percent")],
    ),
    ("Trade volumes dropped 70% at key crossings.", [("70%", 70, None, "percent", "exact", "percent")]),
    # a word number with a scale word is an amount even with no noun after it
    (
        "The agency said five thousand had been displaced.",
        [("five thousand", 5000, None, "", "exact", "count")],
    ),
    ("Officials said one million people fled.", [("one million", 1000000, None, "people", "exact", "count")]),
    # a duration word after a percentage is not its unit ("year on year")
    ("Exports grew 7.5 per cent year on year.", [("7.5 per cent", 7.5, None, "percent", "exact", "percent")]),
    ("Exports grew 7.5% year on year.", [("7.5%", 7.5, None, "percent", "exact", "percent")]),
    ("Turnout fell by 4.5 % in the district.", [("4.5 %", "4.5", None, "percent", "exact", "percent")]),
    (
        "They were more than 40 percent of the population.",
        [("more than 40 percent", 40, None, "percent", "more than", "percent")],
    ),
    (
        "Almost 40 per cent of clinics closed.",
        [("Almost 40 per cent", 40, None, "percent", "almost", "percent")],
    ),
    ("Less than 10% of convoys arrived.", [("Less than 10%", 10, None, "percent", "less than", "percent")]),
    (
        "Roughly 70% of border trade collapsed.",
        [("Roughly 70%", 70, None, "percent", "approximately", "percent")],
    ),
    ("Thirty percent of the camps flooded.", [("Thirty percent", 30, None, "percent", "exact", "percent")]),
    # money
    (
        "Losses were estimated at $1 billion annually.",
        [("$1 billion", 1000000000, None, "USD", "exact", "money")],
    ),
    (
        "Beijing sought to safeguard $20 billion in investments.",
        [("$20 billion", 20000000000, None, "USD", "exact", "money")],
    ),
    ("The fund raised $1.2 million.", [("$1.2 million", 1200000, None, "USD", "exact", "money")]),
    (
        "Donors pledged US$5 million for the camps.",
        [("US$5 million", 5000000, None, "USD", "exact", "money")],
    ),
    ("Donors pledged USD 5 million.", [("USD 5 million", 5000000, None, "USD", "exact", "money")]),
    ("The appeal sought 5 million dollars.", [("5 million dollars", 5000000, None, "USD", "exact", "money")]),
    (
        "The appeal sought five million US dollars.",
        [("five million US dollars", 5000000, None, "USD", "exact", "money")],
    ),
    ("The EU gave €3.5 million.", [("€3.5 million", 3500000, None, "EUR", "exact", "money")]),
    ("Fuel sales earned 20 billion kyat.", [("20 billion kyat", 20000000000, None, "MMK", "exact", "money")]),
    ("A permit costs 100 baht.", [("100 baht", 100, None, "THB", "exact", "money")]),
    ("Smuggling earned $5m a year.", [("$5m", 5000000, None, "USD", "exact", "money")]),
    ("Trade lost $1–2 billion.", [("$1–2 billion", 1000000000, 2000000000, "USD", "exact", "money")]),
    (
        "Estimates ran from $1 billion to $2 billion.",
        [
            ("$1 billion", 1000000000, None, "USD", "exact", "money"),
            ("$2 billion", 2000000000, None, "USD", "exact", "money"),
        ],
    ),
    # large numbers
    (
        "The conflict displaced over 3 million people.",
        [("over 3 million", 3000000, None, "people", "over", "count")],
    ),
    (
        "OCHA documented over 286,000 new internal displacements.",
        [("over 286,000", 286000, None, "new internal displacements", "over", "count")],
    ),
    (
        "The junta printed 1.5 billion banknotes.",
        [("1.5 billion", 1500000000, None, "banknotes", "exact", "count")],
    ),
    (
        "Nearly 1,250,000 ballots were spoiled.",
        [("Nearly 1,250,000", 1250000, None, "ballots", "nearly", "count")],
    ),
    # measures, durations among them
    (
        "Thai authorities patrolled the 2,400-kilometer frontier.",
        [("2,400-kilometer", 2400, None, "kilometer", "exact", "measure")],
    ),
    ("The border runs 2,400 km.", [("2,400 km", 2400, None, "kilometer", "exact", "measure")]),
    ("The convoy drove 10-15 kilometres.", [("10-15 kilometres", 10, 15, "kilometer", "exact", "measure")]),
    (
        "Fires burned 12 square kilometers.",
        [("12 square kilometers", 12, None, "square kilometer", "exact", "measure")],
    ),
    ("The attacks came 11 days apart.", [("11 days", 11, None, "day", "exact", "measure")]),
    ("They agreed a 10-day ceasefire.", [("10-day", 10, None, "day", "exact", "measure")]),
    (
        "The military declared a one-year state of emergency.",
        [("one-year", 1, None, "year", "exact", "measure")],
    ),
    ("The town was held for nearly two years.", [("nearly two years", 2, None, "year", "nearly", "measure")]),
    # counts in words
    (
        "The KNDF reported the takeover of seven junta installations.",
        [("seven", 7, None, "junta installations", "exact", "count")],
    ),
    (
        "Operation 1107's occupation of two junta bases was hailed.",
        [("two", 2, None, "junta bases", "exact", "count")],
    ),
    ("Seven junta bases fell within hours.", [("Seven", 7, None, "junta bases", "exact", "count")]),
    ("At least two junta bases fell.", [("At least two", 2, None, "junta bases", "at least", "count")]),
    ("Drones hit twenty-five villages.", [("twenty-five", 25, None, "villages", "exact", "count")]),
    ("Rebels took a dozen outposts.", [("a dozen", 12, None, "outposts", "exact", "count")]),
    (
        "The camp held two hundred and fifty families.",
        [("two hundred and fifty", 250, None, "families", "exact", "count")],
    ),
    ("Three thousand refugees crossed.", [("Three thousand", 3000, None, "refugees", "exact", "count")]),
    (
        "The offensive brought control over six townships.",
        [("six", 6, None, "townships", "exact", "count")],
    ),
    # four comma-less digits: a count when they count something
    ("The junta sent 1500 troops to Loikaw.", [("1500", 1500, None, "troops", "exact", "count")]),
    ("The junta sent 2000 troops to Loikaw.", [("2000", 2000, None, "troops", "exact", "count")]),
    ("The front said 1800 recruits joined.", [("1800", 1800, None, "recruits", "exact", "count")]),
    ("Recruitment passed over 1500 by March.", [("over 1500", 1500, None, "", "over", "count")]),
    ("The army lost 2,000 troops in 2023.", [("2,000", 2000, None, "troops", "exact", "count")]),
    # "from A to B" is a change: two figures sharing the unit written once
    (
        "Displacement rose from 150,000 to 180,000 people.",
        [
            ("150,000", 150000, None, "people", "exact", "count"),
            ("180,000", 180000, None, "people", "exact", "count"),
        ],
    ),
    (
        "Fighters killed at least 70 junta soldiers and 38 captured across three captured camps.",
        [
            ("at least 70", 70, None, "junta soldiers", "at least", "count"),
            ("38", 38, None, "", "exact", "count"),
            ("three", 3, None, "captured camps", "exact", "count"),
        ],
    ),
]


# Issue 12: classes the reader missed or misread on real encyclopedia articles.
POSITIVE += [
    # speeds and compound units, with or without a no-break space; in brackets still a measure
    (
        "Winds reached 230 km/h (145 mph) at landfall.",
        [
            ("230 km/h", 230, None, "kilometer per hour", "exact", "measure"),
            ("145 mph", 145, None, "mile per hour", "exact", "measure"),
        ],
    ),
    (
        "Gusts of 230\u00a0km/h (145\u00a0mph) were measured.",
        [
            ("230\u00a0km/h", 230, None, "kilometer per hour", "exact", "measure"),
            ("145\u00a0mph", 145, None, "mile per hour", "exact", "measure"),
        ],
    ),
    ("Winds (150 mph) toppled trees.", [("150 mph", 150, None, "mile per hour", "exact", "measure")]),
    (
        "Winds of up to 120 kilometres per hour hit the coast.",
        [("up to 120 kilometres per hour", 120, None, "kilometer per hour", "up to", "measure")],
    ),
    # currency codes glued to the number; ranges with a currency on each end, decimals and units
    ("Switzerland gave CHF5 million in aid.", [("CHF5 million", 5000000, None, "CHF", "exact", "money")]),
    ("Haiti lost HTG 1 billion.", [("HTG 1 billion", 1000000000, None, "HTG", "exact", "money")]),
    ("Costs ran from 500 gourdes upward.", [("500 gourdes", 500, None, "HTG", "exact", "money")]),
    ("Devices cost US$90 to US$132 each.", [("US$90 to US$132", 90, 132, "USD", "exact", "money")]),
    ("Efficacy ranged 0.40 to 0.47 in trials.", [("0.40 to 0.47", "0.4", "0.47", "", "exact", "count")]),
    ("Follow-up lasted 21 to 24 months.", [("21 to 24 months", 21, 24, "month", "exact", "measure")]),
    # "ranging from A to B" is one range; "from A to B" alone stays a change (two figures, above)
    (
        "Costs range from US$90 to US$132 per man.",
        [("US$90 to US$132", 90, 132, "USD", "exact", "money")],
    ),
    ("Follow-up ranged from 21 to 24 months.", [("21 to 24 months", 21, 24, "month", "exact", "measure")]),
    (
        "Hazard ratios ranging from 0.40 to 0.47 were found.",
        [("0.40 to 0.47", "0.4", "0.47", "hazard ratio", "exact", "ratio")],
    ),
    # ratios, p-values and statistics: typed as ratios or measures, never as counts
    ("Circumcision cut risk 5- to 8-fold.", [("5- to 8-fold", 5, 8, "fold", "exact", "ratio")]),
    ("Risk fell 3-fold in men.", [("3-fold", 3, None, "fold", "exact", "ratio")]),
    ("Risk was 1.5 times higher in men.", [("1.5 times", 1.5, None, "times", "exact", "ratio")]),
    ("Infection was 2 times as likely.", [("2 times", 2, None, "times", "exact", "ratio")]),
    ("The town was shelled 3 times overnight.", [("3 times", 3, None, "times", "exact", "count")]),
    ("The effect was significant (p < 0.05).", [("0.05", 0.05, None, "p-value", "less than", "measure")]),
    ("The effect held (p=0.001) in men.", [("0.001", 0.001, None, "p-value", "exact", "measure")]),
    ("The trend held (P ≤ 0.01).", [("0.01", 0.01, None, "p-value", "up to", "measure")]),
    ("The p-value was < 0.001 there.", [("0.001", 0.001, None, "p-value", "less than", "measure")]),
    ("Trials found an odds ratio 0.4 overall.", [("0.4", 0.4, None, "odds ratio", "exact", "ratio")]),
    (
        "Trials found an odds ratio of about 0.42 overall.",
        [("about 0.42", 0.42, None, "odds ratio", "about", "ratio")],
    ),
    ("The hazard ratio was 0.6 in cohorts.", [("0.6", 0.6, None, "hazard ratio", "exact", "ratio")]),
    ("Risk fell (aOR 0.38) after surgery.", [("0.38", 0.38, None, "odds ratio", "exact", "ratio")]),
    (
        "Incidence fell (RR 0.5, 95% CI 0.3–0.8).",
        [
            ("0.5", 0.5, None, "relative risk", "exact", "ratio"),
            ("0.3–0.8", 0.3, 0.8, "", "exact", "count"),
        ],
    ),
    # counts in words with no noun after them, when the clause makes them counts
    ("Shelling killed two, injuring ten.", [("ten", 10, None, "", "exact", "count")]),
    ("Another four were damaged.", [("four", 4, None, "", "exact", "count")]),
    (
        "Five homes burned and another three collapsed.",
        [
            ("Five", 5, None, "homes", "exact", "count"),
            ("three", 3, None, "", "exact", "count"),
        ],
    ),
    ("Of the soldiers, twelve died in the raid.", [("twelve", 12, None, "", "exact", "count")]),
    # "one" stating a quantity
    ("The storm destroyed one hospital.", [("one", 1, None, "hospital", "exact", "count")]),
    ("The road ran one kilometer inland.", [("one kilometer", 1, None, "kilometer", "exact", "measure")]),
    ("At least one soldier died.", [("At least one", 1, None, "soldier", "at least", "count")]),
    (
        "Of 15 hospitals, one was destroyed.",
        [("15", 15, None, "hospitals", "exact", "count"), ("one", 1, None, "", "exact", "count")],
    ),
    ("Incidence fell (pooled IR 0.48).", [("0.48", 0.48, None, "incidence ratio", "exact", "ratio")]),
    # fractions in words: ratios with their value (four decimal places, as stored)
    ("Circumcision cut risk by one-tenth.", [("one-tenth", 0.1, None, "fraction", "exact", "ratio")]),
    (
        "More than half of the homes were destroyed.",
        [("More than half", 0.5, None, "fraction", "more than", "ratio")],
    ),
    ("Two-thirds of men were circumcised.", [("Two-thirds", 0.6667, None, "fraction", "exact", "ratio")]),
    ("A third of the crops failed.", [("A third", 0.3333, None, "fraction", "exact", "ratio")]),
    ("Half of the wells were fouled.", [("Half", 0.5, None, "fraction", "exact", "ratio")]),
    ("Nearly half the schools closed.", [("Nearly half", 0.5, None, "fraction", "nearly", "ratio")]),
    ("Three quarters of the area flooded.", [("Three quarters", 0.75, None, "fraction", "exact", "ratio")]),
    (
        "Over two-thirds of 300 clinics closed.",
        [
            ("Over two-thirds", 0.6667, None, "fraction", "over", "ratio"),
            ("300", 300, None, "clinics", "exact", "count"),
        ],
    ),
    # a capitalized word before a number with a qualifier is not a model name
    ("The Front fielded over 20 tanks.", [("over 20", 20, None, "tanks", "over", "count")]),
    ("Officials in Aleppo 25 km away fled.", [("25 km", 25, None, "kilometer", "exact", "measure")]),
    # after a place, a short number is a count; two digits after a name are not a model's number
    ("After shelling in Idlib 4 civilians died.", [("4", 4, None, "civilians", "exact", "count")]),
    ("The Front said Aleppo 25 families fled.", [("25", 25, None, "families", "exact", "count")]),
    # a period of a life after a possessive is a range of ages (claims.figures.periods)
    ("In her mid-20s Chung took a class.", [("mid-20s", 24, 26, "", "exact", "age")]),
]


@pytest.mark.parametrize(("sentence", "figures"), POSITIVE)
def test_figures_found(sentence: str, figures: list[tuple]) -> None:
    assert found(sentence) == expected(*figures)


def test_the_table_covers_every_qualifier_and_kind() -> None:
    rows = [row for _, figures in POSITIVE for row in figures]
    assert {row[4] for row in rows} == set(QUALIFIERS)
    assert {row[5] for row in rows} == set(KINDS)


NEGATIVE = [
    # dates, years and day numbers
    "The offensive was launched on November 7, 2023 by the front.",
    "The offensive was launched on 7 November 2023 by the front.",
    "The coup came in 2021.",
    "The civil war intensified from mid-2021.",
    "The NLD won the 2015 elections.",
    "It ended the 2011-2015 quasi-civilian government.",
    "It ended the 2011–15 government.",
    "Insurgencies flared in the 1990s.",
    "Insurgencies flared in the '90s.",
    "Clashes continued into early 2025.",
    "Fighting resumed on 7 November.",
    "The KNDF emerged on May 31.",
    "Strikes hit the town between November 11 and 27.",
    "Strikes hit the town on November 8–14.",
    "Resistance held Myanmar's 2020 election results to be valid.",
    "In 2000 the front split.",
    "The 1976 National Democratic Front coalition formed.",
    # operation names and other designations
    "Operation 1107 began in Mese Township.",
    "Operation 1027 began in Shan State.",
    "Operation 1107 merged into Operation 1111.",
    "Operation 1107's launch surprised the junta.",
    "The subsumption of Operation 1107 into 1111 was swift.",
    "Karenni groups coordinated with operations like 1027.",
    "Mese fell during the 1107 phase.",
    "The convoy used Highway No. 5.",
    "Light Infantry Division 55 withdrew.",
    "The 55th Light Infantry Division withdrew.",
    "The 1st Brigade withdrew.",
    "The council passed Resolution 2669 and entered Phase 2.",
    "The name derives from the date (11/07 in day-month format).",
    # model designations and calibres
    "Fighters carried AK-47 rifles and G3 rifles.",
    "MiG-29 jets and Mi-17 helicopters struck the town.",
    "ZU-23 guns and M-16 rifles were seized.",
    "A K-8W crashed near Loikaw.",
    "The junta deployed 105mm howitzers and 60mm mortars.",
    "A 120 mm mortar was captured.",
    "COVID-19 spread in the camps.",
    # citation markers and times
    "The junta denied it.[12]",
    "The junta denied it.[12][13]",
    "The attack began at 10 p.m. and ended at 22:30.",
    # words that are not counts
    "Loikaw is one of the largest towns.",
    "No one was hurt.",
    "Victims included four from aerial bombardment and three from gunfire.",
    "The Three Brotherhood Alliance pledged support.",
    'The "Four Cuts" strategy targeted villages.',
    "ASEAN kept its Five-Point Consensus.",
    "Fighters reported dozens of junta casualties.",
    "Airstrikes displaced thousands and hundreds of sorties followed.",
    "One day later the town fell.",
    "One analysis estimated the cost.",
    "One is tempted to doubt it.",
    "They fought a two-pronged assault.",
    # hyphenated adjectives are descriptions, not figures
    "A 700-strong force and a 30-member council met.",
    "A 20-year-old fighter was killed.",
]


# Issue 12: numbers that name, date or qualify something on real articles.
NEGATIVE += [
    "Turkey sent Leopard 2 tanks to al-Bab.",
    "The team used the DMPPT 2.0 device.",
    "Matthew was a Category 5 hurricane.",
    "Matthew became a category 4 storm.",
    "Rain fell from October 3–10 across Haiti.",
    "Rain fell from October 3 to 10 in the south.",
    "The 95% confidence interval was wide.",
    "Estimates had a 95 % CI that crossed zero.",
    "Results used 90% credible intervals.",
    # word numbers that are pronouns or idioms, and "one" that is not a quantity
    "They helped one another.",
    "No one was hurt in the second raid.",
    "It was one of the deadliest storms.",
    "At one point the town fell.",
    "On one hand the army held.",
    "One day later the town fell.",
    "One analysis estimated the cost.",
    "One is tempted to doubt it.",
    "Victims included four from aerial bombardment and three from gunfire.",
    "Two of them were captured, and three of the bases burned.",
    # ordinals and parts of time are not fractions
    "Rain fell in the second half of 2016.",
    "A third battalion arrived.",
    "The third day was calm.",
    "Half an hour later the siege ended.",
    "His half-brother lost a quarter-final.",
]


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_no_figures_found(sentence: str) -> None:
    assert found(sentence) == ()


MIXED = [
    (
        "On 7 November 2023, Operation 1107 captured two junta bases with AK-47 rifles and 60mm mortars.",
        [("two", 2, None, "junta bases", "exact", "count")],
    ),
    (
        "Since the 2021 coup, MiG-29 strikes under Operation 1027 killed over 6,000 civilians by mid-2024.",
        [("over 6,000", 6000, None, "civilians", "over", "count")],
    ),
    (
        "The 55th Light Infantry Division lost 14 armoured vehicles on Highway No. 9 at 10 p.m.",
        [("14", 14, None, "armoured vehicles", "exact", "count")],
    ),
]


@pytest.mark.parametrize(("sentence", "figures"), MIXED)
def test_figures_among_non_figures(sentence: str, figures: list[tuple]) -> None:
    assert found(sentence) == expected(*figures)


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        (
            "The KNPLF reported over 20[4] junta personnel killed.[4][2]",
            [("over 20", 20, None, "junta personnel", "over", "count")],
        ),
        (
            "Airstrikes killed at least 14 civilians[26] in Loikaw.[27]",
            [("at least 14", 14, None, "civilians", "at least", "count")],
        ),
        ("The NLD won the 2015[6] elections.[7]", []),
    ],
)
def test_citation_markers_left_in_are_never_figures(sentence: str, figures: list[tuple]) -> None:
    assert found(sentence) == expected(*figures)


# Text the extractor was not written against: an invented offensive, written the way the seed is.
OWN_PARAGRAPHS = [
    (
        "Operation 2208 (named for its launch on 22 August 2024) is an offensive by the Northern Highlands "
        "Front and the Veshan Liberation Army against the military government of Tarsova in Drovna "
        "Province.[1][2] The alliance, which fielded 1,200-1,500 fighters at the outset, formed after the "
        "2019 coup and the contested 2018 elections.[3] By early 2024 the government controlled only about "
        "35% of the province, down from 60 percent in 2021.[4] Some 4,000 civilians had fled to camps along "
        "the 310-kilometer border with Karsia, and an estimated 2.3 million people needed aid.[5]",
        [
            ("1,200-1,500", 1200, 1500, "fighters", "exact", "count"),
            ("about 35%", 35, None, "percent", "about", "percent"),
            ("60 percent", 60, None, "percent", "exact", "percent"),
            ("Some 4,000", 4000, None, "civilians", "some", "count"),
            ("310-kilometer", 310, None, "kilometer", "exact", "measure"),
            ("an estimated 2.3 million", 2300000, None, "people", "estimated", "count"),
        ],
    ),
    (
        "On 22 August 2024, around 300 fighters attacked the Hollin garrison at 4 a.m., seizing three army "
        "outposts and at least 40 rifles, including AK-47 and G3 models.[6] The Front reported more than 50 "
        "soldiers killed and 12 captured, though these figures remain unverified.[6][7] Within 11 days the "
        "offensive had merged into Operation 2301, which government spokesmen described as a terrorist "
        "campaign in statements after the 2208 phase.[8] Army helicopters, among them Mi-17 transports and "
        "Mi-35 gunships, fired 122mm rockets at Veshan villages between 26 and 29 August, killing nearly 30 "
        "civilians.[9]",
        [
            ("around 300", 300, None, "fighters", "around", "count"),
            ("three", 3, None, "army outposts", "exact", "count"),
            ("at least 40", 40, None, "rifles", "at least", "count"),
            ("more than 50", 50, None, "soldiers", "more than", "count"),
            ("12", 12, None, "", "exact", "count"),
            ("11 days", 11, None, "day", "exact", "measure"),
            ("nearly 30", 30, None, "civilians", "nearly", "count"),
        ],
    ),
    (
        "Humanitarian agencies recorded 18,500 new displacements in September 2024, bringing the province's "
        "total to between 95,000 and 110,000 people.[10] Aid groups said the fighting had cost the regional "
        "economy $450 million, roughly 12% of its annual output.[11] Drone strikes hit seven schools and "
        "two hospitals in the 1990s-era district capital, and fewer than 15 of the 48 health posts remained "
        "open by October.[12] Tarsova's foreign ministry called the operation a threat to the 1999 Kessel "
        "Accords, while the Front said it wanted talks, not a return to the 1980s.[13]",
        [
            ("18,500", 18500, None, "new displacements", "exact", "count"),
            ("between 95,000 and 110,000", 95000, 110000, "people", "exact", "count"),
            ("$450 million", 450000000, None, "USD", "exact", "money"),
            ("roughly 12%", 12, None, "percent", "approximately", "percent"),
            ("seven", 7, None, "schools", "exact", "count"),
            ("two", 2, None, "hospitals", "exact", "count"),
            ("fewer than 15", 15, None, "", "fewer than", "count"),
            ("48", 48, None, "health posts", "exact", "count"),
        ],
    ),
    (
        "The army answered with about 2,500 troops, T-72 tanks and 155mm howitzers along Highway No. 9, "
        "and its 33rd Light Infantry Division lost 14 armoured vehicles in a fortnight.[14] Front "
        "commanders claimed 65% of the highway by mid-October, which the army disputed, and said 1800 "
        "recruits had joined since 2023.[15] The Five-Point plan of the Three Rivers Council, drafted in "
        "the 1980s, was revived with a dozen signatories and a budget of 5 million dollars.[16]",
        [
            ("about 2,500", 2500, None, "troops", "about", "count"),
            ("14", 14, None, "armoured vehicles", "exact", "count"),
            ("65%", 65, None, "percent", "exact", "percent"),
            ("1800", 1800, None, "recruits", "exact", "count"),
            ("a dozen", 12, None, "signatories", "exact", "count"),
            ("5 million dollars", 5000000, None, "USD", "exact", "money"),
        ],
    ),
]
MARKER = re.compile(r"\[[^\]\s]+\]")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@pytest.mark.parametrize(("paragraph", "figures"), OWN_PARAGRAPHS)
def test_every_figure_of_unseen_paragraphs(paragraph: str, figures: list[tuple]) -> None:
    sentences = SENTENCE_END.split(MARKER.sub("", paragraph))
    assert tuple(row for sentence in sentences for row in found(sentence)) == expected(*figures)


@pytest.mark.parametrize("sentence", [row[0] for row in POSITIVE + MIXED] + [p for p, _ in OWN_PARAGRAPHS])
def test_spans_point_into_the_sentence_in_order(sentence: str) -> None:
    figures = extract_figures(sentence)
    assert all(sentence[f.start : f.end] == f.text for f in figures)
    assert all(before.end <= after.start for before, after in zip(figures, figures[1:], strict=False))
    assert all(f.qualifier in QUALIFIERS and f.kind in KINDS for f in figures)


def test_figure_is_frozen_and_knows_its_range() -> None:
    figure = Figure("700-800", 0, 7, Decimal(700), Decimal(800), "fighters")
    assert figure.is_range and figure.qualifier == "exact" and figure.kind == "count"
    assert not Figure("85%", 0, 3, Decimal(85), None, "percent", kind="percent").is_range
    with pytest.raises(AttributeError):
        figure.value = Decimal(1)  # type: ignore[misc]


def test_values_are_plain_decimals() -> None:
    (figure,) = extract_figures("An estimated 1.5 billion dollars was lost.")
    assert str(figure.value) == "1500000000"


# Issue 12: invisible characters. The sentence is read with format characters (Unicode Cf) removed and
# no-break spaces as spaces; each figure's span points into the sentence as written.
@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit", "kind"),
    [
        ("About 5\u200b000 people fled.", "About 5\u200b000", 5000, "people", "count"),
        ("About 5\ufeff000 people\u200b fled.", "About 5\ufeff000", 5000, "people", "count"),
        ("Over\u00a030 soldiers died.", "Over\u00a030", 30, "soldiers", "count"),
        ("The \u200e\u200b2,400\u00a0km border.", "2,400\u00a0km", 2400, "kilometer", "measure"),
        ("Displaced 12\u00ad000 villagers.", "12\u00ad000", 12000, "villagers", "count"),
        ("Rebels hold 40\u200b%.", "40\u200b%", 40, "percent", "percent"),
    ],
)
def test_invisible_characters_are_read_through(sentence, text, value, unit, kind) -> None:
    (figure,) = extract_figures(sentence)
    assert (figure.text, figure.value, figure.unit, figure.kind) == (text, Decimal(value), unit, kind)
    assert sentence[figure.start : figure.end] == figure.text


def test_invisible_characters_between_figures_keep_both_offsets() -> None:
    sentence = "\u200bOver\u00a020\u200b troops and 5\u200b000 people fled[1]\u200b."
    figures = extract_figures(sentence)
    assert [(f.text, f.value) for f in figures] == [("Over\u00a020", 20), ("5\u200b000", 5000)]
    assert all(sentence[f.start : f.end] == f.text for f in figures)


def test_empty_sentence_has_no_figures() -> None:
    assert extract_figures("") == ()


def read(text):
    return [(f.kind, f.text, f.value, f.unit, f.qualifier) for f in extract_figures(text)]


# Issue 18: what real articles write around their numbers. Invented sentences; negative rows keep each
# rule to its marks.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Minus signs: the true minus and a hyphen standing alone before a number.
        ("Output shrank by −5.5% in 2009.", [("percent", "−5.5%", Decimal("-5.5"), "percent", "exact")]),
        (
            "Prices fell at -2.1 percent a year.",
            [("percent", "-2.1 percent", Decimal("-2.1"), "percent", "exact")],
        ),
        ("(−3.2%) was the worst quarter.", [("percent", "−3.2%", Decimal("-3.2"), "percent", "exact")]),
        (
            "COVID-19 killed 300 people.",
            [("count", "300", Decimal("300"), "people", "exact")],
        ),  # a name's hyphen
        ("Some 2–3 km of road washed away.", [("measure", "Some 2–3 km", Decimal("2"), "kilometer", "some")]),
        # Eras and bare years are not counts.
        ("The Antonine Plague of 165–180 AD killed millions.", []),
        (
            "Athens lost a third of its people in 430 BC.",
            [("ratio", "a third", Decimal("0.3333"), "fraction", "exact")],
        ),
        ("The city was founded in AD 541 by traders.", []),
        ("The plague struck in 541 and spread east.", []),
        ("The plague struck in 541 villages.", [("count", "541", Decimal("541"), "villages", "exact")]),
        ("Some 430 BCE coins were found.", []),
        # Price bases are years, not amounts.
        (
            "Output was 52 billion at 1985 prices.",
            [("count", "52 billion", Decimal("52000000000"), "", "exact")],
        ),
        (
            "Output was 40 billion (2017 USD) that year.",
            [("count", "40 billion", Decimal("40000000000"), "", "exact")],
        ),
        (
            "The 2018 estimates put losses at $3 billion.",
            [("money", "$3 billion", Decimal("3000000000"), "USD", "exact")],
        ),
        ("The firm sold 1985 shares.", [("count", "1985", Decimal("1985"), "shares", "exact")]),
        # Designations are names.
        ("A crash on Interstate 35 closed the road.", []),
        ("Traffic stopped at Junction 41 for hours.", []),
        ("Unit 731 ran experiments on prisoners.", []),
        ("The unit lost 35 soldiers.", [("count", "35", Decimal("35"), "soldiers", "exact")]),
        # "one in six" is a ratio.
        (
            "One in six adults was infected.",
            [("ratio", "One in six", Decimal("0.1667"), "fraction", "exact")],
        ),
        ("About 1 in 4 homes flooded.", [("ratio", "About 1 in 4", Decimal("0.25"), "fraction", "about")]),
        (
            "One in every ten voters stayed home.",
            [("ratio", "One in every ten", Decimal("0.1"), "fraction", "exact")],
        ),
        ("One of six towns flooded.", [("count", "six", Decimal("6"), "towns", "exact")]),
        # A year glued by a comma to the next figure: two numbers, the year a year.
        (
            "The rate was 5.1% in 2017 and 2018,6.0% of workers left.",
            [
                ("percent", "5.1%", Decimal("5.1"), "percent", "exact"),
                ("percent", "6.0%", Decimal("6"), "percent", "exact"),
            ],
        ),
        ("Some 2,018 workers left.", [("count", "Some 2,018", Decimal("2018"), "workers", "some")]),
    ],
)
def test_marks_around_numbers(text, expected):
    assert read(text) == expected
