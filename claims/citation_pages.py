"""Which page of its source each citation cites, from the pages an import read beside the body's markers.

An import says "the n-th marker [key] of this section's body cites p. 12" (wikitext's ``{{sfn}}``,
``{{harvnb}}`` in a ref, ``{{rp}}``); a claim holds its markers in body order, so counting each key's
markers claim by claim finds the claim that marker belongs to. Pure: no ORM, so it is table-tested.
"""

from collections.abc import Iterable


def pages_by_citation(
    claims: Iterable[tuple[int, list]], cited_pages: Iterable[tuple[str, int, str]]
) -> dict[tuple[int, str], str]:
    """Return {(claim id, key): pages} for the citations that cite a page.

    ``claims`` are (id, markers as [[key, offset], …]) in body order; ``cited_pages`` (key, n, page). A claim
    citing one source twice with two pages cites both ("p. 3, p. 9"); a page named twice is written once.
    """
    wanted = {(key, number): page for key, number, page in cited_pages}
    if not wanted:
        return {}
    seen: dict[str, int] = {}
    pages: dict[tuple[int, str], list[str]] = {}
    for claim_id, markers in claims:
        for key, _offset in markers:
            seen[key] = seen.get(key, 0) + 1
            page = wanted.get((key, seen[key]))
            if page and page not in pages.setdefault((claim_id, key), []):
                pages[claim_id, key].append(page)
    return {citation: ", ".join(values) for citation, values in pages.items() if values}
