"""Linear time on hostile input: (a) a section_save of a section of 500, 1,000 and 2,000 sentences with
every sentence edited, through articles.services.section_save (queries, time, and the matcher's share);
(b) figures, sentences and the word diff on a 50, 100 and 200 KB run of each delimiter. Each row's time
should double with its input, not quadruple.

    .venv/bin/python -m bench.linear [--sizes 500,1000,2000] [--kilobytes 50,100,200]   ("" skips a part)
"""

import argparse
import time
from pathlib import Path

from bench.section_save import editor_user
from bench.support import database_label, measure, ms, print_table, setup_django, throwaway_database_url

CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "circumcision-and-hiv.txt"
)  # real text, read in place (not copied)
SENTENCES_PER_PARAGRAPH = 6
ROUNDS = 2
DELIMITERS = {
    "[": "[",
    "]": "]",
    "(": "(",
    "digits": "7",
    ",": ",",
    ".": ".",
    "spaces": " ",
    "-": "-",
    "–": "–",
    "%": "%",
    "$": "$",
    "letters": "a",
    "[1]": "[1]",
    "[1][2]...": None,
    "1 (numbers)": "1 ",
    "A. (initials)": "A. ",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000", help="sentences per section (a)")
    parser.add_argument("--kilobytes", default="50,100,200", help="run lengths in KB (b)")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",") if size.strip()]  # "" skips (a)
    kilobytes = [int(size) for size in options.kilobytes.split(",") if size.strip()]  # "" skips (b)
    url = throwaway_database_url()
    setup_django(url)
    if sizes:
        bench_section_saves(sizes, database_label(url))
    if kilobytes:
        bench_delimiter_runs(kilobytes)


def bench_section_saves(sizes: list[int], label: str) -> None:
    from accounts.roles import EDITORS

    editor = editor_user(EDITORS)
    rows = []
    for size in sizes:
        sentences = real_sentences(size)
        section = section_of(size, sentences)
        saves = []
        for round_ in range(ROUNDS):  # each round edits every sentence again
            sentences = [s.replace(" ", f" r{round_}n{number} ", 1) for number, s in enumerate(sentences)]
            saves.append(save_edited(section, body_of(sentences), editor))
        log, matcher_seconds, result = min(saves, key=lambda save: save[0].total_seconds)
        rows.append(
            [
                result.edited + result.unchanged + result.created,
                f"{len(section.body) // 1024} KiB",
                f"{result.edited} / {result.unchanged} / {result.created} / {result.retired}",
                "/".join(str(save[0].count) for save in saves),
                ms(log.database_seconds),
                ms(matcher_seconds),
                ms(log.total_seconds),
            ]
        )
    print_table(
        f"section_save with every sentence edited ({label}; queries of {ROUNDS} saves, the best one's times)",
        [
            "sentences",
            "body",
            "claims edited / unchanged / new / retired",
            "queries",
            "database ms",
            "matcher ms",
            "total ms",
        ],
        rows,
    )


def real_sentences(size: int) -> list[str]:
    """Return ``size`` distinct sentences of the corpus article, repeated with a copy number as needed."""
    from claims.sentences import split_body

    # Only sentences that end like one ("." and its markers): a list item or a caption would run into
    # the next sentence once they share a paragraph.
    sentences = [
        sentence.raw
        for sentence in split_body(CORPUS.read_text(encoding="utf-8"))
        if sentence.text.endswith((".", "!", "?", '."'))
    ]
    chosen = []
    for index in range(size):
        copy, sentence = divmod(index, len(sentences))
        # A copy's sentences carry its number, so no two sentences of the section are the same.
        chosen.append(sentences[sentence].replace(" ", f" c{copy} ", 1) if copy else sentences[sentence])
    return chosen


def body_of(sentences: list[str]) -> str:
    return "\n".join(
        " ".join(sentences[start : start + SENTENCES_PER_PARAGRAPH])
        for start in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)
    )


def section_of(size: int, sentences: list[str]):
    """Return a new section made of ``sentences``, in an article holding the corpus's sources."""
    from articles.services import article_import, section_create

    article = article_import(data=CORPUS.read_bytes(), slug=f"linear-{size}").article
    body = body_of(sentences)
    return section_create(article=article, heading="Everything", level=1, order=0, body=body, user=None)


def save_edited(section, edited: str, editor):
    """Save ``edited`` over the section; return the query log, the matcher's time on the same texts
    and the claims result."""
    from articles.services import section_save
    from claims.matching import match_sentences
    from claims.sentences import split_body

    started = time.perf_counter()
    match_sentences([s.raw for s in split_body(section.body)], [s.raw for s in split_body(edited)])
    matcher_seconds = time.perf_counter() - started
    section.refresh_from_db()
    with measure() as log:
        result = section_save(
            section=section, body=edited, user=editor, base_version=section.version, comment="every sentence"
        )
    return log, matcher_seconds, result


def bench_delimiter_runs(kilobytes: list[int]) -> None:
    from claims.figures import extract_figures
    from claims.sentences import split_body
    from textdiff.diffing import word_diff

    functions = {
        "figures": extract_figures,
        "sentences": split_body,
        "word diff": lambda text: word_diff(f"{text} middle {text}", f"{text} centre {text}"),
    }
    rows = []
    for name, unit in DELIMITERS.items():
        row = [name]
        for function in functions.values():
            row.append(" / ".join(ms(best_seconds(function, run(unit, size * 1024))) for size in kilobytes))
        rows.append(row)
    sizes = "/".join(str(size) for size in kilobytes)
    print_table(
        f"a run of each delimiter: processor ms at {sizes} KB (best of 3; the diff compares two such runs)",
        ["run of", *functions],
        rows,
    )


def run(unit: str | None, length: int) -> str:
    if unit is None:  # "[1][2][3]...": citation-like, every marker different
        pieces, total, number = [], 0, 1
        while total < length:
            pieces.append(f"[{number}]")
            total += len(pieces[-1])
            number += 1
        return "".join(pieces)
    return unit * (length // len(unit))


def best_seconds(function, argument, repeats: int = 3) -> float:
    """Return the least processor time of ``repeats`` calls: pure functions, so processor time is their
    whole cost, and it is not inflated by other processes sharing the machine as wall time is."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        function(argument)
        best = min(best, time.process_time() - started)
    return best


if __name__ == "__main__":
    main()
