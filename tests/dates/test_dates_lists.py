"""Lists sharing one month or year at the end give one expression per item, on the item's own words."""
from __future__ import annotations

import pytest

from tests.dates.helpers import found

REF = "2020-11-22"

VI_LISTS = [
    ("ba cuộc điện đàm (tháng 3, tháng 5 và tháng 8/2020)",
     [("tháng 3", "2020-03", None), ("tháng 5", "2020-05", None), ("tháng 8/2020", "2020-08", None)]),
    ("hai đoàn sang thăm vào tháng 3, 5 và 8/2020",
     [("tháng 3", "2020-03", None), ("5", "2020-05", None), ("8/2020", "2020-08", None)]),
    ("các cuộc gặp trong tháng 4 và tháng 6 năm nay",
     [("tháng 4", "2020-04", None), ("tháng 6 năm nay", "2020-06", None)]),
    ("từ tháng 11, 12.2019 đến nay", [("tháng 11", "2019-11", None), ("12.2019", "2019-12", None)]),
    # the year written at the end runs back over the turn of the year
    ("tháng 11, 12 và tháng 1/2021",
     [("tháng 11", "2020-11", None), ("12", "2020-12", None), ("tháng 1/2021", "2021-01", None)]),
    ("các phiên họp diễn ra các ngày 3, 5 và 8/10",
     [("các ngày 3", "2020-10-03", None), ("5", "2020-10-05", None), ("8/10", "2020-10-08", None)]),
    ("Hai bên gặp nhau ngày 3 và 5/10/2019.", [("ngày 3", "2019-10-03", None), ("5/10/2019", "2019-10-05", None)]),
    ("ngày 4 và 9 tháng 6 năm 2019", [("ngày 4", "2019-06-04", None), ("9 tháng 6 năm 2019", "2019-06-09", None)]),
    # a day larger than the next one lies in the month before
    ("các ngày 29, 31 và 2/11", [("các ngày 29", "2020-10-29", None), ("31", "2020-10-31", None),
                                 ("2/11", "2020-11-02", None)]),
    # days that run on are one event over several days
    ("Hội nghị họp ngày 20 và 21/9.", [("ngày 20 và 21/9", "2020-09-20", "2020-09-21")]),
    ("từ ngày 26 đến 28/10", [("từ ngày 26 đến 28/10", "2020-10-26", "2020-10-28")]),
    ("từ 31/10 đến 5/11/2020", [("từ 31/10 đến 5/11/2020", "2020-10-31", "2020-11-05")]),
]

EN_LISTS = [
    ("three calls (March, May and August 2019)",
     [("March", "2019-03", None), ("May", "2019-05", None), ("August", "2019-08", None)]),
    ("in March and May 2019", [("March", "2019-03", None), ("May", "2019-05", None)]),
    ("they met on 3 and 5 October", [("3", "2020-10-03", None), ("5 October", "2020-10-05", None)]),
    ("sessions on 3, 5 and 8 October 2019",
     [("3", "2019-10-03", None), ("5", "2019-10-05", None), ("8 October 2019", "2019-10-08", None)]),
    ("hearings on July 7, 9, and 14, 2019",
     [("July 7", "2019-07-07", None), ("9", "2019-07-09", None), ("14, 2019", "2019-07-14", None)]),
    ("on 26 and 27 October", [("26 and 27 October", "2020-10-26", "2020-10-27")]),
    ("between 3 and 5 October", [("between 3 and 5 October", "2020-10-03", "2020-10-05")]),
    ("26-28 October 2019", [("26-28 October 2019", "2019-10-26", "2019-10-28")]),
    ("from 30 November to 2 December", [("from 30 November to 2 December", "2020-11-30", "2020-12-02")]),
]


@pytest.mark.parametrize(("text", "expected"), VI_LISTS, ids=[c[0][:40] for c in VI_LISTS])
def test_vietnamese_list_items_get_their_own_dates(text, expected):
    assert found(text, REF, "vi") == expected


@pytest.mark.parametrize(("text", "expected"), EN_LISTS, ids=[c[0][:40] for c in EN_LISTS])
def test_english_list_items_get_their_own_dates(text, expected):
    assert found(text, REF, "en") == expected


def test_a_count_after_a_month_is_no_list():
    assert found("trong tháng 3 và 5 người bị thương", REF) == [("tháng 3", "2021-03", None)]


def test_a_decimal_mark_is_no_list_of_days():
    assert found("chấm 7,03/10 điểm", REF) == []


def test_list_items_are_separated_only_by_commas_and_and():
    text = "các ngày 3, 5 và 8/10"
    got = found(text, REF)
    gaps = [text[text.index(a[0]) + len(a[0]):text.index(b[0], text.index(a[0]) + len(a[0]))]
            for a, b in zip(got, got[1:], strict=False)]
    assert [g.strip() for g in gaps] == [",", "và"]
