"""Re-judge only what an edit can have changed: the findings ``find_findings`` would give for an article's
statements after an edit, for the pairs the edit touches, without comparing every pair of the article.

``find_findings`` reads every statement (each sentence's reading is cached by its text), buckets the
figures by what they count and the dated events by class, and compares each mention with at most
``PAIR_CAP`` later ones of its bucket. What a comparison of two mentions says depends on the two
sentences, the time each statement is set in (its own dates, its paragraph's, its heading's: a
``Setting``) and the names common to the whole article. So after an edit, a pair of statements can be
judged differently only when

- one of its statements is *dirty*: added, removed, reworded, or set in another time (a dated sentence
  added to its paragraph, a new heading), or
- an added or removed mention between its two statements moved one into or out of the other's window
  of ``PAIR_CAP`` later mentions.

``rejudge`` finds those pairs by reading both versions of the article (linear, and cheap: the readings
are cached) and judges them again through the detector's own comparisons, in the detector's order, so
the findings are exactly the full detection's. It answers None when an edit changes what every pair
depends on (the article's common names, the order of statements or of buckets): the caller runs the
full detection then.

Pure Python, no ORM.
"""

from collections import Counter
from dataclasses import dataclass

from claims.consistency.detect import (
    PAIR_CAP,
    PUBLIC,
    Finding,
    Statement,
    _outranks,
    common_limit,
    compare_events,
    compare_quantities,
    statement_settings,
)
from claims.consistency.mentions import (
    PARTICIPLE,
    read_statement,
    read_text,
    sentence_frames,
    statement_names,
)


@dataclass(frozen=True)
class Rejudged:
    """The statement pairs an edit may have changed (each a frozenset of two statement ids) and the
    findings that hold on them now; every other pair keeps the finding it had."""

    pairs: frozenset[frozenset[int]]
    findings: tuple[Finding, ...]


def could_change_findings(old_texts: list[str], new_texts: list[str]) -> bool:
    """Return True unless replacing the sentences ``old_texts`` by ``new_texts`` (in place, the article's
    other statements keeping their paragraphs and order, as many statements before as after) leaves
    every finding as it was: True when one of them states a figure, a dated event or a date (which sets
    its paragraph's time), or when the names they use change (names common to the article are told
    apart from the rest by how many statements use them)."""
    if len(old_texts) != len(new_texts):
        return True
    for text in (*old_texts, *new_texts):
        quantities, events = read_text(text)
        if quantities or events or sentence_frames(text):
            return True
    used = Counter(name for text in old_texts for name in statement_names(text))
    return used != Counter(name for text in new_texts for name in statement_names(text))


# A mention: its statement's id, then which of that statement's quantities or events it is.
Mention = tuple[int, int]


class Reading:
    """One version of an article as the detector sees it: each statement's setting, the common names, and
    each bucket's mentions in article order (buckets in the order the detector walks them)."""

    def __init__(self, statements: list[Statement]):
        self.statements = statements
        self.index = {statement.id: position for position, statement in enumerate(statements)}
        names: Counter[str] = Counter()
        self.buckets: dict[tuple[str, str], list[Mention]] = {}
        events: dict[tuple[str, str], list[Mention]] = {}
        for statement in statements:
            quantities, found_events = read_text(statement.text)
            for ordinal, quantity in enumerate(quantities):
                key = ("quantity", quantity.head.split(PARTICIPLE)[0])
                self.buckets.setdefault(key, []).append((statement.id, ordinal))
            for ordinal, event in enumerate(found_events):
                events.setdefault(("event", event.event), []).append((statement.id, ordinal))
            names.update(statement_names(statement.text))
        self.buckets.update(events)  # every figure's bucket is walked before every event's
        limit = common_limit(len(statements))
        self.common = frozenset(name for name, count in names.items() if count > limit)
        self.settings = statement_settings(statements, self.common)
        self._mentions: dict[int, tuple] = {}

    def setting_of(self, statement_id: int):
        return self.settings[self.index[statement_id]]

    def mentions_of(self, statement_id: int) -> tuple:
        """Return the statement's (quantities, events), indexed as the detector indexes them."""
        if statement_id not in self._mentions:
            position = self.index[statement_id]
            self._mentions[statement_id] = read_statement(position, self.statements[position].text)
        return self._mentions[statement_id]


def rejudge(before: list[Statement], after: list[Statement]) -> Rejudged | None:
    """Return the pairs of statements an edit from ``before`` to ``after`` may have changed, with the
    findings among them now, or None when the edit changes what every pair depends on."""
    old, new = Reading(before), Reading(after)
    if old.common != new.common:
        return None
    kept = [s.id for s in before if s.id in new.index]
    if kept != [s.id for s in after if s.id in old.index]:
        return None  # statements in another order: pairs name the earlier statement first
    old_keys = [key for key in old.buckets if key in new.buckets]
    if old_keys != [key for key in new.buckets if key in old.buckets]:
        return None  # the buckets walked in another order: which of two findings on a pair wins may change
    dirty = {s.id for s in before if s.id not in new.index} | {s.id for s in after if s.id not in old.index}
    for statement in after:
        if statement.id in old.index and statement.id not in dirty:
            was = before[old.index[statement.id]]
            if was.text != statement.text or old.setting_of(statement.id) != new.setting_of(statement.id):
                dirty.add(statement.id)
    pairs: set[frozenset[int]] = set()
    for key in dict.fromkeys([*old.buckets, *new.buckets]):
        pairs |= touched_pairs(old.buckets.get(key, []), new.buckets.get(key, []), dirty)
    return Rejudged(frozenset(pairs), judge(new, pairs))


def touched_pairs(old: list[Mention], new: list[Mention], dirty: set[int]) -> set[frozenset[int]]:
    """Return the statement pairs of one bucket that an edit may have changed: every pair a dirty mention
    is compared in, before or after, and every pair of clean mentions one of which entered or left the
    other's window (only a clean mention up to ``PAIR_CAP`` places before a dirty one can see its
    window change: the clean mentions keep their order)."""
    pairs: set[frozenset[int]] = set()
    near_dirty: set[Mention] = set()
    for mentions in (old, new):
        for position, mention in enumerate(mentions):
            if mention[0] not in dirty:
                continue
            for other in mentions[max(0, position - PAIR_CAP) : position + PAIR_CAP + 1]:
                if other[0] != mention[0]:
                    pairs.add(frozenset((mention[0], other[0])))
            preceding = mentions[max(0, position - PAIR_CAP) : position]
            near_dirty.update(m for m in preceding if m[0] not in dirty)
    if not near_dirty:
        return pairs
    old_at = {mention: position for position, mention in enumerate(old)}
    new_at = {mention: position for position, mention in enumerate(new)}
    for mention in near_dirty:
        seen_before = clean_window(old, old_at[mention], dirty)
        seen_now = clean_window(new, new_at[mention], dirty)
        for other in seen_before ^ seen_now:
            if other[0] != mention[0]:
                pairs.add(frozenset((mention[0], other[0])))
    return pairs


def clean_window(mentions: list[Mention], position: int, dirty: set[int]) -> set[Mention]:
    return {m for m in mentions[position + 1 : position + PAIR_CAP + 1] if m[0] not in dirty}


def judge(new: Reading, pairs: set[frozenset[int]]) -> tuple[Finding, ...]:
    """Return the findings on ``pairs`` in the article as it is now, judged as ``find_findings`` judges
    them: every compared mention pair of the two statements, buckets in the detector's order, then
    mentions in article order, a later finding replacing a held one only when it outranks it."""
    wanted: dict[int, set[int]] = {}
    for pair in pairs:
        if all(statement_id in new.index for statement_id in pair):
            first, second = sorted(pair, key=new.index.__getitem__)
            wanted.setdefault(first, set()).add(second)
    if not wanted:
        return ()
    found: dict[tuple[int, int], Finding] = {}
    for key, bucket in new.buckets.items():
        if not wanted.keys() & {mention[0] for mention in bucket}:
            continue
        for position, (first, ordinal) in enumerate(bucket):
            if first not in wanted:
                continue
            for second, other_ordinal in bucket[position + 1 : position + 1 + PAIR_CAP]:
                if second == first or second not in wanted[first]:
                    continue
                judged = compare_pair(new, key[0], (first, ordinal), (second, other_ordinal))
                if judged is None:
                    continue
                kind, value_a, value_b, quantity, shared, *rest = judged
                level, why = rest if rest else (PUBLIC, ())
                held = found.get((first, second))
                if held is not None and not _outranks(kind, level, held):
                    continue
                found[(first, second)] = Finding(
                    kind, first, second, value_a, value_b, quantity, shared, level, why
                )
    return tuple(found[key] for key in sorted(found, key=lambda k: (new.index[k[0]], new.index[k[1]])))


def compare_pair(new: Reading, what: str, a: Mention, b: Mention):
    slot = 0 if what == "quantity" else 1
    first, second = new.mentions_of(a[0])[slot][a[1]], new.mentions_of(b[0])[slot][b[1]]
    if what == "quantity":
        return compare_quantities(first, second, new.settings)
    return compare_events(first, second, new.common)
