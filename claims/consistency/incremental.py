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

import weakref
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from claims.consistency.detect import (
    PAIR_CAP,
    PUBLIC,
    Finding,
    Statement,
    compare_events,
    compare_quantities,
    judged_against,
    noun_of,
    outranks,
    statement_roles,
    statement_settings,
)
from claims.consistency.mentions import (
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


def could_change_findings(changes: list[tuple[str | None, str | None]]) -> bool:
    """Return True unless the changes of sentences, each (as it read, as it reads; None for an added or a
    removed one), in place, the article's other statements keeping their paragraphs and order, leave
    every finding as it was: True when a sentence states a figure or a dated event, before or after,
    when its dates changed (they set its paragraph's time), when as many statements are not there before
    as after, or when the names used change (names common to the article are told apart from the rest
    by how many statements use them)."""
    if sum(old is None for old, _ in changes) != sum(new is None for _, new in changes):
        return True
    for old, new in changes:
        for text in (old, new):
            if text is not None and any(read_text(text)):
                return True
        if sentence_frames(old or "") != sentence_frames(new or ""):
            return True
    used = Counter(name for old, _ in changes if old for name in statement_names(old))
    return used != Counter(name for _, new in changes if new for name in statement_names(new))


# A mention: its statement's id, then which of that statement's quantities or events it is.
Mention = tuple[int, int]


class Reading:
    """One version of an article as the detector sees it: the common names, each bucket's mentions in
    article order (buckets in the order the detector walks them) and each statement's setting (worked
    out a section at a time, when asked: a setting depends on its section's statements only)."""

    def __init__(self, statements: list[Statement]):
        self.statements = statements
        self.index = {statement.id: position for position, statement in enumerate(statements)}
        self.buckets: dict[tuple[str, str], list[Mention]] = {}
        events: dict[tuple[str, str], list[Mention]] = {}
        # How many statements use each name and say each (noun, verb): kept so that ``replaced`` can
        # count again only the statements it replaces.
        self.names: Counter[str] = Counter()
        self.roles: Counter[tuple[str, str]] = Counter()
        for statement in statements:
            quantities, found_events = read_text(statement.text)
            for key, mention in statement_mentions(statement.id, quantities, found_events):
                (events if key[0] == "event" else self.buckets).setdefault(key, []).append(mention)
            self.roles.update(statement_roles(quantities))
            self.names.update(statement_names(statement.text))
        self.buckets.update(events)  # every figure's bucket is walked before every event's
        self.derived_from = None
        self._judge_against()

    def _judge_against(self) -> None:
        """Work out what every pair is judged against, as ``find_findings`` does (``judged_against``)."""
        self.common, self.recurring = judged_against(self.names, self.roles, len(self.statements))
        # Whether the article has sections decides how its lead is set (a summary, its time unknown).
        self.has_sections = any(statement.section for statement in self.statements)
        self.settings = SectionSettings(self.statements, self.common, self.recurring, self.has_sections)
        self._mentions: dict[int, tuple] = {}

    def replaced(self, start: int, end: int, block: list[Statement]) -> "Reading":
        """Return the reading of this version with ``statements[start:end]`` replaced by ``block``, the
        same as reading the new list whole, but worked out from this one in time that grows with the
        block and the buckets it touches (this reading is left as it was: the version before an edit)."""
        new = Reading.__new__(Reading)
        new.statements = [*self.statements[:start], *block, *self.statements[end:]]
        new.index = {statement.id: position for position, statement in enumerate(new.statements)}
        # Which reading this one was derived from (held weakly: a kept reading does not keep every reading
        # before it) and where they differ: (start, end before, end now).
        new.derived_from = (weakref.ref(self), start, end, start + len(block))
        new.names, new.roles = self.names.copy(), self.roles.copy()
        new.buckets = dict(self.buckets)
        gone = {statement.id for statement in self.statements[start:end]}
        touched: set[tuple[str, str]] = set()
        for statement in self.statements[start:end]:
            quantities, events = read_text(statement.text)
            new.names.subtract(statement_names(statement.text))
            new.roles.subtract(statement_roles(quantities))
            touched.update(mention_keys(quantities, events))
        added: dict[tuple[str, str], list[Mention]] = {}
        for statement in block:
            quantities, events = read_text(statement.text)
            new.names.update(statement_names(statement.text))
            new.roles.update(statement_roles(quantities))
            for key, mention in statement_mentions(statement.id, quantities, events):
                added.setdefault(key, []).append(mention)
        for key in touched | added.keys():
            kept = [mention for mention in self.buckets.get(key, ()) if mention[0] not in gone]
            at = bisect_left(kept, start, key=lambda mention: self.index[mention[0]])
            mentions = [*kept[:at], *added.get(key, ()), *kept[at:]]
            if mentions:
                new.buckets[key] = mentions
            else:
                del new.buckets[key]
        if touched or added:
            # A bucket's first mention may have moved: walk them in the detector's order, every figure's
            # bucket before every event's, each from its first mention.
            new.buckets = dict(sorted(new.buckets.items(), key=lambda item: new.first_mention(item)))
        for counter in (new.names, new.roles):  # a name no statement uses any more is forgotten
            for key in [key for key, count in counter.items() if count <= 0]:
                del counter[key]
        new._judge_against()
        return new

    def change_from(self, old: "Reading") -> tuple[int, int, int]:
        """Return where this reading's statements may differ from ``old``'s: (start, end in old, end in
        this one); the whole lists unless this reading was derived from ``old`` (``replaced``), whose
        statements outside the replaced block are the very same objects."""
        if self.derived_from is not None and self.derived_from[0]() is old:
            return self.derived_from[1:]
        return 0, len(old.statements), len(self.statements)

    def first_mention(self, bucket: tuple[tuple[str, str], list[Mention]]) -> tuple[bool, int, int]:
        (what, _), mentions = bucket
        return what == "event", self.index[mentions[0][0]], mentions[0][1]

    def setting_of(self, statement_id: int):
        return self.settings[self.index[statement_id]]

    def mentions_of(self, statement_id: int) -> tuple:
        """Return the statement's (quantities, events), indexed as the detector indexes them."""
        if statement_id not in self._mentions:
            position = self.index[statement_id]
            self._mentions[statement_id] = read_statement(position, self.statements[position].text)
        return self._mentions[statement_id]

    def section_start(self, position: int) -> int:
        heading = self.statements[position].section
        while position > 0 and self.statements[position - 1].section == heading:
            position -= 1
        return position

    def section_end(self, position: int) -> int:
        heading = self.statements[position].section
        while position < len(self.statements) and self.statements[position].section == heading:
            position += 1
        return position


class SectionSettings:
    """``statement_settings`` of an article's statements, read like its list but computed one run of
    statements under one heading at a time, when first asked: a statement's time comes from its own
    words, its paragraph's or its heading's, all within its section."""

    def __init__(
        self, statements: list[Statement], common: frozenset[str], recurring: frozenset, has_sections: bool
    ):
        self.statements, self.common, self.recurring = statements, common, recurring
        self.has_sections = has_sections
        self.known: dict[int, object] = {}

    def __getitem__(self, position: int):
        if position not in self.known:
            heading, start, end = self.statements[position].section, position, position + 1
            while start > 0 and self.statements[start - 1].section == heading:
                start -= 1
            while end < len(self.statements) and self.statements[end].section == heading:
                end += 1
            settings = statement_settings(
                self.statements[start:end], self.common, self.recurring, self.has_sections
            )
            self.known.update(zip(range(start, end), settings, strict=True))
        return self.known[position]


def quantity_keys(quantities) -> list[tuple[str, str]]:
    """Return the bucket of each quantity: what it counts (``noun_of``)."""
    return [("quantity", noun_of(quantity)) for quantity in quantities]


def event_keys(events) -> list[tuple[str, str]]:
    """Return the bucket of each event: its class."""
    return [("event", event.event) for event in events]


def mention_keys(quantities, events) -> set[tuple[str, str]]:
    return {*quantity_keys(quantities), *event_keys(events)}


def statement_mentions(statement_id: int, quantities, events):
    """Yield (bucket, mention) for each of a statement's quantities, then each of its events, a mention
    being (statement id, ordinal among its quantities or among its events)."""
    for keys in (quantity_keys(quantities), event_keys(events)):
        for ordinal, key in enumerate(keys):
            yield key, (statement_id, ordinal)


def rejudge(
    before: list[Statement], after: list[Statement], rewritten: frozenset[int] = frozenset()
) -> Rejudged | None:
    """Return the pairs of statements an edit from ``before`` to ``after`` may have changed, with the
    findings among them now, or None when the edit changes what every pair depends on. ``rewritten``:
    statements whose stored wording changed although they read the same (another citation marker): a
    finding on them is written again, as a sentence changed."""
    return rejudge_readings(Reading(before), Reading(after), rewritten)


def rejudge_readings(old: Reading, new: Reading, rewritten: frozenset[int] = frozenset()) -> Rejudged | None:
    """``rejudge`` of two readings of the article, before and after the edit (a reading kept from the
    last save and the one ``Reading.replaced`` derives from it, or both read whole)."""
    before, after = old.statements, new.statements
    if (old.common, old.recurring, old.has_sections) != (new.common, new.recurring, new.has_sections):
        return None  # what every pair is judged against changed
    # Outside the block where the versions may differ the statements are the same: only the block is
    # looked at for statements added, removed or put in another order, and the first and last
    # difference are looked for from its ends.
    start, old_end, new_end = new.change_from(old)
    if [s.id for s in before[start:old_end] if s.id in new.index] != [
        s.id for s in after[start:new_end] if s.id in old.index
    ]:
        return None  # statements in another order: pairs name the earlier statement first
    old_keys = [key for key in old.buckets if key in new.buckets]
    if old_keys != [key for key in new.buckets if key in old.buckets]:
        return None  # the buckets walked in another order: which of two findings on a pair wins may change
    dirty = {s.id for s in before[start:old_end] if s.id not in new.index}
    dirty |= {s.id for s in after[start:new_end] if s.id not in old.index}
    dirty |= rewritten
    # Statements before the first difference and after the last one read and are set as before, but for
    # those sharing a section with a changed one: only these are compared.
    shorter = min(len(before), len(after))
    same = start
    while same < shorter and before[same] == after[same]:
        same += 1
    same_after = min(len(before) - old_end, shorter - same)
    while (
        same_after < shorter - same
        and before[len(before) - 1 - same_after] == after[len(after) - 1 - same_after]
    ):
        same_after += 1
    if same < len(after):
        last = max(same, len(after) - same_after - 1)
        for statement in after[new.section_start(same) : new.section_end(min(last, len(after) - 1))]:
            if statement.id in old.index and statement.id not in dirty:
                was = before[old.index[statement.id]]
                if was.text != statement.text or old.setting_of(statement.id) != new.setting_of(statement.id):
                    dirty.add(statement.id)
    pairs: set[frozenset[int]] = set()
    for key in bucket_keys(old, dirty) | bucket_keys(new, dirty):
        pairs |= touched_pairs(old.buckets.get(key, []), new.buckets.get(key, []), dirty)
    return Rejudged(frozenset(pairs), judge(new, pairs))


def bucket_keys(reading: Reading, statement_ids: set[int]) -> set[tuple[str, str]]:
    """Return the buckets the statements' mentions are in, in this version of the article."""
    keys = set()
    for statement_id in statement_ids:
        if statement_id in reading.index:
            keys |= mention_keys(*read_text(reading.statements[reading.index[statement_id]].text))
    return keys


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
    keys = bucket_keys(new, wanted.keys())  # the buckets holding a mention of a wanted pair's first
    for key in [key for key in new.buckets if key in keys]:  # in the detector's order
        bucket = new.buckets[key]
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
                if held is not None and not outranks(kind, level, held):
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
