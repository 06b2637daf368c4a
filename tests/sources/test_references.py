"""Which fields an import may write: only those an editor left as the last import wrote them."""

from datetime import date

import pytest

from sources.citations import parse_citation
from sources.references import (
    IMPORTED_FIELDS,
    citation_values,
    decode,
    encode,
    is_as_imported,
    plan_update,
    reference_line_text,
)

EMPTY = dict.fromkeys(IMPORTED_FIELDS, "")


@pytest.mark.parametrize(
    ("current", "last", "incoming", "changes", "kept"),
    [
        # First import: everything empty is filled.
        ({}, {}, {"title": "T", "url": "https://a"}, {"title": "T", "url": "https://a"}, ()),
        # The file changed a field the editor left alone: written.
        ({"title": "T"}, {"title": "T"}, {"title": "T2"}, {"title": "T2"}, ()),
        # The editor changed it: kept, even though the file changed too.
        ({"title": "Mine"}, {"title": "T"}, {"title": "T2"}, {}, ("title",)),
        # The editor emptied it: an empty field is refilled.
        ({"title": ""}, {"title": "T"}, {"title": "T"}, {"title": "T"}, ()),
        # Nothing changed: nothing written.
        ({"title": "T"}, {"title": "T"}, {"title": "T"}, {}, ()),
        # The editor filled a field the import never wrote and the file now gives it: kept.
        ({"work": "Mine"}, {}, {"work": "BBC"}, {}, ("work",)),
        # The line lost a field: what the import wrote is cleared, an editor's value is not.
        (
            {"title": "T", "work": "Mine"},
            {"title": "T", "work": "W"},
            {"title": "", "work": ""},
            {"title": ""},
            ("work",),
        ),
    ],
)
def test_plan_update(current, last, incoming, changes, kept):
    plan = plan_update(current, last, incoming)
    assert plan.changes == changes
    assert plan.kept == kept
    assert plan.imported == incoming


def test_values_are_remembered_as_text_and_read_back():
    assert encode(date(2024, 3, 5)) == "2024-03-05"
    assert encode(None) == "" and encode("x") == "x"
    assert decode("published_on", "2024-03-05") == date(2024, 3, 5)
    assert decode("accessed_on", "") is None
    assert decode("title", "") == ""


def test_values_fit_their_fields_and_a_long_url_is_dropped_not_cut():
    parsed = parse_citation('"' + "T" * 600 + '". Work. https://example.org/' + "p" * 1200)
    values = citation_values(parsed, {"title": 500, "url": 1000, "work": 300})
    assert len(values["title"]) == 500 and values["title"].endswith("…")
    assert values["url"] == ""
    assert values["work"] == "Work"


def test_the_imported_line_is_written_back_until_a_field_changes():
    line = '"Title". BBC News. 5 March 2024. Retrieved 6 March 2024.'
    imported = citation_values(parse_citation(line), {})
    assert is_as_imported(imported, imported)
    assert reference_line_text(imported, imported, line) == line
    edited = {**imported, "title": "A better title"}
    assert not is_as_imported(edited, imported)
    rewritten = reference_line_text(edited, imported, line)
    assert rewritten == "“A better title”. BBC News. 5 March 2024. Retrieved 6 March 2024."
    assert citation_values(parse_citation(rewritten), {}) == edited


def test_a_source_without_a_line_or_details_writes_an_empty_entry():
    assert reference_line_text(EMPTY, {}, "") == ""
