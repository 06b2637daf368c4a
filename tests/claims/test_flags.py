import pytest

from claims.flags import (
    FLAG_INFO,
    FLAG_NAMES,
    compute_flags,
    encode_flags,
    figures_are_flagged,
    hedge_phrases,
    is_hedged,
    with_conflicting,
)


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("The KNDF claimed to have killed 40 soldiers.", True),
        # Issue 18: a toll taken is no claim made; a claim stays one.
        ("The flood claimed 2,000 lives in the delta.", False),
        ("The epidemic claimed some 1.7 million victims.", False),
        ("The fire claimed the lives of 30 workers.", False),
        ("The KNDF claimed 40 kills in the raid.", True),
        ("The rebels claimed responsibility for 12 attacks.", True),
        ("Resistance forces reportedly seized the base.", True),
        ("Villagers were allegedly used as human shields.", True),
        ("These figures remain unverified.", True),
        ("The casualty counts lack independent verification.", True),
        ("The reports lacked independent verification by journalists.", True),
        ("The toll could not be independently confirmed.", True),
        ("The deaths could not be verified.", True),
        ("The junta has not confirmed the losses.", True),
        ("The army have not independently verified these numbers.", True),
        ("The claims were not independently verified.", True),
        ("Over 40 soldiers died, according to group statements.", True),
        ("Thirty outposts fell, according to resistance statements.", True),
        ("Thirty outposts fell, according to the KNDF's own statements.", False),
        ("Thirty outposts fell, according to its own statements.", True),
        ("An unconfirmed report put the toll at 12.", True),
        ("The KNDF captured the outpost on November 7.", False),
        ("The UN confirmed 75 civilian deaths.", False),
        ("Reporters verified the damage independently.", False),
        ("The junta's claims of fraud were rejected.", False),
        # Issue 12: independent verification, "it was reported that", a party to the conflict speaking.
        ("These casualty figures have not been independently verified.", True),
        ("The figures had not been verified by anyone.", True),
        ("It was reported that 30 soldiers surrendered.", True),
        ("It has been widely reported that the bridge fell.", True),
        ("Twelve rebels died, according to the Myanmar government.", True),
        ("Twelve rebels died, according to the State Administration Council government.", True),
        ("According to the junta, 40 fighters were killed.", True),
        ("Forty fighters were killed, according to the military.", True),
        ("The base fell, according to the military's statement.", True),
        ("Forty fighters were killed, according to the UN refugee agency.", False),
        ("The base fell, according to Human Rights Watch.", False),
        ("The offensive stalled, according to the military analyst Anthony Davis.", False),
        ("The government reported that 30 soldiers surrendered.", False),
        ("The figures were verified by two independent monitors.", False),
        ("The reported toll rose to 40.", False),
        ("The military government was formed in 2021.", False),
        # Invisible characters are read through: a zero-width space or soft hyphen cannot hide a hedge,
        # and a no-break space still separates words.
        ("Resistance forces report\u200bedly seized the base.", True),
        ("Resistance forces re\u00adportedly seized the base.", True),
        ("The toll could not be\u00a0independently confirmed.", True),
        ("Resistance forces reported\u200b seizing the base.", False),
    ],
)
def test_hedged_wording(text, hedged):
    assert is_hedged(text) is hedged
    assert bool(hedge_phrases(text)) is hedged


def flags(
    explicit=(),
    inferred=(),
    partisan=(),
    hedged=False,
    status="unreviewed",
    failed=False,
    conflicting=False,
    contradicted=False,
):
    return compute_flags(
        explicit_sources=explicit,
        inferred_sources=inferred,
        partisan_sources=partisan,
        is_hedged=hedged,
        status=status,
        failed_verification=failed,
        conflicting=conflicting,
        contradicted=contradicted,
    )


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, ("unsourced", "unreviewed")),
        ({"status": "approved"}, ("unsourced",)),
        ({"explicit": ["1"]}, ("single_source", "unreviewed")),
        ({"explicit": ["1", "1"]}, ("single_source", "unreviewed")),
        ({"explicit": ["1", "2"]}, ("unreviewed",)),
        ({"explicit": ["1", "2"], "status": "approved"}, ()),
        ({"inferred": ["3"]}, ("inferred_source", "single_source", "unreviewed")),
        ({"inferred": ["3", "4"]}, ("inferred_source", "unreviewed")),
        ({"explicit": ["1", "2"], "partisan": ["1", "2"]}, ("partisan_only", "unreviewed")),
        ({"explicit": ["1", "2"], "partisan": ["1"]}, ("unreviewed",)),
        ({"explicit": ["1", "2"], "hedged": True}, ("hedged", "unreviewed")),
        ({"explicit": ["1", "2"], "status": "disputed"}, ("disputed", "unreviewed")),
        ({"explicit": ["1", "2"], "status": "rejected"}, ("unreviewed",)),
        ({"explicit": ["1", "2"], "failed": True}, ("failed_verification", "unreviewed")),
        ({"explicit": ["1"], "status": "approved", "failed": True}, ("failed_verification", "single_source")),
        ({"explicit": ["1", "2"], "conflicting": True}, ("conflicting", "unreviewed")),
        # a source states another value: the strong flag, ranked before failed_verification
        ({"explicit": ["1", "2"], "contradicted": True}, ("contradicted_by_source", "unreviewed")),
        (
            {"explicit": ["1", "2"], "contradicted": True, "failed": True},
            ("contradicted_by_source", "failed_verification", "unreviewed"),
        ),
        (
            {"status": "disputed", "conflicting": True, "hedged": True},
            ("unsourced", "disputed", "conflicting", "hedged", "unreviewed"),
        ),
    ],
)
def test_compute_flags(kwargs, expected):
    assert flags(**kwargs) == expected


def test_every_flag_has_a_label_and_a_reason():
    assert set(FLAG_INFO) == set(FLAG_NAMES)
    assert all(info.label and info.reason for info in FLAG_INFO.values())


@pytest.mark.parametrize(
    ("names", "flagged"),
    [((), False), (("unreviewed",), False), (("single_source", "unreviewed"), True), (("hedged",), True)],
)
def test_figures_are_flagged_unless_only_unreviewed(names, flagged):
    assert figures_are_flagged(names) is flagged


def test_encoded_flags_can_be_matched_exactly():
    assert encode_flags(("unsourced", "unreviewed")) == " unsourced unreviewed "
    assert encode_flags(()) == ""


@pytest.mark.parametrize(
    ("stored", "conflicting", "expected"),
    [
        ("", True, " conflicting "),
        ("", False, ""),
        (" unsourced unreviewed ", True, " unsourced conflicting unreviewed "),
        (" unsourced conflicting unreviewed ", False, " unsourced unreviewed "),
        (" conflicting ", True, " conflicting "),
        (" hedged single_source ", False, " hedged single_source "),
    ],
)
def test_with_conflicting(stored, conflicting, expected):
    assert with_conflicting(stored, conflicting) == expected
