"""The gate skips rules by substring tests: it must never lose a date (checked against ungated scans)."""
from __future__ import annotations

import gzip
import json
import re
from datetime import date
from itertools import islice

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bluebook.dates import find_dates, has_date_hint
from bluebook.dates.gate import Gate, phrases, words
from bluebook.dates.scan import candidates, rules_for, select
from tests.dates.helpers import SHARED
from tests.dates.test_dates_properties import PIECES

REFS = (date(2020, 11, 22), date(2024, 1, 2))
# Words of every rule, so random texts reach the gate's corner cases.
MORE = ["Tết Dương lịch ", "nửa đầu năm ", "cách đây ", "cuối tuần qua ", "Chủ nhật ", "mùng 3 Tết ",
        "Sept. ", "JANUARY ", "Q2 ", "H1 ", "the third quarter of ", "first six months of ", "this past ",
        "three days ago", "Friday ", "(9/2019)", "7,03/10", "tháng Mười ", "quý III ", "weekend", "hôm nay "]
texts = st.one_of(
    st.text(max_size=120),
    st.lists(st.sampled_from(PIECES + MORE), max_size=20).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES + MORE), st.text(max_size=3)), max_size=20).map("".join),
)


def _ungated(text, ref, lang):
    cands, invalid = candidates(text, ref, lang, gated=False)
    return [e for c in select(cands, invalid) for e in c.exprs]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["vi", "en"]))
def test_gated_scan_finds_what_running_every_rule_finds(text, lang):
    for ref in REFS:
        got = find_dates(text, ref, lang)
        assert got == _ungated(text, ref, lang)
        if got:
            assert has_date_hint(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Hai bên trao đổi ý kiến về hợp tác.", "vi"),
    ("The two sides exchanged views.", "en"),
    ("", "vi"),
])
def test_text_without_date_words_has_no_hint(text, lang):
    assert not has_date_hint(text, lang)
    assert find_dates(text, REFS[0], lang) == []


@pytest.mark.parametrize(("text", "lang"), [("Sáng 5/3, đoàn tới.", "vi"), ("hôm nay", "vi"),
                                            ("on 8 July", "en"), ("last week", "en")])
def test_text_with_a_date_has_a_hint(text, lang):
    assert has_date_hint(text, lang)


def test_overlapping_words_are_all_seen():
    # "another" starts where "an" does and hides "other" and "the" inside it; "cat" is absent
    gate = Gate([_R(((w,),)) for w in ("an", "another", "other", "the", "cat")])
    assert gate.active("another") == (0, 1, 2, 3)


def test_phrases_need_a_first_and_a_last_word():
    assert phrases(["hôm nay", "tuần tới"]) == (("hôm", "tuần"), ("nay", "tới"))
    assert words(["January", "JANUARY", "Sept"], ci=False) == ("=JAN", "=Jan", "=Sep")


def test_every_rule_declares_what_it_needs():
    for lang in ("vi", "en"):
        assert all(r.needs for r in rules_for(lang)[1]), lang


@pytest.mark.parametrize(("name", "lang"), [("vi-news-2024.jsonl.gz", "vi"), ("en-whitehouse-vietnam.jsonl.gz", "en")])
def test_gate_loses_nothing_on_real_sentences(name, lang):
    path = SHARED / "corpus" / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in islice(fh, 60):
            doc = json.loads(line)
            ref = date.fromisoformat(doc["date"][:10])
            for sent in re.split(r"(?<=[.!?])\s+|\n+", doc.get("text") or ""):
                got = find_dates(sent, ref, lang)
                assert got == _ungated(sent, ref, lang), sent
                assert has_date_hint(sent, lang) or not got
                n += bool(got)
    assert n > 20


class _R:
    def __init__(self, needs):
        self.needs = needs
