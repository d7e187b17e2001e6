"""The fast paths of trigger finding answer exactly as the plain regex scans they replace."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bluebook.events.candidates import _CLAUSE_BREAK, clause_start
from bluebook.events.lexicon import _ODD_FOLDS, cue_view, cues
from bluebook.gazetteer.data import LANG, read_tsv
from tests.events.news import news_paragraphs

FIELDS = ("planned", "negation", "hypothetical", "habitual", "instance", "anaphor_before", "anaphor_after",
          "sports", "invitation", "markets", "mechanism")


def _cue_words(lang: str) -> list[str]:
    return [r["pattern"] for r in read_tsv(LANG / lang / "cues.tsv")]


def _pieces() -> list[str]:
    words = _cue_words("vi") + _cue_words("en")
    return words + [w.upper() for w in words[::3]] + [w.title() for w in words[1::3]] + \
        ["Thủ tướng", "lời", "the", "an", "x", "1", " ", ", ", ".", "\n", "ĐT", "İ", "ı", "ſ", "Σ"]


def _spans(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos, len(text) if endpos is None else endpos)]


def _assert_same(text: str) -> None:
    for lang in ("vi", "en"):
        exact = cues(lang)
        view, subject = cue_view(text, lang)
        assert len(subject) == len(text)
        for name in FIELDS:
            a, b = getattr(exact, name), getattr(view, name)
            assert _spans(a, text) == _spans(b, subject), (lang, name, text)
            mid = len(text) // 2
            assert _spans(a, text, 1, mid) == _spans(b, subject, 1, mid), (lang, name, text)
            assert _spans(a, text[mid:]) == _spans(b, subject[mid:]), (lang, name, text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), min_size=1, max_size=10).map(" ".join))
def test_lower_case_cues_find_what_the_case_insensitive_ones_find(text):
    _assert_same(text)


def test_lower_case_cues_agree_on_real_news():
    for para in news_paragraphs(60, 30, 500):
        _assert_same(para)


def test_text_with_an_odd_case_fold_is_matched_the_exact_way():
    for text in ("Istanbul ı", "İzmir", "ſport"):
        view, subject = cue_view(text, "en")
        assert view is cues("en") and subject is text


def test_odd_folds_cover_every_letter_the_cue_lists_use():
    # re's IGNORECASE matches a letter to each character whose lower case it is, and to the odd ones
    # listed in _ODD_FOLDS; no other character may stand for a cue letter.
    letters = {c for lang in ("vi", "en") for w in _cue_words(lang) for c in w.lower() if c.isalpha()}
    pool = "".join(chr(i) for i in range(0x3000) if not 0xD800 <= i < 0xE000)
    found = set(re.findall("[" + re.escape("".join(sorted(letters))) + "]", pool, re.IGNORECASE))
    odd = {c for c in found if c.lower() not in letters and len(c.lower()) == 1}
    assert odd and all(_ODD_FOLDS.search(c) for c in odd)


def _clause_start_by_scan(text: str, pos: int) -> int:
    last = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, pos):
        last = m.end()
    return last


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "hội đàm", ";", ":", ",", ", nhưng", ", but", ".", ". ", " ", "\n", "whereas",
                                 "Song", "x.y", ",  while"]), min_size=1, max_size=14).map("".join))
def test_clause_start_equals_a_scan_up_to_the_position(text):
    for pos in range(len(text) + 2):
        assert clause_start(text, pos) == _clause_start_by_scan(text, pos), (text, pos)
