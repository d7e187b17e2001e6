"""The snippet scan looks only near the query's words, yet picks the same window, text and highlights
as the plain method (fold everything, cut every word, compare each); long texts fold through an
array of code points, with the same result as str.translate."""
from __future__ import annotations

import gzip
import json
import random
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bluebook.search.fold import TOKEN, fold, fold_with_map, tokens
from bluebook.search.query import parse_query
from bluebook.search.snippets import ELLIPSIS, MAX_SCAN_CHARS, make_snippet

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


@lru_cache(maxsize=64)
def plain_fold_with_map(s: str) -> tuple[str, list[int]]:
    out, where = [], []
    for i, c in enumerate(s):
        f = fold(c)
        out.append(f)
        where.extend([i] * len(f))
    where.append(len(s))
    return "".join(out), where


def plain_snippet(text: str, terms: list[str], phrases: list[list[str]] | None = None,
                  width: int = 30) -> tuple[str, list[tuple[int, int]], int, int]:
    """The word-by-word method the scan replaced, kept here as the reference."""
    phrases = [p for p in (phrases or []) if p]
    head = text[:MAX_SCAN_CHARS]
    folded, fmap = plain_fold_with_map(head)
    spans = [m.span() for m in TOKEN.finditer(folded)]
    words = TOKEN.findall(folded)
    wanted = set(terms)
    found = [(i, i + 1, w) for i, w in enumerate(words) if w in wanted]
    for ph in phrases:
        found += [(i, i + len(ph), " ".join(ph)) for i in range(len(words) - len(ph) + 1) if words[i:i + len(ph)] == ph]
    found.sort()
    if not spans:
        return head[:240], [], 0, len(head[:240])
    best_first, best_key, counts, j = 0, (-1, -1), Counter(), 0
    for i, (first, _, _) in enumerate(found):
        while j < len(found) and found[j][1] <= first + width:
            counts[found[j][2]] += 1
            j += 1
        if (len(counts), j - i) > best_key:
            best_first, best_key = first, (len(counts), j - i)
        if i < j:
            counts[found[i][2]] -= 1
            if not counts[found[i][2]]:
                del counts[found[i][2]]
        else:
            j = i + 1
    first = max(0, min(best_first - 3, len(spans) - width)) if found else 0
    last = min(len(spans), first + width) - 1
    start = 0 if first == 0 else fmap[spans[first][0]]
    end = len(head) if last == len(spans) - 1 else fmap[spans[last][1]]
    prefix, suffix = (ELLIPSIS if start > 0 else ""), (ELLIPSIS if end < len(text) else "")
    marks = [(fmap[spans[a][0]] - start + len(prefix), fmap[spans[b - 1][1]] - start + len(prefix))
             for a, b, _ in found if a >= first and b - 1 <= last]
    return prefix + text[start:end] + suffix, marks, start, end


WORDS = ["hội", "đàm", "thủ", "tướng", "lào", "Lào", "viet", "Việt", "nam", "a", "an", "ban", "foo_bar", "x",
         "2024", "ß", "Đà", "Nẵng", "đàm_phán", "HỘI", "talks", "held"]
SEPS = [" ", " ", " ", ", ", ". ", "\n\n", " - ", "_", "…", "  "]


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(SEPS) for _ in range(n))


def test_the_scan_matches_the_plain_method_on_generated_texts() -> None:
    rng = random.Random(7)
    for _ in range(400):
        text = _text(rng, rng.choice([0, 1, 5, 40, 300, 2000]))
        if rng.random() < 0.2:
            text = unicodedata.normalize("NFD", text)
        words = tokens(fold(text)) or ["lao"]
        terms = [rng.choice(words) for _ in range(rng.choice([0, 1, 2, 3]))] + rng.choice([[], ["khong"], ["A"]])
        phrases = [words[i:i + rng.choice([1, 2, 3])] for i in [rng.randrange(len(words))]] if rng.random() < .5 else []
        phrases += [["a", "a"]] if rng.random() < .2 else []
        assert make_snippet(text, terms, phrases) == plain_snippet(text, terms, phrases)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS + SEPS + ["lào", "nam"]), max_size=120),
       st.lists(st.sampled_from(["lao", "nam", "a", "viet", "ß", "ss", "da", "nang"]), max_size=3))
def test_the_scan_matches_the_plain_method_on_any_mix(parts: list[str], terms: list[str]) -> None:
    text = "".join(parts)
    assert make_snippet(text, terms, [terms[:2]]) == plain_snippet(text, terms, [terms[:2]])


def test_far_apart_occurrences_and_window_edges_agree() -> None:
    filler = "một hai ba bốn năm sáu bảy tám chín mười " * 30
    for text in (filler + "Lào " + filler + "Lào hội đàm " + filler,      # gaps longer than the window
                 "Lào " + filler, filler + "cuối cùng là Lào.",             # the window at either end
                 "x" * 5000 + " Lào " + "y" * 3000,                        # words longer than the gap estimate
                 "Lào hội đàm. " * 200):                                   # occurrences in every window
        for terms, phrases in ((["lao"], []), (["lao", "hoi"], [["hoi", "dam"]]), ([], [["lao", "hoi"]])):
            assert make_snippet(text, terms, phrases) == plain_snippet(text, terms, phrases)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_the_scan_matches_the_plain_method_on_real_news() -> None:
    rng = random.Random(3)
    texts: list[str] = []
    for path in sorted(CORPUS.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            lines = [line for i, line in zip(range(600), f, strict=False) if i % 23 == 0]
        texts += [json.loads(line)["text"] for line in lines]
    assert texts
    for text in texts:
        words = tokens(fold(text)) or ["x"]
        queries = [parse_query(q) for q in ("viet nam", '"viet nam"', "the", "thu tuong", rng.choice(words))]
        for pq in queries:
            assert make_snippet(text, pq.terms, pq.phrases) == plain_snippet(text, pq.terms, pq.phrases)


def test_long_texts_fold_through_the_array_as_translate_does() -> None:
    base = "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Lào tại Đà Nẵng. " * 10
    for text in (base, base.upper(), base + "\x00" * 300, "İ" * 300, "Σ ΣΑΣ " * 60, "😀 Đà " * 100,
                 "\ud800x" * 200, unicodedata.normalize("NFD", base), base + "Straße æ œ ł ø", "ǅ" * 300):
        expected, where = plain_fold_with_map(text)
        got, got_map = fold_with_map(text)
        assert got == expected == fold(text)
        assert (got_map or list(range(len(text) + 1))) == where
