"""What the words around a word number or a short number say: a count, a pronoun or a model's name."""

import re

from claims.figures.words import _NEXT_WORD, _previous_word

# "One" states a quantity before a noun or a unit ("one hospital", "one kilometer"), not as a pronoun or
# in an idiom ("one of the", "one another", "no one", "one day", "at one point", "on one hand").
_ONE_IDIOMS = frozenset(
    "another day days time times point side hand way thing night morning evening afternoon moment week "
    "month year hour minute instance reason said says analysis study studies report review survey trial "
    "estimate example".split()
)
_ONE_PRONOUN_BEFORE = frozenset("no any every some each the this that which no-one".split())
_TIME_UNITS = frozenset("hour day week month year".split())
_ONE_VERB_AFTER = frozenset("was died remains remained".split())  # not "one is", "one would": pronouns


# A word that limits a number makes it a count even with no noun after it: "limited to just one", "only
# two survived", "all but two of the crew". Not "just one of the reasons": "one of" stays a pronoun.
_LIMITED = re.compile(r"(?<![\w'’-])(?:all\s+but|just|(?<!not\s)only|exactly)\s+$", re.IGNORECASE)
_LIMIT_REACH = 12  # characters before a number where a limiting word is looked for


def _is_limited(match: re.Match[str], masked: str) -> bool:
    return _LIMITED.search(masked, max(0, match.start() - _LIMIT_REACH), match.start()) is not None


def _one_is_a_quantity(match: re.Match[str], masked: str, typed: tuple[str, str]) -> bool:
    kind, unit = typed
    if (match["measure"] or "").startswith("-"):
        return True  # "one-year state of emergency": a duration
    if kind == "count" and not unit and _is_limited(match, masked):
        following = _NEXT_WORD.match(masked, match.end())
        return following is None or following.group(1).lower() not in ("of", "another")
    if _previous_word(masked, match.start()) in _ONE_PRONOUN_BEFORE:
        return False
    if kind == "measure":
        if _previous_word(masked, match.start()) in ("a", "an"):
            return True  # "a one year term", "a one hour drive": a duration before a noun
        return unit not in _TIME_UNITS  # "one kilometer"; "one day later" is an idiom
    if kind == "count" and not unit:  # "one was destroyed and another four were damaged"
        following = _NEXT_WORD.match(masked, match.end())
        return following is not None and following.group(1).lower() in _ONE_VERB_AFTER
    return kind == "count" and unit.split()[0] not in _ONE_IDIOMS


# A word number with no noun after it still counts when the clause says so: after "another" or a verb in
# -ing ("injuring ten"), or before the verb it is the subject of ("four were damaged"). Not "four from
# aerial bombardment": the seed's list of causes names no verb.
# "top ten", "the top 5": a bracket of a ranking counts its places.
_COUNT_BEFORE = frozenset("another other further additional top".split())
_NOT_VERBS = frozenset(
    "during according following including regarding concerning morning evening nothing".split()
)
_COUNT_VERB_AFTER = frozenset("were was are is had have died remain remained more".split())


def _counts_without_noun(match: re.Match[str], masked: str) -> bool:
    if _is_limited(match, masked):
        return True
    previous = _previous_word(masked, match.start())
    if previous in _COUNT_BEFORE or (previous.endswith("ing") and previous not in _NOT_VERBS):
        return True
    following = _NEXT_WORD.match(masked, match.end())
    return following is not None and following.group(1).lower() in _COUNT_VERB_AFTER


_NAME_BEFORE = re.compile(r"(?<![\w.'’-])[A-Z][A-Za-z]*[ -]$")
# A model's number is one digit or a version ("Leopard 2", "DMPPT 2.0"); "Aleppo 25" is more likely a count.
_MODEL_NUMBER = re.compile(r"[0-9](?:\.[0-9]{1,2})?|[0-9]{2}\.[0-9]{1,2}")
# A capitalized word after these is a place, and a number after the place a count: "in Idlib 4 civilians".
_PLACE_PREPOSITIONS = frozenset("in at near around outside inside across".split())


def _follows_a_name(match: re.Match[str], masked: str, opening: int) -> bool:
    """Return True for a short number right after a capitalized word that does not open the sentence."""
    if not _MODEL_NUMBER.fullmatch(match["n1"]) or match["amount2"]:
        return False
    name = _NAME_BEFORE.search(masked, max(opening, match.start() - 30), match.start())
    if name is None or name.start() <= opening:
        return False
    if masked[name.start() : name.end()].strip(" -").lower() == "top":
        return False  # "America's Top 5 Coolest Towns": a ranking's bracket counts its places
    return _previous_word(masked, name.start()) not in _PLACE_PREPOSITIONS
