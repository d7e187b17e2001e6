"""Block aliases: names that contain a state's or a person's name but are something else.

A block takes part in the longest-match contest and then yields nothing, so "Ấn Độ Dương" gives
no India and "Thành phố Hồ Chí Minh" no person.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from bluebook.gazetteer.data import LANG, read_tsv

from .helpers import ids, link

VI_BLOCKED = [
    "Hợp tác ở Ấn Độ Dương được bàn kỹ.",
    "Tầm nhìn về Ấn Độ - Thái Bình Dương rộng mở.",
    "Tầm nhìn về Ấn Độ – Thái Bình Dương rộng mở.",          # en dash
    "Diễn đàn châu Á - Thái Bình Dương họp thường niên.",
    "Đoàn đến Thành phố Hồ Chí Minh làm việc.",
    "Đoàn đến TP Hồ Chí Minh làm việc.",
    "Đoàn đến TP. Hồ Chí Minh làm việc.",
    "Đoàn đến thành phố Hồ Chí Minh làm việc.",
    "Học tập tư tưởng Chủ tịch Hồ Chí Minh về đối ngoại.",
    "Khách viếng Lăng Chủ tịch Hồ Chí Minh.",
    "Hòa bình ở Biển Đông và Đông Nam Á.",
    "Quan hệ với các nước Mỹ Latinh tiến triển.",
    "Trận đấu diễn ra trên sân Mỹ Đình.",
    "Đoàn lên tỉnh Lào Cai.",
]
EN_BLOCKED = [
    "Cooperation in the Indo-Pacific and the Indian Ocean grew.",
    "She flew to New Mexico and then to New South Wales.",
    "The Georgia Governor spoke in Atlanta, Georgia.",
    "Michael Jordan watched the game.",
    "Freedom of navigation in the South China Sea matters.",
    "He landed in Ho Chi Minh City.",
    "Peace on the Korean Peninsula and across the Taiwan Strait.",
    "Trade with Latin America rose.",
    "The United States rejoined the Paris Agreement.",
    "The Washington Post reported it.",
]


@pytest.mark.parametrize("text", VI_BLOCKED)
def test_vietnamese_blocks_yield_no_state_or_person(text):
    assert not [m for m in link(text, "vi") if m.kind in ("state", "person", "adjective", "capital")], text


@pytest.mark.parametrize("text", EN_BLOCKED)
def test_english_blocks_yield_no_state_or_person(text):
    found = [m for m in link(text, "en") if m.kind in ("state", "person", "adjective", "capital")]
    # "The United States rejoined ..." names the US itself: only the Paris part is blocked
    assert all(m.id == "USA" for m in found) and "FRA" not in ids(text, "en"), (text, found)


def test_a_block_leaves_the_names_beside_it_alone():
    assert ids("Ấn Độ và Nam Phi bàn về Ấn Độ Dương.") == ["IND", "ZAF"]
    assert ids("India joined talks on the Indian Ocean.", "en") == ["IND"]
    assert ids("Quan hệ Trung - Mỹ và Việt Nam - Mỹ.").count("USA") == 2


def test_the_late_president_named_in_honours_is_no_office_holder():
    ms = link("Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh.", "vi")
    assert not [m for m in ms if m.kind in ("title", "person")]


def test_a_name_containing_a_blocked_sea_is_still_the_state():
    # the Japan Maritime Self-Defense Force is Japan, not the Sea of Japan
    assert "JPN" in ids("Tàu của Lực lượng Phòng vệ Biển Nhật Bản cập cảng Đà Nẵng.")


def test_georgia_the_country_still_links():
    assert ids("The President of Georgia visited Hanoi.", "en").count("GEO") == 1


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_block_files_have_a_source_and_shadow_no_entity_name(lang):
    path = LANG / lang / "blocks.tsv"
    rows = read_tsv(path)
    assert rows and all(r["source"] and r["what"] for r in rows)
    header = Path(path).read_text(encoding="utf-8").split("\n", 1)[0].split("\t")
    assert header == ["alias", "what", "flags", "source"]
    # a block spelled exactly like a state or org alias would silently delete that entity
    names = {r["alias"].lower() for r in read_tsv(LANG / lang / "aliases.tsv")}
    assert not [r["alias"] for r in rows if r["alias"].lower() in names]
    keys = [r["alias"] for r in rows]
    assert len(keys) == len(set(keys))
