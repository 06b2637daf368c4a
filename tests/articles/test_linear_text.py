"""The article format and the word diff, fed adversarial runs of each delimiter: the output is right,
and the work grows linearly (counted for the diff's alignment, timed for the patterns; tests/linear.py)."""

import pytest

from articles.textformat import ParsedSection, parse_article
from tests.linear import UNITS, assert_linear_time, numbered_citations, run_of
from textdiff import diffing
from textdiff.alignment import SMALL_GAP, WORK_PER_ITEM
from textdiff.diffing import tokenize, word_diff

LENGTH = 20_000
RUNS = {**UNITS, "[1][2]...": None, "U+2028": "\u2028"}


def run(name: str, length: int) -> str:
    return numbered_citations(length) if RUNS[name] is None else run_of(RUNS[name], length)


@pytest.mark.parametrize("name", RUNS)
def test_tokens_of_a_run_join_back(name):
    text = run(name, LENGTH)
    assert "".join(tokenize(text)) == text
    assert_linear_time(tokenize, lambda length: run(name, length))


@pytest.mark.parametrize("name", RUNS)
def test_word_diff_of_a_run_finds_the_one_changed_word(name, monkeypatch):
    works = []
    real_align = diffing.align

    def counting_align(a, b):
        alignment = real_align(a, b)
        works.append((len(a) + len(b), alignment.work))
        return alignment

    monkeypatch.setattr(diffing, "align", counting_align)
    for length in (LENGTH, 4 * LENGTH):
        text = run(name, length)
        diff = word_diff(f"{text} middle {text}", f"{text} centre {text}")
        assert (diff.deleted, diff.inserted) == (("middle",), ("centre",))
    (small_items, small_work), (large_items, large_work) = works
    assert large_work <= (WORK_PER_ITEM + 3) * large_items + SMALL_GAP
    assert large_work <= 5 * max(small_work, 1)  # four times the input, at most a little more work
    assert_linear_time(lambda text: word_diff(text, text + " end"), lambda length: run(name, length))


@pytest.mark.parametrize("name", RUNS)
def test_word_diff_of_two_different_runs_rebuilds_both(name):
    old, new = run(name, LENGTH), run("letters", LENGTH) + run(name, LENGTH // 2)
    diff = word_diff(old, new)
    assert diff.old_text() == old and diff.new_text() == new
    assert_linear_time(lambda text: word_diff(text, text[::-1]), lambda length: run(name, length))


# A run that is whitespace only is no paragraph; every other run is one paragraph under the heading.
BLANK_RUNS = {"spaces", "U+2028"}


@pytest.mark.parametrize("name", RUNS)
def test_parse_a_run(name):
    text = run(name, LENGTH)
    if name in BLANK_RUNS:
        assert parse_article(f"Lead.\nHeading\n{text}\n").sections[1].body == ""
    else:
        parsed = parse_article(f"Heading\n{text}\n")
        assert parsed.sections == (ParsedSection(heading="Heading", level=1, body=text.strip(), line=1),)
        expected = {"[1]": (1,), "[1][2]...": tuple(range(1, text.count("[") + 1))}.get(name, ())
        assert parsed.source_numbers == expected
    assert_linear_time(parse_article, lambda length: f"Heading\n{run(name, length)}\nEnd.\n")
