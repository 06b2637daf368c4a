"""The text the claim readers analyse: invisible characters removed, odd spaces made plain.

Real articles carry zero-width spaces, soft hyphens and direction marks (Unicode category Cf) inside
words and numbers: "5\u200b000" would read as the figures 5 and 000, "report\u200bedly" would hide a
hedge. Readers analyse the normalised text; the stored text stays as written, so every offset found in
the normalised text is mapped back through ``origin`` to the original.

Pure Python, standard library only; one pass over the text.
"""

import unicodedata
from dataclasses import dataclass

# Spaces that are not U+0020 but read as one: no-break, narrow no-break, figure and thin spaces.
_SPACES = frozenset("\u00a0\u202f\u2007\u2009\u200a")


@dataclass(frozen=True)
class Normalised:
    text: str
    origin: tuple[int, ...] | None  # origin[i] is where text[i] was in the original; None when unchanged
    length: int  # the original's length

    def start(self, index: int) -> int:
        """Return the original offset of the character at index (the original's end for len(text))."""
        if self.origin is None:
            return index
        return self.origin[index] if index < len(self.origin) else self.length

    def end(self, index: int) -> int:
        """Return the original offset just after the character before index (a span's end)."""
        if self.origin is None or index == 0:
            return index
        return self.origin[index - 1] + 1


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf"


def normalise(text: str) -> Normalised:
    """Return text with format characters removed and unusual spaces as plain spaces, with its offset map."""
    if text.isascii():
        return Normalised(text, None, len(text))
    kept: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _SPACES:
            kept.append(" ")
        elif not char.isascii() and _is_invisible(char):
            continue
        else:
            kept.append(char)
        origin.append(index)
    if len(kept) == len(text) and "".join(kept) == text:
        return Normalised(text, None, len(text))
    return Normalised("".join(kept), tuple(origin), len(text))


def normalised_text(text: str) -> str:
    """Return only the normalised text (for readers that report no offsets)."""
    return normalise(text).text
