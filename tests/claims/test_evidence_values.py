"""Table tests for claims.evidence.values: does a figure stated by a source support a claim's figure?"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.evidence.values import supports
from claims.figures import extract_figures


def figure(sentence: str):
    """Return the one figure of a sentence (the tables are written so there is exactly one)."""
    (found,) = extract_figures(sentence)
    return found


SUPPORTED = [
    # the same value written differently
    ("The floods displaced 6,000 villagers.", "Some 6000 villagers were displaced."),
    ("The floods displaced 6,000 villagers.", "Floods displaced six thousand villagers."),
    ("The floods displaced 6000 villagers.", "Floods displaced 6,000 villagers."),
    ("The war displaced 3 million people.", "About 3,000,000 people have been displaced."),
    ("The war displaced 3,000,000 people.", "The war displaced three million people."),
    ("Turnout was 45% in the district.", "Turnout reached 45 per cent in the district."),
    ("Turnout was 45 percent in the district.", "Turnout was 45% there."),
    ("The aid came to $1 billion.", "Donors pledged US$1,000,000,000 in aid."),
    ("The convoy drove 2,400 kilometres.", "The convoy covered 2,400 km."),
    ("The siege lasted 11 days.", "The siege lasted 11 days in all."),
    ("Fighting displaced 1.5 million people.", "Fighting displaced 1,520,000 people."),
    ("About 4,000 families fled.", "Officials counted 3,950 families."),
    ("Nearly 9,000 people were stranded.", "Almost 9,000 people were stranded."),
    ("Nearly 9,000 people were stranded.", "Officials counted 8,900 people stranded."),
    ("Around 60 junta troops surrendered.", "A total of 64 soldiers surrendered."),
    # qualifiers respected
    ("The KNPLF reported over 20 junta personnel killed.", "Rebels said 23 soldiers were killed."),
    ("The KNPLF reported over 20 junta personnel killed.", "More than 20 soldiers died in the clash."),
    ("The KNPLF reported over 20 junta personnel killed.", "Between 21 and 25 soldiers died."),
    # within a bound's reach: at most twice a floor, at least half a ceiling
    ("The KNPLF reported over 20 junta personnel killed.", "Rebels said 36 soldiers were killed."),
    ("Up to 5,000 residents fled the fighting.", "Some 3,000 residents fled."),
    ("The raid freed at least 477 prisoners.", "The raid freed 477 prisoners."),
    ("The raid freed at least 477 prisoners.", "The raid freed more than 477 prisoners."),
    ("Up to 5,000 residents fled the fighting.", "Some 5,000 residents fled."),
    ("Fewer than 200 soldiers remain.", "Only 150 soldiers remain."),
    # ranges
    ("Between 700 and 800 houses burned.", "Between 700 and 800 houses burned."),
    ("Between 700 and 800 houses burned.", "Some 700-800 houses burned."),
    ("Some 750 houses burned.", "Between 700 and 800 houses burned."),
    ("The town had 750 houses.", "The town had 700-800 houses."),
    ("Support stood at 40-50% in polls.", "Support stood at 40 to 50 per cent in polls."),
]

REFUSED = [
    # a range is stated by a range: one value inside it, or another range overlapping it, is not
    ("Between 700 and 800 houses burned.", "About 750 houses burned."),
    ("Between 700 and 800 houses burned.", "Between 780 and 900 houses burned."),
    ("Support stood at 40-50% in polls.", "Support stood at 45% in polls."),
    # near misses
    ("Shelling killed 15 civilians.", "Shelling killed 150 civilians."),
    ("Shelling killed 150 civilians.", "Shelling killed 15 civilians."),
    ("Fighting displaced 1.5 million people.", "Fighting displaced 15 million people."),
    ("Fighting displaced 15 million people.", "Fighting displaced 1.5 million people."),
    ("The KNPLF reported over 20 junta personnel killed.", "Rebels said 19 soldiers were killed."),
    ("The KNPLF reported over 20 junta personnel killed.", "Rebels said 15 soldiers were killed."),
    ("The KNPLF reported over 20 junta personnel killed.", "Rebels said 20 soldiers were killed."),
    ("The KNPLF reported over 20 junta personnel killed.", "Between 15 and 25 soldiers died."),
    ("The KNPLF reported over 20 junta personnel killed.", "At least 20 soldiers died."),
    ("The raid freed at least 477 prisoners.", "The raid freed 476 prisoners."),
    # a bound does not reach values far past it: another quantity the page gives of the same noun
    ("Over 20 soldiers were killed.", "Outside the pocket 50,000 soldiers were brushed aside."),
    ("More than 2,000 people signed the petition.", "About one million people died."),
    ("Up to 5,000 residents fled the fighting.", "Some 1,200 residents fled."),
    ("Up to 5,000 residents fled the fighting.", "Some 6,000 residents fled."),
    ("The unit had 20 soldiers.", "The unit had 19 soldiers."),
    ("The floods displaced 6,000 villagers.", "The floods displaced 6,400 villagers."),
    ("The floods displaced 6,000 villagers.", "The floods displaced 600 villagers."),
    ("Officials counted 25 soldiers.", "Officials counted over 20 soldiers."),
    ("About 4,000 families fled.", "About 5,000 families fled."),
    ("Nearly 9,000 people were stranded.", "Some 9,500 people were stranded."),
    ("Nearly 9,000 people were stranded.", "At least 8,900 people were stranded."),  # a bound says no value
    ("Between 700 and 800 houses burned.", "Some 900 houses burned."),
    # the same number of another kind or unit
    ("Turnout was 45% in the district.", "Some 45 voters turned out."),
    ("The aid came to $1 billion.", "The aid came to €1 billion."),
    ("The convoy drove 2,400 kilometres.", "The convoy drove 2,400 miles."),
    ("The siege lasted 11 days.", "The siege lasted 11 weeks."),
    ("Rebels took 11 towns.", "The siege lasted 11 days."),
]


@pytest.mark.parametrize(("claim", "source"), SUPPORTED)
def test_a_source_stating_the_value_supports_the_claim(claim, source):
    assert supports(figure(claim), figure(source))


@pytest.mark.parametrize(("claim", "source"), REFUSED)
def test_a_near_miss_or_another_kind_does_not_support_the_claim(claim, source):
    assert not supports(figure(claim), figure(source))


QUALIFIED = st.sampled_from(["", "over ", "more than ", "at least ", "about ", "nearly ", "up to ", "some "])
UNITS = st.sampled_from(["soldiers", "%", " km", " families"])


@given(qualifier=QUALIFIED, number=st.integers(min_value=2, max_value=10**7), unit=UNITS)
def test_a_figure_supports_itself_and_never_its_value_times_ten(qualifier, number, unit):
    sentence = f"Officials said {qualifier}{number:,}{' ' if unit[0].isalpha() else ''}{unit} were counted."
    (claimed,) = extract_figures(sentence)
    (tenfold,) = extract_figures(sentence.replace(f"{number:,}", f"{number * 10:,}"))
    assert supports(claimed, claimed)
    assert not supports(claimed, tenfold)  # a lower bound too: ten times it is another quantity
