"""Heads of international organisations speak for their organisation, not their country.

"Tổng Thư ký Liên hợp quốc António Guterres" is the UN's side of an event, so the person's and
the title's ``state`` is the organisation's ID, which the event extractor takes as the party.
"""
from __future__ import annotations

from datetime import date

import pytest

from bluebook.gazetteer import get_gazetteer

from .helpers import first, link


@pytest.mark.parametrize("text,lang,org,pid", [
    ("Tổng Thư ký Liên hợp quốc António Guterres thăm Việt Nam.", "vi", "UN", "antonio-guterres"),
    ("Tổng Thư ký ASEAN Kao Kim Hourn thăm Việt Nam.", "vi", "ASEAN", "kao-kim-hourn"),
    ("UN Secretary-General António Guterres visited Viet Nam.", "en", "UN", "antonio-guterres"),
    ("ASEAN Secretary-General Kao Kim Hourn visited Viet Nam.", "en", "ASEAN", "kao-kim-hourn"),
    ("Tổng Giám đốc IAEA Rafael Grossi thăm Việt Nam.", "vi", "IAEA", "rafael-grossi"),
    ("The Director-General of the WTO Ngozi Okonjo-Iweala visited Hanoi.", "en", "WTO", "ngozi-okonjo-iweala"),
])
def test_the_named_head_of_an_organisation_belongs_to_it(text, lang, org, pid):
    ms = link(text, lang, "2025-03-01")
    person = first(ms, "person")
    assert (person.id, person.state) == (pid, org)
    title = first(ms, "title")
    assert (title.state, title.resolved) == (org, pid)


def test_a_generic_title_followed_by_the_organisation_takes_it():
    ms = link("Tổng Thư ký ASEAN phát biểu khai mạc.", "vi", "2025-03-01")
    assert (ms[0].state, ms[0].resolved) == ("ASEAN", "kao-kim-hourn")
    ms = link("Tổng thư ký Liên hợp quốc phát biểu.", "vi", "2025-03-01")
    assert ms[0].resolved == "antonio-guterres"


def test_the_surname_alone_belongs_to_the_organisation_while_in_office():
    assert first(link("Ông Guterres nhấn mạnh vai trò đối thoại.", "vi", "2025-03-01"), "person").state == "UN"
    # before his term he was Portugal's
    assert first(link("Ông Guterres nhấn mạnh vai trò đối thoại.", "vi", "2010-03-01"), "person").state == "PRT"


def test_a_person_without_a_date_belongs_where_their_open_office_is():
    gaz = get_gazetteer()
    assert gaz.person_state(gaz.person("antonio-guterres"), None) == "UN"
    assert gaz.person_state(gaz.person("barack-obama"), None) == "USA"


def test_a_national_party_head_stays_with_the_state():
    ms = link("Tổng Bí thư Đảng Cộng sản Trung Quốc gửi điện mừng.", "vi", "2025-03-01")
    assert (ms[0].state, ms[0].resolved) == ("CHN", "xi-jinping")


def test_the_chair_of_another_body_is_not_the_state_president():
    # "Chủ tịch" + a trade union: the union's chair, whom the tenure table does not know
    ms = link("Chủ tịch FTUB đánh giá cao quan hệ hai nước.", "vi", "2024-08-12")
    assert (ms[0].id, ms[0].state, ms[0].resolved) == ("PRES", "BLR", "")


@pytest.mark.parametrize("office,org,when", [
    ("SEC_GEN", "UN", "2024-06-01"), ("SEC_GEN", "UN", "2026-01-01"),
    ("SEC_GEN", "ASEAN", "2024-06-01"), ("SEC_GEN", "ASEAN", "2025-12-01"),
])
def test_organisation_offices_have_one_holder_in_2024_to_2026(office, org, when):
    holders = get_gazetteer().data.holders(office, org, date.fromisoformat(when))
    assert len(holders) == 1


@pytest.mark.parametrize("text,lang,when,pid,state", [
    ("Vice President Harris met the delegation.", "en", "2023-05-01", "kamala-harris", "USA"),
    ("President Yoon welcomed the delegation.", "en", "2023-05-01", "yoon-suk-yeol", "KOR"),
    ("Thủ tướng Dũng tiếp đoàn.", "vi", "2015-05-01", "nguyen-tan-dung", "VNM"),
])
def test_part_of_the_holders_name_after_a_title_links_the_holder(text, lang, when, pid, state):
    person = first(link(text, lang, when), "person")
    assert (person.id, person.state) == (pid, state)


def test_part_of_a_name_after_a_former_title_links_nobody():
    assert first(link("Former President Yoon spoke.", "en", "2023-05-01"), "person").id == ""
