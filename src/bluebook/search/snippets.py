"""Snippets: the passage of a document that best covers the query, highlighted in the original text.

Matching runs on the folded text (so 'thu tuong' finds 'Thủ tướng'); the fold
map turns folded offsets back into offsets of the stored text, so highlights
cover exactly the characters the reader sees, diacritics included.
"""
from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
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


def _occurrences(folded: str, terms: list[str], phrases: list[list[str]]) -> list[tuple[int, int, int, str]]:
    """(first char, end char, words, term) of every term or phrase occurrence in ``folded``.

    Found by a regular expression per query part rather than by comparing every word of the text:
    a plain alternation of literals is several times faster than one with lookarounds, so the
    whole-word test (no word character either side, as ``TOKEN`` cuts words) is made on each hit.
    """
    found: list[tuple[int, int, int, str]] = []
    # Longest first: at a word's start the whole word is tried before a prefix of it. A hit inside a
    # word cannot overlap a real occurrence, which starts after a non-word character.
    words = sorted({t for t in terms if TOKEN.fullmatch(t)}, key=lambda w: (-len(w), w))
    if words:
        for m in _pattern("|".join(map(re.escape, words))).finditer(folded):
            if _whole(folded, m.start(), m.end()):
                found.append((m.start(), m.end(), 1, m.group()))
    for ph in phrases:
        if not all(TOKEN.fullmatch(w) for w in ph):
            continue
        pat, key, pos = _pattern(_SEP.join(map(re.escape, ph))), " ".join(ph), 0
        while (m := pat.search(folded, pos)) is not None:
            if _whole(folded, m.start(), m.end()):
                found.append((m.start(), m.end(), len(ph), key))
            pos = m.start() + 1         # occurrences may overlap ('a a' in 'a a a')
    return found


_SEP = r"[\W_]+"


@lru_cache(maxsize=256)
def _pattern(body: str) -> re.Pattern[str]:
    return re.compile(body)


def _whole(folded: str, a: int, b: int) -> bool:
    """folded[a:b] is not part of a longer word (``TOKEN``'s [^\\W_] is str.isalnum, character by character)."""
    return (a == 0 or not folded[a - 1].isalnum()) and (b == len(folded) or not folded[b].isalnum())


def _count(folded: str, a: int, b: int, cap: int) -> int:
    """Words starting in folded[a:b], counted up to ``cap`` (a longer gap counts as ``cap``)."""
    n = len(TOKEN.findall(folded, a, min(b, a + _CHARS_PER_WORD * cap)))
    if n >= cap or a + _CHARS_PER_WORD * cap >= b:
        return min(n, cap)
    return min(cap, len(TOKEN.findall(folded, a, b)))     # very long words: count them all


_CHARS_PER_WORD = 16    # a gap of ``cap`` words usually fits in this many characters a word


def _before(folded: str, pos: int, k: int) -> tuple[list[tuple[int, int]], bool]:
    """Spans of the last ``k`` words ending before ``pos``, and whether they start at the first word."""
    step = _CHARS_PER_WORD * (k + 1)
    while True:
        lo = max(0, pos - step)
        spans = [m.span() for m in TOKEN.finditer(folded, lo, pos)]
        if lo > 0 and spans and spans[0][0] == lo and folded[lo - 1].isalnum():
            spans = spans[1:]           # cut at lo: part of a longer word
        if len(spans) >= k or lo == 0:
            return spans[-k:], lo == 0 and len(spans) <= k
        step *= 4


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
    """(snippet, highlights within it, start, end in ``text``) around the best ``width``-word window.

    The window starts three words before the first word of the window (of ``width`` words) that
    covers the most distinct query parts, then the most occurrences; it is moved back when it would
    run past the last word. Only the words between occurrences and around the window are looked at,
    not every word of the text: a long article costs its fold and one scan for the query's words.
    """
    phrases = [p for p in (phrases or []) if p]
    head = text[:MAX_SCAN_CHARS]
    # ASCII folds to its lower case (no decomposition, nothing in fold's extra table)
    folded, fmap = (head.lower(), None) if head.isascii() else fold_with_map(head)

    def orig(i: int) -> int:
        return fmap[i] if fmap is not None else i

    occ = _occurrences(folded, terms, phrases)
    # word numbers of the occurrences, relative to the first one; a gap longer than the window
    # counts as just longer than the window, which compares the same in _best_window
    word_end = {a: a + (len(key) if n == 1 else key.index(" ")) for a, _, n, key in occ}
    number: dict[int, int] = {}
    prev = -1
    for pos in sorted(word_end):
        if prev < 0:
            number[pos] = 0
        elif folded[word_end[prev]:pos].isspace():      # the next word: no need to count
            number[pos] = number[prev] + 1
        else:
            number[pos] = number[prev] + _count(folded, prev, pos, width + 1)
        prev = pos
    found = sorted((number[a], number[a] + n, key) for a, _, n, key in occ)
    best = _best_window(found, width) if found else 0
    anchor = next((p for p, n in number.items() if n == best), 0) if found else 0
    before, at_start = _before(folded, anchor, width + 3) if found else ([], True)
    after = [m.span() for m in itertools.islice(TOKEN.finditer(folded, anchor), width + 4)]
    spans = before + after
    if not spans:
        snippet = head[:240]
        return snippet, [], 0, len(snippet)
    to_end = len(after) < width + 4          # ``spans`` reaches the last word
    kb = len(before)                          # where the best occurrence's first word is in ``spans``
    if not found:
        first = 0
    else:
        first = kb - 3
        if to_end:
            first = min(first, len(spans) - width)
        if at_start:
            first = max(0, first)
    last = (min(len(spans), first + width) if to_end else first + width) - 1
    start = 0 if at_start and first == 0 else orig(spans[first][0])
    end = len(head) if to_end and last == len(spans) - 1 else orig(spans[last][1])
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    body = text[start:end]
    highlights = []
    for a, b, _ in found:
        la, lb = a - best + kb, b - 1 - best + kb
        if la >= first and lb <= last:
            ha, hb = orig(spans[la][0]) - start, orig(spans[lb][1]) - start
            highlights.append((ha + len(prefix), hb + len(prefix)))
    return prefix + body + suffix, highlights, start, end
