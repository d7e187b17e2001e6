"""Behaviour of the extractor on short texts of our own, one case per rule."""
from __future__ import annotations

import pytest

from bluebook import extract


def _one(text: str, date: str, lang: str | None = None, type_: str | None = None):
    evs = extract(text, doc_date=date, lang=lang)
    if type_:
        evs = [e for e in evs if e.type == type_]
    return evs


CASES = [
    # text, doc date, type, date, partner that must be among the parties
    ("Chiều 14/3, tại Hà Nội, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Lào Sonexay Siphandone.",
     "2024-03-15", "talks", "2024-03-14", "LAO"),
    ("Tối 2/9, Bộ trưởng Ngoại giao Bùi Thanh Sơn điện đàm với Ngoại trưởng Nhật Bản.",
     "2023-09-03", "phone_call", "2023-09-02", "JPN"),
    ("Từ ngày 26 đến 28/10, Thủ tướng Phạm Minh Chính tham dự Hội nghị Cấp cao ASEAN lần thứ 43.",
     "2023-10-29", "conference", "2023-10-26", "ASEAN"),
    ("Hai nước đã ký kết Bản ghi nhớ về hợp tác nông nghiệp giữa Việt Nam và Ô-xtrây-li-a ngày 5/3.",
     "2024-03-06", "agreement", "2024-03-05", "AUS"),
    ("Ngày 12/8, Chính phủ Nhật Bản đã trao tặng Việt Nam 1 triệu liều vaccine phòng COVID-19.",
     "2021-08-13", "aid", "2021-08-12", "JPN"),
    ("Nhân dịp Quốc khánh Cu-ba, Chủ tịch nước Võ Văn Thưởng đã gửi điện mừng tới Chủ tịch Cu-ba.",
     "2023-01-01", "message", "2023-01", "CUB"),
    ("Hoa Kỳ vào ngày 22/11 đã chính thức rút khỏi Hiệp ước Bầu trời Mở.",
     "2020-11-23", "withdrawal", "2020-11-22", "USA"),
    ("Người phát ngôn Bộ Ngoại giao Việt Nam kiên quyết phản đối việc Trung Quốc tập trận ở quần đảo Hoàng Sa.",
     "2024-07-05", "accusation", "2024-07", "CHN"),
    ("Prime Minister Pham Minh Chinh held talks with Japanese Prime Minister Kishida Fumio in Tokyo on 27 November 2023.",
     "2023-11-28", "talks", "2023-11-27", "JPN"),
    ("Secretary Blinken spoke today with Vietnamese Foreign Minister Bui Thanh Son about the Mekong region.",
     "2022-05-10", "phone_call", "2022-05-10", "USA"),
    ("Viet Nam and Australia upgraded their relations to a Comprehensive Strategic Partnership in March 2024.",
     "2024-06-01", "upgrade", "2024-03", "AUS"),
]


@pytest.mark.parametrize("text,doc_date,type_,date,partner", CASES)
def test_extracts_event_with_date_and_partner(text, doc_date, type_, date, partner):
    evs = _one(text, doc_date, type_=type_)
    assert evs, f"no {type_} event in: {text}"
    ev = evs[0]
    assert ev.date == date
    assert partner in ev.parties
    assert ev.evidence and ev.evidence in text


def test_visit_to_two_countries_is_two_events():
    evs = _one("Tháng 11/2021, Thủ tướng Phạm Minh Chính thăm Anh và Pháp.", "2021-12-01", type_="visit")
    assert sorted(p for e in evs for p in e.parties if p != "VNM") == ["FRA", "GBR"]


def test_month_list_gives_one_event_per_month():
    evs = _one("The Prime Ministers of Viet Nam and Japan held three telephone conversations (March, May and August 2020).",
               "2020-12-31", lang="en", type_="phone_call")
    assert sorted(e.date for e in evs) == ["2020-03", "2020-05", "2020-08"]


def test_planned_visit_is_marked_planned():
    evs = _one("Thủ tướng Phạm Minh Chính sẽ thăm chính thức Ấn Độ vào tuần tới.", "2024-07-24", type_="visit")
    assert evs and evs[0].planned


def test_negated_attendance_gives_nothing():
    assert not _one("Tổng thống Nga không tham dự Hội nghị thượng đỉnh G20 năm nay.", "2023-09-01",
                    type_="conference")


def test_sports_and_prices_give_no_events():
    text = ("Đội tuyển Việt Nam thắng Indonesia 3-0 tối 26/3 trên sân Mỹ Đình. "
            "Giá vàng SJC hôm nay tăng 500.000 đồng mỗi lượng.")
    assert _one(text, "2024-03-27") == []


def test_event_mentioned_twice_is_one_event():
    text = ("Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Thái Lan.\n\n"
            "Chiều 17/5, tại Hà Nội, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Thái Lan Srettha Thavisin.")
    evs = _one(text, "2024-05-18", type_="talks")
    assert len(evs) == 1 and evs[0].date == "2024-05-17"


def test_counterpart_of_a_country_is_that_country():
    evs = _one("Ngày 6/7, Bộ trưởng Bùi Thanh Sơn hội đàm với người đồng cấp Nga.", "2023-07-07", type_="talks")
    assert evs and "RUS" in evs[0].parties and "VNM" in evs[0].parties


def test_events_carry_summaries_in_both_languages():
    ev = _one("Chiều 14/3, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Lào.", "2024-03-15", type_="talks")[0]
    assert "Lào" in ev.summary_vi and "Laos" in ev.summary_en


def test_output_is_deterministic():
    text = "Chiều 14/3, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Lào. Hai bên ký Bản ghi nhớ hợp tác."
    a = [e.to_dict() for e in extract(text, doc_date="2024-03-15")]
    b = [e.to_dict() for e in extract(text, doc_date="2024-03-15")]
    assert a == b and len({e["id"] for e in a}) == len(a)
