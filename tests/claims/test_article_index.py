"""The article's reading kept between saves (``claims.article_index``): a save that changes a figure
reads only the sections that changed since the last save, and stores what the full detection finds; a
write this process did not see (another worker's) is found by its section's mark and read again; a save
that rolls back leaves the reading kept before; each process keeps a bounded number of articles."""

import re
from itertools import groupby

import pytest

from articles.models import Section
from articles.services import section_save
from claims import article_index
from claims import findings as findings_module
from claims.consistency import is_compared
from claims.models import Claim
from claims.sentences import split_body
from tests.claims.test_findings_incremental import detected_findings, flags, stored_findings


def figure_sections(article, count: int = 2) -> list[Section]:
    """Return ``count`` sections that state a figure, in article order."""
    found = [
        section
        for section in Section.objects.filter(article=article).order_by("order")
        if any(is_compared(s.text) and re.search(r"\d", s.text) for s in split_body(section.body))
    ]
    return found[:count]


def change_a_figure(section: Section, editor, number: int) -> None:
    """Save the section with the first number of its first sentence stating a figure changed."""
    section.refresh_from_db()
    first = next(s.raw for s in split_body(section.body) if is_compared(s.text) and re.search(r"\d", s.text))
    edited = re.sub(r"\d+", str(number), first, count=1)
    section_save(
        section=section,
        body=section.body.replace(first, edited, 1),
        user=editor,
        base_version=section.version,
    )


@pytest.fixture
def read_sections(monkeypatch):
    """Record the sections whose claims the refresh reads one by one, and how often it reads the whole
    article into a reading."""
    seen = {"sections": [], "whole": 0}
    original_read, original_reading = article_index.section_statements, findings_module.Reading

    def reading_sections(section_ids, marks):
        seen["sections"].append(sorted(section_ids))
        return original_read(section_ids, marks)

    class CountedReading(original_reading):
        def __init__(self, statements):
            seen["whole"] += 1
            super().__init__(statements)

    monkeypatch.setattr(findings_module, "section_statements", reading_sections)
    monkeypatch.setattr(findings_module, "Reading", CountedReading)
    return seen


def assert_full_detection(article) -> None:
    stored, stored_flags = stored_findings(article), flags(article)
    assert stored == detected_findings(article)
    assert findings_module.findings_refresh(article_id=article.pk) == 0  # the flags were right too
    assert (stored_findings(article), flags(article)) == (stored, stored_flags)


def test_the_next_saves_read_only_the_edited_section(
    seed_article, editor, read_sections, django_capture_on_commit_callbacks
):
    section, _ = figure_sections(seed_article)
    with django_capture_on_commit_callbacks(execute=True):
        change_a_figure(section, editor, 4711)
    assert read_sections["whole"] >= 1  # nothing was kept: the first save read the article
    kept = article_index.kept_index(seed_article.pk)
    assert kept is not None
    # Reading the article's claims tells nothing of the sections without any: the next save reads them
    # (none), once.
    with_statements = set(Claim.objects.for_article(seed_article).values_list("section_id", flat=True))
    empty = set(Section.objects.filter(article=seed_article).values_list("pk", flat=True)) - with_statements
    assert empty
    for number in (4712, 4713, 4714):
        read_sections.update(sections=[], whole=0)
        with django_capture_on_commit_callbacks(execute=True):
            change_a_figure(section, editor, number)
        # The edited section's claims come with the sections' marks; others are read on their own.
        expected = [sorted(empty)] if number == 4712 else []
        assert read_sections == {"sections": expected, "whole": 0}
        assert article_index.kept_index(seed_article.pk) is not kept  # each save keeps its own reading
        kept = article_index.kept_index(seed_article.pk)
        assert_full_detection(seed_article)


def test_a_save_this_process_did_not_see_is_read_again(
    seed_article, editor, read_sections, django_capture_on_commit_callbacks
):
    """Another worker's save commits without this process keeping its reading: the section it changed
    carries a new mark, and the next save here reads that section again with its own. Here that save
    copies the edited section's figure, with another value, into a section of its own: the next edit of
    the figure must be judged against the copy."""
    edited, elsewhere = figure_sections(seed_article)
    for number in (4710, 4711):  # the second save learns the sections without statements
        with django_capture_on_commit_callbacks(execute=True):
            change_a_figure(edited, editor, number)
    edited.refresh_from_db()
    figure = next(s.raw for s in split_body(edited.body) if is_compared(s.text) and re.search(r"\d", s.text))
    elsewhere.refresh_from_db()
    section_save(  # "another process": its on-commit step never runs here
        section=elsewhere,
        body=elsewhere.body + " " + figure.replace("4711", "5200"),
        user=editor,
        base_version=elsewhere.version,
    )
    read_sections.update(sections=[], whole=0)
    with django_capture_on_commit_callbacks(execute=True):
        change_a_figure(edited, editor, 4712)
    assert read_sections == {"sections": [[elsewhere.pk]], "whole": 0}
    assert_full_detection(seed_article)


def test_a_save_that_rolls_back_leaves_the_reading_kept_before(
    seed_article, editor, monkeypatch, django_capture_on_commit_callbacks
):
    section, _ = figure_sections(seed_article)
    with django_capture_on_commit_callbacks(execute=True):
        change_a_figure(section, editor, 4711)
    kept = article_index.kept_index(seed_article.pk)
    refresh = findings_module.findings_refresh

    def failing_after_the_refresh(**arguments):
        refresh(**arguments)
        raise RuntimeError("the save fails after its refresh")

    monkeypatch.setattr("claims.services.findings_refresh", failing_after_the_refresh)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        change_a_figure(section, editor, 77)
    assert article_index.kept_index(seed_article.pk) is kept
    monkeypatch.setattr("claims.services.findings_refresh", refresh)
    with django_capture_on_commit_callbacks(execute=True):
        change_a_figure(section, editor, 78)
    assert_full_detection(seed_article)


def test_a_process_keeps_the_readings_of_the_articles_used_last(monkeypatch):
    monkeypatch.setattr(article_index, "ARTICLE_INDEXES", 2)
    indexes = {pk: article_index.ArticleIndex(reading=None, sections={}) for pk in (1, 2, 3)}
    article_index.keep_index(1, indexes[1])
    article_index.keep_index(2, indexes[2])
    assert article_index.kept_index(1) is indexes[1]  # used: 2 is now the least recently used
    article_index.keep_index(3, indexes[3])
    assert [article_index.kept_index(pk) for pk in (1, 2, 3)] == [indexes[1], None, indexes[3]]


def test_sections_sharing_an_order_are_never_kept_interleaved(
    seed_article, editor, django_capture_on_commit_callbacks
):
    """Two sections of one order (a database from before recovery made room, or edited by hand): the
    article's claims are read with the section's id breaking the tie, and a reading whose sections'
    statements were not together is not kept. Once a move ends the tie, saves from the kept reading
    still store what the full detection finds (they used to splice a scattered section by counts and
    fail with a KeyError at every later save of it)."""
    from articles.services import section_move

    edited = figure_sections(seed_article)[0]
    with_claims = [
        s
        for s in Section.objects.filter(article=seed_article, order__gt=edited.order).order_by("order")
        if Claim.objects.active().filter(section=s).count() >= 2
    ]
    one, other = with_claims[-2], with_claims[-1]
    Section.objects.filter(pk=other.pk).update(order=one.order)  # the tie, as old data may hold it
    with django_capture_on_commit_callbacks(execute=True):
        change_a_figure(edited, editor, 4711)
    kept = article_index.kept_index(seed_article.pk)
    if kept is not None:  # kept only with each section's statements together
        runs = [pk for pk, _ in groupby(statement.paragraph[0] for statement in kept.reading.statements)]
        assert len(runs) == len(set(runs))
    assert_full_detection(seed_article)
    first = Section.objects.filter(article=seed_article).order_by("order").first()
    with django_capture_on_commit_callbacks(execute=True):
        section_move(section=first, by=-1, user=editor)  # renumbers every section: the tie is gone
    for number, section in ((4712, edited), (4713, other), (4714, one), (4715, other)):
        with django_capture_on_commit_callbacks(execute=True):
            change_a_figure(section, editor, number)
        assert_full_detection(seed_article)


def test_a_reading_whose_section_comes_back_later_has_no_index():
    from claims.consistency import Statement
    from claims.consistency.incremental import Reading

    def statement(pk, section):
        return Statement(pk, f"It counted {pk} wells.", "", (section, 0))

    mark = article_index.SectionMark("", 1, "t")
    together = Reading([statement(1, 10), statement(2, 10), statement(3, 20)])
    assert article_index.index_of(together, {10: mark, 20: mark}) is not None
    scattered = Reading([statement(1, 10), statement(2, 20), statement(3, 10)])
    assert article_index.index_of(scattered, {10: mark, 20: mark}) is None
