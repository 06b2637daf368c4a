"""The figure check on real claims with their real cited pages: ../shared/evidence-dev/ (WiCE).

Each item of ``evidence_dev.jsonl`` is one figure of a real Wikipedia sentence (``figure_start`` to
``figure_end`` of ``claim``), the cited page's text (its ``evidence`` sentences, one a line) and a hand
label: ``found`` true when the page states that quantity. The product's pure figure check
(``claims.evidence``, no database) reads the claim, checks its figures against the page, and the figure
whose span overlaps the labelled one gives the prediction. A labelled figure the reader does not find
raises no flag, so it counts as found for accuracy and flags (as the set's ``score.py`` counts a missing
prediction), but not as supported: supported recall counts only figures the check confirmed.

Scored with the set's own semantics: ambiguous items skipped; ``failed_verification`` (the verdicts
``not_found`` and ``contradicted``) is right when the label is found=false; ``supported`` is right when
found=true; ``contradicted`` is right when found=false (and, strictly, when the item is tagged
``contradiction``). Printed per verdict, per split, per kind and per tag.

The texts are third-party pages: read in place, never copied into the repository.

    .venv/bin/python -m bench.evidence_real [--split dev|train] [--misses] [--predictions FILE]
                                            [--compare EARLIER_PREDICTIONS]

``--compare`` prints, per part, the items whose verdict changed since an earlier run's ``--predictions``
(right->wrong, wrong->right): how many items each new rule moved on each part.
"""

import argparse
import json
import os
import time
from collections import defaultdict
from pathlib import Path

# The set lies beside the project (../shared/evidence-dev), read in place.
SHARED_DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "evidence-dev"
SHARED = Path(os.environ.get("VERITY_EVIDENCE_DEV", SHARED_DEFAULT))
GOLD = SHARED / "evidence_dev.jsonl"
FAILED = ("not_found", "contradicted")


def load(path: Path = GOLD) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def page_text(item: dict) -> str:
    """Return the cited page as a snapshot's text: its sentences, one a line."""
    return "\n".join(item["evidence"])


def check_item(item: dict):
    """Return (verdict, figure) for the labelled figure of one item: the product's verdict of the figure
    whose span overlaps the label, or ("unread", None) when the reader finds no such figure."""
    from claims.evidence.verdicts import check_claim_against_texts

    checked = check_claim_against_texts(item["claim"], {"page": page_text(item)})
    start, end = item["figure_start"], item["figure_end"]
    for figure, verdict in checked:
        if figure.start < end and start < figure.end:
            return verdict.verdict, figure, verdict
    return "unread", None, None


def ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.3f} ({numerator}/{denominator})" if denominator else "  n/a"


def scores(rows: list[tuple[dict, str]]) -> dict[str, str]:
    """Return precision and recall per verdict for (item, predicted verdict) pairs."""
    found = [(item, verdict) for item, verdict in rows]
    flagged = [(i, v) for i, v in found if v in FAILED]
    supported = [(i, v) for i, v in found if v == "supported"]
    contradicted = [(i, v) for i, v in found if v == "contradicted"]
    gold_false = [(i, v) for i, v in found if i["found"] is False]
    gold_true = [(i, v) for i, v in found if i["found"] is True]
    gold_contradiction = [(i, v) for i, v in gold_false if "contradiction" in i["tags"]]
    right = sum((v == "supported" or v == "unread") == i["found"] for i, v in found)
    return {
        "n": str(len(found)),
        "accuracy": ratio(right, len(found)),
        "FV precision": ratio(sum(i["found"] is False for i, _ in flagged), len(flagged)),
        "FV recall": ratio(sum(v in FAILED for _, v in gold_false), len(gold_false)),
        # Strict: a figure the reader never found is not confirmed (the measure); score.py's accuracy
        # counts it as found, since it raises no flag.
        "supported recall": ratio(sum(v == "supported" for _, v in gold_true), len(gold_true)),
        "supported precision": ratio(sum(i["found"] is True for i, _ in supported), len(supported)),
        "contradicted precision": ratio(sum(i["found"] is False for i, _ in contradicted), len(contradicted)),
        "contradicted precision (tagged)": ratio(
            sum("contradiction" in i["tags"] for i, _ in contradicted), len(contradicted)
        ),
        "contradicted recall (tagged)": ratio(
            sum(v == "contradicted" for _, v in gold_contradiction), len(gold_contradiction)
        ),
        "unread": str(sum(v == "unread" for _, v in found)),
    }


def print_scores(title: str, rows: list[tuple[dict, str]], *, brief: bool = False) -> None:
    result = scores(rows)
    if brief:
        keys = ("n", "accuracy", "FV precision", "FV recall", "supported recall", "contradicted precision")
        print(f"  {title:32} " + "  ".join(f"{key} {result[key]}" for key in keys))
        return
    print(f"== {title}")
    for key, value in result.items():
        print(f"   {key:32} {value}")


def is_right(item: dict, verdict: str) -> bool:
    return (verdict in ("supported", "unread")) == item["found"]


def _rightness(item: dict, verdict: str) -> str:
    return "right" if is_right(item, verdict) else "wrong"


def print_changes(rows: list[tuple[dict, str]], earlier_path: str) -> None:
    """Print, per part, the items whose verdict changed since an earlier run: right->wrong, wrong->right,
    and changes that keep the item right or wrong (not_found <-> contradicted)."""
    with open(earlier_path, encoding="utf-8") as lines:
        rows_before = [json.loads(line) for line in lines if line.strip()]
    earlier = {row["id"]: row.get("verdict") for row in rows_before}
    print(f"== changes since {earlier_path}")
    for split in ("dev", "train"):
        counts: dict[str, list[str]] = defaultdict(list)
        for item, verdict in rows:
            before = earlier.get(item["id"])
            if item["split"] != split or before is None or before == verdict:
                continue
            change = f"{_rightness(item, before)}->{_rightness(item, verdict)}"
            counts[change].append(f"{item['id']} {before}->{verdict}")
        summary = ", ".join(f"{change} {len(ids)}" for change, ids in sorted(counts.items())) or "none"
        print(f"  split={split}: {summary}")
        for change, ids in sorted(counts.items()):
            for line in ids:
                print(f"    {change}: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "train"], help="score one part only")
    parser.add_argument("--misses", action="store_true", help="print every wrong verdict")
    parser.add_argument("--predictions", help="write score.py's predictions JSONL here, with verdicts")
    parser.add_argument(
        "--compare", help="a predictions JSONL of an earlier run: print, per part, the items that changed"
    )
    options = parser.parse_args()
    if not GOLD.is_file():
        raise SystemExit(f"{GOLD} is absent: the evidence-dev set lies beside the project (../shared)")
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()  # the pure modules need no database, only importable apps

    items = [item for item in load() if not item["ambiguous"]]
    if options.split:
        items = [item for item in items if item["split"] == options.split]
    began = time.perf_counter()
    rows, misses = [], []
    for item in items:
        verdict, figure, detail = check_item(item)
        rows.append((item, verdict))
        wrong = (verdict in ("supported", "unread")) != item["found"]
        if wrong:
            misses.append((item, verdict, figure, detail))
    seconds = time.perf_counter() - began
    print(f"evidence-dev: {len(items)} scored figures checked in {seconds:.2f} s")
    print_scores("overall", rows)
    for split in ("dev", "train"):
        part = [(i, v) for i, v in rows if i["split"] == split]
        if part:
            print_scores(f"split={split}", part)
    by_kind, by_tag = defaultdict(list), defaultdict(list)
    for item, verdict in rows:
        by_kind[item["kind"]].append((item, verdict))
        for tag in item["tags"] or ["(untagged)"]:
            by_tag[tag].append((item, verdict))
    print("== by kind")
    for kind in sorted(by_kind):
        print_scores(f"kind={kind}", by_kind[kind], brief=True)
    print("== by tag")
    for tag in sorted(by_tag):
        print_scores(f"tag={tag}", by_tag[tag], brief=True)
    if options.predictions:
        with open(options.predictions, "w", encoding="utf-8") as out:
            for item, verdict in rows:
                found = verdict in ("supported", "unread")
                out.write(json.dumps({"id": item["id"], "found": found, "verdict": verdict}) + "\n")
    if options.compare:
        print_changes(rows, options.compare)
    if options.misses:
        print("== misses")
        for item, verdict, figure, detail in misses:
            said = ""
            if detail is not None and detail.support:
                said = f" | said: {detail.support[0].stated!r} in {detail.support[0].passage[:160]!r}"
            print(
                f"  {item['id']} gold={'found' if item['found'] else 'not found'} got={verdict} "
                f"figure={item['figure']!r} read={figure.text if figure else None!r} "
                f"tags={item['tags']}{said}"
            )


if __name__ == "__main__":
    main()
