"""Facts about the sides of a relation that the text does not state.

Whose voice a document is: a White House statement's "I" and "we" are the United States; the
publisher comes from the document's URL (or a ``source_url:`` line of its front matter), looked up
in ``data/publishers.tsv``. When Viet Nam established relations with a state: ``data/relations.tsv``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from bluebook.gazetteer.data import DATA, LANG, read_tsv

_HOST = re.compile(r"https?://([A-Za-z0-9.-]+)")


@lru_cache(maxsize=1)
def _publishers() -> dict[str, str]:
    return {r["domain"].lower(): r["state"] for r in read_tsv(DATA / "publishers.tsv")}


def publisher_state(text: str) -> str | None:
    """The state of the first known publisher host in ``text`` (a URL, or a document's head)."""
    table = _publishers()
    for m in _HOST.finditer(text):
        host = m.group(1).lower()
        parts = host.split(".")
        for i in range(len(parts) - 1):
            state = table.get(".".join(parts[i:]))
            if state:
                return state
    return None


@lru_cache(maxsize=4)
def _home(lang: str) -> re.Pattern[str] | None:
    words = [re.escape(r["pattern"]) for r in read_tsv(LANG / lang / "home.tsv")]
    if not words:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?![\w])")


def names_home(text: str, lang: str) -> bool:
    """Does ``text`` name one of Viet Nam's own institutions ("UBND tỉnh", "Tỉnh ủy", "nước ta")?
    The words are in ``lang/<lang>/home.tsv``; they make a story Viet Nam's own though no state is named."""
    pattern = _home(lang if lang in ("vi", "en") else "vi")
    return pattern is not None and pattern.search(text) is not None


@lru_cache(maxsize=1)
def relations_established() -> dict[str, int]:
    """State -> the year Viet Nam established diplomatic relations with it."""
    return {r["state"]: int(r["established"][:4]) for r in read_tsv(DATA / "relations.tsv")}
