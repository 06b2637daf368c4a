import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.sentences import (
    MARKER_PATTERN,
    Marker,
    Sentence,
    rename_marker,
    rename_markers,
    split_body,
    split_paragraph,
    strip_markers,
    table_row_kind,
)

SEED = Path(__file__).resolve().parents[2] / "seed" / "operation-1107.txt"
US_TREASURY = "The U.S. Treasury Department's Burma-related sanctions regime"
WHITESPACE = re.compile(r"\s+")


def raws(paragraph: str) -> list[str]:
    return [sentence.raw for sentence in split_paragraph(paragraph)]


def assert_nothing_lost(paragraph: str, sentences: tuple[Sentence, ...]) -> None:
    """The raws, in order, are the paragraph itself with only whitespace between and around them."""
    position = 0
    for sentence in sentences:
        found = paragraph.find(sentence.raw, position)
        assert found >= 0 and not paragraph[position:found].strip(), (sentence.raw, paragraph)
        position = found + len(sentence.raw)
    assert not paragraph[position:].strip()
    normalized = WHITESPACE.sub(" ", " ".join(s.raw for s in sentences))
    assert WHITESPACE.sub("", normalized) == WHITESPACE.sub("", paragraph)


def assert_markers_consistent(sentence: Sentence) -> None:
    assert not MARKER_PATTERN.search(sentence.text)
    offsets = [marker.offset for marker in sentence.markers]
    assert offsets == sorted(offsets)
    assert all(0 <= offset <= len(sentence.text) for offset in offsets)
    assert [m.key for m in sentence.markers] == MARKER_PATTERN.findall(sentence.raw)
    # Putting each marker back at its offset gives the raw sentence again, up to whitespace.
    rebuilt, last = [], 0
    for marker in sentence.markers:
        rebuilt += [sentence.text[last : marker.offset], f"[{marker.key}]"]
        last = marker.offset
    rebuilt.append(sentence.text[last:])
    assert WHITESPACE.sub("", "".join(rebuilt)) == WHITESPACE.sub("", sentence.raw)


@pytest.mark.parametrize(
    "text",
    ["[6]", "[unhcr-2024]", "[0]", "[-3]", "[a.b:c_d]", "[" + "k" * 64 + "]", "[ICG_2023-11.v2]"],
)
def test_marker_pattern_matches_one_marker(text):
    match = MARKER_PATTERN.fullmatch(text)
    assert match is not None
    assert match["key"] == text[1:-1]


@pytest.mark.parametrize(
    "text",
    ["[citation needed]", "[]", "[" + "k" * 65 + "]", "[6", "6]", "[ 6]", "[état]", "(6)", "[6/7]"],
)
def test_marker_pattern_rejects_non_markers(text):
    assert MARKER_PATTERN.search(text) is None


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("landslide.[5][3] Next", ["5", "3"]),
        ("see [Shan State](/page/Shan State) and [Kayah](/page/Kayah)", []),
        ("a link [site](https://example.org) and a marker [4]", ["4"]),
        ("fell.[4](The town was retaken.)", ["4"]),
    ],
)
def test_marker_pattern_finds_markers_but_not_markdown_links(text, keys):
    assert MARKER_PATTERN.findall(text) == keys


SPLIT_CASES = [
    # Markers: glued to the next sentence, in groups, mid-sentence, with dotted keys.
    (
        "won by a landslide.[6]The coup triggered protests.",
        ["won by a landslide.[6]", "The coup triggered protests."],
    ),
    (
        "It followed the 2021 coup.[5][3] Next came war.",
        ["It followed the 2021 coup.[5][3]", "Next came war."],
    ),
    (
        "Workers struck, according to a union report,[11] although the army denied it.[12]",
        ["Workers struck, according to a union report,[11] although the army denied it.[12]"],
    ),
    (
        "Cited once.[unhcr-2024] Cited again.[report.Final] Done.",
        ["Cited once.[unhcr-2024]", "Cited again.[report.Final]", "Done."],
    ),
    ("Spaced out. [4] [5] Then more.", ["Spaced out. [4] [5]", "Then more."]),
    (
        "Contested.[citation needed] Observers disagreed.",
        ["Contested.[citation needed]", "Observers disagreed."],
    ),
    # Abbreviations and titles before a name never end a sentence.
    (
        "The U.S. Treasury Department's Burma-related sanctions regime targets fuel suppliers.",
        ["The U.S. Treasury Department's Burma-related sanctions regime targets fuel suppliers."],
    ),
    ("Dr. Sasa met Mr. Smith, Mrs. Jones and Ms. Lee.", None),
    ("Gen. Min Aung Hlaing met Lt. Col. Aung, Maj. Kyaw and Capt. Tun.", None),
    ("Sgt. Hla and Brig. Gen. Zaw briefed Sen. Cardin, Rep. Wagner and Gov. Smith.", None),
    ("They met at St. Paul's on Martin Luther King Jr. Day with John Smith Sr. Present.", None),
    ("Myanmar vs. Thailand was the final.", None),
    ("Some groups, e.g. KNDF and KA, agreed, i.e. All of them signed.", None),
    ("Mrs.Smith spoke first.", None),
    # Numbers and months: only before a number.
    ("Battalion No. 14 and Nos. 3 and 4 withdrew.", None),
    ("The base held approx. 300 troops and approx. $5 million in stores.", None),
    ("It began on Nov. 7, 2023, and paused on Jan. 5 of the next year.", None),
    (
        "Asked whether he agreed, he said No. The talks ended.",
        ["Asked whether he agreed, he said No.", "The talks ended."],
    ),
    (
        "The vote was held in Dec. The results came later.",
        ["The vote was held in Dec.", "The results came later."],
    ),
    # Initialisms and initials: a new sentence only when a typical sentence opener follows.
    ("The U.N. Security Council, the U.K. Foreign Office and the E.U. Council met.", None),
    ("Aung S. Kyi met John F. Kennedy.", None),
    (
        "Sanctions came from the U.S. The junta ignored them.",
        ["Sanctions came from the U.S.", "The junta ignored them."],
    ),
    ("Sanctions came from the U.S.", None),
    (
        "Sanctions came from the U.S.[4] The next round followed.",
        ["Sanctions came from the U.S.[4]", "The next round followed."],
    ),
    (
        "Sanctions came from the U.S.[4]The next round followed.",
        ["Sanctions came from the U.S.[4]", "The next round followed."],
    ),
    ("The attack began at 4 a.m. local time and ended by 6 p.m. Myanmar time.", None),
    ("The attack began at 4 a.m. The army fled.", ["The attack began at 4 a.m.", "The army fled."]),
    # "etc." is not a title: before a capital it ends the sentence.
    (
        "They took rifles, mortars, etc. Then they withdrew.",
        ["They took rifles, mortars, etc.", "Then they withdrew."],
    ),
    ("They took rifles, mortars, etc. and withdrew.", None),
    # Decimals and thousands separators.
    ("The conflict displaced 3.5 million people, 286,000 in Kayah, and cost $1.2 billion.", None),
    (
        "Control fell to 21.5%. 2024 brought new offensives.",
        ["Control fell to 21.5%.", "2024 brought new offensives."],
    ),
    # Quotations.
    (
        '"We will not leave," said residents."[7] Next they marched.',
        ['"We will not leave," said residents."[7]', "Next they marched."],
    ),
    (
        '"We will not leave," said residents."[7]The army advanced.',
        ['"We will not leave," said residents."[7]', "The army advanced."],
    ),
    ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
    ("They called it “liberation.” Others disagreed.", ["They called it “liberation.”", "Others disagreed."]),
    ('He asked "why?" and left.', None),
    (
        "Fighting near Mese. (The town fell later.) Civilians fled.",
        ["Fighting near Mese.", "(The town fell later.)", "Civilians fled."],
    ),
    ('Residents left. "We had no choice," one said.', ["Residents left.", '"We had no choice," one said.']),
    # Question marks, exclamation marks, ellipses.
    (
        "Will the junta fall? Analysts doubt it! Few expect talks.",
        ["Will the junta fall?", "Analysts doubt it!", "Few expect talks."],
    ),
    ("Really?! Yes.", ["Really?!", "Yes."]),
    ("The junta wavered... and then struck back.", None),
    ("The junta wavered... Then it struck back.", ["The junta wavered...", "Then it struck back."]),
    ("The junta wavered… Then it struck back.", ["The junta wavered…", "Then it struck back."]),
    # Sentences glued without a space or a marker, as copied articles have them.
    (
        "Western powers avoided endorsing insurgencies.ASEAN nations kept to non-interference.",
        ["Western powers avoided endorsing insurgencies.", "ASEAN nations kept to non-interference."],
    ),
    ("The army retreated!Fighting resumed.", ["The army retreated!", "Fighting resumed."]),
    ("Its site is example.org and the U.S.-backed plan.", None),
    # No sentence-final punctuation at all; lowercase after a period; whitespace.
    ("Karenni forces advanced toward the Thai border", None),
    ("The base fell. then the road.", None),
    ("  First one.   Second one.  ", ["First one.", "Second one."]),
    ("First one.\tSecond one.", ["First one.", "Second one."]),
    ("", []),
    ("   ", []),
    # Non-ASCII passes through untouched; an uncased script can start a sentence.
    (
        "Operation 1107 (Burmese: ၁၁၀၇ စစ်ဆင်ရေး) followed the coup d'état.[1] Café owners fled.",
        ["Operation 1107 (Burmese: ၁၁၀၇ စစ်ဆင်ရေး) followed the coup d'état.[1]", "Café owners fled."],
    ),
    ("The name is Kayah. ကယား is the Burmese form.", ["The name is Kayah.", "ကယား is the Burmese form."]),
    ("Écoles closed. Élèves fled.", ["Écoles closed.", "Élèves fled."]),
    (
        "See [Shan State](/page/Shan State). [Kayah](/page/Kayah) followed.",
        ["See [Shan State](/page/Shan State).", "[Kayah](/page/Kayah) followed."],
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), SPLIT_CASES)
def test_split_paragraph(paragraph, expected):
    # None means "one sentence: the whole paragraph".
    assert raws(paragraph) == ([paragraph.strip()] if expected is None else expected)


@pytest.mark.parametrize(("paragraph", "expected"), SPLIT_CASES)
def test_split_paragraph_loses_nothing(paragraph, expected):
    sentences = split_paragraph(paragraph)
    assert_nothing_lost(paragraph, sentences)
    for sentence in sentences:
        assert_markers_consistent(sentence)


@pytest.mark.parametrize(
    ("raw", "text", "markers"),
    [
        ("No markers here.", "No markers here.", ()),
        ("It was won by a landslide.[6]", "It was won by a landslide.", (Marker("6", 26),)),
        ("After the coup.[5][3]", "After the coup.", (Marker("5", 15), Marker("3", 15))),
        (
            "Workers struck, according to a union report,[11] although the army denied it.[12]",
            "Workers struck, according to a union report, although the army denied it.",
            (Marker("11", 44), Marker("12", 73)),
        ),
        ("a report [11] said so.", "a report said so.", (Marker("11", 8),)),
        ("a report [11][12] said so.", "a report said so.", (Marker("11", 8), Marker("12", 8))),
        ("a report [11]said so.", "a report said so.", (Marker("11", 8),)),
        ("Spaced out. [4] [5]", "Spaced out.", (Marker("4", 11), Marker("5", 11))),
        ("[4] The army fled.", "The army fled.", (Marker("4", 0),)),
        ("  padded.[2]  ", "padded.", (Marker("2", 7),)),
        ("[7]", "", (Marker("7", 0),)),
        ("Needed.[citation needed]", "Needed.[citation needed]", ()),
        ("See [Kayah](/page/Kayah).", "See [Kayah](/page/Kayah).", ()),
    ],
)
def test_strip_markers(raw, text, markers):
    assert strip_markers(raw) == (text, markers)


@pytest.mark.parametrize(
    ("raw", "keys", "text", "markers"),
    [
        ("He wrote [sic] that.[3]", {"3"}, "He wrote [sic] that.", (Marker("3", 20),)),
        ('"[i]t held," she said.[2]', {"2"}, '"[i]t held," she said.', (Marker("2", 22),)),
        ("A step for [a] man.[1]", {"1"}, "A step for [a] man.", (Marker("1", 19),)),
        ("Town [and] port.[8]", {"8"}, "Town [and] port.", (Marker("8", 16),)),
        ("It held [...] a decade.[5]", {"5"}, "It held [...] a decade.", (Marker("5", 23),)),
        ("It held [T]he line.", set(), "It held [T]he line.", ()),
        # A declared key is a marker whatever its shape; a number or a key-shaped bracket always is
        # (an unknown one is refused later, as an unknown key, rather than silently kept as text).
        ("A source named a.[a]", {"a"}, "A source named a.", (Marker("a", 17),)),
        ("Unknown number.[12]", set(), "Unknown number.", (Marker("12", 15),)),
        ("Typo in a key.[unhcr-2042]", {"unhcr-2024"}, "Typo in a key.", (Marker("unhcr-2042", 14),)),
        # Without the article's keys every key-shaped bracket is read as a marker, as before.
        ("He wrote [sic] that.", None, "He wrote that.", (Marker("sic", 8),)),
    ],
)
def test_an_editorial_bracket_is_text_unless_a_source_has_its_key(raw, keys, text, markers):
    assert strip_markers(raw, keys) == (text, markers)
    (sentence,) = split_body(raw, keys)
    assert (sentence.text, sentence.markers) == (text, markers)


def test_an_editorial_bracket_does_not_cover_the_uncited_sentence_before_it():
    first, second = split_body("The first sentence. Then [sic] a second.[4]", {"4"})
    assert first.inferred_keys == ("4",)
    assert second.text == "Then [sic] a second."


def test_mid_sentence_marker_offset_is_right_after_the_comma():
    (sentence,) = split_paragraph(
        "Workers struck, according to a union report,[11] although the army denied it.[12]"
    )
    first, last = sentence.markers
    assert sentence.text[: first.offset].endswith("report,")
    assert last.offset == len(sentence.text)
    assert "  " not in sentence.text


def test_glued_marker_belongs_to_the_sentence_before():
    first, second = split_paragraph("won by a landslide.[6]The coup triggered protests.")
    assert first.raw.endswith("[6]")
    assert first.keys == ("6",)
    assert first.text == "won by a landslide."
    assert second.markers == ()


def test_keys_are_distinct_in_first_appearance_order():
    (sentence,) = split_paragraph("Fighting spread.[5][3][5] ")
    assert [marker.key for marker in sentence.markers] == ["5", "3", "5"]
    assert sentence.keys == ("5", "3")


def test_inferred_keys_come_from_the_next_marker_group():
    a, b, c, d = split_paragraph("A has no cite. B neither. C is cited.[4][2] D is after the last marker.")
    assert a.inferred_keys == b.inferred_keys == ("4", "2")
    assert c.markers and c.keys == ("4", "2") and c.inferred_keys == ()
    assert d.inferred_keys == ()


@pytest.mark.parametrize(
    ("paragraph", "inferred"),
    [
        # A mid-sentence marker in the next cited sentence is still the next marker group.
        ("Uncited claim. Then one cites mid,[7] and again.[8]", [("7",), ()]),
        ("Uncited claim. Cited twice.[4][4][2]", [("4", "2"), ()]),
        ("Uncited one. Uncited two. Cited.[1] Uncited three. Cited.[9]", [("1",), ("1",), (), ("9",), ()]),
        ("Nothing is cited here. Nor here.", [(), ()]),
        ("Cited first.[3] Then nothing.", [(), ()]),
    ],
)
def test_inferred_keys(paragraph, inferred):
    assert [sentence.inferred_keys for sentence in split_paragraph(paragraph)] == inferred


def test_inferred_keys_do_not_cross_paragraphs():
    first, second = split_body("An uncited claim.\nA cited one.[3]")
    assert first.inferred_keys == ()
    assert second.keys == ("3",)


def test_split_paragraph_records_its_index():
    assert {sentence.paragraph for sentence in split_paragraph("One. Two.", index=7)} == {7}


@pytest.mark.parametrize("body", ["", "\n", "  \n\n\t\n", "\r\n\r\n"])
def test_split_body_of_nothing_is_empty(body):
    assert split_body(body) == ()


def test_split_body_numbers_non_blank_lines_as_paragraphs():
    body = "First para one.[1] First para two.\r\n\r\n   \r\n  Second para.[2]  \r\nThird para\n"
    sentences = split_body(body)
    assert [(s.paragraph, s.raw) for s in sentences] == [
        (0, "First para one.[1]"),
        (0, "First para two."),
        (1, "Second para.[2]"),
        (2, "Third para"),
    ]
    assert not any("\r" in s.raw or "\r" in s.text for s in sentences)


def test_sentences_are_frozen():
    (sentence,) = split_paragraph("One.[1]")
    with pytest.raises(AttributeError):
        sentence.raw = "Two."
    with pytest.raises(AttributeError):
        sentence.markers[0].key = "2"


PROSE_TOKENS = [
    "The",
    "army",
    "fled",
    "U.S.",
    "Dr.",
    "No.",
    "14",
    "3.5",
    "286,000",
    "$1.2",
    "etc.",
    "e.g.",
    "a.m.",
    "Nov.",
    "F.",
    "coup",
    "d'état",
    "ကယား",
    "Élèves",
    "(Burmese)",
    ".",
    ",",
    "!",
    "?",
    "...",
    "…",
    '"',
    "“",
    "”",
    "'",
    "(",
    ")",
    "[6]",
    "[5][3]",
    "[unhcr-2024]",
    "[report.Final]",
    "[citation needed]",
    "[Shan State](/page/Shan State)",
    "insurgencies.ASEAN",
    "won.[6]The",
    'said."[7]The',
]
SPACES = st.sampled_from(["", " ", " ", " ", "  ", "\t"])
paragraphs = st.lists(st.tuples(st.sampled_from(PROSE_TOKENS), SPACES), max_size=40).map(
    lambda parts: "".join(token + space for token, space in parts)
)


@settings(database=None, deadline=None, max_examples=300)
@given(st.lists(paragraphs, max_size=5).map("\n".join))
def test_property_prose_bodies_split_without_loss(body):
    sentences = split_body(body)
    lines = [line for line in body.split("\n") if line.strip()]
    for index, line in enumerate(lines):
        own = tuple(s for s in sentences if s.paragraph == index)
        assert_nothing_lost(line, own)
        assert sum(len(s.markers) for s in own) == len(MARKER_PATTERN.findall(line))
        for position, sentence in enumerate(own):
            assert_markers_consistent(sentence)
            later = [s for s in own[position + 1 :] if s.markers]
            if sentence.markers or not later:
                assert sentence.inferred_keys == ()
            else:
                assert set(sentence.inferred_keys) <= set(later[0].keys)
                assert sentence.inferred_keys[0] == later[0].markers[0].key


@settings(database=None, deadline=None, max_examples=300)
@given(st.text(alphabet=st.sampled_from('Aa1.!?"”) ([]-:\r\n\t'), max_size=80))
def test_property_any_text_keeps_every_non_space_character(body):
    sentences = split_body(body)
    joined = "".join(sentence.raw for sentence in sentences)
    assert WHITESPACE.sub("", joined) == WHITESPACE.sub("", body)
    for sentence in sentences:
        assert sentence.raw == sentence.raw.strip() != ""
        assert all(0 <= marker.offset <= len(sentence.text) for marker in sentence.markers)


def seed_paragraphs() -> list[str]:
    """Return the seed's paragraph lines: a heading is short, uncited and has no final punctuation."""
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        line
        for line in lines
        if len(line) >= 120 or MARKER_PATTERN.search(line) or line.rstrip().endswith((".", "!", "?", ":"))
    ]


def test_seed_article_splits_into_about_234_claims():
    paragraphs = seed_paragraphs()
    sentences = split_body("\n".join(paragraphs))

    assert len(paragraphs) == 28
    assert 225 <= len(sentences) <= 245
    assert sum(len(sentence.markers) for sentence in sentences) == 221
    inferred_only = [s for s in sentences if not s.markers and s.inferred_keys]
    uncited = [s for s in sentences if not s.markers and not s.inferred_keys]
    assert 41 <= len(inferred_only) <= 51
    assert 10 <= len(uncited) <= 20
    # A split in the wrong place leaves a sentence starting in lowercase.
    assert not [s.raw for s in sentences if s.raw[0].islower()]


def test_seed_us_treasury_sentence_is_one_sentence():
    sentences = split_body("\n".join(seed_paragraphs()))
    (treasury,) = [s for s in sentences if s.raw.startswith(US_TREASURY)]
    assert treasury.raw.endswith("in conflict zones.")
    assert treasury.raw.count(".") == 3  # "U.S." and the final period


def test_seed_paragraphs_lose_nothing():
    for index, paragraph in enumerate(seed_paragraphs()):
        sentences = split_paragraph(paragraph, index=index)
        assert_nothing_lost(paragraph, sentences)
        for sentence in sentences:
            assert_markers_consistent(sentence)


TABLE_BODY = """Casualties rose. The table gives the counts.[1]
| Year | Killed | Source note |
|:---|---:|---|
| 2023 | 1,200[1] | Dr. Smith said so. Then he left. |
| 2024 | over 300[2][3] | estimate |
After the table.[2]"""


def test_each_table_row_is_one_sentence_with_its_markers():
    sentences = split_body(TABLE_BODY)
    rows = [sentence for sentence in sentences if sentence.raw.startswith("|")]
    assert [row.raw for row in rows] == [
        "| 2023 | 1,200[1] | Dr. Smith said so. Then he left. |",
        "| 2024 | over 300[2][3] | estimate |",
    ]
    assert rows[0].text == "| 2023 | 1,200 | Dr. Smith said so. Then he left. |"
    assert rows[1].keys == ("2", "3")
    assert [row.paragraph for row in rows] == [3, 4]
    assert all(row.inferred_keys == () for row in rows)
    # The paragraphs around the table are split as before and keep their indexes.
    assert [s.paragraph for s in sentences if not s.raw.startswith("|")] == [0, 0, 5]


def test_separator_and_header_rows_state_nothing():
    sentences = split_body(TABLE_BODY)
    assert not any("Year" in sentence.raw or "---" in sentence.raw for sentence in sentences)


@pytest.mark.parametrize(
    ("lines", "kinds"),
    [
        (["| a | b |", "|---|---|", "| 1 | 2 |"], ["header", "separator", "row"]),
        (["| a | b |", "| 1 | 2 |"], ["row", "row"]),
        (["|:-:|", "| x |"], ["separator", "row"]),
        (["| - |", "| x |"], ["separator", "row"]),
        (["| -5 |", "| x |"], ["row", "row"]),
    ],
)
def test_table_row_kinds(lines, kinds):
    assert [table_row_kind(lines, index) for index in range(len(lines))] == kinds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Loikaw fell.[12] Next.[3]", "Loikaw fell.[unhcr-2024] Next.[3]"),
        (
            "Twice.[12][12] and glued.[12]The end",
            "Twice.[unhcr-2024][unhcr-2024] and glued.[unhcr-2024]The end",
        ),
        (
            "A link [12](/page/12) stays, [12] does not.",
            "A link [12](/page/12) stays, [unhcr-2024] does not.",
        ),
        ("Longer keys stay: [12-2] [112] [12.1] [a12]", "Longer keys stay: [12-2] [112] [12.1] [a12]"),
        ("Nested [[12]] brackets", "Nested [[unhcr-2024]] brackets"),
        ("No markers at all.", "No markers at all."),
        ("", ""),
    ],
)
def test_rename_marker_rewrites_only_real_markers_of_the_key(text, expected):
    assert rename_marker(text, "12", "unhcr-2024") == expected


def test_rename_marker_keeps_sentences_and_offsets():
    """A rename changes the keys a body's sentences cite and nothing else: a claim keeps its text."""
    body = "Over 20 posts fell.[12] Loikaw was taken, reportedly.[4][12]\nAn uncited one. Then cited.[12]"
    before, after = split_body(body), split_body(rename_marker(body, "12", "un.2024"))
    assert [s.text for s in before] == [s.text for s in after]
    assert [[m.offset for m in s.markers] for s in before] == [[m.offset for m in s.markers] for s in after]
    assert [s.keys for s in after] == [("un.2024",), ("4", "un.2024"), (), ("un.2024",)]
    assert after[2].inferred_keys == ("un.2024",)


@pytest.mark.parametrize("text", ["[" * 200_000, "[12" * 70_000, "[12]" * 50_000, "](" * 100_000])
def test_rename_marker_reads_adversarial_runs_right(text):
    assert rename_marker(text, "12", "x") == text.replace("[12]", "[x]")


def test_rename_markers_swaps_keys_at_once():
    assert rename_markers("A.[a] B.[b][c] [a](/x)", {"a": "b", "b": "a"}) == "A.[b] B.[a][c] [a](/x)"
    assert rename_markers("A.[a]", {}) == "A.[a]"
