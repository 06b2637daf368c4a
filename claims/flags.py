"""Compute a claim's flags from its citations, its wording and its review.

Flags are computed, never typed in; their names are stable (they appear in JSON, CSS classes and tests).
Pure Python: the services feed it plain values and store the result.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from claims.normalise import normalised_text

UNSOURCED = "unsourced"
INFERRED_SOURCE = "inferred_source"
SINGLE_SOURCE = "single_source"
PARTISAN_ONLY = "partisan_only"
HEDGED = "hedged"
UNREVIEWED = "unreviewed"
DISPUTED = "disputed"
FAILED_VERIFICATION = "failed_verification"
CONTRADICTED_BY_SOURCE = "contradicted_by_source"
CONFLICTING = "conflicting"
ESTIMATES_DIFFER = "estimates_differ"  # two sources' figures for one thing differ (issue 18)

# Worst first: the order reports and the review queue sort by.
FLAG_NAMES = (
    UNSOURCED,
    CONTRADICTED_BY_SOURCE,
    FAILED_VERIFICATION,
    DISPUTED,
    CONFLICTING,
    ESTIMATES_DIFFER,
    PARTISAN_ONLY,
    HEDGED,
    INFERRED_SOURCE,
    SINGLE_SOURCE,
    UNREVIEWED,
)


@dataclass(frozen=True)
class FlagInfo:
    label: str  # the short marker readers see
    reason: str  # the sentence shown on hover and focus
    # A strong flag says the statement may be wrong and shows its label on the page; a weak one only says
    # its support is thin (one source, an assumed citation, no review yet): on figure-heavy articles
    # nearly every number carries one, so the page marks it quietly (a dotted underline, the reason on
    # hover and focus) and the legend explains the difference.
    is_strong: bool = True


FLAG_INFO = {
    UNSOURCED: FlagInfo("citation needed", "No source is cited for this statement."),
    FAILED_VERIFICATION: FlagInfo(
        "failed verification", "The cited sources were checked and none of them states this figure."
    ),
    CONTRADICTED_BY_SOURCE: FlagInfo(
        "contradicted by source", "A cited source gives a different value for this figure."
    ),
    DISPUTED: FlagInfo("disputed", "A reviewer disputed this statement."),
    CONFLICTING: FlagInfo(
        "conflicting figures", "Another statement in this article gives a different value for the same thing."
    ),
    ESTIMATES_DIFFER: FlagInfo(
        "estimates differ",
        "Sources disagree: another statement of this article gives another source's figure for it.",
    ),
    PARTISAN_ONLY: FlagInfo("partisan sources", "Every source cited is rated partisan or unreliable."),
    HEDGED: FlagInfo("unverified", "The text itself says this is unconfirmed."),
    INFERRED_SOURCE: FlagInfo(
        "source inferred",
        "The sentence carries no citation; the next citation in its paragraph is assumed.",
        is_strong=False,
    ),
    SINGLE_SOURCE: FlagInfo("single source", "This rests on a single source.", is_strong=False),
    UNREVIEWED: FlagInfo("unreviewed", "No reviewer has approved this wording yet.", is_strong=False),
}

# Wording that says the statement itself is unconfirmed. Negations matter: "remain unverified",
# "could not be independently confirmed". Kept as a table so tests can walk it row by row.
HEDGE_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "It claimed 200,000 lives": a death toll taken, not a claim made (at most four words between).
        r"\bclaim(?:ed|ing)\b(?!\s+(?:the\s+lives\b|(?:[\w,.’'-]+\s+){1,4}?(?:lives|victims)\b))",
        r"\breportedly\b",
        r"\ballegedly\b",
        r"\bpurportedly\b",
        r"\bunverified\b",
        r"\bunconfirmed\b",
        r"\bunverifiable\b",
        r"\black(?:s|ed|ing)? (?:of )?independent (?:verification|confirmation)\b",
        r"\b(?:could|can|cannot|can't|could not|couldn't)\s*(?:not\s+)?be (?:independently )?"
        r"(?:confirmed|verified)\b",
        r"\b(?:has|have|had) not (?:been )?(?:independently )?(?:confirmed|verified)\b",
        r"\b(?:was|were|is|are) not (?:independently )?(?:confirmed|verified)\b",
        r"\bnot (?:been )?independently (?:confirmed|verified)\b",
        r"\baccording to (?:the )?(?:\w+ )?(?:group|armed-group|resistance|junta|rebel|military)"
        r"(?:['’]s?)? (?:statements?|claims?)\b",
        r"\baccording to (?:its|their) own (?:statements?|claims?|accounts?)\b",
        r"\bit (?:was|is|has been|had been) (?:widely )?reported that\b",
        # A party to the conflict speaking for itself: "according to the Myanmar government", "according to
        # the junta". At most three words between (bounded, so linear); an analyst or expert is not a party.
        r"\baccording to (?:the )?(?:[\w'’.-]+ ){0,3}?(?:government|junta|military|regime|tatmadaw)\b"
        r"(?![-\s](?:analysts?|experts?|historians?|observers?|sources? close)\b)",
    )
)


def hedge_phrases(text: str) -> tuple[str, ...]:
    """Return the phrases in ``text`` that word it as unconfirmed, in order of appearance.

    Read normalised, so a zero-width space cannot hide a hedge ("report\u200bedly").
    """
    text = normalised_text(text)
    found = [
        (match.start(), match.group(0)) for pattern in HEDGE_PATTERNS for match in pattern.finditer(text)
    ]
    return tuple(phrase for _, phrase in sorted(found))


def is_hedged(text: str) -> bool:
    text = normalised_text(text)  # as hedge_phrases: invisible characters cannot hide a hedge
    return any(pattern.search(text) for pattern in HEDGE_PATTERNS)


def compute_flags(
    *,
    explicit_sources: Iterable[str],
    inferred_sources: Iterable[str],
    partisan_sources: Iterable[str],
    is_hedged: bool,
    status: str,
    failed_verification: bool = False,
    conflicting: bool = False,
    contradicted: bool = False,
    estimates_differ: bool = False,
) -> tuple[str, ...]:
    """Return the claim's flags, worst first.

    Sources are given by key; ``partisan_sources`` are the keys (among any) rated partisan or unreliable.
    Distinct sources count, so citing the same source twice is still a single source.
    ``failed_verification`` is the figure check's result (a figure none of its sources' passages states).
    ``contradicted`` is the figure check's stronger result: a cited source states a figure's quantity
    with another value.
    ``conflicting`` is True while the claim is in an open or confirmed conflict with another statement of
    its article; ``estimates_differ`` while another statement gives another source's figure for it.
    """
    explicit, inferred = set(explicit_sources), set(inferred_sources)
    cited = explicit | inferred
    flags = set()
    if not cited:
        flags.add(UNSOURCED)
    if inferred and not explicit:
        flags.add(INFERRED_SOURCE)
    if len(cited) == 1:
        flags.add(SINGLE_SOURCE)
    if cited and cited <= set(partisan_sources):
        flags.add(PARTISAN_ONLY)
    if is_hedged:
        flags.add(HEDGED)
    if failed_verification:
        flags.add(FAILED_VERIFICATION)
    if contradicted:
        flags.add(CONTRADICTED_BY_SOURCE)
    if status != "approved":
        flags.add(UNREVIEWED)
    if status == "disputed":
        flags.add(DISPUTED)
    if conflicting:
        flags.add(CONFLICTING)
    if estimates_differ:
        flags.add(ESTIMATES_DIFFER)
    return tuple(name for name in FLAG_NAMES if name in flags)


def with_conflicting(stored: str, conflicting: bool, estimates_differ: bool = False) -> str:
    """Return stored flags (``encode_flags`` form) with ``conflicting`` and ``estimates_differ`` set or
    cleared, worst first."""
    flags = set(stored.split()) - {CONFLICTING, ESTIMATES_DIFFER}
    flags |= ({CONFLICTING} if conflicting else set()) | ({ESTIMATES_DIFFER} if estimates_differ else set())
    return encode_flags(name for name in FLAG_NAMES if name in flags)


def figures_are_flagged(flags: Iterable[str]) -> bool:
    """Return True when a claim's figures should be marked: any flag other than ``unreviewed`` alone."""
    return any(flag != UNREVIEWED for flag in flags)


def encode_flags(flags: Iterable[str]) -> str:
    """Return the stored form: space-delimited with spaces around, so a ``contains`` lookup is exact."""
    flags = tuple(flags)
    return f" {' '.join(flags)} " if flags else ""
