"""Text with highlighted spans as safe HTML: evidence, sentences, linked entities.

Every character of the text goes through ``markupsafe.escape``; only the tags built
here are markup. Spans may nest or cross (two events in one sentence, an entity
across an evidence edge): crossing spans are split so the HTML always nests.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int
    end: int
    rank: int = 0            # among spans with the same extent, lower ranks open first (outermost)
    tag: str = "mark"
    attrs: tuple[tuple[str, str], ...] = ()

    def open(self) -> str:
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs)
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def _key(s: Span) -> tuple[int, int, int]:
    return s.start, -s.end, s.rank


def render(text: str, spans: list[Span], start: int = 0, end: int | None = None) -> Markup:
    """``text[start:end]`` escaped, with each span (in text offsets) wrapped in its tag."""
    end = len(text) if end is None else min(end, len(text))
    heap = [(_key(s), i, s) for i, s in enumerate(
        Span(max(s.start, start), min(s.end, end), s.rank, s.tag, s.attrs) for s in spans)
        if s.end > start and s.start < end and min(s.end, end) > max(s.start, start)]
    heapq.heapify(heap)
    out: list[str] = []
    stack: list[Span] = []
    pos = start
    n = len(heap)

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(str(escape(text[pos:top.end])))
            pos = top.end
            out.append(top.close())

    while heap:
        _, _, s = heapq.heappop(heap)
        close_until(s.start)
        out.append(str(escape(text[pos:s.start])))
        pos = s.start
        if stack and s.end > stack[-1].end:      # crosses the enclosing span: split at its end
            rest = Span(stack[-1].end, s.end, s.rank, s.tag, s.attrs)
            heapq.heappush(heap, (_key(rest), n, rest))
            n += 1
            s = Span(s.start, stack[-1].end, s.rank, s.tag, s.attrs)
        out.append(s.open())
        stack.append(s)
    close_until(end)
    out.append(str(escape(text[pos:end])))
    return Markup("".join(out))


def locate(text: str, span: tuple[int, int], quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text``: at ``span`` when it is there, else its first occurrence."""
    a, b = span
    if quote and 0 <= a < b <= len(text) and text[a:b] == quote:
        return a, b
    if quote:
        i = text.find(quote)
        if i >= 0:
            return i, i + len(quote)
    if 0 <= a < b <= len(text):
        return a, b
    return None


def window(text: str, a: int, b: int, chars: int = 280) -> tuple[int, int]:
    """A passage around [a, b) that starts and ends at a paragraph or word edge."""
    lo, hi = max(0, a - chars), min(len(text), b + chars)
    para = text.rfind("\n", lo, a)
    if para >= 0:
        lo = para + 1
    elif lo > 0:
        sp = text.find(" ", lo, a)
        lo = sp + 1 if sp >= 0 else lo
    para = text.find("\n", b, hi)
    if para >= 0:
        hi = para
    elif hi < len(text):
        sp = text.rfind(" ", b, hi)
        hi = sp if sp >= 0 else hi
    return lo, hi
