"""The first walk over the parse tree: the sources, in document order. Every ``<ref>`` wherever it sits
(infobox and captions included, so a named ref defined there and reused in the text still has its
source) and every citation template outside a ref (a bibliography entry, which ``{{sfn}}``/``{{harvnb}}``
point to). Pure: a mixin of ``reading.Reader``, which holds the state both walks share.
"""

from dataclasses import dataclass

from mwparserfromhell.nodes import ExternalLink, Heading, Tag, Template, Wikilink

from articles.wikitext import report
from articles.wikitext.citations import (
    citation_fields,
    entry_anchor,
    is_citation_template,
    is_short_citation,
    normalised_name,
    short_citation,
    short_citation_text,
)
from articles.wikitext.shortrefs import (
    Entry,
    entry_from_fields,
    entry_from_text,
    matching_entry,
    short_references,
)
from sources.citations import format_citation, parse_citation
from sources.keys import KEY_PATTERN
from sources.references import DATE_FIELDS, DETAIL_FIELDS, IMPORTED_FIELDS, encode
from sources.references import decode as decode_field

ALL_FIELDS = (*IMPORTED_FIELDS, *DETAIL_FIELDS)


@dataclass(frozen=True)
class WikiSource:
    key: str
    fields: dict  # encoded values of every imported and detail field
    citation_text: str  # a plain-text ref as written; a template's fields as a reference line


class SourceDefinitions:
    """Define every source and which keys each ``<ref>`` cites (``ref_keys``)."""

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
            if not self.name_keys[name]:  # its definition is a short citation not resolved yet
                self.pending_reuses.append((tag, name))
                return
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
        if not cites and not shorts:
            text = self.plain(content)
            found = short_references(text)
            if found:  # "Fischer (2004), p. 29": resolved once every bibliography entry is known
                self.pending_plain.append((tag, name, found, text, same))
                if name:
                    self.name_keys.setdefault(name, ())
                return
            self.define_text_ref(tag, name, text, same)
            return
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

    def define_text_ref(self, tag: Tag, name: str, text: str, same: str) -> None:
        """Define a ref written as plain text: a source of its own (or the one of the same text before)."""
        if not name and same in self.content_keys:
            self.ref_keys[id(tag)] = self.content_keys[same]
            self.report.ref_outcomes[report.SAME_CONTENT] += 1
            return
        keys = (self.add_text_source(name or self.next_unnamed(), text),)
        self.report.ref_outcomes[report.NEW_SOURCE] += 1
        self.ref_keys[id(tag)] = keys
        self.content_keys.setdefault(same, keys)
        if name:
            self.name_keys[name] = keys

    def resolve_plain_short_references(self) -> None:
        """Give each plain-text short reference the entry it names with its page, when exactly one entry
        fits every citation of the ref; otherwise the ref is a source of its own text."""
        if not self.pending_plain:
            return
        entries: dict[str, list[Entry]] = {}
        for key, source in self.sources.items():
            date_text = source.fields.get("published_on") or source.fields.get("published_text", "")
            entry = entry_from_fields(key, source.fields.get("author", ""), date_text)
            if entry is not None:
                entries.setdefault(entry.surname, []).append(entry)
        for index, line in enumerate(self.bibliography_lines):
            entry = entry_from_text(f"line:{index}", line)
            if entry is not None:
                entries.setdefault(entry.surname, []).append(entry)
        made: dict[str, str] = {}  # bibliography line → the source made of it
        for tag, name, found, text, same in self.pending_plain:
            matched = [matching_entry(reference, entries) for reference in found]
            if any(entry is None for entry in matched):
                self.define_text_ref(tag, name, text, same)
                continue
            cited = []
            for reference, entry in zip(found, matched, strict=True):
                key = entry.key
                if key.startswith("line:"):
                    if key not in made:
                        line = self.bibliography_lines[int(key.removeprefix("line:"))]
                        made[key] = self.add_text_source(entry.surname + (reference.year or ""), line)
                    key = made[key]
                cited.append((key, reference.page))
            keys = tuple(dict.fromkeys(key for key, _ in cited))
            self.ref_keys[id(tag)] = keys
            pages = cited_pages(cited)
            self.ref_pages[id(tag)] = pages
            self.report.ref_outcomes[report.SHORT_CITATION] += 1
            self.report.counts["plain_short_resolved"] += len(found)
            if name:
                self.name_keys[name] = keys
                self.name_pages[name] = pages

    def define_entry(self, template: Template) -> None:
        self.add_template_source(f"entry-{len(self.sources) + 1}", template, prefer_anchor=True)
        self.report.counts["bibliography_entries"] += 1

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
            cited = [self.short_key(short) for short in shorts]
            keys = tuple(dict.fromkeys([*full, *(key for key, _ in cited)]))
            self.ref_keys[id(tag)] = keys
            pages = cited_pages(cited)
            if pages:
                self.ref_pages[id(tag)] = pages
            if not full:
                self.report.ref_outcomes[report.SHORT_CITATION] += 1
            name = attribute(tag, "name")
            if name and (not self.name_keys.get(name) or full):
                self.name_keys[name] = keys
                self.name_pages[name] = pages
        self.resolve_plain_short_references()
        for tag, name in self.pending_reuses:
            if self.name_keys.get(name):
                self.ref_keys[id(tag)] = self.name_keys[name]
                if self.name_pages.get(name):
                    self.ref_pages[id(tag)] = self.name_pages[name]
                self.report.ref_outcomes[report.NAMED_REUSE] += 1
            else:
                empty = dict.fromkeys(ALL_FIELDS, "")
                key = self.name_keys.get(name) or (self.add_source(name, empty, ""),)
                self.name_keys[name] = key if isinstance(key, tuple) else (key,)
                self.ref_keys[id(tag)] = self.name_keys[name]
                self.report.ref_outcomes[report.UNDEFINED_NAME] += 1

    def short_key(self, template: Template) -> tuple[str, str]:
        """Return the source a short citation cites (its bibliography entry, or a source of its own text)
        and the page it cites of an entry ("" for a source of its own: its text holds the page)."""
        positional, named = self.arguments(template)
        anchor, page = short_citation(positional, named)
        self.report.counts["short_citations"] += 1
        key = self.anchors.get(anchor)
        if key is None:
            text = short_citation_text(positional, page)
            existing = self.content_keys.get(f"short:{text}")
            key = existing[0] if existing else self.add_text_source(text, text)
            self.content_keys[f"short:{text}"] = (key,)
            return key, ""
        self.report.counts["short_resolved"] += 1
        return key, page


def cited_pages(cited: list[tuple[str, str]]) -> dict[str, str]:
    """Return each key's pages from (key, page) pairs: one ref citing two pages of a book cites both."""
    pages: dict[str, list[str]] = {}
    for key, page in cited:
        if page and page not in pages.setdefault(key, []):
            pages[key].append(page)
    return {key: ", ".join(values) for key, values in pages.items() if values}


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
