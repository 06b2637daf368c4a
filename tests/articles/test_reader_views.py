"""The reviewed and latest views, read back from the real pages and from the selector, through edits,
approvals, removals and reverts; review outcomes (approval marks, public reasons) and what stays private."""

import html
import json
import random
import re

import pytest
from django.urls import reverse
from reversion.models import Version

from accounts.models import Profile
from articles.models import Article
from articles.rendering.review import LATEST, REVIEWED
from articles.selectors import article_page
from articles.services import article_import, article_save, section_revert, section_save
from claims.errors import ReviewRefused
from claims.models import Claim
from claims.services import claim_approve_removal, claim_review
from tests.articles.test_pages import parse

TEXT = (
    "Alpha lead has 5 members.[1]\n"
    "\n"
    "History\n"
    "Alpha had 10 people.[1] Beta counted 20 boats.[2] Gamma built 30 houses.[1]\n"
)


@pytest.fixture
def article(db):
    return article_import(data=TEXT.encode(), slug="small", title="Small").article


@pytest.fixture
def named_reviewer(reviewer):
    Profile.objects.update_or_create(user=reviewer, defaults={"display_name": "Rita Reviewer"})
    return reviewer


def claim_with(article, phrase) -> Claim:
    return Claim.objects.filter(section__article=article, text__contains=phrase).latest("pk")


def edit(article, old, new, user):
    section = article.sections.get(body__contains=old)
    section_save(
        section=section, body=section.body.replace(old, new), user=user, base_version=section.version
    )


def get_page(client, article, query=""):
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return parse(response)


def body_text(page) -> str:
    return " ".join(page.find("div", cls="article-body").text().split())


def sentence(page, claim) -> str:
    """The statement as shown, without its marks' labels and tips."""
    node = page.find(id=f"claim-{claim.pk}")
    parts = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif "flag" in child.classes:
            parts.extend(mark.text() for mark in child.find_all("mark"))
    return "".join(parts)


def test_an_edited_approved_sentence_keeps_its_approved_wording_until_the_new_one_is_approved(
    client, article, editor, reviewer
):
    alpha = claim_with(article, "Alpha had 10")
    claim_review(claim=alpha, reviewer=reviewer, status="approved")
    edit(article, "Alpha had 10 people", "Alpha had 11 people", editor)

    reviewed = get_page(client, article, "?view=reviewed")
    assert sentence(reviewed, alpha) == "Alpha had 10 people."
    assert "11 people" not in body_text(reviewed)
    assert "Beta" not in body_text(reviewed)  # never approved: left out
    notice = reviewed.find("p", cls="reader-view-notice")
    assert "4 newer statements await review" in " ".join(notice.text().split())
    assert notice.find("a").attrs["href"] == "?view=latest"

    latest = get_page(client, article, "?view=latest")
    assert sentence(latest, alpha) == "Alpha had 11 people."
    link = latest.find(id=f"claim-{alpha.pk}").find("a", cls="changed-mark")
    assert link.attrs["href"] == f"#approved-{alpha.pk}"
    assert "changed since review" in link.text()
    entry = latest.find("li", id=f"approved-{alpha.pk}")
    assert "Alpha had 10 people" in entry.text() and "Alpha had 11" not in entry.text()

    claim_review(claim=Claim.objects.get(pk=alpha.pk), reviewer=reviewer, status="approved")
    reviewed = get_page(client, article, "?view=reviewed")
    assert sentence(reviewed, alpha) == "Alpha had 11 people."
    latest = get_page(client, article, "?view=latest")
    assert not latest.find_all("a", cls="changed-mark")
    assert not latest.find_all("li", id=f"approved-{alpha.pk}")


def test_a_removed_approved_sentence_stays_in_the_reviewed_view_until_its_removal_is_approved(
    client, article, editor, reviewer
):
    beta = claim_with(article, "Beta counted")
    claim_review(claim=beta, reviewer=reviewer, status="approved")
    edit(article, " Beta counted 20 boats.[2]", "", editor)
    beta.refresh_from_db()
    assert beta.is_retired and beta.approved_raw == "Beta counted 20 boats.[2]"

    assert "Beta counted 20 boats" in body_text(get_page(client, article, "?view=reviewed"))
    assert "Beta" not in body_text(get_page(client, article, "?view=latest"))
    assert list(Claim.objects.removals_to_approve()) == [beta]
    # The reference of the removed sentence's source stays, so its marker has somewhere to land.
    reviewed = get_page(client, article, "?view=reviewed")
    assert reviewed.find(id=f"claim-{beta.pk}").find("sup", cls="citation") is not None

    claim_approve_removal(claim=beta, reviewer=reviewer)
    assert "Beta" not in body_text(get_page(client, article, "?view=reviewed"))
    assert list(Claim.objects.removals_to_approve()) == []
    # Everything stays in history: the approved wording is in the claim's history rows.
    assert beta.history.filter(approved_raw="Beta counted 20 boats.[2]").exists()
    with pytest.raises(ReviewRefused):
        claim_approve_removal(claim=beta, reviewer=reviewer)  # the second time there is nothing to approve
    with pytest.raises(ReviewRefused):
        claim_approve_removal(claim=claim_with(article, "Gamma"), reviewer=reviewer)  # not removed


def test_a_revert_to_the_approved_wording_shows_it_in_both_views_unmarked(client, article, editor, reviewer):
    alpha = claim_with(article, "Alpha had 10")
    claim_review(claim=alpha, reviewer=reviewer, status="approved")
    section = article.sections.get(body__contains="Alpha had 10")
    approved_version = Version.objects.get_for_object(section).first()
    edit(article, "Alpha had 10 people", "Alpha had 12 people", editor)
    assert sentence(get_page(client, article, "?view=latest"), alpha) == "Alpha had 12 people."

    section.refresh_from_db()
    section_revert(section=section, version=approved_version, user=editor)
    reviewed, latest = get_page(client, article, "?view=reviewed"), get_page(client, article, "?view=latest")
    assert sentence(reviewed, alpha) == sentence(latest, alpha) == "Alpha had 10 people."
    assert not latest.find_all("a", cls="changed-mark")
    assert not latest.find_all("section", cls="approved-wordings")


def test_the_articles_setting_chooses_the_default_view_and_the_cache_keeps_views_apart(
    client, article, editor, reviewer
):
    assert article.reader_view == Article.ReaderView.LATEST  # today's behaviour by default
    alpha = claim_with(article, "Alpha had 10")
    claim_review(claim=alpha, reviewer=reviewer, status="approved")
    edit(article, "Alpha had 10 people", "Alpha had 13 people", editor)
    assert sentence(get_page(client, article), alpha) == "Alpha had 13 people."  # cached: latest

    article.refresh_from_db()
    article.reader_view = Article.ReaderView.REVIEWED
    article_save(article=article, user=editor)
    assert sentence(get_page(client, article), alpha) == "Alpha had 10 people."
    assert sentence(get_page(client, article, "?view=latest"), alpha) == "Alpha had 13 people."
    # The latest view was not cached as the default, nor an unknown view as another.
    assert sentence(get_page(client, article), alpha) == "Alpha had 10 people."
    assert sentence(get_page(client, article, "?view=nonsense"), alpha) == "Alpha had 10 people."


def test_the_reader_view_is_editable_in_the_admin(client, article, editor):
    client.force_login(editor)
    form = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert b'name="reader_view"' in form.content
    assert b'value="reviewed"' in form.content


def test_an_approval_is_marked_with_the_reviewers_public_name_and_date(client, article, named_reviewer):
    alpha = claim_with(article, "Alpha had 10")
    claim_review(claim=alpha, reviewer=named_reviewer, status="approved")
    alpha.refresh_from_db()
    for query in ("?view=latest", "?view=reviewed"):
        page = get_page(client, article, query)
        mark = page.find(id=f"claim-{alpha.pk}").find("span", cls="review-approved")
        assert mark.attrs["tabindex"] == "0"
        tip = page.find(id=mark.attrs["aria-describedby"])
        text = " ".join(tip.text().split())
        assert text == f"Approved by Rita Reviewer on {alpha.reviewed_at.day} {alpha.reviewed_at:%B %Y}."
        assert "rita" not in text  # the login never
        assert tip.find("time").attrs["datetime"] == alpha.reviewed_at.date().isoformat()


HOSTILE = '<script>alert("x")</script> & "quoted" reason'


def test_a_public_dispute_reason_is_shown_escaped(client, article, reviewer):
    beta = claim_with(article, "Beta counted")
    claim_review(claim=beta, reviewer=reviewer, status="disputed", note=HOSTILE, note_is_public=True)
    response = client.get(article.get_absolute_url())
    assert b"<script>alert" not in response.content
    assert (
        b"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot; reason"
        in response.content
    )
    page = parse(response)
    mark = page.find(id=f"claim-{beta.pk}").find("span", cls="review-disputed")
    assert HOSTILE in page.find(id=mark.attrs["aria-describedby"]).text()


def test_a_private_note_never_appears_on_a_public_page_or_json(client, article, reviewer):
    beta, gamma = claim_with(article, "Beta counted"), claim_with(article, "Gamma")
    private = "PRIVATE-NOTE-7f3a the source is a friend of the author"
    claim_review(claim=beta, reviewer=reviewer, status="disputed", note=private)
    claim_review(claim=gamma, reviewer=reviewer, status="rejected", note=private + " again")
    assert Claim.objects.get(pk=beta.pk).note_is_public is False  # the default
    urls = [
        article.get_absolute_url(),
        article.get_absolute_url() + "?view=reviewed",
        article.get_absolute_url() + "?view=latest&highlight=off",
        reverse("articles:json", args=[article.slug]),
        reverse("articles:factcheck", args=[article.slug]),
        reverse("articles:history", args=[article.slug]),
        reverse("articles:source", args=[article.slug, "2"]),
        reverse("articles:search") + "?q=Beta",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"PRIVATE-NOTE-7f3a" not in response.content, url
    page = get_page(client, article)
    assert not page.find(id=f"claim-{beta.pk}").find_all("span", cls="review")  # no mark without a reason


def test_claim_review_json_ld_field_by_field(client, article, reviewer):
    alpha, beta, gamma = (claim_with(article, p) for p in ("Alpha had", "Beta counted", "Gamma"))
    claim_review(claim=alpha, reviewer=reviewer, status="approved")
    claim_review(claim=beta, reviewer=reviewer, status="disputed", note="Hidden reason", note_is_public=False)
    claim_review(claim=gamma, reviewer=reviewer, status="rejected", note="</script><b>x", note_is_public=True)
    page = get_page(client, article)
    (script,) = page.find_all("script", type="application/ld+json")
    reviews = json.loads(script.text())
    url = "http://testserver/articles/small/"
    assert [review["url"] for review in reviews] == [f"{url}#claim-{c.pk}" for c in (alpha, beta, gamma)]
    for review, claim, (value, name) in zip(
        reviews, (alpha, beta, gamma), [(3, "Approved"), (2, "Disputed"), (1, "Rejected")], strict=True
    ):
        claim.refresh_from_db()
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.text
        assert review["reviewRating"] == {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 3,
            "worstRating": 1,
            "alternateName": name,
        }
        assert review["author"] == {"@type": "Organization", "name": "Verity"}
        assert review["datePublished"] == claim.reviewed_at.isoformat()
        assert review["itemReviewed"] == {
            "@type": "Claim",
            "appearance": {"@type": "CreativeWork", "url": url},
        }
    assert "Hidden reason" not in script.text() and "</script><b>" not in script.text()


def test_the_review_form_records_whether_the_note_is_public(client, article, reviewer):
    beta = claim_with(article, "Beta counted")
    client.force_login(reviewer)
    url = reverse("admin:claims_claim_change", args=[beta.pk])
    form = client.get(url)
    assert b'name="note_is_public"' in form.content
    seen = {"seen_raw": beta.raw}  # the wording the page showed: a decision names it
    response = client.post(
        url, {"status": "disputed", "note": "Two counts differ.", "note_is_public": "on", **seen}
    )
    assert response.status_code == 302
    beta.refresh_from_db()
    assert (beta.status, beta.note_is_public) == ("disputed", True)
    client.post(url, {"status": "disputed", "note": "Now private.", **seen})
    beta.refresh_from_db()
    assert (beta.review_note, beta.note_is_public) == ("Now private.", False)


def test_reviewers_list_and_approve_removals_in_the_admin(client, article, editor, reviewer):
    beta = claim_with(article, "Beta counted")
    claim_review(claim=beta, reviewer=reviewer, status="approved")
    edit(article, " Beta counted 20 boats.[2]", "", editor)
    client.force_login(reviewer)
    changelist = reverse("admin:claims_claim_changelist")
    listed = client.get(changelist + "?removal=awaiting")
    assert b"Beta counted 20 boats" in listed.content
    assert b"Beta counted 20 boats" not in client.get(changelist).content  # the queue holds current claims
    response = client.post(
        changelist + "?removal=awaiting",
        {"action": "approve_removal", "_selected_action": [beta.pk]},
    )
    assert response.status_code == 302
    beta.refresh_from_db()
    assert beta.approved_raw == "" and beta.reviewed_by == reviewer
    page = client.get(reverse("admin:claims_claim_change", args=[beta.pk]))  # a removed claim's page
    assert page.status_code == 200 and b"Beta counted 20 boats.[2]" in page.content


def test_the_admin_claim_page_shows_the_approved_wording_beside_the_current(
    client, article, editor, reviewer
):
    alpha = claim_with(article, "Alpha had 10")
    claim_review(claim=alpha, reviewer=reviewer, status="approved")
    edit(article, "Alpha had 10 people", "Alpha had 14 people", editor)
    client.force_login(reviewer)
    page = client.get(reverse("admin:claims_claim_change", args=[alpha.pk])).content.decode()
    assert "Alpha had 10 people.[1]" in page and "Alpha had 14 people.[1]" in page
    assert "differs from the current" in page


# The property: over any sequence of edits, approvals, disputes, removals, removal approvals, additions
# and reverts, the reviewed view shows exactly the wordings a reviewer last approved, each under its claim,
# and never another wording of an approved claim.


def shown_texts(page) -> dict[int, str]:
    texts = {}
    for section in page.rendered.sections:
        for paragraph in section.paragraphs:
            for claim in paragraph.claims:
                texts[claim.id] = "".join(p.text for p in claim.pieces if p.kind in ("text", "flag"))
    return texts


class Walk:
    def __init__(self, article, editor, reviewer, rng):
        self.article, self.editor, self.reviewer, self.rng = article, editor, reviewer, rng
        self.approved: dict[int, str] = {}  # the test's own record: claim id -> text last approved
        self.added = 0

    @property
    def section(self):
        return self.article.sections.get(heading="History")

    def save(self, sentences):
        section = self.section
        section_save(
            section=section, body=" ".join(sentences), user=self.editor, base_version=section.version
        )

    def sentences(self):
        return [claim.raw for claim in self.section.claims.active().order_by("position")]

    def step(self):
        action = self.rng.choice(
            ["edit", "edit", "approve", "approve", "dispute", "remove", "add", "revert", "drop"]
        )
        getattr(self, action)()

    def edit(self):
        sentences = self.sentences()
        index = self.rng.randrange(len(sentences))
        words = sentences[index].split(" ")
        words[2] = str(self.rng.randint(1, 999))
        sentences[index] = " ".join(words)
        self.save(sentences)

    def remove(self):
        sentences = self.sentences()
        if len(sentences) > 1:
            sentences.pop(self.rng.randrange(len(sentences)))
            self.save(sentences)

    def add(self):
        self.added += 1
        sentences = self.sentences()
        sentences.insert(
            self.rng.randrange(len(sentences) + 1), f"Delta{self.added} saw {self.added} ships.[2]"
        )
        self.save(sentences)

    def revert(self):
        versions = list(Version.objects.get_for_object(self.section))
        section_revert(section=self.section, version=self.rng.choice(versions), user=self.editor)

    def pick(self, claims):
        claims = list(claims.order_by("pk"))
        return self.rng.choice(claims) if claims else None

    def approve(self):
        claim = self.pick(self.section.claims.active())
        if claim is not None:
            claim_review(claim=claim, reviewer=self.reviewer, status="approved", seen_raw=claim.raw)
            self.approved[claim.pk] = claim.text

    def dispute(self):
        claim = self.pick(self.section.claims.active())
        if claim is not None:
            claim_review(claim=claim, reviewer=self.reviewer, status="disputed", note="Unsure.")

    def drop(self):
        claim = self.pick(Claim.objects.removals_to_approve().filter(section__article=self.article))
        if claim is not None:
            claim_approve_removal(claim=claim, reviewer=self.reviewer)
            del self.approved[claim.pk]

    def check(self):
        url = "http://testserver" + self.article.get_absolute_url()
        reviewed = shown_texts(article_page(self.article, highlight=True, article_url=url, view=REVIEWED))
        assert reviewed == self.approved
        latest = shown_texts(article_page(self.article, highlight=True, article_url=url, view=LATEST))
        current = {claim.pk: claim.text for claim in self.section.claims.active()}
        assert latest == current


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_reviewed_view_never_shows_an_unapproved_wording(article, editor, reviewer, seed):
    walk = Walk(article, editor, reviewer, random.Random(seed))
    walk.check()
    for _ in range(40):
        walk.step()
        walk.check()
    assert walk.approved  # the walk did approve something, so the property was put to the test


def test_the_highlight_switch_keeps_the_chosen_view(client, article):
    assert get_page(client, article, "?view=reviewed").find("a", cls="highlight-switch").attrs["href"] == (
        "?highlight=off&view=reviewed"
    )
    plain = get_page(client, article, "?view=reviewed&highlight=off")
    assert plain.find("a", cls="highlight-switch").attrs["href"] == "/articles/small/?view=reviewed"
    assert get_page(client, article).find("a", cls="highlight-switch").attrs["href"] == "?highlight=off"


def cold_queries(client, article, query) -> int:
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for alias in ("default", "pages"):
        caches[alias].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url() + query).status_code == 200
    return len(queries)


def test_the_reviewed_view_takes_as_few_queries_as_the_latest_whatever_the_size(
    client, seed_article, large_article, reviewer, editor
):
    for article in (seed_article, large_article):
        claims = list(Claim.objects.for_article(article).in_article_order()[:40])
        for claim in claims:
            claim_review(claim=claim, reviewer=reviewer, status="approved")
        section = claims[-1].section
        body = section.body.replace(claims[-1].raw, "")
        section_save(section=section, body=body, user=editor, base_version=section.version)
    counts = {
        (article.slug, query): cold_queries(client, article, query)
        for article in (seed_article, large_article)
        for query in ("?view=latest", "?view=reviewed")
    }
    assert len(set(counts.values())) == 1, counts
    assert counts[(seed_article.slug, "?view=reviewed")] <= 9  # as the latest view (its conflicts included)


def test_removals_awaiting_approval_are_announced_on_the_queue_page(client, article, editor, reviewer):
    beta = claim_with(article, "Beta counted")
    claim_review(claim=beta, reviewer=reviewer, status="approved")
    client.force_login(reviewer)
    changelist = reverse("admin:claims_claim_changelist")
    assert b"still show in the reviewed view" not in client.get(changelist).content  # nothing to announce
    edit(article, " Beta counted 20 boats.[2]", "", editor)
    page = client.get(changelist).content.decode()
    assert "1 removed sentence(s) still show in the reviewed view" in page
    link = re.search(r'<a href="(\?[^"]*)">List the removals awaiting approval</a>', page).group(1)
    listed = client.get(changelist + html.unescape(link)).content.decode()
    assert "Beta counted 20 boats" in listed and "still show in the reviewed view" not in listed
    # Filtered to another article, the count is that article's.
    other = article_import(data="Another lead.[1]\n", slug="other").article
    page = client.get(changelist + f"?section__article__id__exact={other.pk}").content.decode()
    assert "removed sentence(s)" not in page
