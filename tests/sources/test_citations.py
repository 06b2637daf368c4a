"""Reference-list lines read into fields: one row per citation style, every field checked."""

from datetime import date

import pytest

from sources.citations import MAX_LINE_LENGTH, format_citation, parse_citation, split_segments
from sources.dates import read_date
from tests.linear import assert_linear_time, count_steps

FIELDS = (
    "title",
    "author",
    "work",
    "publisher",
    "published_on",
    "published_text",
    "url",
    "archive_url",
    "archived_on",
    "accessed_on",
    "language",
)

# (style, line, fields that are not empty, read fully). Written for these tests in the styles the
# encyclopedias print; every field not listed must come out empty.
CITATIONS = [
    (
        "cite web: author, date, title, website, publisher, URL, archive, access date",
        'Smith, John (5 March 2024). "Karenni forces seize Pan Tein outpost". The Irrawaddy. '
        "Irrawaddy Publishing Group. https://www.irrawaddy.com/news/burma/pan-tein.html. Archived from the "
        "original on 6 March 2024. https://web.archive.org/web/20240306/https://www.irrawaddy.com/news/"
        "burma/pan-tein.html. Retrieved 7 March 2024.",
        {
            "title": "Karenni forces seize Pan Tein outpost",
            "author": "Smith, John",
            "work": "The Irrawaddy",
            "publisher": "Irrawaddy Publishing Group",
            "published_on": date(2024, 3, 5),
            "url": "https://www.irrawaddy.com/news/burma/pan-tein.html",
            "archive_url": "https://web.archive.org/web/20240306/https://www.irrawaddy.com/news/burma/"
            "pan-tein.html",
            "archived_on": date(2024, 3, 6),
            "accessed_on": date(2024, 3, 7),
        },
        True,
    ),
    (
        "cite news without author: the date follows the work",
        '"Myanmar: Operation 1107 enters its second week". Reuters. 14 November 2023. Retrieved '
        "15 November 2023.",
        {
            "title": "Myanmar: Operation 1107 enters its second week",
            "work": "Reuters",
            "published_on": date(2023, 11, 14),
            "accessed_on": date(2023, 11, 15),
        },
        True,
    ),
    (
        "cite news, US date style and typographic quotes",
        "Doe, Jane (November 9, 2023). “Junta loses bases near Loikaw”. The New York Times. "
        "https://www.nytimes.com/2023/11/09/world/asia/myanmar-loikaw.html. Retrieved November 10, 2023.",
        {
            "title": "Junta loses bases near Loikaw",
            "author": "Doe, Jane",
            "work": "The New York Times",
            "published_on": date(2023, 11, 9),
            "url": "https://www.nytimes.com/2023/11/09/world/asia/myanmar-loikaw.html",
            "accessed_on": date(2023, 11, 10),
        },
        True,
    ),
    (
        "cite journal: Vancouver authors, year only, volume/issue/pages, doi, PMC, PMID",
        "Auvert B, Taljaard D, Lagarde E, Sobngwi-Tambekou J, Sitta R, Puren A (2005). "
        '"Randomized, controlled intervention trial of male circumcision for reduction of HIV infection '
        'risk: the ANRS 1265 Trial". PLOS Medicine. 2 (11): e298. doi:10.1371/journal.pmed.0020298. '
        "PMC 1262556. PMID 16231970.",
        {
            "title": "Randomized, controlled intervention trial of male circumcision for reduction of HIV "
            "infection risk: the ANRS 1265 Trial",
            "author": "Auvert B, Taljaard D, Lagarde E, Sobngwi-Tambekou J, Sitta R, Puren A",
            "work": "PLOS Medicine",
            "published_text": "2005",
        },
        True,
    ),
    (
        "cite journal with et al. and a month",
        'Gray RH, Kigozi G, et al. (February 2007). "Male circumcision for HIV prevention in men in Rakai, '
        'Uganda: a randomised trial". The Lancet. 369 (9562): 657–666. doi:10.1016/S0140-6736(07)60313-4.',
        {
            "title": "Male circumcision for HIV prevention in men in Rakai, Uganda: a randomised trial",
            "author": "Gray RH, Kigozi G, et al.",
            "work": "The Lancet",
            "published_text": "February 2007",
        },
        True,
    ),
    (
        "cite book: unquoted title, location and publisher, page, ISBN",
        "Lintner, Bertil (1999). Burma in Revolt: Opium and Insurgency Since 1948. Chiang Mai: Silkworm "
        "Books. p. 123. ISBN 978-974-7100-78-5.",
        {
            "title": "Burma in Revolt: Opium and Insurgency Since 1948",
            "author": "Lintner, Bertil",
            "publisher": "Silkworm Books",
            "published_text": "1999",
        },
        True,
    ),
    (
        "cite book with initials and several authors",
        "Smith, M. J.; Allsebrook, A. (1994). Ethnic Groups in Burma: Development, Democracy and Human "
        "Rights. London: Anti-Slavery International. ISBN 978-0-900918-32-2.",
        {
            "title": "Ethnic Groups in Burma: Development, Democracy and Human Rights",
            "author": "Smith, M. J.; Allsebrook, A.",
            "publisher": "Anti-Slavery International",
            "published_text": "1994",
        },
        True,
    ),
    (
        "report: PDF note, two authors, month, archived PDF",
        'Jones, Amy; Tun, Kyaw (March 2024). "Displacement in Kayah State since Operation 1107" (PDF). '
        "Human Rights Watch. https://www.hrw.org/sites/default/files/kayah0324.pdf. Archived (PDF) from the "
        "original on 2 April 2024. Retrieved 3 April 2024.",
        {
            "title": "Displacement in Kayah State since Operation 1107",
            "author": "Jones, Amy; Tun, Kyaw",
            "work": "Human Rights Watch",
            "published_text": "March 2024",
            "url": "https://www.hrw.org/sites/default/files/kayah0324.pdf",
            "archived_on": date(2024, 4, 2),
            "accessed_on": date(2024, 4, 3),
        },
        True,
    ),
    (
        "non-English title (Burmese), language note",
        '"ကရင်နီ စစ်ဆင်ရေး ၁၁၀၇ စတင်" (in Burmese). BBC Burmese. 8 November 2023. Retrieved 9 November 2023.',
        {
            "title": "ကရင်နီ စစ်ဆင်ရေး ၁၁၀၇ စတင်",
            "work": "BBC Burmese",
            "published_on": date(2023, 11, 8),
            "accessed_on": date(2023, 11, 9),
            "language": "Burmese",
        },
        True,
    ),
    (
        "French rendering: guillemets, French dates, « Consulté le »",
        "« Birmanie : l'offensive 1107 gagne du terrain » (in French). Le Monde. 10 novembre 2023. "
        "Consulté le 11 novembre 2023.",
        {
            "title": "Birmanie : l'offensive 1107 gagne du terrain",
            "work": "Le Monde",
            "published_on": date(2023, 11, 10),
            "accessed_on": date(2023, 11, 11),
            "language": "French",
        },
        True,
    ),
    (
        "German rendering: „quotes“, ISO date, Abgerufen am",
        "„Offensive in Myanmar“. Der Spiegel. 2023-11-12. Abgerufen am 13. November 2023.",
        {
            "title": "Offensive in Myanmar",
            "work": "Der Spiegel",
            "published_on": date(2023, 11, 12),
            "accessed_on": date(2023, 11, 13),
        },
        True,
    ),
    (
        "Grokipedia style: title, site, bare URL",
        "Myanmar: Kayah State flash update No. 12. ReliefWeb. https://reliefweb.int/report/myanmar/kayah-12",
        {
            "title": "Myanmar: Kayah State flash update No. 12",
            "work": "ReliefWeb",
            "url": "https://reliefweb.int/report/myanmar/kayah-12",
        },
        True,
    ),
    (
        "bare URL",
        "https://www.unhcr.org/mm/emergency-update-2024?lang=en",
        {"url": "https://www.unhcr.org/mm/emergency-update-2024?lang=en"},
        True,
    ),
    (
        "bare URL in angle brackets with a closing period",
        "<https://en.wikipedia.org/wiki/Operation_1107_(Myanmar)>.",
        {"url": "https://en.wikipedia.org/wiki/Operation_1107_(Myanmar)"},
        True,
    ),
    (
        "title only, no quotes",
        "Annual Report on the Situation in Kayah State 2023",
        {"title": "Annual Report on the Situation in Kayah State 2023"},
        True,
    ),
    (
        "title in quotes, nothing else",
        '"Karenni Army statement on the capture of Pan Tein"',
        {"title": "Karenni Army statement on the capture of Pan Tein"},
        True,
    ),
    (
        "author without a date, abbreviated month, Accessed",
        'U.S. Department of State. "2023 Country Reports on Human Rights Practices: Burma". Accessed Jan. 5, '
        "2024.",
        {
            "title": "2023 Country Reports on Human Rights Practices: Burma",
            "author": "U.S. Department of State",
            "accessed_on": date(2024, 1, 5),
        },
        True,
    ),
    (
        "archive URL only, via note",
        '"Press release on Loikaw". Karenni Interim Executive Council. https://archive.ph/AbC12 – via '
        "Facebook.",
        {
            "title": "Press release on Loikaw",
            "work": "Karenni Interim Executive Council",
            "archive_url": "https://archive.ph/AbC12",
        },
        True,
    ),
]

ODD_LINES = [
    # (what, line, fields, read fully)
    ("empty", "", {}, False),
    ("only a date: kept as the title, unread", "5 March 2024", {"title": "5 March 2024"}, False),
    (
        "a segment more than title, work and publisher",
        '"Title". Work. Publisher. Something else. Yet more.',
        {"title": "Title", "work": "Work", "publisher": "Publisher"},
        False,
    ),
    (
        "an access date that is not a date",
        '"Title". Work. Retrieved yesterday.',
        {"title": "Title", "work": "Work"},
        False,
    ),
    (
        "an impossible day",
        '"Title". Work. Retrieved 31 February 2024.',
        {"title": "Title", "work": "Work"},
        False,
    ),
    (
        "javascript: is not a URL",
        '"Title". javascript:alert(1)',
        {"title": "Title", "work": "javascript:alert(1)"},
        True,
    ),
    (
        "hostile markup stays text",
        '<script>alert("x")</script>',
        {"title": "x", "author": "<script>alert(", "work": ")</script>"},
        True,
    ),
    (
        "publisher named as such",
        '"Annual report". Published by Karenni National Progressive Party. 2023.',
        {
            "title": "Annual report",
            "publisher": "Karenni National Progressive Party",
            "published_text": "2023",
        },
        True,
    ),
    ("unclosed quote", '"Unclosed title. Work', {"title": '"Unclosed title', "work": "Work"}, True),
]


def fields_of(parsed) -> dict:
    return {name: getattr(parsed, name) for name in FIELDS}


def expected_fields(given: dict) -> dict:
    empty = {name: None if name.endswith("_on") else "" for name in FIELDS}
    return {**empty, **given}


@pytest.mark.parametrize(
    ("line", "fields", "read_fully"), [row[1:] for row in CITATIONS], ids=[row[0] for row in CITATIONS]
)
def test_citation_styles_are_read_field_by_field(line, fields, read_fully):
    parsed = parse_citation(line)
    assert fields_of(parsed) == expected_fields(fields)
    assert parsed.is_read_fully is read_fully
    assert parsed.text == line


def test_there_are_at_least_fifteen_styles():
    assert len(CITATIONS) >= 15
    assert len({line for _, line, _, _ in CITATIONS}) == len(CITATIONS)


@pytest.mark.parametrize(
    ("line", "fields", "read_fully"), [row[1:] for row in ODD_LINES], ids=[row[0] for row in ODD_LINES]
)
def test_odd_lines(line, fields, read_fully):
    parsed = parse_citation(line)
    assert fields_of(parsed) == expected_fields(fields)
    assert parsed.is_read_fully is read_fully


def test_identifiers_and_notes_are_recognised_not_lost():
    parsed = parse_citation(CITATIONS[3][1])
    assert parsed.notes == (
        "2 (11): e298",
        "doi:10.1371/journal.pmed.0020298",
        "PMC 1262556",
        "PMID 16231970",
    )
    assert parse_citation(CITATIONS[-1][1]).notes == ("via Facebook",)


def test_a_line_too_long_to_be_a_citation_is_kept_whole_as_the_title():
    line = '"Title". ' + "word " * 5000
    parsed = parse_citation(line)
    assert parsed.title == line.strip()
    assert not parsed.is_read_fully


@pytest.mark.parametrize(
    ("line", "_fields", "_read"), [row[1:] for row in CITATIONS], ids=[r[0] for r in CITATIONS]
)
def test_a_line_written_from_the_fields_reads_back_to_the_same_fields(line, _fields, _read):
    parsed = parse_citation(line)
    written = format_citation(**{name: getattr(parsed, name) for name in FIELDS if name != "language"})
    again = parse_citation(written)
    assert {**fields_of(again), "language": ""} == {**fields_of(parsed), "language": ""}
    assert again.is_read_fully


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("Smith, J. (2024). Title. Work.", ["Smith, J. (2024)", "Title", "Work"]),
        ("U.S. Department of State. Report", ["U.S. Department of State", "Report"]),
        ("Burma. p. 12. Vol. 3.", ["Burma", "p. 12", "Vol. 3"]),
        ("Is it? Yes! Done.", ["Is it?", "Yes!", "Done"]),
        ("  . . .  ", []),
    ],
)
def test_split_segments(text, segments):
    assert split_segments(text) == segments


@pytest.mark.parametrize(
    ("text", "value", "partial_text"),
    [
        ("5 March 2024", date(2024, 3, 5), None),
        ("March 5, 2024", date(2024, 3, 5), None),
        ("Mar. 5, 2024", date(2024, 3, 5), None),
        ("2024-03-05", date(2024, 3, 5), None),
        ("12 de marzo de 2024", date(2024, 3, 12), None),
        ("13. November 2023", date(2023, 11, 13), None),
        ("10 novembre 2023", date(2023, 11, 10), None),
        ("March 2024", None, "March 2024"),
        ("2024", None, "2024"),
        ("30 February 2024", None, None),
        ("2024-13-01", None, None),
        ("Smarch 5, 2024", None, None),
        ("5 March 2024 and more", None, None),
        ("0999", None, None),
    ],
)
def test_read_date(text, value, partial_text):
    reading = read_date(text)
    if value is None and partial_text is None:
        assert reading is None
    else:
        assert (reading.value, reading.is_partial) == (value, partial_text is not None)
        assert reading.text == text


@pytest.mark.parametrize(
    "delimiter",
    ['"', "“", "„", "«", "(", "[", ". ", "http://", "Retrieved ", "Archived on ", ")", "–via ", "a"],
)
def test_reading_is_linear_in_adversarial_runs(delimiter):
    """Each delimiter repeated, up to the longest line that is read (MAX_LINE_LENGTH): the Python steps
    are counted; the patterns' own work has no counter, so its growth is the shared CPU-time ratio of
    tests.linear (no limit in seconds; the times themselves: bench.citations)."""

    def read_twice(line: str) -> None:
        parse_citation(line)  # within MAX_LINE_LENGTH, so every pass runs
        parse_citation(("x " + line)[: len(line)] + '"')

    def line_of(length: int) -> str:
        return delimiter * (length // len(delimiter))

    assert len(line_of(19_000)) <= MAX_LINE_LENGTH
    read_twice(line_of(1000))  # patterns compiled outside the count
    small, large = count_steps(read_twice, line_of(4_750)), count_steps(read_twice, line_of(19_000))
    assert large < small * 4 * 2  # 4 times the text; quadratic would be 16 times
    assert_linear_time(read_twice, line_of, small=2_375)


def test_a_written_line_is_one_line_and_an_initial_keeps_its_single_period():
    written = format_citation(title="Two\nlines", author="Smith, J.", work="BBC  News")
    assert written == "Smith, J. “Two lines”. BBC News."
    parsed = parse_citation(written)
    assert (parsed.author, parsed.title, parsed.work) == ("Smith, J.", "Two lines", "BBC News")
