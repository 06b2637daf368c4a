"""Review decisions as schema.org ``ClaimReview`` JSON-LD, for search engines and fact-check aggregators."""

import json
from collections.abc import Iterable

from articles.rendering.page import SectionInput

PUBLISHER = "Verity"
REVIEWED_STATUSES = {"approved": "Approved", "disputed": "Disputed"}

# As django.utils.html.json_script: with these escaped, no text can close the <script> element.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def claim_reviews(sections: Iterable[SectionInput], *, article_url: str) -> list[dict]:
    """Return a ClaimReview for each approved or disputed claim, in article order."""
    return [
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{article_url}#claim-{claim.id}",
            "claimReviewed": claim.text,
            "datePublished": claim.reviewed_at.isoformat() if claim.reviewed_at else None,
            "author": {"@type": "Organization", "name": PUBLISHER},
            "reviewRating": {"@type": "Rating", "alternateName": REVIEWED_STATUSES[claim.status]},
            "itemReviewed": {"@type": "Claim", "appearance": article_url},
        }
        for section in sections
        for claim in section.claims
        if claim.status in REVIEWED_STATUSES
    ]


def script_json(data) -> str:
    """Return ``data`` as JSON that is safe as the content of a ``<script>`` element: ``<``, ``>`` and
    ``&`` become ``\\u003C`` …, which JSON reads back as the same characters."""
    return json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)
