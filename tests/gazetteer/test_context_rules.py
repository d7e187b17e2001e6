"""Context rules around short names: inside a Vietnamese name, a sports team, a street."""
from __future__ import annotations

import pytest

from .helpers import first, ids, link


@pytest.mark.parametrize("text", [
    "Bà Trương Mỹ Lan hầu tòa.",
    "Ca sĩ Mỹ Tâm biểu diễn.",
    "Diễn viên Thúy Nga tham gia.",
    "Nhà hàng của chị Phương Nga.",
])
def test_a_country_name_inside_a_vietnamese_name_is_no_state(text):
    assert not [m for m in link(text) if m.kind == "state"], text


@pytest.mark.parametrize("text,state", [
    ("Tổng thống Mỹ Joe Biden phát biểu.", "USA"),
    ("Xung đột Nga Ukraine kéo dài.", "RUS"),
    ("Mỹ và Trung Quốc đối thoại.", "USA"),
    ("Tổng thống Pháp Emmanuel Macron thăm Lào.", "FRA"),
    ("Thủ tướng thăm Lào.", "LAO"),
])
def test_the_country_is_kept_beside_a_title_an_entity_or_lower_case_words(text, state):
    assert state in ids(text)


def test_a_national_sports_team_is_no_party():
    assert ids("U23 Việt Nam thắng U23 Thái Lan, ĐT Indonesia hòa.") == []


def test_a_street_named_after_a_leader_is_no_person():
    assert not [m for m in link("Khai trương cửa hàng trên đường Võ Nguyên Giáp.") if m.kind == "person"]
    assert first(link("Đại tướng Võ Nguyên Giáp được tưởng nhớ."), "person").id == "vo-nguyen-giap"


def test_a_lower_case_word_after_a_title_is_no_name():
    ms = link("Chủ tịch FTUB đánh giá cao quan hệ.", "vi", "2024-08-12")
    assert not [m for m in ms if m.kind == "person"]


def test_a_curly_apostrophe_still_matches():
    assert ids("the Democratic People’s Republic of Korea", "en") == ["PRK"]


def test_seats_of_government_stand_for_their_state():
    assert ids("Nhà Trắng và Điện Kremlin lên tiếng.") == ["USA", "RUS"]
    assert ids("The White House and the Kremlin responded.", "en") == ["USA", "RUS"]


@pytest.mark.parametrize("text", ["Chủ tịch UBND tỉnh phát biểu.", "Chủ tịch Công ty cổ phần phát biểu."])
def test_the_head_of_a_local_body_is_not_the_state_president(text):
    title = first(link(text), "title")
    assert title.resolved == "" and not [m for m in link(text) if m.kind == "person"]


@pytest.mark.parametrize("text,pid", [
    ("Bộ trưởng Bộ Tài nguyên và Môi trường Đặng Quốc Khánh trả lời chất vấn.", "dang-quoc-khanh"),
    ("Phương Tây yêu cầu Putin rút quân.", "vladimir-putin"),
])
def test_words_that_end_like_street_or_school_words_do_not_hide_a_person(text, pid):
    assert first(link(text, "vi", "2024-05-08"), "person").id == pid


def test_a_title_followed_by_a_seat_of_government_takes_its_state():
    ms = link("Người phát ngôn Điện Kremlin Dmitry Peskov cho biết.", "vi", "2025-03-01")
    assert (ms[0].state, ms[0].resolved) == ("RUS", "dmitry-peskov")
