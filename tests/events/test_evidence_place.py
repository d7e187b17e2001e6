"""The place of an event: "tại/ở/in/at" and a capitalised name, read as the plain pattern reads it."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bluebook.events.evidence import _PLACE

_NAME = r"((?:thủ đô\s+)?(?:[A-ZĐ][\wÀ-ỹđ'’\-]*)(?:[ -][A-ZĐ][\wÀ-ỹđ'’\-]*){0,3})"
_PLAIN = re.compile(r"\b(?:tại|ở|in|at)\s+" + _NAME)


def _found(p: re.Pattern[str], text: str) -> tuple | None:
    m = p.search(text)
    return m and (m.span(), m.group(1))


def test_place_after_tai_in_and_at():
    assert _found(_PLACE, "Hội đàm diễn ra tại Hà Nội ngày 5/3")[1] == "Hà Nội"
    assert _found(_PLACE, "They met in Tokyo on Monday")[1] == "Tokyo"
    assert _found(_PLACE, "the talks at the White House") is None
    assert _found(_PLACE, "cat Mexico") is None          # "at" inside a word is no preposition


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["tại", "ở", "in", "at", "cat", "Tại", "Hà", "Nội", "x", " ", "  ", "-", "Đà",
                                 "thủ đô", "\n", "Ở"]), max_size=10).map(" ".join))
def test_fast_place_pattern_reads_as_the_plain_one(text):
    assert _found(_PLACE, text) == _found(_PLAIN, text)
