"""Every real article of the shared corpus imports (issue 18): an editor's bracket inside a quotation
("[i]t was", "for [a] man", "[sic]") is part of the text, not a citation marker.

The articles are read from ../shared/corpus in place, never copied into the project (their licences are
not the project's); without it these tests skip.
"""

import os
import re
from pathlib import Path

import pytest

from articles.services import article_import
from claims.models import Claim
from sources.models import Source

CORPUS = Path(os.environ.get("VERITY_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus"))
FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
NUMBER_MARKER = re.compile(r"\[([1-9][0-9]*)\]")
# Letters or dots in brackets, not followed by a link: what the corpus's quotations insert.
EDITORIAL = re.compile(r"\[(?:[A-Za-z]+|\.+)\](?!\()")

pytestmark = [
    pytest.mark.skipif(not FILES, reason="the shared corpus of real articles is absent"),
    pytest.mark.django_db,
]


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_every_corpus_article_imports_keeping_its_editorial_brackets_as_text(path):
    text = path.read_text("utf-8")
    result = article_import(data=text, slug=path.stem)
    article = result.article
    assert result.claims.created > 100  # a whole article, not a stub
    cited = {int(number) for number in NUMBER_MARKER.findall(text)}
    sources = set(Source.objects.filter(article=article).values_list("key", flat=True))
    assert sources == {str(n) for n in cited}
    claims = Claim.objects.filter(section__article=article)
    brackets = EDITORIAL.findall(text)
    in_claims = [b for claim in claims.values_list("text", flat=True) for b in EDITORIAL.findall(claim)]
    assert sorted(in_claims) == sorted(brackets)
