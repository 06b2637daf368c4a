"""The reader views and review marks as pure functions: tables, no database."""

from datetime import UTC, datetime

import pytest

from articles.rendering.page import ClaimInput, FigureSpan, SectionInput, render_article
from articles.rendering.review import (
    LATEST,
    REVIEWED,
    ChangedMark,
    ReviewMark,
    ReviewState,
    awaiting_review,
    changed_wordings,
    chosen_view,
    reviewed_sections,
    with_review_marks,
)

WHEN = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)


def section(*claims):
    return SectionInput("H", 1, "s1", tuple(claims))


def claim(id, text, **fields):
    return ClaimInput(id=id, text=text, **fields)


@pytest.mark.parametrize(
    ("requested", "default", "expected"),
    [
        (None, "latest", LATEST),
        (None, "reviewed", REVIEWED),
        ("latest", "reviewed", LATEST),
        ("reviewed", "latest", REVIEWED),
        ("nonsense", "reviewed", REVIEWED),
        ("", "latest", LATEST),
        (None, "garbage", LATEST),
    ],
)
def test_chosen_view(requested, default, expected):
    assert chosen_view(requested, default) == expected


APPROVED_SAME = ReviewState(
    1, "approved", WHEN, "R", approved_text="One 1.", approved_at=WHEN, approved_by="R"
)
APPROVED_CHANGED = ReviewState(
    2, "unreviewed", approved_text="Two 2.", approved_markers=(("a", 5),), approved_by="R", is_changed=True
)
NEVER_APPROVED = ReviewState(3, "unreviewed")
REMOVED = ReviewState(4, "unreviewed", approved_text="Four 4.", approved_by="R", is_retired=True)
DISPUTED_NEW = ReviewState(5, "disputed", WHEN, "R", public_note="Wrong.")


@pytest.mark.parametrize(
    ("state", "current", "shown"),
    [
        (APPROVED_SAME, "One 1.", "One 1."),
        (APPROVED_CHANGED, "Two 22.", "Two 2."),
        (NEVER_APPROVED, "Three 3.", None),
        (REMOVED, "Four 44.", "Four 4."),
        (DISPUTED_NEW, "Five 5.", None),
    ],
)
def test_the_reviewed_view_shows_approved_wordings_only(state, current, shown):
    sections = (section(claim(state.id, current, figures=(FigureSpan(0, 3),), flags=("unreviewed",))),)
    (result,) = reviewed_sections(sections, {state.id: state})
    assert [c.text for c in result.claims] == ([shown] if shown else [])


def test_an_approved_wording_carries_its_own_markers_and_no_marks_of_the_current_one():
    current = claim(2, "Two 22.", markers=(("b", 6),), figures=(FigureSpan(4, 6),), flags=("single_source",))
    (result,) = reviewed_sections((section(current),), {2: APPROVED_CHANGED})
    (shown,) = result.claims
    assert (shown.markers, shown.figures, shown.flags, shown.inferred_keys) == ((("a", 5),), (), (), ())


def test_awaiting_review_counts_current_statements_not_shown_as_they_read():
    states = [APPROVED_SAME, APPROVED_CHANGED, NEVER_APPROVED, REMOVED, DISPUTED_NEW]
    assert awaiting_review(states) == 3  # changed, never approved, disputed; not the removed one
    assert awaiting_review([APPROVED_SAME]) == 0


def test_changed_wordings_lists_changed_current_statements_in_order():
    sections = (section(claim(1, "One 1."), claim(2, "Two 22."), claim(3, "Three."), claim(4, "Four 44.")),)
    states = {s.id: s for s in (APPROVED_SAME, APPROVED_CHANGED, NEVER_APPROVED, REMOVED)}
    assert [(w.claim_id, w.text, w.anchor, w.back) for w in changed_wordings(sections, states)] == [
        (2, "Two 2.", "approved-2", "changed-2")
    ]


def marks(state, view):
    rendered = render_article((section(claim(state.id, "Text.")),), {})
    marked = with_review_marks(rendered, {state.id: state}, view=view)
    return marked.sections[0].paragraphs[0].claims[0].pieces[1:]


@pytest.mark.parametrize(
    ("state", "view", "expected"),
    [
        (APPROVED_SAME, LATEST, [ReviewMark("approved", "approved", "R", WHEN, "", "review-1")]),
        (APPROVED_SAME, REVIEWED, [ReviewMark("approved", "approved", "R", WHEN, "", "review-1")]),
        (APPROVED_CHANGED, LATEST, [ChangedMark(2)]),
        (APPROVED_CHANGED, REVIEWED, [ReviewMark("approved", "approved", "R", None, "", "review-2")]),
        (NEVER_APPROVED, LATEST, []),
        (DISPUTED_NEW, LATEST, [ReviewMark("disputed", "disputed", "R", WHEN, "Wrong.", "review-5")]),
        (ReviewState(6, "rejected", WHEN, "R", public_note=""), LATEST, []),  # a private note: no mark
        (
            ReviewState(7, "rejected", WHEN, "R", public_note="<b>No</b>"),
            LATEST,
            [ReviewMark("rejected", "rejected", "R", WHEN, "<b>No</b>", "review-7")],
        ),
    ],
)
def test_review_marks(state, view, expected):
    assert list(marks(state, view)) == expected


def test_marks_reach_the_lead_too():
    rendered = render_article((SectionInput("", 0, "s0", (claim(1, "Lead."),)),), {})
    marked = with_review_marks(rendered, {1: APPROVED_SAME}, view=LATEST)
    assert marked.lead[0].claims[0].pieces[-1].classes == "review review-approved"
