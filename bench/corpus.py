"""Articles several times the seed's size, for benchmarks and load tests.

The lead is kept once; everything after it is repeated. Copy k (from 2) gets "(part k)" after each
heading and its markers renumbered past the seed's highest number, so its sources are distinct.
"""

import re
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parent.parent / "seed" / "operation-1107.txt"
# The real articles of ../shared beside the project: read in place, never copied into it.
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEED_SLUG = "operation-1107"
MARKER = re.compile(r"\[(\d+)\]")


def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


def scaled_article(factor: int, text: str | None = None) -> str:
    """Return the seed (or ``text``) with its sections repeated ``factor`` times in all."""
    from articles.textformat import is_heading

    text = text or seed_text()
    if factor == 1:
        return text
    lines = [line for line in text.splitlines() if line.strip()]
    first_heading = next(index for index, line in enumerate(lines) if is_heading(line))
    lead, body = lines[:first_heading], lines[first_heading:]
    highest = max(int(number) for number in MARKER.findall("\n".join(lines)))
    out = list(lead) + body
    for copy in range(2, factor + 1):
        offset = (copy - 1) * highest
        for line in body:
            if is_heading(line):
                out.append(f"{line} (part {copy})")
            else:
                out.append(MARKER.sub(lambda match, o=offset: f"[{int(match[1]) + o}]", line))
    return "\n".join(out) + "\n"
