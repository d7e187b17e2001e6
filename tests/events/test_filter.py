"""The learned event filter: scoring, the threshold, switching it off, a broken model file."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import bluebook
from bluebook.errors import DataFileError
from bluebook.events import filter as F
from bluebook.events.features import event_features
from bluebook.models import RawDoc
from bluebook.pipeline import process

TEXT = ("Hà Nội, ngày 4/3/2021 - Sáng 3/3, Thủ tướng Nguyễn Xuân Phúc hội đàm với Thủ tướng Lào.\n\n"
        "Hai bên đã từng ký Hiệp định hợp tác năm 1995.\n")


def test_features_describe_type_date_origin_and_cues():
    with F.filter_disabled():
        doc = process(RawDoc(source="t.txt", text=TEXT), doc_date=date(2021, 3, 4))
    feats = {e.type: event_features(e, doc, len(doc.events)) for e in doc.events}
    assert "type=talks" in feats["talks"] and "origin=sentence" in feats["talks"] and "year=same" in feats["talks"]
    assert "cue=retro" in feats["agreement"] and "year=older" in feats["agreement"]


def test_threshold_drops_low_scores_and_confidence_is_the_probability(monkeypatch):
    model = F.FilterModel({"bias": 2.0, "cue=retro": -5.0}, threshold=0.5)
    monkeypatch.setattr(F, "load_model", lambda: model)
    events = bluebook.extract(TEXT, doc_date="2021-03-04")
    assert [e.type for e in events] == ["talks"]
    assert events[0].confidence == pytest.approx(0.88, abs=0.01)
    with F.filter_disabled():
        assert {e.type for e in bluebook.extract(TEXT, doc_date="2021-03-04")} == {"talks", "agreement"}


def test_no_model_file_keeps_every_candidate(tmp_path: Path):
    assert F.load_model.__wrapped__(tmp_path / "absent.json") is None


def test_broken_model_file_is_a_clear_error(tmp_path: Path):
    bad = tmp_path / "event_filter.json"
    bad.write_text('{"weights": {"bias": "high"}}', encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        F.load_model.__wrapped__(bad)
    assert "event_filter.json" in str(err.value.source)
