"""Read the dates citations print: full (``5 March 2024``, ``March 5, 2024``, ``2024-03-05``) or partial
(``March 2024``, ``2024``), in English and in the French, German and Spanish renderings of Wikipedia.

Pure Python; every pattern is a single pass with no nested quantifier, so it is linear in its input.
"""

import re
from dataclasses import dataclass
from datetime import date

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv januar enero ene",
        "february feb février févr fevrier februar febrero",
        "march mar mars märz marz marzo",
        "april apr avril avr abril abr",
        "may mai mayo",
        "june jun juin juni junio",
        "july jul juillet juil juli julio",
        "august aug août aout agosto ago",
        "september sep sept septembre septiembre setiembre",
        "october oct octobre oktober okt octubre",
        "november nov novembre noviembre",
        "december dec décembre decembre déc dezember dez diciembre dic",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

ENGLISH_MONTHS = (
    "January February March April May June July August September October November December".split()
)

_WORD = r"[^\W\d_]{3,10}"
DATE_PATTERN = re.compile(
    rf"""(?P<dmy_day>\d{{1,2}})\.?\s(?:de\s)?(?P<dmy_month>{_WORD})\.?,?\s(?:de\s)?(?P<dmy_year>\d{{4}})
    | (?P<mdy_month>{_WORD})\.?\s(?P<mdy_day>\d{{1,2}}),?\s(?P<mdy_year>\d{{4}})
    | (?P<iso_year>\d{{4}})-(?P<iso_month>\d{{2}})-(?P<iso_day>\d{{2}})
    | (?P<my_month>{_WORD})\.?,?\s(?:de\s)?(?P<my_year>\d{{4}})
    | (?P<y_year>\d{{4}})""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class DateReading:
    """A date as a citation printed it: ``value`` when it names a day, else only ``text`` (a year or a
    month, which a DateField cannot hold)."""

    value: date | None
    text: str

    @property
    def is_partial(self) -> bool:
        return self.value is None


def read_date(text: str) -> DateReading | None:
    """Return the date ``text`` states in full, or None when it is not one date (an impossible day,
    an unknown month, anything more than the date)."""
    text = " ".join(text.split()).strip(" .,")
    match = DATE_PATTERN.fullmatch(text)
    if match is None:
        return None
    groups = {name: value for name, value in match.groupdict().items() if value}
    kind = next(iter(groups)).split("_")[0]
    month_name = groups.get(f"{kind}_month")
    month = int(month_name) if kind == "iso" else MONTHS.get(month_name.lower()) if month_name else None
    if month_name and not month:
        return None
    year = int(groups[f"{kind}_year"])
    if kind in ("my", "y"):
        return DateReading(None, text) if 1000 <= year <= 2999 else None
    try:
        return DateReading(date(year, month, int(groups[f"{kind}_day"])), text)
    except ValueError:
        return None


def format_date(value: date) -> str:
    """Return ``5 March 2024``: the style the exporter writes and ``read_date`` reads back."""
    return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"
