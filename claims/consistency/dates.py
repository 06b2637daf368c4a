"""Read the dates a sentence states, and the time frame they set, in one pass over its words.

Dates are not figures (``claims.figures`` masks them); this reader exists to compare when things happened
("founded in 1953" against "emerged on May 2, 1957") and to tell time frames apart ("between November 11
and 27" against "from November 11 onward"). It reads "May 2, 1957", "2 May 1957", "November 2023",
"November 11" and a bare year 1000-2099, each token once: linear in the sentence's length.

Pure Python, standard library only.
"""

import re
from dataclasses import dataclass
from typing import NamedTuple

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# A word, a number (with its ordinal suffix) or one punctuation mark: each is looked at a bounded number
# of times by the reader below.
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[0-9]+(?:[,.][0-9]+)*(?:st|nd|rd|th)?|[^\sA-Za-z0-9]")
# Words before a date that set how it bounds a time frame.
PERIOD_OPENERS = frozenset({"starting", "beginning"})  # "starting 23 October", "beginning in 1990"
OPEN_START = frozenset({"since", "from", "after", "following"}) | PERIOD_OPENERS
END = frozenset({"by", "until", "till", "through", "before"})
# Words after which a month alone is a time ("in January", "by March"), not a name ("March Hare").
BARE_MONTH_BEFORE = frozenset("in during by since until till from through early late mid of".split())
RANGE_JOINERS = frozenset({"and", "to", "-", "–", "—", "through", "until"})


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class When:
    """A date at the precision written: a year, a month of a year, or a day (year may be unknown)."""

    year: int | None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None  # "Q2 2018", "the second quarter of 2018"
    last_year: int | None = None  # a decade ("the 1980s": 1980 to 1989)

    def agrees(self, other: "When") -> bool:
        """Return True when the two could be the same date: every part both state is equal (a decade
        holds its years, a quarter its months)."""
        if self.last_year is not None or other.last_year is not None:
            if self.year is None or other.year is None:
                return True
            return self.year <= (other.last_year or other.year) and other.year <= (
                self.last_year or self.year
            )
        if self.year is not None and other.year is not None and self.year != other.year:
            return False
        if self.quarter is not None or other.quarter is not None:
            return self._in_quarter(other) and other._in_quarter(self)
        pairs = ((self.month, other.month), (self.day, other.day))
        return all(a == b for a, b in pairs if a is not None and b is not None)

    def holds(self, other: "When") -> bool:
        """Return True when ``other`` is this date or a part of it: it agrees, and states at least every
        part this one states ("January 2017" holds "January 16, 2017", not "2017")."""
        if not self.agrees(other):
            return False
        if self.last_year is not None or other.last_year is not None:
            # A decade holds the years and decades inside it ("the 1980s" holds 1985), a year no decade.
            if self.year is None or other.year is None or self.last_year is None:
                return self.last_year is None and other.last_year is None and self.year == other.year
            return self.year <= other.year and (other.last_year or other.year) <= self.last_year
        parts = (
            (self.year, other.year),
            (self.month, other.month),
            (self.day, other.day),
            (self.quarter, other.quarter if other.quarter is not None else other.month),
        )
        return all(mine is None or theirs is not None for mine, theirs in parts)

    def _in_quarter(self, other: "When") -> bool:
        if self.quarter is None:
            return True
        if other.quarter is not None:
            return other.quarter == self.quarter
        return other.month is None or (other.month - 1) // 3 + 1 == self.quarter

    def __str__(self) -> str:
        if self.last_year is not None:
            return f"{self.year}s"
        if self.quarter is not None:
            return f"{self.year}-Q{self.quarter}"
        return "-".join(str(part) for part in (self.year, self.month, self.day) if part is not None)


@dataclass(frozen=True)
class DateMention:
    when: When
    text: str  # as written: "May 2, 1957"
    start: int  # offsets in the sentence
    end: int
    first_token: int  # index of its first token, and one past its last
    last_token: int


@dataclass(frozen=True)
class Frame:
    """How a sentence bounds the time of what it states: "at" a date, "from" one onward, "by" one, or
    "between" two."""

    relation: str
    first: When
    second: When | None = None

    def agrees(self, other: "Frame") -> bool:
        # "by 1950" and "in 1950" state the same moment; "from" and "between" bound a period.
        relations = {self.relation, other.relation}
        if relations == {"at", "between"}:
            return self._holds(other) or other._holds(self)
        if (len(relations) > 1 and relations != {"at", "by"}) or not self.first.agrees(other.first):
            return False
        if self.second is None or other.second is None:
            return self.second is None and other.second is None
        return self.second.agrees(other.second)

    def _holds(self, other: "Frame") -> bool:
        """Return True when this frame is a date written coarser than the period ``other`` bounds and
        holds both its ends: "in January 2017" holds "between January 16 and 19, 2017" (a poll's days)."""
        if self.relation != "at" or other.second is None:
            return False
        return all(self.first.holds(end) for end in (other.first, other.second))


def tokens(text: str) -> list[Token]:
    return [Token(match.group(), match.start(), match.end()) for match in TOKEN.finditer(text)]


def read_dates(text: str, words: list[Token] | None = None) -> tuple[DateMention, ...]:
    """Return the dates stated in ``text``, in order."""
    words = tokens(text) if words is None else words
    found: list[DateMention] = []
    index = 0
    while index < len(words):
        read = _date_at(words, index)
        if read is None:
            index += 1
            continue
        when, last = read
        found.append(
            DateMention(
                when,
                text[words[index].start : words[last - 1].end],
                words[index].start,
                words[last - 1].end,
                index,
                last,
            )
        )
        index = last
    return tuple(found)


def _month(token: Token) -> int | None:
    word = token.text.lower().rstrip(".")
    # "may" and "march" are verbs unless capitalised.
    if word in MONTHS and token.text[0].isupper():
        return MONTHS[word]
    return None


def _day(token: Token) -> int | None:
    digits = token.text.rstrip("stndrh")
    if digits.isascii() and digits.isdigit() and len(digits) <= 2 and 1 <= int(digits) <= 31:
        return int(digits)
    return None


def _year(token: Token) -> int | None:
    if (
        token.text.isascii()
        and token.text.isdigit()
        and len(token.text) == 4
        and 1000 <= int(token.text) <= 2099
    ):
        return int(token.text)
    return None


def _at(words: list[Token], index: int) -> Token | None:
    return words[index] if index < len(words) else None


def _date_at(words: list[Token], index: int) -> tuple[When, int] | None:
    """Return the date starting at token ``index`` and the index one past it, or None."""
    token = words[index]
    month = _month(token)
    if month is not None:
        nxt = _at(words, index + 1)
        day = _day(nxt) if nxt else None
        if day is not None:
            return _with_year(words, index + 2, When(None, month, day))
        year = _year(nxt) if nxt else None
        if year is not None:
            return When(year, month), index + 2
        if _word(words, index - 1) in BARE_MONTH_BEFORE:
            return When(None, month), index + 1  # "142 reports in January": a month of the year in view
        return None
    day = _day(token)
    if day is not None:
        skip = 2 if (_at(words, index + 1) and words[index + 1].text.lower() == "of") else 1
        nxt = _at(words, index + skip)
        month = _month(nxt) if nxt else None
        if month is not None:
            return _with_year(words, index + skip + 1, When(None, month, day))
        return None
    year = _year(token)
    if year is not None:
        nxt = _at(words, index + 1)
        if nxt is not None and nxt.text == "s" and nxt.start == token.end and year % 10 == 0:
            return When(year, last_year=year + 9), index + 2  # "the 1980s" is a decade, not 1980
        return When(year), index + 1
    return _quarter_at(words, index)


QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _quarter_at(words: list[Token], index: int) -> tuple[When, int] | None:
    """Read "Q2 2018" and "the second quarter of 2018" (also "quarter or 2018", a common slip)."""
    token = words[index]
    if token.text == "Q":
        number, year = _at(words, index + 1), _at(words, index + 2)
        if number is not None and number.text in "1234" and number.start == token.end and year is not None:
            if _year(year) is not None:
                return When(_year(year), quarter=int(number.text)), index + 3
        return None
    quarter = QUARTERS.get(token.text.lower())
    if quarter is None or _word(words, index + 1) != "quarter" or _word(words, index + 2) not in ("of", "or"):
        return None
    year = _at(words, index + 3)
    if year is None or _year(year) is None:
        return None
    return When(_year(year), quarter=quarter), index + 4


def _with_year(words: list[Token], index: int, when: When) -> tuple[When, int]:
    """Attach a year written after a day and month ("May 2, 1957", "2 May 1957")."""
    nxt = _at(words, index)
    if nxt is not None and nxt.text == ",":
        after = _at(words, index + 1)
        if after is not None and _year(after) is not None:
            return When(_year(after), when.month, when.day), index + 2
    if nxt is not None and _year(nxt) is not None:
        return When(_year(nxt), when.month, when.day), index + 1
    return when, index


def time_frames(text: str, words: list[Token] | None = None) -> tuple[Frame, ...]:
    """Return the time frames ``text`` sets: each date with the word before it that says how it bounds."""
    return tuple(frame for _, _, frame in located_frames(text, words))


def located_frames(text: str, words: list[Token] | None = None) -> tuple[tuple[int, int, Frame], ...]:
    """Return each time frame ``text`` sets with where its date is written (start and end offsets)."""
    words = tokens(text) if words is None else words
    mentions = read_dates(text, words)
    frames: list[tuple[int, int, Frame]] = []
    skip_next = False
    for position, mention in enumerate(mentions):
        if skip_next:
            skip_next = False
            continue
        before = words[mention.first_token - 1].text.lower() if mention.first_token else ""
        if before == "the" and _word(words, mention.first_token - 2) in OPEN_START | END:
            before = _word(words, mention.first_token - 2)  # "following the 2007 recommendations"
        elif before in ("on", "in") and _word(words, mention.first_token - 2) in PERIOD_OPENERS:
            before = _word(words, mention.first_token - 2)  # "starting on 23 October 1942"
        elif before == "to" and _word(words, mention.first_token - 2) == "up":
            before = "until"  # "up to 23 October 1942": a running total, as "by"
        after = words[mention.last_token].text.lower() if mention.last_token < len(words) else ""
        second = _range_end(words, mention, mentions[position + 1] if position + 1 < len(mentions) else None)
        # "January 16–19, 2017": a range of days with its year is a range wherever it is.
        dated_days = second is not None and second.start is not None
        opens = before in OPEN_START | {"", "in", "on"} or dated_days
        if before == "between" or (second is not None and opens):
            if second is not None:
                start = second.start if dated_days else mention.when
                frames.append((mention.start, mention.end, Frame("between", start, second.end)))
                skip_next = second.takes_next
                continue
        start_day = _day(words[mention.first_token - 2]) if mention.first_token >= 2 else None
        if before in RANGE_JOINERS and start_day is not None and mention.when.day is not None:
            # "between 11 and 27 November": the first day takes the month and year of the second.
            opened = When(mention.when.year, mention.when.month, start_day)
            frames.append((mention.start, mention.end, Frame("between", opened, mention.when)))
        elif before in OPEN_START or after == "onward" or after == "onwards":
            frames.append((mention.start, mention.end, Frame("from", mention.when)))
        elif before in END or (before == "of" and _word(words, mention.first_token - 2) == "as"):
            frames.append((mention.start, mention.end, Frame("by", mention.when)))
        else:
            frames.append((mention.start, mention.end, Frame("at", mention.when)))
    return tuple(frames)


def _word(words: list[Token], index: int) -> str:
    return words[index].text.lower() if 0 <= index < len(words) else ""


class RangeEnd(NamedTuple):
    end: When
    takes_next: bool  # the end is the next date mention (or its year is), which is not read on its own
    start: When | None = None  # the start, when the range's year was written after it only


def _range_end(words: list[Token], mention: DateMention, following: DateMention | None) -> RangeEnd | None:
    """Return the end of a range that starts at ``mention``, or None: "November 11 and 27", "11 to 27
    November" (read as two mentions), "2011–2015". A year written after a range of days ("January 16–19,
    2017") dates both ends: the start is then given with its year."""
    joiner = _word(words, mention.last_token)
    if joiner not in RANGE_JOINERS:
        return None
    if following is not None and following.first_token == mention.last_token + 1:
        return RangeEnd(following.when, True)
    bare = _at(words, mention.last_token + 1)
    day = _day(bare) if bare is not None else None
    if day is None or mention.when.day is None:
        return None
    end = When(mention.when.year, mention.when.month, day)
    if mention.when.year is None and following is not None:
        after = mention.last_token + 2
        year_at = after + 1 if _word(words, after) == "," else after
        if following.first_token == year_at and following.when.month is None and following.when.year:
            year = following.when.year  # "January 16–19, 2017": the year is the range's, not a date apart
            start = When(year, mention.when.month, mention.when.day)
            return RangeEnd(When(year, end.month, day), True, start)
    return RangeEnd(end, False)
