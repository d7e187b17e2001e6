"""Summary lines follow every field they are made from, though each distinct line is made once."""
from __future__ import annotations

from bluebook.events.summary import summarise
from bluebook.gazetteer import get_gazetteer
from bluebook.models import Event


def _lines(**kw) -> tuple[str, str]:
    ev = Event(type=kw.pop("type", "visit"), date="2021-03", parties=kw.pop("parties", ["VNM", "JPN"]), evidence="", **kw)
    summarise(ev, get_gazetteer())
    return ev.summary_en, ev.summary_vi


def test_each_field_of_a_summary_changes_it():
    base = _lines()
    assert base == _lines()                                   # asked again: the same line
    assert _lines(parties=["VNM", "FRA"]) != base
    assert _lines(planned=True) != base
    assert _lines(type="talks") != base
    assert _lines(persons=["Pham Minh Chinh"], persons_original=["Phạm Minh Chính"]) != base


def test_viet_nam_acts_first_whatever_the_order_of_parties():
    assert _lines(parties=["JPN", "VNM"]) == _lines(parties=["VNM", "JPN"])


def test_the_summary_actor_is_viet_nams_person_when_viet_nam_takes_part():
    from bluebook import extract

    text = "On 9 January 2020, Deputy Prime Minister Pham Binh Minh met UN Secretary-General Antonio Guterres in New York."
    ev = [e for e in extract(text, doc_date="2020-01-10", lang="en") if e.type == "talks"][0]
    assert ev.summary_en == "Pham Binh Minh held talks with United Nations"
    assert ev.summary_vi == "Pham Binh Minh hội đàm với Liên hợp quốc"     # the name as the text writes it


def test_a_foreign_senders_message_is_summarised_from_the_sender():
    from bluebook import extract

    text = ("Ngày 2/9, Tổng thống Indonesia Joko Widodo và Thủ tướng Singapore Lý Hiển Long gửi điện chúc mừng "
            "Chủ tịch nước Võ Văn Thưởng nhân dịp Quốc khánh Việt Nam.")
    lines = sorted(e.summary_en for e in extract(text, doc_date="2023-09-03", lang="vi") if e.type == "message")
    assert lines == ["Indonesia sent a message to Viet Nam", "Singapore sent a message to Viet Nam"]
