"""Decide whether a figure stated by a source supports a figure of a claim, by value, not by string.

Both sides come from ``claims.figures.extract_figures``, so 6,000, 6000 and "six thousand" are the
same value, "3 million" is 3000000 and "45 per cent" is 45%. The rules, each pinned by a test row:

- Only the same kind compares: a percentage is never supported by a count; money needs the same
  currency and a measure the same unit (claims.evidence.lookup converts units first). Here, exact
  counts compare whatever their noun ("20 soldiers" and "20 junta troops"); whether a stated value is
  about the same thing is decided by claims.evidence.lookup, which reads the whole sentence.
- A bound in the claim ("over 20", "at least 477", "up to 5,000") is supported when everything the
  source states lies inside it: 23, "more than 20", "21-25" support "over 20"; 20, 19 and 15 do not.
- A source's bound never supports a claim's exact or approximate value ("over 20" does not say 25).
- An exact claim is supported by the same value, by a source range containing it, or by a more
  precise value that rounds to it: "1.5 million" by 1,520,000, "4,000" by 3,950, "45%" by 45.3%.
  Rounding is accepted only at the claim's own precision, within 3% (so 15 is not 150, 19 is not
  20 and 6,400 is not 6,000).
- An approximate claim ("about", "around", "some", "estimated") allows 10% either way; "nearly" and
  "almost" allow up to 10% below and nothing above; an approximate range is supported by any overlap.
- A range in the claim ("800–1,100", "between 700 and 800") is stated only by a range with the same ends
  (at the claim's precision): a single value inside it is one member, not the range (evidence-dev's
  policy: single specimens of 1,200 and 1,450 cc do not state "1,200–1,900 cm³").
- A count that is not one exact value (a bound, a range, an approximation) also needs the source to
  count the same thing when both say what they count: any number above 20 is "over 20", so without
  this "over 20 soldiers" would be supported by "5,009 shelters" in the next sentence. Nouns agree when
  they share a stem or a group in COUNT_SYNONYMS ("troops" and "soldiers").
"""

from dataclasses import dataclass
from decimal import Decimal

from claims.figures import Figure

LOWER_BOUNDS = {"over": True, "more than": True, "at least": False}  # qualifier -> bound is open
UPPER_BOUNDS = {"fewer than": True, "less than": True, "up to": False}
APPROXIMATE = frozenset({"approximately", "about", "around", "some", "estimated"})
BELOW = frozenset({"nearly", "almost"})
# Nouns sources use for the same counted thing; a noun's group is found by its first five letters.
COUNT_SYNONYMS = (
    "people persons residents villagers civilians inhabitants individuals citizens locals".split(),
    "soldiers troops personnel fighters combatants militants rebels insurgents servicemen".split(),
    "deaths fatalities casualties dead victims bodies killed".split(),
    "homes houses buildings dwellings".split(),
    "families households".split(),
)
_STEM = 5
_SYNONYM_GROUP = {word[:_STEM]: group for group, words in enumerate(COUNT_SYNONYMS) for word in words}
APPROXIMATE_MARGIN = Decimal("0.10")
ROUNDING_MARGIN = Decimal("0.03")


@dataclass(frozen=True)
class Interval:
    """The values a figure allows; None is an unbounded end."""

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    def contains(self, other: "Interval") -> bool:
        """Return True when every value of ``other`` lies in this interval."""
        return _above(other.low, other.low_open, self.low, self.low_open) and _below(
            other.high, other.high_open, self.high, self.high_open
        )

    def overlaps(self, other: "Interval") -> bool:
        return _before(self.low, self.low_open, other.high, other.high_open) and _before(
            other.low, other.low_open, self.high, self.high_open
        )

    def farthest_up(self) -> Decimal | None:
        """Return the highest value written: the upper end, or the lower one of a floor ("over 30")."""
        return self.low if self.high is None else self.high

    def farthest_down(self) -> Decimal | None:
        """Return the lowest value written: the lower end, or the upper one of a ceiling ("up to 30")."""
        return self.high if self.low is None else self.low


def _above(low, low_open, bound, bound_open) -> bool:
    """Return whether a lower end (low, low_open) is at or above a lower bound."""
    if bound is None:
        return True
    if low is None:
        return False
    return low > bound or (low == bound and (low_open or not bound_open))


def _below(high, high_open, bound, bound_open) -> bool:
    if bound is None:
        return True
    if high is None:
        return False
    return high < bound or (high == bound and (high_open or not bound_open))


def _before(low, low_open, high, high_open) -> bool:
    """Return whether a lower end lies below an upper end, so the two intervals share a value."""
    if low is None or high is None:
        return True
    return low < high or (low == high and not (low_open or high_open))


def same_family(claimed: Figure, stated: Figure) -> bool:
    """Return True when the two figures measure the same kind of thing."""
    if claimed.kind != stated.kind:
        return False
    return claimed.kind in ("count", "percent") or claimed.unit == stated.unit


def noun_stems(word: str) -> set[str]:
    """Return the stems a noun may share with another: its first letters, and those of its singular
    when it ends in "-es" or "-s" ("buses" and "bus", "boxes" and "box", "houses" and "house"); a short
    word cut at five letters never meets its "-es" plural otherwise."""
    singulars = {word[:-2]} if word.endswith("es") else set()
    singulars |= {word[:-1]} if word.endswith("s") else set()
    return {word[:_STEM]} | {form[:_STEM] for form in singulars if len(form) >= 3}


def nouns_agree(claimed: Figure, stated: Figure) -> bool:
    """Return True when two counts may count the same thing: either says nothing of what it counts,
    or their nouns share a stem (either in the singular) or a synonym group."""
    if not claimed.unit or not stated.unit:
        return True
    if {s for word in claimed.unit.split() for s in noun_stems(word)} & {
        s for word in stated.unit.split() for s in noun_stems(word)
    }:
        return True
    ours = {word[:_STEM] for word in claimed.unit.split()}
    theirs = {word[:_STEM] for word in stated.unit.split()}
    groups = {_SYNONYM_GROUP[stem] for stem in ours if stem in _SYNONYM_GROUP}
    return any(_SYNONYM_GROUP.get(stem) in groups for stem in theirs)


def is_bound(figure: Figure) -> bool:
    return figure.qualifier in LOWER_BOUNDS or figure.qualifier in UPPER_BOUNDS


def stated_interval(figure: Figure) -> Interval:
    """Return the values a figure states, taken at its word: "about 25" states 25, "over 20" (20, ∞)."""
    if figure.qualifier in LOWER_BOUNDS:
        return Interval(figure.value, None, low_open=LOWER_BOUNDS[figure.qualifier])
    if figure.qualifier in UPPER_BOUNDS:
        return Interval(None, figure.value_max or figure.value, high_open=UPPER_BOUNDS[figure.qualifier])
    return Interval(figure.value, figure.value_max or figure.value)


def claimed_interval(figure: Figure) -> Interval:
    """Return the values a claim allows: its stated interval widened for approximate wording."""
    low, high = figure.value, figure.value_max or figure.value
    if figure.qualifier in APPROXIMATE:
        return Interval(low * (1 - APPROXIMATE_MARGIN), high * (1 + APPROXIMATE_MARGIN))
    if figure.qualifier in BELOW:
        return Interval(low * (1 - APPROXIMATE_MARGIN), high)
    return stated_interval(figure)


# How far past its bound a stated value may lie and still be what a bound says: "over 20 soldiers" is
# how a writer puts 23 or 36 soldiers, not the 50,000 a page gives of soldiers elsewhere, and "more than
# 2,000 people" is not a page's "one million people". Past that reach the page states another quantity.
BOUND_REACH = 2


def within_reach(claimed: Figure, stated: Interval) -> bool:
    """Return True when the values ``stated`` lie within BOUND_REACH of the bound ``claimed`` writes: at
    most twice a floor, at least half a ceiling."""
    if claimed.qualifier in LOWER_BOUNDS:
        highest = stated.farthest_up()
        return highest is not None and highest <= claimed.value * BOUND_REACH
    lowest = stated.farthest_down()
    return lowest is not None and lowest * BOUND_REACH >= (claimed.value_max or claimed.value)


def rounds_to(stated: Decimal, claimed: Decimal) -> bool:
    """Return True when ``stated`` written at the precision of ``claimed`` gives ``claimed``."""
    if stated == claimed:
        return True
    if claimed == 0:
        return False
    exponent = claimed.normalize().as_tuple().exponent
    step = Decimal(1).scaleb(exponent) if isinstance(exponent, int) else Decimal(1)
    close = abs(stated - claimed) <= step / 2
    return close and abs(stated - claimed) / abs(claimed) <= ROUNDING_MARGIN


def supports(claimed: Figure, stated: Figure) -> bool:
    """Return True when ``stated`` (a figure of a source's passage) supports ``claimed``."""
    if not same_family(claimed, stated):
        return False
    is_exact = claimed.qualifier == "exact" and not claimed.is_range
    if claimed.kind == "count" and not is_exact and not nouns_agree(claimed, stated):
        return False
    stated_values = stated_interval(stated)
    if claimed.is_range and claimed.qualifier == "exact":
        return (
            stated.is_range
            and not is_bound(stated)
            and rounds_to(stated.value, claimed.value)
            and rounds_to(stated.value_max, claimed.value_max)
        )
    if is_bound(claimed):
        return claimed_interval(claimed).contains(stated_values) and within_reach(claimed, stated_values)
    if is_bound(stated):
        return False
    if is_exact:
        if stated.is_range:
            return stated_values.contains(Interval(claimed.value, claimed.value))
        return rounds_to(stated.value, claimed.value)
    return claimed_interval(claimed).overlaps(stated_values)


def supporting_figure(claimed: Figure, stated: tuple[Figure, ...]) -> Figure | None:
    """Return the first figure of ``stated`` that supports ``claimed``, or None."""
    return next((figure for figure in stated if supports(claimed, figure)), None)
