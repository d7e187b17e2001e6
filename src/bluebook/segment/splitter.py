"""Sentence boundaries in Vietnamese and English news and Bluebook text.

One compiled regex finds the candidates (a stop followed by space, a line
break, a stop glued to the next word); small rules decide each one, with the
abbreviation tables in lang/*/abbreviations.tsv. We measured underthesea,
pysbd and NLTK punkt on our own test set (bench/segment_eval.py): they split
after TS., TP. and initials, mishandle numbered and bulleted lists and know
nothing of wrapped lines or page breaks (boundary F1 0.76-0.90 against 1.0 on
the tuning set, 0.70-0.88 against 0.99 held out); pysbd and punkt are also
several times slower.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from bluebook.segment.abbrev import classify, load_abbreviations
from bluebook.segment.lines import LIST_ITEM, break_is_boundary, looks_page_broken

# A run of stops then closing quotes/brackets and space, or a stop glued to a
# word ("nhiệm.Hợp"), or a line break. Every alternative opens with a literal
# character class so the engine can skip ahead quickly.
# A run of stops is taken whole, from its first character (the lookbehind comes
# after a literal class, which keeps the scan fast), and never given back
# (possessive *+): a million dots must not be retried a million times.
_CANDIDATE = re.compile(
    r"(?P<term>[.!?…](?<![.!?…][.!?…])[.!?…]*+)(?:(?P<close>[\"'”’»)\]}›*_]*+)(?P<ws>\s++)|(?P<glue>(?=[^\W\d_]{2})))"
    r"|(?P<nl>\n\s*+)"
)
_BLANK_LINE = re.compile(r"\n[^\S\n]*+\n")
_WORD = re.compile(r"[^\W\d_]+")
_OPENERS = "\"'“‘«([{‹*_"
_BULLETS = "-–—•*+·▪►●◦‣"
_LIST_LEAD = " \t" + _BULLETS
_ROMAN = re.compile(r"[IVXivx]{1,5}|\d{1,3}|[a-zđ]")

# Words that start sentences: after an ambiguous abbreviation ("the U.S. The
# talks...") they tip the balance towards a break.
STARTERS = {
    "en": frozenset((
        "The A An This That These Those It Its He She They We I You His Her Their Our "
        "In On At For As But And Or However Meanwhile Also After Before During When While "
        "If There Both Each Since Under Earlier Later Today Yesterday Speaking According"
    ).split()),
    "vi": frozenset((
        "Ông Bà Theo Trong Tại Đây Đó Sau Khi Ngoài Tuy Các Những Việc Hai Cũng Hiện Với "
        "Về Nhưng Do Vì Chúng Tôi Họ Trước Cùng Nhân Dự Từ Thủ Chủ Bộ"
    ).split()),
}
_ALL_STARTERS = STARTERS["en"] | STARTERS["vi"]

# Word -> abbreviation class, for the bundled tables (the only ones the scanner uses).
_KIND_CACHE: dict[str, str | None] = {}
_UNSEEN = object()

# Text with no stop for thousands of characters (tables, dumps) is cut so that
# later stages never see a giant sentence.
MAX_SENTENCE_CHARS = 3000


def split_sentences(text: str, start: int = 0, end: int | None = None,
                    extra_splits: Iterable[int] = (), lang: str | None = None,
                    *, page_broken: bool | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` inside ``text[start:end]``, in order, whitespace-trimmed.

    ``extra_splits`` are offsets where a boundary is forced (glued sentences
    found by the cleaner); ``lang`` ('vi', 'en' or None for both) picks the
    sentence-starter words used after ambiguous abbreviations. ``page_broken``
    says whether blank lines may fall inside sentences (text from print);
    None looks at the region itself (``lines.looks_page_broken``).
    """
    n = len(text)
    lo = min(max(start, 0), n)
    hi = n if end is None else min(max(end, lo), n)
    if lo >= hi:
        return []
    cuts = _Scan(text, lo, hi, STARTERS.get(lang or "", _ALL_STARTERS), page_broken).cuts()
    forced = sorted(c for c in extra_splits if lo < c < hi)
    if forced:
        cuts = sorted(cuts + [(c, c) for c in forced])
    spans: list[tuple[int, int]] = []
    a = lo
    for e, s in cuts:
        if e > a:
            _add(text, a, e, spans)
        if s > a:
            a = s
    _add(text, a, hi, spans)
    return spans


def _add(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    """Append ``text[a:b]`` trimmed of whitespace, cutting sentences that are too long."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    while b - a > MAX_SENTENCE_CHARS:
        cut = _long_cut(text, a, a + MAX_SENTENCE_CHARS)
        _add(text, a, cut, spans)
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        spans.append((a, b))


def _long_cut(text: str, a: int, limit: int) -> int:
    """Where to cut an over-long sentence: after the last '; ', ', ' or space in its second half."""
    mid = a + (limit - a) // 2
    for sep in ("; ", ", ", " "):
        i = text.rfind(sep, mid, limit)
        if i >= 0:
            return i + 1
    return limit


class _Scan:
    """One pass over ``text[lo:hi]`` collecting boundaries as (end of one sentence, start of the next)."""

    __slots__ = ("text", "lo", "hi", "starters", "table", "_blanks", "_widths", "_page_broken")

    def __init__(self, text: str, lo: int, hi: int, starters: frozenset[str], page_broken: bool | None) -> None:
        self.text, self.lo, self.hi, self.starters = text, lo, hi, starters
        self._page_broken = page_broken
        self.table = load_abbreviations()
        self._blanks: list[int] | None = None
        self._widths: dict[int, int] = {}

    def cuts(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        hi = self.hi
        stop, brk, glue = self._stop_ends_sentence, self._break_ends_sentence, self._glue_ends_sentence
        text, list_item = self.text, LIST_ITEM.match
        for m in _CANDIDATE.finditer(text, self.lo, hi):
            kind = m.lastgroup
            e = m.end()
            if e >= hi:
                if kind == "glue" and glue(m.start(), e):
                    out.append((e, e))
                continue
            if kind == "ws":
                # Fast path: a lower-case word after the stop on the same line goes on the sentence.
                if text[e].islower() and text.find("\n", m.start("ws"), e) < 0:
                    continue
                if stop(m, e):
                    out.append((m.start("ws"), e))
            elif kind == "nl":
                s = m.start()
                if text[e].islower() and text.find("\n", s + 1, e) < 0 and not list_item(text, e):
                    continue  # a wrapped line goes on in lower case
                if brk(s, e, text.count("\n", s, e) > 1):
                    out.append((s, e))
            elif glue(m.start(), e):
                out.append((e, e))
        return out

    # -- a stop followed by space ------------------------------------------------
    def _stop_ends_sentence(self, m: re.Match[str], j: int) -> bool:
        text, lo = self.text, self.lo
        c = text[j]
        if c in _OPENERS:
            while j < self.hi - 1 and text[j] in _OPENERS:
                j += 1
            c = text[j]
        ws0 = m.start("ws")
        nl = text.count("\n", ws0, m.end())
        if nl and LIST_ITEM.match(text, m.end()):
            return True
        if c.islower():
            # Only a paragraph break after an ordinary word ends a sentence before lower case.
            return nl > 1 and m.end("term") - m.start() == 1 and self._word_kind(m.start())[0] is None
        if not (c.isupper() or c.isdigit()):
            # A symbol after the stop: a new line, a bullet or a markup line starts a sentence.
            return nl > 0 or c in _BULLETS or c in "#[$€£¥§©"
        if nl > 1:
            return True
        t0, t1 = m.start(), m.end("term")
        if t1 - t0 > 1 or text[t0] != ".":
            term = text[t0:t1]
            if "?" in term or "!" in term:
                return True
            # An ellipsis ends a sentence before a capital, unless "(...)" marks an omission.
            return t0 == lo or text[t0 - 1] not in "(["
        if ws0 != t1:
            return True  # '." Ông' or '.) The': a closed quote or bracket
        kind, word, w0 = self._word_kind(t0)
        if kind is None:
            return not word or not self._is_list_marker(word, w0)
        if kind == "title" or kind == "inner":
            # "30 độ C." is a temperature, not an initial.
            return len(word) == 1 and text[max(lo, w0 - 3):w0] == "độ "
        if kind == "number":
            return not c.isdigit()
        if kind == "final":
            return True
        wm = _WORD.match(text, j)
        return wm is not None and wm.group() in self.starters

    def _word_kind(self, t0: int) -> tuple[str | None, str, int]:
        """Abbreviation class of the word ending at the stop ``t0``, the word and where it starts."""
        text, lo = self.text, self.lo
        b = t0 - 41 if t0 - 41 > lo else lo
        w0 = text.rfind(" ", b, t0) + 1 or b
        word = text[w0:t0]
        if "\n" in word or "\t" in word:
            cut = max(word.rfind("\n"), word.rfind("\t")) + 1
            word, w0 = word[cut:], w0 + cut
        if len(word) > 8 and "." not in word:
            return None, word, w0
        if word and word[0] in _OPENERS:
            word = word.lstrip(_OPENERS)
        if not word:
            return None, word, w0
        kind = _KIND_CACHE.get(word, _UNSEEN)
        if kind is _UNSEEN:
            kind = classify(word + ".", self.table)
            if len(_KIND_CACHE) > 100_000:
                _KIND_CACHE.clear()
            _KIND_CACHE[word] = kind
        return kind, word, w0  # type: ignore[return-value]

    def _is_list_marker(self, word: str, w0: int) -> bool:
        """'1.', 'II.', 'a.' standing alone at the start of a line are list numbers."""
        if len(word) > 5 or not _ROMAN.fullmatch(word):
            return False
        i = w0
        stop = max(self.lo, w0 - 6)
        while i > stop and self.text[i - 1] in _LIST_LEAD:
            i -= 1
        return i <= self.lo or self.text[i - 1] == "\n"

    # -- a line break not preceded by a stop ----------------------------------------
    def _break_ends_sentence(self, s: int, e: int, blank: bool) -> bool:
        text = self.text
        ls = text.rfind("\n", self.lo, s) + 1
        if ls < self.lo:
            ls = self.lo
        prev = text[ls:s].rstrip()
        ne = text.find("\n", e, e + 200)
        nxt = text[e:ne if ne >= 0 else e + 200]
        return break_is_boundary(prev, nxt, blank, lambda: self._width(s), self._is_page_broken)

    def _is_page_broken(self) -> bool:
        if self._page_broken is None:
            self._page_broken = looks_page_broken(self.text, self.lo, self.hi)
        return self._page_broken

    def _width(self, pos: int) -> int:
        """Longest line of the paragraph (text between blank lines) around ``pos``."""
        if self._blanks is None:
            self._blanks = [b.start() for b in _BLANK_LINE.finditer(self.text, self.lo, self.hi)]
        k = bisect.bisect_right(self._blanks, pos)
        ps = self._blanks[k - 1] + 1 if k else self.lo
        w = self._widths.get(ps)
        if w is None:
            pe = self._blanks[k] if k < len(self._blanks) else self.hi
            w = max(len(line.rstrip()) for line in self.text[ps:pe].split("\n"))
            self._widths[ps] = w
        return w

    # -- a stop glued to the next word: "trách nhiệm.Hợp tác" -------------------------
    def _glue_ends_sentence(self, p: int, e: int) -> bool:
        text = self.text
        if e - p != 1 or p - 2 < self.lo or e + 1 >= self.hi:
            return False
        if not (text[e].isupper() and text[e + 1].islower() and text[p - 1].islower() and text[p - 2].islower()):
            return False
        b = max(self.lo, p - 41)
        w0 = max(text.rfind(" ", b, p), text.rfind("\n", b, p), b - 1) + 1
        word = text[w0:p]
        if any(ch in word for ch in "/@:=.") or word.lower().startswith("www"):
            return False
        return text[p] != "." or classify(word.lstrip(_OPENERS) + ".", self.table) is None
