"""Conflicting figures: precision and recall on a labelled set, the seed's known cases, the shared corpus,
and time against the number of statements.

    .venv/bin/python -m bench.consistency

The labelled set is ``bench/data/consistency_pairs.txt`` (short articles written for this benchmark) plus
the seed's three labelled pairs. A finding counts as right only when its pair is labelled with that kind;
every finding on a pair labelled ``none`` or not labelled at all is a false one.
"""

import sys
import time
from pathlib import Path

from articles.textformat import is_heading
from bench.corpus import CORPUS, scaled_article, seed_text
from claims.consistency import AGREEMENT, CONFLICT, Statement, find_findings
from claims.sentences import split_body

DATA = Path(__file__).resolve().parent / "data" / "consistency_pairs.txt"
# The seed's labelled pairs, each statement found by words only it contains.
SEED_PAIRS = (
    ("emerged as the primary political organization", "founded in 1953", CONFLICT),
    ("uprooted over 150,000", "uprooted over 180,000", CONFLICT),
    ("over 477 airstrikes", "at least 477 airstrikes", AGREEMENT),
    ("350 to 367 such strikes", "at least 477 airstrikes", "none"),
    ("(KNDF) emerged on May 31, 2021", "The KNDF, formed in May 2021", AGREEMENT),
    ("seizing at least 15 rifles", "seizure of at least 15 rifles", AGREEMENT),
    # Labelled after a first run showed them; both are the same count told twice.
    ("reporting over 70 soldiers killed", "claiming at least 70 junta soldiers killed", AGREEMENT),
    ("aerial attacks killed at least 14 civilians", "in Loikaw killed at least 14 civilians", AGREEMENT),
)


def article_statements(text: str) -> list[Statement]:
    """Return an article's sentences as statements numbered in order, headings left out."""
    statements: list[Statement] = []
    for line in text.splitlines():
        if line.strip() and not is_heading(line):
            for sentence in split_body(line):
                statements.append(Statement(len(statements), sentence.text))
    return statements


def labelled_articles() -> list[tuple[str, list[Statement], dict[tuple[int, int], str]]]:
    """Return (name, statements, labels by statement-id pair) for each article of the labelled file."""
    articles, name, ids, statements, labels = [], "", {}, [], {}
    for line in [*DATA.read_text(encoding="utf-8").splitlines(), "== end"]:
        if line.startswith("== "):
            if statements:
                articles.append((name, statements, labels))
            name, ids, statements, labels = line[3:], {}, [], {}
        elif line.startswith("expect: "):
            a, b, kind = line.split()[1:]
            labels[tuple(sorted((ids[a], ids[b])))] = kind
        elif line[:1] == "s" and ": " in line:
            key, text = line.split(": ", 1)
            ids[key] = len(statements)
            statements.append(Statement(len(statements), text))
    return articles


def seed_labels(statements: list[Statement]) -> dict[tuple[int, int], str]:
    def find(words: str) -> int:
        (match,) = [s.id for s in statements if words in s.text]
        return match

    return {tuple(sorted((find(a), find(b)))): kind for a, b, kind in SEED_PAIRS}


def scored_kind(finding) -> str:
    """Return the kind a finding is scored as: differing estimates are a conflict here (the labels of
    this set predate issue 18's "estimates differ")."""
    return CONFLICT if finding.is_raised else AGREEMENT


def wrong_findings(cases):
    """Yield (finding, first text, second text, label) for every finding not labelled with its kind."""
    for statements, labels in cases:
        for finding in find_findings(statements):
            label = labels.get((finding.first, finding.second), "unlabelled")
            if label != scored_kind(finding):
                yield finding, statements[finding.first].text, statements[finding.second].text, label


def score(cases) -> dict[str, tuple[int, int, int]]:
    """Return, per kind, (right findings, all findings of that kind, labelled pairs of that kind)."""
    tally = {CONFLICT: [0, 0, 0], AGREEMENT: [0, 0, 0]}
    for statements, labels in cases:
        for kind in labels.values():
            if kind in tally:
                tally[kind][2] += 1
        for finding in find_findings(statements):
            kind = scored_kind(finding)
            tally[kind][1] += 1
            if labels.get((finding.first, finding.second)) == kind:
                tally[kind][0] += 1
    return {kind: tuple(counts) for kind, counts in tally.items()}


def report_scores(cases) -> None:
    scores = score(cases)
    pairs = sum(len(labels) for _, labels in cases)
    print(f"labelled pairs: {pairs}")
    totals = [sum(counts[i] for counts in scores.values()) for i in range(3)]
    for kind, (right, raised, labelled) in [*scores.items(), ("all", tuple(totals))]:
        precision = right / raised if raised else 1.0
        recall = right / labelled if labelled else 1.0
        print(
            f"  {kind:9} raised {raised:3}  right {right:3}  labelled {labelled:3}  "
            f"precision {precision:.2f}  recall {recall:.2f}"
        )


def report_seed(statements: list[Statement]) -> None:
    labels = seed_labels(statements)
    findings = find_findings(statements)
    for (a, b), kind in labels.items():
        got = [scored_kind(f) for f in findings if (f.first, f.second) == (a, b)]
        print(
            f"  seed {kind:9} {'found' if got == [kind] or (kind == 'none' and not got) else 'MISSED'}: "
            f"{statements[a].text[:60]!r} / {statements[b].text[:60]!r}"
        )
    others = [f for f in findings if f.is_raised and (f.first, f.second) not in labels]
    print(f"  seed: {len(statements)} statements, {len(findings)} findings, {len(others)} other conflicts")
    for finding in others:
        print(f"    other: {finding.first_value!r} vs {finding.second_value!r} — {finding.reason}")


def held_out_names() -> set[str]:
    """Return the articles of the held-out label file: this report leaves them out, so that no one sees the
    detector's output on them while rules are written (bench.consistency_real --held-out scores them)."""
    path = Path(__file__).resolve().parent / "data" / "consistency_real_heldout.txt"
    if not path.exists():
        return set()
    return {
        line[3:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("== ")
    }


def report_corpus() -> None:
    held_out = held_out_names()
    for path in sorted(CORPUS.glob("*.txt")):
        if path.name.lower() == "readme.txt" or path.stem in held_out:
            continue
        statements = article_statements(path.read_text(encoding="utf-8"))
        findings = find_findings(statements)
        conflicts = [f for f in findings if f.is_raised]
        print(
            f"  corpus {path.stem}: {len(statements)} statements, {len(conflicts)} conflicts, "
            f"{len(findings) - len(conflicts)} agreements"
        )
        for finding in conflicts:
            print(f"    {finding.first_value!r} vs {finding.second_value!r} — {finding.reason}")


def report_timing() -> None:
    for factor in (1, 5, 25):
        statements = article_statements(scaled_article(factor))
        started = time.perf_counter()
        find_findings(statements)
        elapsed = time.perf_counter() - started
        print(
            f"  seed x{factor}: {len(statements)} statements in {elapsed * 1000:.0f} ms "
            f"({elapsed * 1e6 / len(statements):.0f} µs per statement)"
        )


def main() -> None:
    seed = article_statements(seed_text())
    cases = [(statements, labels) for _, statements, labels in labelled_articles()]
    report_scores([*cases, (seed, seed_labels(seed))])
    if "-v" in sys.argv:
        for statements, labels in cases:
            found = {(f.first, f.second): scored_kind(f) for f in find_findings(statements)}
            for (a, b), kind in labels.items():
                if kind != "none" and found.get((a, b)) != kind:
                    print(f"  missed {kind}:\n    {statements[a].text}\n    {statements[b].text}")
        for finding, first, second, label in wrong_findings(cases):
            print(f"  wrong {finding.kind} (labelled {label}): {finding.reason}\n    {first}\n    {second}")
    report_seed(seed)
    if CORPUS.is_dir():
        report_corpus()
    report_timing()


if __name__ == "__main__":
    sys.exit(main())
