"""Read a MediaWiki article (wikitext) into sections, sources and an import report.

mwparserfromhell parses; the reader walks its tree twice: ``definitions`` defines the sources in document
order, ``rendering`` writes each section's reader text with the sources' markers and lists what it leaves
out. Pure: no ORM; the import service turns the result into the same ``ParsedArticle`` the plain-text
format gives.
"""

import gc
from dataclasses import dataclass
from functools import cached_property

import mwparserfromhell
from mwparserfromhell.nodes import Heading, Tag, Template

from articles.errors import ArticleFormatError
from articles.textformat import ParsedReference, ParsedSection, decode
from articles.wikitext import report
from articles.wikitext.definitions import SourceDefinitions, WikiSource, citation_line
from articles.wikitext.guards import check_bounds
from articles.wikitext.rendering import TextRendering
from claims.sentences import MARKER_PATTERN

BIBLIOGRAPHY_HEADINGS = frozenset(
    {
        "references",
        "bibliography",
        "sources",
        "works cited",
        "cited works",
        "further reading",
        "reference literature",
        "literature",
        "general references",
        "general sources",
        "primary sources",
        "secondary sources",
    }
)

__all__ = ["WikiArticle", "WikiSource", "citation_line", "read_wikitext"]


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


class Reader(SourceDefinitions, TextRendering):
    def __init__(self, text: str):
        self.text = text
        self.report = report.ReportBuilder()
        self.sources: dict[str, WikiSource] = {}
        self.ref_keys: dict[int, tuple[str, ...]] = {}  # id(ref tag) → keys its markers cite
        self.name_keys: dict[str, tuple[str, ...]] = {}
        self.content_keys: dict[str, tuple[str, ...]] = {}
        self.anchors: dict[str, str] = {}
        self.ref_pages: dict[int, dict[str, str]] = {}  # id(ref tag) → the page it cites of each key
        self.name_pages: dict[str, dict[str, str]] = {}
        self.pending_reuses: list[tuple[Tag, str]] = []
        self.pending_shorts: list[tuple[Tag, list[Template], tuple[str, ...]]] = []
        self.cited_refs: set[int] = set()
        self.unnamed = 0
        self.pending_plain: list = []  # plain-text short references: (tag, name, found, text, content)
        self.code = None

    def read(self, code) -> WikiArticle:
        self.code = code
        self.define(code, in_ref=False)
        self.resolve_pending()
        sections = self.sections(code)
        self.finish_counts()
        return WikiArticle(
            sections=tuple(sections), sources=tuple(self.sources.values()), report=self.report.build()
        )

    @cached_property
    def bibliography_lines(self) -> list[str]:
        """Return the lines of the bibliography sections ("References", "Further reading" … and their
        subsections) as readers see them: the entries plain-text short references may name."""
        saved = self.report, self.cited_refs
        self.report, self.cited_refs = report.ReportBuilder(), set()  # a look ahead: nothing is counted
        lines, nodes, level = [], [], 0
        try:
            for node in self.code.nodes:
                if isinstance(node, Heading):
                    if nodes:
                        lines.extend(self.section("", 1, nodes).body.split("\n"))
                        nodes = []
                    title = " ".join(self.plain(node.title, markers=False).split()).lower()
                    if title in BIBLIOGRAPHY_HEADINGS:
                        level = node.level
                    elif level and node.level <= level:
                        level = 0
                elif level:
                    nodes.append(node)
            if nodes:
                lines.extend(self.section("", 1, nodes).body.split("\n"))
        finally:
            self.report, self.cited_refs = saved
        return [MARKER_PATTERN.sub("", line).strip() for line in lines if line.strip()]

    def finish_counts(self) -> None:
        counts = self.report.counts
        counts["refs_cited"] = len(self.cited_refs)
        counts["refs_in_left_out"] = counts["ref_tags"] - len(self.cited_refs)
