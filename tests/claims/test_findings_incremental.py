"""A save re-judges only the statements it changed, and stores exactly what a full detection would.

Random sequences of edits through the section form's service (figures changed, sentences removed, copied
from other sections, dated sentences added, paragraphs split, headings dated) on the seed and on a real
article of the shared corpus; after every save the stored findings and flags must be what detecting the
whole article again finds and flags.
"""

import os
import random
import re
from pathlib import Path

import pytest

from articles.models import Section
from articles.services import article_import, section_save
from claims import findings as findings_module
from claims.consistency import find_findings
from claims.consistency.detect import Statement
from claims.findings import findings_refresh, stored_kind
from claims.models import Claim, ConsistencyFinding
from claims.sentences import split_body

CORPUS = Path(os.environ.get("VERITY_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus"))

DATED_SENTENCES = (
    "In March 1958, the council met again.",
    "By 1953, the party had split.",
    "The talks resumed on November 14, 2023.",
    "Nothing was said about it.",
)


def stored_findings(article) -> set[tuple]:
    return set(
        ConsistencyFinding.objects.filter(article=article).values_list(
            "first_claim_id", "second_claim_id", "kind", "first_value", "second_value", "quantity", "reason"
        )
    )


def detected_findings(article) -> set[tuple]:
    """Detect the whole article's findings from its claims as they are now, as the full refresh does."""
    rows = (
        Claim.objects.for_article(article)
        .in_article_order()
        .values_list("pk", "text", "section__heading", "section_id", "paragraph")
    )
    found = find_findings(
        Statement(pk, text, heading, (section, paragraph)) for pk, text, heading, section, paragraph in rows
    )
    return {
        (
            f.first,
            f.second,
            stored_kind(f),
            f.first_value[:200],
            f.second_value[:200],
            f.quantity[:100],
            f.reason,
        )
        for f in found
    }


def flags(article) -> dict[int, str]:
    return dict(Claim.objects.for_article(article).values_list("pk", "flags"))


def random_edit(rng: random.Random, article) -> dict:
    """Return the section_save arguments of one random edit of one of the article's sections."""
    sections = list(Section.objects.filter(article=article).exclude(body="").order_by("order"))
    section = rng.choice(sections)
    sentences = [s.raw for s in split_body(section.body) if s.raw.strip()]
    body, heading = section.body, None
    donors = [
        c for c in Claim.objects.for_article(article).values_list("raw", flat=True) if re.search(r"\d", c)
    ]
    kind = rng.choice(
        ("number", "number", "remove", "copy", "copy", "dated", "paragraph", "marker", "heading")
    )
    with_number = [s for s in sentences if re.search(r"\d", re.sub(r"\[[^\]]*\]", "", s))]
    if kind == "number" and with_number:
        sentence = rng.choice(with_number)
        numbers = list(
            re.finditer(r"\d[\d,]*", re.sub(r"\[[^\]]*\]", lambda m: " " * len(m.group()), sentence))
        )
        if numbers:
            match = rng.choice(numbers)
            changed = (
                sentence[: match.start()]
                + str(rng.choice((7, 12, 150, 477, 1953, 180000)))
                + sentence[match.end() :]
            )
            body = body.replace(sentence, changed, 1)
    elif kind == "remove" and len(sentences) > 1:
        sentence = rng.choice(sentences)
        body = body.replace(sentence, "", 1)
    elif kind == "copy" and sentences:
        body = body.replace(rng.choice(sentences), rng.choice(sentences) + " " + rng.choice(donors), 1)
    elif kind == "dated" and sentences:
        sentence = rng.choice(sentences)
        body = body.replace(sentence, rng.choice(DATED_SENTENCES) + " " + sentence, 1)
    elif kind == "marker" and re.search(r"\[[^\]]+\]", body):
        sentence = rng.choice(sentences)  # cite one more of the section's sources: the same words
        marker = rng.choice(re.findall(r"\[[^\]]+\]", body))
        body = body.replace(sentence, sentence + marker, 1)
    elif kind == "paragraph" and len(sentences) > 1:
        sentence = rng.choice(sentences[1:])
        body = body.replace(" " + sentence, "\n\n" + sentence, 1)
    elif section.heading:  # the lead has no heading
        heading = section.heading + " (1957)" if "(1957)" not in section.heading else section.heading[:-7]
    return {"section": section, "body": body, "heading": heading, "base_version": section.version}


def check_edit_sequence(article, editor, monkeypatch, capture, *, edits: int, seed: int) -> tuple[int, int]:
    """Run ``edits`` random saves, each committed as far as this process knows (its kept reading of the
    article, ``claims.article_index``, is kept on commit); after each, the stored findings and flags
    must be the full detection's. Return how many refreshes went the incremental way, and how many of
    those from the reading kept by the save before."""
    incremental, from_kept = [], []
    original, original_kept = findings_module.rejudge_readings, findings_module._refresh_from_kept_index

    def counting(*arguments):
        rejudged = original(*arguments)
        incremental.append(rejudged is not None)
        return rejudged

    def counting_kept(*arguments):
        written = original_kept(*arguments)
        from_kept.append(written is not None)
        return written

    monkeypatch.setattr(findings_module, "rejudge_readings", counting)
    monkeypatch.setattr(findings_module, "_refresh_from_kept_index", counting_kept)
    rng = random.Random(seed)
    for step in range(edits):
        arguments = random_edit(rng, article)
        with capture(execute=True):
            section_save(user=editor, **arguments)
        stored, stored_flags = stored_findings(article), flags(article)
        assert stored == detected_findings(article), f"edit {step}: {arguments['body'][:200]!r}"
        # The full refresh (no ``before``) writes nothing: the flags were right too.
        assert findings_refresh(article_id=article.pk) == 0, f"edit {step}"
        assert (stored_findings(article), flags(article)) == (stored, stored_flags)
    return sum(incremental), sum(from_kept)


def test_random_edits_of_the_seed_store_what_the_full_detection_finds(
    seed_article, editor, monkeypatch, django_capture_on_commit_callbacks
):
    assert ConsistencyFinding.objects.filter(article=seed_article).count() >= 6
    incremental, from_kept = check_edit_sequence(
        seed_article, editor, monkeypatch, django_capture_on_commit_callbacks, edits=60, seed=18
    )
    assert incremental >= 30  # most saves took the incremental way: the test compares something
    assert from_kept >= 25  # and most of those from the reading the save before kept


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus of real articles is absent")
def test_random_edits_of_a_real_article_store_what_the_full_detection_finds(
    db, editor, monkeypatch, django_capture_on_commit_callbacks
):
    text = (CORPUS / "hurricane-matthew-haiti.txt").read_text(encoding="utf-8")
    article = article_import(data=text, slug="hurricane-matthew-haiti").article
    assert ConsistencyFinding.objects.filter(article=article).exists()
    incremental, from_kept = check_edit_sequence(
        article, editor, monkeypatch, django_capture_on_commit_callbacks, edits=40, seed=20
    )
    assert incremental >= 20
    assert from_kept >= 15


def test_random_edits_with_narrow_windows_store_what_the_full_detection_finds(
    seed_article, editor, monkeypatch, django_capture_on_commit_callbacks
):
    """Each mention is compared with at most PAIR_CAP later ones of its bucket: an added or removed
    mention moves others into or out of a window. With windows of two the seed's edits do so often."""
    monkeypatch.setattr("claims.consistency.detect.PAIR_CAP", 2)
    monkeypatch.setattr("claims.consistency.incremental.PAIR_CAP", 2)
    findings_refresh(article_id=seed_article.pk)  # the stored findings become those of the narrow windows
    incremental, from_kept = check_edit_sequence(
        seed_article, editor, monkeypatch, django_capture_on_commit_callbacks, edits=60, seed=2
    )
    assert incremental >= 30
    assert from_kept >= 25
