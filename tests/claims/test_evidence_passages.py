"""Tests for claims.evidence.passages: which passage of a source's text a claim is matched with."""

import pytest

from claims.evidence import passages as passages_module
from claims.evidence.passages import (
    CANDIDATES,
    MAX_PASSAGE,
    best_passage,
    build_index,
    ranked_passages,
    split_passages,
    tokens,
)
from claims.figures import extract_figures

SOURCE = (
    "Heavy fighting broke out in Loikaw on Tuesday. Residents said the army shelled the market.\n"
    "\n"
    "The UN refugee agency said about 6,000 people had fled to camps near the border. "
    "Aid workers described the camps as overcrowded.\n"
    "Resistance groups said they had captured seven junta outposts. The army denied it.\n"
    "According to the monitoring group, the clashes left 23 soldiers dead. "
    "It counted 41 air strikes in the week.\n"
)


def match(claim: str, text: str = SOURCE):
    return best_passage(build_index(text), claim, extract_figures(claim))


def test_passages_are_the_sentences_with_their_offsets_in_the_text():
    passages = split_passages(SOURCE)
    assert [p.text for p in passages][:3] == [
        "Heavy fighting broke out in Loikaw on Tuesday.",
        "Residents said the army shelled the market.",
        "The UN refugee agency said about 6,000 people had fled to camps near the border.",
    ]
    assert all(SOURCE[p.start : p.end] == p.text for p in passages)


def test_a_sentence_longer_than_the_limit_is_cut_at_spaces_and_keeps_its_offsets():
    text = "Intro.\n" + " ".join(f"word{n}" for n in range(400))
    passages = split_passages(text)
    assert len(passages) > 3
    assert all(len(p.text) <= MAX_PASSAGE and text[p.start : p.end] == p.text for p in passages)
    assert " ".join(p.text for p in passages[1:]) == text[7:]


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (
            "Some 6000 people fled to camps near the border, according to the UNHCR.",
            "The UN refugee agency said about 6,000 people had fled to camps near the border.",
        ),
        ("Resistance forces captured seven outposts.", "Resistance groups said they had captured seven"),
        ("The army shelled the market in Loikaw.", "Residents said the army shelled the market."),
    ],
)
def test_the_best_passage_is_the_sentence_saying_the_same(claim, expected):
    assert match(claim).passage.text.startswith(expected)


def test_a_passage_is_widened_to_the_next_sentence_when_that_one_states_the_missing_figure():
    found = match("The clashes left 23 soldiers dead and 41 air strikes were counted.")
    assert found.passage.text == (
        "According to the monitoring group, the clashes left 23 soldiers dead. "
        "It counted 41 air strikes in the week."
    )
    assert SOURCE[found.passage.start : found.passage.end] == found.passage.text


def test_a_figure_stated_by_value_outranks_a_closer_wording_without_it():
    stated = "Officials said three hundred houses burned down in the fire."
    found = match("The village fire burned 300 houses.", "Many houses burned in the village fire.\n" + stated)
    assert found.passage.text == stated


@pytest.mark.parametrize("glue", ["", " "])
def test_a_megabyte_without_a_full_stop_is_cut_in_linear_time(glue):
    """The size and the result at a megabyte; the time of the cut is measured by bench.evidence_linear
    (its "one sentence, no full stop" rows, 100 KB to 10 MB), not here."""
    text = glue.join(["x" * 7] * 130_000)
    passages = split_passages(text)
    assert len(text) > 900_000 and len(passages) >= len(text) // MAX_PASSAGE
    assert all(len(p.text) <= MAX_PASSAGE and text[p.start : p.end] == p.text for p in passages)
    # nothing is lost but the spaces at the cuts
    assert "".join(p.text for p in passages).replace(" ", "") == text.replace(" ", "")


def test_no_shared_word_gives_no_passage():
    assert match("Zebras graze quietly.") is None
    assert best_passage(build_index(""), "Anything at all.") is None


def test_tokens_drop_stop_words_and_read_numbers_without_commas():
    assert tokens("The 6,000 displaced of Loikaw") == ["6000", "displac", "loikaw"]


def test_matching_is_linear_in_the_text_size(monkeypatch):
    """80 claims against 100x a 20 KB text: the text is read once, when the index is built, and each claim
    then costs a fixed amount of close reading (its time: bench.evidence_linear, "find_all" rows).

    Counted, not timed: the characters tokenized, the fuzzy comparisons and the passages whose figures are
    extracted. Re-reading the text per claim, or comparing a claim with every passage, multiplies them by
    the number of passages (25,000)."""
    sentence = "Officials in district {n} reported {n} casualties after the shelling of the market."
    text = "\n".join(sentence.format(n=n) for n in range(25_000))
    assert len(text) > 2_000_000
    tokenized, compared = count_calls(monkeypatch, passages_module, "tokens"), []
    token_set_ratio = passages_module.fuzz.token_set_ratio
    monkeypatch.setattr(
        passages_module.fuzz, "token_set_ratio", lambda *texts: compared.append(1) or token_set_ratio(*texts)
    )
    index = build_index(text)
    built_from = sum(len(argument) for argument in tokenized)
    assert built_from <= len(text)
    claims = [f"District {n * 7} reported {n * 7} casualties." for n in range(80)]
    for n, claim in enumerate(claims):
        assert match_text(index, claim) == sentence.format(n=n * 7)
    assert sum(len(argument) for argument in tokenized) == built_from + sum(map(len, claims))
    assert len(compared) <= CANDIDATES * len(claims)
    # figures are read only in the passages a claim reaches: each candidate and its two neighbours
    assert len(index._figures) <= 3 * CANDIDATES * len(claims)


def count_calls(monkeypatch, module, name: str) -> list:
    """Replace ``module.name`` with a spy; return the list that gets each call's first argument."""
    calls, function = [], getattr(module, name)

    def spy(argument, *more, **options):
        calls.append(argument)
        return function(argument, *more, **options)

    monkeypatch.setattr(module, name, spy)
    return calls


def match_text(index, claim):
    return best_passage(index, claim, extract_figures(claim)).passage.text


def test_ranked_passages_offer_distinct_choices_best_first():
    claim = "The UN said 6,000 people fled to camps."
    ranked = ranked_passages(build_index(SOURCE), claim, extract_figures(claim), limit=3)
    assert ranked[0] == match(claim)
    assert len({found.passage for found in ranked}) == len(ranked) == 3
    assert [found.score for found in ranked] == sorted((found.score for found in ranked), reverse=True)


def random_source(rng) -> str:
    """A text of overlapping sentences: many share the claim's words, some state its figures, in
    paragraphs of one to three sentences (so candidates widen to a neighbour)."""
    places, nouns = ["Loikaw", "Demoso", "Hpruso", "Mese"], ["families", "schools", "houses", "clinics"]
    paragraphs = []
    for _ in range(rng.randint(5, 40)):
        sentences = [
            f"Officials in {rng.choice(places)} counted {rng.choice([3, 12, 40, 6000])} {rng.choice(nouns)}"
            f"{rng.choice(['', ' after the floods', ' on Tuesday'])}."
            for _ in range(rng.randint(1, 3))
        ]
        paragraphs.append(" ".join(sentences))
    return "\n".join(paragraphs)


@pytest.mark.parametrize("seed", range(40))
def test_skipping_candidates_that_cannot_win_keeps_the_same_choices(seed):
    """Candidates are read best words first and the rest skipped once even every figure could not lift
    them past the choices kept: the choices must be those of reading all CANDIDATES (a limit that
    high skips none), in the same order with the same scores."""
    import random

    rng = random.Random(seed)
    index = build_index(random_source(rng))
    for _ in range(10):
        claim = (
            f"Officials in {rng.choice(['Loikaw', 'Mese'])} counted {rng.choice([3, 12, 40, 6000])} "
            f"{rng.choice(['families', 'schools'])} and {rng.choice([3, 12, 40])} clinics."
        )
        figures = extract_figures(claim)
        every = ranked_passages(index, claim, figures, limit=CANDIDATES)
        for limit in (1, 2, 3):
            assert ranked_passages(index, claim, figures, limit=limit) == every[:limit]


def test_the_figures_of_candidates_that_cannot_win_are_not_read():
    """A claim whose best-worded sentence states its figure: no other candidate can catch up, so only
    that sentence's figures (and none of the 15 others') are read."""
    text = "\n".join(f"Officials in Mese counted {n} families after the floods." for n in range(100, 140))
    index = build_index(text + "\nOfficials in Loikaw counted 12 families after the floods on Tuesday.")
    claim = "Officials in Loikaw counted 12 families after the floods on Tuesday."
    assert match_text(index, claim) == claim
    assert len(index._figures) == 1
