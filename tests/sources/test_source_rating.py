"""Sources carry weight: ratings drive partisan_only, and downgrades send approved claims back."""

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.receivers import UNRELIABLE_REASON
from claims.services import claim_review
from editorial.errors import EditNotAllowed
from sources.forms import BAD_KEY_MESSAGE, DOTS_KEY_MESSAGE, DUPLICATE_KEY_MESSAGE
from sources.keys import BadSourceKey, key_problem
from sources.models import Source
from sources.services import source_save


def source_form(source, **changes):
    data = {
        "title": source.title,
        "publisher": source.publisher,
        "author": source.author,
        "url": source.url,
        "published_on": "",
        "accessed_on": "",
        "archive_url": source.archive_url,
        "kind": source.kind,
        "reliability": source.reliability,
    }
    return {**data, **changes}


def rate(client, source, reliability):
    url = reverse("admin:sources_source_change", args=[source.pk])
    return client.post(url, source_form(source, reliability=reliability))


def claims_citing(source):
    return Claim.objects.active().filter(citations__source=source).distinct()


def test_rating_every_source_partisan_flags_its_claims(seed_article, client, editor):
    single = Claim.objects.for_article(seed_article).get(text__contains="over 477 airstrikes")
    (citation,) = single.citations.all()
    client.force_login(editor)
    assert rate(client, citation.source, "partisan").status_code == 302
    single.refresh_from_db()
    assert "partisan_only" in single.flag_names
    assert rate(client, citation.source, "reliable").status_code == 302
    single.refresh_from_db()
    assert "partisan_only" not in single.flag_names


def test_partisan_only_needs_every_source(seed_article, editor):
    claim = Claim.objects.for_article(seed_article).get(text__contains="700-800")
    first, second = (c.source for c in claim.citations.all())
    source_save(source=with_rating(first, "partisan"), user=editor)
    claim.refresh_from_db()
    assert "partisan_only" not in claim.flag_names
    source_save(source=with_rating(second, "unreliable"), user=editor)
    claim.refresh_from_db()
    assert "partisan_only" in claim.flag_names


def with_rating(source, reliability):
    source.reliability = reliability
    return source


def test_downgrade_to_unreliable_sends_approved_claims_back(seed_article, editor, reviewer):
    source = seed_article.sources.get(key="36")
    citing = list(claims_citing(source))
    for claim in citing:
        claim_review(claim=claim, reviewer=reviewer, status="approved")
    other = Claim.objects.for_article(seed_article).exclude(citations__source=source).first()
    claim_review(claim=other, reviewer=reviewer, status="approved")
    source_save(source=with_rating(source, "unreliable"), user=editor)
    for claim in citing:
        claim.refresh_from_db()
        assert claim.status == "unreviewed" and "unreviewed" in claim.flag_names
        assert claim.history.first().history_change_reason == UNRELIABLE_REASON.format(key="36")
        assert claim.history.filter(status="approved").exists()
    other.refresh_from_db()
    assert other.status == "approved"


def test_reviewer_cannot_edit_sources(seed_article, client, reviewer):
    source = seed_article.sources.get(key="36")
    client.force_login(reviewer)
    assert rate(client, source, "unreliable").status_code == 403
    source.refresh_from_db()
    assert source.reliability == "unrated"
    with pytest.raises(EditNotAllowed):
        source_save(source=with_rating(source, "unreliable"), user=reviewer)


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("has space", BAD_KEY_MESSAGE),
        ("x" * 65, None),
        ("36", DUPLICATE_KEY_MESSAGE.format(key="36")),
        (".", DOTS_KEY_MESSAGE),
        ("..", DOTS_KEY_MESSAGE),
        ("...", DOTS_KEY_MESSAGE),
        ("a/b", BAD_KEY_MESSAGE),
        ("%2e%2e", BAD_KEY_MESSAGE),
    ],
)
def test_adding_a_source_with_a_bad_key_is_refused(seed_article, client, editor, key, message):
    client.force_login(editor)
    count = Source.objects.count()
    data = {"article": seed_article.pk, "key": key, "kind": "news", "reliability": "unrated", "title": "T"}
    response = client.post(reverse("admin:sources_source_add"), data)
    assert response.status_code == 200
    if message:
        assert message in response.content.decode().replace("&#x27;", "'")
    assert Source.objects.count() == count


def test_added_source_is_recorded_with_its_editor(seed_article, client, editor):
    client.force_login(editor)
    data = {
        "article": seed_article.pk,
        "key": "unhcr-2024",
        "kind": "un",
        "reliability": "reliable",
        "title": "UNHCR Myanmar emergency update",
        "url": "https://example.org/unhcr",
    }
    assert client.post(reverse("admin:sources_source_add"), data).status_code == 302
    source = Source.objects.get(key="unhcr-2024")
    assert source.history.first().history_user == editor


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("unhcr-2024", ""),
        ("12", ""),
        ("v1.2", ""),
        (".hidden", ""),
        ("a..b", ""),
        ("report:final_2", ""),
        ("", BAD_KEY_MESSAGE),
        (".", DOTS_KEY_MESSAGE),
        ("..", DOTS_KEY_MESSAGE),
        ("." * 64, DOTS_KEY_MESSAGE),
        ("a b", BAD_KEY_MESSAGE),
        ("a?b", BAD_KEY_MESSAGE),
        ("a#b", BAD_KEY_MESSAGE),
        ("ü", BAD_KEY_MESSAGE),
    ],
)
def test_key_problem(key, problem):
    assert key_problem(key) == problem


@pytest.mark.parametrize("key", [".", ".."])
def test_source_save_refuses_a_key_of_dots(seed_article, editor, key):
    count = Source.objects.count()
    with pytest.raises(BadSourceKey, match="only of dots"):
        source_save(source=Source(article=seed_article, key=key, title="T"), user=editor)
    assert Source.objects.count() == count


@pytest.mark.parametrize("key", ["v1.2", ".hidden", "a..b", "report:final_2"])
def test_an_accepted_key_survives_as_a_link(seed_article, client, editor, key):
    client.force_login(editor)
    data = {"article": seed_article.pk, "key": key, "kind": "news", "reliability": "unrated", "title": "T"}
    assert client.post(reverse("admin:sources_source_add"), data).status_code == 302
    source = Source.objects.get(article=seed_article, key=key)
    url = source.get_absolute_url()
    assert url == f"/articles/operation-1107/sources/{key}/"
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    assert f"<dt>Key</dt><dd><code>{key}</code></dd>" in response.content.decode()
