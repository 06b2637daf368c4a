"""The figure check: accuracy on a labelled set, and the time and queries to check a whole article.

1. Accuracy: every case of ``bench/evidence_cases.py`` (a claim, a passage, a label per figure) is
   checked against the passage as given (as an editor's confirmed passage), and end to end, with
   the passage hidden in a generated 5-20 KB source text that is looked up whole; and, when
   ../shared/corpus is there, hidden in 5-20 KB of its real articles' sentences. Printed: precision
   of ``failed_verification`` (figures flagged not_found or contradicted that are truly not stated) and
   recall of ``supported``. The bench passes (exit status 0) when every check reaches
   PASS_PRECISION_OF_FAILED_VERIFICATION and PASS_RECALL_OF_SUPPORTED.
2. Scale: the seed article (and 5x) with every source given a generated 5-20 KB snapshot; one
   ``claims_check_evidence`` over all its claims, index cache cold, against a two-sentence article.

    .venv/bin/python -m bench.evidence [--factors 1 5]
"""

import argparse
import atexit
import hashlib
import os
import random
from dataclasses import dataclass

from bench.corpus import CORPUS
from bench.evidence_cases import CASES

BENCH_DATABASE = "verity_bench_evidence"
# The bench passes when every check (passage given, passage found in a 5-20 KB text) reaches these; it
# exits with status 1 otherwise. The same bar as issue 17's aim on real claims for failed_verification,
# and that aim's 0.90 for supported raised to 0.95, since these cases are written to be decidable.
PASS_PRECISION_OF_FAILED_VERIFICATION = 0.95
PASS_RECALL_OF_SUPPORTED = 0.95
PLACES = "Loikaw Hpasawng Demoso Bawlakhe Mese Shadaw Pekon Moebye Hpruso Ywathit".split()
SPEAKERS = (
    "Officials",
    "Residents",
    "Monitors",
    "Aid workers",
    "Local reporters",
    "A spokesperson",
    "Witnesses",
)
NOUNS = "families houses schools vehicles clinics wells bridges markets shelters farms".split()
VERBS = "damaged counted reported repaired inspected registered visited".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
SMALL_ARTICLE = "A lead with 12 villages cited.[1]\nSection\nIt has 3 sources in 40 towns.[1][2]\n"


def filler_sentence(rng: random.Random) -> str:
    """Return one sentence of plausible local reporting, with a number in it half of the time."""
    place, noun, verb, day = rng.choice(PLACES), rng.choice(NOUNS), rng.choice(VERBS), rng.choice(DAYS)
    if rng.random() < 0.5:
        return f"{rng.choice(SPEAKERS)} in {place} {verb} {rng.randint(2, 9000):,} {noun} on {day}."
    return f"{rng.choice(SPEAKERS)} said the situation in {place} remained tense after {day}'s meeting."


def snapshot_text(restated: list[str], size: int, rng: random.Random) -> str:
    """Return a source's text of about ``size`` characters: paragraphs of filler sentences with each of
    ``restated`` placed in one of them."""
    sentences: list[str] = []
    length = 0
    while length < size:
        sentences.append(filler_sentence(rng))
        length += len(sentences[-1]) + 1
    for sentence in restated:
        sentences.insert(rng.randrange(len(sentences) + 1), sentence)
    paragraphs, position = [], 0
    while position < len(sentences):
        step = rng.randint(3, 6)
        paragraphs.append(" ".join(sentences[position : position + step]))
        position += step
    return "\n\n".join(paragraphs)


def real_sentences() -> list[str]:
    """Return the sentences of the real articles of ``../shared/corpus`` (read in place, never copied), in
    order, headings and table rows left out; [] when the corpus is absent."""
    from articles.textformat import is_heading
    from claims.sentences import is_table_row, split_body

    sentences: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not is_heading(line) and not is_table_row(line):
                sentences.extend(sentence.text for sentence in split_body(line, keys=frozenset()))
    return sentences


def real_snapshot_text(restated: list[str], size: int, rng: random.Random, sentences: list[str]) -> str:
    """Return about ``size`` characters of consecutive real sentences (a stretch of one article or two),
    with each of ``restated`` placed among them: real prose, whose numbers are real decoys."""
    start = rng.randrange(len(sentences))
    taken: list[str] = []
    length = 0
    while length < size:
        taken.append(sentences[(start + len(taken)) % len(sentences)])
        length += len(taken[-1]) + 1
    for sentence in restated:
        taken.insert(rng.randrange(len(taken) + 1), sentence)
    return " ".join(taken)


def attach_generated_snapshots(article, *, seed: int = 1107) -> int:
    """Give every source of ``article`` one 5-20 KB snapshot restating the claims citing it; return the
    total size. Written in bulk, without the snapshot_added signal, so the check can be timed alone."""
    from claims.models import Citation
    from sources.models import Snapshot, Source

    rng = random.Random(seed)
    citing: dict[int, list[str]] = {}
    for source_id, text in Citation.objects.filter(source__article=article).values_list(
        "source_id", "claim__text"
    ):
        citing.setdefault(source_id, []).append(text)
    snapshots = []
    for source in Source.objects.filter(article=article).order_by("pk"):
        text = snapshot_text(citing.get(source.pk, []), rng.randint(5_000, 20_000), rng)
        digest = hashlib.sha256(text.encode()).hexdigest()
        snapshots.append(Snapshot(source=source, text=text, origin="paste", content_hash=digest))
    Snapshot.objects.bulk_create(snapshots)
    return sum(len(snapshot.text) for snapshot in snapshots)


@dataclass(frozen=True)
class Accuracy:
    figures: int
    flagged: int
    flagged_correctly: int
    supported: int
    supported_found: int

    @property
    def precision_of_failed_verification(self) -> float:
        return self.flagged_correctly / self.flagged if self.flagged else 1.0

    @property
    def recall_of_supported(self) -> float:
        return self.supported_found / self.supported if self.supported else 1.0


def accuracy(*, end_to_end: bool, misses: list | None = None, real: list[str] | None = None) -> Accuracy:
    """Return the figure check's accuracy on CASES (see the module docstring); with ``real`` sentences,
    each passage is hidden among them instead of among generated ones."""
    from claims.evidence.lookup import index_source
    from claims.evidence.verdicts import FAILED, SUPPORTED, Evidence, check_figures
    from claims.figures import extract_figures

    rng = random.Random(11)
    counts = {"figures": 0, "flagged": 0, "flagged_correctly": 0, "supported": 0, "supported_found": 0}
    for claim, passage, labels in CASES:
        figures = extract_figures(claim)
        if len(figures) != len(labels):
            raise ValueError(f"{claim!r} has {len(figures)} figures but {len(labels)} labels")
        if end_to_end:  # the whole source looked up, as claims_check_evidence does
            size = rng.randint(5_000, 20_000)
            if real:
                text = real_snapshot_text([passage], size, rng, real)
            else:
                text = snapshot_text([passage], size, rng)
            evidence = Evidence("1", "", index_source(text))
        else:  # the passage as an editor's confirmed one
            evidence = Evidence("1", passage)
        verdicts = check_figures(figures, [evidence], claim)
        for figure, verdict, label in zip(figures, verdicts, labels, strict=True):
            counts["figures"] += 1
            counts["flagged"] += verdict.verdict in FAILED
            counts["flagged_correctly"] += verdict.verdict in FAILED and label == "N"
            counts["supported"] += label == "S"
            counts["supported_found"] += verdict.verdict == SUPPORTED and label == "S"
            if misses is not None and (verdict.verdict == SUPPORTED) != (label == "S"):
                # What the whole text was read as stating, when that is not the case's passage: real text
                # may state the value too (a miss of the label, not of the check: read it).
                found = verdict.passage if verdict.passage and passage not in verdict.passage else passage
                misses.append((figure.text, label, verdict.verdict, claim, found))
    return Accuracy(**counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 5])
    options = parser.parse_args()
    url = throwaway_database_url()
    from bench.support import database_label, print_table, setup_django

    setup_django(url)
    passed = print_accuracy(print_table)
    print_scale(options.factors, print_table, database_label(url))
    if not passed:
        raise SystemExit(1)


def throwaway_database_url() -> str:
    """Return an empty database of this benchmark's own, so it never meets another benchmark's."""
    from bench import support

    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        from bench import stack

        bench_url = stack.pg_create_database(os.environ["DATABASE_URL"], BENCH_DATABASE)
        atexit.register(stack.pg_drop_database, bench_url)
        return bench_url
    return support.throwaway_database_url()


def passes(result: Accuracy) -> bool:
    return (
        result.precision_of_failed_verification >= PASS_PRECISION_OF_FAILED_VERIFICATION
        and result.recall_of_supported >= PASS_RECALL_OF_SUPPORTED
    )


def print_accuracy(print_table) -> bool:
    """Print the accuracy of each check and its misses; return whether every check passes."""
    rows, misses, passed = [], [], True
    checks = [("passage given", False, None), ("passage found in a 5-20 KB text", True, None)]
    real = real_sentences()
    if real:
        checks.append(("passage found in 5-20 KB of real articles", True, real))
    else:
        print(f"{CORPUS} is absent: the passages are not hidden in real text.")
    for label, end_to_end, sentences in checks:
        result = accuracy(end_to_end=end_to_end, misses=misses if end_to_end else None, real=sentences)
        passed = passed and passes(result)
        rows.append(
            [
                label,
                result.figures,
                f"{result.precision_of_failed_verification:.3f} "
                f"({result.flagged_correctly}/{result.flagged})",
                f"{result.recall_of_supported:.3f} ({result.supported_found}/{result.supported})",
            ]
        )
    print_table(
        f"Figure check on {len(CASES)} labelled claim/passage pairs",
        ["check", "figures", "precision of failed_verification", "recall of supported"],
        rows,
    )
    for figure, label, verdict, claim, passage in misses:
        print(f"  miss: {figure!r} labelled {label}, got {verdict}: {claim} | {passage[:100]}")
    bar = f"{PASS_PRECISION_OF_FAILED_VERIFICATION} / {PASS_RECALL_OF_SUPPORTED}"
    print(f"{'PASS' if passed else 'FAIL'}: every check at or above {bar} (precision / recall)")
    return passed


def print_scale(factors: list[int], print_table, database: str) -> None:
    from articles.services import article_import
    from bench.corpus import scaled_article
    from bench.support import measure, ms
    from claims.models import Claim, Figure
    from claims.verification import claims_check_evidence, index_for_text

    rows = []
    for label, data in [("small", SMALL_ARTICLE)] + [(f"{f}x", scaled_article(f)) for f in factors]:
        article = article_import(data=data, slug=f"evidence-{label}").article
        size = attach_generated_snapshots(article)
        ids = list(Claim.objects.for_article(article).values_list("pk", flat=True))
        index_for_text.cache_clear()
        with measure() as log:
            claims_check_evidence(claims=ids)
        verdicts = Figure.objects.filter(claim__in=ids)
        rows.append(
            [
                label,
                len(ids),
                verdicts.count(),
                article.sources.count(),
                f"{size / 1024:,.0f}",
                verdicts.filter(verdict="supported").count(),
                log.count,
                ms(log.database_seconds),
                ms(log.total_seconds),
            ]
        )
    print_table(
        f"claims_check_evidence over a whole article, cold index ({database})",
        [
            "article",
            "claims",
            "figures",
            "sources",
            "snapshot KB",
            "supported",
            "queries",
            "db ms",
            "total ms",
        ],
        rows,
    )


if __name__ == "__main__":
    main()
