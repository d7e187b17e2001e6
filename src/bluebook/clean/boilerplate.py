"""Split a text into blocks and say what each is: title, body, caption, teaser...

A block is a non-empty line, except that lines of a hard-wrapped paragraph
(72-column e-mail and press-release text) and paragraphs cut by a page break
in the middle of a sentence are joined, so a sentence never straddles blocks.

Line patterns live in ``lang/*/boilerplate.tsv``; this module adds what needs
context: the title (first short line), repeated headlines and the runs of
related-article teasers after a "Tin liên quan" marker, the author's name
under the title, the YAML front matter of Markdown exports.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import DataFileError
from ..models import Block

FILE_KINDS = ("boilerplate", "marker", "teaser", "caption", "dateline")
LANGS = ("vi", "en")
MAX_PATTERN_LINE = 300      # longer lines are paragraphs, not widgets
MAX_DATELINE = 120
TAIL_CHARS = 110            # end-anchored patterns (photo credits) look this far back
MAX_CAPTION_WORDS = 70
TITLE_MAX_CHARS = 250
HEADLINE_MAX_WORDS = 30
SAPO_MAX_WORDS = 80

_TERMINAL = ".!?;:…\"”’»)]"
_LIST = re.compile(r"(?:[-•*+–·▪◦●○■□➢➤►✓✔]\s+|\(?\d{1,3}[.)]\s+|\(?[a-zđ][.)]\s+|[IVXLC]{1,6}[.)]\s+)")
_ELLIPSIS = re.compile(r"(?:\.\s*\.\s*\.|…)\s*$")
_BYLINE_NAME = re.compile(r"(?:[^\W\d_][\w.'’-]*)(?:\s+[^\W\d_][\w.'’-]*){0,3}")
# YAML front matter of Markdown exports: at the top, or after "<summary>Origin content</summary>"
_FRONT_MATTER = re.compile(r"(?m)^[ \t]*---[ \t]*\n[\w-]{1,30}[ \t]*:[^\n]*\n(?:[^\n]*\n){0,60}?[ \t]*---[ \t]*$")
_LETTER = re.compile(r"[^\W\d_]")
# A record that opens with one Markdown link (a feed's search-result card): the link text is its headline.
_HEADLINE_LINK = re.compile(r"\[([^\[\]]{20,300})\]\(https?://[^()\s]+\)\s*$")
_ESCAPES = re.compile(r"\\.")
_CONTENT_LINE = re.compile(r"(?m)^[^\S\n]*(\S(?:[^\n]*\S)?)")   # a line without its outer white space


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    gap: int        # newlines between the previous line and this one


def classify_blocks(text: str) -> list[Block]:
    """Blocks over every non-blank stretch of ``text``, in order, classified."""
    front = [m.span() for m in _FRONT_MATTER.finditer(text)]
    blocks = [Block(s, e, "body") for s, e in _group(text, _lines(text), front)]
    for block in blocks:
        if any(a <= block.start < b for a, b in front):
            block.kind, block.reason = "boilerplate", "front-matter"
    if blocks:
        _Classifier(text, blocks).run()
    return blocks


# --- lines and blocks --------------------------------------------------------

def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    prev_end = 0
    for m in _CONTENT_LINE.finditer(text):
        s, e = m.span(1)
        out.append(_Line(s, e, text.count("\n", prev_end, s)))
        prev_end = e
    return out


def _group(text: str, lines: list[_Line], front: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not lines:
        return []
    wrap = _wrap_width(lines)
    spans = [(lines[0].start, lines[0].end)]
    for prev, line in zip(lines, lines[1:], strict=False):
        in_front = front and any(a <= line.start < b or a <= prev.start < b for a, b in front)
        if not in_front and _joins(text, prev, line, wrap):
            spans[-1] = (spans[-1][0], line.end)
        else:
            spans.append((line.start, line.end))
    return spans


def _wrap_width(lines: list[_Line]) -> int:
    """The column width of a hard-wrapped text, or 0 if its lines are paragraphs."""
    lengths = [ln.end - ln.start for ln in lines]
    mid = [n for n in lengths if 40 <= n <= 100]
    long = sum(1 for n in lengths if n > 100)
    if len(mid) < 8 or long > 0.1 * len(mid):
        return 0
    followed = sum(1 for a, b in zip(lines, lines[1:], strict=False)
                   if 40 <= a.end - a.start <= 100 and b.gap == 1)
    if followed < 0.5 * len(mid):
        return 0
    return sorted(mid)[int(0.9 * (len(mid) - 1))]


def _joins(text: str, prev: _Line, line: _Line, wrap: int) -> bool:
    """Is ``line`` the continuation of the paragraph that ``prev`` ends?"""
    head = text[line.start:line.end]
    if _LIST.match(head):
        return False
    tail = text[prev.end - 1]
    prev_len = prev.end - prev.start
    if line.gap == 1 and wrap and prev_len >= 0.6 * wrap:
        return True
    if tail in _TERMINAL or tail == "|":
        return False
    if line.gap == 1 and prev_len >= 60 and head[0].islower():
        return True
    # a page break in mid-sentence: "between the two General\n\nSecretaries"
    if line.gap > 4 or not (tail.isalnum() or tail in ",-–"):
        return False
    if head[0].islower():
        return prev_len >= 60
    if prev_len < 150 or line.end - line.start < 40 or _ELLIPSIS.search(head):
        return False
    prev_text = text[prev.start:prev.end]
    return not prev_text.isupper() and not head.startswith(prev_text[:30])    # not a repeated headline


# --- classification ----------------------------------------------------------

class _Classifier:
    def __init__(self, text: str, blocks: list[Block]) -> None:
        self.text = text
        self.blocks = blocks
        self.strings = [text[b.start:b.end] for b in blocks]

    def run(self) -> None:
        """One pass: page furniture by pattern, then what needs context.

        Related-article cards come as a headline printed twice (or doubled on
        one line) and a one-paragraph summary; after a marker ("Tin liên quan")
        any short headline-like line is a teaser. An inline "Xem thêm: ..." link
        inside an article is a teaser too, but does not swallow what follows.
        """
        rules = _rules()
        title_seen = False
        title = ""
        zone = False            # after a related-articles marker or a card
        card = False            # the previous block was a repeated headline: a summary may follow
        for i, (block, s) in enumerate(zip(self.blocks, self.strings, strict=True)):
            if block.kind != "body":
                continue
            if not title_seen and (m := _HEADLINE_LINK.match(s)) and _headline_like(m.group(1), m.group(1).count(" ") + 1):
                title_seen = True
                title = m.group(1)
                block.kind = "title"
                block.start, block.end = block.start + 1, block.start + 1 + len(title)
                self.strings[i] = title
                continue
            kind, reason = self._by_pattern(s, rules)
            after_card, card = card, False
            if kind == "marker":
                self._set(block, "boilerplate", reason)
                zone = True
                continue
            if kind:
                self._set(block, kind, reason)
                continue
            if _LIST.match(s):
                block.kind = "list_item"
                continue
            if not _LETTER.search(s) or len(s) <= 2:
                self._set(block, "boilerplate", "fragment")
                continue
            if title and s == title:
                self._set(block, "boilerplate", "repeated-title")
                continue
            words = s.count(" ") + 1
            headline = _headline_like(s, words)
            if not title_seen:
                title_seen = True
                if headline and len(s) <= TITLE_MAX_CHARS:
                    block.kind, title = "title", s
                    self._byline_after(i)
                    continue
            repeated = headline and i + 1 < len(self.strings) and self.strings[i + 1] == s
            if repeated or _doubled(s):
                self._set(block, "teaser", "repeated-headline")
                if repeated:
                    self._set(self.blocks[i + 1], "teaser", "repeated-headline")
                zone = card = True
                continue
            if (zone and headline) or (after_card and words <= SAPO_MAX_WORDS):
                self._set(block, "teaser", "related-teaser")
                continue
            zone = False
            if _ELLIPSIS.search(s) and self._truncated_copy(i, s):
                self._set(block, "teaser", "truncated-duplicate")
        self._trailing_byline()

    @staticmethod
    def _set(block: Block, kind: str, reason: str) -> None:
        block.kind = kind
        block.reason = reason if kind in ("boilerplate", "teaser") else ""

    def _by_pattern(self, s: str, rules: dict[str, _KindRules]) -> tuple[str, str]:
        n = len(s)
        low = s.lower()
        if n <= MAX_PATTERN_LINE:
            for kind in ("boilerplate", "marker", "teaser"):
                reason = _match(rules[kind], s, low)
                if reason:
                    return kind, reason
        if n <= MAX_DATELINE:
            reason = _match(rules["dateline"], s, low)
            if reason:
                return "dateline", reason
        if s.count(" ") < MAX_CAPTION_WORDS and not _LIST.match(s):
            reason = _match(rules["caption"], s, low)
            if reason:
                return "caption", reason
        return "", ""

    def _byline_after(self, i: int) -> None:
        """An author's name alone on the line under the title ("Anh Sơn")."""
        if i + 1 < len(self.blocks) and _is_name_line(self.strings[i + 1]) \
                and self.blocks[i + 1].kind == "body":
            self._set(self.blocks[i + 1], "boilerplate", "byline")

    def _trailing_byline(self) -> None:
        """The author's name (or initials) as the last content line of the article."""
        for block, s in zip(reversed(self.blocks), reversed(self.strings), strict=True):
            if block.kind in ("boilerplate", "teaser"):
                continue
            if block.kind == "body" and _is_name_line(s):
                self._set(block, "boilerplate", "byline")
            return

    def _truncated_copy(self, i: int, s: str) -> bool:
        """A cut-off summary ("... sẽ tham ...") repeating another paragraph."""
        head = _ELLIPSIS.sub("", s).rstrip()
        if len(head) < 40:
            return False
        probe = head[-40:]
        pos = self.text.find(probe)
        while pos != -1:
            if not (self.blocks[i].start <= pos < self.blocks[i].end):
                return True
            pos = self.text.find(probe, pos + 1)
        return False


def _headline_like(s: str, words: int) -> bool:
    """Short and not a finished sentence (cut-off '...' headlines count)."""
    if words > HEADLINE_MAX_WORDS or "\n" in s:
        return False
    return s[-1] not in _TERMINAL or bool(_ELLIPSIS.search(s)) or s.endswith("?")


def _doubled(s: str) -> bool:
    """'Title Title': a teaser headline scraped twice onto one line."""
    n = len(s)
    if n < 20 or n % 2 == 0:
        return False
    half = n // 2
    return s[half] == " " and s[:half] == s[half + 1:]


def _is_name_line(s: str) -> bool:
    if len(s) > 40 or not _BYLINE_NAME.fullmatch(s):
        return False
    words = s.split()
    return all(w[0].isupper() for w in words) and not any(c.isdigit() for c in s)


def _match(rules: _KindRules, s: str, low: str) -> str:
    m = rules.head.match(low) if rules.head else None
    if m is not None:
        return _reason(m)
    tail_start = max(0, len(low) - TAIL_CHARS)
    for pattern, reason in rules.tail:
        if pattern.search(low, tail_start):
            return reason
    for pattern, reason in rules.free:
        if pattern.search(low):
            return reason
    for pattern, reason in rules.cased:
        if pattern.search(s):
            return reason
    return ""


def _reason(m: re.Match[str]) -> str:
    name = m.lastgroup
    if name is None:        # an inner group closed last; find the named one
        name = next(k for k, v in m.groupdict().items() if v is not None)
    return _REASONS[int(name[1:])]


# --- pattern files -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _KindRules:
    """One kind's patterns, grouped by how they run fast. Those anchored at the
    start are one alternation tried once with ``match``; the others run one by
    one (an alternation would lose re's fast scan for a pattern's first
    literal), those anchored at the end only over the line's last characters.

    Patterns are written in lower case and run on the lower-cased line, which is
    several times faster than IGNORECASE; the few that need case (``(?-i:...)``)
    run with IGNORECASE on the line as it is."""
    head: re.Pattern[str] | None
    tail: tuple[tuple[re.Pattern[str], str], ...]
    free: tuple[tuple[re.Pattern[str], str], ...]
    cased: tuple[tuple[re.Pattern[str], str], ...]


_REASONS: list[str] = []


@lru_cache(maxsize=1)
def _rules() -> dict[str, _KindRules]:
    rows = [row for lang in LANGS for row in load_patterns(lang)]
    out: dict[str, _KindRules] = {}
    for kind in FILE_KINDS:
        head: list[str] = []
        tail: list[tuple[re.Pattern[str], str]] = []
        free: list[tuple[re.Pattern[str], str]] = []
        cased: list[tuple[re.Pattern[str], str]] = []
        for pattern, k, reason in rows:
            if k != kind:
                continue
            top = _top_level(pattern)
            if "(?-i:" in pattern:
                cased.append((re.compile(pattern, re.IGNORECASE), reason))
            elif pattern.startswith("^") and "|" not in top:
                head.append(f"(?P<r{len(_REASONS)}>{pattern})")
                _REASONS.append(reason)
            elif pattern.endswith("$") and "|" not in top and "^" not in top:
                tail.append((re.compile(pattern), reason))
            else:
                free.append((re.compile(pattern), reason))
        out[kind] = _KindRules(re.compile("|".join(head)) if head else None,
                               tuple(tail), tuple(free), tuple(cased))
    return out


def _top_level(pattern: str) -> str:
    """The pattern with bracketed and parenthesised parts removed (to see top-level '|')."""
    out, depth, klass, esc = [], 0, False, False
    for ch in pattern:
        if esc:
            esc = False
        elif ch == "\\":
            esc = True
        elif klass:
            klass = ch != "]"
        elif ch == "[":
            klass = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def load_patterns(lang: str) -> list[tuple[str, str, str]]:
    """(pattern, kind, reason) rows of ``lang/<lang>/boilerplate.tsv``, validated."""
    path = resources.files("bluebook") / "lang" / lang / "boilerplate.tsv"
    name = f"bluebook/lang/{lang}/boilerplate.tsv"
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DataFileError(f"cannot read: {e}", name, "reinstall bluebook") from None
    rows = list(csv.reader(raw.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != ["pattern", "kind", "reason", "source"]:
        raise DataFileError("header must be: pattern, kind, reason, source", name, "fix the header line")
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not row or not any(row):
            continue
        if len(row) != 4 or not all(c.strip() for c in row):
            raise DataFileError(f"line {n}: needs 4 non-empty tab-separated columns", name,
                                "give pattern, kind, reason and source")
        pattern, kind, reason, _source = row
        if kind not in FILE_KINDS:
            raise DataFileError(f"line {n}: unknown kind {kind!r}", name, f"use one of {', '.join(FILE_KINDS)}")
        try:
            re.compile(pattern, re.IGNORECASE)
        except re.error as e:
            raise DataFileError(f"line {n}: bad pattern: {e}", name, "fix the regular expression") from None
        if "(?-i:" not in pattern and any(c.isupper() for c in _ESCAPES.sub("", pattern)):
            raise DataFileError(f"line {n}: upper case in a pattern matched against the lower-cased line",
                                name, "write it in lower case, or wrap case-sensitive parts in (?-i:...)")
        out.append((pattern, kind, reason))
    return out
