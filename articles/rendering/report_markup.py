"""The public fact-check report's two long lists as HTML: the statements checked against each other, and
every statement, worst first. Built in Python for the reason ``markup`` is: a template loop over the
5,754 rows and 18,436 findings of the 25x article took seconds. Every string from an article, a source
or a finding goes through ``escape``; the caller marks the result safe once."""

from collections.abc import Callable, Iterable

from articles.rendering.markup import escape
from articles.rendering.page import flag_notes
from claims.evidence.verdicts import CONTRADICTED, NOT_FOUND, SUPPORTED
from claims.report import ClaimRow, FigureRow

FINDING_TITLES = {
    "conflict": "Conflicting figures",
    "estimates": "Estimates differ",
    "possible": "Conflicting figures",  # listed only once a reviewer confirmed it
}


def finding_html(finding: dict, article_url: str) -> str:
    """Return a finding (as ``claims.selectors.public_findings`` gives it) as a list item."""
    title = FINDING_TITLES.get(finding["kind"], "Agreeing figures")
    statements = " and ".join(
        f'<a href="{escape(article_url)}#claim-{statement["id"]}">“{escape(statement["value"])}”</a>'
        f" in “{escape(statement['text'])}”"
        for statement in finding["statements"]
    )
    return (
        f'<li class="finding finding-{escape(finding["kind"])} finding-{escape(finding["status"])}">'
        f"<strong>{title}</strong> ({escape(finding['status'])}):\n    {statements}</li>"
    )


def findings_html(findings: Iterable[dict], article_url: str) -> str:
    return "".join(f"{finding_html(finding, article_url)}\n  " for finding in findings)


def figure_html(figure: FigureRow) -> str:
    if figure.verdict == SUPPORTED:
        keys = "".join(f"[{escape(key)}]" for key in figure.keys)
        return f'{escape(figure.text)} <span class="verdict-label">verified in {keys}</span>'
    if figure.verdict == CONTRADICTED:
        keys = "".join(f"[{escape(key)}]" for key in figure.keys)
        return (
            f'{escape(figure.text)} <span class="legend-label legend-contradicted_by_source">'
            f"contradicted: {keys} says {escape(figure.says)}</span> <q>{escape(figure.passage)}</q>"
        )
    if figure.verdict == NOT_FOUND:
        return (
            f'{escape(figure.text)} <span class="legend-label legend-failed_verification">'
            "failed verification</span>"
        )
    return escape(figure.text)


def row_html(row: ClaimRow, article_url: str, source_url: Callable[[str], str]) -> str:
    """Return a statement's row: its text (linking to it), section, status, flags, figures and sources."""
    notes = ", ".join(
        f'<span class="legend-label legend-{escape(note.name)}" title="{escape(note.reason)}">'
        f"{escape(note.label)}</span>"
        for note in flag_notes(row.flags)
    )
    figures = "; ".join(figure_html(figure) for figure in row.figures)
    cited = "".join(f'<a href="{escape(source_url(key))}">[{escape(key)}]</a> ' for key in row.sources)
    inferred = "".join(
        f'<a class="inferred" href="{escape(source_url(key))}">[{escape(key)}]'
        '<span class="visually-hidden"> (inferred)</span></a> '
        for key in row.inferred_sources
    )
    return (
        f'<tr id="row-{row.id}">\n'
        f'      <td><a href="{escape(article_url)}#claim-{row.id}">{escape(row.text)}</a></td>\n'
        f"      <td>{escape(row.section)}</td>\n"
        f'      <td><span class="status status-{escape(row.status)}">{escape(row.status)}</span></td>\n'
        f"      <td>{notes or 'none'}</td>\n"
        f"      <td>{figures or '—'}</td>\n"
        f"      <td>{cited}{inferred}</td>\n"
        "    </tr>"
    )


def rows_html(rows: Iterable[ClaimRow], article_url: str, source_url: Callable[[str], str]) -> str:
    return "".join(f"{row_html(row, article_url, source_url)}\n    " for row in rows)
