import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Section
from articles.selectors import article_as_dict, article_as_text
from articles.services import article_import, occurrence_keys, section_save
from claims.models import Citation, Claim
from claims.services import claim_review
from sources.models import Source
from tests.conftest import SEED_PATH


def database_snapshot():
    """Every row the importer may write, so a refusal can be shown to change nothing."""
    return (
        list(Article.objects.values_list("id", "title", "slug")),
        list(Section.objects.values_list("id", "heading", "level", "order", "body", "version")),
        list(Source.objects.values_list("id", "key", "article_id")),
        list(Claim.objects.values_list("id", "raw", "status", "retired_at")),
        list(Citation.objects.values_list("id", "claim_id", "source_id", "is_inferred")),
    )


def test_seed_structure(seed_article):
    sections = list(seed_article.sections.all())
    headed = [s for s in sections if s.heading]
    assert len(headed) == 35
    assert sum(s.level == 1 for s in headed) == 9
    assert sum(s.level == 2 for s in headed) == 26
    assert sum(len(s.body.splitlines()) for s in sections) == 28
    assert seed_article.sources.count() == 80
    assert seed_article.lead.startswith("Operation 1107 (Burmese:")


def test_seed_claims_and_citations(seed_article):
    claims = Claim.objects.for_article(seed_article)
    assert 225 <= claims.count() <= 245
    explicit = Citation.objects.filter(claim__in=claims, is_inferred=False)
    assert explicit.count() == 221
    inferred_only = claims.filter(citations__is_inferred=True).distinct()
    assert 40 <= inferred_only.count() <= 52
    uncited = claims.filter(citations__isnull=True)
    assert 10 <= uncited.count() <= 20
    treasury = claims.filter(text__startswith="The U.S. Treasury Department's Burma-related sanctions regime")
    assert treasury.count() == 1
    assert "sanctions regime" in treasury.get().text and treasury.get().text.endswith(".")


def test_text_export_reproduces_the_file(seed_article, seed_bytes):
    assert article_as_text(seed_article).rstrip("\n") == seed_bytes.decode().rstrip("\n")


def test_second_import_changes_nothing(seed_article, seed_bytes):
    before = database_snapshot()
    result = article_import(data=seed_bytes, slug="operation-1107")
    assert not result.has_changes
    assert result.sections.unchanged == 36 and result.sources.unchanged == 80
    assert result.claims.created == result.claims.updated == 0
    assert database_snapshot() == before


def test_two_articles_never_share_sources(seed_article, seed_bytes):
    other = article_import(data=seed_bytes, slug="copy").article
    assert Source.objects.count() == 160
    assert not Citation.objects.filter(claim__section__article=other).exclude(source__article=other).exists()
    assert (
        not Citation.objects.filter(claim__section__article=seed_article)
        .exclude(source__article=seed_article)
        .exists()
    )


def test_reimport_of_an_edited_file_updates_only_what_changed(seed_article, seed_bytes):
    text = seed_bytes.decode().replace("over 477 airstrikes", "over 480 airstrikes")
    result = article_import(data=text, slug="operation-1107")
    assert result.sections.updated == 1
    assert result.claims.updated == 1 and result.claims.created == 0
    assert Claim.objects.for_article(seed_article).filter(text__contains="over 480 airstrikes").count() == 1


def test_json_export_shape(seed_article):
    data = article_as_dict(seed_article)
    assert set(data) == {"title", "slug", "lead", "sections", "claims", "sources"}
    assert len(data["sections"]) == 35
    assert len(data["sources"]) == 80
    first = data["claims"][0]
    assert set(first) == {"id", "section", "text", "sources", "inferred_sources", "cited_pages"}
    assert first["text"].startswith("Operation 1107 (Burmese:") and "[" not in first["text"]
    assert first["sources"] == ["1", "2"]
    ids_in_order = [claim["id"] for claim in data["claims"]]
    expected = list(Claim.objects.for_article(seed_article).in_article_order().values_list("id", flat=True))
    assert ids_in_order == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Lead.\nHeading\nCaf\xe9.\n", "line 3: the file is not UTF-8"),
        (b"Just\nHeadings\n", "no paragraphs"),
        (b"Lead.[1]\nHeading\nText.[2] More.[0]\n", "line 3: citation marker [0] is not a positive number"),
    ],
)
def test_command_refuses_unreadable_files_and_writes_nothing(seed_article, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    before = database_snapshot()
    for slug in ("operation-1107", "new-article"):
        with pytest.raises(CommandError) as caught:
            call_command("import_article", str(path), slug=slug)
        assert message in str(caught.value)
        assert "nothing was imported" in str(caught.value)
    assert database_snapshot() == before


def test_command_refuses_a_missing_file_and_a_bad_slug(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        call_command("import_article", str(tmp_path / "missing.txt"), slug="x")
    with pytest.raises(CommandError, match="is not a slug"):
        call_command("import_article", str(SEED_PATH), slug="not a slug!")
    assert not Article.objects.exists()


def test_import_failing_halfway_leaves_the_database_as_it_was(seed_article, seed_bytes, monkeypatch):
    import articles.services.importing

    real_sync = articles.services.importing.claims_sync
    calls = []

    def failing_sync(**kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real_sync(**kwargs)

    monkeypatch.setattr(articles.services.importing, "claims_sync", failing_sync)
    edited = seed_bytes.decode().replace("Background\n", "Backdrop\n").replace("$1 billion", "$2 billion")
    edited = edited.replace("over 477 airstrikes", "over 478 airstrikes")
    before = database_snapshot()
    with pytest.raises(RuntimeError):
        article_import(data=edited, slug="operation-1107")
    assert len(calls) == 3
    assert database_snapshot() == before


def test_command_prints_created_then_unchanged(db):
    out = io.StringIO()
    call_command("import_article", str(SEED_PATH), slug="operation-1107", stdout=out)
    assert "Created article" in out.getvalue()
    assert "sections: 36 created" in out.getvalue()
    assert "sources:  80 created" in out.getvalue()
    out = io.StringIO()
    call_command("import_article", str(SEED_PATH), slug="operation-1107", stdout=out)
    assert "Unchanged:" in out.getvalue()
    assert "0 created, 0 updated, 36 unchanged" in out.getvalue()


def test_export_command_text_and_json(seed_article, seed_bytes):
    out = io.StringIO()
    call_command("export_article", "operation-1107", format="text", stdout=out)
    assert out.getvalue().rstrip("\n") == seed_bytes.decode().rstrip("\n")
    out = io.StringIO()
    call_command("export_article", "operation-1107", format="json", stdout=out)
    assert json.loads(out.getvalue())["slug"] == "operation-1107"
    with pytest.raises(CommandError, match="No article with the slug 'nope'"):
        call_command("export_article", "nope")


def test_refusal_exits_non_zero(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    completed = subprocess.run(
        [sys.executable, "manage.py", "import_article", str(path), "--slug", "x"],
        capture_output=True,
        text=True,
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": "sqlite:///" + str(tmp_path / "db.sqlite3"),
        },
        cwd=SEED_PATH.parent.parent,
    )
    assert completed.returncode != 0
    assert "the file is empty" in completed.stderr


# Characters that str.splitlines() breaks at although the format's lines end only at "\n".
LINE_BREAKING = {
    "U+2028": "\u2028",
    "U+2029": "\u2029",
    "U+0085": "\x85",
    "VT": "\x0b",
    "FF": "\x0c",
    "FS": "\x1c",
    "GS": "\x1d",
    "RS": "\x1e",
}


def article_rows(article):
    """What an export then import must keep: sections, claims with their reviews, citations."""
    return (
        list(
            article.sections.order_by("order").values_list(
                "id", "heading", "level", "order", "body", "version"
            )
        ),
        list(
            Claim.objects.for_article(article)
            .order_by("id")
            .values_list("id", "raw", "status", "reviewed_by", "retired_at")
        ),
        list(
            Citation.objects.filter(claim__section__article=article).values_list(
                "id", "claim_id", "source_id"
            )
        ),
    )


@pytest.mark.parametrize("name", LINE_BREAKING)
def test_export_then_import_keeps_a_body_with_a_line_breaking_character(seed_article, editor, reviewer, name):
    char = LINE_BREAKING[name]
    section = seed_article.sections.get(body__contains="over 477 airstrikes")
    # inside a sentence, and as the only space between two sentences
    body = section.body.replace("over 477 airstrikes", f"over{char}477 airstrikes", 1).replace(
        ". ", f".{char}", 1
    )
    section_save(section=section, body=body, user=editor, base_version=section.version, comment=name)
    claim = Claim.objects.active().get(section=section, raw__contains=f"over{char}477")
    claim_review(claim=claim, reviewer=reviewer, status="approved")
    before = article_rows(seed_article)
    out = io.StringIO()
    call_command("export_article", "operation-1107", format="text", stdout=out)
    exported = out.getvalue()
    assert exported.count(char) == 2 and exported.count("\n") == export_line_count(seed_article)
    result = article_import(data=exported.encode(), slug="operation-1107", name="export")
    assert not result.has_changes
    assert article_rows(seed_article) == before
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by, claim.retired_at) == ("approved", reviewer, None)


@pytest.mark.parametrize("name", ["U+2028", "U+2029"])
def test_an_import_keeps_a_line_breaking_character_at_the_start_or_end_of_a_line(db, name):
    """Issue 20: each line was stripped as it was read, and U+2028 counts as whitespace to str.strip(),
    so one at the start or end of a line was lost on import (and a second import saw a change)."""
    char = LINE_BREAKING[name]
    data = f"Lead.[1]\nHistory\n{char}The town had 4,000 people.[1]{char}\n"
    article_import(data=data.encode(), slug="breaks", name="breaks")
    section = Section.objects.get(article__slug="breaks", heading="History")
    assert section.body == f"{char}The town had 4,000 people.[1]{char}"
    assert not article_import(data=data.encode(), slug="breaks", name="breaks").has_changes
    assert f"{char}The town had 4,000 people.[1]{char}\n" in article_as_text(section.article)


def export_line_count(article) -> int:
    """Return the number of lines the export must have: a heading line and one line per paragraph."""
    return sum(
        bool(section.heading) + sum(1 for line in section.body.split("\n") if line.strip())
        for section in article.sections.all()
    )


def test_occurrence_keys_count_repeated_headings():
    assert occurrence_keys(["Notes", "", "Notes", "Notes", ""]) == [
        ("Notes", 0),
        ("", 0),
        ("Notes", 1),
        ("Notes", 2),
        ("", 1),
    ]


def test_many_sections_with_one_heading_import_and_reimport(db):
    text = "Lead.\n" + "".join(f"Notes\nNote number {n} is here.\n" for n in range(300))
    first = article_import(data=text, slug="notes")
    assert first.sections.created == 301
    edited = text.replace("Note number 150 is", "Note number 150 was")
    again = article_import(data=edited, slug="notes")
    assert (again.sections.updated, again.sections.unchanged, again.claims.updated) == (1, 300, 1)
