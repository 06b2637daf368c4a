"""The figure check on the public pages, the JSON and the fact-check command: verdicts, passages and
confirmed quotes, with source text treated as hostile."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.services import article_import
from claims.models import Citation
from claims.verification import citation_confirm_passage
from sources.models import Source
from sources.services import snapshot_store

ARTICLE = (
    "The floods displaced 6,000 villagers in Kayah.[1] Over 20 soldiers were killed in the clashes.[2]\n"
    "Aftermath\n"
    "Aid agencies said 45% of the camps lacked clean water.[2]\n"
)
HOSTILE = '<script>alert("x")</script>'
REPORT_ONE = (
    f"Monsoon floods hit Kayah.\nThe UN said some six thousand villagers were displaced in Kayah. {HOSTILE}"
)
REPORT_TWO = (
    "Monitors said 23 soldiers were killed in the clashes. Aid agencies said 54% of camps lacked water."
)


@pytest.fixture
def checked(db, editor):
    article = article_import(data=ARTICLE, slug="floods").article
    for key, text in (("1", REPORT_ONE), ("2", REPORT_TWO)):
        snapshot_store(
            source=Source.objects.get(article=article, key=key), text=text, origin="paste", user=editor
        )
    return article


def figures_by_text(data) -> dict:
    return {figure["text"]: figure for claim in data["claims"] for figure in claim["figures"]}


def test_the_json_gives_each_figure_its_verdict_passage_and_keys(client, checked):
    data = json.loads(client.get(reverse("articles:json", args=[checked.slug])).content)
    figures = figures_by_text(data)
    assert figures["6,000"]["verdict"] == "supported" and figures["6,000"]["keys"] == ["1"]
    assert (
        figures["6,000"]["passage"]
        == f"The UN said some six thousand villagers were displaced in Kayah. {HOSTILE}"
    )
    assert figures["Over 20"]["passage"] == "Monitors said 23 soldiers were killed in the clashes."
    # the source gives the same camps another share: contradicted, with what it says and where
    assert figures["45%"]["verdict"] == "contradicted" and figures["45%"]["keys"] == ["2"]
    assert figures["45%"]["says"] == "54%"
    assert figures["45%"]["passage"] == "Aid agencies said 54% of camps lacked water."
    assert data["summary"]["by_verdict"] == {
        "supported": 2,
        "contradicted": 1,
        "not_found": 0,
        "no_evidence": 0,
    }
    assert data["summary"]["by_flag"]["contradicted_by_source"] == 1
    assert data["summary"]["by_flag"]["failed_verification"] == 0


def test_the_factcheck_command_carries_the_verdicts(checked):
    out = io.StringIO()
    call_command("factcheck", checked.slug, "--json", stdout=out)
    figures = figures_by_text(json.loads(out.getvalue()))
    assert (figures["Over 20"]["verdict"], figures["Over 20"]["keys"]) == ("supported", ["2"])
    table = io.StringIO()
    call_command("factcheck", checked.slug, stdout=table)
    assert "6,000 (supported [1])" in table.getvalue()
    assert "45% (contradicted [2]: the source says 54%)" in table.getvalue()
    assert "figures: supported 2, contradicted 1, not_found 0, no_evidence 0" in table.getvalue()


def test_readers_see_verified_and_failed_figures_with_the_passage_escaped(client, checked):
    html = client.get(checked.get_absolute_url()).content.decode()
    assert "verified in [1]</sup>" in html and "verified in [2]</sup>" in html
    assert "[contradicted by source]</sup>" in html
    assert "The source [2] says 54%: <q>Aid agencies said 54% of camps lacked water.</q>" in html
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    assert f"<q>The UN said some six thousand villagers were displaced in Kayah. {escaped}</q>" in html
    assert HOSTILE not in html


def test_the_reference_list_shows_the_confirmed_quote_escaped(client, checked, reviewer):
    citation = Citation.objects.get(claim__section__article=checked, source__key="1")
    citation_confirm_passage(
        citation=citation, text=f"some six thousand villagers … {HOSTILE}", user=reviewer
    )
    html = client.get(checked.get_absolute_url()).content.decode()
    assert '<q class="source-quote">some six thousand villagers … &lt;script&gt;' in html
    assert HOSTILE not in html
    plain = client.get(checked.get_absolute_url() + "?highlight=off").content.decode()
    # No marks with highlighting off (the fact box still counts the verified figures).
    assert "verified in [" not in plain and 'class="source-quote"' in plain


def test_the_factcheck_page_counts_and_shows_the_verdicts(client, checked):
    html = client.get(reverse("articles:factcheck", args=[checked.slug])).content.decode()
    counts = (
        "<strong>2</strong> verified, <strong>1</strong> contradicted by a source, <strong>0</strong> failed"
        " verification, 0 without source text"
    )
    assert counts in html
    assert '6,000 <span class="verdict-label">verified in [1]</span>' in html
    assert (
        '45% <span class="legend-label legend-contradicted_by_source">contradicted: [2] says 54%</span>'
        " <q>Aid agencies said 54% of camps lacked water.</q>" in html
    )
