"""An old revision of an article as readers see it: its sections' bodies as the page renderer's inputs.
Pure, no ORM.

A revision stores bodies, not claims: each body is read into sentences here exactly as ``claims_sync``
reads it (``claims.sentences.split_body``), and ``page.render_article`` numbers the markers by first use
in the old text. A marker keeps the key it was written with; ``aliases`` (``selectors.key_aliases`` as of
the revision) turns a key renamed since into the source's key of now, so the reference list finds it.
"""

from collections.abc import Callable, Iterable, Mapping

from articles.rendering.history import SectionSnapshot
from articles.rendering.html import Html, html
from articles.rendering.markup import backlinks_html, reference_html
from articles.rendering.page import ClaimInput, Reference, SectionInput
from claims.sentences import split_body

GONE_SOURCE_TEXT = "A source no longer in the article."


def revision_inputs(
    sections: Iterable[SectionSnapshot], aliases: Mapping[str, str]
) -> tuple[SectionInput, ...]:
    """Return the sections in their order as ``render_article`` inputs.

    Sentences are numbered across the page (from 1), so every sentence's anchor is unique; sections are
    anchored by position (``s0``, ``s1`` …) for the same reason. A key without an alias stays as written
    (``missing_keys`` finds those).
    """
    inputs = []
    number = 0
    for position, section in enumerate(sorted(sections, key=lambda section: (section.order, section.id))):
        claims = []
        for sentence in split_body(section.body, aliases):  # every key a source has had
            number += 1
            claims.append(
                ClaimInput(
                    id=number,
                    text=sentence.text,
                    paragraph=sentence.paragraph,
                    markers=tuple((aliases.get(m.key, m.key), m.offset) for m in sentence.markers),
                    inferred_keys=tuple(aliases.get(key, key) for key in sentence.inferred_keys),
                )
            )
        inputs.append(
            SectionInput(section.heading, section.level, f"s{position}", tuple(claims), section.body)
        )
    return tuple(inputs)


def cited_keys(sections: Iterable[SectionInput]) -> frozenset[str]:
    """Return every key the sections cite, explicitly or by inference."""
    return frozenset(
        key
        for section in sections
        for claim in section.claims
        for key in (*(key for key, _ in claim.markers), *claim.inferred_keys)
    )


def missing_keys(sections: Iterable[SectionInput], known: Iterable[str]) -> frozenset[str]:
    """Return the keys the sections cite that no source of now has (a source deleted since)."""
    return cited_keys(sections) - frozenset(known)


def revision_references_html(
    references: Iterable[Reference], gone_keys: frozenset[str], source_url: Callable[[str], str]
) -> Html:
    """Return the reference list's entries as the article page writes them (``markup.reference_html``);
    a source no longer in the article gets an entry that says so, with its backlinks and no link to a
    page about it (there is none)."""
    entries = []
    for reference in references:
        if reference.key in gone_keys:
            entries.append(
                html(
                    '<li id="{}" class="gone-source"><span class="backlinks">{}</span> {}</li>',
                    reference.anchor,
                    backlinks_html(reference),
                    GONE_SOURCE_TEXT,
                )
            )
        else:
            entries.append(reference_html(reference, source_url(reference.key)))
    return Html("\n  ").each_followed_by(entries)
