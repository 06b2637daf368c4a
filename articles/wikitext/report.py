"""The import report: what a wikitext import left out (by kind, with the first examples) and how every
``<ref>`` tag was read, so nothing is dropped silently. Pure."""

from collections import Counter
from dataclasses import dataclass, field

MAX_EXAMPLES = 3
EXAMPLE_LENGTH = 80

# What became of each <ref> tag; the outcomes add up to the tags the parse found.
NEW_SOURCE = "defined a source"
SAME_CONTENT = "same content as an earlier ref (same source)"
NAMED_REUSE = "reused a named ref"
SHORT_CITATION = "short citation to a bibliography entry"
GROUP_NOTE = "note (group=), not a source"
UNDEFINED_NAME = "reused a name never defined (placeholder source)"
EMPTY_REF = "empty"
REF_OUTCOMES = (NEW_SOURCE, SAME_CONTENT, NAMED_REUSE, SHORT_CITATION, GROUP_NOTE, UNDEFINED_NAME, EMPTY_REF)


@dataclass
class ReportBuilder:
    left_out: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=dict)
    ref_outcomes: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)

    def leave_out(self, kind: str, example: str) -> None:
        self.left_out[kind] += 1
        shown = self.examples.setdefault(kind, [])
        if len(shown) < MAX_EXAMPLES:
            text = " ".join(example.split())
            shown.append(text if len(text) <= EXAMPLE_LENGTH else text[: EXAMPLE_LENGTH - 1] + "…")

    def build(self) -> "ImportReport":
        return ImportReport(
            left_out=tuple(
                (kind, count, tuple(self.examples.get(kind, ())))
                for kind, count in self.left_out.most_common()
            ),
            ref_outcomes=tuple((outcome, self.ref_outcomes[outcome]) for outcome in REF_OUTCOMES),
            counts=dict(self.counts),
        )


@dataclass(frozen=True)
class ImportReport:
    left_out: tuple[tuple[str, int, tuple[str, ...]], ...]  # (kind, count, first examples)
    ref_outcomes: tuple[tuple[str, int], ...]
    counts: dict  # ref_tags, refs_cited, short_citations, short_resolved, converts, …

    @property
    def ref_tags(self) -> int:
        return self.counts.get("ref_tags", 0)

    @property
    def is_reconciled(self) -> bool:
        """Return True when every <ref> tag the parse found has exactly one outcome."""
        return sum(count for _, count in self.ref_outcomes) == self.ref_tags

    def count(self, kind: str) -> int:
        return next((count for name, count, _ in self.left_out if name == kind), 0)

    def lines(self) -> list[str]:
        """Return the report as a person reads it, one line each."""
        counts = self.counts
        written = [
            f"<ref> tags: {self.ref_tags} "
            f"({'all accounted for' if self.is_reconciled else 'NOT RECONCILED'}; "
            f"{counts.get('refs_cited', 0)} cite a statement, "
            f"{counts.get('refs_in_left_out', 0)} sit in left-out markup or notes)",
        ]
        written += [f"  {count:>5}  {outcome}" for outcome, count in self.ref_outcomes if count]
        written.append(
            f"short citations ({{{{sfn}}}}, {{{{harvnb}}}}): {counts.get('short_citations', 0)}, "
            f"{counts.get('short_resolved', 0)} resolved to their bibliography entry"
        )
        if counts.get("plain_short_resolved"):
            written.append(
                f'plain-text short references ("Author (Year), p. N"): {counts["plain_short_resolved"]} '
                "resolved to their bibliography entry"
            )
        if counts.get("rp_pages"):
            written.append(f"pages after a ref ({{{{rp}}}}): {counts['rp_pages']} given to their citation")
        if counts.get("converts"):
            written.append(
                f"{{{{convert}}}}: {counts['converts']} computed"
                + (f", {counts['converts_failed']} kept as written" if counts.get("converts_failed") else "")
            )
        if counts.get("brackets_rewritten"):
            written.append(f"bracketed text written in parentheses: {counts['brackets_rewritten']}")
        written.append("left out (not article text):" if self.left_out else "left out: nothing")
        for kind, count, examples in self.left_out:
            written.append(f"  {count:>5}  {kind}: " + " | ".join(examples))
        return written
