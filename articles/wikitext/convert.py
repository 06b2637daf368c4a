"""What ``{{convert}}`` shows a reader: "30 metres (98 ft)", the conversion computed by pint.

Wikipedia's Module:Convert spells the input unit out and abbreviates the output, and rounds the output to
about the precision of the input (at least two significant figures, so 30 m is 98 ft and 1 mile is
1.6 km) unless the template gives the decimals (``{{convert|30|m|ft|1}}``) or ``sigfig=``. Pure: the
arguments come in as strings already read from the template, the reader text goes out.
"""

import functools
import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pint


@dataclass(frozen=True)
class Unit:
    pint_name: str
    singular: str
    plural: str
    symbol: str
    default_output: str = ""


# Convert's unit codes (and the common spellings editors use) → pint's unit and how readers see it.
UNITS = {
    "m": Unit("meter", "metre", "metres", "m", "ft"),
    "km": Unit("kilometer", "kilometre", "kilometres", "km", "mi"),
    "cm": Unit("centimeter", "centimetre", "centimetres", "cm", "in"),
    "mm": Unit("millimeter", "millimetre", "millimetres", "mm", "in"),
    "ft": Unit("foot", "foot", "feet", "ft", "m"),
    "in": Unit("inch", "inch", "inches", "in", "cm"),
    "yd": Unit("yard", "yard", "yards", "yd", "m"),
    "mi": Unit("mile", "mile", "miles", "mi", "km"),
    "nmi": Unit("nautical_mile", "nautical mile", "nautical miles", "nmi", "km"),
    "km2": Unit("kilometer**2", "square kilometre", "square kilometres", "km²", "sqmi"),
    "sqmi": Unit("mile**2", "square mile", "square miles", "sq mi", "km2"),
    "m2": Unit("meter**2", "square metre", "square metres", "m²", "sqft"),
    "sqft": Unit("foot**2", "square foot", "square feet", "sq ft", "m2"),
    "ha": Unit("hectare", "hectare", "hectares", "ha", "acre"),
    "acre": Unit("acre", "acre", "acres", "acres", "ha"),
    "m3": Unit("meter**3", "cubic metre", "cubic metres", "m³", "cuft"),
    "cuft": Unit("foot**3", "cubic foot", "cubic feet", "cu ft", "m3"),
    "L": Unit("liter", "litre", "litres", "L", "USgal"),
    "USgal": Unit("US_liquid_gallon", "US gallon", "US gallons", "US gal", "L"),
    "impgal": Unit("imperial_gallon", "imperial gallon", "imperial gallons", "imp gal", "L"),
    "kg": Unit("kilogram", "kilogram", "kilograms", "kg", "lb"),
    "g": Unit("gram", "gram", "grams", "g", "oz"),
    "lb": Unit("pound", "pound", "pounds", "lb", "kg"),
    "oz": Unit("ounce", "ounce", "ounces", "oz", "g"),
    "t": Unit("metric_ton", "tonne", "tonnes", "t", "ST"),
    "ST": Unit("short_ton", "short ton", "short tons", "short tons", "t"),
    "LT": Unit("long_ton", "long ton", "long tons", "long tons", "t"),
    "km/h": Unit("kilometer/hour", "kilometre per hour", "kilometres per hour", "km/h", "mph"),
    "mph": Unit("mile/hour", "mile per hour", "miles per hour", "mph", "km/h"),
    "kn": Unit("knot", "knot", "knots", "kn", "km/h"),
    "m/s": Unit("meter/second", "metre per second", "metres per second", "m/s", "ft/s"),
    "ft/s": Unit("foot/second", "foot per second", "feet per second", "ft/s", "m/s"),
    "C": Unit("degC", "degree Celsius", "degrees Celsius", "°C", "F"),
    "F": Unit("degF", "degree Fahrenheit", "degrees Fahrenheit", "°F", "C"),
    "K": Unit("kelvin", "kelvin", "kelvins", "K", "C"),
    "W": Unit("watt", "watt", "watts", "W", "hp"),
    "kW": Unit("kilowatt", "kilowatt", "kilowatts", "kW", "hp"),
    "MW": Unit("megawatt", "megawatt", "megawatts", "MW", "hp"),
    "hp": Unit("horsepower", "horsepower", "horsepower", "hp", "kW"),
    "/km2": Unit("1/kilometer**2", "per square kilometre", "per square kilometre", "/km²", "/sqmi"),
    "/sqmi": Unit("1/mile**2", "per square mile", "per square mile", "/sq mi", "/km2"),
    "e6acre": Unit("acre", "million acres", "million acres", "million acres", "e6ha"),
    "e6ha": Unit("hectare", "million hectares", "million hectares", "million ha", "e6acre"),
    "e6km2": Unit(
        "kilometer**2", "million square kilometres", "million square kilometres", "million km²", "e6sqmi"
    ),
    "e6sqmi": Unit("mile**2", "million square miles", "million square miles", "million sq mi", "e6km2"),
    "oilbbl/d": Unit("oil_barrel/day", "barrel per day", "barrels per day", "bbl/d", "m3/d"),
    "m3/d": Unit("meter**3/day", "cubic metre per day", "cubic metres per day", "m³/d", "oilbbl/d"),
    "MUSgal": Unit("megagallon", "million US gallons", "million US gallons", "million US gal", "Ml"),
    "Ml": Unit("megaliter", "megalitre", "megalitres", "Ml", "MUSgal"),
    "kWh": Unit("kilowatt_hour", "kilowatt-hour", "kilowatt-hours", "kWh", "MJ"),
    "MJ": Unit("megajoule", "megajoule", "megajoules", "MJ", "kWh"),
}
ALIASES = {
    "metre": "m",
    "meter": "m",
    "metres": "m",
    "meters": "m",
    "kilometre": "km",
    "kilometer": "km",
    "foot": "ft",
    "feet": "ft",
    "mile": "mi",
    "miles": "mi",
    "inch": "in",
    "inches": "in",
    "sqkm": "km2",
    "km²": "km2",
    "sq mi": "sqmi",
    "mi2": "sqmi",
    "m²": "m2",
    "ft2": "sqft",
    "acres": "acre",
    "PD/sqmi": "/sqmi",
    "PD/km2": "/km2",
    "/sqkm": "/km2",
    "per km2": "/km2",
    "/mi2": "/sqmi",
    "°C": "C",
    "°F": "F",
    "degC": "C",
    "degF": "F",
    "l": "L",
    "usgal": "USgal",
    "shortton": "ST",
    "short ton": "ST",
    "longton": "LT",
    "long ton": "LT",
    "tonne": "t",
    "tonnes": "t",
    "kmh": "km/h",
    "kph": "km/h",
    "knot": "kn",
    "knots": "kn",
    "lbs": "lb",
    "cuyd": "m3",
    "m³": "m3",
}
RANGE_WORDS = {
    "-": "–",
    "–": "–",
    "—": "–",
    "to": " to ",
    "and": " and ",
    "or": " or ",
    "x": " × ",
    "×": " × ",
    "by": " by ",
    "+/-": " ± ",
    "±": " ± ",
}
DEFAULT_MIN_SIGNIFICANT = 2


class ConvertProblem(ValueError):
    """The template's arguments name a unit or number this reader does not know."""


@functools.cache
def registry() -> pint.UnitRegistry:
    return pint.UnitRegistry()


def unit_for(code: str) -> tuple[str, Unit]:
    code = code.strip()
    code = ALIASES.get(code, ALIASES.get(code.lower(), code))
    if code not in UNITS:
        raise ConvertProblem(f"unknown unit {code!r}")
    return code, UNITS[code]


def read_number(text: str) -> Decimal:
    cleaned = text.strip().replace(",", "").replace("−", "-").replace("\u00a0", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ConvertProblem(f"not a number: {text!r}") from None


def significant_figures(number: Decimal) -> int:
    """Return the significant figures written: trailing zeros of a whole number do not count."""
    digits = number.normalize().as_tuple().digits if number == number.to_integral() else None
    if digits is not None:
        return max(1, len(digits))
    return len(str(abs(number)).replace(".", "").lstrip("0")) or 1


def round_to(value: float, *, decimals: int | None, significant: int) -> str:
    """Return ``value`` rounded to ``decimals`` places (negative: tens, hundreds) or, when None, to
    ``significant`` figures, written with thousands separators."""
    value = round(value, 9)  # float noise: 32 °F is 0 °C, not 5.7e-14 °C
    if value == 0:
        return "0"
    if decimals is None:
        decimals = significant - 1 - math.floor(math.log10(abs(value)))
    rounded = round(value, decimals)
    if decimals <= 0:
        return f"{int(rounded):,}"
    return f"{rounded:,.{decimals}f}"


def written_number(text: str) -> str:
    number = read_number(text)
    if number == number.to_integral() and "." not in text:
        return f"{int(number):,}"
    return text.strip()


@dataclass(frozen=True)
class ConvertCall:
    values: tuple[str, ...]  # one number, or two for a range
    separator: str  # "" or the range word as readers see it ("–", " to ")
    unit: str
    output: str
    decimals: int | None
    options: dict


def read_call(positional: list[str], named: dict[str, str]) -> ConvertCall:
    """Return the parts of ``{{convert|…}}`` from its positional and named arguments."""
    if len(positional) < 2:
        raise ConvertProblem("convert needs a number and a unit")
    values, rest = [positional[0]], positional[1:]
    separator = ""
    if len(rest) >= 2 and rest[0].strip() in RANGE_WORDS:
        separator = RANGE_WORDS[rest[0].strip()]
        values.append(rest[1])
        rest = rest[2:]
    if not rest:
        raise ConvertProblem("convert needs a unit")
    unit, rest = rest[0], rest[1:]
    output = ""
    if rest and rest[0].strip() and not is_integer(rest[0]):
        output, rest = rest[0], rest[1:]  # {{convert|1680|mi|0}}: no output unit, then the rounding
    elif rest and not rest[0].strip():
        rest = rest[1:]
    decimals = int(rest[0].strip().replace("−", "-")) if rest and is_integer(rest[0]) else None
    return ConvertCall(tuple(values), separator, unit, output, decimals, named)


def is_integer(text: str) -> bool:
    return text.strip().replace("−", "-").lstrip("-").isdigit()


def feet_and_inches(metres: float) -> str:
    """Return "5 ft 5 in": convert's ``ftin`` output."""
    inches = round(metres / 0.0254)
    return f"{inches // 12} ft {inches % 12} in"


def render_convert(positional: list[str], named: dict[str, str]) -> str:
    """Return what a reader sees for ``{{convert}}``: "30 metres (98 ft)", "15–17 inches (38–43 cm)"."""
    call = read_call(positional, named)
    code, unit = unit_for(call.unit)
    output_code = call.output.split()[0] if call.output.strip() else unit.default_output
    numbers = [read_number(value) for value in call.values]
    ureg = registry()
    if output_code == "ftin" and len(numbers) == 1:
        metres = ureg.Quantity(float(numbers[0]), unit.pint_name).to("meter").magnitude
        input_unit = unit.symbol if named.get("abbr") == "on" else unit.plural
        return f"{joined(written_number(call.values[0]), input_unit)} ({feet_and_inches(metres)})"
    _, output = unit_for(output_code)
    significant = named.get("sigfig", "").strip()
    converted = []
    for number in numbers:
        quantity = ureg.Quantity(float(number), unit.pint_name).to(output.pint_name).magnitude
        figures = (
            int(significant)
            if significant.isdigit()
            else max(DEFAULT_MIN_SIGNIFICANT, significant_figures(number))
        )
        converted.append(round_to(quantity, decimals=call.decimals, significant=figures))
    written = call.separator.join(written_number(value) for value in call.values)
    converted_text = call.separator.join(converted)
    abbreviation = named.get("abbr", "").strip().lower()
    is_one = len(numbers) == 1 and abs(numbers[0]) == 1
    input_unit = (
        unit.symbol
        if abbreviation in ("on", "in", "values")
        else (unit.singular if is_one or named.get("adj", "").strip().lower() == "on" else unit.plural)
    )
    output_unit = output.plural if abbreviation == "off" else output.symbol
    if named.get("sp", "").strip().lower() == "us":
        input_unit = input_unit.replace("metre", "meter").replace("litre", "liter")
    left = joined(written, input_unit)
    right = joined(converted_text, output_unit)
    display = named.get("disp", "").strip().lower()
    if display in ("output only", "out"):
        return right
    if display == "number":
        return converted_text
    if display == "or":
        return f"{left} or {right}"
    if display == "flip":
        return f"{joined(converted_text, output.plural)} ({joined(written, unit.symbol)})"
    return f"{left} ({right})"


def joined(number: str, unit: str) -> str:
    """Return the number and its unit as readers see them; degrees sign glued ("−40 °F" keeps a space)."""
    return f"{number}{unit}" if unit.startswith("/") else f"{number} {unit}"
