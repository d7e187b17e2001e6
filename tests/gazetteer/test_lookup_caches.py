"""Remembered answers of the gazetteer's lookups are the answers, and callers get their own lists."""
from __future__ import annotations

from datetime import date

from bluebook.gazetteer import fold_name, get_gazetteer
from bluebook.gazetteer.data import load_data


def test_holders_and_offices_are_the_same_when_asked_again_and_lists_are_fresh():
    data = load_data()
    when = date(2021, 6, 1)
    first = data.holders("PM", "VNM", when)
    assert [p.id for p in first] == [p.id for p in data.holders("PM", "VNM", when)]
    first.clear()                                   # a caller's list is its own
    assert data.holders("PM", "VNM", when)
    person = data.holders("PM", "VNM", when)[0].id
    assert data.offices_of(person, when) == [t for t in data.by_person[person] if t.covers(when)]


def test_person_state_is_the_same_when_asked_again():
    gaz = get_gazetteer()
    p = next(iter(gaz.data.persons.values()))
    when = date(2020, 1, 1)
    assert gaz.person_state(p, when) == gaz._person_state(p, when) == gaz.person_state(p, when)


def test_fold_name_drops_marks_and_keeps_case():
    assert fold_name("Nguyễn Xuân Phúc") == "Nguyen Xuan Phuc"
    assert fold_name("Đặng Thị Ngọc Thịnh") == "Dang Thi Ngoc Thinh"
