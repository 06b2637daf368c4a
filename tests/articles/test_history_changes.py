"""What a history entry says a revision changed (pure: articles.rendering.history)."""

from articles.rendering.history import (
    SectionSnapshot,
    change_summary,
    moved_sections,
    revision_section_changes,
)


def snap(pk, heading, body="One two three.", level=2, order=0):
    return SectionSnapshot(pk, heading, level, order, body)


def test_a_move_names_the_section_moved_not_those_it_passed():
    assert moved_sections(list("abcdefg"), list("acdefbg")) == {"b"}
    assert moved_sections(list("abcdefg"), list("afbcdeg")) == {"f"}


def test_two_neighbours_that_swapped_both_moved():
    assert moved_sections(list("abcd"), list("acbd")) == {"b", "c"}


def test_sections_added_or_deleted_move_nothing():
    assert moved_sections(list("abcd"), list("axbd")) == set()


def test_words_added_and_removed_a_rename_and_a_level():
    before = {"1": snap("1", "History", "The war began in 2023.[4]")}
    after = {"1": snap("1", "Background", "The long war began in late 2023.[5]", level=3)}
    [entry] = revision_section_changes(None, None, before, after)
    assert entry == {
        "id": "1",
        "kind": "changed",
        "heading": "Background",
        "added": 3,  # long, late, [5]
        "removed": 1,  # [4]
        "was": "History",
        "level": True,
    }
    assert change_summary([entry], 1) == "Background: +3 \u22121 words, renamed from “History”, level changed"


def test_a_section_written_again_unchanged_is_not_listed():
    same = {"1": snap("1", "History")}
    assert revision_section_changes(None, None, same, same) == []


def test_added_deleted_moved_in_the_new_order_then_the_deleted():
    before = {pk: snap(pk, pk.upper()) for pk in "abcde"}
    after = {"f": snap("f", "F"), "c": snap("c", "C", "Changed."), "b": snap("b", "B"), "e": snap("e", "E")}
    changes = revision_section_changes(list("abcde"), list("afcdb"), before, after)
    assert change_summary(changes, len(changes)) == "F: added; C: +1 \u22123 words; B: moved; E: deleted"


def test_the_lead_and_a_section_no_state_names():
    changes = revision_section_changes(["1", "2"], ["2", "1", "3"], {}, {"1": snap("1", "")})
    assert change_summary(changes, len(changes)) == "A section: moved; Lead: moved; A section: added"


def test_a_long_list_is_cut_with_a_count():
    entries = [{"id": str(n), "kind": "added", "heading": f"S{n}"} for n in range(2)]
    assert change_summary(entries, 3) == "S0: added; S1: added; 1 more section"
    assert change_summary(entries, 9) == "S0: added; S1: added; 7 more sections"
