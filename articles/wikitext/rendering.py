"""The second walk over the parse tree: the reader text of each section, a ``<ref>`` becoming the
``[key]`` markers of its sources, templates becoming what a reader sees, and what is not article text
listed in the report. Pure: a mixin of ``reading.Reader``, which holds the state both walks share.
"""

import html

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

from articles.textformat import ParsedSection
from articles.wikitext import convert, templates
from articles.wikitext.citations import normalised_name, short_citation, short_citation_text
from articles.wikitext.definitions import tag_name
from articles.wikitext.paragraphs import LIST_ITEM, TABLE_ROW, marker, paragraphs, with_page
from articles.wikitext.tables import table_lines

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


def numbered(cited: list[tuple[str, str]]) -> tuple[tuple[str, int, str], ...]:
    """Return (key, n, page) for each marker citing a page: the n-th [key] of the body, counted from 1."""
    seen: dict[str, int] = {}
    pages = []
    for key, page in cited:
        seen[key] = seen.get(key, 0) + 1
        if page:
            pages.append((key, seen[key], page))
    return tuple(pages)


def reference_page(positional: list[str], named: dict[str, str]) -> str:
    """Return the page ``{{rp|12}}`` (``p=``, ``pp=``, ``at=``) cites, as readers see it: "p. 12"."""
    page = named.get("p") or named.get("page") or ""
    pages = named.get("pp") or named.get("pages") or ""
    location = named.get("at") or named.get("loc") or ""
    given = positional[0].strip() if positional else ""
    if given and not (page or pages or location):
        if any(mark in given for mark in "–-,"):
            pages = given
        else:
            page = given
    return f"p. {page}" if page else f"pp. {pages}" if pages else location


class TextRendering:
    """Write each section's body: paragraphs, list items and table rows, with citation markers."""

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
        cited: list[tuple[str, str]] = []
        body = paragraphs("".join(out), self.report, cited)
        pages = numbered(cited)
        return ParsedSection(heading=heading[:300], level=level, body=body, line=0, cited_pages=pages)

    def plain(self, code, *, markers: bool = True) -> str:
        """Return the reader text of ``code`` on one line (markers kept unless ``markers`` is False)."""
        out: list[str] = []
        for node in code.nodes:
            self.render(node, out, flat=True, markers=markers)
        return "".join(out)

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
                pages = self.ref_pages.get(id(tag), {})
                out.extend(marker(key, pages.get(key, "")) for key in keys)
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
        if kind == templates.PAGE_AFTER_REFERENCE and markers and out:
            cited = with_page(out[-1], reference_page(*self.arguments(template)))
            if cited is not None:  # the page of the ref just before: its citation cites that page
                out[-1] = cited
                self.report.counts["rp_pages"] += 1
                return
        self.report.leave_out(kind, "{{" + name + "}}")

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
            key, page = self.short_key(template)
            if markers:
                out.append(marker(key, page))
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
