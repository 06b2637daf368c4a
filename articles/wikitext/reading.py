"""Read a MediaWiki article (wikitext) into sections, sources and an import report.

mwparserfromhell parses; this module walks its tree twice. The first walk defines the sources, in
document order: every ``<ref>`` (wherever it sits, infobox and captions included, so a named ref defined
there and reused in the text still has its source), and every citation template outside a ref (a
bibliography entry, which ``{{sfn}}``/``{{harvnb}}`` point to). The second walk writes the reader text of
each section, a ``<ref>`` becoming the ``[key]`` markers of its sources, and lists what it leaves out.
Pure: no ORM; the import service turns the result into the same ``ParsedArticle`` the plain-text format
gives.
"""

import gc
import html
from dataclasses import dataclass

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)

from articles.errors import ArticleFormatError
from articles.textformat import ParsedReference, ParsedSection, decode
from articles.wikitext import convert, report, templates
from articles.wikitext.citations import (
    citation_fields,
    entry_anchor,
    is_citation_template,
    is_short_citation,
    normalised_name,
    short_citation,
    short_citation_text,
)
from articles.wikitext.guards import check_bounds
from articles.wikitext.paragraphs import LIST_ITEM, TABLE_ROW, marker, paragraphs
from articles.wikitext.tables import table_lines
from sources.citations import format_citation, parse_citation
from sources.keys import KEY_PATTERN
from sources.references import DATE_FIELDS, DETAIL_FIELDS, IMPORTED_FIELDS, encode
from sources.references import decode as decode_field

MAX_HEADING_LEVEL = 6
LEFT_OUT_TAGS = {
    "gallery": templates.GALLERY,
    "math": "math formula",
    "chem": "math formula",
    "ce": "math formula",
    "imagemap": templates.IMAGE,
    "timeline": templates.IMAGE,
    "graph": templates.IMAGE,
    "mapframe": templates.IMAGE,
    "maplink": templates.IMAGE,
    "score": templates.OTHER_MARKUP,
    "templatedata": templates.OTHER_MARKUP,
    "inputbox": templates.OTHER_MARKUP,
    "categorytree": templates.OTHER_MARKUP,
    "hiero": templates.OTHER_MARKUP,
    "syntaxhighlight": templates.OTHER_MARKUP,
    "source": templates.OTHER_MARKUP,
    "indicator": templates.OTHER_MARKUP,
    "references": templates.REFERENCE_LIST,
    "includeonly": templates.OTHER_MARKUP,
}
SILENT_TAGS = frozenset({"section"})  # labelled-section markers: no text, nothing lost
BLOCK_TAGS = frozenset({"blockquote", "div", "poem", "center", "p"})
IMAGE_NAMESPACES = frozenset({"file", "image"})
ALL_FIELDS = (*IMPORTED_FIELDS, *DETAIL_FIELDS)


@dataclass(frozen=True)
class WikiSource:
    key: str
    fields: dict  # encoded values of every imported and detail field
    citation_text: str  # a plain-text ref as written; a template's fields as a reference line


@dataclass(frozen=True)
class WikiArticle:
    sections: tuple[ParsedSection, ...]
    sources: tuple[WikiSource, ...]
    report: report.ImportReport

    @property
    def references(self) -> tuple[ParsedReference, ...]:
        return tuple(
            ParsedReference(key=source.key, text=source.citation_text, line=0, fields=source.fields)
            for source in self.sources
        )


def read_wikitext(data: bytes | str) -> WikiArticle:
    """Return the sections, sources and import report of an article written in wikitext."""
    text = decode(data) if isinstance(data, bytes) else data
    check_bounds(text)
    # The parse tree of a large article is hundreds of thousands of objects and holds no cycles: the
    # cyclic garbage collector would walk them again and again as they are made (3.5 MB read 2x slower).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        # Bold and italics are not read as tags (the parser backtracks over unbalanced ones, slowing with
        # their square); the reader drops the apostrophes instead (``without_emphasis``).
        code = mwparserfromhell.parse(text, skip_style_tags=True)
        return Reader(text).read(code)
    except RecursionError:
        raise ArticleFormatError("the wikitext nests too deeply to read") from None
    finally:
        if was_enabled:
            gc.enable()


class Reader:
    def __init__(self, text: str):
        self.text = text
        self.report = report.ReportBuilder()
        self.sources: dict[str, WikiSource] = {}
        self.ref_keys: dict[int, tuple[str, ...]] = {}  # id(ref tag) → keys its markers cite
        self.name_keys: dict[str, tuple[str, ...]] = {}
        self.content_keys: dict[str, tuple[str, ...]] = {}
        self.anchors: dict[str, str] = {}
        self.short_pages: dict[str, list[str]] = {}
        self.pending_reuses: list[tuple[Tag, str]] = []
        self.pending_shorts: list[tuple[Tag, list[Template], tuple[str, ...]]] = []
        self.cited_refs: set[int] = set()
        self.unnamed = 0

    def read(self, code) -> WikiArticle:
        self.define(code, in_ref=False)
        self.resolve_pending()
        sections = self.sections(code)
        self.finish_counts()
        self.apply_short_pages()
        return WikiArticle(
            sections=tuple(sections), sources=tuple(self.sources.values()), report=self.report.build()
        )

    # First walk: sources.

    def define(self, code, *, in_ref: bool) -> None:
        for node in code.nodes:
            if isinstance(node, Tag) and tag_name(node) == "ref":
                self.report.counts["ref_tags"] += 1
                self.define_ref(node)
                continue
            if isinstance(node, Template) and not in_ref and is_citation_template(str(node.name)):
                self.define_entry(node)
            for child in children(node):
                self.define(child, in_ref=in_ref or (isinstance(node, Tag) and tag_name(node) == "ref"))

    def define_ref(self, tag: Tag) -> None:
        name = attribute(tag, "name")
        if attribute(tag, "group"):
            self.report.ref_outcomes[report.GROUP_NOTE] += 1
            self.ref_keys[id(tag)] = ()
            if tag.contents is not None:
                self.define(tag.contents, in_ref=True)
            return
        content = tag.contents if not tag.self_closing else None
        if content is None or not str(content).strip():
            if name:
                self.pending_reuses.append((tag, name))
            else:
                self.report.ref_outcomes[report.EMPTY_REF] += 1
                self.ref_keys[id(tag)] = ()
            return
        if name and name in self.name_keys:
            self.ref_keys[id(tag)] = self.name_keys[name]
            self.report.ref_outcomes[report.NAMED_REUSE] += 1
            return
        self.define(content, in_ref=True)
        top = [node for node in content.nodes if isinstance(node, Template)]
        cites = [node for node in top if is_citation_template(str(node.name))]
        shorts = [node for node in top if is_short_citation(str(node.name))]
        if shorts and not cites:
            self.pending_shorts.append((tag, shorts, ()))
            if name:
                self.name_keys[name] = ()  # filled once the anchors are known
            return
        same = " ".join(str(content).split())
        if not name and same in self.content_keys:
            self.ref_keys[id(tag)] = self.content_keys[same]
            self.report.ref_outcomes[report.SAME_CONTENT] += 1
            return
        base = name or self.next_unnamed()
        if cites:
            keys = tuple(
                self.add_template_source(base if index == 0 else f"{base}-{index + 1}", cite)
                for index, cite in enumerate(cites)
            )
        else:
            keys = (self.add_text_source(base, self.plain(content)),)
        self.report.ref_outcomes[report.NEW_SOURCE] += 1
        self.ref_keys[id(tag)] = keys
        if shorts:  # full citations and short ones in one ref: it cites them all
            self.pending_shorts.append((tag, shorts, keys))
        self.content_keys.setdefault(same, keys)
        if name:
            self.name_keys[name] = keys

    def define_entry(self, template: Template) -> None:
        key = self.add_template_source(f"entry-{len(self.sources) + 1}", template, prefer_anchor=True)
        self.report.counts["bibliography_entries"] += 1
        del key

    def next_unnamed(self) -> str:
        self.unnamed += 1
        return f"ref-{self.unnamed}"

    def add_template_source(self, base: str, template: Template, *, prefer_anchor: bool = False) -> str:
        positional, named = self.arguments(template)
        fields = citation_fields(str(template.name), named)
        anchor = entry_anchor(named, harvid=self.harvid(template))
        if prefer_anchor and anchor:
            base = anchor
        key = self.add_source(base, fields, citation_line(fields))
        if anchor:
            self.anchors.setdefault(anchor, key)
        return key

    def add_text_source(self, base: str, text: str) -> str:
        parsed = parse_citation(text)
        fields = {name: encode(getattr(parsed, name)) for name in IMPORTED_FIELDS}
        fields.update(dict.fromkeys(DETAIL_FIELDS, ""))
        return self.add_source(base, fields, text)

    def add_source(self, base: str, fields: dict, citation_text: str) -> str:
        key = self.unique_key(base)
        self.sources[key] = WikiSource(key=key, fields=fields, citation_text=citation_text)
        return key

    def unique_key(self, base: str) -> str:
        key = key_from_name(base)
        candidate, number = key, 1
        while candidate in self.sources:
            number += 1
            suffix = f"-{number}"
            candidate = key[: 64 - len(suffix)] + suffix
        return candidate

    def harvid(self, template: Template) -> tuple[list[str], str] | None:
        if not template.has("ref"):
            return None
        for inner in template.get("ref").value.filter_templates(recursive=False):
            if normalised_name(str(inner.name)) in ("harvid", "sfnref", "harvard citation id"):
                values = [self.plain(param.value).strip() for param in inner.params if not param.showkey]
                return (values[:-1], values[-1]) if len(values) > 1 else (values, "")
        return None

    def resolve_pending(self) -> None:
        for tag, shorts, full in self.pending_shorts:
            keys = tuple(dict.fromkeys([*full, *(self.short_key(short) for short in shorts)]))
            self.ref_keys[id(tag)] = keys
            if not full:
                self.report.ref_outcomes[report.SHORT_CITATION] += 1
            name = attribute(tag, "name")
            if name and (not self.name_keys.get(name) or full):
                self.name_keys[name] = keys
        for tag, name in self.pending_reuses:
            if self.name_keys.get(name):
                self.ref_keys[id(tag)] = self.name_keys[name]
                self.report.ref_outcomes[report.NAMED_REUSE] += 1
            else:
                empty = dict.fromkeys(ALL_FIELDS, "")
                key = self.name_keys.get(name) or (self.add_source(name, empty, ""),)
                self.name_keys[name] = key if isinstance(key, tuple) else (key,)
                self.ref_keys[id(tag)] = self.name_keys[name]
                self.report.ref_outcomes[report.UNDEFINED_NAME] += 1

    def short_key(self, template: Template) -> str:
        """Return the source a short citation cites: its bibliography entry, or a source of its own text."""
        positional, named = self.arguments(template)
        anchor, page = short_citation(positional, named)
        self.report.counts["short_citations"] += 1
        key = self.anchors.get(anchor)
        if key is None:
            text = short_citation_text(positional, page)
            existing = self.content_keys.get(f"short:{text}")
            key = existing[0] if existing else self.add_text_source(text, text)
            self.content_keys[f"short:{text}"] = (key,)
            return key
        self.report.counts["short_resolved"] += 1
        if page:
            self.short_pages.setdefault(key, [])
            if page not in self.short_pages[key]:
                self.short_pages[key].append(page)
        return key

    def apply_short_pages(self) -> None:
        """Give an entry that states no pages of its own the pages its short citations cite."""
        for key, pages in self.short_pages.items():
            source = self.sources[key]
            if not source.fields.get("pages"):
                fields = {**source.fields, "pages": ", ".join(pages)}
                self.sources[key] = WikiSource(key, fields, source.citation_text)

    def finish_counts(self) -> None:
        counts = self.report.counts
        counts["refs_cited"] = len(self.cited_refs)
        counts["refs_in_left_out"] = counts["ref_tags"] - len(self.cited_refs)

    # Second walk: reader text.

    def sections(self, code) -> list[ParsedSection]:
        sections, heading, level, nodes = [], "", 0, []
        for node in code.nodes:
            if isinstance(node, Heading):
                sections.append(self.section(heading, level, nodes))
                heading = " ".join(self.plain(node.title, markers=False).split()) or "(untitled)"
                level = max(1, min(MAX_HEADING_LEVEL, node.level - 1))
                nodes = []
            else:
                nodes.append(node)
        sections.append(self.section(heading, level, nodes))
        return [section for section in sections if section.heading or section.body]

    def section(self, heading: str, level: int, nodes) -> ParsedSection:
        out: list[str] = []
        for node in nodes:
            self.render(node, out, flat=False)
        body = paragraphs("".join(out), self.report)
        return ParsedSection(heading=heading[:300], level=level, body=body, line=0)

    def plain(self, code, *, markers: bool = True) -> str:
        """Return the reader text of ``code`` on one line (markers kept unless ``markers`` is False)."""
        out: list[str] = []
        for node in code.nodes:
            self.render(node, out, flat=True, markers=markers)
        text = "".join(out)
        if not markers:
            return text
        return text

    def arguments(self, template: Template) -> tuple[list[str], dict[str, str]]:
        positional, named = [], {}
        for param in template.params:
            value = self.plain(param.value, markers=False).strip()
            if param.showkey:
                named[str(param.name).strip().lower().replace("_", "-").replace(" ", "-")] = value
            else:
                positional.append(value)
        return positional, named

    def render(self, node, out: list[str], *, flat: bool, markers: bool = True) -> None:
        if isinstance(node, Text):
            value = without_emphasis(node.value) if "''" in node.value else node.value
            out.append(value.replace("\n", " ") if flat else value)
        elif isinstance(node, HTMLEntity):
            out.append(node.normalize())
        elif isinstance(node, Comment):
            self.report.leave_out(templates.COMMENT, str(node.contents))
        elif isinstance(node, Wikilink):
            self.render_link(node, out, flat=flat, markers=markers)
        elif isinstance(node, ExternalLink):
            if node.title is not None:
                out.append(self.plain(node.title, markers=markers))
            elif not node.brackets:
                out.append(html.unescape(str(node.url)))
        elif isinstance(node, Template):
            self.render_template(node, out, flat=flat, markers=markers)
        elif isinstance(node, Tag):
            self.render_tag(node, out, flat=flat, markers=markers)
        elif isinstance(node, Heading):
            out.append(self.plain(node.title, markers=markers))
        elif isinstance(node, Argument):
            self.report.leave_out(templates.OTHER_MARKUP, str(node))

    def render_link(self, link: Wikilink, out: list[str], *, flat: bool, markers: bool) -> None:
        title = str(link.title).strip()
        namespace = title.split(":", 1)[0].strip().lower() if ":" in title else ""
        if namespace in IMAGE_NAMESPACES:
            self.report.leave_out(templates.IMAGE, title)
            return
        if namespace == "category":
            self.report.leave_out(templates.CATEGORY, title)
            return
        if namespace and len(namespace) <= 3 and namespace.isalpha() and link.text is None:
            self.report.leave_out(templates.INTERLANGUAGE, title)
            return
        if link.text is not None:
            out.append(self.plain(link.text, markers=markers))
        else:
            out.append(self.plain(link.title, markers=markers).strip().lstrip(":").split("#", 1)[0] or title)

    def render_tag(self, tag: Tag, out: list[str], *, flat: bool, markers: bool) -> None:
        name = tag_name(tag)
        if name == "ref":
            keys = self.ref_keys.get(id(tag), ())
            if markers and keys:
                self.cited_refs.add(id(tag))
                out.extend(marker(key) for key in keys)
            return
        if name in LEFT_OUT_TAGS:
            self.report.leave_out(LEFT_OUT_TAGS[name], str(tag)[:200])
            return
        if name in SILENT_TAGS or tag.contents is None:
            if name == "br":
                out.append(" ")
            elif name == "hr" and not flat:
                out.append("\n\n")
            return
        if name == "table":
            self.render_table(tag, out, flat=flat, markers=markers)
            return
        if tag.wiki_markup and name in ("li", "dt", "dd"):
            out.append(" " if flat else "\n" + LIST_ITEM)
            return
        if name in ("nowiki", "pre"):
            out.append(str(tag.contents).replace("\n", " ") if flat else str(tag.contents))
            return
        block = name in BLOCK_TAGS and not flat
        if block:
            out.append("\n\n")
        for child in tag.contents.nodes:
            self.render(child, out, flat=flat, markers=markers)
        if block:
            out.append("\n\n")

    def render_table(self, tag: Tag, out: list[str], *, flat: bool, markers: bool) -> None:
        def cell_text(cell_code) -> str:
            return self.plain(cell_code, markers=markers)

        lines, caption = table_lines(tag, cell_text)
        if flat:
            out.append(" ".join(line.strip("| ") for line in lines))
            return
        out.append("\n\n")
        if caption:
            out.append(caption + "\n\n")
        out.extend(f"\n{TABLE_ROW}{line}\n" for line in lines)
        out.append("\n\n")

    def render_template(self, template: Template, out: list[str], *, flat: bool, markers: bool) -> None:
        name = str(template.name).strip()
        kind = templates.kind_of(name)
        if kind == "citation":
            return  # a bibliography entry: a source of its own (defined in the first walk)
        if kind == "short citation":
            self.render_short(template, name, out, markers=markers)
            return
        if kind == "convert":
            out.append(self.convert_text(template, name))
            return
        if kind in ("list", "quote"):
            self.render_wrapper(template, kind, name, out, flat=flat, markers=markers)
            return
        if kind in TEXT_KINDS:
            positional, named = self.arguments_with_markers(template, markers)
            out.append(TEXT_KINDS[kind](normalised_name(name), positional, named))
            return
        self.report.leave_out(kind, "{{" + name + "}}" if kind != templates.COMMENT else str(template))

    def arguments_with_markers(self, template: Template, markers: bool) -> tuple[list[str], dict[str, str]]:
        positional, named = [], {}
        for param in template.params:
            value = self.plain(param.value, markers=markers).strip()
            if param.showkey:
                named[str(param.name).strip().lower()] = value
            else:
                positional.append(value)
        return positional, named

    def render_short(self, template: Template, name: str, out: list[str], *, markers: bool) -> None:
        """Outside a ref, {{sfn}} is a footnote (a marker) and {{harvnb}} is text naming the source."""
        if normalised_name(name) in ("sfn", "sfnp", "sfnm", "sfnmp"):
            key = self.short_key(template)
            if markers:
                out.append(marker(key))
            return
        positional, named = self.arguments(template)
        anchor, page = short_citation(positional, named)
        text = short_citation_text(positional, page)
        out.append(f"({text})" if normalised_name(name) in ("harv", "harvp") else text)

    def render_wrapper(self, template, kind, name, out, *, flat, markers) -> None:
        """A list or quotation template: its arguments are article text (list items, the quote)."""
        values = [
            param.value
            for param in template.params
            if not param.showkey or str(param.name).strip() in ("text", "quote", "1")
        ]
        if kind == "quote":
            values = values[:1]
        if not flat:
            out.append("\n\n")
        for value in values:
            for child in value.nodes:
                self.render(child, out, flat=flat, markers=markers)
            out.append(" " if flat else "\n")
        if not flat:
            out.append("\n\n")

    def convert_text(self, template: Template, name: str) -> str:
        positional, named = self.arguments(template)
        if normalised_name(name) == "cvt":
            named.setdefault("abbr", "on")
        self.report.counts["converts"] += 1
        try:
            return convert.render_convert(positional, named)
        except (convert.ConvertProblem, ValueError, ArithmeticError, KeyError, AttributeError) as problem:
            self.report.counts["converts_failed"] += 1
            self.report.leave_out("{{convert}} kept as written (not computed)", f"{template} ({problem})")
            return " ".join(value for value in positional[:2] if value)


TEXT_KINDS = {
    "text": lambda name, positional, named: positional[0] if positional else named.get("1", ""),
    "characters": lambda name, positional, named: templates.CHARACTERS[name],
    "currency": lambda name, positional, named: (
        templates.CURRENCIES[name] + (positional[0] if positional else "")
    ),
    "circa": lambda name, positional, named: templates.circa_text(positional[0] if positional else ""),
    "as of": lambda name, positional, named: templates.as_of_text(positional, named),
    "fraction": lambda name, positional, named: templates.fraction_text(positional),
    "language": lambda name, positional, named: templates.language_text(name, positional),
    "last argument": lambda name, positional, named: positional[-1] if positional else "",
    "identifier": lambda name, positional, named: f"{name.upper()} {positional[0]}" if positional else "",
    "joined arguments": lambda name, positional, named: " ".join(value for value in positional if value),
    "formatnum": lambda name, positional, named: name.split(":", 1)[1].strip(),
}


def without_emphasis(text: str) -> str:
    """Return ``text`` without the runs of two or more apostrophes that make bold and italics."""
    parts, position = [], 0
    while True:
        start = text.find("''", position)
        if start < 0:
            parts.append(text[position:])
            return "".join(parts)
        end = start
        while end < len(text) and text[end] == "'":
            end += 1
        parts.append(text[position:start])
        position = end


def tag_name(tag: Tag) -> str:
    return str(tag.tag).strip().lower()


def attribute(tag: Tag, name: str) -> str:
    for attr in tag.attributes:
        if str(attr.name).strip().lower() == name:
            return " ".join(str(attr.value or "").split()).strip().strip("\"'")
    return ""


def children(node):
    """Yield the wikicode inside ``node``: template names and values, link texts, tag contents."""
    if isinstance(node, Template):
        for param in node.params:
            yield param.value
    elif isinstance(node, Wikilink):
        if node.text is not None:
            yield node.text
    elif isinstance(node, ExternalLink):
        if node.title is not None:
            yield node.title
    elif isinstance(node, Tag):
        if node.contents is not None:
            yield node.contents
    elif isinstance(node, Heading):
        yield node.title


def key_from_name(name: str) -> str:
    """Return a source key made from a ref name: characters a key cannot hold become "-"."""
    written = "".join(character if KEY_PATTERN.fullmatch(character) else "-" for character in name.strip())
    written = "-".join(part for part in written.split("-") if part)[:64].strip("-")
    return written if written.strip(".") else "ref"


def citation_line(fields: dict) -> str:
    """Return the reference line the plain-text export writes for a template's fields."""
    return format_citation(
        **{
            name: decode_field(name, fields.get(name, "")) if name in DATE_FIELDS else fields.get(name, "")
            for name in IMPORTED_FIELDS
        }
    )
