"""Dates as the Bluebook writes them, per language."""
from __future__ import annotations

from datetime import date

import pytest

from bluebook.report.dates import DateFormat
from bluebook.report.langdata import labels


def fmt(lang: str) -> DateFormat:
    return DateFormat(lang, labels(lang))


@pytest.mark.parametrize("iso, end, en, vi", [
    ("2020-11-22", None, "22 November 2020", "ngày 22/11/2020"),
    ("2020-05", None, "May 2020", "tháng 5/2020"),
    ("2020", None, "2020", "năm 2020"),
    ("2020-10-26", "2020-10-28", "26-28 October 2020", "ngày 26-28/10/2020"),
    ("2020-10-31", "2020-11-05", "31 October - 5 November 2020", "ngày 31/10 - 5/11/2020"),
    ("2020-03", "2020-05", "March-May 2020", "tháng 3-5/2020"),
    ("2020-12-30", "2021-01-02", "30 December 2020 - 2 January 2021", "ngày 30/12/2020 - ngày 2/1/2021"),
    ("2020-05-02", "2020-05-01", "2 May 2020", "ngày 2/5/2020"),       # an end before the start is dropped
])
def test_one_date_per_language(iso, end, en, vi):
    assert fmt("en").one(iso, end) == en
    assert fmt("vi").one(iso, end) == vi


def test_merged_months_share_one_year():
    spans = [("2020-03", None), ("2020-05", None), ("2020-08", None)]
    assert fmt("en").many(spans) == "March, May and August 2020"
    assert fmt("vi").many(spans) == "tháng 3, tháng 5 và tháng 8/2020"


def test_merged_days_and_years_are_grouped_and_repeats_dropped():
    spans = [("2021-01", None), ("2020-12", None), ("2020-12", None), ("2020", None)]
    assert fmt("en").many(spans) == "December 2020; January 2021"
    assert fmt("vi").many([("2020-01-16", None), ("2020-09-02", None)]) == "ngày 16/1 và ngày 2/9/2020"


def test_periods():
    assert fmt("en").period(date(2020, 1, 1), date(2020, 12, 31)) == "2020"
    assert fmt("vi").period(date(2020, 1, 1), date(2020, 12, 31)) == "năm 2020"
    assert fmt("en").period(date(2020, 1, 1), date(2020, 6, 30)) == "January-June 2020"
    assert fmt("vi").period(date(2020, 1, 1), date(2020, 6, 30)) == "tháng 1-6/2020"


def test_unparsable_dates_are_shown_as_given_not_crashed_on():
    assert fmt("en").one("sometime") == "sometime"
    assert fmt("vi").many([("garbage", None)]) == ""
