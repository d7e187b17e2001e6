"""Arbitrary input never crashes extraction, and what comes out is well formed and deterministic."""
from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bluebook
from bluebook.events.filter import filter_disabled
from bluebook.models import EVENT_TYPES

# Pieces of diplomatic prose mixed with noise, so generated texts reach the extractor's deeper paths.
PIECES = ["Thủ tướng", "Phạm Minh Chính", "hội đàm", "với", "Tổng thống", "Hàn Quốc", "ngày 5/6", "(", ")",
          "thăm chính thức", "Lào", "và", "Campuchia", "sẽ", "không", "ký kết", "Bản ghi nhớ", "điện mừng",
          "President", "visited", "Viet Nam", "on 3 March 2021", "signed", "Memorandum", "the ASEAN Summit",
          "telephone conversations", "(March, May and August 2020)", "70th anniversary", "diplomatic relations",
          "\n", "\n\n", ".", ",", ";", "\u0301", "\ufeff", "\x00", "🙂", "2020-2025", "tháng 13", "32/13/2024",
          "kêu gọi", "protested", "Trung Quốc", "Biển Đông", "USD", "1 triệu", "Q:", "“", "”"]
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check(text: str, events: list) -> None:
    for ev in events:
        assert ev.type in EVENT_TYPES
        assert ev.date == "" or DATE_RE.match(ev.date), ev.date
        assert ev.evidence and ev.evidence in text
        s, e = ev.evidence_span
        assert text[s:e] == ev.evidence
        assert 0.0 <= ev.confidence <= 1.0
        assert ev.id and len(ev.id) == 16


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join))
def test_prose_like_noise_never_crashes_and_evidence_is_in_the_text(text):
    events = bluebook.extract(text, doc_date=date(2021, 6, 1))
    _check(text, events)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from([None, "vi", "en"]))
def test_any_unicode_text_never_crashes(text, lang):
    events = bluebook.extract(text, doc_date=date(2021, 6, 1), lang=lang)
    _check(text, events)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=5, max_size=30).map(" ".join))
def test_extraction_is_deterministic_and_the_filter_only_removes(text):
    a = [e.to_dict() for e in bluebook.extract(text, doc_date=date(2021, 6, 1))]
    b = [e.to_dict() for e in bluebook.extract(text, doc_date=date(2021, 6, 1))]
    assert a == b
    with filter_disabled():
        everything = {e.id for e in bluebook.extract(text, doc_date=date(2021, 6, 1))}
    assert {e["id"] for e in a} <= everything
