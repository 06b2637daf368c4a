"""The reader's page as HTML: the sentences, their marks, tables, the contents and the reference list.

Built here in Python, not by template includes: an include per sentence piece made the template 90 % of
a cold render (0.12 ms a claim; 0.8 s for an article of 5,754 claims), while the chrome around the
article (header, fact box, legend) stays in ``templates/articles/article_detail.html``.

Safe by type (``articles.rendering.html``): every function here returns ``Html``, written with ``html()``,
which escapes each argument that is not ``Html`` already, so a string from an article, a source or a person
cannot be put in the page as markup; the template gets it through ``for_template``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.text import capfirst

from articles.rendering.html import EMPTY, Html, escape, for_template, html
from articles.rendering.identifiers import doi_url, isbn_url, pages_text
from articles.rendering.page import (
    CitationMark,
    ConflictLink,
    FlagMark,
    Reference,
    RenderedArticle,
    RenderedClaim,
    RenderedParagraph,
    SourceInput,
    Text,
    TocEntry,
)
from articles.rendering.review import ChangedMark, ReviewMark
from articles.rendering.tables import RenderedTable

READER_DATE = "j F Y"  # 29 November 2026
MACHINE_DATE = "Y-m-d"


def time_element(value: date | datetime) -> Html:
    """Return ``<time>`` with the machine date and the reader's date; a moment in the site's time zone."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return html(
        '<time datetime="{}">{}</time>', date_format(value, MACHINE_DATE), date_format(value, READER_DATE)
    )


def citation_html(mark: CitationMark) -> Html:
    if mark.is_inferred:
        return html(
            '<sup class="{}" id="{}"><a href="#{}" title="{}">[{}]'
            '<span class="visually-hidden"> (inferred)</span></a></sup>',
            mark.classes,
            mark.anchor,
            mark.note_anchor,
            mark.title,
            mark.number,
        )
    return html(
        '<sup class="{}" id="{}"><a href="#{}">[{}]</a></sup>',
        mark.classes,
        mark.anchor,
        mark.note_anchor,
        mark.number,
    )


SPACE = Html(" ")


def flag_html(flag: FlagMark) -> Html:
    """Return a flagged figure (or the marker after a flagged sentence) with its tooltip; the tooltip
    says which sources state a verified figure, what the first says, and why the figure is marked."""
    tip_id = escape(flag.tip_id)
    parts = [html('<span class="{}" tabindex="0" aria-describedby="{}">', flag.classes, tip_id)]
    if flag.is_figure:
        parts.append(html("<mark>{}</mark>", flag.text))
    if flag.label:
        parts.append(html('<sup class="flag-label">[{}]</sup>', flag.label))
    if flag.is_verified:
        parts.append(html('<sup class="verdict-label">{}</sup>', flag.verified_label))
    parts.append(html('<span class="flag-tip" role="tooltip" id="{}">', tip_id))
    reason = flag.reason
    if flag.is_verified:
        parts.append(html("{}: <q>{}</q>", capfirst(flag.verified_label), flag.passage))
        if reason:
            parts.append(SPACE)
    elif flag.is_contradicted:
        parts.append(html("{}: <q>{}</q>", flag.contradiction_text, flag.passage))
        if reason:
            parts.append(SPACE)
    parts.append(html("{}</span></span>", reason))
    return EMPTY.join(parts)


def review_mark_html(mark: ReviewMark | ChangedMark) -> Html:
    if isinstance(mark, ChangedMark):
        return html(
            '<a class="changed-mark" id="{}" href="#{}"><sup>[changed since review]</sup></a>',
            mark.anchor,
            mark.target,
        )
    tip_id = escape(mark.tip_id)
    said = "Approved" if mark.status == "approved" else capfirst(mark.label)
    parts = [
        html('<span class="{}" tabindex="0" aria-describedby="{}">', mark.classes, tip_id),
        html('<sup class="review-label">[{}]</sup>', mark.label),
        html('<span class="review-tip" role="tooltip" id="{}">{}', tip_id, said),
    ]
    if mark.by:
        parts.append(html(" by {}", mark.by))
    if mark.at:
        parts.append(html(" on {}", time_element(mark.at)))
    parts.append(html(": {}", mark.note) if mark.note else Html("."))
    parts.append(Html("</span></span>"))
    return EMPTY.join(parts)


def conflict_html(link: ConflictLink) -> Html:
    return html(' <a class="conflict-link" href="{}">(see the conflicting statement)</a>', link.href)


def piece_html(piece) -> Html:
    """Return one piece of a sentence: its text, a citation marker, a flag, a review mark or a link."""
    if isinstance(piece, Text):
        return escape(piece.text)
    if isinstance(piece, CitationMark):
        return citation_html(piece)
    if isinstance(piece, FlagMark):
        return flag_html(piece)
    if isinstance(piece, ConflictLink):
        return conflict_html(piece)
    return review_mark_html(piece)


def claim_html(claim: RenderedClaim) -> Html:
    # A text piece is joined as text (join escapes it): the most frequent piece, without a call of its own.
    pieces = EMPTY.join([piece.text if type(piece) is Text else piece_html(piece) for piece in claim.pieces])
    return html('<span id="{}" class="{}">{}</span>', claim.anchor, claim.classes, pieces)


def table_html(table: RenderedTable) -> Html:
    parts = [Html('<div class="table-wrap"><table class="article-table">')]
    if table.header:
        cells = EMPTY.join([html('<th scope="col">{}</th>', cell) for cell in table.header])
        parts.append(html("<thead><tr>{}</tr></thead>", cells))
    parts.append(Html("<tbody>"))
    for row in table.rows:
        cells = EMPTY.join(
            [html("<td>{}</td>", EMPTY.join([piece_html(piece) for piece in cell])) for cell in row.cells]
        )
        if row.padding:
            cells += html('<td colspan="{}"></td>', row.padding)
        parts.append(html('<tr id="{}" class="{}">{}</tr>', row.claim.anchor, row.claim.classes, cells))
    parts.append(Html("</tbody></table></div>"))
    return EMPTY.join(parts)


def block_html(block: RenderedParagraph | RenderedTable) -> Html:
    """Return a paragraph (its sentences separated by one space: nothing else between them) or a table."""
    if isinstance(block, RenderedTable):
        return table_html(block)
    return html("<p>{}</p>", SPACE.join([claim_html(claim) for claim in block.claims]))


def blocks_html(blocks: Iterable[RenderedParagraph | RenderedTable]) -> Html:
    return Html("\n").each_followed_by([block_html(block) for block in blocks])


# The heading elements as markup: a tag is put in the page only if it is one of these.
HEADING_TAGS = {"h2": Html("h2"), "h3": Html("h3"), "h4": Html("h4"), "h5": Html("h5"), "h6": Html("h6")}


def sections_html(rendered: RenderedArticle, heading_extra: Callable[[int, str], Html] | None = None) -> Html:
    """Return the headed sections: each heading (h2 under the title, h3 under it …) and its blocks.
    ``heading_extra`` gives markup to put after the heading's text, from the section's position and
    heading (the [edit] link editors see)."""
    parts = []
    for index, section in enumerate(rendered.sections):
        tag = HEADING_TAGS[section.heading_tag]
        extra = heading_extra(index, section.heading) if heading_extra else EMPTY
        parts.append(html('\n<{0} id="{1}">{2}{3}</{0}>\n', tag, section.anchor, section.heading, extra))
        parts.append(blocks_html(section.paragraphs))
    return EMPTY.join(parts)


def edit_link_html(url: str, heading: str) -> Html:
    """Return the [edit] link an editor sees beside a heading, named for screen readers by its section."""
    return html(
        ' <span class="edit-section">[<a href="{}">edit<span class="visually-hidden"> section'
        " “{}”</span></a>]</span>",
        url,
        heading,
    )


def toc_html(entries: Iterable[TocEntry]) -> Html:
    """Return the contents as nested ordered lists."""
    parts = [Html("<ol>\n")]
    for entry in entries:
        parts.append(
            html(
                '  <li><a href="#{}"><span class="toc-number">{}</span> {}</a>',
                entry.anchor,
                entry.number,
                entry.heading,
            )
        )
        if entry.children:
            parts.append(html("\n{}\n", toc_html(entry.children)))
        parts.append(Html("</li>\n"))
    parts.append(Html("</ol>"))
    return EMPTY.join(parts)


def source_date_html(source: SourceInput) -> Html:
    if source.published_on:
        return time_element(source.published_on)
    return escape(source.published_text)


def external_link(href: str, text: str | Html, css_class: str = "external") -> Html:
    return html('<a class="{}" href="{}" rel="nofollow noopener">{}</a>', css_class, href, text)


def after(part: str) -> str:
    """Return what closes a part of a citation: a full stop, unless the part ends a sentence itself
    (a title "Fire on Mill Lane." read "…Lane.”." with one added; "Acme Inc." read "Inc..")."""
    return " " if part.rstrip().endswith((".", "!", "?")) else ". "


def source_citation_html(source: SourceInput) -> Html:
    """Return a source as a reference list cites it: author (date). "Title". Work. Publisher. Archived …
    Retrieved …, in Wikipedia's citation order; a source known only by its key says so."""
    if source.is_placeholder:
        return html('<span class="placeholder">{}</span>', source.placeholder_text)
    parts = []
    if source.author:
        parts.append(source.author)
        parts.append(html(" ({}).", source_date_html(source)) if source.has_date else source.author_end)
        parts.append(SPACE)
    if source.title:
        title = html("“{}”", source.title)
        parts.append(external_link(source.title_link, title) if source.title_link else title)
        parts.append(after(source.title))
    elif source.link:
        parts.append(html("{}. ", external_link(source.title_link, source.link)))
    if source.work:
        parts.append(html('<i class="citation-work">{}</i>{}', source.work, after(source.work)))
    if source.publisher:
        parts.append(html("{}{}", source.publisher, after(source.publisher)))
    if source.has_date and not source.author:
        parts.append(html("{}. ", source_date_html(source)))
    parts.append(identifiers_html(source))
    if source.archive_link:
        parts.append(external_link(source.archive_link, "Archived", "archive"))
        if source.archived_on:
            parts.append(html(" from the original on {}", time_element(source.archived_on)))
        parts.append(". ")
    if source.accessed_on:
        parts.append(html("Retrieved {}.", time_element(source.accessed_on)))
    if source.is_dead_link:
        parts.append(Html(' <span class="dead-link">[dead link]</span>'))
    if source.quote and source.quote not in source.quotes:
        parts.append(html(' <q class="citation-quote">{}</q>', source.quote))
    return EMPTY.join(parts)


def identifiers_html(source: SourceInput) -> Html:
    """Return the pages, DOI and ISBN of a source, in Wikipedia's citation order; an identifier is linked
    only when it is well formed (``articles.rendering.identifiers``)."""
    parts = []
    if source.pages:
        parts.append(html('<span class="citation-pages">{}</span>. ', pages_text(source.pages)))
    if source.doi:
        url = doi_url(source.doi)
        parts.append(html("doi:{}. ", external_link(url, source.doi) if url else source.doi))
    if source.isbn:
        url = isbn_url(source.isbn)
        parts.append(html("ISBN {}. ", external_link(url, source.isbn) if url else source.isbn))
    return EMPTY.join(parts)


INFERRED_CLASS = Html(' class="inferred"')
INFERRED_NOTE = Html('<span class="visually-hidden"> (inferred)</span>')


def backlinks_html(reference: Reference) -> Html:
    """Return the links back to where the source is cited: one arrow, or an arrow and a, b, c …"""
    links = reference.backlinks
    if len(links) == 1:
        link = links[0]
        return html(
            '<a href="#{}"{}><span aria-hidden="true">↑</span>'
            '<span class="visually-hidden">Back to the citation{}</span></a>',
            link.anchor,
            INFERRED_CLASS if link.is_inferred else EMPTY,
            " (inferred)" if link.is_inferred else "",
        )
    parts = [Html('<span aria-hidden="true">↑</span>')]
    for link in links:
        parts.append(
            html(
                ' <a href="#{}"{}><span class="visually-hidden">Back to citation </span>{}{}</a>',
                link.anchor,
                INFERRED_CLASS if link.is_inferred else EMPTY,
                link.label,
                INFERRED_NOTE if link.is_inferred else EMPTY,
            )
        )
    return EMPTY.join(parts)


def cited_pages_html(reference: Reference) -> Html:
    """Return the pages the uses cite, as short citations show them: "p. 12." for one use, "a: p. 12;
    c: pp. 3–5." naming the backlink of each use that cites a page; "" when none does."""
    cited = [link for link in reference.backlinks if link.pages]
    if not cited:
        return EMPTY
    if len(reference.backlinks) == 1:
        text = escape(cited[0].pages)
    else:
        text = Html("; ").join([html("{}: {}", link.label, link.pages) for link in cited])
    return html('<span class="cited-pages">{}.</span>', text)


def reference_html(reference: Reference, source_url: str) -> Html:
    """Return an entry of the reference list; ``source_url`` is the page about the source."""
    quotes = EMPTY.join([html(' <q class="source-quote">{}</q>', quote) for quote in reference.source.quotes])
    citation = source_citation_html(reference.source) + quotes
    pages = cited_pages_html(reference)
    if pages:
        citation += (EMPTY if citation.endswith(" ") else SPACE) + pages
    return html(
        '<li id="{}"><span class="backlinks">{}</span> {} <a class="source-page" href="{}">About this source'
        '<span class="visually-hidden"> ({})</span></a></li>',
        reference.anchor,
        backlinks_html(reference),
        citation,
        source_url,
        reference.number,
    )


def references_html(references: Iterable[Reference], source_url: Callable[[str], str]) -> Html:
    """Return the reference list's entries; ``source_url`` gives the page about a source by its key."""
    return Html("\n  ").each_followed_by(
        [reference_html(reference, source_url(reference.key)) for reference in references]
    )


@dataclass(frozen=True)
class ArticleMarkup:
    """The parts of the reader's page built here, each safe to put in the template as it is."""

    lead: SafeString
    sections: SafeString
    toc: SafeString
    references: SafeString


def article_markup(
    rendered: RenderedArticle,
    source_url: Callable[[str], str],
    heading_extra: Callable[[int, str], Html] | None = None,
) -> ArticleMarkup:
    """Return the lead, the sections, the contents and the reference list of ``rendered`` as HTML."""
    return ArticleMarkup(
        lead=for_template(blocks_html(rendered.lead)),
        sections=for_template(sections_html(rendered, heading_extra)),
        toc=for_template(toc_html(rendered.toc) if rendered.toc else EMPTY),
        references=for_template(references_html(rendered.references, source_url)),
    )
