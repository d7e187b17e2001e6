"""The hand-written boundary test set (data/boundaries.txt) and its scoring.

Shared by the tests and bench/segment_eval.py.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

GOLD_PATH = Path(__file__).parent / "data" / "boundaries.txt"
MARK = "‖"
# Splitters differ on whether a quote or bracket ends one sentence or opens the
# next; boundaries are compared after skipping them.
_SKIP = " \t\r\n\"'“”‘’«»()[]*_"


@dataclass(frozen=True)
class Case:
    name: str
    lang: str
    text: str
    boundaries: frozenset[int]


def load_cases(path: Path = GOLD_PATH) -> list[Case]:
    cases = []
    for chunk in path.read_text(encoding="utf-8").split("\n=====\n"):
        lines = chunk.split("\n")
        if not lines or not lines[0].startswith("lang: "):
            continue
        lang = lines[0][6:].strip()
        name = lines[1][6:].strip() if len(lines) > 1 and lines[1].startswith("name: ") else ""
        raw = "\n".join(lines[2 if name else 1:]).rstrip("\n=")
        text, marks = _unmark(raw)
        cases.append(Case(name, lang, text, frozenset(normalise(text, i) for i in marks)))
    return cases


def _unmark(raw: str) -> tuple[str, list[int]]:
    parts = raw.split(MARK)
    marks, pos = [], 0
    for part in parts[:-1]:
        pos += len(part)
        marks.append(pos)
    return "".join(parts), marks


def normalise(text: str, i: int) -> int:
    while i < len(text) and text[i] in _SKIP:
        i += 1
    return i


def predicted(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Boundaries implied by sentence spans: the start of every span but the first."""
    starts = sorted(normalise(text, a) for a, _ in spans)
    return frozenset(s for s in starts[1:] if s < len(text)) - {normalise(text, 0)}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(cases: Iterable[Case], splitter: Callable[[str, str], list[tuple[int, int]]],
          errors: list[str] | None = None) -> Score:
    """Micro precision/recall of boundaries; ``errors`` collects a line per mistake."""
    total = Score()
    for case in cases:
        got = predicted(case.text, splitter(case.text, case.lang))
        for b in sorted(got | case.boundaries):
            if b in got and b in case.boundaries:
                total.tp += 1
                continue
            if b in got:
                total.fp += 1
            else:
                total.fn += 1
            if errors is not None:
                what = "extra" if b in got else "missed"
                errors.append(f"{case.name}: {what} at {case.text[max(0, b - 30):b]!r} | {case.text[b:b + 20]!r}")
    return total
