"""Invalidation is a property of the unit of work: run every editorial service, once so that it changes
what a reader sees and once so that it changes nothing, and check the article's content version moved
exactly when a public page changed. The pages are rendered afresh each time (the cache emptied), so the
comparison does not depend on the version it checks."""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from reversion.models import Version

from accounts.services import profile_save
from articles.models import Article, Section
from articles.services import (
    article_delete,
    article_import,
    article_restore,
    article_save,
    section_create,
    section_delete,
    section_move,
    section_recover,
    section_revert,
    section_save,
    source_key_rename,
)
from claims.findings import findings_refresh
from claims.models import Claim
from claims.services import claim_decide, claim_review, claims_approve, wording_fingerprint
from editorial import bulk
from editorial.work import WriteOutsideAUnit, editorial_change
from sources.models import Source
from sources.services import snapshot_store, source_save
from tests.articles.test_pages import EDITED_FIGURE
from tests.conftest import forget_cache


def public_pages(client, article) -> list:
    """What readers get from every public page of the article, rendered now."""
    forget_cache()
    slug = Article.objects.get(pk=article.pk).slug
    pages = []
    for url in (
        reverse("articles:detail", args=[slug]),
        reverse("articles:detail", args=[slug]) + "?view=reviewed",
        reverse("articles:factcheck", args=[slug]),
        reverse("articles:history", args=[slug]),
        reverse("articles:source", args=[slug, "36"]),
    ):
        response = client.get(url)
        pages.append((url, response.status_code, response.content))
    response = client.get(reverse("articles:json", args=[slug]))
    body = json.loads(response.content) if response.status_code == 200 else None
    if body:
        body["article"].pop("content_version")  # the version itself, not what it stands for
    pages.append(("json", response.status_code, body))
    return pages


def version_of(article) -> int:
    return Article.objects.values_list("content_version", flat=True).get(pk=article.pk)


def section_with(article, phrase) -> Section:
    return Section.objects.get(article=article, body__contains=phrase)


class World:
    """The article and the people a case acts on."""

    def __init__(self, article, editor, reviewer, stranger, seed_bytes):
        self.article, self.editor, self.reviewer = article, editor, reviewer
        self.stranger, self.seed_bytes = stranger, seed_bytes
        self.edited_id = self.section(EDITED_FIGURE[0]).pk
        self.last_save = {}

    def section(self, phrase) -> Section:
        return Section.objects.get(article=self.article, body__contains=phrase)

    def source(self) -> Source:
        return Source.objects.get(article=self.article, key="36")

    def fresh_article(self) -> Article:
        return Article.objects.get(pk=self.article.pk)


def edit_figure(w):
    section = w.section(EDITED_FIGURE[0])
    w.last_save = {
        "section": section,
        "body": section.body.replace(*EDITED_FIGURE),
        "base_version": section.version,
    }
    section_save(**w.last_save, user=w.editor)


def send_again(w):
    """The Back button and Save again: the same text, from the version the form was opened at."""
    section_save(**w.last_save, user=w.editor)


def save_unchanged(w):
    section = Section.objects.get(pk=w.edited_id)
    section_save(section=section, body=section.body, user=w.editor, base_version=section.version)


def move_down(w):
    section_move(section=w.article.sections.order_by("order")[1], by=1, user=w.editor)


def move_last_down(w):
    section_move(section=w.article.sections.order_by("order").last(), by=1, user=w.editor)


def add_section(w):
    section_create(article=w.article, heading="More", level=2, order=3, body="A new section.", user=w.editor)


def delete_section(w):
    section_delete(section=w.section(EDITED_FIGURE[0]), user=w.editor)


def recover_section(w):
    (deleted,) = Version.objects.get_deleted(Section).filter(revision__comment__startswith="Deleted section")
    section_recover(version=deleted, user=w.editor)


def revert_to_first(w):
    section = (
        w.section(EDITED_FIGURE[1])
        if Section.objects.filter(article=w.article, body__contains=EDITED_FIGURE[1]).exists()
        else w.section(EDITED_FIGURE[0])
    )
    first = Version.objects.get_for_object(section).order_by("pk").first()
    section_revert(section=section, version=first, user=w.editor)


def rename_article(w):
    article = w.fresh_article()
    article.title = "Operation 1107 (renamed)"
    article_save(article=article, user=w.editor)


def save_article_unchanged(w):
    article_save(article=w.fresh_article(), user=w.editor)


def trash(w):
    article_delete(article=w.fresh_article(), user=w.editor)


def restore(w):
    article_restore(article=w.fresh_article(), user=w.editor)


def rename_key(w):
    source_key_rename(source=w.source(), new_key="un-report", user=w.editor)


def rate_source(w):
    source = w.source()
    source.reliability = Source.Reliability.PARTISAN
    source_save(source=source, user=w.editor, reason="state media")


def save_source_unchanged(w):
    source_save(source=w.source(), user=w.editor, reason="looked at it")


def approve(w):
    claim = Claim.objects.for_article(w.article).in_article_order().first()
    claim_review(claim=claim, reviewer=w.reviewer, status=Claim.Status.APPROVED)


def approve_selected(w):
    claims = list(Claim.objects.for_article(w.article).in_article_order()[:2])
    seen = {claim.pk: wording_fingerprint(claim.raw) for claim in claims}
    assert claims_approve(claim_ids=[claim.pk for claim in claims], reviewer=w.reviewer, seen=seen).approved


def approve_unseen(w):
    claim = Claim.objects.for_article(w.article).in_article_order().first()
    claims_approve(claim_ids=[claim.pk], reviewer=w.reviewer, seen={})


def dispute_on_the_workbench(w):
    claim = Claim.objects.for_article(w.article).in_article_order().first()
    claim_decide(claim=claim, reviewer=w.reviewer, status=Claim.Status.DISPUTED, note="Which count?")


def reimport(w):
    article_import(data=w.seed_bytes, slug=w.article.slug, title="Operation 1107")


def retitle_by_import(w):
    article_import(data=w.seed_bytes, slug=w.article.slug, title="Operation Eleven-Oh-Seven")


def refresh_findings(w):
    findings_refresh(article_id=w.article.pk, user=w.editor)


def paste_snapshot(w):
    snapshot_store(
        source=w.source(), text="The UN counted over 477 airstrikes.", origin="paste", user=w.editor
    )


def rename_editor(w):
    profile_save(user=w.editor, display_name="Edna Renamed")


def rename_a_stranger(w):
    profile_save(user=w.stranger, display_name="Nobody Here")


# (what is measured, what is done first to set it up)
CASES = {
    "edit": (edit_figure, None),
    "unchanged save": (save_unchanged, None),
    "save sent again": (send_again, edit_figure),
    "move": (move_down, None),
    "move past the end": (move_last_down, None),
    "add section": (add_section, None),
    "delete section": (delete_section, None),
    "recover section": (recover_section, delete_section),
    "revert": (revert_to_first, edit_figure),
    "second revert to one revision": (revert_to_first, lambda w: (edit_figure(w), revert_to_first(w))),
    "rename article": (rename_article, None),
    "unchanged article details": (save_article_unchanged, None),
    "trash": (trash, None),
    "trash again": (trash, trash),
    "restore": (restore, trash),
    "rename source key": (rename_key, None),
    "rate source": (rate_source, None),
    "unchanged source": (save_source_unchanged, None),
    "approve": (approve, None),
    "approve selected": (approve_selected, None),
    "approve selected, none shown": (approve_unseen, None),
    "dispute on the workbench": (dispute_on_the_workbench, None),
    "import the same file": (reimport, None),
    "import a new title": (retitle_by_import, None),
    "refresh findings": (refresh_findings, None),
    "paste a snapshot": (paste_snapshot, None),
    "rename the editor": (rename_editor, edit_figure),
    "rename someone not shown": (rename_a_stranger, None),
}


@pytest.mark.parametrize("case", CASES)
def test_the_version_moves_exactly_when_a_public_page_changes(
    case, client, seed_article, seed_bytes, editor, reviewer, other_editor
):
    measured, prepare = CASES[case]
    profile_save(user=editor, display_name="Edna Editor")
    world = World(seed_article, editor, reviewer, other_editor, seed_bytes)
    if prepare is not None:
        prepare(world)
    pages, version = public_pages(client, seed_article), version_of(seed_article)
    measured(world)
    moved = version_of(seed_article) != version
    changed = public_pages(client, seed_article) != pages
    assert moved == changed, f"{case}: version moved {moved}, pages changed {changed}"


def test_the_cases_cover_both_outcomes(client, seed_article, seed_bytes, editor, reviewer, other_editor):
    """The property above would hold for a service that never moves the version and never changes a page:
    the cases include changes (the version must move) and no-ops (it must not)."""
    world = World(seed_article, editor, reviewer, other_editor, seed_bytes)
    version = version_of(seed_article)
    edit_figure(world)
    assert version_of(seed_article) == version + 1
    save_unchanged(world)
    assert version_of(seed_article) == version + 1


def test_product_code_writing_an_editorial_row_outside_a_unit_fails_in_tests(seed_article):
    claims = Claim.objects.for_article(seed_article)[:3]
    claim = claims[0]
    claim.save()  # a test setting up its rows writes from tests/: let through
    with pytest.raises(WriteOutsideAUnit, match="outside editorial_change"):
        bulk.update_rows(Claim, list(claims), ["flags"])  # product code (editorial.bulk) without a unit
    with pytest.raises(WriteOutsideAUnit):
        run_as_product_code("section.save()", section=seed_article.sections.first())
    with editorial_change():
        bulk.update_rows(Claim, list(claims), ["flags"])
        run_as_product_code("section.save()", section=seed_article.sections.first())


def run_as_product_code(statement: str, **names):
    """Run ``statement`` as a module of the product would: its frame's file lies outside tests/."""
    exec(compile(statement, str(settings.BASE_DIR / "articles" / "any_module.py"), "exec"), {}, names)
