"""Conflicting figures on real articles (issue 18): precision and recall per article against labels a person
listed by reading each article whole before the detector ever ran on it.

    .venv/bin/python -m bench.consistency_real            # the table
    .venv/bin/python -m bench.consistency_real --show     # also every raised pair no label names, and misses
    .venv/bin/python -m bench.consistency_real --held-out # the held-out articles instead
    .venv/bin/python -m bench.consistency_real --text Alaska.wiki  # print an article as the bench reads it

The articles are read from ``../shared/corpus`` (never copied into the project); the benchmark says so and
stops when it is absent. ``bench/data/consistency_real.txt`` holds the labels listed before the detector
ran (git history shows them committed first); ``bench/data/consistency_real_raised.txt`` judges, after
the fact, each raised pair that list does not name (``real`` or ``not``), so both stay visible. A raised
pair counts as right when the first list names it or the second judges it real; recall is measured
against the first list alone (what the reader saw before the detector), and against both.

A statement is a sentence as the import reads it; its section is the heading above it, its paragraph the
line it stands in. A finding is *raised* when it is a conflict or estimates differing: *public* when the
detector is confident (readers see the mark), *possible* when it goes to the reviewers' queue only.
"""

import sys
from dataclasses import dataclass, field
from pathlib import Path

from articles.textformat import is_heading
from bench.corpus import CORPUS
from claims.consistency import CONFLICT, Statement, find_findings
from claims.sentences import split_body

DATA = Path(__file__).resolve().parent / "data"
LABELS = DATA / "consistency_real.txt"
HELD_OUT = DATA / "consistency_real_heldout.txt"  # --held-out: articles kept out of the rules' tuning
JUDGED = DATA / "consistency_real_raised.txt"
WIKITEXT = CORPUS.parent / "wikitext"  # an article named "X.wiki" is read from there, through the importer
REAL_KINDS = ("conflict", "estimates")


def plain(text: str) -> str:
    return text.replace("\xa0", " ")


def article_statements(text: str) -> list[Statement]:
    """Return an article's sentences as the import reads them, numbered in order, each with the heading
    of its section and its paragraph's number; headings are no statements."""
    statements: list[Statement] = []
    heading = ""
    for number, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        if is_heading(line.strip()):
            heading = line.strip()
            continue
        for sentence in split_body(line, keys=frozenset()):  # only [N] cites: "[sic]" is text
            statements.append(statement(len(statements), sentence.text, heading, number))
    return statements


def wiki_article_text(path: Path) -> str:
    """Return a wikitext article as the import format reads it: each section's heading on its own line,
    then its paragraphs, with its citation markers as [N] (the importer's own reader does the reading)."""
    from articles.wikitext.reading import read_wikitext
    from claims.sentences import rename_markers

    article = read_wikitext(path.read_bytes())
    numbers = {source.key: str(number) for number, source in enumerate(article.sources, start=1)}
    lines = []
    for section in article.sections:
        if section.heading:
            lines.append(section.heading)
        lines.extend(rename_markers(paragraph, numbers) for paragraph in section.body.split("\n"))
    return "\n".join(lines)


def article_text(name: str) -> str:
    if name.endswith(".wiki"):
        return wiki_article_text(WIKITEXT / name)
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def statement(index: int, text: str, heading: str, paragraph: int) -> Statement:
    """Return a Statement with as much context as this version of the detector takes."""
    fields = Statement.__dataclass_fields__
    extra = {"section": heading} if "section" in fields else {}
    if "paragraph" in fields:
        extra["paragraph"] = paragraph
    return Statement(index, text, **extra)


@dataclass
class Article:
    name: str
    statements: list[Statement]
    labels: dict[frozenset, str] = field(default_factory=dict)  # pair -> conflict | estimates
    judged: dict[frozenset, str] = field(default_factory=dict)  # pair -> real | not (after the run)


def locate(statements: list[Statement], quote: str, where: str) -> int:
    matches = [s.id for s in statements if quote in plain(s.text)]
    if len(matches) != 1:
        raise SystemExit(f"{where}: {quote!r} is in {len(matches)} statements, not exactly one")
    return matches[0]


def read_pairs(path: Path, articles: dict[str, Article], attribute: str) -> None:
    """Read ``== article`` blocks of ``kind | quote | value | quote | value | what`` lines (labels) or
    ``verdict | quote | quote | why`` lines (judgements) into each article's ``attribute``."""
    if not path.exists():
        return
    name = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("== "):
            name = line[3:].strip()
            if name not in articles:
                articles[name] = Article(name, article_statements(article_text(name)))
            continue
        if not line.strip() or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        quotes = (parts[1], parts[3]) if attribute == "labels" else (parts[1], parts[2])
        article = articles[name]
        where = f"{path.name}:{number}"
        pair = frozenset(locate(article.statements, quote, where) for quote in quotes)
        getattr(article, attribute)[pair] = parts[0]


def raised_pairs(article: Article):
    """Return {pair: finding} of the findings that raise a disagreement (not agreements)."""
    raised = {}
    for finding in find_findings(article.statements):
        if finding.kind == CONFLICT or getattr(finding, "is_raised", False):
            raised[frozenset((finding.first, finding.second))] = finding
    return raised


def is_public(finding) -> bool:
    return getattr(finding, "level", "public") == "public"


def score(article: Article, raised: dict, *, public_only: bool):
    chosen = {pair: f for pair, f in raised.items() if is_public(f) or not public_only}
    labelled = set(article.labels)
    real = labelled | {pair for pair, verdict in article.judged.items() if verdict == "real"}
    right = [pair for pair in chosen if pair in real]
    return {
        "raised": len(chosen),
        "right": len(right),
        "labelled": len(labelled),
        "found": len(labelled & set(chosen)),
        "real": len(real),
        "found_real": len(real & set(chosen)),
        "unjudged": [pair for pair in chosen if pair not in real and pair not in article.judged],
    }


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "—"


def main(argv: list[str]) -> int:
    if not CORPUS.is_dir():
        print(f"The shared corpus is absent ({CORPUS}): nothing to measure.")
        return 0
    if "--text" in argv:
        names = argv[argv.index("--text") + 1 :]
        if not names:
            print("--text needs an article's name: a corpus file's name without .txt, or NAME.wiki")
            return 2
        print(article_text(names[0]))
        return 0
    articles: dict[str, Article] = {}
    read_pairs(HELD_OUT if "--held-out" in argv else LABELS, articles, "labels")
    labelled = set(articles)
    read_pairs(JUDGED, articles, "judged")
    articles = {name: article for name, article in articles.items() if name in labelled}
    show = "--show" in argv
    totals = {
        level: dict.fromkeys(("raised", "right", "labelled", "found", "real", "found_real"), 0)
        for level in ("public", "all")
    }
    columns = ("labels", "public", "right", "P", "R", "+queue", "P", "R")
    print(f"{'article':40} " + " ".join(f"{name:>6}" for name in columns))
    unjudged_total = 0
    for name, article in articles.items():
        raised = raised_pairs(article)
        public = score(article, raised, public_only=True)
        every = score(article, raised, public_only=False)
        for level, numbers in (("public", public), ("all", every)):
            for key in totals[level]:
                totals[level][key] += numbers[key]
        print(
            f"{name:40} {public['labelled']:6} {public['raised']:6} {public['right']:6} "
            f"{ratio(public['right'], public['raised']):>6} {ratio(public['found'], public['labelled']):>6} "
            f"{every['raised']:6} {ratio(every['right'], every['raised']):>6} "
            f"{ratio(every['found'], every['labelled']):>6}"
        )
        unjudged_total += len(every["unjudged"])
        if show:
            show_details(article, raised, every["unjudged"])
    for level, numbers in totals.items():
        print(
            f"overall ({level}): raised {numbers['raised']}, right {numbers['right']} "
            f"(precision {ratio(numbers['right'], numbers['raised'])}); labelled {numbers['labelled']}, "
            f"found {numbers['found']} (recall {ratio(numbers['found'], numbers['labelled'])}); "
            f"with the pairs judged real afterwards: {numbers['found_real']}/{numbers['real']} "
            f"(recall {ratio(numbers['found_real'], numbers['real'])})"
        )
    if unjudged_total:
        print(f"{unjudged_total} raised pairs are not judged yet in {JUDGED.name} (counted as wrong)")
    return 0


def show_details(article: Article, raised: dict, unjudged: list) -> None:
    texts = {s.id: plain(s.text) for s in article.statements}
    for pair in unjudged:
        finding = raised[pair]
        print(
            f"  UNJUDGED [{getattr(finding, 'level', 'public')}] {finding.quantity}: "
            f"{finding.first_value!r} / {finding.second_value!r}"
        )
        print(f"    A: {texts[finding.first][:220]}")
        print(f"    B: {texts[finding.second][:220]}")
    for pair, kind in article.labels.items():
        if pair not in raised:
            first, second = sorted(pair)
            print(f"  MISSED ({kind}): {texts[first][:150]}")
            print(f"                  {texts[second][:150]}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
