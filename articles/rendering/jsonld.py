"""Review decisions as schema.org ``ClaimReview`` JSON-LD, for search engines and fact-check aggregators."""

import json
from collections.abc import Iterable

from articles.rendering.html import Html, html
from articles.rendering.page import ClaimInput, SectionInput

PUBLISHER = "Verity"
# Google's ClaimReview asks for a numeric rating on a stated scale and its name (alternateName).
REVIEWED_STATUSES = {"approved": (3, "Approved"), "disputed": (2, "Disputed"), "rejected": (1, "Rejected")}
BEST_RATING, WORST_RATING = 3, 1

# As django.utils.html.json_script: with these escaped, no text can close the <script> element.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def claim_reviews(sections: Iterable[SectionInput], *, article_url: str) -> list[dict]:
    """Return a ClaimReview for each approved, disputed or rejected claim, in article order, with the
    properties Google requires and recommends (claimReviewed, reviewRating, url, author, datePublished,
    itemReviewed with its appearance). A review note is never included: it may be private."""
    return [
        claim_review_ld(claim, article_url=article_url)
        for section in sections
        for claim in section.claims
        if claim.status in REVIEWED_STATUSES
    ]


def claim_review_ld(claim: ClaimInput, *, article_url: str) -> dict:
    value, name = REVIEWED_STATUSES[claim.status]
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{article_url}#claim-{claim.id}",
        "claimReviewed": claim.text,
        "author": {"@type": "Organization", "name": PUBLISHER},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": name,
        },
        "itemReviewed": {
            "@type": "Claim",
            "appearance": {"@type": "CreativeWork", "url": article_url},
        },
    }
    if claim.reviewed_at:
        review["datePublished"] = claim.reviewed_at.isoformat()
    return review


def script_json(data) -> str:
    """Return ``data`` as JSON that is safe as the content of a ``<script>`` element: ``<``, ``>`` and
    ``&`` become ``\\u003C`` …, which JSON reads back as the same characters."""
    return json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)


def json_ld_html(data) -> Html:
    """Return a JSON-LD script element for ``data``."""
    # The one Html made of computed text, not by escaping: script_json leaves no <, > or & in it, so it
    # cannot close the element (tests/articles/test_rendering.py), and HTML escaping would corrupt JSON.
    return html('<script type="application/ld+json">{}</script>', Html(script_json(data)))
