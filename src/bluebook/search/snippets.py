"""Snippets: the passage of a document that best covers the query, highlighted in the original text.

Matching runs on the folded text (so 'thu tuong' finds 'Thủ tướng'); the fold
map turns folded offsets back into offsets of the stored text, so highlights
cover exactly the characters the reader sees, diacritics included.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape

from bluebook.search.fold import TOKEN, fold_with_map

ELLIPSIS = "…"
# Only the head of a very long document is scanned: snippets must stay fast.
MAX_SCAN_CHARS = 200_000


@dataclass(slots=True)
class SearchHit:
    doc_id: int
    title: str
    source: str
    url: str
    doc_date: str | None
    lang: str
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)   # offsets into snippet
    start: int = 0                       # where the snippet's text begins and ends in the document text
    end: int = 0
    duplicate_of: int | None = None

    def marked(self, before: str = "<mark>", after: str = "</mark>", html: bool = True) -> str:
        """The snippet with every highlight wrapped; HTML-escaped unless ``html`` is False."""
        esc = escape if html else (lambda s: s)
        out, pos = [], 0
        for a, b in self.highlights:
            out += [esc(self.snippet[pos:a]), before, esc(self.snippet[a:b]), after]
            pos = b
        out.append(esc(self.snippet[pos:]))
        return "".join(out)


def _matches(words: list[str], terms: set[str], phrases: list[list[str]]) -> list[tuple[int, int, str]]:
    """(first word, last word + 1, term) for every term or phrase occurrence."""
    found = [(i, i + 1, w) for i, w in enumerate(words) if w in terms]
    for ph in phrases:
        n = len(ph)
        found += [(i, i + n, " ".join(ph)) for i in range(len(words) - n + 1) if words[i:i + n] == ph]
    return sorted(found)


def _best_window(found: list[tuple[int, int, str]], width: int) -> int:
    """First word of the window (starting at a match) with the most distinct terms, then the most hits."""
    best_first, best_key = 0, (-1, -1)
    counts: Counter[str] = Counter()
    j = 0
    for i, (first, _, _) in enumerate(found):
        while j < len(found) and found[j][1] <= first + width:
            counts[found[j][2]] += 1
            j += 1
        key = (len(counts), j - i)
        if key > best_key:
            best_first, best_key = first, key
        if i < j:
            term = found[i][2]
            counts[term] -= 1
            if not counts[term]:
                del counts[term]
        else:
            j = i + 1
    return best_first


def make_snippet(text: str, terms: list[str], phrases: list[list[str]] | None = None,
                 width: int = 30) -> tuple[str, list[tuple[int, int]], int, int]:
    """(snippet, highlights within it, start, end in ``text``) around the best ``width``-word window."""
    phrases = [p for p in (phrases or []) if p]
    head = text[:MAX_SCAN_CHARS]
    folded, fmap = fold_with_map(head)
    spans = [m.span() for m in TOKEN.finditer(folded)]
    words = TOKEN.findall(folded)
    found = _matches(words, set(terms), phrases)

    def orig(i: int) -> int:
        return fmap[i] if fmap is not None else i

    if not spans:
        snippet = head[:240]
        return snippet, [], 0, len(snippet)
    best_first = _best_window(found, width)
    first = max(0, min(best_first - 3, len(spans) - width)) if found else 0
    last = min(len(spans), first + width) - 1
    # A window that reaches either end of the text takes the punctuation there too.
    start = 0 if first == 0 else orig(spans[first][0])
    end = len(head) if last == len(spans) - 1 else orig(spans[last][1])
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    body = text[start:end]
    highlights = []
    for a, b, _ in found:
        if a >= first and b - 1 <= last:
            ha, hb = orig(spans[a][0]) - start, orig(spans[b - 1][1]) - start
            highlights.append((ha + len(prefix), hb + len(prefix)))
    return prefix + body + suffix, highlights, start, end
