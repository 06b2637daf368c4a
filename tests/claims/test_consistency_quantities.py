"""Conflicting figures, fourth round of issue 18: what is counted and which statistic a figure is, on
invented sentences shaped like those of real articles (pure, no database)."""

import pytest

from claims.consistency import CONFLICT, ESTIMATES, POSSIBLE, PUBLIC, Statement, find_findings
from claims.consistency.dates import When
from claims.consistency.detect import bounds
from claims.consistency.mentions import read_text
from claims.figures import extract_figures


def summary(*texts):
    statements = [Statement(100 + i, text, "", i) for i, text in enumerate(texts)]
    return [(f.kind, f.level, f.first_value, f.second_value) for f in find_findings(statements)]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # a verb after an outcome noun is the sentence's, not what happened to the deaths
            "During the famine of 1846 about one million people died in Vell.",
            "In Vell, Tarn's estimate of 800,000 deaths relied heavily on the census of 1846.",
            [(ESTIMATES, PUBLIC, "about one million", "800,000")],
        ),
        (  # the same with injuries and a noun on one side, a participle on the other
            "In 1846 about 4,000 people were injured in Vell.",
            "In Vell the 1,200 injuries recorded in 1846 occurred mostly in the port.",
            [(CONFLICT, PUBLIC, "about 4,000", "1,200")],
        ),
        (  # negative row: a cause after the verb still makes the deaths a part of all deaths
            "During the famine of 1846 about one million people died in Vell.",
            "In Vell some 300,000 deaths were caused by typhus in 1846.",
            [],
        ),
        (  # negative row: a verb after a common noun still says what happened to it
            "In 1846 about 4,000 houses were destroyed in Vell.",
            "In Vell some 1,200 houses flooded in 1846.",
            [],
        ),
    ],
)
def test_an_outcome_noun_says_what_it_counts_whatever_verb_follows(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # "as many as 1,600" is a high estimate of the count, not a limit that 546 keeps under
            "In Vell the government put the death toll at 546 on 15 October.",
            "By 15 October as many as 1,600 people had died in Vell.",
            [(ESTIMATES, POSSIBLE, "546", "as many as 1,600")],
        ),
        (  # "as high as" says the same
            "In Vell the government put the death toll at 546 on 15 October.",
            "By 15 October other estimates of the death toll in Vell were as high as 1,600.",
            [(ESTIMATES, POSSIBLE, "546", "1,600")],
        ),
        (  # negative row: "up to" is a limit, and 546 keeps under it
            "In Vell the government put the death toll at 546 on 15 October.",
            "By 15 October up to 1,600 people had died in Vell.",
            [],
        ),
        (  # negative row: a high estimate close to the other figure agrees with it about
            "In Vell the government put the death toll at 546 on 15 October.",
            "By 15 October as many as 580 people had died in Vell.",
            [],
        ),
    ],
)
def test_as_many_as_is_a_high_estimate(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # a median against an income per person: two statistics of one population
            "The median income for a household in the city was $37,056 for 2006 to 2010.",
            "The per capita income for the city was $22,401 for 2006 to 2010.",
            [],
        ),
        (  # an average a day against one day's delivery
            "In 1942 the airlift to Vell delivered an average of 85 tonnes of supplies per day.",
            "In 1942 the airlift to Vell delivered 262 tonnes of supplies on its best day.",
            [],
        ),
        (  # a sum against a median
            "From 2006 to 2010 the median income for a household in the city was $37,056.",
            "The city received $3 million in federal grants from 2006 to 2010.",
            [],
        ),
        (  # negative row: the same statistic twice
            "In 2010 the median income for a household in Vell was $37,056.",
            "In 2010 the median income for a household in Vell was $41,200.",
            [(CONFLICT, PUBLIC, "$37,056", "$41,200")],
        ),
        (  # negative row: the same rate twice
            "In 1942 the airlift to Vell delivered an average of 85 tonnes of supplies per day.",
            "In 1942 the airlift to Vell delivered an average of 120 tonnes of supplies per day.",
            [(CONFLICT, PUBLIC, "85 tonnes", "120 tonnes")],
        ),
    ],
)
def test_a_statistic_is_not_another(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # a rank after a possessive place ("Vell's") in a phrase with "of": the place is its scope
            "This region of 412,992 residents is the third-largest metropolitan area in the state.",
            "Tarn is the center of Vell's second-largest metropolitan area.",
            [(CONFLICT, POSSIBLE, "third-largest", "second-largest")],
        ),
        (  # negative row: "one of" still makes no place, with or without a possessive
            "Tarn is one of Vell's largest metropolitan areas.",
            "Tarn is the center of Vell's second-largest metropolitan area.",
            [],
        ),
        (  # negative row: two named scopes are two rankings
            "Tarn is the center of Vell's second-largest metropolitan area.",
            "Tarn is the third-largest metropolitan area in Orr.",
            [],
        ),
        (  # negative row: two generic scopes as before ("in the state", "in the nation")
            "Tarn is the third-largest metropolitan area in the state.",
            "Tarn is the 40th-largest metropolitan area in the nation.",
            [],
        ),
    ],
)
def test_a_rank_in_a_named_place(first, second, expected):
    assert summary(first, second) == expected


# The article's own names (in more than one statement in twenty) tell nothing apart by themselves.
ARTICLE_NAMES = [f"Vell and Vell Petroleum were in the news on day {day}." for day in range(1, 13)]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # a rank a named owner "has" is that owner's among its peers, not the country's
            "Vell Petroleum has both the largest proven crude oil reserves and the largest output.",
            "The country has the second-largest proven oil reserves.",
            [],
        ),
        (  # the same against a rank whose sentence names only part of the owner's name
            "Vell Petroleum has both the largest proven crude oil reserves and the largest output.",
            "Vell oil reserves are the second largest in the world.",
            [],
        ),
        (  # negative row: the same owner named on both sides
            "Vell Petroleum has the largest proven oil reserves in the world.",
            "Vell Petroleum's proven oil reserves are the second largest in the world.",
            [(CONFLICT, POSSIBLE, "largest", "second largest")],
        ),
        (  # negative row: no owner on either side, as before
            "The country has the second-largest proven oil reserves.",
            "Despite possessing the largest oil reserves in the world, its income fell.",
            [(CONFLICT, POSSIBLE, "second-largest", "largest")],
        ),
    ],
)
def test_a_rank_belongs_to_whoever_has_it(first, second, expected):
    found = summary(*ARTICLE_NAMES, first, second)
    assert [(kind, level, a, b) for kind, level, a, b in found if "day" not in a + b] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is the third-largest maker measured by 2017 revenues.", []),  # the year of the revenues
        ("Ranked by 2016 sales, it is the largest.", []),
        ("Its 2019 earnings fell.", []),
        ("It sold 2,017 cars.", ["2,017"]),  # negative row: a count with a comma
        ("It had revenues of 2016 million euros.", ["2016 million euros"]),  # negative row: an amount
    ],
)
def test_a_year_of_a_measure_is_no_count(text, expected):
    assert [figure.text for figure in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # non-fatal casualties are not all casualties
            "In 1982 British casualties were 255 in all.",
            "In 1982 there were 777 British non-fatal casualties.",
            [],
        ),
        (  # negative row: the same head on both sides
            "In 1982 there were 777 British non-fatal casualties.",
            "In 1982 there were 790 British non-fatal casualties.",
            [(CONFLICT, PUBLIC, "777", "790")],
        ),
    ],
)
def test_a_negated_modifier_makes_another_head(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # a participle closing a list of counts says what happened to each; the source's names,
            # brackets and all, are not the figures' subject
            "893 civilians and 111 agents of the Vell Police and the Tarn Guard were reported to have "
            "been injured.",
            "According to the final report by the Orr Health Service (OHS) of the Orr Council 1066 "
            "civilians, 11 agents of the Vell Police and 1 agent of the city police, the Guard, were "
            "injured.",
            [(ESTIMATES, PUBLIC, "893", "1066")],
        ),
        (  # negative row: a verb inside the list ends it ("who fled"): the civilians were not injured
            "893 civilians who fled and 111 agents of the Vell Police and the Tarn Guard were reported to "
            "have been injured.",
            "According to the final report by the Orr Health Service (OHS) of the Orr Council 1066 "
            "civilians, 11 agents of the Vell Police and 1 agent of the city police, the Guard, were "
            "injured.",
            [(ESTIMATES, PUBLIC, "111", "11")],
        ),
    ],
)
def test_a_participle_closing_a_list_of_counts(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("text", "heads"),
    [
        ("893 civilians and 111 agents were injured.", ["civilian + injured", "officer + injured"]),
        (  # negative row: several outcomes are casualties of every kind, not the first one
            "In 1943, 114,000 Orrians and 105,000 Vellians were killed, wounded or captured.",
            ["orrian", "vellian + killed"],
        ),
        ("893 civilians and 111 agents arrived.", ["civilian", "officer + arrived"]),  # negative: no outcome
    ],
)
def test_what_a_list_of_counts_counts(text, heads):
    assert [quantity.head for quantity in read_text(text)[0]] == heads


# Issue 18, fifth round: what three real wikitext articles, labelled blind, showed the detector raising
# wrongly (bench/data/consistency_real_heldout.txt); each row is an invented sentence of that shape.
@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # two rows of one table: the first cell names what each row is about
            "| East Tarn | Tarnstad | 3,007 km² | 1,572,002 |",
            "| West Tarn | Vellburg | 3,197 km² | 1,226,375 |",
            [],
        ),
        (  # a part's row against the table's total (not raised before this rule either)
            "| Tarnstad | 162 km² | 1,249,597 |",
            "| Total | 30,689 km² | 11,763,650 |",
            [],
        ),
        (  # negative row: the same row's label in two tables, with two areas, is still raised
            "| East Tarn | Tarnstad | 3,007 km² | 1,572,002 |",
            "| East Tarn | Tarnstad | 3,197 km² | 1,572,002 |",
            [(CONFLICT, POSSIBLE, "3,007 km²", "3,197 km²")],
        ),
    ],
)
def test_two_rows_of_a_table_are_two_subjects(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # two regions share only the word "Region": two subjects
            "As of January 2024, the Tarnish Region (Tarnland) had a population of 6,821,770, its largest "
            "city being Vellburg.",
            "As of January 2024, the Corvin Region (Corvinia) had a population of 3,692,283, its largest "
            "city being Ostrey.",
            [],
        ),
        (  # two districts, the same
            "As of 2010, the Tarn District (Tarnia) had a population of 120,500, its largest town being "
            "Ostrey.",
            "As of 2010, the Vell District (Vellia) had a population of 90,300, its largest town being Lusk.",
            [],
        ),
        (  # negative row: the same region twice is still one subject
            "As of January 2024, the Tarnish Region (Tarnland) had a population of 6,821,770, its largest "
            "city being Vellburg.",
            "As of January 2024, the Tarnish Region had a population of 6,900,000.",
            [(CONFLICT, PUBLIC, "6,821,770", "6,900,000")],
        ),
    ],
)
def test_names_sharing_only_a_generic_word_are_two_subjects(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # a name before what is counted, written before the count, owns it as after the count
            "In 1942 the Tarnish offensive cost more than 200,000 Vellian Army casualties.",
            "In 1942 Tarnish casualties were 158,854 in the offensive.",
            [],
        ),
        (  # negative row: the same owner on both sides is still one count
            "In 1942 the Tarnish offensive cost more than 200,000 Vellian Army casualties.",
            "In 1942 Vellian Army casualties were 158,854 in the offensive.",
            [(CONFLICT, PUBLIC, "more than 200,000", "158,854")],
        ),
        (  # negative row: names before a verb are who counted, not whose casualties
            "After the Battle of Tarn, Vellian sources put casualties at 50,000.",
            "After the Battle of Tarn, Corvin sources put casualties at 70,000.",
            [(ESTIMATES, POSSIBLE, "50,000", "70,000")],
        ),
    ],
)
def test_a_name_before_a_head_written_first_owns_the_count(first, second, expected):
    assert summary(first, second) == expected


# An article about Vell names Vell in every other sentence: the name tells none of its figures apart.
ABOUT_VELL = [
    f"Vell is known for its {word}." for word in "lakes rivers forests glaciers fisheries mountains".split()
]


def summary_in_article(first, second):
    texts = [first, second, *ABOUT_VELL, *ABOUT_VELL[:3]]
    statements = [Statement(100 + i, text, "", i) for i, text in enumerate(texts)]
    return [(f.kind, f.level, f.first_value, f.second_value) for f in find_findings(statements)]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # nothing alike but what they count (no verb, words, subject or time in common): not raised
            "Vell's per capita personal income for 2007 was $40,042.",
            "Milk costs about $3.50 in villages where per capita income can be $20,000 or less.",
            [],
        ),
        (  # negative row: one kind of evidence (the same thing happened to both) still goes to the queue
            "Vell's shipyards employed 4,000 welders.",
            "Tarn's shipyards employed 2,000 welders.",
            [(CONFLICT, POSSIBLE, "4,000", "2,000")],
        ),
    ],
)
def test_a_pair_with_no_evidence_of_one_quantity_is_not_raised(first, second, expected):
    assert summary_in_article(first, second) == expected


# Issue 18, sixth round: the held-out wikitext articles' misses, each read as a general rule and tried on
# invented sentences of that shape.
@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # a poll's days lie inside the month the other sentence dates: one time, two values
            "In polling conducted January 16–19, 2017, Tarn's final approval rating was 59 percent.",
            "Tarn left office in January 2017 with a 60 percent approval rating.",
            [(CONFLICT, PUBLIC, "59 percent", "60 percent")],
        ),
        (  # negative row: a month that does not hold the poll's days is another time
            "In polling conducted January 16–19, 2017, Tarn's final approval rating was 59 percent.",
            "Tarn left office in February 2017 with a 60 percent approval rating.",
            [],
        ),
        (  # negative row: another year
            "In polling conducted January 16–19, 2017, Tarn's final approval rating was 59 percent.",
            "Tarn left office in 2016 with a 60 percent approval rating.",
            [],
        ),
    ],
)
def test_a_period_inside_a_date_is_at_that_date(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("text", "head"),
    [
        # the source between what is counted and its figure: the noun is read before the source
        (
            "In 2024 the total population of Vell according to its population register was 11,763,650.",
            "population",
        ),
        ("In 2011 the total population, according to the 2011 census, was 63,181,775.", "population"),
        # negative row: with no source in between, the noun before the link is what is counted
        ("In 2024 the register of Vell was 11,763,650.", "register"),
    ],
)
def test_a_source_between_a_head_and_its_figure_is_passed_over(text, head):
    assert [quantity.head for quantity in read_text(text)[0]] == [head]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # a person is born once: two dates of one birth conflict, and readers see it
            "Tarn Vellman (born August 4, 1961) is a Corvin politician.",
            "Tarn Vellman was born on August 14, 1961, in Ostrey.",
            [(CONFLICT, PUBLIC, "August 4, 1961", "August 14, 1961")],
        ),
        (  # a death told by a noun and by a verb is one event
            "Following the death of Tarn Vellman on May 2, 2011, the party split.",
            "Tarn Vellman died on May 1, 2011, in Ostrey.",
            [(CONFLICT, PUBLIC, "May 2, 2011", "May 1, 2011")],
        ),
        (  # negative row: a date set off by "six months before" is another moment's (the marriage)
            "Tarn Vellman (born August 4, 1961) is a Corvin politician.",
            "His parents married in Ostrey on February 2, 1961, six months before Tarn Vellman was born.",
            [],
        ),
        (  # negative row: a people's deaths in two years are two events, not one death misdated
            "Many Vellians died in 1918, when the fever reached Ostrey.",
            "Many Vellians died in 1944 in the siege of Ostrey.",
            [],
        ),
        (  # negative row: the same with a count before the people
            "In the fever, 20,000 Vellians died in 1918 in Ostrey.",
            "In the siege, 30,000 Vellians died in 1944 in Ostrey.",
            [],
        ),
        (  # negative row: two people's births
            "Tarn Vellman (born August 4, 1961) is a Corvin politician.",
            "Ida Corvin was born on August 14, 1961, in Ostrey.",
            [],
        ),
    ],
)
def test_a_birth_and_a_death_happen_once(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # the writer calls one figure exaggerated: it contradicts nothing, it is reported as wrong
            "The raids on Vell caused more than 200,000 Tarnish casualties in 1942.",
            "Casualties of 40,000 in 1942 were greatly exaggerated, and the Tarnish did not record more.",
            [],
        ),
        (  # the same when the doubt follows the figure in another clause
            "In 1869 some 20,000 Vellian labourers died digging the canal.",
            "In 1869, 120,000 Vellian labourers died digging it, but this figure is doubtless inflated.",
            [],
        ),
        (  # negative row: the same two figures, neither doubted, conflict
            "In 1869 some 20,000 Vellian labourers died digging the canal.",
            "In 1869, 120,000 Vellian labourers died digging the canal, by this count.",
            [(CONFLICT, PUBLIC, "some 20,000", "120,000")],
        ),
    ],
)
def test_a_figure_its_writer_calls_exaggerated_contradicts_nothing(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # a growth verb makes a percentage a growth rate, and its subject is what grew
            "In Q2 2018 the economy grew 6.2%, its fastest pace in years.",
            "The economy grew by 6.0% in the second quarter of 2018.",
            [(CONFLICT, PUBLIC, "6.2%", "6.0%")],
        ),
        (  # negative row: two sectors' growth rates in one quarter
            "In Q2 2018 the economy grew 6.2%, its fastest pace in years.",
            "Agriculture grew by 4.0% in the second quarter of 2018.",
            [],
        ),
        (  # negative row: two quarters
            "In Q2 2018 the economy grew 6.2%, its fastest pace in years.",
            "The economy grew by 6.0% in the first quarter of 2018.",
            [],
        ),
    ],
)
def test_a_growth_verb_makes_a_growth_rate(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("In Q2 2018 the port of Vell handled 500 ships.", set()),  # "Q2" is a quarter, not a place
        ("In H1 2018 the port of Vell handled 500 ships.", set()),  # a half
        ("In Vell the port handled 500 ships in 2018.", {"vell"}),  # negative row: a place
    ],
)
def test_a_quarters_letter_is_no_place(text, places):
    assert set(read_text(text)[0][0].places) == places


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # refugees, people who fled and people displaced are one count of displacement
            "By 10 March, more than 40,000 refugees had fled Vell.",
            "On 10 March, 22,000 people were displaced from Vell by the fighting.",
            [(CONFLICT, PUBLIC, "more than 40,000", "22,000")],
        ),
        (  # the same with a participle after "people"
            "By 10 March, more than 40,000 refugees had fled Vell.",
            "On 10 March, 22,000 people fled Vell.",
            [(CONFLICT, PUBLIC, "more than 40,000", "22,000")],
        ),
        (  # negative row: people evacuated are another count
            "By 10 March, more than 40,000 refugees had fled Vell.",
            "On 10 March, 22,000 people were evacuated from Vell.",
            [],
        ),
        (  # negative row: another day
            "By 10 March, more than 40,000 refugees had fled Vell.",
            "On 2 March, 22,000 people were displaced from Vell by the fighting.",
            [],
        ),
    ],
)
def test_refugees_and_people_displaced_are_one_count(first, second, expected):
    assert summary(first, second) == expected


def summary_naming_vell_throughout(first, second):
    """Return the findings of two statements among nine more that name Vell inside the sentence: the
    article's own name, which ties no two figures (ABOUT_VELL names it first, where no name is read)."""
    about = [
        f"The people of Vell love their {word}."
        for word in "lakes rivers hills woods fish songs games food tea".split()
    ]
    statements = [Statement(100 + i, text, "", i) for i, text in enumerate([first, second, *about])]
    return [(f.kind, f.level, f.first_value, f.second_value) for f in find_findings(statements)]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # two shares dated to one month need two describing words in common (the article's name aside)
            "In polling conducted January 16–19, 2017, Vell's final approval rating was 59 percent.",
            "Vell left office in January 2017 with a 60 percent approval rating.",
            [(CONFLICT, POSSIBLE, "59 percent", "60 percent")],
        ),
        (  # negative row: dated to one year, two such words are not enough (a year holds many polls)
            "In polling conducted in 2017, Vell's final approval rating was 59 percent.",
            "Vell left office in 2017 with a 60 percent approval rating.",
            [],
        ),
    ],
)
def test_a_month_both_state_ties_two_shares(first, second, expected):
    assert summary_naming_vell_throughout(first, second) == expected


# The sixth round's rules, read by a reviewer: each row is a case a first version of a rule got wrong.
@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # "death" in "the 1918 Vellian death toll" is no one person's death
            "The 1918 Vellian death toll was far higher than reported.",
            "The 1944 Vellian death toll was never published.",
            [],
        ),
        (  # a father and a son share a family name, not a birth
            "Tarn Vellman (born August 4, 1961) is a Corvin politician.",
            "His father Ostan Vellman was born in 1931 in Ostrey.",
            [],
        ),
        (  # the same with deaths
            "Tarn Vellman died on May 1, 2011 in Ostrey.",
            "His father Ostan Vellman died in 1982 in Ostrey.",
            [],
        ),
        (  # a time offset that takes another moment ("after the war") leaves the birth its date
            "In Ostrey, Tarn Vellman was born two years after the war, on May 5, 1947.",
            "Tarn Vellman (born May 15, 1947) is a Corvin politician.",
            [(CONFLICT, PUBLIC, "May 5, 1947", "May 15, 1947")],
        ),
        (  # a year before a name dates a death, it counts no people
            "In 2011 Tarn Vellman died in Ostrey after a long illness.",
            "Tarn Vellman died in 2012 in Ostrey after a long illness.",
            [(CONFLICT, PUBLIC, "2011", "2012")],
        ),
        (  # only a capture takes the name after "of": a newspaper of Vell is not Vell founded
            "In 1950 Tarn Ostman founded the first newspaper of Vell.",
            "The city of Vell was founded in 1203 by traders.",
            [],
        ),
        (  # a doubt about another figure in the next clause leaves this one the writer's
            "In 1869 some 20,000 Vellian labourers died digging the canal, though 120,000 is an exaggerated "
            "figure.",
            "In 1869, 60,000 Vellian labourers died digging the canal, by this count.",
            [(CONFLICT, PUBLIC, "some 20,000", "60,000")],
        ),
        (  # a denied doubt is no doubt
            "In 1869 some 20,000 Vellian labourers died digging the canal; the figure was not exaggerated.",
            "In 1869, 60,000 Vellian labourers died digging the canal, by this count.",
            [(CONFLICT, PUBLIC, "some 20,000", "60,000")],
        ),
        (  # two figures both called exaggerated are neither the writer's
            "Casualties of 40,000 in 1942 were greatly exaggerated, and the Tarnish did not record more.",
            "Tarnish casualties of 90,000 in 1942 were also exaggerated, said Vell.",
            [],
        ),
        (  # nor does a doubted figure agree with the writer's own
            "In 1869 some 20,000 Vellian labourers died digging the canal.",
            "In 1869, 20,000 Vellian labourers died digging it, but this figure is doubtless inflated.",
            [],
        ),
    ],
)
def test_the_sixth_rounds_rules_where_they_first_went_wrong(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("text", "head"),
    [
        # "according to" at the start: the noun is the one before the link, as without a source
        ("According to Tarn the total population was 63,181,775 in 2011.", "population"),
        # a source joined to another clause by "and" is no source between a noun and its figure
        ("In 2011 the army grew according to plan and its total strength was 50,000.", "strength"),
    ],
)
def test_a_source_far_from_the_figure_is_not_passed_over(text, head):
    assert [quantity.head for quantity in read_text(text)[0]] == [head]


def test_a_month_of_no_year_does_not_tie_two_shares():
    first = "In polling conducted in January 2009, Vell's approval rating was 59 percent."
    second = "Vell left office in January with a 60 percent approval rating."
    assert summary_naming_vell_throughout(first, second) == []


def test_a_quarters_letter_at_a_clauses_end_is_no_place():
    text = "The port handled 500 ships " + "very " * 27 + "in Q2 2018."
    assert read_text(text)[0][0].places == frozenset()


@pytest.mark.parametrize(
    ("outer", "inner", "holds"),
    [
        (When(1980, last_year=1989), When(1985), True),
        (When(1980, last_year=1989), When(1975, last_year=1984), False),  # overlaps, does not hold
        (When(1985), When(1980, last_year=1989), False),  # a year holds no decade
        (When(2017, 1), When(2017, 1, 16), True),
        (When(2017, 1, 16), When(2017, 1), False),
    ],
)
def test_a_date_holds_only_what_lies_inside_it(outer, inner, holds):
    assert outer.holds(inner) is holds


ROMANIANS = "In 1942 the Romanians destroyed 127 Vellian tanks near Ostrey."


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # two doers named differently: two counts ("the Romanians destroyed", "the Tarnish air force")
        (ROMANIANS, "In 1942 the Tarnish air force destroyed 300 Vellian tanks near Ostrey.", []),
        # the same through a relative pronoun: the doer is the name before "that"
        (
            ROMANIANS,
            "In 1942 the Tarnish air force that destroyed 300 Vellian tanks near Ostrey was disbanded.",
            [],
        ),
        # negative rows: one doer in other words; a doer unsaid (a pronoun, the passive) may be the same
        (
            ROMANIANS,
            "In 1942 Romanian forces destroyed 300 Vellian tanks near Ostrey.",
            [(CONFLICT, PUBLIC, "127", "300")],
        ),
        (
            ROMANIANS,
            "In 1942, with little fuel, they destroyed 300 Vellian tanks near Ostrey.",
            [(CONFLICT, PUBLIC, "127", "300")],
        ),
        (
            ROMANIANS,
            "In 1942 near Ostrey were destroyed 300 Vellian tanks.",
            [(CONFLICT, PUBLIC, "127", "300")],
        ),
        # negative row: the doer is the noun before a time's phrase ("conflict since the coup")
        (
            ROMANIANS,
            "In 1942 the Romanians since the 1941 coup had already destroyed 300 Vellian tanks near Ostrey.",
            [(CONFLICT, PUBLIC, "127", "300")],
        ),
        # negative row: doers with no name ("the storm", "Hurricane Vell") may be one doer in other words
        (
            "The storm destroyed 300 homes in Ostrey on 4 October.",
            "Hurricane Vell destroyed 500 homes in Ostrey on 4 October.",
            [(CONFLICT, PUBLIC, "300", "500")],
        ),
        # negative row: a measure's verb has no doer ("the death toll reached", "fatalities reached")
        (
            "The death toll reached 300 people in Ostrey by 5 May.",
            "Fatalities reached 500 people in Ostrey by 5 May.",
            [(CONFLICT, PUBLIC, "300", "500")],
        ),
        # negative row: with a participle after the count, the verb before is another's (the loser's)
        (
            "The Tarnish air force lost 300 aircraft destroyed over Vell in 1942.",
            "The Vellian air force destroyed 500 Tarnish aircraft over Vell in 1942.",
            [(CONFLICT, PUBLIC, "300", "500")],
        ),
        # negative row: a capitalised "-ly" word is a name, not an adverb to pass over
        (
            "During the campaign Italy lost 300 aircraft over Vell in 1942.",
            "In the air war Italy lost 500 aircraft over Vell in 1942.",
            [(CONFLICT, PUBLIC, "300", "500")],
        ),
    ],
)
def test_two_doers_of_one_verb_are_two_counts(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # a sum over two and a half years is not one month's
            "In January 2019 the Vell treasury sold bonds worth $7.5 billion.",
            "In almost two and a half years, bonds worth $60 billion have been sold by the Vell treasury.",
            [],
        ),
        (  # negative row: one span written two ways, two sums: a conflict
            "In two years, bonds worth $60 billion were sold by Vell to 2019.",
            "In 2 years, bonds worth $50 billion were sold by Vell to 2019.",
            [(CONFLICT, PUBLIC, "$60 billion", "$50 billion")],
        ),
        (  # negative row: how long something took is no span of a sum, and two lengths still conflict
            "The Vell bridge over the Tarn was built in 24 months in 1990.",
            "The Vell bridge over the Tarn was built in 18 months in 1990.",
            [(CONFLICT, PUBLIC, "24 months", "18 months")],
        ),
        (  # negative row: a span inside the sentence says how fast, not what the count is over
            "The hurricane, which strengthened in 12 hours, killed 300 people in Vell in October 2016.",
            "The hurricane killed 500 people in Vell in October 2016.",
            [(CONFLICT, PUBLIC, "300", "500")],
        ),
    ],
)
def test_a_sum_over_a_span_of_time_is_not_a_shorter_times_sum(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("In almost two and a half years, bonds worth $60 billion have been sold.", 912.5),
        ("Over the past 24 months, incidence was 2.1% in the circumcised group.", 720),
        ("In one year, the port handled 500 ships.", 365),
        ("In 2019 the port handled 500 ships.", None),  # negative row: a year is a date, not a span
        ("The port handled 500 ships in 3 days, the agency said.", None),  # negative row: not an opening
        ("In three days the port will handle 500 ships.", None),  # negative row: no comma, an offset
    ],
)
def test_the_span_of_time_a_sentence_sums_over(text, days):
    span = read_text(text)[0][-1].span
    assert (span if span is None else float(span)) == days


# Seventh round of issue 18: how far a hedge reaches, names that end in "-ed", and what the article
# tells again and again in the same words.


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # a hedge does not unsay the digits it is given: 243,610 is sure to the thousand
            "In 1990 the total area of the Vell Kingdom was approximately 243,610 square kilometres.",
            "In 1990 the Vell Kingdom covered 242,500 square kilometres.",
            [(CONFLICT, PUBLIC, "approximately 243,610 square kilometres", "242,500 square kilometres")],
        ),
        (  # "nearly" as well: nearly 3,274 is not 3,100
            "In 1990 the Vell Kingdom had nearly 3,274 ships.",
            "In 1990 the Vell Kingdom had 3,100 ships.",
            [(CONFLICT, PUBLIC, "nearly 3,274", "3,100")],
        ),
        (  # negative row: a round figure's hedge still reaches a tenth of it
            "In 1990 the Vell Kingdom had about 1,600 ships.",
            "In 1990 the Vell Kingdom had 1,500 ships.",
            [],
        ),
        (  # negative row: nor does a hedged figure of many digits forbid what is close to it
            "In 1990 the Vell Kingdom had about 3,274 ships.",
            "In 1990 the Vell Kingdom had 3,300 ships.",
            [],
        ),
        (  # negative row: a figure of a tenth of a million is sure to a tenth of a million
            "In 1990 the Vell Kingdom had about 11.8 million people.",
            "In 1990 the Vell Kingdom had 11,763,650 people.",
            [],
        ),
    ],
)
def test_a_hedge_reaches_no_further_than_the_digits_written(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("about 243,610 square kilometres", 243110, 244110),  # given to ten: 500 either way
        ("about 1,600 ships", 1440, 1760),  # given to the hundred: a tenth of itself
        ("about 3,274–4,000 ships", 3224, 4400),  # each end of a range by its own digits
        ("about −40 degrees", -44, -36),  # below zero, the hedge still widens the value both ways
        ("about two thousand people", 1800, 2200),  # in words: a tenth
    ],
)
def test_how_far_a_hedged_figure_reaches(text, low, high):
    (figure,) = extract_figures(text)
    assert bounds(figure) == (low, high)


def test_a_capitalised_word_ending_in_ed_is_a_name_not_the_verb_of_a_figure():
    # "United" before "243,610" is not the verb "unite": the figure has no verb, so it is not a different
    # happening from "covered 242,500", and the two areas of one kingdom in one year conflict.
    assert summary(
        "In 1990 the area of the United Kingdom was 243,610 square kilometres.",
        "In 1990 the United Kingdom covered 242,500 square kilometres.",
    ) == [(CONFLICT, PUBLIC, "243,610 square kilometres", "242,500 square kilometres")]
    assert read_text("The area of the United Kingdom was 243,610 square kilometres.")[0][0].verb == ""


def test_a_verb_inside_brackets_is_not_the_verb_of_a_figure_after_them():
    # "wounded" ends the bracket's own list: the 143,000 horses were not wounded; with no verb of their
    # own they may be the horses lost, so they are not another count than the 150,000 horses lost.
    assert summary(
        "In 1942 the Vell army lost 300 soldiers (200 killed and 100 wounded) and 143,000 horses of the "
        "army in Vell.",
        "In 1942 the Vell army lost 150,000 horses of the army in Vell.",
    ) == [(CONFLICT, PUBLIC, "143,000", "150,000")]


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("In 1942 the army lost 300 soldiers (200 killed) and 143,000 horses.", ""),
        ("In 1942 the army had 300 soldiers wounded; 143,000 horses were lost.", ""),
        ("Losses in 1942, as reported: 143,000 horses.", ""),
        ("In 1942 the army lost 143,000 horses.", "lose"),  # negative row: a verb right before it
    ],
)
def test_the_verb_of_the_last_figure_is_not_looked_for_past_a_clause_mark(text, verb):
    assert read_text(text)[0][-1].verb == verb


@pytest.mark.parametrize(
    ("text", "heads"),
    [
        ("He took 23 wickets at 24.65 with a best return of four for 42.", ["wicket"]),
        ("The death rate in Vell was 2.5 in 1990.", ["rate"]),  # negative row: a rate may be fractional
        ("The deaths in Vell were 2.5 million in 1990.", ["death"]),  # negative row: a whole count
    ],
)
def test_things_are_counted_whole(text, heads):
    assert [quantity.head for quantity in read_text(text)[0]] == heads


SEASONS = [
    f"In a {kind} season he took {wickets} wickets at an average of {average} for the county."
    for kind, wickets, average in [("poor", 30, "24.65"), ("fine", 41, "22.98"), ("wet", 52, "28.40")]
    + [("short", 63, "19.10"), ("long", 74, "31.20"), ("busy", 85, "26.70"), ("quiet", 96, "21.30")]
    + [("dry", 107, "27.80")]
]


def test_words_an_article_repeats_season_after_season_tie_no_two_seasons():
    # Eight sentences saying "took N wickets at an average of": the article's recurring activity, told in
    # the same words each time; the words two seasons share are no sign they are one season.
    assert summary(*SEASONS) == []


def test_a_figure_with_its_own_verb_is_told_for_itself_among_the_articles_refrain():
    # negative row: the storms' refrain ("a storm killed N people") does not make the homes destroyed
    # by one named storm a refrain: the words their sentences share still tie them
    refrain = [f"In {1990 + n} a storm killed {20 + n} people in the Vell islands." for n in range(8)]
    pair = [
        "The great hurricane killed 40 people and destroyed 2,400 wooden fishing homes along the northern "
        "coast.",
        "The great hurricane destroyed 3,100 wooden fishing homes along the northern coast and killed 40 "
        "people on the island.",
    ]
    assert (CONFLICT, PUBLIC, "2,400", "3,100") in summary(*refrain, *pair)


def test_a_sentence_told_again_word_for_word_is_one_figure_told_twice():
    # negative row: among the seasons, two sentences the same but for the figure restate one season
    again = SEASONS[0].replace("30", "34").replace("24.65", "25.10")
    assert (CONFLICT, POSSIBLE, "30", "34") in summary(*SEASONS, again)


def test_two_seasons_told_again_still_conflict_when_they_say_they_are_one():
    # negative row: the same series, the same year and the same name: one count told twice
    conflicting = [
        "In the 1981 Vell series he took 30 wickets, the most of any bowler.",
        "In the 1981 Vell series he took 34 wickets, the most of any bowler.",
    ]
    assert summary(*SEASONS, *conflicting) == [(CONFLICT, PUBLIC, "30", "34")]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # a record's words ("runs with a highest of") are the same in every record: no evidence
            "In first-class matches for the county, he scored 441 runs with a highest of 59.",
            "In one-day matches for the county, he made 2,113 runs with a highest of 79.",
            [],
        ),
        (  # negative row: a record that names the same subject is still worth a reviewer's look
            "In first-class games for the county, Vell scored 441 runs with a highest of 59 and 15 catches.",
            "In one-day games for the county, Vell made 2,113 runs with a highest of 79 and 36 catches.",
            [(CONFLICT, POSSIBLE, "441", "2,113")],
        ),
    ],
)
def test_the_words_two_records_share_tie_them_to_nothing(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # one day's count of a day-by-day account is a part of the count given with no time: the war's
            "The Vell brigade destroyed 127 Tarnish tanks in the war.",
            "The Vell brigade destroyed 62 Tarnish tanks on 20 November 1942, and 40 more on 22 November.",
            [],
        ),
        (  # negative row: a day's count larger than the whole still conflicts
            "The Vell brigade destroyed 127 Tarnish tanks in the war.",
            "The Vell brigade destroyed 300 Tarnish tanks on 20 November 1942, and 40 more on 22 November.",
            [(CONFLICT, PUBLIC, "127", "300")],
        ),
        (  # negative row: a one-day event's date is the event's, not one day of a longer count
            "On 12 January 2010, an earthquake struck Vell and killed 160,000 people.",
            "The earthquake in Vell killed 220,000 people.",
            [(CONFLICT, POSSIBLE, "160,000", "220,000")],
        ),
        (  # negative row: a count "as of" a day is a running total, which a later report may revise down
            "The Vell government put the death toll in Ostrey at 842.",
            "As of 15 October 2016, the Vell government put the death toll in Ostrey at 546.",
            [(ESTIMATES, POSSIBLE, "842", "546")],
        ),
        (  # negative row: a sum dated to a day is an estimate made that day, not that day's damage
            "Monetary damage was estimated at US$2.8 billion.",
            "On 5 October 2016 the Vell Bank estimated total damage around $1.89 billion.",
            [(ESTIMATES, POSSIBLE, "US$2.8 billion", "around $1.89 billion")],
        ),
    ],
)
def test_one_days_count_is_a_part_of_an_undated_whole(first, second, expected):
    assert summary(first, second) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (  # hundreds a cricketer scored are no length of time, though "centuries" is a unit of one
            "In 1982 Vell scored two centuries against Tarn at Ostrey.",
            "In 1982 Vell scored 14 centuries against Tarn in all.",
            [],
        ),
        (  # nor is an age: "aged 10 years" and "a 10-year plan" are no two lengths of one thing
            "The Vell guidelines of 2009 target males aged 10 years and older.",
            "The Vell guidelines of 2009 set out a 10-year plan for males.",
            [],
        ),
        (  # an age written after its number
            "In 2009 the Vell guidelines targeted boys 12 years old.",
            "In 2009 the Vell guidelines set out a 10-year plan for boys.",
            [],
        ),
        (  # negative row: a length told with "for" is compared
            "In 1942 combat at the Vell grain elevator raged for three days.",
            "In 1942 combat at the Vell grain elevator raged for five days.",
            [(CONFLICT, PUBLIC, "three days", "five days")],
        ),
        (  # negative row: so is one told with no link word ("served", "reigned")
            "In 1990 Tarn Vellman was released after he served 27 years in prison.",
            "In 1990 Tarn Vellman was released after he served 25 years in prison.",
            [(CONFLICT, PUBLIC, "27 years", "25 years")],
        ),
        (  # negative row: and a length written as a describing word ("the 872-day siege")
            "The 872-day siege of Vell ended in January 1944.",
            "The siege of Vell lasted 900 days and ended in January 1944.",
            [(CONFLICT, PUBLIC, "872-day", "900 days")],
        ),
        (  # negative row: a statistic in years is a figure like any other
            "In 2020, life expectancy in Vell was 84 years.",
            "In 2020, life expectancy in Vell was 85 years.",
            [(CONFLICT, PUBLIC, "84 years", "85 years")],
        ),
    ],
)
def test_an_age_or_a_count_of_hundreds_is_no_length_of_time(first, second, expected):
    assert summary(first, second) == expected
