"""Compare two revisions of an article section by section, for the public history page."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from claims.sentences import MARKER_PATTERN
from textdiff.alignment import align
from textdiff.diffing import TextDiff, tokenize, word_diff

CHANGED, ADDED, REMOVED = "changed", "added", "removed"


@dataclass(frozen=True)
class SectionSnapshot:
    """A section as one revision stored it; ``id`` follows the section through edits and moves."""

    id: str
    heading: str
    level: int
    order: int
    body: str


@dataclass(frozen=True)
class SectionChange:
    kind: str  # CHANGED, ADDED or REMOVED
    heading: str  # the newer heading ("" for the lead)
    old_heading: str
    diff: TextDiff

    @property
    def heading_changed(self) -> bool:
        return self.kind == CHANGED and self.heading != self.old_heading


def section_changes(old: list[SectionSnapshot], new: list[SectionSnapshot]) -> tuple[SectionChange, ...]:
    """Return the sections that differ between two revisions: in the newer order, then the removed ones.

    A section whose heading, level or text changed is listed with the word diff of its text; an added
    one diffs against nothing and a removed one against nothing left. A move alone is not a change.
    """
    old_by_id = {section.id: section for section in old}
    new_ids = {section.id for section in new}
    changes = []
    for section in sorted(new, key=lambda section: section.order):
        before = old_by_id.get(section.id)
        if before is None:
            changes.append(SectionChange(ADDED, section.heading, "", word_diff("", section.body)))
        elif (before.heading, before.level, before.body) != (section.heading, section.level, section.body):
            diff = word_diff(before.body, section.body)
            changes.append(SectionChange(CHANGED, section.heading, before.heading, diff))
    for section in sorted(old, key=lambda section: section.order):
        if section.id not in new_ids:
            changes.append(
                SectionChange(REMOVED, section.heading, section.heading, word_diff(section.body, ""))
            )
    return tuple(changes)


def markers_as(body: str, keys: Mapping[str, str]) -> str:
    """Return ``body`` with each citation marker written with the key ``keys`` gives it (a key not in it
    is kept): two texts that differ only by a renamed key then read the same."""
    return MARKER_PATTERN.sub(lambda match: f"[{keys.get(match['key'], match['key'])}]", body)


def only_keys_renamed(old: str, new: str, keys: Callable[[], Mapping[str, str]]) -> bool:
    """Return True when ``old`` and ``new`` differ only in the keys their markers are written with and
    each marker names the same source (``keys()`` maps every key the sources had to today's; called only
    when the texts differ in markers alone, so an ordinary edit costs no query)."""
    if MARKER_PATTERN.sub("[]", old) != MARKER_PATTERN.sub("[]", new):
        return False
    aliases = keys()
    return markers_as(old, aliases) == markers_as(new, aliases)


# What a history entry says about one section a revision changed (``revision_section_changes``); a
# changed one is CHANGED, as above.
DELETED, MOVED = "deleted", "moved"
# A revision that changes more sections (an import) keeps this many in its summary, and the count.
CHANGES_KEPT = 6


def words(text: str) -> int:
    """Return how many words (citation markers included) ``text`` holds, as ``word_diff`` splits it."""
    return sum(1 for token in tokenize(text) if not token.isspace())


def moved_sections(old_ids: list[str], new_ids: list[str]) -> set[str]:
    """Return the sections of both outlines that moved: those outside the longest run kept in order (not
    those that merely shifted around them), and both of two neighbours that swapped places, where either
    could be said to have moved. Near-linear (``textdiff.alignment``)."""
    kept = set(old_ids) & set(new_ids)
    old_kept = [pk for pk in old_ids if pk in kept]
    new_kept = [pk for pk in new_ids if pk in kept]
    unmoved = set()
    for tag, old_start, old_end, _, _ in align(old_kept, new_kept).opcodes:
        if tag == "equal":
            unmoved.update(old_kept[old_start:old_end])
    moved = kept - unmoved
    old_place = {pk: place for place, pk in enumerate(old_kept)}
    new_place = {pk: place for place, pk in enumerate(new_kept)}
    for pk in list(moved):
        was, now = old_place[pk], new_place[pk]
        if abs(was - now) == 1 and new_place[old_kept[now]] == was:
            moved.add(old_kept[now])
    return moved


def revision_section_changes(
    old_outline: list[str] | None,
    new_outline: list[str] | None,
    before: dict[str, SectionSnapshot],
    after: dict[str, SectionSnapshot],
    keys: Callable[[], Mapping[str, str]] = dict,
) -> list[dict]:
    """Return what one revision did to an article's sections, for its history entry: one small dict per
    section it added, moved or changed, in the article's new order, then one per section it deleted.

    ``old_outline`` and ``new_outline`` are the section ids in order before and after the revision, or
    both None when it left them as they were. ``after`` holds the state the revision stored of each
    section it wrote (the last state of one it deleted), ``before`` the state each had before, if any.
    A change holds the words added to and removed from the text, the former heading when it was renamed,
    and whether its level changed or it moved too. A heading no state tells is None. A text whose markers
    only name the same sources under new keys (``only_keys_renamed``, with ``keys``) is marked ``keys``:
    readers see the same numbers, so it counts no words added or removed.
    """
    reshaped = old_outline is not None and new_outline is not None
    old_ids, new_ids = old_outline or [], new_outline or []
    moved = moved_sections(old_ids, new_ids) if reshaped else set()
    old_set, new_set = set(old_ids), set(new_ids)
    order = new_ids if reshaped else sorted(after, key=lambda pk: (after[pk].order, pk))
    entries = []
    for pk in order:
        now, then = after.get(pk), before.get(pk)
        known = now or then
        entry = {"id": pk, "kind": CHANGED, "heading": known.heading if known else None}
        if reshaped and pk not in old_set:
            entries.append({**entry, "kind": ADDED})
            continue
        if now is not None and then is not None:
            if now.body != then.body and only_keys_renamed(then.body, now.body, keys):
                entry["keys"] = True
            elif now.body != then.body:
                diff = word_diff(then.body, now.body)
                entry["added"] = sum(words(text) for text in diff.inserted)
                entry["removed"] = sum(words(text) for text in diff.deleted)
            if now.heading != then.heading:
                entry["was"] = then.heading
            if now.level != then.level:
                entry["level"] = True
        changed = any(name in entry for name in ("added", "was", "level", "keys"))
        if pk in moved:
            entry.update({"moved": True} if changed else {"kind": MOVED})
        if changed or pk in moved:
            entries.append(entry)
    for pk in old_ids if reshaped else ():
        if pk not in new_set:
            known = after.get(pk) or before.get(pk)
            entries.append({"id": pk, "kind": DELETED, "heading": known.heading if known else None})
    return entries


def change_summary(entries: list[dict], count: int) -> str:
    """Return a history entry's line for the changes ``revision_section_changes`` listed (``count`` of
    them in all, of which ``entries`` were kept), e.g. "History: +12 −3 words; Aftermath: added"."""
    parts = [describe_section_change(entry) for entry in entries]
    if count > len(entries):
        more = count - len(entries)
        parts.append(f"{more} more section{'s' if more != 1 else ''}")
    return "; ".join(parts)


def describe_section_change(entry: dict) -> str:
    heading = entry.get("heading")
    name = "Lead" if heading == "" else heading or "A section"
    if entry["kind"] in (ADDED, DELETED, MOVED):
        return f"{name}: {entry['kind']}"
    details = []
    if "added" in entry:
        details.append(f"+{entry['added']} \u2212{entry['removed']} words")
    if entry.get("keys"):
        details.append("source keys renamed, no change for readers")
    if "was" in entry:
        details.append(f"renamed from “{entry['was'] or 'Lead'}”")
    if entry.get("level"):
        details.append("level changed")
    if entry.get("moved"):
        details.append("moved")
    return f"{name}: {', '.join(details) or 'changed'}"
