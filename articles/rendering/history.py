"""Compare two revisions of an article section by section, for the public history page."""

from dataclasses import dataclass

from editorial.diffing import TextDiff, word_diff

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
