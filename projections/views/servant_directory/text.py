"""How names are compared in the directory: without case or accents, spaces collapsed."""

from __future__ import annotations

import unicodedata


def fold_name(text: str) -> str:
    """``text`` decomposed (NFKD), its combining marks dropped, case-folded and with runs of
    white space made one space: "  Śri  MULYANI" and "sri mulyani" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def like_pattern(folded: str) -> str:
    """A LIKE pattern matching ``folded`` anywhere, its wildcards escaped (escape ``\\``)."""
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def prefix_end(folded: str) -> str:
    """The least string above every string starting with ``folded`` (an index range's end)."""
    return folded + "\U0010ffff"
