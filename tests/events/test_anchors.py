"""A trigger's literal anchors never skip a sentence its regex would match."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bluebook.events.anchors import anchors
from bluebook.events.lexicon import trigger_index, triggers

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "vi-news-2024.jsonl.gz"
WORDS = ["thăm", "Chuyến", "hội đàm", "Hội Đàm", "điện đàm", "talks", "Visit", "visited", "met with", "ký",
         "Hiệp định", "kỷ niệm", "anniversary", "donated", "kêu gọi", "called on", "Thủ tướng", "Lào", "the",
         "Summit", "Diễn đàn", "lên án", "phản đối", "nâng cấp quan hệ", "tiếp", "Đối tác", "(2008)", " ", ", "]


def _assert_consistent(text: str) -> None:
    low = text.lower()
    for lang in ("vi", "en"):
        tried = {id(t) for t in trigger_index(lang).candidates(low)}
        for trig in triggers(lang):
            if not trig.may_match(low):
                assert trig.pattern.search(text) is None, (trig.pattern.pattern, text)
            if id(trig) not in tried:
                assert trig.pattern.search(text) is None, ("index skipped", trig.pattern.pattern, text)


def test_anchors_of_simple_patterns():
    assert anchors("(?:hội đàm|Hội kiến)") == ("hội kiến", "hội đàm")
    assert anchors("visit(?:ed|s)? to") == ("visit",)
    assert anchors("(?:cuộc )?gặp") is None        # may start with either word: no anchor
    assert anchors(r"\d+th anniversary") is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join))
def test_anchor_skip_never_loses_a_match_on_generated_text(text):
    _assert_consistent(text)


def test_anchor_skip_never_loses_a_match_on_real_news():
    if not CORPUS.exists():
        import pytest
        pytest.skip("shared corpus not present")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= 150:
                break
            for para in json.loads(line)["text"].split("\n")[:40]:
                _assert_consistent(para[:600])
