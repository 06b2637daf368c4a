"""The public fact-check report's two long lists as HTML: the statements checked against each other, and
every statement, worst first. Built in Python for the reason ``markup`` is: a template loop over the
5,754 rows and 18,436 findings of the 25x article took seconds. Safe by type, as ``markup`` is: every
function returns ``Html`` written with ``html()``, which escapes each string from an article, a source or
a finding."""

from collections.abc import Callable, Iterable

from articles.rendering.html import EMPTY, Html, html
from articles.rendering.page import flag_notes
from claims.evidence.verdicts import CONTRADICTED, NOT_FOUND, SUPPORTED
from claims.report import ClaimRow, FigureRow

FINDING_TITLES = {
    "conflict": "Conflicting figures",
    "estimates": "Estimates differ",
    "possible": "Conflicting figures",  # listed only once a reviewer confirmed it
}


def finding_html(finding: dict, article_url: str) -> Html:
    """Return a finding (as ``claims.selectors.public_findings`` gives it) as a list item."""
    title = FINDING_TITLES.get(finding["kind"], "Agreeing figures")
    statements = Html(" and ").join(
        [
            html(
                '<a href="{}#claim-{}">“{}”</a> in “{}”',
                article_url,
                statement["id"],
                statement["value"],
                statement["text"],
            )
            for statement in finding["statements"]
        ]
    )
    return html(
        '<li class="finding finding-{kind} finding-{status}"><strong>{title}</strong> ({status}):\n'
        "    {statements}</li>",
        kind=finding["kind"],
        status=finding["status"],
        title=title,
        statements=statements,
    )


def findings_html(findings: Iterable[dict], article_url: str) -> Html:
    return Html("\n  ").each_followed_by([finding_html(finding, article_url) for finding in findings])


def keys_html(keys: Iterable[str]) -> Html:
    """Return source keys as the report shows them: [a][b]."""
    return html("[{}]", Html("][").join(keys)) if keys else EMPTY


def figure_html(figure: FigureRow) -> Html:
    if figure.verdict == SUPPORTED:
        return html(
            '{} <span class="verdict-label">verified in {}</span>', figure.text, keys_html(figure.keys)
        )
    if figure.verdict == CONTRADICTED:
        return html(
            '{} <span class="legend-label legend-contradicted_by_source">contradicted: {} says {}</span>'
            " <q>{}</q>",
            figure.text,
            keys_html(figure.keys),
            figure.says,
            figure.passage,
        )
    if figure.verdict == NOT_FOUND:
        return html(
            '{} <span class="legend-label legend-failed_verification">failed verification</span>', figure.text
        )
    return html("{}", figure.text)


INFERRED_NOTE = Html('<span class="visually-hidden"> (inferred)</span>')


def row_html(row: ClaimRow, article_url: str, source_url: Callable[[str], str]) -> Html:
    """Return a statement's row: its text (linking to it), section, status, flags, figures and sources."""
    notes = Html(", ").join(
        [
            html(
                '<span class="legend-label legend-{}" title="{}">{}</span>',
                note.name,
                note.reason,
                note.label,
            )
            for note in flag_notes(row.flags)
        ]
    )
    figures = Html("; ").join([figure_html(figure) for figure in row.figures])
    cited = EMPTY.join([html('<a href="{}">[{}]</a> ', source_url(key), key) for key in row.sources])
    inferred = EMPTY.join(
        [
            html('<a class="inferred" href="{}">[{}]{}</a> ', source_url(key), key, INFERRED_NOTE)
            for key in row.inferred_sources
        ]
    )
    return html(
        '<tr id="row-{id}">\n'
        '      <td><a href="{article_url}#claim-{id}">{text}</a></td>\n'
        "      <td>{section}</td>\n"
        '      <td><span class="status status-{status}">{status}</span></td>\n'
        "      <td>{notes}</td>\n"
        "      <td>{figures}</td>\n"
        "      <td>{cited}{inferred}</td>\n"
        "    </tr>",
        id=row.id,
        article_url=article_url,
        text=row.text,
        section=row.section,
        status=row.status,
        notes=notes or "none",
        figures=figures or "—",
        cited=cited,
        inferred=inferred,
    )


def rows_html(rows: Iterable[ClaimRow], article_url: str, source_url: Callable[[str], str]) -> Html:
    return Html("\n    ").each_followed_by([row_html(row, article_url, source_url) for row in rows])
