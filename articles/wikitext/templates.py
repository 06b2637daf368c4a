"""What a template is to a reader: text ("{{nowrap|…}}", "{{convert|…}}", "{{circa|…}}"), a citation, a
note, or something that is not article text (an infobox, a navbox, a hatnote …), which the import leaves
out and lists. Pure: names come in as written, kinds and text go out.
"""

from articles.wikitext.citations import is_citation_template, is_short_citation, normalised_name

# Kinds of what the import leaves out, as the report names them.
INFOBOX, NAVBOX, HATNOTE, METADATA, MAINTENANCE = (
    "infobox",
    "navbox",
    "hatnote",
    "page metadata",
    "maintenance tag",
)
INVOKE, PARSER_FUNCTION, COORDINATES, REFERENCE_LIST = (
    "Lua module call",
    "parser function",
    "coordinates",
    "reference list",
)
IMAGE, GALLERY, CATEGORY, COMMENT, NOTE = "image", "gallery", "category", "comment", "note"
PAGE_AFTER_REFERENCE, PRONUNCIATION, OTHER_TEMPLATE = (
    "page after a reference ({{rp}})",
    "pronunciation",
    "other template",
)
INTERLANGUAGE, OTHER_MARKUP, FLAG_ICON = "interlanguage link", "other markup", "flag icon"

NOTE_TEMPLATES = frozenset("efn efn-ua efn-la efn-lr efn-ur efn-lg refn notetag note tag #tag:ref".split(" "))
HATNOTES = frozenset(
    {
        "main",
        "main article",
        "see also",
        "further",
        "further information",
        "about",
        "for",
        "for2",
        "redirect",
        "redirect2",
        "other uses",
        "distinguish",
        "hatnote",
        "other people",
        "self reference",
        "broader",
        "details",
        "redirect-distinguish",
        "other uses of",
        "for multi",
        "about-distinguish",
    }
)
METADATA_TEMPLATES = frozenset(
    {
        "short description",
        "engvarb",
        "engvara",
        "good article",
        "featured article",
        "italic title",
        "toc limit",
        "clear",
        "clear left",
        "clear right",
        "featured list",
        "dynamic list",
        "protection padlock",
        "toc right",
        "notoc",
        "wikidata",
        "anchor",
        "anchors",
        "sfn whitelist",
    }
)
REFERENCE_LISTS = frozenset(
    {
        "reflist",
        "notelist",
        "notelist-ua",
        "notelist-la",
        "references",
        "refbegin",
        "refend",
        "refs",
        "reflist-talk",
        "notes",
        "notelist-lr",
        "notelist-ur",
        "cnote",
        "cref",
    }
)
MAINTENANCE_TAGS = frozenset(
    {
        "citation needed",
        "cn",
        "fact",
        "dubious",
        "clarify",
        "when",
        "who",
        "which",
        "better source needed",
        "better source",
        "update",
        "update inline",
        "failed verification",
        "verify source",
        "by whom",
        "according to whom",
        "vague",
        "specify",
        "page needed",
        "full citation needed",
        "dead link",
        "cbignore",
        "self-published inline",
        "original research inline",
        "disputed inline",
        "bsn",
        "verification needed",
        "citation needed span",
        "clarification needed",
        "year needed",
        "additional citation needed",
        "more citations needed",
        "unreliable source?",
        "irrelevant citation",
        "non-primary source needed",
        "primary source inline",
        "as of?",
        "request quotation",
        "third-party inline",
        "nonspecific",
        "weasel inline",
        "when?",
        "sic?",
        "dubious inline",
        "pov statement",
        "lopsided",
        "elucidate",
        "citation needed lead",
    }
)
NAVBOXES = frozenset(
    {
        "authority control",
        "portal",
        "portal bar",
        "navboxes",
        "sister project links",
        "commons category",
        "commons",
        "wikiquote",
        "wiktionary",
        "subject bar",
        "taxonbar",
        "col-begin",
        "col-end",
        "col-break",
        "div col",
        "div col end",
        "s-start",
        "s-end",
        "s-bef",
        "s-aft",
        "s-ttl",
        "s-off",
        "s-par",
        "s-gov",
        "succession box",
        "wikisource",
        "wikinews",
        "wikivoyage",
        "spoken wikipedia",
        "commons category-inline",
        "official website",
        "webarchive",
        "c-span",
        "curlie",
        "dmoz",
        "sister project",
        "wikispecies",
        "refimprove",
        "multiple issues",
        "top",
        "bottom",
        "col-2",
        "col-3",
        "end",
        "start",
        "sidebar",
        "coord missing",
    }
)
IMAGE_TEMPLATES = frozenset(
    {
        "multiple image",
        "css image crop",
        "image frame",
        "wide image",
        "panorama",
        "photo montage",
        "double image",
        "triple image",
        "image array",
        "location map",
        "location map many",
        "graph:chart",
        "climate chart",
        "pie chart",
        "bar chart",
        "image label begin",
        "image label end",
        "superimpose",
    }
)
# Templates whose first unnamed argument is their text.
FIRST_ARGUMENT = frozenset(
    {
        "nowrap",
        "nobr",
        "small",
        "smaller",
        "big",
        "larger",
        "sup",
        "sub",
        "abbr",
        "ill",
        "interlanguage link",
        "ill-wd",
        "flag",
        "flagcountry",
        "flagu",
        "flag country",
        "not a typo",
        "proper name",
        "var",
        "em",
        "strong",
        "visible anchor",
        "tooltip",
        "mvar",
        "keypress",
        "nowiki",
        "uc",
        "lc",
        "ucfirst",
        "lcfirst",
        "noitalic",
        "nobold",
        "resize",
        "hs",
        "linktext",
        "flagdeco country",
        "vanchor",
        "nowrap begin",
        "lang-en",
        "angbr",
        "bold",
        "italic",
        "text",
        "code",
        "samp",
        "kbd",
        "font",
        "color",
        "colored link",
        "highlight",
        "flagathlete",
        "fb",
        "fbw",
        "flagbig",
        "abbrlink",
        "smallcaps",
        "midsize",
        "noflag",
        "sortname",
    }
)
JOINED_LISTS = {
    "hlist": " · ",
    "flatlist": " ",
    "plainlist": " ",
    "ubl": "; ",
    "unbulleted list": "; ",
    "bulleted list": "; ",
    "columns-list": " ",
    "div col": " ",
    "cslist": ", ",
    "comma separated entries": ", ",
}
CHARACTERS = {
    "nbsp": "\u00a0",
    "spaces": " ",
    "-": " – ",
    "snd": " – ",
    "spaced ndash": " – ",
    "ndash": "–",
    "mdash": "—",
    "spaced mdash": " — ",
    "'": "'",
    "!": "|",
    "=": "=",
    "·": " · ",
    "dot": " · ",
    "middot": "·",
    "bull": " • ",
    "•": " • ",
    "shy": "",
    "zwsp": "",
    "‘": "‘",
    "'s": "'s",
    "snds": " – ",
    "nbhyph": "‑",
    '-"': "",
    "thinsp": "\u2009",
    "en dash": "–",
    "em dash": "—",
    "okina": "ʻ",
    "break": " ",
    "wbr": "",
}
CURRENCIES = {
    "us$": "US$",
    "usd": "US$",
    "usdollar": "US$",
    "£": "£",
    "gbp": "£",
    "€": "€",
    "eur": "€",
    "a$": "A$",
    "ca$": "CA$",
    "can$": "CA$",
    "¥": "¥",
    "jpy": "¥",
    "inr": "₹",
    "₹": "₹",
}
MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


def kind_of(name: str) -> str:
    """Return how the import treats the template ``name``: "convert", "citation", "short citation",
    "text", "characters", "currency", "circa", "list", "as of", "fraction", "language", "quote", or
    the report's name for what is left out."""
    name = normalised_name(name)
    if name in ("convert", "cvt"):
        return "convert"
    if is_citation_template(name):
        return "citation"
    if is_short_citation(name):
        return "short citation"
    if name in CHARACTERS:
        return "characters"
    if name in CURRENCIES:
        return "currency"
    if name in ("circa", "c.", "ca", "ca."):
        return "circa"
    if name in JOINED_LISTS:
        return "list"
    if name in ("as of",):
        return "as of"
    if name in ("frac", "sfrac", "fraction", "fract"):
        return "fraction"
    if name == "lang" or name.startswith("lang-") or name in ("transl", "transliteration", "lang-rtl"):
        return "language"
    if name in ("isbn", "issn", "oclc"):
        return "identifier"
    if name in ("bibleverse", "bibleref2", "bibleverse-nb", "bibleref", "bvn"):
        return "joined arguments"
    if name in ("sic", "respell"):
        return "last argument"
    if name in ("quote", "blockquote", "cquote", "quotation", "quote box", "rquote", "poem quote"):
        return "quote"
    if name in FIRST_ARGUMENT:
        return "text"
    if name.startswith("formatnum:") or name.startswith("#tag:ref"):
        return "formatnum" if name.startswith("formatnum:") else NOTE
    return left_out_kind(name)


def left_out_kind(name: str) -> str:
    """Return the report's kind for a template that is not article text."""
    if name in NOTE_TEMPLATES:
        return NOTE
    if name.startswith("infobox") or " infobox" in name:
        return INFOBOX
    if name.startswith("#invoke:"):
        return INVOKE
    if name.startswith("#") or name.startswith(("defaultsort:", "displaytitle:", "pagename", "fullpagename")):
        return PARSER_FUNCTION
    if name in HATNOTES:
        return HATNOTE
    if (
        name in METADATA_TEMPLATES
        or name.startswith(("use ", "pp-", "pp ", "good ", "featured "))
        or name == "pp"
    ):
        return METADATA
    if name in REFERENCE_LISTS:
        return REFERENCE_LIST
    if name in MAINTENANCE_TAGS:
        return MAINTENANCE
    if name == "rp":
        return PAGE_AFTER_REFERENCE
    if name in ("coord", "coor", "coords"):
        return COORDINATES
    if name in IMAGE_TEMPLATES:
        return IMAGE
    if name.startswith("ipa") or name.startswith("audio") or name in ("pronunciation", "respell ipa"):
        return PRONUNCIATION
    if name in ("flagicon", "flagicon image", "flagdeco", "flag icon"):
        return FLAG_ICON
    if name in NAVBOXES or "navbox" in name or name.endswith(" topics") or name.startswith("portal"):
        return NAVBOX
    return OTHER_TEMPLATE


def circa_text(value: str) -> str:
    """Return "circa 1962": Wikipedia shows "c. 1962", but the sentence reader ends a sentence at "c."
    before a number, and a year cut off as a statement of its own would be checked as one."""
    return f"circa {value}" if value else "circa"


def as_of_text(positional: list[str], named: dict[str, str]) -> str:
    """Return "As of March 2020" from ``{{as of|2020|3}}``."""
    year = positional[0] if positional else ""
    month = positional[1] if len(positional) > 1 else ""
    day = positional[2] if len(positional) > 2 else ""
    if month.isdigit() and 1 <= int(month) <= 12:
        month = MONTH_NAMES[int(month) - 1]
    when = " ".join(part for part in (day, month, year) if part)
    opening = "as of" if named.get("lc", "").strip() else "As of"
    if named.get("since", "").strip():
        opening = "since" if named.get("lc", "").strip() else "Since"
    return f"{opening} {when}".strip()


def fraction_text(positional: list[str]) -> str:
    values = [value.strip() for value in positional if value.strip()]
    if len(values) == 1:
        return f"1/{values[0]}"
    if len(values) == 2:
        return f"{values[0]}/{values[1]}"
    if len(values) >= 3:
        return f"{values[0]} {values[1]}/{values[2]}"
    return ""


def language_text(name: str, positional: list[str]) -> str:
    """Return the text of ``{{lang|fr|Belgique}}`` (the second argument) or ``{{lang-fr|Belgique}}``."""
    name = normalised_name(name)
    if name in ("lang", "transl", "transliteration", "lang-rtl"):
        return positional[-1] if len(positional) >= 2 else ""
    return positional[0] if positional else ""
