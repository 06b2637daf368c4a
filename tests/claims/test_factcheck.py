"""The fact-check report on the seed: each figure with the flags a reader should see, read off the seed's
own markers (no marker and none later in the paragraph: unsourced; no marker but a later one: inferred;
one distinct source: single source) and wording."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.services import article_import
from claims.report import report_as_dict
from claims.selectors import factcheck_rows

# Every test may use the database: pytest-django creates it only for the tests collected that do, and the
# module's report fixture needs it even when only the report's tests are selected (-k).
pytestmark = pytest.mark.django_db

U, INF, S, H = "unsourced", "inferred_source", "single_source", "hedged"
# Issue 12: the seed's two pre-existing displacement figures ("over 150,000", "over 180,000") conflict, so
# both claims now carry the flag "conflicting" besides what they carried before (flags are per claim, so
# "more than 40 percent", in the second sentence, carries it too).
C = "conflicting"

# (figure as written, a fragment of its sentence, its flags other than "unreviewed")
SEED_FIGURES = [
    # Allegations of Atrocities and Civilian Impact: no citation in the paragraph after them.
    ("at least 14", "On November 14, 2023, junta airstrikes", {U}),
    ("75", "75 civilian deaths", {U}),
    ("over 94", "over 94 injuries", {U}),
    ("over 25", "reportedly killed over 25 civilians", {U, H}),
    ("around 10", "injured around 10 more", {U, H}),
    ("over 150,000", "uprooted over 150,000 people", {U, C}),
    ("nearly two years", "nearly two years", {U}),
    # One source.
    ("one-year", "one-year state of emergency", {S}),
    ("over 6,000", "killing over 6,000 civilians", {S}),
    ("more than 20,000", "detaining more than 20,000", {S}),
    ("over 20", "over 20 ethnic armed organizations", {S}),
    ("about 21%", "about 21% of the country", {S}),
    ("over 3 million", "over 3 million", {S}),
    ("57", "57", {S}),
    ("over 8,000", "over 8,000", {S}),
    ("11,500", "displacing 11,500 people", {S}),
    ("over 1,000", "killing over 1,000 protesters", {S}),
    ("approximately 300,000", "approximately 300,000 personnel", {S}),
    ("over 100", "capturing over 100 junta positions", {S}),
    ("at least 15", "seizing at least 15 rifles along with", {S}),
    ("at least 20", "20 civilian deaths in Loikaw, Pekon", {S}),
    ("over 100", "seizure of over 100 weapons", {S}),
    ("over 477", "over 477 airstrikes", {S}),
    ("over 20", "troops killed during the initial assaults", {S}),
    ("2,400-kilometer", "2,400-kilometer", {S}),
    ("over 2,000", "over 2,000", {S}),
    ("more than 140,000", "more than 140,000", {S}),
    ("70%", "volumes dropping 70%", {S}),
    ("$1 billion", "$1 billion annually", {S}),
    ("$20 billion", "$20 billion in investments", {S}),
    # One source and worded as unconfirmed.
    ("over 20", "over 20 junta personnel killed", {S, H}),
    ("approximately 85%", "approximately 85% of Loikaw", {S, H}),
    ("75%", "claimed 75% territorial control", {S, H}),
    ("at least 70", "at least 70 junta soldiers", {S, H}),
    ("38", "38 captured", {S, H}),
    # Covered only by the next citation in the paragraph.
    ("at least 14", "such bombardments extended to Loikaw itself", {INF}),
    ("four", "four", {INF}),
    ("at least 477", "at least 477", {INF}),
    ("approximately 350 to 367", "approximately 350 to 367", {INF}),
    ("six", "over six townships", {INF}),
    ("65", "65 junta bases", {INF}),
    ("seven", "seven", {INF}),
    ("over 286,000", "over 286,000", {INF}),
    ("over 180,000", "over 180,000", {INF, C}),
    ("more than 40 percent", "more than 40 percent", {INF, C}),
    ("over 100", "over 100 civilian deaths from junta", {INF, S}),
    # Several sources.
    ("ten years", "ten years", set()),
    ("700-800", "700-800", set()),
    ("At least two", "At least two", set()),
    ("274", "274 reported armed clashes", set()),
    ("approximately 80%", "approximately 80%", set()),
    ("over 210,000", "over 210,000", set()),
    ("approximately 40-50%", "approximately 40-50%", set()),
]


@pytest.fixture(scope="module")
def seed_report(django_db_setup, django_db_blocker, seed_bytes):
    """The seed's report, built once for the module; the import is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        article = article_import(data=seed_bytes, slug="operation-1107", title="Operation 1107").article
        report = report_as_dict(article.slug, factcheck_rows(article))
        transaction.set_rollback(True)
    return report


def figure_rows(report):
    return [(figure, claim) for claim in report["claims"] for figure in claim["figures"]]


@pytest.mark.parametrize(("text", "fragment", "flags"), SEED_FIGURES)
def test_seed_figure_flags(seed_report, text, fragment, flags):
    matches = [
        (figure, claim)
        for figure, claim in figure_rows(seed_report)
        if figure["text"] == text and fragment in claim["text"]
    ]
    assert matches, f"{text!r} not found in a sentence containing {fragment!r}"
    for figure, claim in matches:
        assert set(claim["flags"]) - {"unreviewed"} == flags
        assert set(figure["flags"]) == set(claim["flags"])
        assert figure["flagged"] is bool(flags)


def test_the_table_covers_forty_figures_of_the_report_and_every_unsourced_one(seed_report):
    """The table is checked against the report, not against itself: at least forty of the report's
    figures are rows of it, and every figure the report calls unsourced is among them."""
    rows = figure_rows(seed_report)
    covered = {
        (claim["id"], figure["text"])
        for figure, claim in rows
        for text, fragment, _ in SEED_FIGURES
        if figure["text"] == text and fragment in claim["text"]
    }
    assert len(covered) >= 40
    unsourced = {(claim["id"], figure["text"]) for figure, claim in rows if U in claim["flags"]}
    assert unsourced and unsourced <= covered


@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit", "qualifier", "kind"),
    [
        ("700-800", 700, 800, "fighters", "exact", "count"),
        ("approximately 85%", 85, None, "percent", "approximately", "percent"),
        ("$1 billion", 1_000_000_000, None, "USD", "exact", "money"),
        ("over 477", 477, None, "airstrikes", "over", "count"),
        ("approximately 350 to 367", 350, 367, "", "approximately", "count"),
    ],
)
def test_figure_values_in_the_report(seed_report, text, value, value_max, unit, qualifier, kind):
    (figure, _), *_ = [(f, c) for f, c in figure_rows(seed_report) if f["text"] == text]
    assert (figure["value"], figure["value_max"], figure["qualifier"], figure["kind"]) == (
        value,
        value_max,
        qualifier,
        kind,
    )
    assert unit in figure["unit"]


def test_no_dates_years_operation_names_or_citation_numbers_are_figures(seed_report):
    texts = [figure["text"] for figure, _ in figure_rows(seed_report)]
    for forbidden in ("2021", "2023", "2024", "1948", "1107", "1027", "1111", "7", "31", "[4]"):
        assert forbidden not in texts
    assert not any(text.startswith(("Operation", "AK", "MiG")) for text in texts)


def test_summary_counts_agree_with_the_claims(seed_report):
    summary = seed_report["summary"]
    claims = seed_report["claims"]
    assert summary["claims"] == len(claims)
    assert summary["figures"] == sum(len(claim["figures"]) for claim in claims)
    assert summary["flagged_figures"] == sum(f["flagged"] for f, _ in figure_rows(seed_report))
    assert summary["by_flag"]["unsourced"] == sum("unsourced" in claim["flags"] for claim in claims)
    assert summary["by_flag"]["unreviewed"] == len(claims)
    assert 225 <= len(claims) <= 245


def test_json_command_keeps_article_order_and_shape(seed_article):
    out = io.StringIO()
    call_command("factcheck", seed_article.slug, json=True, stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"article", "summary", "claims", "conflicts"}  # conflicts: issue 12
    assert set(data["summary"]) >= {"claims", "figures", "flagged_figures", "by_flag"}
    claim = data["claims"][0]
    assert set(claim) == {
        "id",
        "section",
        "text",
        "status",
        "sources",
        "inferred_sources",
        "flags",
        "figures",
        "public_reason",
    }
    assert claim["section"] == "(lead)" and claim["sources"] == ["1", "2"]
    assert [c["id"] for c in data["claims"]] == [row.id for row in factcheck_rows(seed_article)]


def test_plain_report_lists_the_worst_first(seed_article):
    out = io.StringIO()
    call_command("factcheck", seed_article.slug, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Fact-check report: Operation 1107"
    first_row = lines[5]
    assert "unsourced" in first_row and first_row.rstrip().split("  ")[-1] != "-"
    assert out.getvalue().index("unsourced") < out.getvalue().index("inferred_source")


def test_unknown_article_is_an_error(db):
    with pytest.raises(CommandError, match="No article with the slug 'nope'"):
        call_command("factcheck", "nope")


def test_report_query_count_does_not_grow_with_the_article(seed_article):
    small = article_import(
        data="A lead with 12 villages.[1]\nSection\nIt has 3 sources.[1][2]\n", slug="small"
    )
    with CaptureQueriesContext(connection) as small_queries:
        factcheck_rows(small.article)
    with CaptureQueriesContext(connection) as seed_queries:
        rows = factcheck_rows(seed_article)
    assert len(rows) > 200
    assert len(seed_queries) == len(small_queries) <= 5
