"""Empty periods, odd events and bad arguments: a clear report or a coded error, never a traceback."""
from __future__ import annotations

import fixtures as F
import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bluebook.errors import BadDateError, ConfigError
from bluebook.models import EVENT_TYPES
from bluebook.report import ReportEvent, SourceRef, build_report, render


@pytest.mark.parametrize("lang, says", [("en", "No events were recorded in this period."),
                                        ("vi", "Không có sự kiện nào được ghi nhận trong giai đoạn này.")])
def test_an_empty_period_gives_a_report_that_says_so(gaz, lang, says, tmp_path):
    r = build_report(F.events(), lang=lang, period=("2019", "2019"), gazetteer=gaz)
    assert r.empty and r.regions == [] and r.chronology == [] and r.notes == [] and r.charts == []
    assert r.overview.summary == says
    for fmt in ("md", "html", "docx"):
        out = render(r, fmt, out=tmp_path / f"empty.{fmt}")
        if fmt == "docx":
            assert says in [p.text for p in Document(str(out)).paragraphs]
        else:
            assert says in out.read_text(encoding="utf-8")
    assert render(r, "pdf").startswith(b"%PDF")


def test_no_events_at_all_and_no_period(gaz):
    r = build_report([], gazetteer=gaz)
    assert r.empty and r.period_label == "" and r.title == "Viet Nam Diplomatic Bluebook"
    assert "No events were recorded" in render(r, "md")


def test_unknown_ids_people_and_places_still_render(gaz):
    ev = ReportEvent(id="x", type="talks", date="2020-02", parties=["VNM", "ZZZ"], persons=["Jane Q. Nobody"],
                     location="Atlantis", sources=[SourceRef(title="A note", file="notes/a.txt", evidence="Met.")])
    r = build_report([ev], gazetteer=gaz, charts=False)
    assert r.regions[0].code == "OTHER"
    assert r.regions[0].partners[0].lines[0].text == "Talks between Viet Nam and Jane Q. Nobody of ZZZ in Atlantis (February 2020)"


def test_bad_periods_are_coded_errors(gaz):
    with pytest.raises(BadDateError):
        build_report([], period=("last spring", None), gazetteer=gaz)
    with pytest.raises(BadDateError, match="before it starts"):
        build_report([], period=("2021", "2020"), gazetteer=gaz)
    with pytest.raises(ConfigError, match="--lang"):
        build_report([], lang="fr", gazetteer=gaz)


_ids = st.sampled_from(["VNM", "LAO", "JPN", "UNSC", "CPV", "AIPA", "EU", "ZZZ", "", "vnm", "A" * 40])
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
_dates = st.one_of(st.sampled_from(["2020", "2020-02", "2020-02-30", "2020-13", "20", "", "2020-05-05"]), _text)
_events = st.builds(
    ReportEvent, id=_text, type=st.sampled_from([*EVENT_TYPES, "party"]), date=_dates,
    parties=st.lists(_ids, max_size=4), date_end=st.one_of(st.none(), _dates),
    persons=st.lists(st.one_of(st.sampled_from(["Nguyen Xuan Phuc", "Shinzo Abe"]), _text), max_size=3),
    location=st.one_of(st.none(), _text), planned=st.booleans(),
    sources=st.lists(st.builds(SourceRef, title=_text, outlet=_text, date=_dates, url=_text, file=_text,
                               evidence=_text, lang=st.sampled_from(["en", "vi", ""])), max_size=2))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=st.lists(_events, max_size=6), lang=st.sampled_from(["en", "vi"]))
def test_arbitrary_events_never_crash_markdown_html_or_docx(gaz, events, lang):
    r = build_report(events, lang=lang, gazetteer=gaz, charts=False)
    assert isinstance(render(r, "md"), str)
    assert isinstance(render(r, "html"), str)
    assert render(r, "docx")[:2] == b"PK"
