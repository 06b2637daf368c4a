import pytest

from articles.services import article_import
from articles.textformat import parse_article, render_article


def repeated_text(seed_bytes: bytes, times: int) -> str:
    """Return the seed in the import format with its sections after the lead repeated ``times`` times,
    each copy's headings numbered so every heading stays distinct."""
    sections = parse_article(seed_bytes).sections
    lead, rest = sections[0], sections[1:]
    copies = [
        (f"{section.heading} ({copy})" if copy > 1 else section.heading, section.body)
        for copy in range(1, times + 1)
        for section in rest
    ]
    return render_article([(lead.heading, lead.body), *copies])


@pytest.fixture
def large_article(db, seed_bytes):
    """An article five times the seed's size, citing the same 80 sources."""
    text = repeated_text(seed_bytes, 5)
    return article_import(data=text, slug="operation-1107-x5", title="Operation 1107, five times").article
