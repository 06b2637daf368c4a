"""Check an article against itself: statements that give different values for the same quantity
(conflicts) or the same value (agreements). Pure Python, no ORM; ``claims.consistency.detect`` explains
how statements are paired."""

from claims.consistency.detect import (
    AGREEMENT,
    CONFLICT,
    ESTIMATES,
    POSSIBLE,
    PUBLIC,
    Finding,
    Statement,
    find_findings,
    is_compared,
)

__all__ = [
    "AGREEMENT",
    "CONFLICT",
    "ESTIMATES",
    "POSSIBLE",
    "PUBLIC",
    "Finding",
    "Statement",
    "find_findings",
    "is_compared",
]
