"""``Reading.replaced``: the reading of an article after one section's statements changed, worked out
from the reading before, must be the reading of the new statements read whole (buckets in the same order,
the same common names, recurring activities and settings). The section save keeps the article's reading
between saves and derives the next one this way (``claims.article_index``)."""

import os
import random
import re
from pathlib import Path

import pytest

from articles.textformat import parse_article
from claims.consistency.detect import Statement, find_findings
from claims.consistency.incremental import Reading, rejudge, rejudge_readings
from claims.sentences import split_body

SEED = Path(__file__).resolve().parents[2] / "seed" / "operation-1107.txt"
CORPUS = Path(os.environ.get("VERITY_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus"))
DATED = ("In March 1958, the council met again.", "By 1953, the party had split.", "Nothing was said.")


def article_statements(text: str, copies: int = 1) -> list[Statement]:
    """The statements of an article's text, ``copies`` times over (each copy's sections its own)."""
    statements, section_id = [], 0
    for _ in range(copies):
        for section in parse_article(text).sections:
            section_id += 1
            for sentence in split_body(section.body):
                key = (section_id, sentence.paragraph)
                statements.append(Statement(len(statements) + 1, sentence.text, section.heading, key))
    return statements


def blocks(statements: list[Statement]) -> list[tuple[int, int]]:
    """Return each section's (start, end) in the list."""
    bounds: dict[object, list[int]] = {}
    for position, statement in enumerate(statements):
        bounds.setdefault(statement.paragraph[0], []).append(position)
    return [(at[0], at[-1] + 1) for at in bounds.values()]


def edited_block(rng: random.Random, statements: list[Statement], start: int, end: int, next_id: int):
    """Return the section's statements after one random edit: a figure changed, a statement removed, one
    copied in from elsewhere (a new id), a dated one added, a paragraph split, the heading changed."""
    block = list(statements[start:end])
    kind = rng.choice(("number", "number", "remove", "copy", "dated", "paragraph", "heading", "empty"))
    numbered = [i for i, s in enumerate(block) if re.search(r"\d", s.text)]
    if kind == "number" and numbered:
        i = rng.choice(numbered)
        text = re.sub(r"\d+", str(rng.choice((7, 12, 150, 477, 1953, 180000))), block[i].text, count=1)
        block[i] = Statement(block[i].id, text, block[i].section, block[i].paragraph)
    elif kind == "remove" and block:
        del block[rng.randrange(len(block))]
    elif kind in ("copy", "dated") and block:
        donor = rng.choice(statements).text if kind == "copy" else rng.choice(DATED)
        at = rng.randrange(len(block) + 1)
        near = block[min(at, len(block) - 1)]
        block.insert(at, Statement(next_id, donor, near.section, near.paragraph))
    elif kind == "paragraph" and len(block) > 1:
        at = rng.randrange(1, len(block))
        block[at:] = [Statement(s.id, s.text, s.section, (s.paragraph[0], 99)) for s in block[at:]]
    elif kind == "heading" and block:
        heading = block[0].section + " (1957)"
        block = [Statement(s.id, s.text, heading, s.paragraph) for s in block]
    elif kind == "empty" and len(blocks(statements)) > 3:
        block = []
    return block


def assert_same_reading(derived: Reading, whole: Reading) -> None:
    assert derived.statements == whole.statements
    assert derived.index == whole.index
    assert list(derived.buckets.items()) == list(whole.buckets.items())  # the detector's order too
    assert (derived.common, derived.recurring) == (whole.common, whole.recurring)
    assert +derived.names == +whole.names and +derived.roles == +whole.roles
    assert [derived.settings[i] for i in range(len(derived.statements))] == [
        whole.settings[i] for i in range(len(whole.statements))
    ]


def check_chain(statements: list[Statement], *, edits: int, seed: int) -> None:
    rng = random.Random(seed)
    reading, next_id = Reading(statements), 10**6
    for _ in range(edits):
        start, end = rng.choice(blocks(reading.statements))
        block = edited_block(rng, reading.statements, start, end, next_id)
        next_id += 1
        derived = reading.replaced(start, end, block)
        whole = Reading(derived.statements)
        assert_same_reading(derived, whole)
        assert rejudge_readings(reading, derived) == rejudge(reading.statements, whole.statements)
        reading = derived  # the next edit starts from the derived reading, as the next save does


def test_a_derived_reading_is_the_reading_of_the_new_statements_in_the_seed():
    check_chain(article_statements(SEED.read_text(encoding="utf-8")), edits=150, seed=7)


def test_a_derived_reading_is_the_reading_of_the_new_statements_in_the_seed_five_times_over():
    """Every figure has four twins, and names pass the common limit only in the larger article."""
    check_chain(article_statements(SEED.read_text(encoding="utf-8"), copies=5), edits=40, seed=11)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus of real articles is absent")
@pytest.mark.parametrize("name", ["hurricane-matthew-haiti", "ian-botham", "economy-of-saudi-arabia"])
def test_a_derived_reading_is_the_reading_of_the_new_statements_in_a_real_article(name):
    check_chain(article_statements((CORPUS / f"{name}.txt").read_text(encoding="utf-8")), edits=60, seed=3)


def test_the_reading_before_the_edit_is_left_as_it_was():
    statements = article_statements(SEED.read_text(encoding="utf-8"))
    reading = Reading(statements)
    start, end = blocks(statements)[3]
    reading.replaced(start, end, [])
    assert_same_reading(reading, Reading(statements))


def test_a_lead_sentence_is_rejudged_as_the_whole_article_judges_it():
    """The lead of an article with sections states no time of its own paragraph's: rejudged a section at a
    time, the lead alone must still be read as an article's lead, not as an article without sections."""

    def article(word: str) -> list[Statement]:
        return [
            Statement(1, "In 2019 the Vell dam was opened.", "", (0, 0)),
            Statement(2, "The Tarn silo holds 300 tons of grain.", "", (0, 0)),
            Statement(3, "In 2005 the Tarn mill was opened.", "History", (1, 0)),
            Statement(4, f"The Tarn silo holds 300 tons of {word} grain.", "History", (1, 0)),
        ]

    before, after = article("dry"), article("dried")
    rejudged = rejudge(before, after)
    whole = {
        (f.first, f.second, f.kind, f.level)
        for f in find_findings(after)
        if frozenset((f.first, f.second)) in rejudged.pairs
    }
    assert whole == {(2, 4, "agreement", "public")}
    assert {(f.first, f.second, f.kind, f.level) for f in rejudged.findings} == whole
